// The session engine: a pure function of state, input and time. Its steps
// are in SessionEngineWalk.cpp, SessionEnginePain.cpp and SessionEngineInput.cpp
// (see SessionRun.h).
// See include/rehabit/engine/SessionEngine.h and docs/session-engine.md.

#include "rehabit/engine/SessionEngine.h"

#include "engine/SessionRun.h"

#include <QCoreApplication>

#include <algorithm>

namespace rehabit {

using namespace Qt::StringLiterals;
using engine::DetailRep;
using engine::Second;

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
    engine::SessionRun r{state, now, {}};
    // Time never runs backwards inside the engine.
    if (r.s.isTimedStage() && !r.s.paused && now.monotonicMs < r.s.stageStartMs)
        r.now.monotonicMs = r.s.stageStartMs;
    engine::advance(r);
    engine::onInput(r, input);
    engine::advance(r);
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
        p.flagged = p.flagged || flagsSession(e);
        if (*e.painContext != PainContext::NextMorning)
            p.highestPain = std::max(p.highestPain.value_or(0), *e.pain);
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
        flagged = flagged || flagsSession(e);
        switch (e.kind) {
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
