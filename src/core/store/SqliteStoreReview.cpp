// SqliteStore: what the therapist's review needs. Patients (search, rename,
// archive), their notes, one patient's whole history in a few indexed
// queries, and a whole patient record read. The bulk import of a whole
// patient record is in SqliteStoreRecord.cpp.

#include "SqliteStore.h"

#include "SqliteRows.h"
#include "SqliteStatements.h"

#include "rehabit/domain/Validation.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

Result<PatientSummary> summaryFromRow(const QSqlQuery &row)
{
    PatientSummary s;
    s.patient = patientFromRow(row).value();
    s.sessions = row.value(6).toInt();
    s.lastSessionAt = timeValue(row.value(7));
    s.flaggedSessions = row.value(8).toInt();
    s.pendingProposals = row.value(9).toInt();
    s.activeProgram = row.value(10).toInt() != 0;
    return s;
}

bool byName(const Patient &a, const Patient &b)
{
    const int c = a.name.compare(b.name, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a.id < b.id;
}

} // namespace

// --- patients ----------------------------------------------------------------

Result<QList<Patient>> SqliteStore::findPatients(const QString &text, bool includeArchived) const
{
    auto all = sql(tr("The patients could not be read"))
                   .all<Patient>(statement::SelectPatientsByName, {includeArchived ? 1 : 0}, patientFromRow);
    if (!all)
        return all;
    // SQLite's LIKE folds ASCII only; the filter runs here, on every letter.
    const QString needle = text.trimmed();
    QList<Patient> result;
    for (Patient &p : *all)
        if (needle.isEmpty() || p.name.contains(needle, Qt::CaseInsensitive))
            result.append(std::move(p));
    std::stable_sort(result.begin(), result.end(), byName);
    return result;
}

Result<QList<PatientSummary>> SqliteStore::patientSummaries(bool includeArchived) const
{
    auto result = sql(tr("The patients could not be read"))
                      .all<PatientSummary>(statement::SelectPatientSummaries, {kPainFlagAbove, includeArchived ? 1 : 0},
                                           summaryFromRow);
    if (!result)
        return result;
    std::stable_sort(result->begin(), result->end(),
                     [](const PatientSummary &a, const PatientSummary &b) { return byName(a.patient, b.patient); });
    return result;
}

Result<Patient> SqliteStore::renamePatient(qint64 patientId, const QString &newName)
{
    const QString what = tr("The patient %1 was not renamed").arg(patientId);
    if (m_file.readOnly())
        return refusal(what, tr("the database was opened read-only"));
    const auto name = validPatientName(newName);
    if (!name)
        return refusedInput(what, name.error());
    if (auto updated =
            updateOneRow(what, statement::KeepPatientRevision, statement::RenamePatient,
                         QVariantList{*name} + revisedNow(), patientId, tr("there is no patient %1").arg(patientId));
        !updated)
        return updated.error();
    return requirePatient(patientId, what);
}

Result<Patient> SqliteStore::setPatientArchived(qint64 patientId, bool archived)
{
    const QString what = archived ? tr("The patient %1 was not archived").arg(patientId)
                                  : tr("The patient %1 was not brought back from the archive").arg(patientId);
    if (auto updated = updateOneRow(what, statement::KeepPatientRevision, statement::ArchivePatient,
                                    QVariantList{archived ? 1 : 0} + revisedNow(), patientId,
                                    tr("there is no patient %1").arg(patientId));
        !updated)
        return updated.error();
    return requirePatient(patientId, what);
}

// --- notes ---------------------------------------------------------------------

Result<QList<PatientNote>> SqliteStore::notes(qint64 patientId) const
{
    return sql(tr("The notes could not be read")).all<PatientNote>(statement::SelectNotes, {patientId}, noteFromRow);
}

Result<PatientNote> SqliteStore::addNote(const PatientNote &note)
{
    const QString what = tr("The note was not saved");
    auto sql = sqlWriting(what);
    if (!sql)
        return sql.error();
    auto valid = validNote(note);
    if (!valid)
        return refusedInput(what, valid.error());
    if (auto p = requirePatient(note.patientId, what); !p)
        return p.error();
    PatientNote saved = *valid;
    saved.writtenAt = storedTime(note.writtenAt);
    return sql->write([&]() -> Result<PatientNote> {
        saved.uuid = newUuid();
        saved.revision = 1;
        const auto inserted =
            sql->exec(statement::InsertNote,
                      QVariantList{note.patientId, timeText(note.writtenAt), saved.body, saved.uuid} + revisedNow());
        if (!inserted)
            return inserted.error();
        saved.id = inserted->lastInsertId;
        return saved;
    });
}

Result<PatientNote> SqliteStore::updateNote(const PatientNote &note)
{
    const QString what = tr("The note %1 was not saved").arg(note.id);
    if (m_file.readOnly())
        return refusal(what, tr("the database was opened read-only"));
    auto valid = validNote(note);
    if (!valid) {
        Error e = valid.error();
        if (e.location == u"body"_s)
            e.message = tr("the note is empty (delete it instead)");
        return refusedInput(what, e);
    }
    if (auto updated = updateOneRow(what, statement::KeepNoteRevision, statement::UpdateNote,
                                    QVariantList{timeText(note.writtenAt), valid->body} + revisedNow(), note.id,
                                    tr("there is no note %1").arg(note.id));
        !updated)
        return updated.error();
    auto saved = sql(what).one<PatientNote>(statement::SelectNote, {note.id}, noteFromRow);
    if (!saved)
        return saved.error();
    if (!saved->has_value())
        return refusal(what, tr("there is no note %1").arg(note.id));
    return **saved;
}

Result<void> SqliteStore::deleteNote(qint64 noteId)
{
    const QString what = tr("The note %1 was not deleted").arg(noteId);
    // The note's last version goes into row_revision first: a deleted note's text stays in its history.
    return updateOneRow(what, statement::KeepNoteRevision, statement::DeleteNote, {}, noteId,
                        tr("there is no note %1").arg(noteId));
}

// --- history -------------------------------------------------------------------

Result<QList<SessionHistory>> SqliteStore::sessionHistories(qint64 patientId) const
{
    const SqlSession sql = this->sql(tr("The history of patient %1 could not be read").arg(patientId));
    const auto sessions = sql.all<SessionRecord>(statement::SelectSessions, {patientId}, sessionFromRow);
    if (!sessions)
        return sessions.error();
    QList<SessionHistory> result;
    QHash<qint64, qsizetype> indexOf;
    for (const SessionRecord &s : *sessions) {
        indexOf.insert(s.id, result.size());
        result.append(SessionHistory{s, {}});
    }
    const auto events = sql.all<SessionEvent>(statement::SelectPatientEvents, {patientId}, eventFromRow);
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
    return sql(tr("The pain ratings of patient %1 could not be read").arg(patientId))
        .all<SessionEvent>(statement::SelectPatientPainEvents, {patientId}, eventFromRow);
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
