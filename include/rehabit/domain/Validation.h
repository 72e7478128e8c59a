#pragma once
// The checks of what is written to a store that are not about storage: a
// patient's name, a note, a proposal, an exercise of the therapist's own, a
// catalog's ids, a whole patient record. Pure functions; every Store backend
// calls them before it writes, so that all backends refuse the same input
// with the same words. (A program's checks are validateProgram() in Program.h.)
// An Error's message is the reason, its location the field ("body",
// "sessions[3].events[12].program_item_id"); the store puts its "what" in front.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/PatientRecord.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Proposal.h"
#include "rehabit/domain/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace rehabit {

/// A character that breaks a line or drives a terminal: C0 (line breaks,
/// tab, ESC, NUL), DEL, C1, and the line and paragraph separators U+2028/2029.
bool isControlCharacter(char32_t c);

/// True when the text shows nothing: empty, or only spaces, control
/// characters and invisible ones (U+200B zero-width space, U+2060 word
/// joiner, U+FEFF, soft hyphen, Hangul fillers, variation selectors ...).
bool isBlankText(const QString &text);

/// A name or another one-line text that is printed (a patient's, a
/// program's, an exercise's): refused when it shows nothing (isBlankText) or
/// holds a control character (isControlCharacter), which could forge a line or
/// move the cursor where it is printed. `emptyMessage` is the refusal of a
/// blank text ("a patient needs a name"); the location is empty.
Result<void> validOneLineText(const QString &text, const QString &emptyMessage);

/// The name trimmed; refused when it shows nothing or holds a control
/// character (validOneLineText; location "name").
Result<QString> validPatientName(const QString &name);

/// The note with its body trimmed; refused when the body is empty (location
/// "body") or the time is not valid ("writtenAt").
Result<PatientNote> validNote(const PatientNote &note);

/// A new proposal: a reason (trimmed, not empty) and a valid time.
Result<Proposal> validNewProposal(const Proposal &proposal);

/// Every id of the catalog used once (location "exercises[i].id").
Result<void> validateCatalogIds(const Catalog &catalog);

/// What validatePatientRecord() asks the store: the exercise of that id, if
/// the store has one.
using StoredExerciseLookup = std::function<Result<std::optional<Exercise>>(const QString &id)>;
/// The check of one custom exercise's fields, the catalog's rules
/// (CatalogJson::validCustomExercise): given by the caller, so that the
/// domain does not depend on the catalog's format.
using ExerciseEntryCheck = std::function<Result<Exercise>(const Exercise &exercise)>;

/// A whole patient record checked before anything of it is written: the
/// patient, notes, custom exercises (each by `checkEntry`; a bundled id, or
/// another custom exercise of the same id, is refused), programs and their item versions, sessions
/// and their logs, proposals, and every reference between them. Locations
/// are paths in the names of the patient JSON file (docs/exports.md).
/// Returns the record's custom exercises that the store does not have yet.
/// An error of the lookup is returned as it is.
Result<QList<Exercise>> validatePatientRecord(const PatientRecord &record, const StoredExerciseLookup &stored,
                                              const ExerciseEntryCheck &checkEntry);

/// Every UUID the record carries (patient, notes, programs, item versions,
/// sessions, proposals and their decisions), lower case, without the empty
/// ones: what a store compares with its own rows to tell a file imported
/// before.
QStringList recordUuids(const PatientRecord &record);

/// The item versions a record stands for: its own, or, when it has none, one
/// per current item from the program's creation (a record built in code).
QList<ProgramItemVersion> itemVersionsOf(const PatientRecord &record);

/// A path into a record in the names of the JSON file:
/// "programs[0].items[1].rx.daysPerWeek" -> "programs[0].items[1].prescription.days_per_week".
QString recordJsonPath(const QString &path);

} // namespace rehabit
