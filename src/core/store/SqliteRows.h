#pragma once
// SqliteRows: the SQLite store's rows to and from the domain's values. How a
// time, an optional value or a code is written in a column, and one mapper per
// kind of row (its columns are those of the statements in SqliteStatements).
// A mapper's Error says why a row cannot be read. Private to the store.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/PatientRecord.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Proposal.h"
#include "rehabit/domain/Result.h"
#include "rehabit/domain/SessionLog.h"
#include "rehabit/store/Store.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <optional>

namespace rehabit::sqlite {

/// "bundled" or "custom", the exercise.origin column.
QString originCode(ExerciseOrigin origin);

/// A new global identity: a random UUID, text without braces.
QString newUuid();
/// The UUID given (braces or not, any case), as stored; a new one if it is not one.
QString uuidOrNew(const QString &uuid);

/// A time as stored: UTC, ISO 8601 with milliseconds.
QString timeText(const QDateTime &time);
QDateTime timeValue(const QVariant &value);
/// The same moment as the store gives it back (UTC, milliseconds).
QDateTime storedTime(const QDateTime &time);
/// A time, or NULL when it is not valid.
QVariant timeOrNull(const QDateTime &time);

/// A text for a NOT NULL column: Qt binds a null QString as NULL.
QVariant text(const QString &value);
QVariant idOrNull(qint64 id);
QVariant textOrNull(const QString &text);
template <typename T>
QVariant optionalValue(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}
template <typename E>
QVariant optionalCode(const std::optional<E> &value)
{
    return value ? QVariant(toCode(*value)) : QVariant();
}

// --- rows to values: columns as in SqliteStatements ---------------------------
/// id, origin, definition
Result<Exercise> exerciseFromRow(const QSqlQuery &row);
/// id, name, created_at, archived, uuid, revision
Result<Patient> patientFromRow(const QSqlQuery &row);
/// id, patient_id, written_at, body, uuid, revision
Result<PatientNote> noteFromRow(const QSqlQuery &row);
/// id, patient_id, name, pain_rule, progression_sessions, active, created_at, deactivated_at, uuid, revision
Result<Program> programFromRow(const QSqlQuery &row);
/// id, position, exercise_id, sets ... days_per_week (the program_item columns)
Result<ProgramItem> programItemFromRow(const QSqlQuery &row);
/// program_id, program_item_id, valid_from, removed, position, exercise_id, sets ... days_per_week, uuid
Result<ProgramItemVersion> itemVersionFromRow(const QSqlQuery &row);
/// id, patient_id, program_id, started_at, ended_at, status, flagged, uuid, revision
Result<SessionRecord> sessionFromRow(const QSqlQuery &row);
/// id, program_item_id, session_id, kind, reason, created_at, status, decided_at, uuid, decision_uuid, revision
Result<Proposal> proposalFromRow(const QSqlQuery &row);
/// id, session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index,
/// rep_index, side, hold_ms, pain, pain_context, detail
Result<SessionEvent> eventFromRow(const QSqlQuery &row);
/// The prescription columns sets ... days_per_week from `first` on;
/// empty if the sides code is unknown.
std::optional<Prescription> prescriptionFromRow(const QSqlQuery &row, int first);
/// row_uuid, kind, revision, revised_at, revised_by, content
Result<RowRevision> revisionFromRow(const QSqlQuery &row);
/// The first column as an integer (counts, ids).
Result<qint64> integerFromRow(const QSqlQuery &row);

// --- values to bound values ------------------------------------------------------
/// The column values of an exercise row from name to updated_at, in the
/// order of InsertExercise and UpdateExercise.
QVariantList exerciseValues(const Exercise &e, int sortOrder, const QString &now);
/// The bound values of an event row after session_id and seq (at_ms ... detail).
QVariantList eventValues(const SessionEvent &event);
/// The prescription columns sets ... days_per_week, in table order.
QVariantList prescriptionValues(const Prescription &rx);
/// The values of InsertProgramItem (with a new UUID).
QVariantList programItemValues(qint64 programId, int position, const QString &exerciseId, const Prescription &rx,
                               const QVariant &removedAt = {});
/// The values of InsertItemVersion (its UUID, or a new one).
QVariantList itemVersionValues(const ProgramItemVersion &version);

} // namespace rehabit::sqlite
