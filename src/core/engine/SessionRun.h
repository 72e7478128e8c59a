#pragma once
// One call of SessionEngine::next(): the state being changed and the effects
// so far, and the steps of the engine that work on it. The engine is split by
// what the steps are about:
//   SessionEngineWalk.cpp   the walk through the plan: units, bouts, rests, deadlines
//   SessionEnginePain.cpp   pain ratings and the stops they decide
//   SessionEngineInput.cpp  the athlete's inputs
//   SessionEngine.cpp       the public functions (next, apply, replay ...)
// Everything here is pure: time comes in as a Moment, nothing reads a clock.

#include "rehabit/engine/SessionEngine.h"

#include <QString>

namespace rehabit::engine {

inline constexpr qint64 Second = 1000;

inline const QString DetailRep = QStringLiteral("rep");
inline const QString DetailSet = QStringLiteral("set");
inline const QString DetailFollowUp = QStringLiteral("follow-up");

/// How a unit is entered: decides what is said.
enum class Entry { FirstOfExercise, NextSet, SwitchSides, Again };

/// One call of next(): the state being changed and the effects so far.
struct SessionRun {
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

// The walk through the plan (SessionEngineWalk.cpp).

/// What comes next, from the position alone (start, resume, after a notice).
void proceed(SessionRun &r, qint64 at);
void askPain(SessionRun &r, PainContext context, qint64 at);
void endSession(SessionRun &r, qint64 at);
/// A hold or a timed bout starts at `at`.
void startBout(SessionRun &r, qint64 at);
void enterUnit(SessionRun &r, qint64 at, Entry entry);
void finishExercise(SessionRun &r, qint64 at);
/// A rep (or bout) was acknowledged: the next one, a rest, or the unit is done.
void repCompleted(SessionRun &r, qint64 at);
/// The running hold or bout ends at `at` (its deadline, or the athlete said so).
void endBout(SessionRun &r, qint64 at);
/// After an item is closed (and rated): rest, then the next item; or the end.
void afterItemClosed(SessionRun &r, qint64 at);
/// A timed stage reached its deadline: what follows starts at the deadline.
void onDeadline(SessionRun &r);
/// Handles every deadline that has passed, then any count cue now due.
void advance(SessionRun &r);

// Pain (SessionEnginePain.cpp).

/// A rating from 0 to 10 in a context: logged, judged by the plan's pain
/// rule, and the session goes on or stops with a notice.
void onPainRated(SessionRun &r, int pain, PainContext context);

// The athlete's inputs (SessionEngineInput.cpp).

void onInput(SessionRun &r, const SessionInput &in);

} // namespace rehabit::engine
