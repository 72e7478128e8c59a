#include "rehabit/platform/OutputFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStorageInfo>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::OutputFile", text);
}

Error failure(const QString &path, const QString &message)
{
    return Error{message, QDir::toNativeSeparators(path)};
}

Error diskFull(const QString &path, qint64 written)
{
    return failure(path, written > 0 ? tr("the disk is full; only %1 bytes were written.").arg(written)
                                     : tr("the disk is full; nothing was written."));
}

/// True when the error `errorString` (Qt's text of an errno) or the space
/// left beside `path` says that the disk is full.
bool looksFull(const QString &path, const QString &errorString, qint64 needed)
{
    if (errorString == QString::fromLocal8Bit(std::strerror(ENOSPC)))
        return true;
    const QStorageInfo storage(QFileInfo(path).absolutePath());
    return storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < needed;
}

#ifdef Q_OS_UNIX
/// A character device or named pipe: written in place, never replaced.
Result<void> writeInPlace(const QString &path, const QByteArray &bytes, bool pipe)
{
    // A pipe nobody reads would block the open forever: O_NONBLOCK makes it fail (ENXIO) instead.
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC | (pipe ? O_NONBLOCK : 0));
    if (fd < 0) {
        const int error = errno;
        if (pipe && error == ENXIO)
            return failure(path, tr("no program reads from this named pipe (FIFO); nothing was written."));
        return failure(path, tr("it cannot be opened for writing: %1; nothing was written.")
                                 .arg(QString::fromLocal8Bit(std::strerror(error))));
    }
    if (pipe)
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    qint64 written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(fd);
            if (error == ENOSPC)
                return diskFull(path, written);
            return failure(path, tr("writing failed after %1 of %2 bytes: %3")
                                     .arg(written)
                                     .arg(bytes.size())
                                     .arg(QString::fromLocal8Bit(std::strerror(error))));
        }
        written += n;
    }
    if (::close(fd) != 0 && errno == ENOSPC)
        return diskFull(path, written);
    return {};
}
#endif

} // namespace

Result<void> OutputFile::write(const QString &path, const QByteArray &bytes)
{
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0) {
        if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
            return writeInPlace(path, bytes, S_ISFIFO(st.st_mode));
        if (!S_ISREG(st.st_mode))
            return failure(path, S_ISDIR(st.st_mode)
                                     ? tr("this is a folder, not a file; nothing was written.")
                                     : tr("this is neither a regular file nor a device or pipe that can be written "
                                          "in place; nothing was written."));
    }
#endif
    QSaveFile save(path);
    if (!save.open(QIODevice::WriteOnly))
        return failure(path, tr("the file could not be written: %1; nothing was written.").arg(save.errorString()));
    if (save.write(bytes) != bytes.size() || !save.commit()) {
        const QString reason = save.errorString();
        save.cancelWriting();
        if (looksFull(path, reason, bytes.size()))
            return diskFull(path, 0);
        return failure(path, tr("the file could not be written: %1; nothing was written.").arg(reason));
    }
    return {};
}

} // namespace rehabit
