#pragma once
// How much of the prescribed dose a session did, from its log.

#include "rehabit/domain/SessionLog.h"
#include "rehabit/engine/SessionPlan.h"

#include <QList>

namespace rehabit {

struct SessionDose {
    int prescribed = 0; ///< reps, holds, timed bouts and assessment sides the plan prescribes
    int done = 0;       ///< of those, logged as done (a redone rep counts once)
    /// done / prescribed, 0..1 (0 for an empty plan).
    double share() const { return prescribed > 0 ? double(done) / prescribed : 0.0; }

    /// Counts the plan's units against the session's log.
    static SessionDose of(const SessionPlan &plan, const QList<SessionEvent> &events);
};

} // namespace rehabit
