#pragma once
// File bytes for tests that prove a file was not changed: read, write, hash.

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QString>

namespace rehabit::test {

/// The file's bytes; empty if it cannot be read.
inline QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Replaces the file's content; false if it cannot be written.
inline bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

inline QByteArray sha256(const QString &path)
{
    return QCryptographicHash::hash(readBytes(path), QCryptographicHash::Sha256);
}

} // namespace rehabit::test
