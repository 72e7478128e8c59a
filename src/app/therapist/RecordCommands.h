#pragma once
// The therapist's changes to a patient's record that Edit > Undo takes back
// (while the History or Notes tab is shown; the Program tab undoes the
// program editor's edits): a rename, an archive or restore, a note's edit or
// deletion. The change is already stored when its command is pushed; undo
// and redo write to the store again (the store keeps every revision), and
// `changed` tells the page to read the patient again. A write the store
// refuses is reported through `failed`, and the record stays as stored.

#include "rehabit/domain/Program.h"
#include "rehabit/domain/Result.h"

#include <QUndoCommand>

#include <functional>

namespace rehabit {

class Store;

struct RecordCommandHooks {
    std::function<void(qint64 patientId)> changed;
    std::function<void(const QString &title, const Error &error)> failed;
};

/// A rename from `before` to `after`.
QUndoCommand *renamePatientCommand(Store &store, RecordCommandHooks hooks, qint64 patientId, QString before,
                                   QString after);
/// Archived (or restored, `archived` false).
QUndoCommand *archivePatientCommand(Store &store, RecordCommandHooks hooks, qint64 patientId, bool archived);
/// A note's text and date changed from `before` to `after` (same id).
QUndoCommand *editNoteCommand(Store &store, RecordCommandHooks hooks, PatientNote before, PatientNote after);
/// A note deleted; undo writes it again (as a new note of the same date and text).
QUndoCommand *deleteNoteCommand(Store &store, RecordCommandHooks hooks, PatientNote deleted);

} // namespace rehabit
