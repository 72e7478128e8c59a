// Hold timing through the real SessionRunner (Qt::PreciseTimer, the real
// store), and the drift of a whole session.
#include "Benchmarks.h"

#include "rehabit/store/CatalogImport.h"
#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/ProgramTemplates.h"
#include "rehabit/engine/SessionRunner.h"

#include <QDir>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace rehabit::bench {
namespace {

/// The monotonic clock the runner reads (QElapsedTimer, as
/// SystemSessionClock), also read in nanoseconds by the measurement.
class BenchClock final : public SessionClock {
public:
    BenchClock()
    {
        m_timer.start();
        m_wallStart = QDateTime::currentMSecsSinceEpoch();
    }
    Moment now() const override
    {
        const qint64 ms = m_timer.elapsed();
        return Moment{ms, m_wallStart + ms};
    }
    double nowUs() const { return double(m_timer.nsecsElapsed()) / 1000.0; }

private:
    QElapsedTimer m_timer;
    qint64 m_wallStart = 0;
};

/// One runner doing `holds` holds of one second back to back (no position
/// countdown, no rest between reps), answering every pain question with 1.
struct HoldChain {
    std::unique_ptr<SessionRunner> runner;
    qint64 deadline = -1;    ///< of the running hold (ms, monotonic)
    QList<qint64> deadlines; ///< of every hold seen running, in order
    qint64 lastEnded = -1;   ///< deadline of the last hold whose end cue was given
    bool done = false;
};

/// Draws ticks late by the measured lateness of the real timer; runs the pure
/// engine through a whole program with a played athlete; returns the end (monotonic ms).
qint64 sessionEnd(const Program &program, const QList<Exercise> &exercises, const std::vector<double> &latenessUs,
                  quint32 seed)
{
    const SessionPlan plan = need(SessionPlan::fromProgram(program, exercises), "plan the program");
    SessionState state = SessionEngine::initial(plan, 1);
    Moment now{1'000'000, 1'750'000'000'000};
    QRandomGenerator random(seed);
    qint64 lastEvent = now.monotonicMs; // monotonic time of the last logged event
    auto send = [&](const SessionInput &in) {
        const SessionTransition t = SessionEngine::next(state, in, now);
        state = t.state;
        if (const QList<SessionEvent> events = t.events(); !events.isEmpty())
            lastEvent = events.constLast().atMs - (now.wallMs - now.monotonicMs);
    };
    auto advanceTo = [&](qint64 ms) {
        now.wallMs += ms - now.monotonicMs;
        now.monotonicMs = ms;
    };
    // The athlete reacts to the moment things happened (the logged time), a
    // reaction longer than any tick is late: so only the timer can drift.
    auto actAfter = [&](qint64 delay) { advanceTo(std::max(now.monotonicMs, lastEvent + delay)); };
    send(SessionInput::of(InputKind::Start));
    for (int guard = 0; guard < 1'000'000 && state.stage != SessionStage::Finished; ++guard) {
        switch (state.stage) {
        case SessionStage::AskingPain:
            actAfter(4000);
            send(SessionInput::painRated(1, *state.painPrompt));
            break;
        case SessionStage::Working:
            actAfter(2500);
            send(SessionInput::of(InputKind::RepDone));
            break;
        case SessionStage::Assessing:
            actAfter(20000);
            send(SessionInput::assessment(false));
            break;
        case SessionStage::PainNotice: send(SessionInput::of(InputKind::Continue)); break;
        default: {
            const std::optional<qint64> wake = SessionEngine::wakeAt(state);
            if (!wake)
                fatal(u"the session stopped in a stage that waits for nothing"_s);
            const qint64 late =
                latenessUs.empty()
                    ? 0
                    : qint64(std::llround(latenessUs[random.bounded(quint32(latenessUs.size()))] / 1000.0));
            advanceTo(std::max(now.monotonicMs, *wake + late));
            send(SessionInput::of(InputKind::Tick));
        }
        }
    }
    if (state.stage != SessionStage::Finished)
        fatal(u"the drift session did not finish (stage %1, now %2, wake %3, deadline %4)"_s.arg(int(state.stage))
                  .arg(now.monotonicMs)
                  .arg(SessionEngine::wakeAt(state).value_or(-1))
                  .arg(state.deadlineMs));
    return now.monotonicMs;
}

struct HoldRun {
    Samples lateUs;
    int holdEvents = 0;
    int holdsOff = 0;      ///< logged hold_ms other than 1000
    qint64 chainDrift = 0; ///< worst |start of last hold - first - (n-1) s|
};

/// `runners` SessionRunners at once on one store, their hold ends spread
/// evenly over the second, each doing `holdsEach` one-second holds.
HoldRun runHolds(Store &store, const QList<Exercise> &catalog, int runners, int holdsEach)
{
    const QDateTime created = QDateTime::currentDateTimeUtc();
    Program holds;
    holds.name = u"Holds"_s;
    holds.createdAt = created;
    {
        ProgramItem item;
        item.exerciseId = u"learning-to-brace"_s;
        item.rx.sets = 1;
        item.rx.reps = holdsEach;
        item.rx.holdSeconds = 1;
        item.rx.positionSeconds = 0;
        item.rx.restBetweenRepsSeconds = 0;
        item.rx.sides = Sides::Both;
        holds.items = {item};
    }

    BenchClock clock;
    HoldRun run;
    Samples &lateUs = run.lateUs;
    std::vector<HoldChain> chains(static_cast<size_t>(runners));
    int finished = 0;
    QEventLoop loop;
    for (int i = 0; i < runners; ++i) {
        const Patient patient = need(store.addPatient(u"Hold %1"_s.arg(i + 1), created), "add a patient");
        Program program = holds;
        program.patientId = patient.id;
        program = need(store.addProgram(program), "add the program");
        HoldChain &chain = chains[size_t(i)];
        chain.runner = std::make_unique<SessionRunner>(store, clock);
        SessionRunner *runner = chain.runner.get();
        QObject::connect(runner, &SessionRunner::painAsked, runner, [runner](PainContext context, qint64) {
            QTimer::singleShot(0, runner, [runner, context] { runner->ratePain(1, context); });
        });
        QObject::connect(runner, &SessionRunner::stateChanged, runner, [runner, &chain] {
            if (runner->state().stage == SessionStage::Holding && runner->state().deadlineMs != chain.deadline) {
                chain.deadline = runner->state().deadlineMs;
                chain.deadlines.append(chain.deadline);
            }
        });
        // A tick so late that two holds ended in it gives two cues at once:
        // the second is measured against its own deadline, one hold later.
        QObject::connect(runner, &SessionRunner::soundCue, runner, [&chain, &clock, &lateUs](SoundCue cue) {
            if (cue != SoundCue::HoldEnd)
                return;
            const qint64 deadline = chain.lastEnded >= chain.deadline ? chain.lastEnded + 1000 : chain.deadline;
            chain.lastEnded = deadline;
            lateUs.add(clock.nowUs() - double(deadline) * 1000.0);
        });
        QObject::connect(runner, &SessionRunner::finished, runner, [&chain, &finished, &loop, runners] {
            chain.done = true;
            if (++finished == runners)
                loop.quit();
        });
        QObject::connect(runner, &SessionRunner::failed, runner,
                         [](const Error &e) { fatal(u"the runner failed: "_s + e.text()); });
        QTimer::singleShot(i * 1000 / runners, runner, [runner, program, catalog] {
            need(runner->start(program, catalog), "start a hold session");
        });
    }
    QTimer::singleShot((holdsEach + 30) * 1000, &loop, [] { fatal(u"the hold sessions did not finish in time"_s); });
    loop.exec();

    // What the log says about the same holds: each hold's measured time, and
    // the start of the last hold against the first (a hold started by a
    // deadline carries the deadline's time, so lateness must not add up).
    for (const HoldChain &chain : chains) {
        QList<qint64> starts;
        for (const SessionEvent &e : need(store.events(chain.runner->sessionId()), "read the hold log")) {
            if (e.kind == EventKind::HoldStarted)
                starts.append(e.atMs);
            if (e.kind != EventKind::HoldEnded)
                continue;
            ++run.holdEvents;
            if (e.holdMs.value_or(-1) != 1000)
                ++run.holdsOff;
        }
        if (starts.size() > 1)
            run.chainDrift =
                std::max(run.chainDrift, std::abs(starts.last() - starts.first() - qint64(starts.size() - 1) * 1000));
    }
    return run;
}

Row holdRow(const HoldRun &run, const QString &how, int holdsEach)
{
    Row row;
    row.figure = u"hold timing: hold-end cue versus the prescribed end, %1"_s.arg(how);
    row.unit = u"ms"_s;
    Samples lateMs;
    for (double v : run.lateUs.values)
        lateMs.add(v / 1000.0);
    row.measured = Figure::of(lateMs, true);
    row.floorName = u"the monotonic clock"_s;
    row.note = u"%1 one-second holds through the real SessionRunner (Qt::PreciseTimer) and the SQLite store on disk; "
               u"max %2 ms; logged hold_ms other than 1000: %3 of %4; chains of %5 holds: start of the last hold minus "
               u"the first minus (n-1) s = %6 ms"_s.arg(lateMs.values.size())
                   .arg(lateMs.max(), 0, 'f', 2)
                   .arg(run.holdsOff)
                   .arg(run.holdEvents)
                   .arg(holdsEach)
                   .arg(run.chainDrift);
    return row;
}

} // namespace

void benchHoldTimer(const BenchContext &context, const Emit &report)
{
    const QString path = QDir(context.workDir).filePath(u"holds.sqlite"_s);
    auto store = need(openSqliteStore(path), "create the hold database");
    need(importBundledCatalog(*store), "import the bundled catalog");
    const QList<Exercise> catalog = need(store->exercises(), "read the catalog");
    const QDateTime created = QDateTime::currentDateTimeUtc();

    // One runner, as the app runs a session.
    const int single = context.pick(8, 100);
    const HoldRun one = runHolds(*store, catalog, 1, single);
    report(holdRow(one, u"one session"_s, single));
    // Ten runners at once, their hold ends 100 ms apart, so that 1,000 holds
    // take under two minutes; one runner's ticks (and its three fsyncs per
    // hold) fall between the others'.
    const int each = context.pick(8, 100);
    const HoldRun ten = runHolds(*store, catalog, 10, each);
    report(holdRow(ten, u"10 sessions at once"_s, each));
    Samples lateUs = one.lateUs;
    for (double v : ten.lateUs.values)
        lateUs.add(v);

    // Drift of a whole session: the article's daily program (about 30
    // minutes), the pure engine, with every timer tick late by a lateness
    // drawn from the ones just measured, against the same session ticked on time.
    Program daily = ProgramTemplates::dailyProgram(1, catalog, created);
    daily.id = 1;
    for (qsizetype i = 0; i < daily.items.size(); ++i)
        daily.items[i].id = 101 + i; // the engine tells items apart by their ids
    const qint64 onTime = sessionEnd(daily, catalog, {}, 1);
    Samples drift;
    const int sessions = context.pick(20, 200);
    for (int s = 0; s < sessions; ++s)
        drift.add(double(sessionEnd(daily, catalog, lateUs.values, quint32(s + 1)) - onTime));
    Row d;
    d.figure =
        u"drift over a whole session (daily program, %1 min)"_s.arg(double(onTime - 1'000'000) / 60000.0, 0, 'f', 1);
    d.unit = u"ms"_s;
    d.measured = Figure::of(drift, true);
    d.floorName = u"the same session with every tick on time"_s;
    d.note =
        u"%1 sessions of the pure SessionEngine, every tick late by a lateness drawn from the measured hold ends "
        u"(the athlete acts 4 s after a pain question, 2.5 s after the previous rep of reps without hold, reckoned from the logged time, as a person reacts to what happened, not to the tick); end of session minus the on-time end"_s
            .arg(sessions);
    report(d);
}

} // namespace rehabit::bench
