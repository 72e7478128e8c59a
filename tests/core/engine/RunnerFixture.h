#pragma once
// Test support for SessionRunner: a clock moved by hand, a real SQLite
// database with the bundled catalog, a patient and the whole program, and a
// played athlete that drives a runner.

#include "SessionDriver.h"

#include "rehabit/engine/SessionClock.h"
#include "rehabit/engine/SessionRunner.h"
#include "rehabit/store/Store.h"

#include <QTemporaryDir>

#include <memory>

namespace rehabit::enginetest {

class ManualSessionClock final : public SessionClock {
public:
    explicit ManualSessionClock(Moment start = {SessionDriver::StartMonotonic, SessionDriver::StartWall})
        : m_now(start)
    {}
    Moment now() const override { return m_now; }
    void setMonotonic(qint64 ms)
    {
        m_now.wallMs += ms - m_now.monotonicMs;
        m_now.monotonicMs = ms;
    }
    void advance(qint64 ms) { setMonotonic(m_now.monotonicMs + ms); }

private:
    Moment m_now;
};

/// A database file in a temporary folder, with the bundled catalog imported,
/// one patient and the whole program at default dosage.
struct TestDatabase {
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<Store> store;
    Program program;
    QList<Exercise> exercises;

    explicit TestDatabase(PainRuleKind rule = PainRuleKind::Strict, const std::function<void(Program &)> &adjust = {})
    {
        REQUIRE(dir.isValid());
        path = dir.filePath(u"rehabit.sqlite"_s);
        open();
        REQUIRE(store->importCatalog(bundledCatalog(), ExerciseOrigin::Bundled).ok());
        Result<Patient> patient =
            store->addPatient(u"Ana"_s, QDateTime::fromMSecsSinceEpoch(SessionDriver::StartWall, Qt::UTC));
        REQUIRE(patient.ok());
        Program p = wholeProgram(rule);
        p.id = 0;
        p.patientId = patient->id;
        p.createdAt = QDateTime::fromMSecsSinceEpoch(SessionDriver::StartWall, Qt::UTC);
        for (ProgramItem &i : p.items)
            i.id = 0;
        if (adjust)
            adjust(p);
        Result<Program> stored = store->addProgram(p);
        if (!stored.ok())
            FAIL(stored.error().text().toStdString());
        program = stored.value();
        Result<QList<Exercise>> all = store->exercises();
        REQUIRE(all.ok());
        exercises = all.value();
    }

    void open()
    {
        Result<std::unique_ptr<Store>> opened = openSqliteStore(path);
        if (!opened.ok())
            FAIL(opened.error().text().toStdString());
        store = std::move(opened.value());
    }
    void close() { store.reset(); }

    QList<SessionEvent> events(qint64 sessionId) const
    {
        Result<QList<SessionEvent>> e = store->events(sessionId);
        REQUIRE(e.ok());
        return e.value();
    }
    SessionPlan plan() const
    {
        Result<SessionPlan> p = SessionPlan::fromProgram(program, exercises);
        REQUIRE(p.ok());
        return p.value();
    }
};

/// Plays the athlete through a runner: one move per call, false once the
/// runner has stopped (finished, or a store error).
inline bool stepRunner(SessionRunner &runner, ManualSessionClock &clock, const Athlete &athlete = {})
{
    if (!runner.isRunning())
        return false;
    const SessionState &s = runner.state();
    switch (s.stage) {
    case SessionStage::AskingPain:
        clock.advance(athlete.answerMs);
        runner.ratePain(athlete.pain(*s.painPrompt, s), *s.painPrompt);
        return true;
    case SessionStage::Working:
        clock.advance(athlete.repMs);
        runner.repDone();
        return true;
    case SessionStage::Assessing:
        clock.advance(athlete.assessMs);
        runner.recordAssessment(athlete.assessment(s.currentUnit()->side.value_or(Side::Both)));
        return true;
    case SessionStage::PainNotice: runner.continueOn(); return true;
    default: {
        const std::optional<qint64> wake = runner.wakeAt();
        if (!wake)
            return false;
        clock.setMonotonic(*wake);
        runner.tick();
        return true;
    }
    }
}

inline void playRunner(SessionRunner &runner, ManualSessionClock &clock, const Athlete &athlete = {},
                       const std::function<bool(const SessionRunner &)> &stop = {})
{
    for (int guard = 0; guard < 100000; ++guard) {
        if (stop && stop(runner))
            return;
        if (!stepRunner(runner, clock, athlete))
            return;
    }
    FAIL("the runner's session did not finish");
}

} // namespace rehabit::enginetest
