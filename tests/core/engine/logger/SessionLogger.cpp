// session_logger: the child process of the engine's kill test
// (tests/core/engine/SessionKillTest.cpp). It logs sessions of the whole
// bundled program through SessionRunner and the real SQLite store, as fast
// as the store commits (the clock is moved by hand to each wake-up), and
// prints every event the store acknowledged, after appendEvent returned:
//
//     resuming <session>      an interrupted session is continued
//     closing <session>       an interrupted session cannot be continued
//     starting                a new session is started
//     ack <session> <seq>     the store committed this event
//
// Usage: session_logger DATABASE [SEED]. It runs until it is killed, or
// until it has logged MaxSessions sessions.

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/engine/SessionClock.h"
#include "rehabit/engine/SessionRunner.h"
#include "rehabit/store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>

#include <cstdio>

using namespace rehabit;
using namespace Qt::StringLiterals;

namespace {

constexpr int MaxSessions = 50;

class HandClock final : public SessionClock {
public:
    Moment now() const override { return m_now; }
    void setMonotonic(qint64 ms)
    {
        m_now.wallMs += ms - m_now.monotonicMs;
        m_now.monotonicMs = ms;
    }
    void advance(qint64 ms) { setMonotonic(m_now.monotonicMs + ms); }

private:
    Moment m_now{0, QDateTime::currentMSecsSinceEpoch()};
};

/// One line on stdout, written through at once.
void line(const QByteArray &text)
{
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int fail(const QString &what)
{
    std::fprintf(stderr, "session_logger: %s\n", qPrintable(what));
    return 2;
}

Result<Program> programOf(Store &store)
{
    Result<QList<Patient>> patients = store.patients(false);
    if (!patients)
        return patients.error();
    qint64 patientId = 0;
    if (patients->isEmpty()) {
        Result<Patient> added = store.addPatient(u"Kill test"_s, QDateTime::currentDateTimeUtc());
        if (!added)
            return added.error();
        patientId = added->id;
    } else {
        patientId = patients->constFirst().id;
    }
    Result<QList<Program>> programs = store.programs(patientId);
    if (!programs)
        return programs.error();
    if (!programs->isEmpty())
        return programs->constFirst();
    Result<QList<Exercise>> exercises = store.exercises();
    if (!exercises)
        return exercises.error();
    Program p;
    p.patientId = patientId;
    p.name = u"Whole program"_s;
    p.createdAt = QDateTime::currentDateTimeUtc();
    for (const Exercise &e : exercises.value()) {
        ProgramItem item;
        item.exerciseId = e.id;
        item.rx = defaultPrescription(e);
        p.items.append(item);
    }
    return store.addProgram(p);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2)
        return fail(u"usage: session_logger DATABASE [SEED]"_s);
    QRandomGenerator random(args.size() > 2 ? args.at(2).toUInt() : 1u);

    Result<std::unique_ptr<Store>> opened = openSqliteStore(args.at(1));
    if (!opened)
        return fail(opened.error().text());
    Store &store = *opened.value();
    Result<int> version = store.catalogVersion();
    if (!version)
        return fail(version.error().text());
    if (version.value() == 0) {
        Result<Catalog> catalog = CatalogJson::bundled();
        if (!catalog)
            return fail(catalog.error().text());
        if (Result<CatalogImportSummary> imported = store.importCatalog(catalog.value(), ExerciseOrigin::Bundled);
            !imported)
            return fail(imported.error().text());
    }
    Result<Program> program = programOf(store);
    if (!program)
        return fail(program.error().text());
    Result<QList<Exercise>> exercises = store.exercises();
    if (!exercises)
        return fail(exercises.error().text());

    HandClock clock;
    SessionRunner runner(store, clock);
    QObject::connect(&runner, &SessionRunner::saved, &runner, [&](int seq) {
        line("ack " + QByteArray::number(runner.sessionId()) + ' ' + QByteArray::number(seq));
    });

    Result<QList<SessionRecord>> interrupted = store.interruptedSessions();
    if (!interrupted)
        return fail(interrupted.error().text());
    for (const SessionRecord &r : interrupted.value()) {
        if (r.programId != program->id)
            continue;
        line("resuming " + QByteArray::number(r.id));
        if (Result<void> resumed = runner.resumeInterrupted(program.value(), exercises.value(), r.id); !resumed) {
            line("closing " + QByteArray::number(r.id));
            if (Result<void> closed = runner.closeInterrupted(program.value(), exercises.value(), r.id); !closed)
                return fail(closed.error().text());
        }
        break;
    }

    for (int sessions = 0; sessions < MaxSessions;) {
        if (!runner.isRunning()) {
            if (runner.error())
                return fail(runner.error()->text());
            line("starting");
            if (Result<qint64> started = runner.start(program.value(), exercises.value()); !started)
                return fail(started.error().text());
            ++sessions;
            continue;
        }
        const SessionState &s = runner.state();
        const int dice = int(random.bounded(100));
        switch (s.stage) {
        case SessionStage::AskingPain:
            clock.advance(3000);
            runner.ratePain(1, *s.painPrompt);
            break;
        case SessionStage::Working:
            clock.advance(2000);
            if (dice < 5)
                runner.back();
            else
                runner.repDone();
            break;
        case SessionStage::Assessing:
            clock.advance(10000);
            runner.recordAssessment(dice < 50);
            break;
        case SessionStage::PainNotice: runner.continueOn(); break;
        default:
            if (dice < 2) {
                runner.pause();
                clock.advance(5000);
                runner.resume();
            } else if (dice < 3) {
                runner.back();
            } else if (const std::optional<qint64> wake = runner.wakeAt()) {
                clock.setMonotonic(*wake);
                runner.tick();
            }
            break;
        }
    }
    return 0;
}
