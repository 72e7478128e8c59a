#pragma once
// The session engine, pure: next(state, input, now) -> state + effects.
// No timer and no clock inside: time comes in as a Moment. The state is a
// plain value; the position in the program (SessionProgress) is a fold over
// the events the engine logged, so replay() rebuilds it from the store's log.
// See docs/session-engine.md.

#include "rehabit/engine/PainRule.h"
#include "rehabit/domain/Result.h"
#include "rehabit/domain/SessionLog.h"
#include "rehabit/engine/SessionPlan.h"

#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace rehabit {

/// "Now", passed in: a monotonic clock for timing (never jumps, ms) and the
/// wall clock for the log's timestamps (ms since the epoch, UTC).
struct Moment {
    qint64 monotonicMs = 0;
    qint64 wallMs = 0;
    bool operator==(const Moment &) const = default;
};

enum class InputKind {
    Start,       ///< begin a new session
    RepDone,     ///< a rep without hold done; during a hold or timed bout: end it now
    HoldStarted, ///< start the hold / timed bout now (skips what is left of a countdown or rest)
    HoldEnded,   ///< end the hold / timed bout now (measured time logged)
    Pause,
    Resume,  ///< end a pause; on an interrupted (replayed) session: continue it
    SkipSet, ///< skip the current set on the current side
    SkipExercise,
    Back,               ///< redo the last rep, or the previous set when none is done yet
    PainRated,          ///< pain 0-10 with its context
    AssessmentRecorded, ///< assessment result for the current side
    Continue,           ///< end a rest or countdown early; go on after a pain-stop notice
    End,                ///< the athlete ends the session (asks the after-session rating first)
    Abort,
    ClosePartial, ///< close an interrupted (replayed) session without resuming it
    Tick,         ///< time advanced (the adapter's timer fired)
};

struct SessionInput {
    InputKind kind = InputKind::Tick;
    int pain = 0;                                  ///< PainRated
    PainContext painContext = PainContext::During; ///< PainRated
    bool positive = false;                         ///< AssessmentRecorded
    bool operator==(const SessionInput &) const = default;

    static SessionInput of(InputKind kind) { return SessionInput{kind, 0, PainContext::During, false}; }
    static SessionInput painRated(int pain, PainContext context)
    {
        return SessionInput{InputKind::PainRated, pain, context, false};
    }
    static SessionInput assessment(bool positive)
    {
        return SessionInput{InputKind::AssessmentRecorded, 0, PainContext::During, positive};
    }
};

enum class SoundCue { HoldStart, HoldEnd, Count3, Count2, Count1, SwitchSides, SetDone, SessionDone };

/// What the pain rule stopped, and what to do: shown and kept on screen.
struct PainStopNotice {
    qint64 programItemId = 0; ///< 0: the session as a whole (before / after it)
    QString exerciseId;
    PainContext context = PainContext::During;
    PainVerdict verdict;
    QString what;   ///< "Your pain rose from 1 to 3 during Marching resisted bridge."
    QString advice; ///< stop, go back a step, see a doctor or physical therapist if nothing helps
    bool operator==(const PainStopNotice &) const = default;
};

struct PlaySound {
    SoundCue cue = SoundCue::HoldStart;
    bool operator==(const PlaySound &) const = default;
};
struct Say {
    QString words;
    bool operator==(const Say &) const = default;
};
struct LogEvent {
    SessionEvent event;
    bool operator==(const LogEvent &) const = default;
};
struct AskPain {
    PainContext context = PainContext::BeforeSession;
    qint64 programItemId = 0;
    bool operator==(const AskPain &) const = default;
};
struct ShowPainStop {
    PainStopNotice notice;
    bool operator==(const ShowPainStop &) const = default;
};
/// The session is over: the adapter records its status (Store::finishSession).
struct FinishSession {
    SessionStatus status = SessionStatus::Completed;
    bool flagged = false;
    qint64 atMs = 0;
    bool operator==(const FinishSession &) const = default;
};
using SessionEffect = std::variant<PlaySound, Say, LogEvent, AskPain, ShowPainStop, FinishSession>;

/// The position in the session, as the log tells it. SessionEngine::apply()
/// folds one logged event into it; the engine uses the same fold for what it
/// logs, so replay() of the log gives exactly the live position.
struct SessionProgress {
    bool started = false;           ///< SessionStarted logged
    bool ended = false;             ///< SessionEnded / Aborted / ClosedPartial logged
    std::optional<int> startPain;   ///< the before-session rating
    bool flagged = false;           ///< a pain rule fired or a rating was above the limit (flagsSession)
    std::optional<int> highestPain; ///< the highest rating of the session so far
    int itemIndex = -1;             ///< the item worked last (or now)
    bool exerciseOpen = false;      ///< ExerciseStarted logged, not yet finished / skipped / stopped
    bool painAfterPending = false;  ///< finished or skipped, after-exercise rating not yet given
    int unitIndex = 0;              ///< the unit worked now (or next) in the open exercise
    bool unitStarted = false;       ///< SetStarted logged for unitIndex
    int repsDone = 0;               ///< acknowledged reps (bouts) in the unit
    bool afterSessionRated = false;
    bool operator==(const SessionProgress &) const = default;
};

enum class SessionStage {
    NotStarted,
    AskingPain,  ///< waiting for a rating (painPrompt says which)
    Positioning, ///< "get into position" countdown before a hold or timed bout
    Holding,     ///< a hold is running
    TimedBout,   ///< the main timed bout is running
    FollowUp,    ///< the timed follow-up (wave-like motion) is running
    Working,     ///< waiting for "rep done" (reps without hold)
    Assessing,   ///< waiting for the assessment result of the current side
    Resting,     ///< rest between reps, sets or exercises
    PainNotice,  ///< a pain-rule stop is shown; Continue goes on
    Interrupted, ///< rebuilt by replay(): Resume continues, ClosePartial closes
    Finished,
};

enum class RestKind { BetweenReps, BetweenSets, AfterExercise };

struct SessionState {
    SessionPlan plan;
    qint64 sessionId = 0;
    SessionProgress progress;

    SessionStage stage = SessionStage::NotStarted;
    std::optional<PainContext> painPrompt; ///< AskingPain
    RestKind rest = RestKind::BetweenReps; ///< Resting
    qint64 stageStartMs = 0;               ///< monotonic; for a hold or bout: its start (shifted by pauses)
    qint64 deadlineMs = 0;                 ///< monotonic end of a timed stage (shifted by pauses)
    int nextCount = 0;                     ///< next 3/2/1 count cue still to give in this stage, 0 = none
    bool paused = false;
    qint64 pausedAtMs = 0;
    bool endRequested = false;               ///< End was given: after the after-session rating the session ends
    std::optional<PainStopNotice> notice;    ///< PainNotice
    std::optional<SessionStatus> finishedAs; ///< Finished
    bool operator==(const SessionState &) const = default;

    bool isTimedStage() const;
    bool active() const { return stage != SessionStage::NotStarted && stage != SessionStage::Finished; }
    const PlanItem *currentItem() const;
    std::optional<WorkUnit> currentUnit() const;
};

struct SessionTransition {
    SessionState state;
    QList<SessionEffect> effects;   ///< in the order they happened
    std::optional<qint64> wakeAtMs; ///< monotonic: call next(..., Tick, ...) then (empty: no timer)

    QList<SessionEvent> events() const; ///< the LogEvent effects' events, in order
};

class SessionEngine {
public:
    /// A session about to start (stage NotStarted); give it Start.
    static SessionState initial(const SessionPlan &plan, qint64 sessionId);

    /// The one transition function. Any deadline that has passed by
    /// `now.monotonicMs` is handled first (stages chain at their deadlines,
    /// not at the moment of the call, so late calls never add drift); then
    /// the input. An input that does not apply is ignored: same state, no
    /// effects.
    static SessionTransition next(const SessionState &state, const SessionInput &input, const Moment &now);

    /// Monotonic ms at which the adapter should tick next; empty when nothing
    /// is timed (or paused).
    static std::optional<qint64> wakeAt(const SessionState &state);
    /// Time left in the current timed stage at monotonic `nowMs` (0 if none).
    static qint64 remainingMs(const SessionState &state, qint64 nowMs);

    /// Folds one logged event into the position.
    static SessionProgress apply(const SessionPlan &plan, const SessionProgress &progress, const SessionEvent &event);

    /// Rebuilds an interrupted session from its log (seq order). The result
    /// is in stage Interrupted: Resume logs SessionResumed and continues with
    /// the rep after the last acknowledged one; ClosePartial closes it.
    /// Fails for a log that does not belong to the plan or that already ended.
    static Result<SessionState> replay(const SessionPlan &plan, qint64 sessionId, const QList<SessionEvent> &events);

    /// How a log that ended (SessionEnded, SessionAborted or
    /// SessionClosedPartial) finished the session: status, flag and time.
    /// Empty while the log has not ended. For a session whose end was logged
    /// but whose status was not yet recorded (the program stopped in between).
    static std::optional<FinishSession> endOf(const QList<SessionEvent> &events);
};

} // namespace rehabit
