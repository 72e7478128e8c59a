#pragma once
// What the history view shows, computed from one patient's sessions with
// their logs (Store::sessionHistories), programs and the catalog: plain
// values, no widgets, so the figures are tested on fixed histories.
//
//   dose share: prescribed units (reps, holds, timed bouts, assessment
//       sides) done, as SessionDose counts them; per period, the units the
//       active programs prescribe per day (each item's units x its days per
//       week / 7) times the period's days since the program started.
//   days with data: distinct local dates with a session.
//   rises in pain: a rating during or after an exercise above the session's
//       before rating, or a pain-rule stop of that exercise ("during"); a
//       next-morning rating above the before rating counts for every
//       exercise done in that session ("next morning").

#include "therapist/SessionListModel.h"
#include "therapist/TimeChart.h"

#include "rehabit/Exercise.h"
#include "rehabit/Program.h"
#include "rehabit/Progression.h"

#include <QDate>
#include <QList>

#include <optional>

namespace rehabit {

struct ItemOutcome {
    qint64 programItemId = 0;
    QString exerciseName;
    QString prescribed;        ///< "2 sets of 10 reps on each side, hold each 3 seconds"
    int prescribedUnits = 0;
    int doneUnits = 0;
    std::optional<int> highestPain; ///< during or after the exercise
    bool painStop = false;
};

struct ExerciseRise {
    QString exerciseId;
    QString name;
    int sessions = 0;          ///< sessions in which it was worked
    int risesDuring = 0;       ///< of those, with a rise during or after it (or a pain stop)
    int risesNextMorning = 0;  ///< of those, with next-morning pain above the before rating
};

struct PainFlag {
    qint64 sessionId = 0;
    QDateTime at;
    QString exerciseName;
    int pain = 0;
    QString reason;            ///< in words
};

struct Adherence {
    QDate from;
    QDate to;                  ///< inclusive
    double doseShare = 0;      ///< 0..1 (capped at 1)
    int daysWithData = 0;
    int days = 0;
};

struct HistoryFigures {
    QList<SessionRow> sessions;        ///< newest first
    QList<ChartLine> painLines;        ///< before, after session, next morning
    QList<ChartLine> exercisePain;     ///< one line per exercise: highest rating of the day
    QList<Adherence> weeks;            ///< Monday to Sunday, oldest first, up to `today`
    Adherence last30;
    Adherence last7;
    std::optional<double> painLast7;      ///< mean before-session pain, the last 7 days
    std::optional<double> painPrevious30; ///< the 30 days before those
    QList<ExerciseRise> rises;         ///< most rises first
    QList<PainFlag> flags;             ///< newest first
    QDate first;                       ///< first session day (invalid if none)

    static HistoryFigures compute(const QList<SessionHistory> &history, const QList<Program> &programs,
                                  const QList<Exercise> &exercises, QDate today);
    /// Prescribed against done, per item of the session's program, in session order.
    static QList<ItemOutcome> outcome(const SessionHistory &session, const Program &program,
                                      const QList<Exercise> &exercises);
};

} // namespace rehabit
