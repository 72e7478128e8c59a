// The crash test: session_logger (a child process logging sessions through
// SessionRunner and the real store, printing each acknowledged seq) is
// SIGKILLed at random moments. After every kill: integrity_check is ok,
// every acknowledged event is in the database, at most one more event than
// acknowledged was committed, the interrupted session is found and can be
// replayed, and the next child resumes it.
// REHABIT_KILLS=1000 runs a longer test by hand (default 220).

#include "SessionDriver.h"

#include "rehabit/engine/SessionEngine.h"
#include "rehabit/store/Store.h"

#include <QHash>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <iostream>

using namespace rehabit;
using namespace rehabit::enginetest;

namespace {

struct ChildRun {
    QHash<qint64, QSet<int>> acked; ///< session -> seqs acknowledged to us
    QSet<qint64> resumed;
    QSet<qint64> closed;
    QList<qint64> order;      ///< sessions in the order they were touched
    bool partialLine = false; ///< killed in the middle of writing a line
};

ChildRun parse(const QByteArray &out)
{
    ChildRun run;
    const QList<QByteArray> lines = out.split('\n');
    run.partialLine = !out.isEmpty() && !out.endsWith('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) { // the last piece is not a complete line
        const QList<QByteArray> words = lines.at(i).split(' ');
        if (words.value(0) == "ack" && words.size() == 3) {
            const qint64 session = words.at(1).toLongLong();
            run.acked[session].insert(words.at(2).toInt());
            if (!run.order.contains(session))
                run.order.append(session);
        } else if (words.value(0) == "resuming" && words.size() == 2) {
            run.resumed.insert(words.at(1).toLongLong());
            if (!run.order.contains(words.at(1).toLongLong()))
                run.order.append(words.at(1).toLongLong());
        } else if (words.value(0) == "closing" && words.size() == 2) {
            run.closed.insert(words.at(1).toLongLong());
        }
    }
    return run;
}

bool ends(const QList<SessionEvent> &events)
{
    if (events.isEmpty())
        return false;
    const EventKind k = events.constLast().kind;
    return k == EventKind::SessionEnded || k == EventKind::SessionAborted || k == EventKind::SessionClosedPartial;
}

} // namespace

TEST_CASE("kill test: SIGKILL at random moments loses no acknowledged event", "[runner][kill]")
{
    const int kills = qEnvironmentVariableIsSet("REHABIT_KILLS") ? qEnvironmentVariableIntValue("REHABIT_KILLS") : 220;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(u"kill.sqlite"_s);
    QRandomGenerator rng(20250615);

    QHash<qint64, int> knownMaxSeq; // session -> highest seq seen committed
    QSet<qint64> finished;          // sessions seen finished: the child never writes to them again
    int lostAcknowledged = 0, integrityFailures = 0, maxExtra = 0, extraOnes = 0, ackedTotal = 0;
    int interruptedFound = 0, interruptedExpected = 0, replayed = 0, endLoggedOnly = 0, resumesVerified = 0,
        killedBeforeFirstAck = 0;

    for (int k = 0; k < kills; ++k) {
        CAPTURE(k);
        QProcess child;
        child.setProgram(QStringLiteral(REHABIT_SESSION_LOGGER));
        child.setArguments({path, QString::number(k + 1)});
        child.start();
        REQUIRE(child.waitForStarted(10000));

        QByteArray out;
        if (rng.bounded(4) == 0) {
            // Anywhere: while Qt starts, the file opens, the catalog is imported, a session resumes.
            QThread::msleep(rng.bounded(80));
        } else {
            // In the middle of logging: after the first acknowledgement.
            for (int guard = 0; guard < 200 && !out.contains("ack ") && child.state() == QProcess::Running; ++guard) {
                child.waitForReadyRead(50);
                out += child.readAllStandardOutput();
            }
            QThread::msleep(rng.bounded(60));
        }
        if (child.state() != QProcess::Running) {
            child.waitForFinished(5000);
            FAIL("session_logger stopped by itself: " << child.readAllStandardError().toStdString());
        }
        child.kill(); // SIGKILL
        REQUIRE(child.waitForFinished(10000));
        CHECK(child.exitStatus() == QProcess::CrashExit);
        out += child.readAllStandardOutput();
        const ChildRun run = parse(out);
        if (!out.contains("ack "))
            ++killedBeforeFirstAck;

        Result<std::unique_ptr<Store>> opened = openSqliteStore(path);
        // Whenever the child died (even before the file or its lock was written),
        // the next program opens the database.
        if (!opened.ok())
            FAIL("the database does not open after the kill: " << opened.error().text().toStdString());
        Store &store = *opened.value();
        Result<StoreHealth> health = store.check();
        REQUIRE(health.ok());
        if (!health->healthy())
            ++integrityFailures;

        // Every session this child could have written to (all but those
        // found finished after an earlier kill): what it committed against
        // what it acknowledged.
        QList<qint64> sessions;
        const Result<QList<Patient>> patients = store.patients(true);
        REQUIRE(patients.ok());
        for (const Patient &patient : patients.value()) {
            const Result<QList<SessionRecord>> records = store.sessions(patient.id);
            REQUIRE(records.ok());
            for (const SessionRecord &r : records.value()) {
                if (finished.contains(r.id))
                    continue;
                sessions.append(r.id);
                if (r.status != SessionStatus::InProgress)
                    finished.insert(r.id); // checked this once more, then never written again
            }
        }
        int extraThisRun = 0;
        for (const qint64 session : std::as_const(sessions)) {
            CAPTURE(session);
            Result<QList<SessionEvent>> events = store.events(session);
            REQUIRE(events.ok());
            QSet<int> committed;
            int newlyCommitted = 0;
            int firstNew = -1;
            for (int i = 0; i < events->size(); ++i) {
                const int seq = events->at(i).seq;
                committed.insert(seq);
                if (seq > knownMaxSeq.value(session, 0)) {
                    ++newlyCommitted;
                    if (firstNew < 0)
                        firstNew = i;
                }
            }
            const QSet<int> acked = run.acked.value(session);
            ackedTotal += int(acked.size());
            for (const int seq : acked)
                if (!committed.contains(seq))
                    ++lostAcknowledged;
            CHECK(newlyCommitted >= int(acked.size()));
            extraThisRun += newlyCommitted - int(acked.size());
            // The child continued this interrupted session: it said so first.
            if (run.resumed.contains(session) && !run.closed.contains(session) && knownMaxSeq.value(session, 0) > 0
                && firstNew >= 0) {
                CHECK(events->at(firstNew).kind == EventKind::SessionResumed);
                ++resumesVerified;
            }
            if (!events->isEmpty())
                knownMaxSeq[session] = events->constLast().seq;
        }
        CHECK(extraThisRun <= 1);
        maxExtra = std::max(maxExtra, extraThisRun);
        extraOnes += extraThisRun;

        // The session being logged when the child died is offered for resume.
        Result<QList<SessionRecord>> interrupted = store.interruptedSessions();
        REQUIRE(interrupted.ok());
        CHECK(interrupted->size() <= 1);
        if (!run.order.isEmpty()) {
            const qint64 last = run.order.constLast();
            const QList<SessionEvent> events = store.events(last).value();
            const Result<std::optional<SessionRecord>> record = store.session(last);
            REQUIRE(record.ok());
            if (!ends(events) || record.value()->status == SessionStatus::InProgress) {
                ++interruptedExpected;
                const bool found = std::any_of(interrupted->cbegin(), interrupted->cend(),
                                               [&](const SessionRecord &r) { return r.id == last; });
                CHECK(found);
                if (found)
                    ++interruptedFound;
            }
        }
        for (const SessionRecord &r : interrupted.value()) {
            const Result<std::optional<Program>> program = store.program(r.programId);
            REQUIRE(program.ok());
            REQUIRE(program->has_value());
            const Result<SessionPlan> plan = SessionPlan::fromProgram(**program, store.exercises().value());
            REQUIRE(plan.ok());
            const QList<SessionEvent> events = store.events(r.id).value();
            if (SessionEngine::endOf(events)) {
                ++endLoggedOnly; // killed between logging the end and recording it: the next start records it
                continue;
            }
            const Result<SessionState> state = SessionEngine::replay(plan.value(), r.id, events);
            CHECK(state.ok());
            if (state.ok())
                ++replayed;
        }
    }

    std::cout << "kill test: " << kills << " kills (" << killedBeforeFirstAck << " before the first acknowledgement), "
              << ackedTotal << " acknowledged events, " << lostAcknowledged << " lost, integrity failures "
              << integrityFailures << ", committed beyond acknowledged: " << extraOnes << " times, at most " << maxExtra
              << " at once; interrupted sessions found " << interruptedFound << "/" << interruptedExpected
              << ", replayed " << replayed << " (" << endLoggedOnly << " had logged their end only)"
              << ", resumes verified " << resumesVerified << std::endl;
    CHECK(kills >= 200);
    CHECK(lostAcknowledged == 0);
    CHECK(integrityFailures == 0);
    CHECK(maxExtra <= 1);
    CHECK(interruptedFound == interruptedExpected);
    CHECK(ackedTotal > kills);
    CHECK(resumesVerified > kills / 2);
}
