#pragma once
// Everything kept about one patient, as one value: what the JSON export
// writes, what the import and the demo-data generator add in one transaction,
// and what the history functions (History.h) read.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Proposal.h"
#include "rehabit/domain/SessionLog.h"

#include <QList>

namespace rehabit {

struct PatientRecord {
    Patient patient;
    QList<PatientNote> notes;               ///< oldest first
    QList<Program> programs;                ///< oldest first, each with its current items
    QList<ProgramItemVersion> itemVersions; ///< every item's prescriptions over time (removed items too)
    QList<SessionHistory> sessions;         ///< oldest first, each with its whole log
    QList<Proposal> proposals;              ///< oldest first
    /// The custom exercises the programs or the log refer to (bundled ones
    /// are the catalog's and are referred to by id only).
    QList<Exercise> customExercises;
};

} // namespace rehabit
