#include "rehabit/store/OutputPath.h"

#include "rehabit/store/Backups.h"
#include "store/DamageMarkFile.h"
#include "store/DatabaseBackup.h"
#include "store/DatabaseLock.h"
#include "store/QuickCheckStamp.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::OutputPath", text);
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

/// A file's identity on its file system (device and inode), following links;
/// nullopt when it does not exist.
struct FileId {
    quint64 device = 0;
    quint64 inode = 0;
    bool operator==(const FileId &) const = default;
};

std::optional<FileId> fileId(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return FileId{quint64(st.st_dev), quint64(st.st_ino)};
#else
    Q_UNUSED(path);
    return std::nullopt;
#endif
}

/// What a path that exists is, when it is not a regular file: "a folder", "a
/// character device" ...; empty for a regular file or a path that does not exist.
QString unusualKind(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || S_ISREG(st.st_mode))
        return QString();
    if (S_ISDIR(st.st_mode))
        return tr("a folder");
    if (S_ISCHR(st.st_mode))
        return tr("a character device");
    if (S_ISBLK(st.st_mode))
        return tr("a block device");
    if (S_ISFIFO(st.st_mode))
        return tr("a named pipe (FIFO)");
    if (S_ISSOCK(st.st_mode))
        return tr("a socket");
    return tr("not a regular file");
#else
    const QFileInfo info(path);
    if (!info.exists() || info.isFile())
        return QString();
    return info.isDir() ? tr("a folder") : tr("not a regular file");
#endif
}

/// The database as given and as resolved (they differ when it is reached
/// through a link: SQLite puts its -wal beside the file the link points to,
/// the lock file sits beside the name as given).
QStringList databaseNames(const QString &databasePath)
{
    QStringList names{QFileInfo(databasePath).absoluteFilePath()};
    const QString resolved = resolvedPath(databasePath);
    if (resolved != names.first())
        names << resolved;
    return names;
}

bool isInside(const QString &path, const QString &folder)
{
    return path == folder || path.startsWith(folder + u'/');
}

} // namespace

QStringList databaseFiles(const QString &databasePath)
{
    // The suffixes of SQLite (its rollback journal, WAL and shared memory
    // index), the lock file, the stamp and the damaged mark as the store names them, and the
    // restore's temporary copy (src/core/store/DatabaseRestore.cpp).
    return {databasePath,
            databasePath + u"-wal"_s,
            databasePath + u"-shm"_s,
            databasePath + u"-journal"_s,
            DatabaseLock::lockFilePath(databasePath),
            QuickCheckStamp::pathFor(databasePath),
            DamageMarkFile::pathFor(databasePath),
            DatabaseBackup::restoreCopyPath(databasePath)};
}

QString resolvedPath(const QString &path)
{
    QString p = QFileInfo(path).absoluteFilePath();
    // The file itself may be a link to a file that does not exist yet (a
    // write through it would create that file).
    for (int hops = 0; hops < 40; ++hops) {
        const QFileInfo info(p);
        if (!info.isSymLink())
            break;
        p = info.symLinkTarget();
    }
    // The part of the path that exists, canonical; the rest as written.
    QString rest;
    QFileInfo info(p);
    while (!info.exists()) {
        const QString parent = info.absolutePath();
        if (parent == info.absoluteFilePath())
            break;
        rest = u'/' + info.fileName() + rest;
        info = QFileInfo(parent);
    }
    const QString canonical = info.canonicalFilePath();
    return QDir::cleanPath((canonical.isEmpty() ? info.absoluteFilePath() : canonical) + rest);
}

Result<void> checkOutputPath(const QString &out, const QString &databasePath)
{
    const QString target = resolvedPath(out);
    const std::optional<FileId> targetId = fileId(out);
    const std::optional<FileId> targetFolderId = fileId(QFileInfo(target).absolutePath());
    for (const QString &database : databaseNames(databasePath)) {
        for (const QString &file : databaseFiles(database)) {
            const bool sameName = resolvedPath(file) == target;
            const bool sameFile = targetId && fileId(file) == targetId;
            if (!sameName && !sameFile)
                continue;
            const QString message =
                file == database
                    ? tr("%1 is the database %2 (by this name, a link or a hard link): writing there would destroy it. "
                         "Nothing was written; choose another file.")
                          .arg(shown(out), shown(database))
                    : tr("%1 is %2, a file of the database %3 (by this name, a link or a hard link): writing there "
                         "would damage the database. Nothing was written; choose another file.")
                          .arg(shown(out), shown(file), shown(database));
            return Error{message, QString()};
        }
        const QString backups = resolvedPath(backupFolder(database));
        const bool inBackups = isInside(target, backups) || (targetFolderId && targetFolderId == fileId(backups));
        if (inBackups)
            return Error{tr("%1 is in %2, the backups folder of the database %3: outputs must not go there. Nothing "
                            "was written; choose another folder.")
                             .arg(shown(out), shown(backupFolder(database)), shown(database)),
                         QString()};
    }
    return {};
}

Result<void> checkDatabasePath(const QString &databasePath)
{
    const QString kind = unusualKind(databasePath);
    if (kind.isEmpty())
        return {};
    return Error{tr("%1 is %2, not a database file: Rehabit keeps its database in a regular file. Nothing was opened "
                    "or created.")
                     .arg(shown(databasePath), kind),
                 QString()};
}

Result<void> checkInputFile(const QString &path)
{
    const QString kind = unusualKind(path);
    if (kind.isEmpty() || QFileInfo(path).isDir())
        return {};
    return Error{tr("%1 is %2, not a file: it cannot be read whole. Nothing was read.").arg(shown(path), kind),
                 QString()};
}

} // namespace rehabit
