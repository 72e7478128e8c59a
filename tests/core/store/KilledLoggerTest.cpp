// A logger child process SIGKILLed at random points while it logs reps: no
// acknowledged rep is ever lost, at most one rep is committed but not yet
// acknowledged, the file passes integrity_check and the interrupted session
// is offered for resume. REHABIT_KILL_ROUNDS sets the number of kills
// (default 100; QUALITY.md asks for 1,000 in a longer run by hand).

#include "StoreTestSupport.h"

#include <QRandomGenerator>
#include <QThread>

using namespace rehabit;
using namespace rehabit::test;

TEST_CASE("SIGKILL while logging loses no acknowledged event")
{
    const int rounds =
        qEnvironmentVariableIsSet("REHABIT_KILL_ROUNDS") ? qEnvironmentVariableIntValue("REHABIT_KILL_ROUNDS") : 100;
    const quint32 seed = QRandomGenerator::global()->generate();
    INFO("seed " << seed << ", rounds " << rounds);
    QRandomGenerator random(seed);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    Populated ids;
    {
        auto store = openStore(path);
        ids = populate(*store);
    }
    int acknowledged = ids.events; // the highest seq the logger has reported as saved
    int unacknowledgedCommits = 0;
    int integrityFailures = 0;
    int lost = 0;

    for (int round = 0; round < rounds; ++round) {
        QProcess child;
        startChild(child,
                   QStringLiteral("store child: log events until killed"),
                                  {{QStringLiteral("REHABIT_STORE_CHILD_DB"), path},
                                    {QStringLiteral("REHABIT_STORE_CHILD_SESSION"), QString::number(ids.sessionId)}});
        const QString ready = waitForLine(child, QStringLiteral("ready"));
        INFO("round " << round << ": " << QString::fromUtf8(child.readAllStandardError()));
        REQUIRE(ready == QStringLiteral("ready"));
        // Kill at a random point: between 0 and 30 ms of logging.
        QThread::usleep(random.bounded(30'000));
        child.kill();
        REQUIRE(child.waitForFinished(30000));
        while (child.canReadLine()) {
            const QString line = QString::fromUtf8(child.readLine()).trimmed();
            if (line.startsWith(QStringLiteral("ack ")))
                acknowledged = std::max(acknowledged, line.section(u' ', 1).toInt());
            else if (line.startsWith(QStringLiteral("failed ")))
                FAIL(line.toStdString());
        }

        auto store = openStore(path); // takes over the dead child's lock
        const auto health = store->check();
        REQUIRE(health.ok());
        if (!health->healthy())
            ++integrityFailures;
        const auto events = store->events(ids.sessionId);
        REQUIRE(events.ok());
        const int committed = int(events->size());
        for (int i = 0; i < committed; ++i)
            REQUIRE(events->at(i).seq == i + 1);
        if (committed < acknowledged)
            ++lost;
        CHECK(committed - acknowledged <= 1);
        unacknowledgedCommits += committed - acknowledged;
        acknowledged = committed; // an unacknowledged commit is still logged
        const auto interrupted = store->interruptedSessions();
        REQUIRE(interrupted.ok());
        REQUIRE(interrupted->size() == 1);
        CHECK(interrupted->first().id == ids.sessionId);
    }
    INFO("committed but not acknowledged when killed: " << unacknowledgedCommits);
    CHECK(integrityFailures == 0);
    CHECK(lost == 0);
    CHECK(acknowledged > ids.events); // the logger really logged
}
