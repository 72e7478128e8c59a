#include "SqliteDatabaseFile.h"

#include "DatabaseBackup.h"
#include "QuickCheckStamp.h"
#include "SchemaMigrator.h"
#include "SqliteError.h"
#include "SqliteFileHeader.h"
#include "SqliteStatements.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Backups.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>

#include <atomic>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace statement = sqlite::statement;
namespace {

constexpr int BusyTimeoutMs = 5000;
const QString DriverName = u"QSQLITE"_s;

std::atomic<quint64> inspectionCounter{0};

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

/// What a read-only look at an existing file found, before anything writes.
struct FileState {
    quint32 applicationId = 0;
    int userVersion = 0;
    int schemaObjects = 0;
    QStringList damage; ///< quick_check rows other than "ok"
    bool isNew() const { return applicationId == 0 && userVersion == 0 && schemaObjects == 0; }
    bool isRehabit() const { return applicationId == SchemaMigrator::ApplicationId; }
};

Error damagedError(const QString &path, const QString &detail)
{
    const auto backup = latestBackup(path);
    if (!backup)
        return Error{SqliteDatabaseFile::tr(
                         "The database %1 is damaged (%2). Nothing was changed. Restore it from a backup copy.")
                         .arg(shown(path), detail),
                     QString()};
    return Error{
        SqliteDatabaseFile::tr("The database %1 is damaged (%2). Nothing was changed. Restore it from a backup; "
                               "the newest is %3.")
            .arg(shown(path), detail, shown(backup->path)),
        QString()};
}

Error notRehabitError(const QString &path)
{
    return Error{
        SqliteDatabaseFile::tr("%1 is a SQLite database of another program, not a Rehabit database. Nothing was "
                               "changed; choose another file.")
            .arg(shown(path)),
        QString()};
}

Error notSqliteError(const QString &path)
{
    return Error{
        SqliteDatabaseFile::tr("%1 is not a Rehabit database: it is not a SQLite database file at all. Nothing was "
                               "changed; choose another file.")
            .arg(shown(path)),
        QString()};
}

Error newerSchemaError(const QString &path, int version)
{
    return Error{
        SqliteDatabaseFile::tr("The database %1 has schema version %2, written by a newer Rehabit; this program knows "
                               "versions up to %3. Nothing was changed: update Rehabit to open it.")
            .arg(shown(path), QString::number(version), QString::number(currentSchemaVersion())),
        QString()};
}

/// An error of the inspecting connection; `repairable` tells whether the
/// file's content is the problem (a restore from a backup would help).
Error inspectionError(const QString &path, const QSqlError &error, bool *repairable)
{
    switch (SqliteError::primaryCode(error)) {
    case SqliteError::NotADatabase: *repairable = true; return notSqliteError(path);
    case SqliteError::Corrupt: *repairable = true; return damagedError(path, error.databaseText());
    default:
        *repairable = false;
        return SqliteError::toError(SqliteDatabaseFile::tr("The database %1 cannot be read").arg(shown(path)), error,
                                    QString());
    }
}

/// The first few problems quick_check or integrity_check reported, on one line.
QString damageSummary(const QStringList &rows)
{
    QStringList lines;
    for (const QString &row : rows)
        for (const QString &line : row.split(u'\n', Qt::SkipEmptyParts))
            if (!line.startsWith(u"***"_s))
                lines << line.trimmed();
    constexpr qsizetype Shown = 3;
    if (lines.size() > Shown)
        return lines.first(Shown).join(u"; "_s)
               + SqliteDatabaseFile::tr("; and %n more problem(s)", nullptr, int(lines.size() - Shown));
    return lines.join(u"; "_s);
}

/// Reads application_id, user_version and the number of schema objects on a
/// read-only connection of its own, and runs quick_check on a Rehabit
/// database this program can open when quickCheck is set. Nothing is
/// written, not even a checkpoint on close: without a WAL file the main file
/// is the whole database and is opened immutable (no -wal or -shm file is
/// created); with one, SQLite must read it and a plain read-only connection is used.
Result<FileState> inspect(const QString &path, bool quickCheck, bool *repairable)
{
    const QString name = u"rehabit-sqlite-inspect-"_s + QString::number(++inspectionCounter);
    const bool hasWal = QFileInfo(path + u"-wal"_s).size() > 0;
    const QString uri =
        QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + (hasWal ? u"?mode=ro"_s : u"?mode=ro&immutable=1"_s);
    Result<FileState> result = FileState{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(DriverName, name);
        db.setDatabaseName(uri);
        db.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        if (!db.open()) {
            result = inspectionError(path, db.lastError(), repairable);
        } else {
            FileState state;
            QSqlQuery query(db);
            query.setForwardOnly(true);
            bool ok = query.exec(statement::ApplicationId) && query.next();
            if (ok) {
                state.applicationId = quint32(query.value(0).toLongLong());
                ok = query.exec(statement::UserVersion) && query.next();
            }
            if (ok) {
                state.userVersion = query.value(0).toInt();
                ok = query.exec(statement::SchemaObjectCount) && query.next();
            }
            if (ok) {
                state.schemaObjects = query.value(0).toInt();
                if (quickCheck && state.isRehabit() && state.userVersion <= currentSchemaVersion()) {
                    ok = query.exec(statement::QuickCheck);
                    while (ok && query.next())
                        state.damage << query.value(0).toString();
                    if (state.damage == QStringList{u"ok"_s})
                        state.damage.clear();
                }
            }
            if (ok)
                result = state;
            else
                result = inspectionError(path, query.lastError(), repairable);
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

/// Why a file is not opened, and whether replacing it by a backup is the remedy.
struct Refusal {
    Error error;
    bool restoreRepairs = false;
};

/// The folder and the file's permissions.
std::optional<Refusal> checkPlace(const QString &absolute, const StoreOptions &options)
{
    const QFileInfo info(absolute);
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists())
        return Refusal{
            Error{SqliteDatabaseFile::tr(
                      "The folder %1 does not exist, so the database %2 cannot be opened. Create the folder, "
                      "or choose another database file.")
                      .arg(shown(folder.absoluteFilePath()), info.fileName()),
                  QString()}};
    if (!folder.isDir())
        return Refusal{Error{SqliteDatabaseFile::tr("%1 is not a folder, so the database %2 cannot be opened there.")
                                 .arg(shown(folder.absoluteFilePath()), info.fileName()),
                             QString()}};
    if (info.exists()) {
        if (info.isDir())
            return Refusal{
                Error{SqliteDatabaseFile::tr("%1 is a folder, not a database file.").arg(shown(absolute)), QString()}};
        if (!info.isReadable())
            return Refusal{Error{
                SqliteDatabaseFile::tr("The database %1 cannot be read: check its permissions.").arg(shown(absolute)),
                QString()}};
        constexpr auto anyWrite = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
        if (!options.readOnly && (!info.isWritable() || !(info.permissions() & anyWrite)))
            return Refusal{Error{SqliteDatabaseFile::tr(
                                     "The database %1 is read-only. Nothing was changed. Make the file writable to use "
                                     "it ('rehabit-cli check' can still examine it).")
                                     .arg(shown(absolute)),
                                 QString()}};
    } else if (options.readOnly) {
        return Refusal{
            Error{SqliteDatabaseFile::tr("The database %1 does not exist.").arg(shown(absolute)), QString()}};
    }
    return std::nullopt;
}

/// What the first 100 bytes say.
std::optional<Refusal> checkHeader(const QString &absolute, const SqliteFileHeader &header, const StoreOptions &options)
{
    switch (header.kind) {
    case SqliteFileHeader::Kind::Unreadable:
        return Refusal{
            Error{SqliteDatabaseFile::tr("The database %1 cannot be read: %2").arg(shown(absolute), header.errorString),
                  QString()}};
    case SqliteFileHeader::Kind::NotSqlite: return Refusal{notSqliteError(absolute), true};
    case SqliteFileHeader::Kind::Empty:
        if (options.readOnly)
            return Refusal{Error{
                SqliteDatabaseFile::tr("The database %1 is empty: it holds no Rehabit data yet.").arg(shown(absolute)),
                QString()}};
        break;
    case SqliteFileHeader::Kind::Sqlite:
        if (header.applicationId != 0 && header.applicationId != SchemaMigrator::ApplicationId)
            return Refusal{notRehabitError(absolute), true};
        // Without a WAL file holding newer pages the main file must be as
        // long as its header says; SQLite itself would read the missing end as zeros.
        if (header.isTruncated() && QFileInfo(absolute + u"-wal"_s).size() == 0)
            return Refusal{
                damagedError(absolute,
                             SqliteDatabaseFile::tr("the file is %1 bytes long, but its header records %2 pages of %3 "
                                                    "bytes: it was cut short")
                                 .arg(QString::number(header.fileSize), QString::number(header.pageCount),
                                      QString::number(header.pageSize))),
                true};
        break;
    case SqliteFileHeader::Kind::Missing: break;
    }
    return std::nullopt;
}

/// What a read-only SQLite connection found.
std::optional<Refusal> checkState(const QString &absolute, const FileState &state, const StoreOptions &options)
{
    if (state.isNew()) {
        if (options.readOnly)
            return Refusal{Error{
                SqliteDatabaseFile::tr("The database %1 is empty: it holds no Rehabit data yet.").arg(shown(absolute)),
                QString()}};
        return std::nullopt;
    }
    if (!state.isRehabit())
        return Refusal{notRehabitError(absolute), true};
    // A newer Rehabit's file is not damaged: the remedy is updating Rehabit,
    // and an older backup would lose what the newer program wrote.
    if (state.userVersion > currentSchemaVersion())
        return Refusal{newerSchemaError(absolute, state.userVersion)};
    if (state.userVersion < 1)
        return Refusal{damagedError(absolute, SqliteDatabaseFile::tr("it has no schema version")), true};
    if (!state.damage.isEmpty())
        return Refusal{damagedError(absolute, damageSummary(state.damage)), true};
    return std::nullopt;
}

} // namespace

Result<SqliteDatabaseFile> SqliteDatabaseFile::open(const QString &path, const StoreOptions &options)
{
    if (path.trimmed().isEmpty())
        return Error{tr("No database file was given."), QString()};
    SqliteDatabaseFile file;
    file.m_path = QFileInfo(path).absoluteFilePath();
    file.m_readOnly = options.readOnly;
    const QString &absolute = file.m_path;

    // Checks that need no SQLite at all, then a look at the header. Nothing
    // is created here: a missing folder of an explicit path is the user's to create.
    if (auto refused = checkPlace(absolute, options))
        return refused->error;
    const SqliteFileHeader header = SqliteFileHeader::read(absolute);
    if (auto refused = checkHeader(absolute, header, options))
        return refused->error;

    if (!options.readOnly) {
        auto acquired = DatabaseLock::acquire(absolute);
        if (!acquired)
            return acquired.error();
        file.m_lock = std::move(acquired).value();
    }

    // quick_check is skipped when the file is exactly as this program left it
    // after a clean close less than a day after the last passing check
    // (QuickCheckStamp); checkedAt is when it last passed.
    const bool checking = !options.readOnly && options.quickCheckOnOpen;
    if (header.kind == SqliteFileHeader::Kind::Sqlite) {
        bool quickCheck = false;
        if (checking) {
            file.m_checkedAt = QuickCheckStamp::validCheck(absolute, Clock::nowUtc());
            quickCheck = !file.m_checkedAt.isValid();
        }
        bool repairable = false;
        const auto inspected = inspect(absolute, quickCheck, &repairable);
        if (!inspected)
            return inspected.error();
        if (auto refused = checkState(absolute, *inspected, options))
            return refused->error;
    }
    if (checking) {
        // A new file, or one that passed quick_check just now. The stamp is
        // written again when the store closes cleanly.
        if (!file.m_checkedAt.isValid())
            file.m_checkedAt = Clock::nowUtc();
        QuickCheckStamp::remove(absolute);
    }
    if (!options.readOnly) {
        // With the lock held no restore is running: a copy of one is what a
        // killed restore left (as large as the backup), never used again.
        const QString staleCopy = DatabaseBackup::restoreCopyPath(absolute);
        if (QFileInfo(staleCopy).isFile())
            QFile::remove(staleCopy);
    }
    return file;
}

bool SqliteDatabaseFile::restoreRepairs(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo(absolute).isFile())
        return false;
    // As a read-only open sees it (a read-only file is not damaged), plus the quick check.
    StoreOptions options;
    options.readOnly = true;
    if (auto refused = checkPlace(absolute, options))
        return refused->restoreRepairs;
    const SqliteFileHeader header = SqliteFileHeader::read(absolute);
    if (auto refused = checkHeader(absolute, header, options))
        return refused->restoreRepairs;
    if (header.kind != SqliteFileHeader::Kind::Sqlite)
        return false;
    bool repairable = false;
    const auto inspected = inspect(absolute, true, &repairable);
    if (!inspected)
        return repairable;
    if (auto refused = checkState(absolute, *inspected, options))
        return refused->restoreRepairs;
    return false;
}

Result<void> SqliteDatabaseFile::openConnection(const QString &name) const
{
    std::optional<Error> error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(DriverName, name);
        db.setDatabaseName(m_path);
        if (m_readOnly)
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        else
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        const QString what = tr("The database %1 cannot be opened").arg(shown(m_path));
        if (!db.open()) {
            error = SqliteError::toError(what, db.lastError(), QString());
        } else {
            QSqlQuery query(db);
            for (const QString &pragma : m_readOnly ? statement::ReadOnlyPragmas : statement::ReadWritePragmas) {
                if (!query.exec(pragma)) {
                    error = SqliteError::toError(what, query.lastError(), QString());
                    break;
                }
            }
            query.finish();
            if (error)
                db.close();
        }
    }
    if (error) {
        QSqlDatabase::removeDatabase(name);
        return *error;
    }
    return {};
}

Result<int> SqliteDatabaseFile::prepare(const QString &connectionName) const
{
    const QString what = tr("The database %1 cannot be opened").arg(shown(m_path));
    QSqlQuery query(QSqlDatabase::database(connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(statement::UserVersion) || !query.next())
        return SqliteError::toError(what, query.lastError(), QString());
    const int version = query.value(0).toInt();
    query.finish();
    if (m_readOnly)
        return version;

    if (!query.exec(statement::JournalModeWal) || !query.next())
        return SqliteError::toError(what, query.lastError(), QString());
    const QString mode = query.value(0).toString();
    query.finish();
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return Error{tr("%1: it cannot use write-ahead logging (journal mode is %2). Keep the database on a local "
                        "disk.")
                         .arg(what, mode),
                     QString()};

    const SchemaMigrator migrator;
    const int target = migrator.targetVersion();
    if (version == target)
        return version;
    if (version >= 1) {
        // An existing database is copied and the copy checked before its
        // schema changes.
        auto backup = DatabaseBackup::write(connectionName, m_path, BackupKind::BeforeUpgrade, Clock::nowUtc());
        if (!backup)
            return Error{backup.error().message + u' ' + tr("The database was not upgraded."), QString()};
    }
    if (auto migrated = migrator.migrate(connectionName, version, m_path); !migrated)
        return migrated.error();
    return target;
}

} // namespace rehabit
