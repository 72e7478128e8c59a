// The whole bundled program at default dosage, as one session: every
// catalog entry runs exactly as prescribed, and the session, about half an
// hour long, ends with zero drift however late the timer ticks come.

#include "SessionDriver.h"

#include "rehabit/engine/Progression.h"

using namespace rehabit;
using namespace rehabit::enginetest;

namespace {

/// The session's length worked out from the prescriptions alone.
qint64 expectedLengthMs(const SessionPlan &plan, const Athlete &a)
{
    qint64 total = a.answerMs; // the starting pain
    for (int i = 0; i < plan.items.size(); ++i) {
        const PlanItem &item = plan.items.at(i);
        const Prescription &rx = item.rx;
        const int sets = std::max(1, rx.sets);
        const int sidesPerSet = rx.sides == Sides::EachSide ? 2 : 1;
        qint64 unit = 0;
        switch (item.exercise.kind) {
        case WorkKind::Assessment: unit = -1; break;
        case WorkKind::Reps: unit = rx.reps * a.repMs; break;
        case WorkKind::Holds:
            unit = rx.positionSeconds * 1000 + rx.reps * rx.holdSeconds * 1000
                   + (rx.reps - 1) * rx.restBetweenRepsSeconds * 1000;
            break;
        case WorkKind::Timed:
            unit = rx.positionSeconds * 1000 + (rx.durationSeconds + rx.followUpSeconds) * 1000;
            break;
        }
        if (unit < 0)
            total += 2 * a.assessMs; // one result per side
        else
            total += sets * sidesPerSet * unit + (sets - 1) * rx.restBetweenSetsSeconds * 1000;
        total += a.answerMs; // the after-exercise rating
        if (i + 1 < plan.items.size())
            total += rx.restAfterSeconds * 1000;
    }
    return total + a.answerMs; // the after-session rating
}

SessionPlan wholePlan()
{
    const Result<SessionPlan> plan = SessionPlan::fromProgram(wholeProgram(), bundledCatalog().exercises);
    REQUIRE(plan.ok());
    return plan.value();
}

} // namespace

TEST_CASE("the session plan follows the article's phases: assess, stretch, release, brace, strengthen",
          "[engine][program]")
{
    Program program = wholeProgram();
    // Whatever order the items were put in, the session keeps the phases.
    std::reverse(program.items.begin(), program.items.end());
    for (int i = 0; i < program.items.size(); ++i)
        program.items[i].position = i;
    const Result<SessionPlan> plan = SessionPlan::fromProgram(program, bundledCatalog().exercises);
    REQUIRE(plan.ok());
    QStringList ids;
    for (const PlanItem &i : plan->items)
        ids << i.exercise.id;
    CHECK(ids.mid(0, 4)
          == QStringList{u"thomas-test"_s, u"prone-leg-lift"_s, u"half-kneeling-hip-flexor-stretch"_s,
                         u"ball-release-asis"_s});
    CHECK(ids.at(4) == u"learning-to-brace"_s);
    CHECK(ids.mid(5)
          == QStringList{u"side-plank-clamshell"_s, u"marching-resisted-bridge"_s, u"isometric-hip-flexion-band"_s});

    // In the program's own order the bundled catalog's order comes out.
    const Result<SessionPlan> straight = SessionPlan::fromProgram(wholeProgram(), bundledCatalog().exercises);
    QStringList catalogOrder;
    for (const Exercise &e : bundledCatalog().exercises)
        catalogOrder << e.id;
    QStringList planOrder;
    for (const PlanItem &i : straight->items)
        planOrder << i.exercise.id;
    CHECK(planOrder == catalogOrder);

    program.items.append(ProgramItem{999, 99, u"no-such-exercise"_s, {}});
    const Result<SessionPlan> missing = SessionPlan::fromProgram(program, bundledCatalog().exercises);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.contains(u"\"no-such-exercise\""_s));
}

TEST_CASE("the whole program at default dosage: every entry as prescribed, zero drift", "[engine][program][drift]")
{
    const SessionPlan plan = wholePlan();
    REQUIRE(plan.items.size() == 8);
    const Athlete athlete;

    SessionDriver onTime(plan);
    onTime.play(athlete);
    SessionDriver late(plan);
    late.maxLateMs = GENERATE(15, 250);
    CAPTURE(late.maxLateMs);
    late.play(athlete);

    // Late ticks change nothing: not one timestamp, not one measured hold.
    CHECK(briefs(late.log) == briefs(onTime.log));
    REQUIRE(late.log.size() == onTime.log.size());
    for (int i = 0; i < late.log.size(); ++i)
        REQUIRE(late.log.at(i).atMs == onTime.log.at(i).atMs);

    const qint64 length = late.log.constLast().atMs - late.log.constFirst().atMs;
    INFO("session length " << length / 60000.0 << " min");
    CHECK(length == expectedLengthMs(plan, athlete));
    CHECK(length > 30 * 60 * 1000);
    CHECK(late.state.finishedAs == SessionStatus::Completed);

    // Every entry exactly as prescribed: each unit, each rep, each hold.
    for (const PlanItem &item : plan.items) {
        CAPTURE(item.exercise.id);
        CHECK(Progression::didFullDose(item, late.log));
        int holds = 0, reps = 0, bouts = 0, results = 0;
        for (const SessionEvent &e : late.log) {
            if (e.programItemId != item.programItemId)
                continue;
            if (e.kind == EventKind::HoldEnded) {
                ++holds;
                CHECK(e.holdMs == item.rx.holdSeconds * 1000);
            }
            if (e.kind == EventKind::RepDone)
                ++reps;
            if (e.kind == EventKind::TimedEnded) {
                ++bouts;
                CHECK(e.holdMs == (e.detail.isEmpty() ? item.rx.durationSeconds : item.rx.followUpSeconds) * 1000);
            }
            if (e.kind == EventKind::AssessmentResult)
                ++results;
        }
        const int units = int(item.units().size());
        switch (item.style()) {
        case WorkStyle::Holds:
            CHECK(holds == units * item.rx.reps);
            CHECK(reps == holds);
            break;
        case WorkStyle::Reps: CHECK(reps == units * item.rx.reps); break;
        case WorkStyle::Timed: CHECK(bouts == units * 2); break;
        case WorkStyle::Assessment: CHECK(results == 2); break;
        }
    }
}

TEST_CASE("long pauses in the whole program shift it by exactly their length", "[engine][program][drift]")
{
    const SessionPlan plan = wholePlan();
    SessionDriver plain(plan);
    plain.play(Athlete{});

    SessionDriver paused(plan);
    paused.maxLateMs = 15;
    qint64 pausedFor = 0;
    int pauses = 0;
    qsizetype holdsSeen = 0;
    for (int guard = 0; guard < 100000 && paused.step(Athlete{}); ++guard) {
        // Pause in every 9th hold for 12.345 s, 1.5 s into it.
        const qsizetype holds = std::count_if(paused.log.cbegin(), paused.log.cend(),
                                              [](const SessionEvent &e) { return e.kind == EventKind::HoldStarted; });
        if (holds == holdsSeen || paused.state.stage != SessionStage::Holding)
            continue;
        holdsSeen = holds;
        if (holds % 9 != 0 || paused.now.monotonicMs - paused.state.stageStartMs > 1000)
            continue;
        paused.advance(1500);
        if (paused.state.stage != SessionStage::Holding)
            continue;
        paused.send(InputKind::Pause);
        paused.advance(12345);
        paused.send(InputKind::Resume);
        pausedFor += 12345;
        ++pauses;
    }
    REQUIRE(paused.state.finishedAs == SessionStatus::Completed);
    CHECK(pauses > 10);
    const qint64 plainLength = plain.log.constLast().atMs - plain.log.constFirst().atMs;
    const qint64 pausedLength = paused.log.constLast().atMs - paused.log.constFirst().atMs;
    CHECK(pausedLength == plainLength + pausedFor);
    for (const SessionEvent &e : paused.log)
        if (e.kind == EventKind::HoldEnded)
            CHECK(e.holdMs == plan.items.at(plan.indexOf(e.programItemId)).rx.holdSeconds * 1000);
}
