#pragma once
// The therapist's view of one patient's history, pure: built from what the
// review reads of a patient (HistoryInput: the store's review queries, or a
// whole PatientRecord for the export) and the exercises, no store and no
// clock inside. Days are calendar days in the time zone given to build().
//
// Definitions (docs/history.md has them with examples):
//   prescribed vs done: per session and exercise, the units of the plan as it
//       was when the session started (ProgramItemVersion), counted as
//       SessionDose counts them (reps, holds, timed bouts, assessment sides).
//   adherence as dose: done / expected over a period, where expected is, for
//       every day of the period and every item of every program active that
//       day, the item's dose per session x days per week / 7.
//   days with data: calendar days on which at least one event was logged.
//   pain rise: a rating during or after an exercise above the session's
//       before-session rating (0 if none was given).
//   last 30 days: the 30 local calendar days ending on the as-of day
//       (ReviewFigures; the app and rehabit-cli history show these).

#include "rehabit/domain/PatientRecord.h"
#include "rehabit/domain/Result.h"
#include "rehabit/domain/SessionSummary.h"
#include "rehabit/review/SessionDose.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace rehabit {

class Store;

/// What the review reads of one patient: not the whole log, but each
/// session summed (SessionSummary) and the events that carry a rating.
struct HistoryInput {
    Patient patient;
    QList<Program> programs;                ///< oldest first, each with its current items
    QList<ProgramItemVersion> itemVersions; ///< every item's prescriptions over time
    QList<SessionSummary> sessions;         ///< oldest first
    /// The events with a rating (pain-rated and pain-stop: Store::painRatings)
    /// in any order, and the pain stops logged without one, which carry the
    /// session's last rating before them, if there was one.
    QList<SessionEvent> painEvents;
    QList<Proposal> proposals; ///< oldest first

    /// The same from a whole record (the export, tests), by the same definitions.
    static HistoryInput fromRecord(const PatientRecord &record);
    /// Reads it with the store's review queries (sessionSummaries, painRatings,
    /// programs and their versions, proposals; a session's log only where a
    /// pain stop has no rating); nullopt if there is no such patient.
    static Result<std::optional<HistoryInput>> read(const Store &store, qint64 patientId);
};

/// A session's whole log summed as Store::sessionSummaries sums it.
SessionSummary summarizeSession(const SessionHistory &session);

/// A span of local calendar days, both ends included.
struct DayRange {
    QDate first;
    QDate last;
    /// The `days` calendar days ending on `asOf`: lastDays(d, 30) is "the last 30 days".
    static DayRange lastDays(QDate asOf, int days);
    bool contains(QDate day) const { return day >= first && day <= last; }
    bool operator==(const DayRange &) const = default;
};

/// One value per calendar day of some ratings.
struct DailyPain {
    QDate day;
    int pain = 0;
    bool operator==(const DailyPain &) const = default;
};

/// One exercise of one session: prescribed (when the session started) against done.
struct ExerciseDose {
    qint64 programItemId = 0;
    QString exerciseId;
    int prescribed = 0; ///< units x reps per unit, as SessionDose counts them
    int done = 0;
    bool skipped = false;       ///< ExerciseSkipped logged
    bool painStop = false;      ///< the pain rule stopped it
    std::optional<int> maxPain; ///< highest rating during or after it
    double share() const { return prescribed > 0 ? double(done) / prescribed : 0.0; }
    bool operator==(const ExerciseDose &) const = default;
};

struct SessionReview {
    SessionRecord record;
    QDate day;                     ///< the start's calendar day
    SessionDose dose;              ///< the whole session
    QList<ExerciseDose> exercises; ///< in the session's (plan) order
    std::optional<int> painBefore;
    std::optional<int> painAfter; ///< the after-session rating
    std::optional<int> painNextMorning;
    bool painStop = false;
    /// The session asks for the therapist's look: stored as flagged, a pain
    /// stop, a rating above kPainFlagAbove, or a next morning above the
    /// before-session rating (the kinds of PainFlag). The one definition of
    /// a flagged session, for the cards, the lists and the CLI.
    bool flagged = false;
};

struct PainPoint {
    qint64 sessionId = 0;
    qint64 atMs = 0;
    PainContext context = PainContext::During;
    int pain = 0;
    qint64 programItemId = 0; ///< 0 for before / after session and next morning
    QString exerciseId;
    bool operator==(const PainPoint &) const = default;
};

/// The ratings among these events (pain-rated, with a context), in time
/// order (then session and seq): the pain trend, without building a history.
QList<PainPoint> painPointsOf(QList<SessionEvent> events);

struct AdherencePeriod {
    QDate first;
    QDate last;            ///< inclusive
    double expected = 0.0; ///< prescribed units over the period (days per week taken into account)
    int done = 0;          ///< units done in sessions started in the period
    int daysWithData = 0;
    int sessions = 0;
    int days() const { return first.isValid() && last.isValid() ? int(first.daysTo(last)) + 1 : 0; }
    /// done / expected, at most 1; 0 when nothing was expected.
    double doseShare() const;
    bool operator==(const AdherencePeriod &) const = default;
};

/// The mean of one kind of rating over a period.
struct PainPeriod {
    QDate first;
    QDate last;
    int ratings = 0;
    double mean = 0.0; ///< 0 when there are no ratings
    std::optional<int> max;
    bool operator==(const PainPeriod &) const = default;
};

/// How often working an exercise coincided with pain going up.
struct PainRise {
    QString exerciseId;
    int sessionsWorked = 0;   ///< sessions in which at least one unit of it was done
    int sessionsWithRise = 0; ///< of those, with a rating for it above the session's start
    int painStops = 0;        ///< times the pain rule stopped it while it was worked (not finished)
    /// After-exercise ratings above kPainFlagAbove: the exercise was done in
    /// full, then hurt (a stop logged then stops nothing of it).
    int ratingsAbove5After = 0;
    int nextMorningRises = 0; ///< of the sessions worked, next morning above the session's start
    int largestRise = 0;      ///< points above the start, over all its ratings
    double riseShare() const { return sessionsWorked > 0 ? double(sessionsWithRise) / sessionsWorked : 0.0; }
    bool operator==(const PainRise &) const = default;
};

enum class PainFlagKind {
    PainStop,        ///< the pain rule stopped an exercise (or advised against the session)
    NextMorningRise, ///< next morning above the session's before-session rating
    PainAboveLimit,  ///< a rating above kPainFlagAbove (one flag per session: its highest rating)
};
/// "pain-stop", "next-morning-rise", "pain-above-limit" (rehabit-cli's JSON).
QString toCode(PainFlagKind kind);

struct PainFlag {
    PainFlagKind kind = PainFlagKind::PainStop;
    qint64 sessionId = 0;
    qint64 atMs = 0;
    qint64 programItemId = 0; ///< 0: the session as a whole
    QString exerciseId;
    std::optional<int> pain;  ///< the rating that raised it, if known
    std::optional<int> start; ///< the before-session rating it was compared with
    QString detail;           ///< the PainStop event's detail code
    bool operator==(const PainFlag &) const = default;
};

class PatientHistory {
public:
    /// Fails only when a program item's exercise is missing from `exercises`.
    static Result<PatientHistory> build(const HistoryInput &input, const QList<Exercise> &exercises,
                                        const QTimeZone &zone);
    static Result<PatientHistory> build(const PatientRecord &record, const QList<Exercise> &exercises,
                                        const QTimeZone &zone);

    const Patient &patient() const { return m_patient; }
    const QList<Program> &programs() const { return m_programs; }
    const QList<ProgramItemVersion> &itemVersions() const { return m_itemVersions; }
    const QList<SessionReview> &sessions() const { return m_sessions; }
    const QTimeZone &zone() const { return m_zone; }

    /// The first day a program existed or a session was logged, and the last
    /// day of data; invalid if there is neither.
    QDate firstDay() const { return m_firstDay; }
    /// The calendar day of a moment (ms since the epoch) in the history's time zone.
    QDate dayOfMs(qint64 atMs) const;
    QDate lastDay() const { return m_lastDay; }

    /// Pain ratings in time order, optionally of one context and/or one exercise.
    QList<PainPoint> painSeries(std::optional<PainContext> context = std::nullopt,
                                const QString &exerciseId = QString()) const;
    /// Mean rating of one context per calendar week (Monday to Sunday) in [first, last].
    QList<PainPeriod> weeklyPain(PainContext context, QDate first, QDate last) const;
    /// One value per calendar day of these ratings: the day's last, or its highest.
    QList<DailyPain> daily(const QList<PainPoint> &points, bool highest) const;

    AdherencePeriod adherence(QDate first, QDate last) const;
    /// Calendar weeks (Monday to Sunday) overlapping [first, last], clipped to it.
    QList<AdherencePeriod> weeklyAdherence(QDate first, QDate last) const;
    /// 30-day periods ending on `last` and going back to `first`, oldest first
    /// (the oldest may be shorter).
    QList<AdherencePeriod> thirtyDayAdherence(QDate first, QDate last) const;

    /// Every exercise worked, the most often painful first.
    QList<PainRise> painRises() const;
    QList<PainFlag> flags() const;
    QList<Proposal> pendingProposals() const;
    /// The exercise of a program item (its newest version); empty if unknown.
    QString exerciseOfItem(qint64 programItemId) const;

    /// The program as it was when the session started; nullopt if the program is unknown.
    std::optional<Program> programOf(const SessionRecord &session) const;

    /// The program as it was at `at`: the items whose newest version at that
    /// time is not a removal, in position order.
    static Program programAt(const Program &program, const QList<ProgramItemVersion> &versions, const QDateTime &at);

private:
    Patient m_patient;
    QList<Program> m_programs;
    QList<ProgramItemVersion> m_itemVersions;
    QList<Proposal> m_proposals;
    QTimeZone m_zone;
    QList<SessionReview> m_sessions;
    QList<PainPoint> m_pain;                       ///< the ratings, in time order
    QHash<qint64, QList<SessionEvent>> m_painLogs; ///< per session: its rated and pain-stop events by seq
    /// Expected units per day of one program from a moment on (a version
    /// change), in time order.
    struct ExpectedFrom {
        QDateTime from;
        double perDay = 0.0;
    };
    struct ProgramDose {
        QDate created;
        QDate stopped; ///< invalid while active
        QList<ExpectedFrom> steps;
    };
    Result<void> addSessions(const HistoryInput &input, const QList<Exercise> &exercises);
    Result<void> addProgramDoses(const QList<Exercise> &exercises);
    double expectedOn(QDate day) const;
    QList<ProgramDose> m_programDoses;
    QHash<QDate, int> m_doneByDay;
    QHash<QDate, int> m_sessionsByDay;
    QSet<QDate> m_daysWithData;
    QDate m_firstDay;
    QDate m_lastDay;
};

/// The figures the review shows for an as-of day, defined once: the app's
/// history view (HistoryFigures) and rehabit-cli history both show these.
struct ReviewFigures {
    QDate asOf;
    AdherencePeriod last30; ///< DayRange::lastDays(asOf, 30)
    AdherencePeriod last7;  ///< DayRange::lastDays(asOf, 7)
    /// Calendar weeks (Monday to Sunday) from the history's first day to asOf, oldest first.
    QList<AdherencePeriod> weeks;
    std::optional<double> painLast7;      ///< mean of every before-session rating of the last 7 days
    std::optional<double> painPrevious30; ///< the same over the 30 days before those
    int flaggedLast30 = 0;                ///< flagged sessions started in the last 30 days

    static ReviewFigures of(const PatientHistory &history, QDate asOf);
};

} // namespace rehabit
