#pragma once
// What the history view shows, as plain values ready for the widgets: the
// core's PatientHistory and ReviewFigures (include/rehabit/review/History.h,
// which define dose, adherence, "the last 30 days", rises and flags, the same
// for rehabit-cli history) turned into table rows and chart lines for the
// as-of day. No widgets, so it is tested on fixed histories.

#include "therapist/SessionListModel.h"
#include "therapist/TimeChart.h"

#include "rehabit/domain/Result.h"
#include "rehabit/review/History.h"

#include <QDate>
#include <QList>

#include <optional>

namespace rehabit {

class Store;

struct ItemOutcome {
    QString exerciseName;
    QString prescribed; ///< "2 sets of 10 reps on each side, hold each 3 seconds", as it was that day
    int prescribedUnits = 0;
    int doneUnits = 0;
    std::optional<int> highestPain; ///< during or after the exercise
    bool painStop = false;
    bool skipped = false;
};

struct RiseRow {
    QString exerciseId;
    QString name;
    int sessions = 0;           ///< sessions in which it was worked
    int rises = 0;              ///< of those, with a rating for it above the session's start
    int painStops = 0;          ///< stopped by the pain rule while worked
    int ratingsAbove5After = 0; ///< done in full, then rated above 5
    int nextMorningRises = 0;
    int largestRise = 0;
};

struct FlagRow {
    qint64 sessionId = 0;
    QDateTime at;
    QString exerciseName; ///< empty for the session as a whole
    QString pain;         ///< "5 (started at 3)"
    QString reason;       ///< in words
};

struct HistoryFigures {
    QList<SessionRow> sessions;    ///< newest first
    QList<ChartLine> painLines;    ///< before session, after session, next morning
    QList<ChartLine> exercisePain; ///< one line per exercise worked: its highest rating of the day
    /// Adherence (last 30 and 7 days, per week), pain before sessions and
    /// flagged sessions for the as-of day: the core's one definition.
    ReviewFigures review;
    QList<RiseRow> rises; ///< most often painful first
    QList<FlagRow> flags; ///< newest first
    QDate first;          ///< first day with a program or data (invalid if none)

    static HistoryFigures compute(const PatientHistory &history, const QList<Exercise> &exercises, QDate asOf);
    /// Prescribed against done, per exercise of one session, in session order.
    static QList<ItemOutcome> outcome(const PatientHistory &history, const SessionReview &session,
                                      const QList<Exercise> &exercises);
};

/// What the history view's worker reads and computes to show one patient
/// (HistoryView shows it when it is ready; rehabit-bench times it).
struct HistoryPage {
    qint64 patientId = 0;
    std::optional<Error> error;
    QList<Exercise> exercises;
    std::optional<PatientHistory> history;
    HistoryFigures figures;

    /// Reads the patient through the store's review queries (not the whole
    /// record) and computes the figures for `asOf`, in the system time zone.
    /// Safe on a worker thread. patientId 0: an empty page.
    static HistoryPage load(const Store &store, qint64 patientId, QDate asOf);
};

} // namespace rehabit
