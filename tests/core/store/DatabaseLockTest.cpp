// One program instance per database file: a second instance is told who
// holds the file and writes nothing; a lock left by a killed process is taken over.

#include "StoreTestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

using namespace rehabit;
using namespace rehabit::test;

namespace {

const QString HoldTest = QStringLiteral("store child: hold the lock");

QString holderName()
{
    // QLockFile records the holder's executable name.
    return QFileInfo(QCoreApplication::applicationFilePath()).fileName();
}

} // namespace

TEST_CASE("A second instance in another process is refused with the holder's name, writing nothing")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    {
        auto store = openStore(path);
        populate(*store);
    }
    QProcess child;
    startChild(child, HoldTest, {{QStringLiteral("REHABIT_STORE_CHILD_DB"), path}});
    const QString locked = waitForLine(child, QStringLiteral("locked "));
    INFO(QString::fromUtf8(child.readAllStandardError()));
    REQUIRE_FALSE(locked.isEmpty());
    const QString childPid = locked.section(u' ', 1);
    CHECK(childPid == QString::number(child.processId()));

    const QByteArray bytes = fileHash(path);
    const QByteArray content = contentHash(path);
    const auto opened = openSqliteStore(path);
    REQUIRE_FALSE(opened.ok());
    const QString message = opened.error().text();
    INFO(message);
    CHECK(message.contains(QDir::toNativeSeparators(path)));
    CHECK(message.contains(QStringLiteral("already open")));
    CHECK(message.contains(QStringLiteral("process %1").arg(childPid)));
    CHECK(message.contains(QSysInfo::machineHostName()));
    CHECK(message.contains(holderName()));
    CHECK(message.contains(QStringLiteral("Close that program first")));
    CHECK(fileHash(path) == bytes);
    CHECK(contentHash(path) == content);

    // The holder closes: the database opens again.
    child.closeWriteChannel();
    REQUIRE(child.waitForFinished(30000));
    CHECK(child.exitStatus() == QProcess::NormalExit);
    CHECK(child.exitCode() == 0);
    auto store = openStore(path);
    CHECK(store->check()->healthy());
}

TEST_CASE("A lock left by a SIGKILLed process is taken over")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    Populated ids;
    {
        auto store = openStore(path);
        ids = populate(*store);
    }
    QProcess child;
    startChild(child, HoldTest, {{QStringLiteral("REHABIT_STORE_CHILD_DB"), path}});
    REQUIRE_FALSE(waitForLine(child, QStringLiteral("locked ")).isEmpty());
    child.kill(); // SIGKILL: no destructor runs, the lock file stays
    REQUIRE(child.waitForFinished(30000));
    CHECK(child.exitStatus() == QProcess::CrashExit);
    REQUIRE(QFileInfo::exists(path + QStringLiteral(".lock")));

    auto store = openStore(path);
    CHECK(store->check()->healthy());
    const auto events = store->events(ids.sessionId);
    REQUIRE(events.ok());
    CHECK(events->size() == ids.events);
}

TEST_CASE("A lock file that names nobody (its program killed while writing it) is taken over")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    Populated ids;
    {
        auto store = openStore(path);
        ids = populate(*store);
    }
    for (const QByteArray &left : {QByteArray(), QByteArray("12")}) {
        CAPTURE(left.toStdString());
        QFile lock(path + QStringLiteral(".lock"));
        REQUIRE(lock.open(QIODevice::WriteOnly | QIODevice::Truncate));
        lock.write(left);
        lock.close();

        auto store = openStore(path);
        const auto events = store->events(ids.sessionId);
        REQUIRE(events.ok());
        CHECK(events->size() == ids.events);
        // The lock is ours now: a second open is told who holds it.
        const auto second = openSqliteStore(path);
        REQUIRE_FALSE(second.ok());
        CHECK(second.error().text().contains(QString::number(QCoreApplication::applicationPid())));
    }
}

TEST_CASE("A second open in the same process is refused too")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    auto first = openStore(path);
    const auto second = openSqliteStore(path);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().text().contains(QString::number(QCoreApplication::applicationPid())));
    // The refused attempt did not take the first one's lock away.
    CHECK(QFileInfo::exists(path + QStringLiteral(".lock")));
    CHECK(first->addPatient(QStringLiteral("Still writable"), at(1'700'000'000'000)).ok());
}

TEST_CASE("A read-only store opens while another process holds the lock")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    {
        auto store = openStore(path);
        populate(*store);
    }
    QProcess child;
    startChild(child, HoldTest, {{QStringLiteral("REHABIT_STORE_CHILD_DB"), path}});
    REQUIRE_FALSE(waitForLine(child, QStringLiteral("locked ")).isEmpty());
    {
        StoreOptions options;
        options.readOnly = true;
        auto reader = openStore(path, options);
        CHECK(reader->check()->healthy());
    }
    child.closeWriteChannel();
    REQUIRE(child.waitForFinished(30000));
}
