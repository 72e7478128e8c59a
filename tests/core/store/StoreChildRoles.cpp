// Hidden test cases ("[.]": never run by ctest or a plain run) that the store
// tests start as child processes of their own, by name, with the database
// path in the environment: a second program instance holding the lock, and a
// logger that is SIGKILLed while it logs. The fixture writer is run by hand
// (tests/data/databases/README.md).

#include "StoreTestSupport.h"

#include <QFile>

#include <cstdio>

using namespace rehabit;
using namespace rehabit::test;

namespace {

void say(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

TEST_CASE("store child: hold the lock", "[.]")
{
    const QString path = qEnvironmentVariable("REHABIT_STORE_CHILD_DB");
    if (path.isEmpty())
        return; // not started by a store test
    auto opened = openSqliteStore(path);
    if (!opened) {
        say("failed " + opened.error().text().toUtf8());
        return;
    }
    say("locked " + QByteArray::number(QCoreApplication::applicationPid()));
    // Hold the store until the parent closes our stdin (or kills us).
    QFile input;
    REQUIRE(input.open(stdin, QIODevice::ReadOnly));
    while (!input.readLine().isEmpty()) {}
}

TEST_CASE("store child: log events until killed", "[.]")
{
    const QString path = qEnvironmentVariable("REHABIT_STORE_CHILD_DB");
    const qint64 sessionId = qEnvironmentVariable("REHABIT_STORE_CHILD_SESSION").toLongLong();
    if (path.isEmpty() || sessionId <= 0)
        return;
    auto opened = openSqliteStore(path);
    if (!opened) {
        say("failed " + opened.error().text().toUtf8());
        return;
    }
    Store &store = **opened;
    say("ready");
    for (int i = 1; i <= 100000; ++i) {
        SessionEvent e;
        e.sessionId = sessionId;
        e.atMs = QDateTime::currentMSecsSinceEpoch();
        e.kind = EventKind::RepDone;
        e.setIndex = 1;
        e.repIndex = i;
        e.side = Side::Left;
        const auto stored = store.appendEvent(e);
        if (!stored) {
            say("failed " + stored.error().text().toUtf8());
            return;
        }
        // Acknowledged: what the screen would now show as saved.
        say("ack " + QByteArray::number(stored->seq));
    }
}

TEST_CASE("store fixture: write a database of the current schema", "[.]")
{
    const QString path = qEnvironmentVariable("REHABIT_FIXTURE_OUT");
    if (path.isEmpty())
        return;
    REQUIRE_FALSE(QFile::exists(path));
    auto store = openStore(path);
    populate(*store);
}
