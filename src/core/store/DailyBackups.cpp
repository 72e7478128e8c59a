// The daily backups (docs/storage.md, "Backups"): one verified backup a UTC
// day in the backups folder next to the database, and a verified copy of it
// in the second folder the user chose (another disk, a stick), each rotated
// by the same rule; the second folder's setting and its checks.
#include "DatabaseBackup.h"

#include "DurableFile.h"

#include "rehabit/platform/ApplicationIdentity.h"
#include "rehabit/store/OutputPath.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QString SecondFolderKey = u"backup/secondFolder"_s;
const QString TemporarySuffix = u".tmp"_s;

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::SqliteStore", text);
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QSettings settings()
{
    return QSettings(settingsOrganization(), QCoreApplication::applicationName());
}

bool isCancelled(const BackupControl *control)
{
    return control && control->cancelled && control->cancelled();
}

std::optional<BackupInfo> dailyOf(const QList<BackupInfo> &backups, const QDate &day)
{
    for (const BackupInfo &b : backups)
        if (b.kind == BackupKind::Daily && b.takenAt.toUTC().date() == day)
            return b;
    return std::nullopt;
}

/// Copies a checked backup into `folder` under its own name: a temporary
/// name first, synced, checked like any backup, then renamed.
Result<BackupInfo> copyBackup(const BackupInfo &source, const QString &folder, const BackupControl *control)
{
    const QString finalPath = QDir(folder).filePath(QFileInfo(source.path).fileName());
    const QString temporaryPath = finalPath + TemporarySuffix;
    const QString what = tr("The backup %1 could not be copied to %2").arg(shown(source.path), shown(folder));
    const Error stopped{DatabaseBackup::cancelledMessage(), QString()};
    if (QFileInfo::exists(finalPath))
        return Error{tr("%1: %2 already exists.").arg(what, shown(finalPath)), QString()};
    if (QFileInfo::exists(temporaryPath) && !QFile::remove(temporaryPath))
        return Error{tr("%1: the unfinished copy %2 cannot be removed.").arg(what, shown(temporaryPath)), QString()};
    if (isCancelled(control))
        return stopped;
    if (control && control->progress)
        control->progress(BackupProgress{BackupStep::CopyingToSecondFolder, temporaryPath, source.bytes});
    QString reason;
    if (!DurableFile::copy(source.path, temporaryPath, &reason, [control] { return isCancelled(control); })) {
        QFile::remove(temporaryPath);
        if (isCancelled(control))
            return stopped;
        return Error{tr("%1 (%2).").arg(what, reason), QString()};
    }
    if (isCancelled(control)) {
        QFile::remove(temporaryPath);
        return stopped;
    }
    if (control && control->progress)
        control->progress(
            BackupProgress{BackupStep::CheckingSecondFolder, temporaryPath, QFileInfo(temporaryPath).size()});
    if (auto verified = DatabaseBackup::verify(temporaryPath, source.schemaVersion); !verified) {
        QFile::remove(temporaryPath);
        return Error{what + u": "_s + verified.error().message, QString()};
    }
    if (isCancelled(control)) {
        QFile::remove(temporaryPath);
        return stopped;
    }
    if (!DurableFile::replace(temporaryPath, finalPath, &reason)) {
        QFile::remove(temporaryPath);
        return Error{
            tr("%1: %2 cannot be renamed to %3 (%4).").arg(what, shown(temporaryPath), shown(finalPath), reason),
            QString()};
    }
    BackupInfo copied = source;
    copied.path = QFileInfo(finalPath).absoluteFilePath();
    copied.bytes = QFileInfo(finalPath).size();
    return copied;
}

/// Temporary copies left by a backup that was killed (a backup's name and
/// ".tmp"; each attempt has a name of its own) are never backups: removed
/// before the next one. The caller holds the database open (its lock), so no
/// other program is writing one of them.
void removeStaleTemporaries(const QString &dir, const QString &databasePath)
{
    const QFileInfoList files =
        QDir(dir).entryInfoList({QFileInfo(databasePath).fileName() + u".*.sqlite"_s + TemporarySuffix}, QDir::Files);
    for (const QFileInfo &file : files)
        if (DatabaseBackup::parse(databasePath, QFileInfo(QDir(dir).filePath(file.completeBaseName()))))
            QFile::remove(file.absoluteFilePath());
}

/// One folder's daily backup: written when today has none there (copied
/// from `source` when given, else VACUUM INTO from the database), then the
/// rotation. `folder` empty: the backups folder next to the database.
Result<DailyBackup> dailyIn(const QString &databasePath, const QString &folder, const QDateTime &now,
                            const BackupRotation &rotation, const BackupControl *control,
                            const std::optional<BackupInfo> &source)
{
    const QString dir = folder.isEmpty() ? DatabaseBackup::folder(databasePath) : folder;
    DailyBackup done;
    removeStaleTemporaries(dir, databasePath);
    if (!dailyOf(DatabaseBackup::listIn(dir, databasePath), now.toUTC().date())) {
        auto written = source ? copyBackup(*source, dir, control)
                              : DatabaseBackup::writeFromFile(databasePath, BackupKind::Daily, now, control, folder);
        if (!written)
            return written.error();
        done.written = *written;
    }
    for (const BackupInfo &old : rotationSurplus(DatabaseBackup::listIn(dir, databasePath), rotation)) {
        if (!QFile::remove(old.path))
            return Error{tr("The old backup %1 cannot be removed; check the permissions of %2.")
                             .arg(shown(old.path), shown(dir)),
                         QString()};
        done.removed << old.path;
    }
    if (!done.removed.isEmpty())
        DurableFile::syncFolder(dir);
    return done;
}

#ifdef Q_OS_UNIX
std::optional<quint64> deviceOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return quint64(st.st_dev);
}

std::optional<std::pair<quint64, quint64>> inodeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return std::pair{quint64(st.st_dev), quint64(st.st_ino)};
}
#endif

} // namespace

Result<DailyBackup> writeDailyBackup(const QString &databasePath, const QDateTime &now, const BackupRotation &rotation)
{
    return dailyIn(databasePath, QString(), now, rotation, nullptr, std::nullopt);
}

DailyBackups writeDailyBackups(const QString &databasePath, const QDateTime &now, const QString &secondFolder,
                               const BackupControl &control, const BackupRotation &rotation)
{
    DailyBackups result;
    result.main = dailyIn(databasePath, QString(), now, rotation, &control, std::nullopt);
    if (isCancelled(&control)) {
        result.cancelled = true;
        return result;
    }
    if (secondFolder.isEmpty())
        return result;
    const QString target = secondBackupFolderFor(secondFolder, databasePath);
    result.secondFolder = target;
    if (auto usable = checkSecondBackupFolder(secondFolder, databasePath); !usable) {
        result.second = Error{usable.error().message + u' '
                                  + tr("Today's backup was not copied there; it is copied at the next start that "
                                       "finds the folder."),
                              QString()};
        return result;
    }
    if (!QDir().mkpath(target)) {
        result.second =
            Error{tr("The folder %1 cannot be created in the second backup folder; today's backup was not copied "
                     "there.")
                      .arg(shown(target)),
                  QString()};
        return result;
    }
    // Today's checked backup is copied; without one (the main backup failed)
    // the second folder gets a backup of its own from the database.
    const std::optional<BackupInfo> source =
        result.main ? dailyOf(listBackups(databasePath), now.toUTC().date()) : std::nullopt;
    auto second = dailyIn(databasePath, target, now, rotation, &control, source);
    if (isCancelled(&control))
        result.cancelled = true;
    if (second)
        result.second = *second;
    else
        result.second = Error{
            tr("The backup in the second folder %1 was not written: %2").arg(shown(target), second.error().message),
            QString()};
    return result;
}

QString secondBackupFolderFor(const QString &secondFolder, const QString &databasePath)
{
    const QByteArray digest =
        QCryptographicHash::hash(resolvedPath(databasePath).toUtf8(), QCryptographicHash::Sha256).toHex().left(8);
    return QDir::cleanPath(QDir(QFileInfo(secondFolder).absoluteFilePath())
                               .filePath(QFileInfo(databasePath).fileName() + u'-' + QString::fromLatin1(digest)));
}

QList<BackupInfo> listSecondFolderBackups(const QString &secondFolder, const QString &databasePath)
{
    return DatabaseBackup::listIn(secondBackupFolderFor(secondFolder, databasePath), databasePath);
}

QString secondBackupFolder()
{
    return settings().value(SecondFolderKey).toString();
}

Result<void> checkSecondBackupFolder(const QString &folder, const QString &databasePath)
{
    const QFileInfo info(folder);
    if (folder.trimmed().isEmpty())
        return Error{tr("No second backup folder was given."), QString()};
    if (!info.exists())
        return Error{tr("The second backup folder %1 is not there: is the disk or stick that holds it plugged in?")
                         .arg(shown(info.absoluteFilePath())),
                     QString()};
    if (!info.isDir())
        return Error{tr("The second backup folder %1 is not a folder.").arg(shown(info.absoluteFilePath())), QString()};
    const QString target = resolvedPath(folder);
    QStringList databaseFolders{QFileInfo(QFileInfo(databasePath).absoluteFilePath()).absolutePath()};
    databaseFolders << QFileInfo(resolvedPath(databasePath)).absolutePath();
    for (const QString &own : databaseFolders) {
        bool same = resolvedPath(own) == target;
#ifdef Q_OS_UNIX
        same = same || (inodeOf(own) && inodeOf(own) == inodeOf(folder));
#endif
        if (same)
            return Error{tr("%1 is the folder of the database %2: a second backup there is lost with the database. "
                            "Choose a folder on another disk or a stick.")
                             .arg(shown(info.absoluteFilePath()), shown(databasePath)),
                         QString()};
    }
    if (!checkOutputPath(folder, databasePath))
        return Error{tr("%1 is the backups folder of the database %2, or in it: the second backup folder must be "
                        "another one. Choose a folder on another disk or a stick.")
                         .arg(shown(info.absoluteFilePath()), shown(databasePath)),
                     QString()};
    return {};
}

Result<QString> setSecondBackupFolder(const QString &folder, const QString &databasePath)
{
    QSettings s = settings();
    if (folder.isEmpty()) {
        s.remove(SecondFolderKey);
    } else {
        if (auto usable = checkSecondBackupFolder(folder, databasePath); !usable)
            return usable.error();
        s.setValue(SecondFolderKey, QDir::cleanPath(QFileInfo(folder).absoluteFilePath()));
    }
    s.sync();
    if (s.status() != QSettings::NoError)
        return Error{tr("The settings file %1 could not be written; the second backup folder is unchanged.")
                         .arg(shown(s.fileName())),
                     QString()};
    return folder.isEmpty() ? QString() : s.value(SecondFolderKey).toString();
}

bool onSameDisk(const QString &folder, const QString &databasePath)
{
#ifdef Q_OS_UNIX
    const auto a = deviceOf(folder);
    const auto b = deviceOf(QFileInfo(resolvedPath(databasePath)).absolutePath());
    return a && b && *a == *b;
#else
    Q_UNUSED(folder);
    Q_UNUSED(databasePath);
    return false;
#endif
}

} // namespace rehabit
