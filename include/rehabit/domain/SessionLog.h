#pragma once
// The append-only session log: one row per thing that happened, with a
// millisecond UTC timestamp. History, charts and adherence are queries over it.

#include "rehabit/domain/Exercise.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace rehabit {

/// A pain rating is a whole number from 0 (no pain) to 10 (worst imaginable),
/// the NPRS (DOMAIN.md).
constexpr bool isValidPainRating(int pain)
{
    return pain >= 0 && pain <= 10;
}

enum class EventKind {
    SessionStarted,
    SessionResumed, ///< an interrupted session was continued
    ExerciseStarted,
    SetStarted,
    RepDone, ///< a rep without hold, or a rep whose hold ended
    HoldStarted,
    HoldEnded, ///< holdMs = measured hold time
    TimedStarted,
    TimedEnded, ///< holdMs = measured time under pressure
    SetFinished,
    SetSkipped,
    ExerciseFinished,
    ExerciseSkipped,
    Back, ///< the athlete stepped back (detail says to what)
    Paused,
    Resumed,
    PainRated,        ///< pain 0-10 with its context
    PainStop,         ///< the pain rule stopped an exercise (detail: why)
    AssessmentResult, ///< detail "positive" / "negative", with a side
    SessionEnded,     ///< finished by the athlete (complete or not)
    SessionAborted,
    SessionClosedPartial, ///< an interrupted session closed without resuming
};
QString toCode(EventKind);
std::optional<EventKind> eventKindFromCode(const QString &);

/// When a pain rating was given.
enum class PainContext { BeforeSession, During, AfterExercise, AfterSession, NextMorning };
QString toCode(PainContext);
std::optional<PainContext> painContextFromCode(const QString &);

struct SessionEvent {
    qint64 id = 0; ///< set by the store
    qint64 sessionId = 0;
    int seq = 0;     ///< 1, 2, 3 ... within the session; 0: the store gives the next one
    qint64 atMs = 0; ///< wall clock, ms since the epoch, UTC
    EventKind kind = EventKind::SessionStarted;
    qint64 programItemId = 0; ///< 0 = none
    QString exerciseId;
    int setIndex = 0; ///< 1-based, 0 = none
    int repIndex = 0; ///< 1-based, 0 = none
    std::optional<Side> side;
    std::optional<qint64> holdMs;
    std::optional<int> pain;
    std::optional<PainContext> painContext;
    QString detail;
    bool operator==(const SessionEvent &) const = default;
};

/// A rating above this flags its session for the therapist, whatever the
/// program's pain rule: the pain-monitoring model calls pain above 5/10 too
/// much (docs/session-engine.md cites it). Rehabit's own choice to apply it to
/// every rating of every session; the clinical-loop issue makes it a setting
/// of the program.
inline constexpr int kPainFlagAbove = 5;

/// Whether this event flags its session by itself: a stop by the pain rule,
/// or a pain rating above kPainFlagAbove (in any context).
bool flagsSession(const SessionEvent &event);

enum class SessionStatus { InProgress, Completed, Partial, Aborted };
QString toCode(SessionStatus);
std::optional<SessionStatus> sessionStatusFromCode(const QString &);

struct SessionRecord {
    qint64 id = 0;
    qint64 patientId = 0;
    qint64 programId = 0;
    QDateTime startedAt;
    QDateTime endedAt; ///< invalid while in progress
    SessionStatus status = SessionStatus::InProgress;
    bool flagged =
        false; ///< a pain rule fired or a rating was above the limit (flagsSession): the therapist should look
    /// Global identity (text UUID without braces), the same in every database
    /// the row is copied to: a new one when the store adds the row, the
    /// record's own when Store::addPatientRecord adds it. An event's
    /// global key is its session's UUID and its seq.
    QString uuid = {};
    /// 1 when written, one more at every change in place (Store::revisions()).
    int revision = 0;
    bool operator==(const SessionRecord &) const = default;
};

/// One session with its whole log (next-morning rating included).
struct SessionHistory {
    SessionRecord record;
    QList<SessionEvent> events;
    bool operator==(const SessionHistory &) const = default;
};

} // namespace rehabit
