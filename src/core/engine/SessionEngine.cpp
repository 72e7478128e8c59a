// The session engine: a pure function of state, input and time.
// See include/rehabit/engine/SessionEngine.h and docs/session-engine.md.

#include "rehabit/engine/SessionEngine.h"

#include "rehabit/engine/Progression.h"

#include <QCoreApplication>

#include <algorithm>

namespace rehabit {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Second = 1000;

const QString DetailRep = u"rep"_s;
const QString DetailSet = u"set"_s;
const QString DetailFollowUp = u"follow-up"_s;

/// How a unit is entered: decides what is said.
enum class Entry { FirstOfExercise, NextSet, SwitchSides, Again };

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

/// One call of next(): the state being changed and the effects so far.
struct Run {
    SessionState s;
    Moment now;
    QList<SessionEffect> fx;

    qint64 wallAt(qint64 monotonicMs) const { return now.wallMs - (now.monotonicMs - monotonicMs); }

    const PlanItem &item() const { return s.plan.items.at(s.progress.itemIndex); }
    bool hasItem() const { return s.progress.itemIndex >= 0 && s.progress.itemIndex < s.plan.items.size(); }
    WorkUnit unit() const { return item().units().at(s.progress.unitIndex); }

    void sound(SoundCue cue) { fx.append(PlaySound{cue}); }
    void say(const QString &words)
    {
        if (!words.isEmpty())
            fx.append(Say{words});
    }

    SessionEvent event(EventKind kind, bool forItem = true) const
    {
        SessionEvent e;
        e.kind = kind;
        if (forItem && hasItem()) {
            e.programItemId = item().programItemId;
            e.exerciseId = item().exercise.id;
        }
        return e;
    }
    SessionEvent unitEvent(EventKind kind, const WorkUnit &u) const
    {
        SessionEvent e = event(kind);
        e.setIndex = item().style() == WorkStyle::Assessment ? 0 : u.setIndex;
        e.side = u.side;
        return e;
    }
    SessionEvent repEvent(EventKind kind, int rep) const
    {
        const WorkUnit u = unit();
        SessionEvent e = event(kind);
        e.setIndex = u.setIndex;
        e.repIndex = rep;
        e.side = item().sideOfRep(u, rep);
        return e;
    }

    void log(SessionEvent e, qint64 atMonotonicMs)
    {
        e.sessionId = s.sessionId;
        e.atMs = wallAt(atMonotonicMs);
        s.progress = SessionEngine::apply(s.plan, s.progress, e);
        fx.append(LogEvent{e});
    }

    void timed(SessionStage stage, qint64 start, qint64 durationMs)
    {
        s.stage = stage;
        s.stageStartMs = start;
        s.deadlineMs = start + durationMs;
        s.nextCount = durationMs > 3 * Second ? 3 : durationMs > 2 * Second ? 2 : durationMs > Second ? 1 : 0;
    }
    void untimed(SessionStage stage)
    {
        s.stage = stage;
        s.stageStartMs = 0;
        s.deadlineMs = 0;
        s.nextCount = 0;
    }
};

void proceed(Run &r, qint64 at);

void askPain(Run &r, PainContext context, qint64)
{
    r.untimed(SessionStage::AskingPain);
    r.s.painPrompt = context;
    const qint64 item = context == PainContext::AfterExercise && r.hasItem() ? r.item().programItemId : 0;
    r.say(painQuestion(context));
    r.fx.append(AskPain{context, item});
}

void endSession(Run &r, qint64 at)
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

void startBout(Run &r, qint64 at)
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

void enterUnit(Run &r, qint64 at, Entry entry)
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

void enterItem(Run &r, int index, qint64 at)
{
    SessionEvent e;
    e.kind = EventKind::ExerciseStarted;
    e.programItemId = r.s.plan.items.at(index).programItemId;
    e.exerciseId = r.s.plan.items.at(index).exercise.id;
    r.log(e, at);
    r.say(r.item().exercise.name);
    enterUnit(r, at, Entry::FirstOfExercise);
}

void finishExercise(Run &r, qint64 at)
{
    r.log(r.event(EventKind::ExerciseFinished), at);
    askPain(r, PainContext::AfterExercise, at);
}

void finishUnit(Run &r, qint64 at)
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
void repCompleted(Run &r, qint64 at)
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
void endBout(Run &r, qint64 at)
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
void afterItemClosed(Run &r, qint64 at)
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
void proceed(Run &r, qint64 at)
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

QString exerciseName(const SessionPlan &plan, const QString &id)
{
    for (const PlanItem &item : plan.items)
        if (item.exercise.id == id)
            return item.exercise.name;
    return QString();
}

PainStopNotice makeNotice(const Run &r, const PainVerdict &v, PainContext context, bool forItem)
{
    PainStopNotice n;
    n.context = context;
    n.verdict = v;
    QString name;
    if (forItem && r.hasItem()) {
        n.programItemId = r.item().programItemId;
        n.exerciseId = r.item().exercise.id;
        name = r.item().exercise.name;
    }
    const QString see = QCoreApplication::translate(
        "rehabit::SessionEngine", "If the exercises bring no relief, see a doctor or physical therapist.");
    const QString flagged =
        QCoreApplication::translate("rehabit::SessionEngine", "The session is flagged for your therapist.");

    if (v.reason == PainStopReason::RoseAboveStart) {
        if (context == PainContext::AfterSession)
            n.what = QCoreApplication::translate("rehabit::SessionEngine",
                                                 "Your pain rose from %1 before the session to %2 after it.")
                         .arg(v.start.value_or(0))
                         .arg(v.pain);
        else if (context == PainContext::AfterExercise)
            n.what = QCoreApplication::translate("rehabit::SessionEngine", "Your pain rose from %1 to %2 after %3.")
                         .arg(v.start.value_or(0))
                         .arg(v.pain)
                         .arg(name);
        else if (forItem)
            n.what = QCoreApplication::translate("rehabit::SessionEngine", "Your pain rose from %1 to %2 during %3.")
                         .arg(v.start.value_or(0))
                         .arg(v.pain)
                         .arg(name);
        else
            n.what = QCoreApplication::translate("rehabit::SessionEngine", "Your pain rose from %1 to %2.")
                         .arg(v.start.value_or(0))
                         .arg(v.pain);
    } else {
        if (context == PainContext::BeforeSession)
            n.what = QCoreApplication::translate(
                         "rehabit::SessionEngine",
                         "Your pain is %1 out of 10 before the session: above 5 is too much to exercise.")
                         .arg(v.pain);
        else if (forItem)
            n.what = QCoreApplication::translate("rehabit::SessionEngine",
                                                 "Your pain is %1 out of 10 with %2: above 5 is too much.")
                         .arg(v.pain)
                         .arg(name);
        else
            n.what =
                QCoreApplication::translate("rehabit::SessionEngine", "Your pain is %1 out of 10: above 5 is too much.")
                    .arg(v.pain);
    }

    if (context == PainContext::BeforeSession) {
        n.advice = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Do not exercise today: rest, and rate your pain again tomorrow.")
                   + u' ' + flagged + u' ' + see;
    } else if (forItem) {
        QString back;
        const std::optional<QString> previous = Progression::previousStep(n.exerciseId);
        const QString previousName = previous ? exerciseName(r.s.plan, *previous) : QString();
        if (!previousName.isEmpty())
            back = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Stop %1 for today. Next time go back a step: %2.")
                       .arg(name, previousName);
        else
            back = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Stop %1 for today. Next time go back a step with a lighter dose.")
                       .arg(name);
        n.advice = back + u' ' + flagged + u' ' + see;
    } else {
        n.advice = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Stop for today. Next time go back a step with a lighter load.")
                   + u' ' + flagged + u' ' + see;
    }
    return n;
}

/// Logs the stop and shows the notice. `forItem`: the open (or just
/// finished) exercise is the one stopped.
void painStop(Run &r, const PainVerdict &v, PainContext context, bool forItem, qint64 at)
{
    SessionEvent e = r.event(EventKind::PainStop, forItem);
    e.pain = v.pain;
    e.painContext = context;
    e.detail = toCode(v.reason);
    if (forItem && r.s.progress.exerciseOpen && r.hasItem()) {
        const WorkUnit u = r.unit();
        e.setIndex = r.item().style() == WorkStyle::Assessment ? 0 : u.setIndex;
        e.side = u.side;
    }
    const PainStopNotice notice = makeNotice(r, v, context, forItem);
    r.log(e, at);
    r.say(notice.what);
    r.fx.append(ShowPainStop{notice});
    r.s.notice = notice;
}

void onPainRated(Run &r, int pain, PainContext context)
{
    const qint64 at = r.now.monotonicMs;
    const PainRule rule(r.s.plan.painRule);
    const bool answersPrompt = r.s.stage == SessionStage::AskingPain && r.s.painPrompt == context && !r.s.paused;
    if (!answersPrompt && context != PainContext::During)
        return;

    if (context == PainContext::During) {
        const bool inExercise = r.s.progress.exerciseOpen;
        SessionEvent e = r.event(EventKind::PainRated, inExercise);
        e.pain = pain;
        e.painContext = context;
        r.log(e, at);
        const PainVerdict v = rule.judge(pain, r.s.progress.startPain);
        if (!v.stop)
            return;
        painStop(r, v, context, inExercise, at);
        r.s.paused = false;
        r.s.painPrompt.reset();
        r.untimed(SessionStage::PainNotice);
        return;
    }

    SessionEvent e = r.event(EventKind::PainRated, context == PainContext::AfterExercise);
    e.pain = pain;
    e.painContext = context;
    r.log(e, at);
    r.s.painPrompt.reset();
    switch (context) {
    case PainContext::BeforeSession: {
        const PainVerdict v = rule.judgeBeforeSession(pain);
        if (v.stop) {
            painStop(r, v, context, false, at);
            r.untimed(SessionStage::PainNotice);
            return;
        }
        proceed(r, at);
        return;
    }
    case PainContext::AfterExercise: {
        const PainVerdict v = rule.judge(pain, r.s.progress.startPain);
        if (v.stop) {
            painStop(r, v, context, true, at);
            r.untimed(SessionStage::PainNotice);
            return;
        }
        afterItemClosed(r, at);
        return;
    }
    case PainContext::AfterSession: {
        const PainVerdict v = rule.judge(pain, r.s.progress.startPain);
        if (v.stop)
            painStop(r, v, context, false, at);
        endSession(r, at);
        return;
    }
    case PainContext::During:
    case PainContext::NextMorning: return;
    }
}

/// A timed stage reached its deadline: what follows starts at the deadline.
void onDeadline(Run &r)
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
void advance(Run &r)
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

void onBack(Run &r)
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

void onSkipSet(Run &r)
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

void onSkipExercise(Run &r)
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

void onInput(Run &r, const SessionInput &in)
{
    SessionState &s = r.s;
    const qint64 at = r.now.monotonicMs;

    if (in.kind == InputKind::Tick)
        return;

    if (s.stage == SessionStage::NotStarted) {
        if (in.kind == InputKind::Start) {
            r.log(r.event(EventKind::SessionStarted, false), at);
            proceed(r, at);
        }
        return;
    }
    if (s.stage == SessionStage::Finished)
        return;

    if (s.stage == SessionStage::Interrupted) {
        switch (in.kind) {
        case InputKind::Resume:
            r.log(r.event(s.progress.started ? EventKind::SessionResumed : EventKind::SessionStarted, false), at);
            proceed(r, at);
            return;
        case InputKind::ClosePartial:
            r.log(r.event(EventKind::SessionClosedPartial, false), at);
            r.fx.append(FinishSession{SessionStatus::Partial, s.progress.flagged, r.now.wallMs});
            r.untimed(SessionStage::Finished);
            s.finishedAs = SessionStatus::Partial;
            return;
        case InputKind::Abort: break;
        default: return;
        }
    }

    if (in.kind == InputKind::Abort) {
        r.log(r.event(EventKind::SessionAborted, false), at);
        r.fx.append(FinishSession{SessionStatus::Aborted, s.progress.flagged, r.now.wallMs});
        r.untimed(SessionStage::Finished);
        s.painPrompt.reset();
        s.paused = false;
        s.finishedAs = SessionStatus::Aborted;
        return;
    }
    if (in.kind == InputKind::End) {
        if (s.stage == SessionStage::AskingPain && s.painPrompt == PainContext::AfterSession) {
            endSession(r, at);
            return;
        }
        s.endRequested = true;
        s.paused = false;
        s.notice.reset();
        askPain(r, PainContext::AfterSession, at);
        return;
    }
    if (in.kind == InputKind::PainRated) {
        if (PainRule::isValidRating(in.pain))
            onPainRated(r, in.pain, in.painContext);
        return;
    }

    if (s.paused) {
        if (in.kind == InputKind::Resume) {
            const qint64 span = at - s.pausedAtMs;
            s.paused = false;
            if (s.isTimedStage()) {
                s.deadlineMs += span;
                s.stageStartMs += span;
            }
            r.log(r.event(EventKind::Resumed, s.progress.exerciseOpen), at);
            r.say(QCoreApplication::translate("rehabit::SessionEngine", "Go on"));
        }
        return;
    }

    switch (in.kind) {
    case InputKind::Pause: {
        SessionEvent e = r.event(EventKind::Paused, s.progress.exerciseOpen);
        if (s.progress.exerciseOpen && s.progress.unitIndex < r.item().units().size())
            e.setIndex = r.item().style() == WorkStyle::Assessment ? 0 : r.unit().setIndex;
        r.log(e, at);
        s.paused = true;
        s.pausedAtMs = at;
        r.say(QCoreApplication::translate("rehabit::SessionEngine", "Paused"));
        return;
    }
    case InputKind::RepDone:
        if (s.stage == SessionStage::Holding || s.stage == SessionStage::TimedBout
            || s.stage == SessionStage::FollowUp) {
            endBout(r, at);
        } else if (s.stage == SessionStage::Working
                   || (s.stage == SessionStage::Resting && s.rest == RestKind::BetweenReps
                       && r.item().style() == WorkStyle::Reps)) {
            const int rep = s.progress.repsDone + 1;
            r.log(r.repEvent(EventKind::RepDone, rep), at);
            r.say(QString::number(rep));
            repCompleted(r, at);
        }
        return;
    case InputKind::HoldStarted:
        if (s.stage == SessionStage::Positioning
            || (s.stage == SessionStage::Resting && s.rest == RestKind::BetweenReps
                && r.item().style() != WorkStyle::Reps))
            startBout(r, at);
        return;
    case InputKind::HoldEnded:
        if (s.stage == SessionStage::Holding || s.stage == SessionStage::TimedBout || s.stage == SessionStage::FollowUp)
            endBout(r, at);
        return;
    case InputKind::Continue:
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
        return;
    case InputKind::AssessmentRecorded:
        if (s.stage == SessionStage::Assessing) {
            SessionEvent e = r.unitEvent(EventKind::AssessmentResult, r.unit());
            e.detail = in.positive ? u"positive"_s : u"negative"_s;
            r.log(e, at);
            if (s.progress.unitIndex >= r.item().units().size())
                finishExercise(r, at);
            else
                enterUnit(r, at, Entry::SwitchSides);
        }
        return;
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

bool SessionState::isTimedStage() const
{
    switch (stage) {
    case SessionStage::Positioning:
    case SessionStage::Holding:
    case SessionStage::TimedBout:
    case SessionStage::FollowUp:
    case SessionStage::Resting: return true;
    default: return false;
    }
}

const PlanItem *SessionState::currentItem() const
{
    if (progress.itemIndex < 0 || progress.itemIndex >= plan.items.size())
        return nullptr;
    return &plan.items.at(progress.itemIndex);
}

std::optional<WorkUnit> SessionState::currentUnit() const
{
    const PlanItem *item = currentItem();
    if (!item || !progress.exerciseOpen)
        return std::nullopt;
    const QList<WorkUnit> units = item->units();
    if (progress.unitIndex >= units.size())
        return std::nullopt;
    return units.at(progress.unitIndex);
}

QList<SessionEvent> SessionTransition::events() const
{
    QList<SessionEvent> result;
    for (const SessionEffect &effect : effects)
        if (const auto *log = std::get_if<LogEvent>(&effect))
            result.append(log->event);
    return result;
}

SessionState SessionEngine::initial(const SessionPlan &plan, qint64 sessionId)
{
    SessionState s;
    s.plan = plan;
    s.sessionId = sessionId;
    return s;
}

SessionTransition SessionEngine::next(const SessionState &state, const SessionInput &input, const Moment &now)
{
    Run r{state, now, {}};
    // Time never runs backwards inside the engine.
    if (r.s.isTimedStage() && !r.s.paused && now.monotonicMs < r.s.stageStartMs)
        r.now.monotonicMs = r.s.stageStartMs;
    advance(r);
    onInput(r, input);
    advance(r);
    return SessionTransition{r.s, r.fx, wakeAt(r.s)};
}

std::optional<qint64> SessionEngine::wakeAt(const SessionState &state)
{
    if (state.paused || !state.isTimedStage())
        return std::nullopt;
    if (state.nextCount > 0)
        return state.deadlineMs - state.nextCount * Second;
    return state.deadlineMs;
}

qint64 SessionEngine::remainingMs(const SessionState &state, qint64 nowMs)
{
    if (!state.isTimedStage())
        return 0;
    const qint64 at = state.paused ? state.pausedAtMs : nowMs;
    return std::max<qint64>(0, state.deadlineMs - at);
}

SessionProgress SessionEngine::apply(const SessionPlan &plan, const SessionProgress &progress, const SessionEvent &e)
{
    SessionProgress p = progress;
    const bool current = p.itemIndex >= 0 && p.itemIndex < plan.items.size()
                         && plan.items.at(p.itemIndex).programItemId == e.programItemId;
    const PlanItem *item = current ? &plan.items.at(p.itemIndex) : nullptr;

    switch (e.kind) {
    case EventKind::SessionStarted: p.started = true; break;
    case EventKind::SessionResumed: break;
    case EventKind::ExerciseStarted: {
        const int index = plan.indexOf(e.programItemId);
        if (index < 0)
            break;
        p.itemIndex = index;
        p.exerciseOpen = true;
        p.painAfterPending = false;
        p.unitIndex = 0;
        p.unitStarted = false;
        p.repsDone = 0;
        break;
    }
    case EventKind::SetStarted:
        if (item && p.exerciseOpen) {
            const int u = item->unitIndexOf(e.setIndex, e.side);
            if (u >= 0) {
                p.unitIndex = u;
                p.unitStarted = true;
                p.repsDone = 0;
            }
        }
        break;
    case EventKind::RepDone:
        if (item && p.exerciseOpen)
            p.repsDone = e.repIndex;
        break;
    case EventKind::TimedEnded:
        if (item && p.exerciseOpen)
            p.repsDone = e.repIndex;
        break;
    case EventKind::HoldStarted:
    case EventKind::HoldEnded:
    case EventKind::TimedStarted: break;
    case EventKind::SetFinished:
    case EventKind::SetSkipped:
    case EventKind::AssessmentResult:
        if (item && p.exerciseOpen) {
            const int u = item->unitIndexOf(e.setIndex, e.side);
            if (u >= 0) {
                p.unitIndex = u + 1;
                p.unitStarted = false;
                p.repsDone = 0;
            }
        }
        break;
    case EventKind::ExerciseFinished:
        if (item && p.exerciseOpen) {
            p.exerciseOpen = false;
            p.painAfterPending = true;
        }
        break;
    case EventKind::ExerciseSkipped:
        if (item && p.exerciseOpen) {
            p.exerciseOpen = false;
            p.painAfterPending = true;
        } else {
            const int index = plan.indexOf(e.programItemId);
            if (index >= 0) {
                p.itemIndex = index;
                p.exerciseOpen = false;
                p.painAfterPending = false;
            }
        }
        break;
    case EventKind::Back:
        if (item && p.exerciseOpen) {
            if (e.detail == DetailRep) {
                p.repsDone = std::max(0, e.repIndex - 1);
            } else {
                const int u = item->unitIndexOf(e.setIndex, e.side);
                if (u >= 0) {
                    p.unitIndex = u;
                    p.unitStarted = false;
                    p.repsDone = 0;
                }
            }
        }
        break;
    case EventKind::Paused:
    case EventKind::Resumed: break;
    case EventKind::PainRated:
        if (!e.pain || !e.painContext)
            break;
        switch (*e.painContext) {
        case PainContext::BeforeSession: p.startPain = *e.pain; break;
        case PainContext::AfterExercise:
            if (item)
                p.painAfterPending = false;
            break;
        case PainContext::AfterSession: p.afterSessionRated = true; break;
        case PainContext::During:
        case PainContext::NextMorning: break;
        }
        break;
    case EventKind::PainStop:
        p.flagged = true;
        if (item && p.exerciseOpen) {
            p.exerciseOpen = false;
            p.painAfterPending = false;
        }
        break;
    case EventKind::SessionEnded:
    case EventKind::SessionAborted:
    case EventKind::SessionClosedPartial: p.ended = true; break;
    }
    return p;
}

std::optional<FinishSession> SessionEngine::endOf(const QList<SessionEvent> &events)
{
    bool flagged = false;
    for (const SessionEvent &e : events) {
        switch (e.kind) {
        case EventKind::PainStop: flagged = true; break;
        case EventKind::SessionEnded:
            return FinishSession{e.detail == u"complete"_s ? SessionStatus::Completed : SessionStatus::Partial, flagged,
                                 e.atMs};
        case EventKind::SessionAborted: return FinishSession{SessionStatus::Aborted, flagged, e.atMs};
        case EventKind::SessionClosedPartial: return FinishSession{SessionStatus::Partial, flagged, e.atMs};
        default: break;
        }
    }
    return std::nullopt;
}

Result<SessionState> SessionEngine::replay(const SessionPlan &plan, qint64 sessionId, const QList<SessionEvent> &events)
{
    SessionState s = initial(plan, sessionId);
    for (const SessionEvent &e : events) {
        if (e.sessionId != 0 && sessionId != 0 && e.sessionId != sessionId)
            return Error{QCoreApplication::translate("rehabit::SessionEngine",
                                                     "Event %1 belongs to session %2, not to session %3.")
                             .arg(e.seq)
                             .arg(e.sessionId)
                             .arg(sessionId),
                         QString()};
        if (e.programItemId != 0 && plan.indexOf(e.programItemId) < 0)
            return Error{
                QCoreApplication::translate("rehabit::SessionEngine",
                                            "The session's log names program item %1 (%2), which is not in "
                                            "the program any more. The session cannot be resumed; close it as partial.")
                    .arg(e.programItemId)
                    .arg(e.exerciseId),
                QString()};
        s.progress = apply(plan, s.progress, e);
    }
    if (s.progress.ended)
        return Error{QCoreApplication::translate("rehabit::SessionEngine",
                                                 "The session has already ended; there is nothing to resume."),
                     QString()};
    s.stage = SessionStage::Interrupted;
    return s;
}

} // namespace rehabit
