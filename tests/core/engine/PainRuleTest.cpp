// The pain rules at every boundary, on their own and inside a session.

#include "SessionDriver.h"

#include "rehabit/engine/PainRule.h"

using namespace rehabit;
using namespace rehabit::enginetest;

TEST_CASE("pain-monitoring zones: 0-2 safe, 3-5 acceptable, 6-10 too high", "[pain]")
{
    const PainZone expected[11] = {PainZone::Safe,       PainZone::Safe,       PainZone::Safe,    PainZone::Acceptable,
                                   PainZone::Acceptable, PainZone::Acceptable, PainZone::TooHigh, PainZone::TooHigh,
                                   PainZone::TooHigh,    PainZone::TooHigh,    PainZone::TooHigh};
    for (int pain = 0; pain <= 10; ++pain) {
        CAPTURE(pain);
        CHECK(PainRule::zone(pain) == expected[pain]);
    }
    CHECK_FALSE(PainRule::isValidRating(-1));
    CHECK(PainRule::isValidRating(0));
    CHECK(PainRule::isValidRating(10));
    CHECK_FALSE(PainRule::isValidRating(11));
}

TEST_CASE("strict rule: any rise above the starting pain stops, never the same or less", "[pain][strict]")
{
    const PainRule rule(PainRuleKind::Strict);
    for (int start = 0; start <= 10; ++start) {
        for (int pain = 0; pain <= 10; ++pain) {
            CAPTURE(start, pain);
            const PainVerdict v = rule.judge(pain, start);
            CHECK(v.stop == (pain > start));
            CHECK(v.reason == (pain > start ? PainStopReason::RoseAboveStart : PainStopReason::None));
            CHECK(v.start == start);
            CHECK(v.pain == pain);
            CHECK(rule.isPainFree(pain, start) == (pain <= start));
        }
        // The starting rating itself never stops under the strict rule.
        CHECK_FALSE(rule.judgeBeforeSession(start).stop);
    }
    // Without a starting rating the rule compares with 0.
    CHECK_FALSE(rule.judge(0, std::nullopt).stop);
    CHECK(rule.judge(1, std::nullopt).stop);
    CHECK(rule.judge(1, std::nullopt).start == 0);
}

TEST_CASE("pain-monitoring rule: 5 is acceptable, 6 stops, whatever the starting pain", "[pain][monitoring]")
{
    const PainRule rule(PainRuleKind::PainMonitoring);
    for (int start = 0; start <= 10; ++start) {
        for (int pain = 0; pain <= 10; ++pain) {
            CAPTURE(start, pain);
            const PainVerdict v = rule.judge(pain, start);
            CHECK(v.stop == (pain >= 6));
            CHECK(v.reason == (pain >= 6 ? PainStopReason::AboveFive : PainStopReason::None));
            CHECK(rule.isPainFree(pain, start) == (pain <= 2));
        }
    }
    CHECK_FALSE(rule.judge(5, 0).stop);
    CHECK(rule.judge(6, 6).stop);
    // Before the session: 5 is a go, 6 a warning not to train today.
    CHECK_FALSE(rule.judgeBeforeSession(5).stop);
    CHECK(rule.judgeBeforeSession(6).stop);
    CHECK(rule.judgeBeforeSession(6).reason == PainStopReason::AboveFive);
}

TEST_CASE("next morning: above the usual level means less load next time", "[pain][next-morning]")
{
    for (int usual = 0; usual <= 10; ++usual)
        for (int pain = 0; pain <= 10; ++pain) {
            CAPTURE(usual, pain);
            const NextMorningVerdict v = PainRule::nextMorning(pain, usual);
            CHECK(v.reduceLoad == (pain > usual));
            CHECK(v.pain == pain);
            CHECK(v.usual == usual);
        }
}

namespace {

SessionDriver inBridge(PainRuleKind rule, int startPain)
{
    SessionDriver d(planOf({item(104, u"isometric-hip-flexion-band"_s), item(105, u"marching-resisted-bridge"_s),
                            item(106, u"side-plank-clamshell"_s)},
                           rule));
    d.send(InputKind::Start);
    d.rate(startPain, PainContext::BeforeSession);
    // Through the isometrics to the bridge.
    Athlete athlete;
    athlete.pain = [startPain](PainContext, const SessionState &) { return startPain; };
    d.play(athlete, [](const SessionDriver &dr) { return dr.state.stage == SessionStage::Working; });
    REQUIRE(d.state.currentItem()->exercise.id == u"marching-resisted-bridge"_s);
    d.send(InputKind::RepDone);
    return d;
}

} // namespace

TEST_CASE("strict rule in a session: the same pain goes on, one point more stops the exercise",
          "[pain][strict][engine]")
{
    SECTION("during, at the starting pain: logged, nothing stops")
    {
        SessionDriver d = inBridge(PainRuleKind::Strict, 2);
        d.rate(2, PainContext::During);
        CHECK(briefs(d.log).constLast() == u"pain-rated 2 during"_s);
        CHECK(d.log.constLast().programItemId == 105);
        CHECK(d.state.stage == SessionStage::Working);
        CHECK_FALSE(d.state.progress.flagged);
    }
    SECTION("during, one point above: stop, notice, flag; go on with the next exercise")
    {
        SessionDriver d = inBridge(PainRuleKind::Strict, 2);
        d.rate(3, PainContext::During);
        const QStringList log = briefs(d.log);
        CHECK(log.mid(log.size() - 2)
              == QStringList{u"pain-rated 3 during"_s, u"pain-stop s1 3 during [rose-above-start]"_s});
        CHECK(d.log.constLast().programItemId == 105);
        CHECK(d.state.stage == SessionStage::PainNotice);
        CHECK(d.state.progress.flagged);
        CHECK_FALSE(d.state.progress.exerciseOpen);
        const QList<ShowPainStop> shown = effectsOf<ShowPainStop>(d.last);
        REQUIRE(shown.size() == 1);
        const PainStopNotice &n = shown.at(0).notice;
        CHECK(n.programItemId == 105);
        CHECK(n.verdict.stop);
        CHECK(n.what == u"Your pain rose from 2 to 3 during Marching resisted bridge."_s);
        CHECK(n.advice.contains(u"Stop Marching resisted bridge for today"_s));
        CHECK(n.advice.contains(
            u"Next time: leave Marching resisted bridge out and keep doing the easier step, Isometric hip flexion with band"_s));
        CHECK(n.advice.contains(u"doctor or physical therapist"_s));
        // Nothing else is ignored silently: reps no longer count.
        CHECK(d.send(InputKind::RepDone).effects.isEmpty());
        d.send(InputKind::Continue);
        CHECK(d.state.stage == SessionStage::Resting);
        CHECK(d.state.rest == RestKind::AfterExercise);
        d.runUntil(SessionStage::Positioning);
        CHECK(d.state.currentItem()->exercise.id == u"side-plank-clamshell"_s);
        // The session ends flagged.
        Athlete athlete;
        athlete.pain = [](PainContext, const SessionState &) { return 2; };
        d.play(athlete);
        CHECK(effectsOf<FinishSession>(d.effects).constLast().flagged);
    }
    SECTION("after the exercise, at the starting pain: no stop")
    {
        SessionDriver d = inBridge(PainRuleKind::Strict, 0);
        d.play(Athlete{[](PainContext, const SessionState &) { return 0; }},
               [](const SessionDriver &dr) { return dr.state.stage == SessionStage::AskingPain; });
        REQUIRE(d.state.painPrompt == PainContext::AfterExercise);
        d.rate(0, PainContext::AfterExercise);
        CHECK(d.state.stage == SessionStage::Resting);
        CHECK_FALSE(d.state.progress.flagged);
    }
    SECTION("after the exercise, one point above: stop for that exercise")
    {
        SessionDriver d = inBridge(PainRuleKind::Strict, 0);
        d.play(Athlete{[](PainContext, const SessionState &) { return 0; }},
               [](const SessionDriver &dr) { return dr.state.stage == SessionStage::AskingPain; });
        d.rate(1, PainContext::AfterExercise);
        const QStringList log = briefs(d.log);
        CHECK(log.mid(log.size() - 3)
              == QStringList{u"exercise-finished marching-resisted-bridge"_s, u"pain-rated 1 after-exercise"_s,
                             u"pain-stop 1 after-exercise [rose-above-start]"_s});
        CHECK(d.state.stage == SessionStage::PainNotice);
        CHECK(d.state.notice->what == u"Your pain rose from 0 to 1 after Marching resisted bridge."_s);
    }
    SECTION("after the session, one point above: flagged, the session ends")
    {
        SessionDriver d(planOf({item(101, u"thomas-test"_s)}));
        d.play(Athlete{[](PainContext c, const SessionState &) { return c == PainContext::AfterSession ? 4 : 3; }});
        const QStringList log = briefs(d.log);
        CHECK(log.mid(log.size() - 3)
              == QStringList{u"pain-rated 4 after-session"_s, u"pain-stop 4 after-session [rose-above-start]"_s,
                             u"session-ended [complete]"_s});
        CHECK(d.log.at(d.log.size() - 2).programItemId == 0);
        CHECK(effectsOf<FinishSession>(d.effects).constLast()
              == FinishSession{SessionStatus::Completed, true, d.log.constLast().atMs});
        CHECK(effectsOf<ShowPainStop>(d.effects).constLast().notice.what
              == u"Your pain rose from 3 before the session to 4 after it."_s);
    }
    SECTION("a rating during a rest between exercises stops nothing that runs, but flags and warns")
    {
        SessionDriver d(planOf({item(104, u"isometric-hip-flexion-band"_s,
                                     [](Prescription &rx) {
                                         rx.sets = 1;
                                         rx.reps = 1;
                                     }),
                                item(105, u"marching-resisted-bridge"_s)}));
        d.play(Athlete{[](PainContext, const SessionState &) { return 1; }}, [](const SessionDriver &dr) {
            return dr.state.stage == SessionStage::Resting && dr.state.rest == RestKind::AfterExercise;
        });
        d.rate(2, PainContext::During);
        CHECK(briefs(d.log).constLast() == u"pain-stop 2 during [rose-above-start]"_s);
        CHECK(d.log.constLast().programItemId == 0);
        CHECK(d.state.notice->what == u"Your pain rose from 1 to 2."_s);
        d.send(InputKind::Continue);
        CHECK(d.state.currentItem()->exercise.id == u"marching-resisted-bridge"_s);
        CHECK(d.state.stage == SessionStage::Working);
    }
}

TEST_CASE("a stop's notice names what next time holds: the easier step, or a lighter dose", "[pain][engine]")
{
    SECTION("the first step of a ladder has no easier step: a lighter dose, not itself or the exercise before")
    {
        SessionDriver d(planOf({item(101, u"half-kneeling-hip-flexor-stretch"_s), item(102, u"learning-to-brace"_s)}));
        d.send(InputKind::Start);
        d.rate(1, PainContext::BeforeSession);
        Athlete athlete;
        athlete.pain = [](PainContext, const SessionState &) { return 1; };
        d.play(athlete, [](const SessionDriver &dr) {
            return dr.state.progress.exerciseOpen && dr.state.currentItem()->exercise.id == u"learning-to-brace"_s;
        });
        d.rate(2, PainContext::During);
        REQUIRE(d.state.stage == SessionStage::PainNotice);
        const QString advice = d.state.notice->advice;
        CHECK(advice.contains(u"Next time: Learning to brace with a lighter dose, to be set by your therapist."_s));
        CHECK_FALSE(advice.contains(u"Half-kneeling"_s));
    }
    SECTION("the second step of a ladder, the first done just before: leave it out, keep the easier one")
    {
        SessionDriver d(planOf({item(101, u"half-kneeling-hip-flexor-stretch"_s), item(102, u"prone-leg-lift"_s)}));
        d.send(InputKind::Start);
        d.rate(1, PainContext::BeforeSession);
        Athlete athlete;
        athlete.pain = [](PainContext, const SessionState &) { return 1; };
        d.play(athlete, [](const SessionDriver &dr) {
            return dr.state.progress.exerciseOpen && dr.state.currentItem()->exercise.id == u"prone-leg-lift"_s;
        });
        d.rate(2, PainContext::During);
        REQUIRE(d.state.stage == SessionStage::PainNotice);
        CHECK(d.state.notice->advice.contains(u"Stop Prone leg lift for today. Next time: leave Prone leg lift out "
                                              u"and keep doing the easier step, Half-kneeling hip flexor stretch"_s));
    }
}

TEST_CASE("pain-monitoring rule in a session: 5 goes on, 6 stops", "[pain][monitoring][engine]")
{
    SECTION("5 during: acceptable")
    {
        SessionDriver d = inBridge(PainRuleKind::PainMonitoring, 4);
        d.rate(5, PainContext::During);
        CHECK(d.state.stage == SessionStage::Working);
        CHECK_FALSE(d.state.progress.flagged);
    }
    SECTION("6 during: stop")
    {
        SessionDriver d = inBridge(PainRuleKind::PainMonitoring, 4);
        d.rate(6, PainContext::During);
        CHECK(briefs(d.log).constLast() == u"pain-stop s1 6 during [above-5]"_s);
        CHECK(d.state.notice->what
              == u"Your pain is 6 out of 10 with Marching resisted bridge: above 5 is too much."_s);
        CHECK(d.state.progress.flagged);
    }
    SECTION("a rise that stays at 5 or below does not stop under this rule")
    {
        SessionDriver d = inBridge(PainRuleKind::PainMonitoring, 0);
        d.rate(5, PainContext::During);
        CHECK(d.state.stage == SessionStage::Working);
    }
    SECTION("6 before the session: a warning first; the athlete may still go on")
    {
        SessionDriver d(planOf({item(104, u"isometric-hip-flexion-band"_s)}, PainRuleKind::PainMonitoring));
        d.send(InputKind::Start);
        d.rate(6, PainContext::BeforeSession);
        CHECK(briefs(d.log)
              == QStringList{u"session-started"_s, u"pain-rated 6 before-session"_s,
                             u"pain-stop 6 before-session [above-5]"_s});
        CHECK(d.state.stage == SessionStage::PainNotice);
        CHECK(d.state.notice->advice.startsWith(u"Do not exercise today"_s));
        SECTION("continue")
        {
            d.send(InputKind::Continue);
            CHECK(d.state.stage == SessionStage::Positioning);
        }
        SECTION("or end")
        {
            d.send(InputKind::End);
            d.rate(6, PainContext::AfterSession);
            CHECK(briefs(d.log).constLast() == u"session-ended [incomplete]"_s);
            CHECK(effectsOf<FinishSession>(d.effects).constLast().flagged);
        }
    }
    SECTION("5 before the session: no warning")
    {
        SessionDriver d(planOf({item(104, u"isometric-hip-flexion-band"_s)}, PainRuleKind::PainMonitoring));
        d.send(InputKind::Start);
        d.rate(5, PainContext::BeforeSession);
        CHECK(d.state.stage == SessionStage::Positioning);
    }
}

TEST_CASE("a rating during a pause: judged, a stop ends the pause", "[pain][engine]")
{
    SessionDriver d = inBridge(PainRuleKind::Strict, 1);
    d.send(InputKind::Pause);
    d.rate(1, PainContext::During);
    CHECK(d.state.paused);
    d.rate(4, PainContext::During);
    CHECK_FALSE(d.state.paused);
    CHECK(d.state.stage == SessionStage::PainNotice);
}

TEST_CASE("the engine asks for pain before the session, after each exercise and after the session", "[pain][engine]")
{
    SessionDriver d(planOf({item(101, u"thomas-test"_s), item(103, u"ball-release-asis"_s)}));
    d.play(Athlete{});
    QList<PainContext> asked;
    for (const AskPain &a : effectsOf<AskPain>(d.effects))
        asked << a.context;
    CHECK(asked
          == QList<PainContext>{PainContext::BeforeSession, PainContext::AfterExercise, PainContext::AfterExercise,
                                PainContext::AfterSession});
    const QList<AskPain> prompts = effectsOf<AskPain>(d.effects);
    CHECK(prompts.at(1).programItemId == 101);
    CHECK(prompts.at(2).programItemId == 103);
    CHECK(prompts.at(3).programItemId == 0);
}

TEST_CASE("a rating above 5 flags the session whatever the rule, though the strict rule lets the same pain go on",
          "[pain][flag][engine]")
{
    SECTION("10/10 before, during and after, under either rule")
    {
        for (const PainRuleKind rule : {PainRuleKind::Strict, PainRuleKind::PainMonitoring}) {
            CAPTURE(int(rule));
            // Under the strict rule the same pain goes on: the session runs to its end at 10/10.
            SessionDriver d(planOf({item(104, u"isometric-hip-flexion-band"_s)}, rule));
            d.send(InputKind::Start);
            d.rate(10, PainContext::BeforeSession);
            CHECK(d.state.progress.flagged);
            CHECK(d.state.progress.highestPain == 10);
            d.play(Athlete{[](PainContext, const SessionState &) { return 10; }});
            const QList<FinishSession> finished = effectsOf<FinishSession>(d.effects);
            REQUIRE_FALSE(finished.isEmpty());
            CHECK(finished.constLast().flagged);
            // The log says the same when it is replayed (resume, close as partial).
            const auto end = SessionEngine::endOf(d.log);
            REQUIRE(end);
            CHECK(end->flagged);
        }
    }
    SECTION("5/10 throughout is not flagged by the limit")
    {
        SessionDriver d(planOf({item(104, u"isometric-hip-flexion-band"_s)}, PainRuleKind::Strict));
        d.send(InputKind::Start);
        d.rate(5, PainContext::BeforeSession);
        d.play(Athlete{[](PainContext, const SessionState &) { return 5; }});
        CHECK_FALSE(d.state.progress.flagged);
        CHECK_FALSE(effectsOf<FinishSession>(d.effects).constLast().flagged);
    }
}
