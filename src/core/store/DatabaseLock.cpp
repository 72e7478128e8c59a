#include "DatabaseLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QThread>

using namespace Qt::StringLiterals;

namespace rehabit {

QString DatabaseLock::lockFilePath(const QString &databasePath)
{
    return databasePath + u".lock"_s;
}

DatabaseLock::DatabaseLock(std::unique_ptr<QLockFile> file)
    : m_file(std::move(file))
{}

DatabaseLock::~DatabaseLock()
{
    m_file->unlock();
}

Result<std::unique_ptr<DatabaseLock>> DatabaseLock::acquire(const QString &databasePath)
{
    const QString lockPath = lockFilePath(databasePath);
    auto file = std::make_unique<QLockFile>(lockPath);
    // Never stale by age: a session can keep the database open for hours.
    // QLockFile still takes over a lock whose process is gone from this host.
    file->setStaleLockTime(0);
    if (file->tryLock(0))
        return std::unique_ptr<DatabaseLock>(new DatabaseLock(std::move(file)));
    // A program killed between creating its lock file and writing its name into
    // it leaves a lock that names nobody, which QLockFile (with no stale age)
    // would honour forever. A live program writes its name right after creating
    // the file, so a lock still unreadable a moment later is left over.
    const auto readable = [&file] {
        qint64 pid = 0;
        QString host, application;
        return file->getLockInfo(&pid, &host, &application);
    };
    if (file->error() == QLockFile::LockFailedError && !readable()) {
        QThread::msleep(UnreadableLockGraceMs);
        if (!readable() && file->removeStaleLockFile() && file->tryLock(0))
            return std::unique_ptr<DatabaseLock>(new DatabaseLock(std::move(file)));
    }

    const QString shownPath = QDir::toNativeSeparators(databasePath);
    switch (file->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host;
        QString application;
        if (file->getLockInfo(&pid, &host, &application)) {
            if (application.isEmpty())
                application = QCoreApplication::translate("rehabit::SqliteStore", "another program");
            if (host.isEmpty())
                return Error{QCoreApplication::translate("rehabit::SqliteStore",
                                                         "The database %1 is already open in %2 (process %3). "
                                                         "Close that program first.")
                                 .arg(shownPath, application, QString::number(pid)),
                             QString()};
            return Error{QCoreApplication::translate("rehabit::SqliteStore",
                                                     "The database %1 is already open in %2 (process %3 on host %4). "
                                                     "Close that program first.")
                             .arg(shownPath, application, QString::number(pid), host),
                         QString()};
        }
        return Error{QCoreApplication::translate("rehabit::SqliteStore",
                                                 "The database %1 is already open in another program (its lock file "
                                                 "%2 cannot be read). Close that program first.")
                         .arg(shownPath, QDir::toNativeSeparators(lockPath)),
                     QString()};
    }
    case QLockFile::PermissionError:
        return Error{QCoreApplication::translate("rehabit::SqliteStore",
                                                 "The database %1 cannot be opened for writing: its lock file cannot "
                                                 "be created in the folder %2. Check that the folder is writable.")
                         .arg(shownPath, QDir::toNativeSeparators(QFileInfo(lockPath).absolutePath())),
                     QString()};
    case QLockFile::NoError:
    case QLockFile::UnknownError: break;
    }
    return Error{QCoreApplication::translate("rehabit::SqliteStore",
                                             "The database %1 cannot be opened: its lock file %2 cannot be taken.")
                     .arg(shownPath, QDir::toNativeSeparators(lockPath)),
                 QString()};
}

} // namespace rehabit
