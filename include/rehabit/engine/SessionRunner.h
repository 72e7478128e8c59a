#pragma once
// SessionRunner: the thin QObject adapter around the pure SessionEngine.
// It owns the timer (Qt::PreciseTimer, single shot, set to the engine's next
// wake-up) and reads the clock; feeds inputs to the engine; appends every
// logged event to the store in its own transaction and emits saved(seq) only
// after the store returned; emits the cues, words, prompts and notices.
// On a store error it stops and says so: what was saved is kept, and the
// session can be resumed from the store.

#include "rehabit/engine/PainRule.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Proposal.h"
#include "rehabit/domain/Result.h"
#include "rehabit/engine/SessionClock.h"
#include "rehabit/engine/SessionEngine.h"
#include "rehabit/store/Store.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

namespace rehabit {

class SessionRunner : public QObject {
    Q_OBJECT
public:
    /// The store and the clock must outlive the runner.
    SessionRunner(Store &store, SessionClock &clock, QObject *parent = nullptr);
    ~SessionRunner() override;

    /// Creates the session in the store (Store::startSession) and starts it:
    /// SessionStarted is logged and the starting pain asked for.
    Result<qint64> start(const Program &program, const QList<Exercise> &exercises);
    /// Continues an interrupted session (Store::interruptedSessions) from its
    /// log: SessionResumed is logged and the athlete goes on with the rep
    /// after the last acknowledged one. A log that already ended (the program
    /// stopped between logging the end and recording the status) is only
    /// recorded as finished: finished() is emitted and nothing runs.
    Result<void> resumeInterrupted(const Program &program, const QList<Exercise> &exercises, qint64 sessionId);
    /// Closes an interrupted session without resuming it: SessionClosedPartial
    /// is logged and the session finished as Partial (flagged if a pain rule
    /// fired). Works even when the program has changed since.
    Result<void> closeInterrupted(const Program &program, const QList<Exercise> &exercises, qint64 sessionId);

    /// Feeds one input at the clock's now. False when there is no running
    /// session (none started, finished, or stopped by a store error).
    bool input(const SessionInput &input);

    const SessionState &state() const { return m_state; }
    qint64 sessionId() const { return m_state.sessionId; }
    /// A session is started and neither finished nor stopped by an error.
    bool isRunning() const;
    /// The store error that stopped the runner, if any.
    const std::optional<Error> &error() const { return m_error; }
    /// Time left in the current countdown, hold, bout or rest.
    qint64 remainingMs() const;
    /// Monotonic ms of the next timer wake-up (empty: none).
    std::optional<qint64> wakeAt() const;
    /// The seq of the last event the store acknowledged (0: none).
    int lastSavedSeq() const { return m_lastSavedSeq; }

    /// The next-morning check-in for a finished session: appends the rating
    /// (context NextMorning) to the session's log, judges it against the
    /// session's before-session rating, and records the less-load proposals
    /// (Progression::afterNextMorning) as pending.
    static Result<NextMorningVerdict> recordNextMorning(Store &store, const Program &program,
                                                        const QList<Exercise> &exercises, qint64 sessionId, int pain,
                                                        const QDateTime &at);

public Q_SLOTS:
    void repDone();
    void holdStarted();
    void holdEnded();
    void pause();
    void resume();
    void skipSet();
    void skipExercise();
    void back();
    void ratePain(int pain, rehabit::PainContext context);
    void recordAssessment(bool positive);
    void continueOn();
    void end();
    void abort();
    /// The timer fired (tests with a hand-moved clock call it themselves).
    void tick();

Q_SIGNALS:
    void stateChanged();
    void soundCue(rehabit::SoundCue cue);
    void say(const QString &words);
    void painAsked(rehabit::PainContext context, qint64 programItemId);
    void painStopped(const rehabit::PainStopNotice &notice);
    /// The store committed the event with this seq.
    void saved(int seq);
    /// The session is over and its status recorded.
    void finished(rehabit::SessionStatus status, bool flagged);
    /// Progression or regression proposals recorded as pending for a person to decide.
    void proposalsMade(const QList<rehabit::Proposal> &proposals);
    /// A store error stopped the runner (or, after the session was recorded
    /// as finished, kept a proposal from being recorded).
    void failed(const rehabit::Error &error);

private:
    Result<void> begin(const Program &program, const QList<Exercise> &exercises, const SessionState &state,
                       const SessionInput &first);
    /// Records the status of a session whose log has ended, or whose program
    /// no longer fits its log, without the engine.
    Result<void> finishFromLog(const Program &program, qint64 sessionId, const FinishSession &finish);
    bool process(const SessionInput &input);
    void schedule(const std::optional<qint64> &wake);
    void stop(const Error &error);
    Result<QList<Proposal>> recordProposals();

    Store &m_store;
    SessionClock &m_clock;
    QTimer m_timer;
    SessionState m_state;
    Program m_program;
    QList<Exercise> m_exercises;
    bool m_started = false;
    bool m_busy = false;
    QList<SessionInput> m_queue;
    std::optional<Error> m_error;
    int m_lastSavedSeq = 0;
};

} // namespace rehabit
