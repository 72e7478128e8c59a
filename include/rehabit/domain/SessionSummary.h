#pragma once
// One session as the therapist's review reads it: the session's row and,
// per program item, what its log did, summed where the log is kept
// (Store::sessionSummaries, one aggregate query) so that a patient-year of
// log is not read row by row. rehabit::summarizeSession (review/History.h)
// sums a log in memory by the same definitions; the store's contract tests
// check that the two agree.

#include "rehabit/domain/SessionLog.h"

#include <QList>

namespace rehabit {

/// What one session's log did with one program item.
struct ItemActivity {
    qint64 programItemId = 0; ///< never 0: events outside any item are not summed per item
    /// Units logged as done: distinct (kind, set, side, rep) among its
    /// rep-done, timed-ended and assessment-result events (a redone rep
    /// counts once), before SessionDose caps them at the prescription.
    int unitsDone = 0;
    bool skipped = false; ///< an exercise-skipped event
    int painStops = 0;    ///< pain-stop events of the item
    bool operator==(const ItemActivity &) const = default;
};

struct SessionSummary {
    SessionRecord record;
    QList<ItemActivity> items; ///< the items with events, by item id
    /// The quarter hours (at_ms / 900000, UTC) in which it logged events,
    /// ascending. Every time zone's offset is a whole number of quarter hours,
    /// so each one falls within one local calendar day: the days with data.
    QList<qint64> quarterHours;
    int painStops = 0; ///< pain-stop events, with or without an item
    /// pain-stop events without a rating (the engine always logs one; an
    /// imported log may not): the review then reads that session's log.
    int painStopsWithoutRating = 0;
    bool operator==(const SessionSummary &) const = default;
};

/// A quarter hour of SessionSummary::quarterHours, in milliseconds.
inline constexpr qint64 QuarterHourMs = 15 * 60 * 1000;

} // namespace rehabit
