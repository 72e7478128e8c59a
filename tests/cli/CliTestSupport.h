#pragma once
// Helpers of the CLI tests: run the built rehabit-cli as a script would, and
// hash files to prove they were not changed.

#include "RehabitCatch.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace rehabit::test {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

inline Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QString::fromUtf8(REHABIT_CLI), args);
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

inline QByteArray fileHash(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

inline QString dataFile(const char *relative)
{
    return QDir(QString::fromUtf8(REHABIT_TEST_DATA_DIR)).filePath(QString::fromUtf8(relative));
}

} // namespace rehabit::test
