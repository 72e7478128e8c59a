// The walk through the plan: entering items and units, bouts, reps, rests
// and deadlines. See SessionRun.h and docs/session-engine.md.

#include "engine/SessionRun.h"

#include <QCoreApplication>

#include <algorithm>

namespace rehabit::engine {

using namespace Qt::StringLiterals;

namespace {

QString firstCue(const Exercise &e)
{
    for (const Step &s : e.steps)
        if (!s.cue.isEmpty())
            return s.cue;
    return QString();
}

QString lastCue(const Exercise &e, const QString &except = QString())
{
    for (auto it = e.steps.crbegin(); it != e.steps.crend(); ++it)
        if (!it->cue.isEmpty() && it->cue != except)
            return it->cue;
    return QString();
}

QString sideWords(Side side)
{
    switch (side) {
    case Side::Left: return QCoreApplication::translate("rehabit::SessionEngine", "Left side");
    case Side::Right: return QCoreApplication::translate("rehabit::SessionEngine", "Right side");
    case Side::Both: return QCoreApplication::translate("rehabit::SessionEngine", "Both sides");
    }
    return QString();
}

QString painQuestion(PainContext context)
{
    switch (context) {
    case PainContext::BeforeSession:
        return QCoreApplication::translate("rehabit::SessionEngine",
                                           "Before we start: how is your pain, from 0 to 10?");
    case PainContext::AfterExercise:
        return QCoreApplication::translate("rehabit::SessionEngine",
                                           "How is your pain after this exercise, from 0 to 10?");
    case PainContext::AfterSession:
        return QCoreApplication::translate("rehabit::SessionEngine",
                                           "Session over: how is your pain now, from 0 to 10?");
    case PainContext::During:
    case PainContext::NextMorning: break;
    }
    return QCoreApplication::translate("rehabit::SessionEngine", "How is your pain, from 0 to 10?");
}

} // namespace

void askPain(SessionRun &r, PainContext context, qint64)
{
    r.untimed(SessionStage::AskingPain);
    r.s.painPrompt = context;
    const qint64 item = context == PainContext::AfterExercise && r.hasItem() ? r.item().programItemId : 0;
    r.say(painQuestion(context));
    r.fx.append(AskPain{context, item});
}

void endSession(SessionRun &r, qint64 at)
{
    const SessionProgress &p = r.s.progress;
    const bool complete = !p.exerciseOpen && !p.painAfterPending && p.itemIndex + 1 >= r.s.plan.items.size();
    SessionEvent e = r.event(EventKind::SessionEnded, false);
    e.detail = complete ? u"complete"_s : u"incomplete"_s;
    r.log(e, at);
    r.sound(SoundCue::SessionDone);
    r.say(complete ? QCoreApplication::translate("rehabit::SessionEngine", "Session complete. Well done.")
                   : QCoreApplication::translate("rehabit::SessionEngine", "Session ended."));
    const SessionStatus status = complete ? SessionStatus::Completed : SessionStatus::Partial;
    r.fx.append(FinishSession{status, r.s.progress.flagged, r.wallAt(at)});
    r.untimed(SessionStage::Finished);
    r.s.painPrompt.reset();
    r.s.paused = false;
    r.s.finishedAs = status;
}

void startBout(SessionRun &r, qint64 at)
{
    const PlanItem &item = r.item();
    const int rep = r.s.progress.repsDone + 1;
    if (item.style() == WorkStyle::Holds) {
        r.log(r.repEvent(EventKind::HoldStarted, rep), at);
        r.sound(SoundCue::HoldStart);
        r.say(QCoreApplication::translate("rehabit::SessionEngine", "Hold"));
        if (rep == 1)
            r.say(lastCue(item.exercise));
        r.timed(SessionStage::Holding, at, qint64(item.rx.holdSeconds) * Second);
        return;
    }
    // Timed work: bout 1 is the main bout, bout 2 the follow-up.
    const QString followUpCue = item.exercise.followUp ? item.exercise.followUp->cue : QString();
    if (rep == 1) {
        r.log(r.repEvent(EventKind::TimedStarted, 1), at);
        r.sound(SoundCue::HoldStart);
        r.say(lastCue(item.exercise, followUpCue));
        r.timed(SessionStage::TimedBout, at, qint64(std::max(1, item.rx.durationSeconds)) * Second);
    } else {
        SessionEvent e = r.repEvent(EventKind::TimedStarted, 2);
        e.detail = DetailFollowUp;
        r.log(e, at);
        r.sound(SoundCue::HoldStart);
        if (item.exercise.followUp)
            r.say(item.exercise.followUp->name);
        r.say(followUpCue);
        r.timed(SessionStage::FollowUp, at, qint64(item.rx.followUpSeconds) * Second);
    }
}

void enterUnit(SessionRun &r, qint64 at, Entry entry)
{
    const PlanItem &item = r.item();
    const WorkUnit u = r.unit();
    const WorkStyle style = item.style();
    if (!r.s.progress.unitStarted && style != WorkStyle::Assessment)
        r.log(r.unitEvent(EventKind::SetStarted, u), at);

    switch (entry) {
    case Entry::SwitchSides:
        r.sound(SoundCue::SwitchSides);
        r.say(QCoreApplication::translate("rehabit::SessionEngine", "Switch sides"));
        break;
    case Entry::NextSet:
        r.say(QCoreApplication::translate("rehabit::SessionEngine", "Set %1 of %2")
                  .arg(u.setIndex)
                  .arg(item.units().constLast().setIndex));
        break;
    case Entry::Again:
        if (style != WorkStyle::Assessment)
            r.say(QCoreApplication::translate("rehabit::SessionEngine", "Set %1, rep %2")
                      .arg(u.setIndex)
                      .arg(r.s.progress.repsDone + 1));
        break;
    case Entry::FirstOfExercise: break;
    }

    switch (style) {
    case WorkStyle::Assessment:
        r.untimed(SessionStage::Assessing);
        if (u.side)
            r.say(sideWords(*u.side));
        if (entry != Entry::SwitchSides)
            r.say(firstCue(item.exercise));
        return;
    case WorkStyle::Reps:
        r.untimed(SessionStage::Working);
        if (entry != Entry::SwitchSides)
            r.say(firstCue(item.exercise));
        return;
    case WorkStyle::Holds:
    case WorkStyle::Timed:
        if (item.rx.positionSeconds > 0) {
            if (entry != Entry::SwitchSides)
                r.say(QCoreApplication::translate("rehabit::SessionEngine", "Get into position"));
            r.say(firstCue(item.exercise));
            r.timed(SessionStage::Positioning, at, qint64(item.rx.positionSeconds) * Second);
        } else {
            startBout(r, at);
        }
        return;
    }
}

void enterItem(SessionRun &r, int index, qint64 at)
{
    SessionEvent e;
    e.kind = EventKind::ExerciseStarted;
    e.programItemId = r.s.plan.items.at(index).programItemId;
    e.exerciseId = r.s.plan.items.at(index).exercise.id;
    r.log(e, at);
    r.say(r.item().exercise.name);
    enterUnit(r, at, Entry::FirstOfExercise);
}

void finishExercise(SessionRun &r, qint64 at)
{
    r.log(r.event(EventKind::ExerciseFinished), at);
    askPain(r, PainContext::AfterExercise, at);
}

void finishUnit(SessionRun &r, qint64 at)
{
    const PlanItem &item = r.item();
    const QList<WorkUnit> units = item.units();
    const WorkUnit done = r.unit();
    r.log(r.unitEvent(EventKind::SetFinished, done), at);
    const int next = r.s.progress.unitIndex;
    if (next >= units.size()) {
        r.sound(SoundCue::SetDone);
        finishExercise(r, at);
        return;
    }
    if (units.at(next).setIndex == done.setIndex) {
        enterUnit(r, at, Entry::SwitchSides);
        return;
    }
    r.sound(SoundCue::SetDone);
    if (item.rx.restBetweenSetsSeconds > 0) {
        r.say(QCoreApplication::translate("rehabit::SessionEngine", "Set done. Rest"));
        r.s.rest = RestKind::BetweenSets;
        r.timed(SessionStage::Resting, at, qint64(item.rx.restBetweenSetsSeconds) * Second);
    } else {
        enterUnit(r, at, Entry::NextSet);
    }
}

/// A rep (or bout) was acknowledged: the next one, a rest, or the unit is done.
void repCompleted(SessionRun &r, qint64 at)
{
    const PlanItem &item = r.item();
    if (r.s.progress.repsDone >= item.repsPerUnit()) {
        finishUnit(r, at);
        return;
    }
    switch (item.style()) {
    case WorkStyle::Timed:
        startBout(r, at); // the follow-up follows the main bout at once
        return;
    case WorkStyle::Holds:
    case WorkStyle::Reps:
        if (item.rx.restBetweenRepsSeconds > 0) {
            r.s.rest = RestKind::BetweenReps;
            r.timed(SessionStage::Resting, at, qint64(item.rx.restBetweenRepsSeconds) * Second);
        } else if (item.style() == WorkStyle::Holds) {
            startBout(r, at);
        } else {
            r.untimed(SessionStage::Working);
        }
        return;
    case WorkStyle::Assessment: return;
    }
}

/// The running hold or bout ends at `at` (its deadline, or the athlete said so).
void endBout(SessionRun &r, qint64 at)
{
    const qint64 measured = at - r.s.stageStartMs;
    const int rep = r.s.progress.repsDone + 1;
    if (r.s.stage == SessionStage::Holding) {
        SessionEvent ended = r.repEvent(EventKind::HoldEnded, rep);
        ended.holdMs = measured;
        r.log(ended, at);
        r.log(r.repEvent(EventKind::RepDone, rep), at);
        r.sound(SoundCue::HoldEnd);
        r.say(QCoreApplication::translate("rehabit::SessionEngine", "Relax"));
    } else {
        SessionEvent ended = r.repEvent(EventKind::TimedEnded, rep);
        ended.holdMs = measured;
        if (r.s.stage == SessionStage::FollowUp)
            ended.detail = DetailFollowUp;
        r.log(ended, at);
        r.sound(SoundCue::HoldEnd);
        if (r.s.progress.repsDone >= r.item().repsPerUnit())
            r.say(QCoreApplication::translate("rehabit::SessionEngine", "Relax"));
    }
    repCompleted(r, at);
}

/// After an item is closed (and rated): rest, then the next item; or the end.
void afterItemClosed(SessionRun &r, qint64 at)
{
    const SessionProgress &p = r.s.progress;
    if (!r.s.endRequested && p.itemIndex >= 0 && p.itemIndex + 1 < r.s.plan.items.size()
        && r.item().rx.restAfterSeconds > 0) {
        r.say(QCoreApplication::translate("rehabit::SessionEngine", "Rest. Next: %1")
                  .arg(r.s.plan.items.at(p.itemIndex + 1).exercise.name));
        r.s.rest = RestKind::AfterExercise;
        r.timed(SessionStage::Resting, at, qint64(r.item().rx.restAfterSeconds) * Second);
        return;
    }
    proceed(r, at);
}

/// What comes next, from the position alone (start, resume, after a notice).
void proceed(SessionRun &r, qint64 at)
{
    const SessionProgress &p = r.s.progress;
    if (r.s.endRequested) {
        if (p.afterSessionRated)
            endSession(r, at);
        else
            askPain(r, PainContext::AfterSession, at);
        return;
    }
    if (!p.startPain) {
        askPain(r, PainContext::BeforeSession, at);
        return;
    }
    if (p.exerciseOpen) {
        if (p.unitIndex >= r.item().units().size())
            finishExercise(r, at); // every unit done, the exercise's end not logged yet
        else if (p.unitStarted && p.repsDone >= r.item().repsPerUnit())
            finishUnit(r, at); // every rep done, the set's end not logged yet
        else
            enterUnit(r, at, Entry::Again);
        return;
    }
    if (p.painAfterPending) {
        askPain(r, PainContext::AfterExercise, at);
        return;
    }
    const int next = p.itemIndex + 1;
    if (next < r.s.plan.items.size()) {
        enterItem(r, next, at);
        return;
    }
    if (p.afterSessionRated)
        endSession(r, at);
    else
        askPain(r, PainContext::AfterSession, at);
}

/// A timed stage reached its deadline: what follows starts at the deadline.
void onDeadline(SessionRun &r)
{
    const qint64 at = r.s.deadlineMs;
    switch (r.s.stage) {
    case SessionStage::Positioning: startBout(r, at); return;
    case SessionStage::Holding:
    case SessionStage::TimedBout:
    case SessionStage::FollowUp: endBout(r, at); return;
    case SessionStage::Resting:
        switch (r.s.rest) {
        case RestKind::BetweenReps:
            if (r.item().style() == WorkStyle::Reps)
                r.untimed(SessionStage::Working);
            else
                startBout(r, at);
            return;
        case RestKind::BetweenSets: enterUnit(r, at, Entry::NextSet); return;
        case RestKind::AfterExercise: proceed(r, at); return;
        }
        return;
    default: return;
    }
}

/// Handles every deadline that has passed, then any count cue now due.
void advance(SessionRun &r)
{
    for (;;) {
        SessionState &s = r.s;
        if (s.paused || !s.isTimedStage())
            return;
        if (s.deadlineMs <= r.now.monotonicMs) {
            onDeadline(r);
            continue;
        }
        for (int n = 1; n <= s.nextCount; ++n) {
            if (s.deadlineMs - n * Second <= r.now.monotonicMs) {
                r.sound(n == 3 ? SoundCue::Count3 : n == 2 ? SoundCue::Count2 : SoundCue::Count1);
                s.nextCount = n - 1;
                break;
            }
        }
        return;
    }
}

} // namespace rehabit::engine
