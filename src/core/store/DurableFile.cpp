#include "DurableFile.h"

#include <QFile>
#include <QFileInfo>

#include <filesystem>
#include <system_error>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace rehabit::DurableFile {
namespace {

bool syncOpenFile(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_UNIX
    return ::fsync(file.handle()) == 0;
#else
    return true;
#endif
}

} // namespace

bool copy(const QString &from, const QString &to, QString *error, const std::function<bool()> &cancelled)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly)) {
        *error = source.errorString();
        return false;
    }
    QFile target(to);
    if (!target.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        *error = target.errorString();
        return false;
    }
    constexpr qint64 Chunk = 1 << 20;
    while (!source.atEnd()) {
        if (cancelled && cancelled()) {
            *error = QStringLiteral("cancelled");
            target.remove();
            return false;
        }
        const QByteArray bytes = source.read(Chunk);
        if (bytes.isEmpty() && source.error() != QFileDevice::NoError) {
            *error = source.errorString();
            target.remove();
            return false;
        }
        if (target.write(bytes) != bytes.size()) {
            *error = target.errorString();
            target.remove();
            return false;
        }
    }
    if (!syncOpenFile(target)) {
        *error = target.errorString();
        target.remove();
        return false;
    }
    target.close();
    return true;
}

bool replace(const QString &from, const QString &to, QString *error)
{
    std::error_code code;
    std::filesystem::rename(QFile::encodeName(from).toStdString(), QFile::encodeName(to).toStdString(), code);
    if (code) {
        *error = QString::fromStdString(code.message());
        return false;
    }
    syncFolder(QFileInfo(to).absolutePath());
    return true;
}

bool syncFolder(const QString &folder)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
#else
    Q_UNUSED(folder);
    return true;
#endif
}

} // namespace rehabit::DurableFile
