// restoreBackup() of rehabit/store/Backups.h: a verified backup replaces the
// database in one rename, under the database's lock, after the current file
// is kept as a copy (docs/storage.md, "Restoring a backup").

#include "DamageMarkFile.h"
#include "DatabaseBackup.h"
#include "DatabaseLock.h"
#include "DurableFile.h"
#include "QuickCheckStamp.h"

#include "rehabit/store/Backups.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::SqliteStore", text);
}

/// Files SQLite keeps beside a database: applied to the restored file they would damage it.
const QStringList CompanionSuffixes = {u"-wal"_s, u"-shm"_s, u"-journal"_s};

void removeWithCompanions(const QString &path)
{
    QFile::remove(path);
    for (const QString &suffix : CompanionSuffixes)
        QFile::remove(path + suffix);
}

/// Folds the WAL beside `path` into it (a checkpoint) and leaves it a single
/// file in rollback-journal mode, synced (synchronous = FULL): no -wal or
/// -shm file is left.
bool foldWal(const QString &path, QString *error)
{
    const QString name = u"rehabit-restore-fold"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(u"PRAGMA synchronous = FULL"_s) && query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s)
                 && query.next() && query.value(0).toInt() == 0;
            query.finish();
            ok = ok && query.exec(u"PRAGMA journal_mode = DELETE"_s) && query.next()
                 && query.value(0).toString().compare(u"delete"_s, Qt::CaseInsensitive) == 0;
            if (!ok)
                *error = query.lastError().isValid() ? query.lastError().text() : tr("the checkpoint did not complete");
            query.finish();
            db.close();
        } else {
            *error = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok && !QFileInfo::exists(path + u"-wal"_s);
}

} // namespace

Result<RestoreOutcome> restoreBackup(const QString &databasePath, const QString &backupPath, const QDateTime &now)
{
    const QString database = QFileInfo(databasePath).absoluteFilePath();
    const QString backup = QFileInfo(backupPath).absoluteFilePath();
    const QString nothing = tr("Nothing was changed.");
    if (databasePath.trimmed().isEmpty())
        return Error{tr("No database file was given."), QString()};
    if (backup == database)
        return Error{tr("%1 is the database itself, not a backup of it.").arg(shown(backup)), QString()};
    const QString folder = QFileInfo(database).absolutePath();
    if (!QFileInfo(folder).isDir())
        return Error{tr("The folder %1 of the database does not exist. %2").arg(shown(folder), nothing), QString()};
    if (QFileInfo(database).isDir())
        return Error{tr("%1 is a folder, not a database file. %2").arg(shown(database), nothing), QString()};

    // 1. The backup, before anything is touched.
    if (auto verified = DatabaseBackup::verify(backup, std::nullopt); !verified)
        return Error{verified.error().message + u' ' + tr("It cannot be restored. %1").arg(nothing), QString()};

    // 2. No program may have the database open meanwhile.
    auto lock = DatabaseLock::acquire(database);
    if (!lock)
        return Error{tr("The backup was not restored: %1").arg(lock.error().message), QString()};

    // 3. The copy, beside the database so that the rename is atomic, checked again.
    const QString copy = DatabaseBackup::restoreCopyPath(database);
    if (QFileInfo::exists(copy) && !QFile::remove(copy))
        return Error{tr("The unfinished copy %1 of an earlier restore cannot be removed. %2").arg(shown(copy), nothing),
                     QString()};
    for (const QString &suffix : CompanionSuffixes) // of a copy whose WAL a killed restore was folding
        QFile::remove(copy + suffix);
    QString reason;
    if (!DurableFile::copy(backup, copy, &reason))
        return Error{
            tr("The backup %1 cannot be copied to %2 (%3). %4").arg(shown(backup), shown(copy), reason, nothing),
            QString()};
    // A backup with a WAL of its own (a before-restore copy keeps the
    // database's): the WAL is copied too and folded into the copy, so that
    // the restored file is the whole database verified in step 1, in one file.
    if (QFileInfo(backup + u"-wal"_s).size() > 0) {
        const bool folded = DurableFile::copy(backup + u"-wal"_s, copy + u"-wal"_s, &reason) && foldWal(copy, &reason);
        if (!folded) {
            removeWithCompanions(copy);
            return Error{tr("The write-ahead log %1 of the backup cannot be put into its copy %2 (%3). %4")
                             .arg(shown(backup + u"-wal"_s), shown(copy), reason, nothing),
                         QString()};
        }
    }
    if (auto verified = DatabaseBackup::verify(copy, std::nullopt); !verified) {
        QFile::remove(copy);
        return Error{tr("The copy of the backup failed its check: %1 %2").arg(verified.error().message, nothing),
                     QString()};
    }

    // 4. The current database (with what its WAL holds) is kept, never overwritten.
    RestoreOutcome outcome;
    outcome.restoredFrom = backup;
    const QString wal = database + u"-wal"_s;
    const bool hasDatabase =
        QFileInfo(database).isFile() && (QFileInfo(database).size() > 0 || QFileInfo(wal).size() > 0);
    if (hasDatabase) {
        const QString safety = DatabaseBackup::path(database, BackupKind::BeforeRestore, 0, now);
        const QString safetyFolder = QFileInfo(safety).absolutePath();
        const auto failed = [&](const QString &why) -> Error {
            QFile::remove(copy);
            QFile::remove(safety);
            QFile::remove(safety + u"-wal"_s);
            return Error{tr("The current database %1 could not be kept as %2 (%3), so the backup was not restored. %4")
                             .arg(shown(database), shown(safety), why, nothing),
                         QString()};
        };
        if (!QDir().mkpath(safetyFolder))
            return failed(tr("the folder cannot be created"));
        if (QFileInfo::exists(safety))
            return failed(tr("that file already exists"));
        if (!DurableFile::copy(database, safety, &reason))
            return failed(reason);
        if (QFileInfo(wal).size() > 0 && !DurableFile::copy(wal, safety + u"-wal"_s, &reason))
            return failed(reason);
        DurableFile::syncFolder(safetyFolder);
        outcome.safetyCopy = safety;
    }

    // 5. The old database's journal files go first: left beside the restored
    // file, SQLite would apply them to it. Then one rename replaces the file.
    for (const QString &suffix : CompanionSuffixes) {
        const QString companion = database + suffix;
        if (QFileInfo::exists(companion) && !QFile::remove(companion)) {
            QFile::remove(copy);
            return Error{tr("%1 cannot be removed, so the backup was not restored. %2")
                             .arg(shown(companion),
                                  outcome.safetyCopy.isEmpty()
                                      ? nothing
                                      : tr("The database is kept as it was in %1.").arg(shown(outcome.safetyCopy))),
                         QString()};
        }
    }
    if (!DurableFile::replace(copy, database, &reason)) {
        QFile::remove(copy);
        return Error{
            tr("The restored copy %1 could not replace %2 (%3). The database as it was is kept in %4.")
                .arg(shown(copy), shown(database), reason,
                     outcome.safetyCopy.isEmpty() ? tr("no copy (there was none)") : shown(outcome.safetyCopy)),
            QString()};
    }
    // The database is now the verified backup: the damaged mark (and the
    // quick-check stamp) of the file it replaced no longer say anything about it.
    DamageMarkFile::remove(database);
    QuickCheckStamp::remove(database);
    return outcome;
}

} // namespace rehabit
