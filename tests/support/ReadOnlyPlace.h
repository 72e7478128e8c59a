#pragma once
// Makes a folder and the files in it read-only for real, for tests of
// read-only media. A non-root user: chmod (a-w). Root ignores permissions,
// so as root: `chattr +i` (the immutable attribute: not even root may write,
// create or delete there; needs a file system that has it, such as ext4, and
// CAP_LINUX_IMMUTABLE). `how()` says which was used; `ok()` is false when
// neither works here (then the caller must say the test could not run).
// The destructor undoes it, so the temporary folder can be removed.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <unistd.h>

namespace rehabit::test {

class ReadOnlyPlace {
public:
    explicit ReadOnlyPlace(const QString &folder)
        : m_folder(folder)
    {
        for (const QString &name : QDir(folder).entryList(QDir::Files | QDir::Hidden))
            m_paths << QDir(folder).filePath(name);
        m_paths << folder;
        if (::geteuid() != 0) {
            for (const QString &path : std::as_const(m_paths))
                QFile::setPermissions(path, QFile::permissions(path)
                                                & ~(QFileDevice::WriteOwner | QFileDevice::WriteGroup
                                                    | QFileDevice::WriteOther | QFileDevice::WriteUser));
            m_how = QStringLiteral("chmod a-w (not root)");
            m_ok = ::access(QFile::encodeName(folder).constData(), W_OK) != 0;
            return;
        }
        m_ok = QProcess::execute(QStringLiteral("chattr"), QStringList{QStringLiteral("+i")} + m_paths) == 0
               && ::access(QFile::encodeName(folder).constData(), W_OK) != 0;
        m_how = QStringLiteral("chattr +i (root)");
    }
    ~ReadOnlyPlace()
    {
        if (::geteuid() != 0) {
            for (const QString &path : std::as_const(m_paths))
                QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::WriteOwner);
            return;
        }
        QProcess::execute(QStringLiteral("chattr"), QStringList{QStringLiteral("-i")} + m_paths);
    }
    ReadOnlyPlace(const ReadOnlyPlace &) = delete;
    ReadOnlyPlace &operator=(const ReadOnlyPlace &) = delete;

    bool ok() const { return m_ok; }
    const QString &how() const { return m_how; }

private:
    QString m_folder;
    QStringList m_paths;
    QString m_how;
    bool m_ok = false;
};

} // namespace rehabit::test
