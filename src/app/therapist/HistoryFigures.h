#pragma once
// What the history view shows, as plain values ready for the widgets: the
// core's PatientHistory (include/rehabit/review/History.h, which defines dose,
// adherence, rises and flags) turned into table rows and chart lines for
// the chosen "today". No widgets, so it is tested on fixed histories.

#include "therapist/SessionListModel.h"
#include "therapist/TimeChart.h"

#include "rehabit/review/History.h"

#include <QDate>
#include <QList>

#include <optional>

namespace rehabit {

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
    int sessions = 0; ///< sessions in which it was worked
    int rises = 0;    ///< of those, with a rating for it above the session's start
    int painStops = 0;
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
    QList<AdherencePeriod> weeks;  ///< Monday to Sunday, oldest first, up to today
    AdherencePeriod last30;
    AdherencePeriod last7;
    std::optional<double> painLast7;      ///< mean before-session pain, the last 7 days
    std::optional<double> painPrevious30; ///< the 30 days before those
    QList<RiseRow> rises;                 ///< most often painful first
    QList<FlagRow> flags;                 ///< newest first
    QDate first;                          ///< first day with a program or data (invalid if none)

    static HistoryFigures compute(const PatientHistory &history, const QList<Exercise> &exercises, QDate today);
    /// Prescribed against done, per exercise of one session, in session order.
    static QList<ItemOutcome> outcome(const PatientHistory &history, const SessionReview &session,
                                      const QList<Exercise> &exercises);
};

} // namespace rehabit
