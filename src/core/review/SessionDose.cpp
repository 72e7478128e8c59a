#include "rehabit/review/SessionDose.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace rehabit {

SessionDose SessionDose::of(const SessionPlan &plan, const QList<SessionEvent> &events)
{
    SessionDose dose;
    // A rep is identified by item, set, side and index, so that a rep redone
    // after "back" is counted once.
    QHash<qint64, QSet<QString>> doneByItem;
    for (const SessionEvent &e : events) {
        const bool counts =
            e.kind == EventKind::RepDone || e.kind == EventKind::TimedEnded || e.kind == EventKind::AssessmentResult;
        if (!counts || e.programItemId == 0)
            continue;
        doneByItem[e.programItemId].insert(QStringLiteral("%1/%2/%3/%4")
                                                              .arg(e.setIndex)
                                                              .arg(e.side ? toCode(*e.side) : QString())
                                                              .arg(e.repIndex)
                                                              .arg(toCode(e.kind)));
    }
    for (const PlanItem &item : plan.items) {
        const int prescribed = int(item.units().size()) * item.repsPerUnit();
        dose.prescribed += prescribed;
        dose.done += std::min(prescribed, int(doneByItem.value(item.programItemId).size()));
    }
    return dose;
}

} // namespace rehabit
