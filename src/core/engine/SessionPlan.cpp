// The session plan: program items with their exercises, in phase order.

#include "rehabit/engine/SessionPlan.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace rehabit {

WorkStyle PlanItem::style() const
{
    switch (exercise.kind) {
    case WorkKind::Assessment: return WorkStyle::Assessment;
    case WorkKind::Timed: return WorkStyle::Timed;
    case WorkKind::Reps:
    case WorkKind::Holds: break;
    }
    return rx.holdSeconds > 0 ? WorkStyle::Holds : WorkStyle::Reps;
}

QList<WorkUnit> PlanItem::units() const
{
    QList<WorkUnit> result;
    const WorkStyle s = style();
    // Timed bouts and assessments have one result per side: "alternating"
    // means each side for them.
    Sides sides = rx.sides;
    if (sides == Sides::Alternating && (s == WorkStyle::Timed || s == WorkStyle::Assessment))
        sides = Sides::EachSide;
    const int sets = s == WorkStyle::Assessment ? 1 : std::max(1, rx.sets);
    for (int set = 1; set <= sets; ++set) {
        switch (sides) {
        case Sides::EachSide:
            result.append(WorkUnit{set, Side::Left});
            result.append(WorkUnit{set, Side::Right});
            break;
        case Sides::Alternating: result.append(WorkUnit{set, std::nullopt}); break;
        case Sides::Both: result.append(WorkUnit{set, Side::Both}); break;
        }
    }
    return result;
}

int PlanItem::repsPerUnit() const
{
    switch (style()) {
    case WorkStyle::Assessment: return 1;
    case WorkStyle::Timed: return rx.followUpSeconds > 0 ? 2 : 1;
    case WorkStyle::Reps:
    case WorkStyle::Holds: break;
    }
    return std::max(1, rx.reps);
}

std::optional<Side> PlanItem::sideOfRep(const WorkUnit &unit, int repIndex) const
{
    if (unit.side)
        return unit.side;
    return repIndex % 2 == 1 ? Side::Left : Side::Right;
}

int PlanItem::unitIndexOf(int setIndex, const std::optional<Side> &side) const
{
    const QList<WorkUnit> all = units();
    const bool assessment = style() == WorkStyle::Assessment;
    for (int i = 0; i < all.size(); ++i) {
        const WorkUnit &u = all.at(i);
        if (assessment ? u.side == side : (u.setIndex == setIndex && (!u.side || u.side == side)))
            return i;
    }
    return -1;
}

int SessionPlan::indexOf(qint64 programItemId) const
{
    for (int i = 0; i < items.size(); ++i)
        if (items.at(i).programItemId == programItemId)
            return i;
    return -1;
}

namespace {

int phaseRank(Phase phase)
{
    switch (phase) {
    case Phase::Assessment: return 0;
    case Phase::Flexibility: return 1;
    case Phase::CoreStability: return 2;
    case Phase::HipStrength: return 3;
    }
    return 4;
}

// Within flexibility the article stretches first, then releases (timed
// pressure with a ball or roller).
int flexibilityRank(const Exercise &e)
{
    return e.phase == Phase::Flexibility && e.kind == WorkKind::Timed ? 1 : 0;
}

} // namespace

Result<SessionPlan> SessionPlan::fromProgram(const Program &program, const QList<Exercise> &exercises)
{
    QHash<QString, Exercise> byId;
    for (const Exercise &e : exercises)
        byId.insert(e.id, e);

    QList<ProgramItem> ordered = program.items;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const ProgramItem &a, const ProgramItem &b) { return a.position < b.position; });

    SessionPlan plan;
    plan.painRule = program.painRule;
    for (const ProgramItem &item : std::as_const(ordered)) {
        const auto found = byId.constFind(item.exerciseId);
        if (found == byId.cend())
            return Error{
                QCoreApplication::translate("rehabit::SessionEngine",
                                            "The program uses the exercise \"%1\", which is not in the catalog. "
                                            "Import the catalog again or remove the item from the program.")
                    .arg(item.exerciseId),
                program.name};
        plan.items.append(PlanItem{item.id, *found, item.rx});
    }
    std::stable_sort(plan.items.begin(), plan.items.end(), [](const PlanItem &a, const PlanItem &b) {
        const int pa = phaseRank(a.exercise.phase), pb = phaseRank(b.exercise.phase);
        if (pa != pb)
            return pa < pb;
        return flexibilityRank(a.exercise) < flexibilityRank(b.exercise);
    });
    return plan;
}

} // namespace rehabit
