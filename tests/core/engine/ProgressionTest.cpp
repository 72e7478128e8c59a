// Progression after N pain-free sessions at full dose, regression after a
// pain-rule stop or a bad next morning. Proposals only.

#include "SessionDriver.h"

#include "rehabit/engine/Progression.h"

using namespace rehabit;
using namespace rehabit::enginetest;

namespace {

/// One session of `program` played by `athlete`, as the store would keep it.
SessionHistory played(const Program &program, qint64 sessionId, const Athlete &athlete = {},
                      const std::function<bool(const SessionDriver &)> &stop = {})
{
    const Result<SessionPlan> plan = SessionPlan::fromProgram(program, bundledCatalog().exercises);
    REQUIRE(plan.ok());
    SessionDriver d(plan.value(), sessionId);
    d.play(athlete, stop);
    if (d.state.stage != SessionStage::Finished) {
        d.send(InputKind::End);
        d.send(InputKind::End);
    }
    SessionHistory h;
    h.record.id = sessionId;
    h.record.programId = program.id;
    h.record.patientId = program.patientId;
    h.record.startedAt = QDateTime::fromMSecsSinceEpoch(d.log.constFirst().atMs, Qt::UTC).addDays(sessionId);
    h.record.status = d.state.finishedAs.value_or(SessionStatus::InProgress);
    h.record.flagged = d.state.progress.flagged;
    h.events = d.log;
    return h;
}

void addNextMorning(SessionHistory &h, int pain)
{
    SessionEvent e;
    e.sessionId = h.record.id;
    e.kind = EventKind::PainRated;
    e.pain = pain;
    e.painContext = PainContext::NextMorning;
    e.atMs = h.events.constLast().atMs + 16 * 3600 * 1000;
    h.events.append(e);
}

ProgramItem &itemOf(Program &p, const QString &exerciseId)
{
    for (ProgramItem &i : p.items)
        if (i.exerciseId == exerciseId)
            return i;
    throw std::runtime_error("no item " + exerciseId.toStdString());
}

qint64 itemIdOf(const Program &p, const QString &exerciseId)
{
    for (const ProgramItem &i : p.items)
        if (i.exerciseId == exerciseId)
            return i.id;
    return 0;
}

const ProgressionProposal *proposalFor(const QList<ProgressionProposal> &list, const QString &exerciseId)
{
    for (const ProgressionProposal &p : list)
        if (p.exerciseId == exerciseId)
            return &p;
    return nullptr;
}

QStringList exercisesOf(const QList<ProgressionProposal> &list)
{
    QStringList out;
    for (const ProgressionProposal &p : list)
        out << p.exerciseId;
    return out;
}

} // namespace

TEST_CASE("the ladders: one step back and forward", "[progression]")
{
    CHECK(Progression::previousStep(u"marching-resisted-bridge"_s) == u"isometric-hip-flexion-band"_s);
    CHECK(Progression::previousStep(u"side-plank-clamshell"_s) == u"marching-resisted-bridge"_s);
    CHECK(Progression::previousStep(u"isometric-hip-flexion-band"_s) == u"learning-to-brace"_s);
    CHECK(Progression::previousStep(u"prone-leg-lift"_s) == u"half-kneeling-hip-flexor-stretch"_s);
    for (const QString &first : {u"learning-to-brace"_s, u"half-kneeling-hip-flexor-stretch"_s, u"ball-release-asis"_s,
                                 u"thomas-test"_s, u"my-own-exercise"_s})
        CHECK_FALSE(Progression::previousStep(first).has_value());
    CHECK(Progression::nextStep(u"isometric-hip-flexion-band"_s) == u"marching-resisted-bridge"_s);
    CHECK(Progression::nextStep(u"half-kneeling-hip-flexor-stretch"_s) == u"prone-leg-lift"_s);
    CHECK_FALSE(Progression::nextStep(u"side-plank-clamshell"_s).has_value());
    CHECK_FALSE(Progression::nextStep(u"ball-release-asis"_s).has_value());
    // Every id of the ladders is in the bundled catalog.
    for (const QStringList &ladder : Progression::ladders())
        for (const QString &id : ladder)
            CHECK_NOTHROW(exercise(id));
}

TEST_CASE("dose steps within the catalog's ranges", "[progression]")
{
    const Exercise iso = exercise(u"isometric-hip-flexion-band"_s); // 2-3 sets, 10 reps, 3-5 s
    Prescription rx = defaultPrescription(iso);
    QList<std::pair<int, int>> ladder; // (sets, hold) up the ladder
    for (std::optional<Prescription> up = rx; up; up = Progression::raisedDose(iso, *up))
        ladder.append({up->sets, up->holdSeconds});
    CHECK(ladder == QList<std::pair<int, int>>{{2, 3}, {2, 4}, {2, 5}, {3, 5}});
    QList<std::pair<int, int>> down;
    Prescription top = rx;
    top.sets = 3;
    top.holdSeconds = 5;
    for (std::optional<Prescription> d = top; d; d = Progression::loweredDose(iso, *d))
        down.append({d->sets, d->holdSeconds});
    CHECK(down == QList<std::pair<int, int>>{{3, 5}, {2, 5}, {2, 4}, {2, 3}});

    const Exercise stretch = exercise(u"half-kneeling-hip-flexor-stretch"_s); // hold 10-20 s
    Prescription s = defaultPrescription(stretch);
    s = Progression::raisedDose(stretch, s).value();
    CHECK(s.holdSeconds == 15);
    s = Progression::raisedDose(stretch, s).value();
    CHECK(s.holdSeconds == 20);
    CHECK_FALSE(Progression::raisedDose(stretch, s).has_value());
    s.holdSeconds = 25; // a therapist's choice beyond the range: lowered back into it
    CHECK(Progression::loweredDose(stretch, s)->holdSeconds == 20);

    const Exercise ball = exercise(u"ball-release-asis"_s); // 60-120 s
    Prescription b = defaultPrescription(ball);
    CHECK(Progression::raisedDose(ball, b)->durationSeconds == 90);
    CHECK_FALSE(Progression::loweredDose(ball, b).has_value());

    for (const QString &fixed : {u"learning-to-brace"_s, u"side-plank-clamshell"_s, u"thomas-test"_s}) {
        const Exercise e = exercise(fixed);
        CHECK_FALSE(Progression::raisedDose(e, defaultPrescription(e)).has_value());
        CHECK_FALSE(Progression::loweredDose(e, defaultPrescription(e)).has_value());
    }
}

TEST_CASE("advance after N pain-free sessions at full dose", "[progression]")
{
    const Program program = wholeProgram();
    QList<SessionHistory> history;
    for (qint64 id = 1; id <= 2; ++id)
        history << played(program, id);
    CHECK(Progression::advancements(program, bundledCatalog().exercises, history).isEmpty());

    history << played(program, 3);
    const QList<ProgressionProposal> proposals =
        Progression::advancements(program, bundledCatalog().exercises, history);
    // Items below the top of their range move up one step; the brace and the
    // clamshell are at the top of a fixed dose and their next step is in the
    // program already (or there is none); the Thomas test is not dosed.
    CHECK(exercisesOf(proposals)
          == QStringList{u"half-kneeling-hip-flexor-stretch"_s, u"prone-leg-lift"_s, u"ball-release-asis"_s,
                         u"isometric-hip-flexion-band"_s, u"marching-resisted-bridge"_s});
    for (const ProgressionProposal &p : proposals) {
        CAPTURE(p.exerciseId);
        CHECK(p.direction == ProposalDirection::Advance);
        CHECK(p.action == ProposalAction::ChangeDose);
        CHECK(p.programId == program.id);
        CHECK(p.sessionIds == QList<qint64>{1, 2, 3});
        CHECK(p.proposedExerciseId == p.exerciseId);
        CHECK(p.reason.contains(u"without pain in the last 3 sessions"_s));
    }
    CHECK(proposalFor(proposals, u"half-kneeling-hip-flexor-stretch"_s)->proposed.holdSeconds == 15);
    CHECK(proposalFor(proposals, u"ball-release-asis"_s)->proposed.durationSeconds == 90);
    CHECK(proposalFor(proposals, u"isometric-hip-flexion-band"_s)->proposed.holdSeconds == 4);
    CHECK(proposalFor(proposals, u"marching-resisted-bridge"_s)->proposed.sets == 3);
    CHECK(proposalFor(proposals, u"marching-resisted-bridge"_s)->current.sets == 2);

    SECTION("the program's own N")
    {
        Program two = program;
        two.progressionSessions = 2;
        CHECK(Progression::advancements(two, bundledCatalog().exercises, history.mid(0, 2)).size() == 5);
        CHECK(Progression::advancements(two, bundledCatalog().exercises, history.mid(0, 1)).isEmpty());
    }
    SECTION("only the last N sessions count; sessions without the item are not counted")
    {
        Athlete sore;
        sore.pain = [](PainContext c, const SessionState &s) {
            return c == PainContext::AfterExercise && s.currentItem()->exercise.id == u"prone-leg-lift"_s ? 2 : 1;
        };
        QList<SessionHistory> h{played(program, 10, sore)};
        h << history;
        CHECK(Progression::advancements(program, bundledCatalog().exercises, h).size() == 5);
        // A session that stopped after the Thomas test does not break the run.
        h << played(program, 11, Athlete{}, [](const SessionDriver &d) { return d.state.progress.painAfterPending; });
        CHECK(Progression::advancements(program, bundledCatalog().exercises, h).size() == 5);
        // The sore session within the last three: no advance for that item.
        const QList<SessionHistory> recent{history.at(0), history.at(1), played(program, 12, sore)};
        const QList<ProgressionProposal> p = Progression::advancements(program, bundledCatalog().exercises, recent);
        CHECK_FALSE(exercisesOf(p).contains(u"prone-leg-lift"_s));
        CHECK(p.size() == 4);
    }
}

TEST_CASE("no advance without the full dose, or with pain", "[progression]")
{
    const Program program = wholeProgram(PainRuleKind::PainMonitoring);
    const QList<Exercise> &catalog = bundledCatalog().exercises;
    QList<SessionHistory> good{played(program, 1), played(program, 2)};

    SECTION("one hold ended early")
    {
        const Result<SessionPlan> plan = SessionPlan::fromProgram(program, catalog);
        SessionDriver d(plan.value(), 3);
        bool shortened = false;
        for (int guard = 0; guard < 100000 && d.step(Athlete{}); ++guard) {
            if (!shortened && d.state.stage == SessionStage::Holding
                && d.state.currentItem()->exercise.id == u"isometric-hip-flexion-band"_s) {
                d.advance(1000);
                d.send(InputKind::HoldEnded);
                shortened = true;
            }
        }
        SessionHistory h = good.at(0);
        h.record.id = 3;
        h.events = d.log;
        const QList<ProgressionProposal> p =
            Progression::advancements(program, catalog, good + QList<SessionHistory>{h});
        CHECK_FALSE(exercisesOf(p).contains(u"isometric-hip-flexion-band"_s));
        CHECK(p.size() == 4);
    }
    SECTION("pain-monitoring: 3 is acceptable to go on, but not pain-free")
    {
        Athlete athlete;
        athlete.pain = [](PainContext c, const SessionState &s) {
            return c == PainContext::AfterExercise && s.currentItem()->exercise.id == u"ball-release-asis"_s ? 3 : 2;
        };
        const QList<ProgressionProposal> p =
            Progression::advancements(program, catalog, good + QList<SessionHistory>{played(program, 3, athlete)});
        CHECK_FALSE(exercisesOf(p).contains(u"ball-release-asis"_s));
        CHECK(exercisesOf(p).contains(u"prone-leg-lift"_s)); // 2 is pain-free under this rule
    }
    SECTION("a next morning above the usual level")
    {
        SessionHistory h = played(program, 3);
        addNextMorning(h, 1);
        CHECK(Progression::advancements(program, catalog, good + QList<SessionHistory>{h}).size() == 5);
        h.events.removeLast();
        addNextMorning(h, 2);
        CHECK(Progression::advancements(program, catalog, good + QList<SessionHistory>{h}).isEmpty());
    }
    SECTION("a session still in progress does not count")
    {
        SessionHistory h = played(program, 3);
        h.record.status = SessionStatus::InProgress;
        CHECK(Progression::advancements(program, catalog, good + QList<SessionHistory>{h}).isEmpty());
    }
}

TEST_CASE("advance to the next step at the top of the range", "[progression]")
{
    Program program;
    program.id = 9;
    program.patientId = 3;
    ProgramItem iso{201, 0, u"isometric-hip-flexion-band"_s,
                    defaultPrescription(exercise(u"isometric-hip-flexion-band"_s))};
    iso.rx.sets = 3;
    iso.rx.holdSeconds = 5;
    program.items = {iso};
    const QList<SessionHistory> history{played(program, 1), played(program, 2), played(program, 3)};
    const QList<ProgressionProposal> p = Progression::advancements(program, bundledCatalog().exercises, history);
    REQUIRE(p.size() == 1);
    CHECK(p.at(0).action == ProposalAction::ReplaceExercise);
    CHECK(p.at(0).proposedExerciseId == u"marching-resisted-bridge"_s);
    CHECK(p.at(0).proposed.sides == Sides::Alternating);
    CHECK(p.at(0).proposed.sets == 2);
    CHECK(p.at(0).reason.contains(u"Marching resisted bridge"_s));
}

TEST_CASE("a pain-rule stop proposes going back a step", "[progression][regression]")
{
    const QList<Exercise> &catalog = bundledCatalog().exercises;
    const auto stopIn = [](const QString &exerciseId) {
        Athlete a;
        a.pain = [exerciseId](PainContext c, const SessionState &s) {
            return c == PainContext::AfterExercise && s.currentItem()->exercise.id == exerciseId ? 4 : 1;
        };
        return a;
    };

    SECTION("the bridge hurts, the isometrics are in the program: leave the bridge out for now")
    {
        const Program program = wholeProgram();
        const SessionHistory h = played(program, 5, stopIn(u"marching-resisted-bridge"_s));
        CHECK(h.record.flagged);
        const QList<ProgressionProposal> p = Progression::regressions(program, catalog, h);
        REQUIRE(p.size() == 1);
        CHECK(p.at(0).direction == ProposalDirection::Regress);
        CHECK(p.at(0).action == ProposalAction::RemoveItem);
        CHECK(p.at(0).programItemId == itemIdOf(program, u"marching-resisted-bridge"_s));
        CHECK(p.at(0).proposedExerciseId == u"isometric-hip-flexion-band"_s);
        CHECK(p.at(0).sessionIds == QList<qint64>{5});
        CHECK(p.at(0).reason.contains(u"stopped Marching resisted bridge"_s));
        CHECK(p.at(0).reason.contains(u"keep doing Isometric hip flexion with band"_s));
    }
    SECTION("the bridge hurts and the isometrics are not in the program: do them instead")
    {
        Program program = wholeProgram();
        program.items.removeIf([](const ProgramItem &i) { return i.exerciseId == u"isometric-hip-flexion-band"_s; });
        const SessionHistory h = played(program, 5, stopIn(u"marching-resisted-bridge"_s));
        const QList<ProgressionProposal> p = Progression::regressions(program, catalog, h);
        REQUIRE(p.size() == 1);
        CHECK(p.at(0).action == ProposalAction::ReplaceExercise);
        CHECK(p.at(0).proposedExerciseId == u"isometric-hip-flexion-band"_s);
        // The easier step's own dose; the athlete's position countdown is kept.
        Prescription expected = defaultPrescription(exercise(u"isometric-hip-flexion-band"_s));
        expected.positionSeconds = kTestPositionSeconds;
        CHECK(p.at(0).proposed == expected);
    }
    SECTION("no easier step: a lower dose, if the range allows one")
    {
        Program program = wholeProgram();
        itemOf(program, u"ball-release-asis"_s).rx.durationSeconds = 90;
        const SessionHistory h = played(program, 5, stopIn(u"ball-release-asis"_s));
        const QList<ProgressionProposal> p = Progression::regressions(program, catalog, h);
        REQUIRE(p.size() == 1);
        CHECK(p.at(0).action == ProposalAction::ChangeDose);
        CHECK(p.at(0).proposed.durationSeconds == 60);
    }
    SECTION("nothing easier at all: no proposal; the flag and the notice remain")
    {
        const Program program = wholeProgram();
        const SessionHistory h = played(program, 5, stopIn(u"half-kneeling-hip-flexor-stretch"_s));
        CHECK(h.record.flagged);
        CHECK(Progression::regressions(program, catalog, h).isEmpty());
    }
    SECTION("a stop during the exercise counts as well")
    {
        const Program program = wholeProgram();
        const Result<SessionPlan> plan = SessionPlan::fromProgram(program, catalog);
        SessionDriver d(plan.value(), 6);
        d.play(Athlete{}, [](const SessionDriver &dr) { return dr.state.stage == SessionStage::Working; });
        d.rate(5, PainContext::During);
        d.play(Athlete{});
        SessionHistory h;
        h.record.id = 6;
        h.events = d.log;
        const QList<ProgressionProposal> p = Progression::regressions(program, catalog, h);
        REQUIRE(p.size() == 1);
        CHECK(p.at(0).exerciseId == u"marching-resisted-bridge"_s);
    }
}

TEST_CASE("next morning above the usual level: less load for what was done", "[progression][regression][next-morning]")
{
    Program program = wholeProgram();
    itemOf(program, u"isometric-hip-flexion-band"_s).rx.sets = 3;
    itemOf(program, u"half-kneeling-hip-flexor-stretch"_s).rx.holdSeconds = 15;
    SessionHistory h = played(program, 8);
    SECTION("at the usual level: nothing")
    {
        addNextMorning(h, 1);
        CHECK(Progression::afterNextMorning(program, bundledCatalog().exercises, h).isEmpty());
    }
    SECTION("one above: a lower dose where the range has one")
    {
        addNextMorning(h, 2);
        const QList<ProgressionProposal> p = Progression::afterNextMorning(program, bundledCatalog().exercises, h);
        CHECK(exercisesOf(p) == QStringList{u"half-kneeling-hip-flexor-stretch"_s, u"isometric-hip-flexion-band"_s});
        CHECK(p.at(0).proposed.holdSeconds == 10);
        CHECK(p.at(1).proposed.sets == 2);
        CHECK(p.at(1).direction == ProposalDirection::Regress);
        CHECK(p.at(1).reason.contains(u"the pain was 2, above its usual 1"_s));
    }
    SECTION("no next-morning rating: nothing")
    {
        CHECK(Progression::afterNextMorning(program, bundledCatalog().exercises, h).isEmpty());
    }
}
