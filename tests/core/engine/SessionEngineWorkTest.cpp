// Every kind of work in the catalog, walked through with a fake clock: the
// exact event log (kinds, set and rep indices, sides, measured hold ms) and
// the timing of each step.

#include "SessionDriver.h"

using namespace rehabit;
using namespace rehabit::enginetest;

namespace {

QStringList holdUnit(int set, const QString &side, int reps, qint64 holdMs)
{
    QStringList out{u"set-started s%1 %2"_s.arg(set).arg(side)};
    for (int rep = 1; rep <= reps; ++rep)
        out << u"hold-started s%1 r%2 %3"_s.arg(set).arg(rep).arg(side)
            << u"hold-ended s%1 r%2 %3 %4ms"_s.arg(set).arg(rep).arg(side).arg(holdMs)
            << u"rep-done s%1 r%2 %3"_s.arg(set).arg(rep).arg(side);
    out << u"set-finished s%1 %2"_s.arg(set).arg(side);
    return out;
}

QStringList opening(const QString &exerciseId, int startPain = 1)
{
    return {u"session-started"_s, u"pain-rated %1 before-session"_s.arg(startPain),
            u"exercise-started "_s + exerciseId};
}

QStringList closing(const QString &exerciseId, int pain = 1)
{
    return {u"exercise-finished "_s + exerciseId, u"pain-rated %1 after-exercise"_s.arg(pain),
            u"pain-rated %1 after-session"_s.arg(pain), u"session-ended [complete]"_s};
}

QList<SessionEvent> ofKind(const QList<SessionEvent> &log, EventKind kind)
{
    QList<SessionEvent> out;
    for (const SessionEvent &e : log)
        if (e.kind == kind)
            out << e;
    return out;
}

/// Starts a one-item session and rates the starting pain: the item is entered.
SessionDriver started(const PlanItem &item, int startPain = 1)
{
    SessionDriver d(planOf({item}));
    d.send(InputKind::Start);
    d.rate(startPain, PainContext::BeforeSession);
    return d;
}

} // namespace

TEST_CASE("holds, both sides at once: learning to brace 2 x 20 x 10 s", "[engine][work]")
{
    SessionDriver d(planOf({item(11, u"learning-to-brace"_s)}));
    d.maxLateMs = 15;
    d.play(Athlete{});

    QStringList expected = opening(u"learning-to-brace"_s);
    expected << holdUnit(1, u"B"_s, 20, 10000) << holdUnit(2, u"B"_s, 20, 10000) << closing(u"learning-to-brace"_s);
    CHECK(briefs(d.log) == expected);

    // Every hold starts 3 s (position) after its set starts, then every
    // 10 s hold + 5 s rest; the second set 60 s after the first ended.
    const QList<SessionEvent> holds = ofKind(d.log, EventKind::HoldStarted);
    const QList<SessionEvent> sets = ofKind(d.log, EventKind::SetStarted);
    REQUIRE(holds.size() == 40);
    REQUIRE(sets.size() == 2);
    CHECK(holds.at(0).atMs - sets.at(0).atMs == 3000);
    for (int i = 1; i < 20; ++i)
        CHECK(holds.at(i).atMs - holds.at(i - 1).atMs == 15000);
    const QList<SessionEvent> finished = ofKind(d.log, EventKind::SetFinished);
    CHECK(finished.at(0).atMs - holds.at(19).atMs == 10000);
    CHECK(sets.at(1).atMs - finished.at(0).atMs == 60000);
    CHECK(holds.at(20).atMs - sets.at(1).atMs == 3000);
    CHECK(d.state.finishedAs == SessionStatus::Completed);
    const QList<FinishSession> finish = effectsOf<FinishSession>(d.effects);
    REQUIRE(finish.size() == 1);
    CHECK(finish.at(0).status == SessionStatus::Completed);
    CHECK_FALSE(finish.at(0).flagged);
}

TEST_CASE("holds on each side: the half-kneeling stretch, 10 x 10 s left, then right", "[engine][work]")
{
    SessionDriver d(planOf({item(12, u"half-kneeling-hip-flexor-stretch"_s)}));
    d.play(Athlete{});
    QStringList expected = opening(u"half-kneeling-hip-flexor-stretch"_s);
    expected << holdUnit(1, u"L"_s, 10, 10000) << holdUnit(1, u"R"_s, 10, 10000)
             << closing(u"half-kneeling-hip-flexor-stretch"_s);
    CHECK(briefs(d.log) == expected);

    // One switch of sides, with its sound and words; then the position
    // countdown for the right side (no rest: the other side rested).
    CHECK(soundsOf(d.effects).count(SoundCue::SwitchSides) == 1);
    CHECK(wordsOf(d.effects).contains(u"Switch sides"_s));
    const QList<SessionEvent> sets = ofKind(d.log, EventKind::SetStarted);
    const QList<SessionEvent> finished = ofKind(d.log, EventKind::SetFinished);
    CHECK(sets.at(1).atMs == finished.at(0).atMs);
    CHECK(ofKind(d.log, EventKind::HoldStarted).at(10).atMs - sets.at(1).atMs == 3000);
}

TEST_CASE("each side with several sets: set 1 left, set 1 right, rest, set 2 left, set 2 right", "[engine][work]")
{
    SessionDriver d(planOf({item(13, u"isometric-hip-flexion-band"_s)}));
    d.play(Athlete{});
    QStringList expected = opening(u"isometric-hip-flexion-band"_s);
    expected << holdUnit(1, u"L"_s, 10, 3000) << holdUnit(1, u"R"_s, 10, 3000) << holdUnit(2, u"L"_s, 10, 3000)
             << holdUnit(2, u"R"_s, 10, 3000) << closing(u"isometric-hip-flexion-band"_s);
    CHECK(briefs(d.log) == expected);
    const QList<SessionEvent> sets = ofKind(d.log, EventKind::SetStarted);
    const QList<SessionEvent> finished = ofKind(d.log, EventKind::SetFinished);
    CHECK(sets.at(1).atMs == finished.at(0).atMs);         // switch sides: no rest
    CHECK(sets.at(2).atMs - finished.at(1).atMs == 60000); // between sets: the prescribed rest
    CHECK(soundsOf(d.effects).count(SoundCue::SwitchSides) == 2);
    CHECK(soundsOf(d.effects).count(SoundCue::SetDone) == 2);
}

TEST_CASE("reps without hold, alternating: marching bridge 2 x 10 counted in total, L/R per rep", "[engine][work]")
{
    SessionDriver d(planOf({item(14, u"marching-resisted-bridge"_s)}));
    Athlete athlete;
    athlete.repMs = 2000;
    d.play(athlete);
    QStringList expected = opening(u"marching-resisted-bridge"_s);
    for (int set = 1; set <= 2; ++set) {
        expected << u"set-started s%1"_s.arg(set);
        for (int rep = 1; rep <= 10; ++rep)
            expected << u"rep-done s%1 r%2 %3"_s.arg(set).arg(rep).arg(rep % 2 ? u"L"_s : u"R"_s);
        expected << u"set-finished s%1"_s.arg(set);
    }
    expected << closing(u"marching-resisted-bridge"_s);
    CHECK(briefs(d.log) == expected);
    // No hold, so no position countdown: the set waits for the athlete.
    CHECK(ofKind(d.log, EventKind::HoldStarted).isEmpty());
    const QList<SessionEvent> reps = ofKind(d.log, EventKind::RepDone);
    CHECK(reps.at(0).atMs - ofKind(d.log, EventKind::SetStarted).at(0).atMs == 2000);
}

TEST_CASE("reps without hold wait in the rest between sets: rep done there is ignored", "[engine][work]")
{
    SessionDriver d = started(item(14, u"marching-resisted-bridge"_s));
    for (int rep = 1; rep <= 10; ++rep)
        d.send(InputKind::RepDone);
    REQUIRE(d.state.stage == SessionStage::Resting);
    const SessionState before = d.state;
    const SessionTransition t = d.send(InputKind::RepDone);
    CHECK(t.effects.isEmpty());
    CHECK(t.state == before);
}

TEST_CASE("a rest between reps without hold: rep done during the rest counts", "[engine][work]")
{
    SessionDriver d =
        started(item(14, u"marching-resisted-bridge"_s, [](Prescription &rx) { rx.restBetweenRepsSeconds = 4; }));
    d.send(InputKind::RepDone);
    REQUIRE(d.state.stage == SessionStage::Resting);
    CHECK(d.state.rest == RestKind::BetweenReps);
    d.advance(1000);
    d.send(InputKind::RepDone); // the athlete did not wait
    CHECK(briefs(d.log).mid(4) == QStringList{u"rep-done s1 r1 L"_s, u"rep-done s1 r2 R"_s});
    d.advance(4000); // the rest ends: waiting for rep 3
    CHECK(d.state.stage == SessionStage::Working);
}

TEST_CASE("timed work: ball release 60 s then 30 s of wave-like motion, each side", "[engine][work]")
{
    SessionDriver d(planOf({item(15, u"ball-release-asis"_s)}));
    d.play(Athlete{});
    QStringList expected = opening(u"ball-release-asis"_s);
    for (const QString &side : {u"L"_s, u"R"_s})
        expected << u"set-started s1 %1"_s.arg(side) << u"timed-started s1 r1 %1"_s.arg(side)
                 << u"timed-ended s1 r1 %1 60000ms"_s.arg(side) << u"timed-started s1 r2 %1 [follow-up]"_s.arg(side)
                 << u"timed-ended s1 r2 %1 30000ms [follow-up]"_s.arg(side) << u"set-finished s1 %1"_s.arg(side);
    expected << closing(u"ball-release-asis"_s);
    CHECK(briefs(d.log) == expected);
    // The follow-up starts the moment the pressure ends, with its own words.
    const QList<SessionEvent> timed = ofKind(d.log, EventKind::TimedStarted);
    CHECK(timed.at(1).atMs - timed.at(0).atMs == 60000);
    const Exercise ball = exercise(u"ball-release-asis"_s);
    REQUIRE(ball.followUp.has_value());
    CHECK(wordsOf(d.effects).contains(ball.followUp->cue));
}

TEST_CASE("timed work ended early by the athlete logs the measured time", "[engine][work]")
{
    SessionDriver d = started(item(15, u"ball-release-asis"_s));
    d.runUntil(SessionStage::TimedBout);
    d.advance(41234);
    d.send(InputKind::HoldEnded);
    CHECK(d.state.stage == SessionStage::FollowUp);
    d.advance(12000);
    d.send(InputKind::RepDone);
    const QStringList log = briefs(d.log);
    CHECK(log.contains(u"timed-ended s1 r1 L 41234ms"_s));
    CHECK(log.contains(u"timed-ended s1 r2 L 12000ms [follow-up]"_s));
    CHECK(log.constLast() == u"set-started s1 R"_s);
}

TEST_CASE("assessment: the Thomas test records a result per side", "[engine][work]")
{
    SessionDriver d(planOf({item(16, u"thomas-test"_s)}));
    d.play(Athlete{});
    QStringList expected = opening(u"thomas-test"_s);
    expected << u"assessment-result L [positive]"_s << u"assessment-result R [negative]"_s << closing(u"thomas-test"_s);
    CHECK(briefs(d.log) == expected);
}

TEST_CASE("the position countdown, the hold and the 3-2-1 counts, at their moments", "[engine][work]")
{
    SessionDriver d = started(item(11, u"learning-to-brace"_s));
    const qint64 t0 = d.now.monotonicMs;
    REQUIRE(d.state.stage == SessionStage::Positioning);
    CHECK(wordsOf(d.last).contains(u"Get into position"_s));
    CHECK(wordsOf(d.last).contains(exercise(u"learning-to-brace"_s).steps.first().cue));
    // 3 s countdown: counts 2 and 1 (3 would fall on its start), then the hold.
    CHECK(SessionEngine::wakeAt(d.state) == t0 + 1000);
    d.advanceTo(t0 + 1000);
    CHECK(soundsOf(d.last) == QList<SoundCue>{SoundCue::Count2});
    d.advanceTo(t0 + 2000);
    CHECK(soundsOf(d.last) == QList<SoundCue>{SoundCue::Count1});
    CHECK(SessionEngine::wakeAt(d.state) == t0 + 3000);
    d.advanceTo(t0 + 3000);
    CHECK(soundsOf(d.last) == QList<SoundCue>{SoundCue::HoldStart});
    CHECK(wordsOf(d.last).first() == u"Hold"_s);
    CHECK(d.state.stage == SessionStage::Holding);
    // 10 s hold: 3, 2, 1 in its last three seconds, then "Relax".
    CHECK(SessionEngine::wakeAt(d.state) == t0 + 3000 + 7000);
    CHECK(SessionEngine::remainingMs(d.state, t0 + 3000 + 2500) == 7500);
    d.advanceTo(t0 + 10000);
    CHECK(soundsOf(d.last) == QList<SoundCue>{SoundCue::Count3});
    d.advanceTo(t0 + 13000);
    CHECK(soundsOf(d.effects).mid(soundsOf(d.effects).size() - 3)
          == QList<SoundCue>{SoundCue::Count2, SoundCue::Count1, SoundCue::HoldEnd});
    CHECK(wordsOf(d.last).contains(u"Relax"_s));
    CHECK(d.state.stage == SessionStage::Resting);
}

TEST_CASE("a tick that comes late gives only the count that is due, never a stale one", "[engine][work]")
{
    SessionDriver d = started(item(11, u"learning-to-brace"_s));
    d.runUntil(SessionStage::Holding);
    const qint64 start = d.state.stageStartMs;
    d.setTime(start + 8500); // counts 3 and 2 are both due: only 2 is played
    d.send(InputKind::Tick);
    CHECK(soundsOf(d.last) == QList<SoundCue>{SoundCue::Count2});
    CHECK(SessionEngine::wakeAt(d.state) == start + 9000);
}

TEST_CASE("the athlete ends a hold early: measured ms logged, the rep counts", "[engine][work]")
{
    SessionDriver d = started(item(11, u"learning-to-brace"_s));
    d.runUntil(SessionStage::Holding);
    d.advance(7345);
    SECTION("with rep done")
    {
        d.send(InputKind::RepDone);
    }
    SECTION("with hold ended")
    {
        d.send(InputKind::HoldEnded);
    }
    CHECK(briefs(d.log).mid(4)
          == QStringList{u"hold-started s1 r1 B"_s, u"hold-ended s1 r1 B 7345ms"_s, u"rep-done s1 r1 B"_s});
    CHECK(d.state.stage == SessionStage::Resting);
    CHECK(d.state.progress.repsDone == 1);
}

TEST_CASE("hold started ends the countdown or the rest at once", "[engine][work]")
{
    SessionDriver d = started(item(11, u"learning-to-brace"_s));
    d.advance(1200);
    d.send(InputKind::HoldStarted);
    CHECK(d.state.stage == SessionStage::Holding);
    CHECK(d.state.stageStartMs == d.now.monotonicMs);
    d.runUntil(SessionStage::Resting);
    d.advance(2000);
    d.send(InputKind::HoldStarted);
    CHECK(d.state.stage == SessionStage::Holding);
    CHECK(briefs(d.log).constLast() == u"hold-started s1 r2 B"_s);
    SECTION("continue does the same for a rest")
    {
        d.runUntil(SessionStage::Resting);
        d.send(InputKind::Continue);
        CHECK(d.state.stage == SessionStage::Holding);
        CHECK(briefs(d.log).constLast() == u"hold-started s1 r3 B"_s);
    }
}

TEST_CASE("an input that comes after a deadline is taken after what the deadline did", "[engine][work]")
{
    SessionDriver d = started(item(11, u"learning-to-brace"_s));
    d.runUntil(SessionStage::Holding);
    const qint64 deadline = d.state.deadlineMs;
    d.setTime(deadline + 40); // no tick came: the hold ended at its deadline all the same
    d.send(InputKind::HoldEnded);
    CHECK(briefs(d.log).mid(5, 2) == QStringList{u"hold-ended s1 r1 B 10000ms"_s, u"rep-done s1 r1 B"_s});
    CHECK(d.log.at(5).atMs == SessionDriver::StartWall + (deadline - SessionDriver::StartMonotonic));
    CHECK(d.state.stage == SessionStage::Resting); // the late "hold ended" had nothing left to end
    CHECK(d.state.deadlineMs == deadline + 5000);
}

TEST_CASE("pause and resume keep the hold exact", "[engine][work][pause]")
{
    SessionDriver d = started(item(11, u"learning-to-brace"_s));
    d.runUntil(SessionStage::Holding);
    const qint64 start = d.now.monotonicMs;
    const qint64 startWall = d.now.wallMs;
    d.advance(4000);
    d.send(InputKind::Pause);
    CHECK(d.state.paused);
    CHECK_FALSE(SessionEngine::wakeAt(d.state).has_value());
    d.advance(30000); // nothing runs while paused
    CHECK(d.state.stage == SessionStage::Holding);
    CHECK(SessionEngine::remainingMs(d.state, d.now.monotonicMs) == 6000);
    const SessionState paused = d.state;
    CHECK(d.send(InputKind::RepDone).effects.isEmpty()); // ignored while paused
    CHECK(d.state == paused);
    d.send(InputKind::Resume);
    CHECK(SessionEngine::remainingMs(d.state, d.now.monotonicMs) == 6000);
    d.runUntil(SessionStage::Resting);
    const QStringList log = briefs(d.log);
    CHECK(log.mid(5)
          == QStringList{u"paused s1"_s, u"resumed"_s, u"hold-ended s1 r1 B 10000ms"_s, u"rep-done s1 r1 B"_s});
    CHECK(d.log.at(7).atMs - startWall == 40000); // 4 s + 30 s paused + 6 s
    CHECK(d.now.monotonicMs - start == 40000);
}

TEST_CASE("pause in a rest and in the position countdown shifts their ends", "[engine][work][pause]")
{
    SessionDriver d = started(item(11, u"learning-to-brace"_s));
    const qint64 t0 = d.now.monotonicMs;
    d.advance(1000);
    d.send(InputKind::Pause);
    d.advance(5000);
    d.send(InputKind::Resume);
    CHECK(SessionEngine::wakeAt(d.state) == t0 + 7000); // count 1 at 2 s of 3, moved by 5 s
    d.runUntil(SessionStage::Holding);
    CHECK(d.state.stageStartMs == t0 + 8000);
    d.runUntil(SessionStage::Resting);
    const qint64 restStart = d.state.stageStartMs;
    d.advance(2000);
    d.send(InputKind::Pause);
    d.advance(60000);
    d.send(InputKind::Resume);
    d.runUntil(SessionStage::Holding);
    CHECK(d.state.stageStartMs == restStart + 5000 + 60000);
}

TEST_CASE("back redoes the last rep, at the start of a set, the previous set", "[engine][work][back]")
{
    SECTION("in the rest after rep 3: rep 3 again, after the position countdown")
    {
        SessionDriver d = started(item(12, u"half-kneeling-hip-flexor-stretch"_s));
        for (int i = 0; i < 3; ++i)
            d.runUntil(SessionStage::Resting);
        d.send(InputKind::Back);
        CHECK(briefs(d.log).constLast() == u"back s1 r3 L [rep]"_s);
        CHECK(d.state.stage == SessionStage::Positioning);
        CHECK(d.state.progress.repsDone == 2);
        d.runUntil(SessionStage::Holding);
        CHECK(briefs(d.log).constLast() == u"hold-started s1 r3 L"_s);
    }
    SECTION("during the hold of rep 5: rep 4 again, the running hold is dropped")
    {
        SessionDriver d = started(item(12, u"half-kneeling-hip-flexor-stretch"_s));
        for (int i = 0; i < 4; ++i)
            d.runUntil(SessionStage::Resting);
        d.runUntil(SessionStage::Holding);
        d.advance(2000);
        d.send(InputKind::Back);
        const QStringList log = briefs(d.log);
        CHECK(log.mid(log.size() - 2) == QStringList{u"hold-started s1 r5 L"_s, u"back s1 r4 L [rep]"_s});
        d.runUntil(SessionStage::Holding);
        CHECK(briefs(d.log).constLast() == u"hold-started s1 r4 L"_s);
    }
    SECTION("at the start of the right side: the left side again, logged as a new set start")
    {
        SessionDriver d = started(item(12, u"half-kneeling-hip-flexor-stretch"_s));
        for (int i = 0; i < 10; ++i)
            d.runUntil(i < 9 ? SessionStage::Resting : SessionStage::Positioning);
        REQUIRE(d.state.currentUnit()->side == Side::Right);
        d.send(InputKind::Back);
        const QStringList log = briefs(d.log);
        CHECK(
            log.mid(log.size() - 4)
            == QStringList{u"set-finished s1 L"_s, u"set-started s1 R"_s, u"back s1 L [set]"_s, u"set-started s1 L"_s});
        CHECK(d.state.currentUnit()->side == Side::Left);
        CHECK(d.state.progress.repsDone == 0);
    }
    SECTION("in the rest between sets: the set just finished again")
    {
        SessionDriver d = started(item(13, u"isometric-hip-flexion-band"_s, [](Prescription &rx) { rx.reps = 2; }));
        d.runUntil(SessionStage::Resting);
        d.runUntil(SessionStage::Positioning); // right side
        d.runUntil(SessionStage::Resting);
        d.runUntil(SessionStage::Holding);
        d.runUntil(SessionStage::Resting);
        REQUIRE(d.state.rest == RestKind::BetweenSets);
        d.send(InputKind::Back);
        CHECK(briefs(d.log).mid(briefs(d.log).size() - 2) == QStringList{u"back s1 R [set]"_s, u"set-started s1 R"_s});
    }
    SECTION("at the very start of the exercise there is nothing to go back to")
    {
        SessionDriver d = started(item(12, u"half-kneeling-hip-flexor-stretch"_s));
        const SessionState before = d.state;
        CHECK(d.send(InputKind::Back).effects.isEmpty());
        CHECK(d.state == before);
    }
    SECTION("alternating reps: rep 2 (right) again")
    {
        SessionDriver d = started(item(14, u"marching-resisted-bridge"_s));
        d.send(InputKind::RepDone);
        d.send(InputKind::RepDone);
        d.send(InputKind::Back);
        d.send(InputKind::RepDone);
        CHECK(briefs(d.log).mid(4)
              == QStringList{u"rep-done s1 r1 L"_s, u"rep-done s1 r2 R"_s, u"back s1 r2 R [rep]"_s,
                             u"rep-done s1 r2 R"_s});
    }
    SECTION("in the follow-up: the main bout again")
    {
        SessionDriver d = started(item(15, u"ball-release-asis"_s));
        d.runUntil(SessionStage::FollowUp);
        d.send(InputKind::Back);
        CHECK(briefs(d.log).constLast() == u"back s1 r1 L [rep]"_s);
        d.runUntil(SessionStage::TimedBout);
        CHECK(briefs(d.log).constLast() == u"timed-started s1 r1 L"_s);
    }
    SECTION("assessment: the left result again")
    {
        SessionDriver d = started(item(16, u"thomas-test"_s));
        d.send(SessionInput::assessment(true));
        d.send(InputKind::Back);
        d.send(SessionInput::assessment(false));
        CHECK(briefs(d.log).mid(3)
              == QStringList{u"assessment-result L [positive]"_s, u"back L [set]"_s,
                             u"assessment-result L [negative]"_s});
        CHECK(d.state.currentUnit()->side == Side::Right);
    }
}

TEST_CASE("skip set, skip exercise", "[engine][work][skip]")
{
    SECTION("skip set: the left side of set 1, straight to the right side")
    {
        SessionDriver d = started(item(13, u"isometric-hip-flexion-band"_s));
        d.runUntil(SessionStage::Holding);
        d.send(InputKind::SkipSet);
        const QStringList log = briefs(d.log);
        CHECK(log.mid(log.size() - 3)
              == QStringList{u"hold-started s1 r1 L"_s, u"set-skipped s1 L"_s, u"set-started s1 R"_s});
        CHECK(soundsOf(d.last).contains(SoundCue::SwitchSides));
    }
    SECTION("skip set in the rest between sets skips the next one")
    {
        SessionDriver d = started(item(14, u"marching-resisted-bridge"_s, [](Prescription &rx) { rx.sets = 3; }));
        for (int rep = 0; rep < 10; ++rep)
            d.send(InputKind::RepDone);
        REQUIRE(d.state.stage == SessionStage::Resting);
        d.send(InputKind::SkipSet);
        CHECK(briefs(d.log).mid(briefs(d.log).size() - 2) == QStringList{u"set-skipped s2"_s, u"set-started s3"_s});
    }
    SECTION("skipping the last set finishes the exercise and asks for pain")
    {
        SessionDriver d = started(item(11, u"learning-to-brace"_s, [](Prescription &rx) { rx.sets = 1; }));
        d.send(InputKind::SkipSet);
        CHECK(briefs(d.log).mid(3)
              == QStringList{u"set-started s1 B"_s, u"set-skipped s1 B"_s, u"exercise-finished learning-to-brace"_s});
        CHECK(d.state.stage == SessionStage::AskingPain);
    }
    SECTION("skip exercise: logged, then the after-exercise rating, then the next exercise")
    {
        SessionDriver d(planOf({item(11, u"learning-to-brace"_s), item(14, u"marching-resisted-bridge"_s)}));
        d.send(InputKind::Start);
        d.rate(1, PainContext::BeforeSession);
        d.runUntil(SessionStage::Holding);
        d.send(InputKind::SkipExercise);
        CHECK(d.state.stage == SessionStage::AskingPain);
        CHECK(d.state.painPrompt == PainContext::AfterExercise);
        d.rate(1, PainContext::AfterExercise);
        CHECK(d.state.stage == SessionStage::Resting);
        CHECK(d.state.rest == RestKind::AfterExercise);
        d.runUntil(SessionStage::Working);
        CHECK(briefs(d.log).mid(4)
              == QStringList{u"hold-started s1 r1 B"_s, u"exercise-skipped learning-to-brace"_s,
                             u"pain-rated 1 after-exercise"_s, u"exercise-started marching-resisted-bridge"_s,
                             u"set-started s1"_s});
    }
    SECTION("skip exercise in the rest before it: that one is left out, the rest runs on")
    {
        SessionDriver d(planOf({item(11, u"learning-to-brace"_s,
                                     [](Prescription &rx) {
                                         rx.sets = 1;
                                         rx.reps = 1;
                                     }),
                                item(14, u"marching-resisted-bridge"_s), item(16, u"thomas-test"_s)}));
        d.send(InputKind::Start);
        d.rate(1, PainContext::BeforeSession);
        d.runUntil(SessionStage::AskingPain);
        d.rate(1, PainContext::AfterExercise);
        REQUIRE(d.state.stage == SessionStage::Resting);
        const qint64 restEnd = d.state.deadlineMs;
        d.send(InputKind::SkipExercise);
        CHECK(d.state.stage == SessionStage::Resting);
        d.runUntil(SessionStage::Assessing);
        CHECK(d.now.monotonicMs == restEnd);
        const QStringList log = briefs(d.log);
        CHECK(log.mid(log.size() - 2)
              == QStringList{u"exercise-skipped marching-resisted-bridge"_s, u"exercise-started thomas-test"_s});
    }
}

TEST_CASE("end and abort", "[engine][work][end]")
{
    SECTION("end mid-exercise: the after-session rating, then an incomplete, partial session")
    {
        SessionDriver d(planOf({item(11, u"learning-to-brace"_s), item(14, u"marching-resisted-bridge"_s)}));
        d.send(InputKind::Start);
        d.rate(2, PainContext::BeforeSession);
        d.runUntil(SessionStage::Holding);
        d.send(InputKind::End);
        CHECK(d.state.stage == SessionStage::AskingPain);
        CHECK(d.state.painPrompt == PainContext::AfterSession);
        d.rate(2, PainContext::AfterSession);
        CHECK(briefs(d.log).mid(briefs(d.log).size() - 2)
              == QStringList{u"pain-rated 2 after-session"_s, u"session-ended [incomplete]"_s});
        CHECK(effectsOf<FinishSession>(d.last)
              == QList<FinishSession>{FinishSession{SessionStatus::Partial, false, d.now.wallMs}});
        CHECK(d.state.stage == SessionStage::Finished);
        CHECK_FALSE(SessionEngine::wakeAt(d.state).has_value());
    }
    SECTION("end twice: ended without the rating")
    {
        SessionDriver d = started(item(11, u"learning-to-brace"_s));
        d.send(InputKind::End);
        d.send(InputKind::End);
        CHECK(briefs(d.log).constLast() == u"session-ended [incomplete]"_s);
        CHECK(d.state.finishedAs == SessionStatus::Partial);
    }
    SECTION("abort")
    {
        SessionDriver d = started(item(11, u"learning-to-brace"_s));
        d.runUntil(SessionStage::Holding);
        d.send(InputKind::Abort);
        CHECK(briefs(d.log).constLast() == u"session-aborted"_s);
        CHECK(effectsOf<FinishSession>(d.last).at(0).status == SessionStatus::Aborted);
        const SessionState over = d.state;
        for (const InputKind k :
             {InputKind::Start, InputKind::RepDone, InputKind::Resume, InputKind::End, InputKind::Tick}) {
            CHECK(d.send(k).effects.isEmpty());
            CHECK(d.state == over);
        }
    }
}

TEST_CASE("inputs that do not apply are ignored: same state, no effects", "[engine][work]")
{
    SessionDriver d(planOf({item(11, u"learning-to-brace"_s)}));
    const SessionState fresh = d.state;
    for (const InputKind k :
         {InputKind::RepDone, InputKind::Pause, InputKind::Back, InputKind::End, InputKind::Tick, InputKind::Resume}) {
        CHECK(d.send(k).effects.isEmpty());
        CHECK(d.state == fresh);
    }
    d.send(InputKind::Start);
    const SessionState asking = d.state;
    for (const SessionInput &in :
         {SessionInput::of(InputKind::RepDone), SessionInput::of(InputKind::SkipSet),
          SessionInput::painRated(11, PainContext::BeforeSession),
          SessionInput::painRated(-1, PainContext::BeforeSession),
          SessionInput::painRated(3, PainContext::AfterExercise), SessionInput::painRated(3, PainContext::NextMorning),
          SessionInput::of(InputKind::Continue), SessionInput::of(InputKind::Start)}) {
        CHECK(d.send(in).effects.isEmpty());
        CHECK(d.state == asking);
    }
    d.rate(0, PainContext::BeforeSession);
    const SessionState positioning = d.state;
    for (const InputKind k : {InputKind::RepDone, InputKind::HoldEnded, InputKind::Resume, InputKind::Start}) {
        CHECK(d.send(k).effects.isEmpty());
        CHECK(d.state == positioning);
    }
}

TEST_CASE("no position countdown when the prescription says 0 s", "[engine][work]")
{
    SessionDriver d = started(item(11, u"learning-to-brace"_s, [](Prescription &rx) { rx.positionSeconds = 0; }));
    CHECK(d.state.stage == SessionStage::Holding);
    CHECK(briefs(d.log).constLast() == u"hold-started s1 r1 B"_s);
}

TEST_CASE("no rest between holds when the prescription says 0 s: the next hold starts at once", "[engine][work]")
{
    SessionDriver d = started(item(17, u"side-plank-clamshell"_s));
    d.runUntil(SessionStage::Holding);
    const qint64 first = d.state.stageStartMs;
    d.advanceTo(first + 2000);
    CHECK(d.state.stage == SessionStage::Holding);
    CHECK(d.state.stageStartMs == first + 2000);
    CHECK(briefs(d.log).mid(briefs(d.log).size() - 3)
          == QStringList{u"hold-ended s1 r1 L 2000ms"_s, u"rep-done s1 r1 L"_s, u"hold-started s1 r2 L"_s});
}
