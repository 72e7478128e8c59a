// Resume: replay(plan, events) rebuilds the position from the log, and the
// resumed session continues with the rep after the last acknowledged one.

#include "SessionDriver.h"

using namespace rehabit;
using namespace rehabit::enginetest;

namespace {

constexpr qint64 Session = 42;

/// The session replayed from `log` and resumed `gapMs` after its last event.
SessionDriver resumed(const SessionPlan &plan, const QList<SessionEvent> &log, qint64 gapMs = 3'600'000)
{
    Result<SessionState> replayed = SessionEngine::replay(plan, Session, log);
    REQUIRE(replayed.ok());
    CHECK(replayed->stage == SessionStage::Interrupted);
    const qint64 lastWall = log.isEmpty() ? SessionDriver::StartWall : log.constLast().atMs;
    SessionDriver d(replayed.value(), Moment{SessionDriver::StartMonotonic + 50'000'000, lastWall + gapMs});
    d.send(InputKind::Resume);
    return d;
}

SessionPlan bracePlan()
{
    return planOf({item(11, u"learning-to-brace"_s), item(14, u"marching-resisted-bridge"_s)});
}

SessionDriver live(const SessionPlan &plan)
{
    SessionDriver d(plan, Session);
    d.send(InputKind::Start);
    d.rate(1, PainContext::BeforeSession);
    return d;
}

} // namespace

TEST_CASE("resume in the middle of a set: the hold after the last acknowledged rep", "[engine][replay]")
{
    SessionDriver d = live(bracePlan());
    for (int i = 0; i < 7; ++i)
        d.runUntil(SessionStage::Resting);
    d.runUntil(SessionStage::Holding); // rep 8 is being held when the power goes
    REQUIRE(briefs(d.log).constLast() == u"hold-started s1 r8 B"_s);

    SessionDriver r = resumed(bracePlan(), d.log);
    CHECK(r.state.progress == d.state.progress);
    CHECK(briefs(r.log) == QStringList{u"session-resumed"_s});
    CHECK(r.state.stage == SessionStage::Positioning); // get into position again
    CHECK(wordsOf(r.last).contains(u"Set 1, rep 8"_s));
    r.runUntil(SessionStage::Holding);
    CHECK(briefs(r.log).constLast() == u"hold-started s1 r8 B"_s);
    r.runUntil(SessionStage::Resting);
    CHECK(briefs(r.log).mid(2) == QStringList{u"hold-ended s1 r8 B 10000ms"_s, u"rep-done s1 r8 B"_s});
}

TEST_CASE("resume in the rest between sets starts the next set", "[engine][replay]")
{
    SessionDriver d = live(bracePlan());
    d.runUntil(SessionStage::Resting);
    while (!(d.state.stage == SessionStage::Resting && d.state.rest == RestKind::BetweenSets))
        d.runUntil(SessionStage::Resting);
    SessionDriver r = resumed(bracePlan(), d.log);
    CHECK(briefs(r.log) == QStringList{u"session-resumed"_s, u"set-started s2 B"_s});
}

TEST_CASE("resume alternating reps: the next rep and its side", "[engine][replay]")
{
    SessionDriver d = live(planOf({item(14, u"marching-resisted-bridge"_s)}));
    d.send(InputKind::RepDone);
    d.send(InputKind::RepDone);
    d.send(InputKind::RepDone);
    SessionDriver r = resumed(d.state.plan, d.log);
    CHECK(r.state.stage == SessionStage::Working);
    r.send(InputKind::RepDone);
    CHECK(briefs(r.log) == QStringList{u"session-resumed"_s, u"rep-done s1 r4 R"_s});
}

TEST_CASE("resume timed work in its follow-up: the follow-up again, not the pressure", "[engine][replay]")
{
    SessionDriver d = live(planOf({item(15, u"ball-release-asis"_s)}));
    d.runUntil(SessionStage::FollowUp);
    SessionDriver r = resumed(d.state.plan, d.log);
    r.runUntil(SessionStage::FollowUp);
    CHECK(briefs(r.log) == QStringList{u"session-resumed"_s, u"timed-started s1 r2 L [follow-up]"_s});
}

TEST_CASE("resume an assessment after the left result: the right side", "[engine][replay]")
{
    SessionDriver d = live(planOf({item(16, u"thomas-test"_s)}));
    d.send(SessionInput::assessment(true));
    SessionDriver r = resumed(d.state.plan, d.log);
    CHECK(r.state.stage == SessionStage::Assessing);
    CHECK(r.state.currentUnit()->side == Side::Right);
}

TEST_CASE("resume at the edges of the session", "[engine][replay]")
{
    const SessionPlan plan = planOf({item(11, u"learning-to-brace"_s,
                                          [](Prescription &rx) {
                                              rx.sets = 1;
                                              rx.reps = 1;
                                          }),
                                     item(16, u"thomas-test"_s)});
    SECTION("nothing logged (killed before the first event): the session starts")
    {
        SessionDriver r = resumed(plan, {});
        CHECK(briefs(r.log) == QStringList{u"session-started"_s});
        CHECK(r.state.painPrompt == PainContext::BeforeSession);
    }
    SECTION("started, no starting pain yet: asked again")
    {
        SessionDriver d(plan, Session);
        d.send(InputKind::Start);
        SessionDriver r = resumed(plan, d.log);
        CHECK(briefs(r.log) == QStringList{u"session-resumed"_s});
        CHECK(r.state.painPrompt == PainContext::BeforeSession);
    }
    SECTION("the exercise finished, its rating not given: asked again")
    {
        SessionDriver d = live(plan);
        d.runUntil(SessionStage::AskingPain);
        REQUIRE(briefs(d.log).constLast() == u"exercise-finished learning-to-brace"_s);
        SessionDriver r = resumed(plan, d.log);
        CHECK(briefs(r.log) == QStringList{u"session-resumed"_s});
        CHECK(r.state.painPrompt == PainContext::AfterExercise);
        CHECK(effectsOf<AskPain>(r.last) == QList<AskPain>{AskPain{PainContext::AfterExercise, 11}});
    }
    SECTION("the last set finished but not the exercise (killed in between): it finishes")
    {
        SessionDriver d = live(plan);
        d.runUntil(SessionStage::AskingPain);
        QList<SessionEvent> cut = d.log;
        REQUIRE(brief(cut.takeLast()) == u"exercise-finished learning-to-brace"_s);
        SessionDriver r = resumed(plan, cut);
        CHECK(briefs(r.log) == QStringList{u"session-resumed"_s, u"exercise-finished learning-to-brace"_s});
        CHECK(r.state.painPrompt == PainContext::AfterExercise);
    }
    SECTION("after the exercise's rating: the next exercise, without the rest")
    {
        SessionDriver d = live(plan);
        d.runUntil(SessionStage::AskingPain);
        d.rate(1, PainContext::AfterExercise);
        SessionDriver r = resumed(plan, d.log);
        CHECK(briefs(r.log) == QStringList{u"session-resumed"_s, u"exercise-started thomas-test"_s});
    }
    SECTION("the after-session rating given, the end not logged: the session ends")
    {
        SessionDriver d = live(plan);
        d.play(Athlete{});
        QList<SessionEvent> cut = d.log;
        REQUIRE(brief(cut.takeLast()) == u"session-ended [complete]"_s);
        SessionDriver r = resumed(plan, cut);
        CHECK(briefs(r.log) == QStringList{u"session-resumed"_s, u"session-ended [complete]"_s});
        CHECK(effectsOf<FinishSession>(r.effects).at(0).status == SessionStatus::Completed);
    }
    SECTION("a pain stop is remembered: flagged, and the stopped exercise is over")
    {
        SessionDriver d = live(plan);
        d.rate(3, PainContext::During);
        SessionDriver r = resumed(plan, d.log);
        CHECK(r.state.progress.flagged);
        CHECK(briefs(r.log) == QStringList{u"session-resumed"_s, u"exercise-started thomas-test"_s});
    }
}

TEST_CASE("close an interrupted session as partial", "[engine][replay]")
{
    SessionDriver d = live(bracePlan());
    d.rate(4, PainContext::During);
    Result<SessionState> replayed = SessionEngine::replay(bracePlan(), Session, d.log);
    REQUIRE(replayed.ok());
    SessionDriver r(replayed.value(), Moment{1, 1'800'000'000'000});
    r.send(InputKind::ClosePartial);
    CHECK(briefs(r.log) == QStringList{u"session-closed-partial"_s});
    CHECK(r.log.at(0).sessionId == Session);
    CHECK(effectsOf<FinishSession>(r.effects)
          == QList<FinishSession>{FinishSession{SessionStatus::Partial, true, 1'800'000'000'000}});
    CHECK(r.state.stage == SessionStage::Finished);
}

TEST_CASE("replay refuses a log it cannot continue", "[engine][replay]")
{
    SessionDriver d = live(bracePlan());
    SECTION("an ended session")
    {
        d.send(InputKind::Abort);
        const Result<SessionState> r = SessionEngine::replay(bracePlan(), Session, d.log);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(u"already ended"_s));
    }
    SECTION("an item that is no longer in the program")
    {
        const Result<SessionState> r =
            SessionEngine::replay(planOf({item(14, u"marching-resisted-bridge"_s)}), Session, d.log);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(u"program item 11"_s));
        CHECK(r.error().message.contains(u"close it as partial"_s));
    }
    SECTION("another session's events")
    {
        const Result<SessionState> r = SessionEngine::replay(bracePlan(), Session + 1, d.log);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(u"belongs to session 42"_s));
    }
}

TEST_CASE("the live position is always the fold of the logged events, whatever the athlete does", "[engine][replay]")
{
    const Program program = wholeProgram();
    const Result<SessionPlan> plan = SessionPlan::fromProgram(program, bundledCatalog().exercises);
    REQUIRE(plan.ok());
    const auto seed = GENERATE(1u, 2u, 3u, 4u, 5u);
    CAPTURE(seed);
    QRandomGenerator rng(seed);

    SessionDriver d(plan.value(), Session);
    d.maxLateMs = 20;
    SessionProgress folded;
    int checked = 0;
    d.afterEach = [&](const SessionDriver &dr) {
        for (int i = 0; i < dr.last.size(); ++i)
            if (const auto *log = std::get_if<LogEvent>(&dr.last.at(i)))
                folded = SessionEngine::apply(dr.state.plan, folded, log->event);
        REQUIRE(folded == dr.state.progress);
        ++checked;
    };
    const auto chance = [&](int perMille) { return int(rng.bounded(1000)) < perMille; };

    for (int guard = 0; guard < 20000 && d.state.stage != SessionStage::Finished; ++guard) {
        const SessionStage stage = d.state.stage;
        if (stage == SessionStage::NotStarted) {
            d.send(InputKind::Start);
        } else if (stage == SessionStage::AskingPain) {
            d.advance(2000);
            d.rate(chance(30) ? 3 : 1, *d.state.painPrompt);
        } else if (stage == SessionStage::PainNotice) {
            d.send(InputKind::Continue);
        } else if (chance(30)) {
            d.send(InputKind::Back);
        } else if (chance(10)) {
            d.send(InputKind::SkipSet);
        } else if (chance(3)) {
            d.send(InputKind::SkipExercise);
        } else if (chance(30)) {
            d.send(InputKind::Pause);
            d.advance(qint64(rng.bounded(20000)));
            d.send(InputKind::Resume);
        } else if (chance(20)) {
            d.rate(chance(100) ? 2 : 1, PainContext::During);
        } else if (stage == SessionStage::Working) {
            d.advance(1500);
            d.send(InputKind::RepDone);
        } else if (stage == SessionStage::Assessing) {
            d.advance(5000);
            d.send(SessionInput::assessment(chance(500)));
        } else if ((stage == SessionStage::Holding || stage == SessionStage::TimedBout) && chance(100)) {
            d.advance(qint64(rng.bounded(2000)));
            d.send(InputKind::HoldEnded);
        } else if (const std::optional<qint64> wake = SessionEngine::wakeAt(d.state)) {
            d.advanceTo(*wake);
        }
    }
    REQUIRE(d.state.stage == SessionStage::Finished);
    CHECK(checked > 200);

    // And a replay of any prefix that is not yet ended gives the same position.
    for (int n = 0; n < d.log.size(); n += 17) {
        const Result<SessionState> r = SessionEngine::replay(d.state.plan, Session, d.log.mid(0, n));
        REQUIRE(r.ok());
        SessionProgress p;
        for (int i = 0; i < n; ++i)
            p = SessionEngine::apply(d.state.plan, p, d.log.at(i));
        CHECK(r->progress == p);
    }
}

TEST_CASE("cut the whole program anywhere, resume: every dose done once, nothing done twice", "[engine][replay]")
{
    const Result<SessionPlan> plan = SessionPlan::fromProgram(wholeProgram(), bundledCatalog().exercises);
    REQUIRE(plan.ok());
    SessionDriver whole(plan.value(), Session);
    whole.play(Athlete{});
    const QList<SessionEvent> full = whole.log;
    REQUIRE(full.constLast().kind == EventKind::SessionEnded);

    const auto acknowledged = [](const QList<SessionEvent> &log) {
        QStringList keys;
        for (const SessionEvent &e : log)
            if (e.kind == EventKind::RepDone || e.kind == EventKind::TimedEnded
                || e.kind == EventKind::AssessmentResult)
                keys << e.exerciseId + u' ' + brief(e);
        return keys;
    };
    const QStringList expected = acknowledged(full);

    int cuts = 0;
    for (int cut = 1; cut < full.size() - 1; ++cut) {
        CAPTURE(cut, brief(full.at(cut - 1)));
        const QList<SessionEvent> before = full.mid(0, cut);
        SessionDriver r = resumed(plan.value(), before, 600'000);
        r.play(Athlete{});
        const QList<SessionEvent> combined = before + r.log;
        REQUIRE(r.log.first().kind == EventKind::SessionResumed);
        REQUIRE(combined.constLast().kind == EventKind::SessionEnded);
        CHECK(combined.constLast().detail == u"complete"_s);
        // Every rep, bout and result exactly once: an acknowledged one is never
        // asked for again, and none is added.
        REQUIRE(acknowledged(combined) == expected);
        ++cuts;
    }
    CHECK(cuts == full.size() - 2);
}
