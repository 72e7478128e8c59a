// The athlete's inputs: start, pause, rep done, hold, continue, back, skip,
// end, abort. See SessionRun.h and docs/session-engine.md.

#include "engine/SessionRun.h"

#include <QCoreApplication>

namespace rehabit::engine {

using namespace Qt::StringLiterals;

namespace {

bool inExerciseStage(SessionStage stage)
{
    switch (stage) {
    case SessionStage::Positioning:
    case SessionStage::Holding:
    case SessionStage::TimedBout:
    case SessionStage::FollowUp:
    case SessionStage::Working:
    case SessionStage::Assessing:
    case SessionStage::Resting: return true;
    default: return false;
    }
}

void onBack(SessionRun &r)
{
    const SessionProgress &p = r.s.progress;
    if (!p.exerciseOpen || !inExerciseStage(r.s.stage))
        return;
    const qint64 at = r.now.monotonicMs;
    const PlanItem &item = r.item();
    if (item.style() != WorkStyle::Assessment && p.unitStarted && p.repsDone > 0) {
        SessionEvent e = r.repEvent(EventKind::Back, p.repsDone);
        e.detail = DetailRep;
        r.log(e, at);
        enterUnit(r, at, Entry::Again);
        return;
    }
    const int target = p.unitIndex - 1;
    if (target < 0)
        return;
    SessionEvent e = r.unitEvent(EventKind::Back, item.units().at(target));
    e.detail = DetailSet;
    r.log(e, at);
    enterUnit(r, at, Entry::Again);
}

void onSkipSet(SessionRun &r)
{
    const SessionProgress &p = r.s.progress;
    if (!p.exerciseOpen || !inExerciseStage(r.s.stage))
        return;
    const qint64 at = r.now.monotonicMs;
    const QList<WorkUnit> units = r.item().units();
    const WorkUnit skipped = r.unit();
    r.log(r.unitEvent(EventKind::SetSkipped, skipped), at);
    const int next = r.s.progress.unitIndex;
    if (next >= units.size())
        finishExercise(r, at);
    else
        enterUnit(r, at, units.at(next).setIndex == skipped.setIndex ? Entry::SwitchSides : Entry::NextSet);
}

void onSkipExercise(SessionRun &r)
{
    const SessionProgress &p = r.s.progress;
    const qint64 at = r.now.monotonicMs;
    if (p.exerciseOpen && inExerciseStage(r.s.stage)) {
        r.log(r.event(EventKind::ExerciseSkipped), at);
        askPain(r, PainContext::AfterExercise, at);
        return;
    }
    if (r.s.stage == SessionStage::Resting && r.s.rest == RestKind::AfterExercise) {
        const int upcoming = p.itemIndex + 1;
        if (upcoming >= r.s.plan.items.size())
            return;
        SessionEvent e;
        e.kind = EventKind::ExerciseSkipped;
        e.programItemId = r.s.plan.items.at(upcoming).programItemId;
        e.exerciseId = r.s.plan.items.at(upcoming).exercise.id;
        r.log(e, at);
        if (upcoming + 1 >= r.s.plan.items.size())
            proceed(r, at);
    }
}

/// Inputs before the start, after the end and while interrupted. True when
/// the input is dealt with here (used or ignored); false when it goes on to
/// the running session (an abort while interrupted, any input once running).
bool onNotRunning(SessionRun &r, const SessionInput &in)
{
    SessionState &s = r.s;
    const qint64 at = r.now.monotonicMs;
    switch (s.stage) {
    case SessionStage::NotStarted:
        if (in.kind == InputKind::Start) {
            r.log(r.event(EventKind::SessionStarted, false), at);
            proceed(r, at);
        }
        return true;
    case SessionStage::Finished: return true;
    case SessionStage::Interrupted:
        switch (in.kind) {
        case InputKind::Resume:
            r.log(r.event(s.progress.started ? EventKind::SessionResumed : EventKind::SessionStarted, false), at);
            proceed(r, at);
            return true;
        case InputKind::ClosePartial:
            r.log(r.event(EventKind::SessionClosedPartial, false), at);
            r.fx.append(FinishSession{SessionStatus::Partial, s.progress.flagged, r.now.wallMs});
            r.untimed(SessionStage::Finished);
            s.finishedAs = SessionStatus::Partial;
            return true;
        case InputKind::Abort: return false;
        default: return true;
        }
    default: return false;
    }
}

void onAbort(SessionRun &r)
{
    SessionState &s = r.s;
    r.log(r.event(EventKind::SessionAborted, false), r.now.monotonicMs);
    r.fx.append(FinishSession{SessionStatus::Aborted, s.progress.flagged, r.now.wallMs});
    r.untimed(SessionStage::Finished);
    s.painPrompt.reset();
    s.paused = false;
    s.finishedAs = SessionStatus::Aborted;
}

/// "End session": ask the pain after the session, or end if it was just asked.
void onEnd(SessionRun &r)
{
    SessionState &s = r.s;
    const qint64 at = r.now.monotonicMs;
    if (s.stage == SessionStage::AskingPain && s.painPrompt == PainContext::AfterSession) {
        endSession(r, at);
        return;
    }
    s.endRequested = true;
    s.paused = false;
    s.notice.reset();
    askPain(r, PainContext::AfterSession, at);
}

/// While paused only Resume counts: the timed stage moves by the pause.
void onPausedInput(SessionRun &r, const SessionInput &in)
{
    SessionState &s = r.s;
    if (in.kind != InputKind::Resume)
        return;
    const qint64 at = r.now.monotonicMs;
    const qint64 span = at - s.pausedAtMs;
    s.paused = false;
    if (s.isTimedStage()) {
        s.deadlineMs += span;
        s.stageStartMs += span;
    }
    r.log(r.event(EventKind::Resumed, s.progress.exerciseOpen), at);
    r.say(QCoreApplication::translate("rehabit::SessionEngine", "Go on"));
}

void onPause(SessionRun &r)
{
    SessionState &s = r.s;
    const qint64 at = r.now.monotonicMs;
    SessionEvent e = r.event(EventKind::Paused, s.progress.exerciseOpen);
    if (s.progress.exerciseOpen && s.progress.unitIndex < r.item().units().size())
        e.setIndex = r.item().style() == WorkStyle::Assessment ? 0 : r.unit().setIndex;
    r.log(e, at);
    s.paused = true;
    s.pausedAtMs = at;
    r.say(QCoreApplication::translate("rehabit::SessionEngine", "Paused"));
}

bool inBout(SessionStage stage)
{
    return stage == SessionStage::Holding || stage == SessionStage::TimedBout || stage == SessionStage::FollowUp;
}

void onRepDone(SessionRun &r)
{
    SessionState &s = r.s;
    const qint64 at = r.now.monotonicMs;
    if (inBout(s.stage)) {
        endBout(r, at);
    } else if (s.stage == SessionStage::Working
               || (s.stage == SessionStage::Resting && s.rest == RestKind::BetweenReps
                   && r.item().style() == WorkStyle::Reps)) {
        const int rep = s.progress.repsDone + 1;
        r.log(r.repEvent(EventKind::RepDone, rep), at);
        r.say(QString::number(rep));
        repCompleted(r, at);
    }
}

void onHoldStarted(SessionRun &r)
{
    const SessionState &s = r.s;
    if (s.stage == SessionStage::Positioning
        || (s.stage == SessionStage::Resting && s.rest == RestKind::BetweenReps && r.item().style() != WorkStyle::Reps))
        startBout(r, r.now.monotonicMs);
}

/// "Continue": cut a positioning or a rest short, or go on after a pain notice.
void onContinue(SessionRun &r)
{
    SessionState &s = r.s;
    const qint64 at = r.now.monotonicMs;
    if (s.stage == SessionStage::Positioning || s.stage == SessionStage::Resting) {
        s.deadlineMs = at;
        onDeadline(r);
    } else if (s.stage == SessionStage::PainNotice) {
        const bool forItem = s.notice && s.notice->programItemId != 0;
        s.notice.reset();
        if (forItem)
            afterItemClosed(r, at);
        else
            proceed(r, at);
    }
}

void onAssessmentRecorded(SessionRun &r, bool positive)
{
    SessionState &s = r.s;
    if (s.stage != SessionStage::Assessing)
        return;
    const qint64 at = r.now.monotonicMs;
    SessionEvent e = r.unitEvent(EventKind::AssessmentResult, r.unit());
    e.detail = positive ? u"positive"_s : u"negative"_s;
    r.log(e, at);
    if (s.progress.unitIndex >= r.item().units().size())
        finishExercise(r, at);
    else
        enterUnit(r, at, Entry::SwitchSides);
}

/// The inputs of a running, unpaused session.
void onRunningInput(SessionRun &r, const SessionInput &in)
{
    switch (in.kind) {
    case InputKind::Pause: onPause(r); return;
    case InputKind::RepDone: onRepDone(r); return;
    case InputKind::HoldStarted: onHoldStarted(r); return;
    case InputKind::HoldEnded:
        if (inBout(r.s.stage))
            endBout(r, r.now.monotonicMs);
        return;
    case InputKind::Continue: onContinue(r); return;
    case InputKind::AssessmentRecorded: onAssessmentRecorded(r, in.positive); return;
    case InputKind::Back: onBack(r); return;
    case InputKind::SkipSet: onSkipSet(r); return;
    case InputKind::SkipExercise: onSkipExercise(r); return;
    case InputKind::Start:
    case InputKind::Resume:
    case InputKind::ClosePartial:
    case InputKind::Tick:
    case InputKind::PainRated:
    case InputKind::End:
    case InputKind::Abort: return;
    }
}

} // namespace

void onInput(SessionRun &r, const SessionInput &in)
{
    if (in.kind == InputKind::Tick || onNotRunning(r, in))
        return;
    switch (in.kind) {
    case InputKind::Abort: onAbort(r); return;
    case InputKind::End: onEnd(r); return;
    case InputKind::PainRated:
        if (PainRule::isValidRating(in.pain))
            onPainRated(r, in.pain, in.painContext);
        return;
    default: break;
    }
    if (r.s.paused)
        onPausedInput(r, in);
    else
        onRunningInput(r, in);
}

} // namespace rehabit::engine
