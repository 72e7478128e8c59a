#pragma once
// The day's session as the engine runs it: the program's items with their
// exercises, in the article's order of phases. Plain values.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Result.h"

#include <QList>
#include <QString>

#include <optional>

namespace rehabit {

/// What the athlete works in one unit of an item: one set on one side
/// (each side), one set on both sides (alternating: side() is empty, every
/// rep carries its own side) or one set with both sides at once. For an
/// assessment a unit is one side's result.
struct WorkUnit {
    int setIndex = 1;         ///< 1-based
    std::optional<Side> side; ///< empty for an alternating set
    bool operator==(const WorkUnit &) const = default;
};

/// How the engine runs an item, derived from the exercise's kind and the
/// prescription (a Reps exercise prescribed with a hold is run as holds).
enum class WorkStyle {
    Assessment, ///< a positive / negative result per side
    Reps,       ///< the athlete says "rep done" for each rep
    Holds,      ///< each rep is a hold that the engine times
    Timed,      ///< one timed bout per unit, then the follow-up if prescribed
};

struct PlanItem {
    qint64 programItemId = 0;
    Exercise exercise;
    Prescription rx;

    WorkStyle style() const;
    /// The units in the order they are worked: for each side, set 1 left,
    /// set 1 right, set 2 left, set 2 right ... (see docs/session-engine.md).
    QList<WorkUnit> units() const;
    /// Reps (or holds) in one unit; at least 1. Timed work: the bouts in one
    /// unit (1, or 2 with a follow-up).
    int repsPerUnit() const;
    /// The side of rep `repIndex` (1-based) in `unit`: alternating sets start
    /// on the left.
    std::optional<Side> sideOfRep(const WorkUnit &unit, int repIndex) const;
    /// The unit a logged event belongs to (set and side; an assessment's
    /// result by its side alone), -1 if none.
    int unitIndexOf(int setIndex, const std::optional<Side> &side) const;
    bool operator==(const PlanItem &) const = default;
};

struct SessionPlan {
    PainRuleKind painRule = PainRuleKind::Strict;
    QList<PlanItem> items;
    bool operator==(const SessionPlan &) const = default;

    int indexOf(qint64 programItemId) const;

    /// The program's items with their exercises, ordered by phase
    /// (assessment, flexibility, core stability, hip strength); within
    /// flexibility stretches come before timed releases; otherwise the
    /// program's order is kept. Fails with a clear message when an item's
    /// exercise is not among `exercises`.
    static Result<SessionPlan> fromProgram(const Program &program, const QList<Exercise> &exercises);
};

} // namespace rehabit
