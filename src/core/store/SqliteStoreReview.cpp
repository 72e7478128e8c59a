// SqliteStore: what the therapist's review needs. Patients (search, rename,
// archive), their notes, program edits that keep the history's references,
// custom exercises, one patient's whole history in a few indexed queries.
// The bulk import of a whole patient record is in SqliteStoreRecord.cpp.

#include "SqliteStore.h"

#include "SqliteSupport.h"
#include "SqliteTransaction.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

// --- patients and notes --------------------------------------------------------
const QString SelectPatientsByNameSql =
    u"SELECT id, name, created_at, archived FROM patient WHERE archived = 0 OR ? = 1 ORDER BY name, id"_s;
const QString SelectPatientSummariesSql =
    u"SELECT p.id, p.name, p.created_at, p.archived, "
    u"(SELECT count(*) FROM session s WHERE s.patient_id = p.id), "
    u"(SELECT max(s.started_at) FROM session s WHERE s.patient_id = p.id), "
    u"(SELECT count(*) FROM session s WHERE s.patient_id = p.id AND s.flagged = 1), "
    u"(SELECT count(*) FROM program g JOIN program_item i ON i.program_id = g.id "
    u"  JOIN proposal q ON q.program_item_id = i.id WHERE g.patient_id = p.id AND q.status = 'pending'), "
    u"EXISTS (SELECT 1 FROM program g WHERE g.patient_id = p.id AND g.active = 1) "
    u"FROM patient p WHERE p.archived = 0 OR ? = 1 ORDER BY p.name, p.id"_s;
const QString SelectPatientSql = u"SELECT id, name, created_at, archived FROM patient WHERE id = ?"_s;
const QString RenamePatientSql = u"UPDATE patient SET name = ? WHERE id = ?"_s;
const QString ArchivePatientSql = u"UPDATE patient SET archived = ? WHERE id = ?"_s;
const QString SelectNotesSql =
    u"SELECT id, patient_id, written_at, body FROM patient_note WHERE patient_id = ? ORDER BY written_at, id"_s;
const QString SelectNoteSql = u"SELECT id, patient_id, written_at, body FROM patient_note WHERE id = ?"_s;
const QString InsertNoteSql = u"INSERT INTO patient_note (patient_id, written_at, body) VALUES (?, ?, ?)"_s;
const QString UpdateNoteSql = u"UPDATE patient_note SET written_at = ?, body = ? WHERE id = ?"_s;
const QString DeleteNoteSql = u"DELETE FROM patient_note WHERE id = ?"_s;

// --- programs ------------------------------------------------------------------
const QString SelectProgramRowSql =
    u"SELECT patient_id, created_at, active, deactivated_at FROM program WHERE id = ?"_s;
const QString SessionsInProgressSql = u"SELECT count(*) FROM session WHERE program_id = ? AND status = 'in-progress'"_s;
const QString SelectItemRowsSql =
    u"SELECT id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, follow_up_seconds, "
    u"rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, position_seconds, sides, load, "
    u"tempo, days_per_week, removed_at FROM program_item WHERE program_id = ?"_s;
const QString ItemProgramSql = u"SELECT program_id FROM program_item WHERE id = ?"_s;
const QString ExerciseExistsSql = u"SELECT origin FROM exercise WHERE id = ?"_s;
const QString PendingProposalsOfItemSql =
    u"SELECT count(*) FROM proposal WHERE program_item_id = ? AND status = 'pending'"_s;
const QString MoveItemsAsideSql =
    u"UPDATE program_item SET position = 1000000 + id WHERE program_id = ? AND removed_at IS NULL"_s;
const QString UpdateItemSql =
    u"UPDATE program_item SET position = ?, exercise_id = ?, sets = ?, reps = ?, hold_seconds = ?, "
    u"duration_seconds = ?, follow_up_seconds = ?, rest_between_reps_seconds = ?, rest_between_sets_seconds = ?, "
    u"rest_after_seconds = ?, position_seconds = ?, sides = ?, load = ?, tempo = ?, days_per_week = ?, "
    u"removed_at = NULL WHERE id = ?"_s;
const QString InsertItemSql =
    u"INSERT INTO program_item (program_id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, "
    u"follow_up_seconds, rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, "
    u"position_seconds, sides, load, tempo, days_per_week) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString RemoveItemSql = u"UPDATE program_item SET removed_at = ?, position = 1000000 + id WHERE id = ?"_s;
const QString UpdateProgramSql =
    u"UPDATE program SET name = ?, pain_rule = ?, progression_sessions = ?, active = ?, deactivated_at = ? WHERE id = ?"_s;
const QString SetProgramActiveSql = u"UPDATE program SET active = ?, deactivated_at = ? WHERE id = ?"_s;
const QString SelectItemVersionsSql =
    u"SELECT i.program_id, v.program_item_id, v.valid_from, v.removed, v.position, v.exercise_id, v.sets, v.reps, "
    u"v.hold_seconds, v.duration_seconds, v.follow_up_seconds, v.rest_between_reps_seconds, "
    u"v.rest_between_sets_seconds, v.rest_after_seconds, v.position_seconds, v.sides, v.load, v.tempo, "
    u"v.days_per_week FROM program_item i JOIN program_item_version v ON v.program_item_id = i.id "
    u"WHERE i.program_id = ? ORDER BY v.program_item_id, v.valid_from, v.id"_s;

// --- history -------------------------------------------------------------------
const QString SelectSessionsSql =
    u"SELECT id, patient_id, program_id, started_at, ended_at, status, flagged FROM session "
    u"WHERE patient_id = ? ORDER BY started_at, id"_s;
const QString SelectPatientEventsSql =
    u"SELECT e.id, e.session_id, e.seq, e.at_ms, e.kind, e.program_item_id, e.exercise_id, e.set_index, "
    u"e.rep_index, e.side, e.hold_ms, e.pain, e.pain_context, e.detail "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? "
    u"ORDER BY s.started_at, s.id, e.seq"_s;
// session_by_patient, then the partial index session_event_pain_by_session.
const QString SelectPatientPainEventsSql =
    u"SELECT e.id, e.session_id, e.seq, e.at_ms, e.kind, e.program_item_id, e.exercise_id, e.set_index, "
    u"e.rep_index, e.side, e.hold_ms, e.pain, e.pain_context, e.detail "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? AND e.pain IS NOT NULL "
    u"ORDER BY e.at_ms, e.session_id, e.seq"_s;

PatientNote noteFromRow(const QSqlQuery &row)
{
    PatientNote n;
    n.id = row.value(0).toLongLong();
    n.patientId = row.value(1).toLongLong();
    n.writtenAt = timeValue(row.value(2));
    n.body = row.value(3).toString();
    return n;
}

/// The same moment as the store gives it back (UTC, milliseconds).
QDateTime stored(const QDateTime &time)
{
    return timeValue(timeText(time));
}

} // namespace

// --- custom exercises ------------------------------------------------------------

Result<Exercise> SqliteStore::saveCustomExercise(const Exercise &exercise)
{
    const QString what = tr("The exercise was not saved");
    if (auto ok = writable(what); !ok)
        return ok.error();
    // The same checks as an entry of a catalog file, with the same paths.
    auto checked = CatalogJson::parseExercise(CatalogJson::toJson(exercise));
    if (!checked)
        return Error{tr("%1: %2").arg(what, checked.error().message), checked.error().location};
    Catalog one;
    one.exercises << *checked;
    auto imported = importCatalog(one, ExerciseOrigin::Custom);
    if (!imported) {
        Error e = imported.error();
        if (e.location == u"exercises[0].id"_s)
            e.location = u"id"_s;
        return e;
    }
    auto saved = this->exercise(exercise.id);
    if (!saved)
        return saved.error();
    if (!saved->has_value())
        return failure(what, tr("the exercise %1 is missing after saving it").arg(exercise.id));
    return **saved;
}

// --- patients ----------------------------------------------------------------

Result<QList<Patient>> SqliteStore::findPatients(const QString &text, bool includeArchived) const
{
    const QString what = tr("The patients could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectPatientsByNameSql, {includeArchived ? 1 : 0}))
        return failure(what, query.lastError());
    // SQLite's LIKE folds ASCII only; the filter runs here, on every letter.
    const QString needle = text.trimmed();
    QList<Patient> result;
    while (query.next()) {
        Patient p = patientFromRow(query);
        if (needle.isEmpty() || p.name.contains(needle, Qt::CaseInsensitive))
            result.append(std::move(p));
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    std::stable_sort(result.begin(), result.end(), [](const Patient &a, const Patient &b) {
        const int c = a.name.compare(b.name, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a.id < b.id;
    });
    return result;
}

Result<QList<PatientSummary>> SqliteStore::patientSummaries(bool includeArchived) const
{
    const QString what = tr("The patients could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectPatientSummariesSql, {includeArchived ? 1 : 0}))
        return failure(what, query.lastError());
    QList<PatientSummary> result;
    while (query.next()) {
        PatientSummary s;
        s.patient = patientFromRow(query);
        s.sessions = query.value(4).toInt();
        s.lastSessionAt = timeValue(query.value(5));
        s.flaggedSessions = query.value(6).toInt();
        s.pendingProposals = query.value(7).toInt();
        s.activeProgram = query.value(8).toInt() != 0;
        result.append(s);
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    std::stable_sort(result.begin(), result.end(), [](const PatientSummary &a, const PatientSummary &b) {
        const int c = a.patient.name.compare(b.patient.name, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a.patient.id < b.patient.id;
    });
    return result;
}

Result<Patient> SqliteStore::requirePatient(qint64 id, const QString &what) const
{
    auto found = patient(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return failure(what, tr("there is no patient %1").arg(id));
    return **found;
}

Result<void> SqliteStore::updateOneRow(const QString &what, const QString &sql, const QVariantList &values,
                                       const QString &missing)
{
    if (auto ok = writable(what); !ok)
        return ok.error();
    const auto name = connectionName();
    if (!name)
        return name.error();
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, sql, values))
            return failure(what, query.lastError());
        if (query.numRowsAffected() != 1)
            return failure(what, missing);
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return {};
}

Result<Patient> SqliteStore::renamePatient(qint64 patientId, const QString &newName)
{
    const QString what = tr("The patient %1 was not renamed").arg(patientId);
    if (auto ok = writable(what); !ok)
        return ok.error();
    const QString trimmed = newName.trimmed();
    if (trimmed.isEmpty())
        return Error{tr("%1: a patient needs a name").arg(what), u"name"_s};
    if (auto updated =
            updateOneRow(what, RenamePatientSql, {trimmed, patientId}, tr("there is no patient %1").arg(patientId));
        !updated)
        return updated.error();
    return requirePatient(patientId, what);
}

Result<Patient> SqliteStore::setPatientArchived(qint64 patientId, bool archived)
{
    const QString what = archived ? tr("The patient %1 was not archived").arg(patientId)
                                  : tr("The patient %1 was not brought back from the archive").arg(patientId);
    if (auto updated = updateOneRow(what, ArchivePatientSql, {archived ? 1 : 0, patientId},
                                    tr("there is no patient %1").arg(patientId));
        !updated)
        return updated.error();
    return requirePatient(patientId, what);
}

// --- notes ---------------------------------------------------------------------

Result<QList<PatientNote>> SqliteStore::notes(qint64 patientId) const
{
    const QString what = tr("The notes could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectNotesSql, {patientId}))
        return failure(what, query.lastError());
    QList<PatientNote> result;
    while (query.next())
        result.append(noteFromRow(query));
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    return result;
}

Result<std::optional<PatientNote>> SqliteStore::noteById(qint64 id) const
{
    const QString what = tr("The note %1 could not be read").arg(id);
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectNoteSql, {id}))
        return failure(what, query.lastError());
    if (query.next())
        return std::optional<PatientNote>(noteFromRow(query));
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    return std::optional<PatientNote>();
}

Result<PatientNote> SqliteStore::addNote(const PatientNote &note)
{
    const QString what = tr("The note was not saved");
    if (auto ok = writable(what); !ok)
        return ok.error();
    const QString body = note.body.trimmed();
    if (body.isEmpty())
        return Error{tr("%1: the note is empty").arg(what), u"body"_s};
    if (!note.writtenAt.isValid())
        return Error{tr("%1: the date is not valid").arg(what), u"writtenAt"_s};
    if (auto p = requirePatient(note.patientId, what); !p)
        return p.error();
    const auto name = connectionName();
    if (!name)
        return name.error();
    PatientNote saved = note;
    saved.body = body;
    saved.writtenAt = stored(note.writtenAt);
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, InsertNoteSql, {note.patientId, timeText(note.writtenAt), body}))
            return failure(what, query.lastError());
        saved.id = query.lastInsertId().toLongLong();
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return saved;
}

Result<PatientNote> SqliteStore::updateNote(const PatientNote &note)
{
    const QString what = tr("The note %1 was not saved").arg(note.id);
    if (auto ok = writable(what); !ok)
        return ok.error();
    const QString body = note.body.trimmed();
    if (body.isEmpty())
        return Error{tr("%1: the note is empty (delete it instead)").arg(what), u"body"_s};
    if (!note.writtenAt.isValid())
        return Error{tr("%1: the date is not valid").arg(what), u"writtenAt"_s};
    if (auto updated = updateOneRow(what, UpdateNoteSql, {timeText(note.writtenAt), body, note.id},
                                    tr("there is no note %1").arg(note.id));
        !updated)
        return updated.error();
    auto saved = noteById(note.id);
    if (!saved)
        return saved.error();
    if (!saved->has_value())
        return failure(what, tr("there is no note %1").arg(note.id));
    return **saved;
}

Result<void> SqliteStore::deleteNote(qint64 noteId)
{
    const QString what = tr("The note %1 was not deleted").arg(noteId);
    return updateOneRow(what, DeleteNoteSql, {noteId}, tr("there is no note %1").arg(noteId));
}

// --- programs ------------------------------------------------------------------

namespace {

struct StoredItem {
    int position = 0;
    QString exerciseId;
    Prescription rx;
    bool removed = false;
};

} // namespace

Result<Program> SqliteStore::updateProgram(const Program &program, const QDateTime &at)
{
    const QString what = tr("The program %1 was not saved").arg(program.id);
    if (auto ok = writable(what); !ok)
        return ok.error();
    if (!at.isValid())
        return failure(what, tr("the time is not valid"));
    Program checked = program;
    checked.createdAt = at; // validateProgram wants a valid time; the stored creation time stays
    if (auto valid = validateProgram(checked); !valid)
        return Error{tr("%1: %2").arg(what, valid.error().message), valid.error().location};
    const auto name = connectionName();
    if (!name)
        return name.error();

    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, SelectProgramRowSql, {program.id}))
            return failure(what, query.lastError());
        if (!query.next())
            return failure(what, tr("there is no program %1").arg(program.id));
        const bool wasActive = query.value(2).toInt() != 0;
        const QVariant wasDeactivatedAt = query.value(3);
        query.finish();

        if (!run(query, SessionsInProgressSql, {program.id}) || !query.next())
            return failure(what, query.lastError());
        if (query.value(0).toInt() > 0)
            return failure(what, tr("a session of this program is in progress; finish it or close it first, so that "
                                    "its log keeps matching what was prescribed"));

        QHash<qint64, StoredItem> items;
        if (!run(query, SelectItemRowsSql, {program.id}))
            return failure(what, query.lastError());
        while (query.next()) {
            StoredItem item;
            item.position = query.value(1).toInt();
            item.exerciseId = query.value(2).toString();
            const auto rx = prescriptionFromRow(query, 3);
            if (!rx)
                return failure(what, tr("unknown sides %1").arg(query.value(12).toString()));
            item.rx = *rx;
            item.removed = !query.value(16).isNull();
            items.insert(query.value(0).toLongLong(), item);
        }
        if (query.lastError().isValid())
            return failure(what, query.lastError());

        // Everything is checked before the first write.
        QSet<qint64> kept;
        for (qsizetype i = 0; i < program.items.size(); ++i) {
            const ProgramItem &item = program.items.at(i);
            if (item.id != 0 && !items.contains(item.id)) {
                if (!run(query, ItemProgramSql, {item.id}))
                    return failure(what, query.lastError());
                const QString reason = query.next() ? tr("item %1 belongs to program %2, not to this one")
                                                          .arg(QString::number(item.id), query.value(0).toString())
                                                    : tr("there is no program item %1").arg(item.id);
                return Error{tr("%1: %2").arg(what, reason), u"items[%1].id"_s.arg(i)};
            }
            kept.insert(item.id);
            if (!run(query, ExerciseExistsSql, {item.exerciseId}))
                return failure(what, query.lastError());
            if (!query.next())
                return Error{tr("%1: there is no exercise %2").arg(what, item.exerciseId),
                             u"items[%1].exerciseId"_s.arg(i)};
        }
        QList<qint64> removed;
        for (auto it = items.cbegin(); it != items.cend(); ++it) {
            if (it->removed || kept.contains(it.key()))
                continue;
            if (!run(query, PendingProposalsOfItemSql, {it.key()}) || !query.next())
                return failure(what, query.lastError());
            if (query.value(0).toInt() > 0)
                return Error{tr("%1: %2 (item %3) has a pending proposal; accept or decline it before taking the "
                                "exercise out of the program")
                                 .arg(what, it->exerciseId, QString::number(it.key())),
                             u"items"_s};
            removed << it.key();
        }
        std::sort(removed.begin(), removed.end());

        // Positions are unique: the live items step aside first.
        if (!run(query, MoveItemsAsideSql, {program.id}))
            return failure(what, query.lastError());
        for (qsizetype i = 0; i < program.items.size(); ++i) {
            const ProgramItem &item = program.items.at(i);
            const int position = int(i);
            qint64 id = item.id;
            bool changed = true;
            if (id != 0) {
                const StoredItem &old = items.value(id);
                changed =
                    old.removed || old.position != position || old.exerciseId != item.exerciseId || old.rx != item.rx;
                if (!run(query, UpdateItemSql,
                         QVariantList{position, item.exerciseId} + prescriptionValues(item.rx) + QVariantList{id}))
                    return failure(tr("%1 (item %2, %3)").arg(what, QString::number(i + 1), item.exerciseId),
                                   query.lastError());
            } else {
                if (!run(query, InsertItemSql,
                         QVariantList{program.id, position, item.exerciseId} + prescriptionValues(item.rx)))
                    return failure(tr("%1 (item %2, %3)").arg(what, QString::number(i + 1), item.exerciseId),
                                   query.lastError());
                id = query.lastInsertId().toLongLong();
            }
            if (changed
                && !insertItemVersion(
                    query, ProgramItemVersion{program.id, id, at, false, position, item.exerciseId, item.rx}))
                return failure(what, query.lastError());
        }
        for (const qint64 id : std::as_const(removed)) {
            const StoredItem &old = items.value(id);
            if (!run(query, RemoveItemSql, {timeText(at), id}))
                return failure(what, query.lastError());
            if (!insertItemVersion(query,
                                   ProgramItemVersion{program.id, id, at, true, old.position, old.exerciseId, old.rx}))
                return failure(what, query.lastError());
        }
        QVariant deactivatedAt;
        if (!program.active)
            deactivatedAt = wasActive ? QVariant(timeText(at)) : wasDeactivatedAt;
        if (!run(query, UpdateProgramSql,
                 {program.name.trimmed(), toCode(program.painRule), program.progressionSessions, program.active ? 1 : 0,
                  deactivatedAt, program.id}))
            return failure(what, query.lastError());
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    auto saved = this->program(program.id);
    if (!saved)
        return saved.error();
    if (!saved->has_value())
        return failure(what, tr("there is no program %1").arg(program.id));
    return **saved;
}

Result<Program> SqliteStore::setProgramActive(qint64 programId, bool active, const QDateTime &at)
{
    const QString what = active ? tr("The program %1 was not restarted").arg(programId)
                                : tr("The program %1 was not stopped").arg(programId);
    if (auto ok = writable(what); !ok)
        return ok.error();
    if (!at.isValid())
        return failure(what, tr("the time is not valid"));
    const auto name = connectionName();
    if (!name)
        return name.error();
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, SelectProgramRowSql, {programId}))
            return failure(what, query.lastError());
        if (!query.next())
            return failure(what, tr("there is no program %1").arg(programId));
        const bool wasActive = query.value(2).toInt() != 0;
        query.finish();
        if (wasActive != active) {
            if (!run(query, SetProgramActiveSql,
                     {active ? 1 : 0, active ? QVariant() : QVariant(timeText(at)), programId}))
                return failure(what, query.lastError());
        }
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    auto saved = program(programId);
    if (!saved)
        return saved.error();
    if (!saved->has_value())
        return failure(what, tr("there is no program %1").arg(programId));
    return **saved;
}

Result<QList<ProgramItemVersion>> SqliteStore::programItemVersions(qint64 programId) const
{
    const QString what = tr("The program %1 could not be read").arg(programId);
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectItemVersionsSql, {programId}))
        return failure(what, query.lastError());
    QList<ProgramItemVersion> result;
    while (query.next()) {
        ProgramItemVersion v;
        v.programId = query.value(0).toLongLong();
        v.programItemId = query.value(1).toLongLong();
        v.validFrom = timeValue(query.value(2));
        v.removed = query.value(3).toInt() != 0;
        v.position = query.value(4).toInt();
        v.exerciseId = query.value(5).toString();
        const auto rx = prescriptionFromRow(query, 6);
        if (!rx)
            return failure(what, tr("unknown sides %1").arg(query.value(15).toString()));
        v.rx = *rx;
        result.append(v);
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    return result;
}

// --- history -------------------------------------------------------------------

Result<QList<SessionHistory>> SqliteStore::sessionHistories(qint64 patientId) const
{
    const QString what = tr("The history of patient %1 could not be read").arg(patientId);
    const auto name = connectionName();
    if (!name)
        return name.error();
    QList<SessionHistory> result;
    QHash<qint64, qsizetype> indexOf;
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectSessionsSql, {patientId}))
        return failure(what, query.lastError());
    while (query.next()) {
        const auto s = sessionFromRow(query);
        if (!s)
            return failure(what, tr("unknown status %1").arg(query.value(5).toString()));
        indexOf.insert(s->id, result.size());
        result.append(SessionHistory{*s, {}});
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    query.finish();
    const auto events = readEvents(what, SelectPatientEventsSql, {patientId});
    if (!events)
        return events.error();
    for (const SessionEvent &e : *events) {
        const auto found = indexOf.constFind(e.sessionId);
        if (found != indexOf.cend())
            result[*found].events.append(e);
    }
    return result;
}

Result<QList<SessionEvent>> SqliteStore::painEvents(qint64 patientId) const
{
    return readEvents(tr("The pain ratings of patient %1 could not be read").arg(patientId), SelectPatientPainEventsSql,
                      {patientId});
}

Result<std::optional<PatientRecord>> SqliteStore::patientRecord(qint64 patientId) const
{
    auto found = patient(patientId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return std::optional<PatientRecord>();
    PatientRecord record;
    record.patient = **found;
    auto notes = this->notes(patientId);
    if (!notes)
        return notes.error();
    record.notes = std::move(notes).value();
    auto programs = this->programs(patientId);
    if (!programs)
        return programs.error();
    record.programs = std::move(programs).value();
    QSet<QString> exerciseIds;
    for (const Program &p : std::as_const(record.programs)) {
        auto versions = programItemVersions(p.id);
        if (!versions)
            return versions.error();
        for (const ProgramItemVersion &v : *versions)
            exerciseIds.insert(v.exerciseId);
        record.itemVersions += *versions;
    }
    auto sessions = sessionHistories(patientId);
    if (!sessions)
        return sessions.error();
    record.sessions = std::move(sessions).value();
    for (const SessionHistory &s : std::as_const(record.sessions))
        for (const SessionEvent &e : s.events)
            if (!e.exerciseId.isEmpty())
                exerciseIds.insert(e.exerciseId);
    auto proposals = this->proposals(patientId, std::nullopt);
    if (!proposals)
        return proposals.error();
    record.proposals = std::move(proposals).value();
    QStringList ids(exerciseIds.cbegin(), exerciseIds.cend());
    ids.sort();
    for (const QString &id : std::as_const(ids)) {
        auto e = exercise(id);
        if (!e)
            return e.error();
        if (e->has_value() && (*e)->origin == ExerciseOrigin::Custom)
            record.customExercises << **e;
    }
    return std::optional<PatientRecord>(std::move(record));
}

} // namespace rehabit
