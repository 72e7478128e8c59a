// SqliteStore::addPatientRecord: a whole patient (programs, item versions,
// sessions with their logs, proposals, notes, custom exercises) added as a new
// patient in one transaction, after the domain checked every part
// (validatePatientRecord). Used by the JSON import and the demo-data
// generator; the session and event statements are prepared once, so a year
// of daily sessions (about 10,000 events) is one quick commit.

#include "SqliteStore.h"

#include "SqliteRows.h"
#include "SqliteStatements.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/Validation.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

/// Writes one checked record inside the caller's transaction, mapping the
/// record's ids to the new rows' ids as it goes.
class RecordWriter {
public:
    /// part: the kit for one part of the record ("sessions"), its name in errors.
    /// keepUuids: the record's UUIDs are written (new ones where it has
    /// none); otherwise every row gets a new one. author: revised_by. Every
    /// row starts at revision 1: a copy starts its own history (the earlier
    /// revisions stay in the database they were made in).
    RecordWriter(std::function<SqlSession(const QString &part)> part, const PatientRecord &record, bool keepUuids,
                 QString author)
        : m_part(std::move(part))
        , m_record(record)
        , m_keepUuids(keepUuids)
        , m_author(std::move(author))
    {}

    qint64 patientId() const { return m_patientId; }

    Result<void> patientAndNotes()
    {
        const SqlSession sql = m_part(u"patient"_s);
        const Patient &p = m_record.patient;
        const auto patient =
            sql.exec(statement::InsertPatient, {p.name.trimmed(), timeText(p.createdAt), p.archived ? 1 : 0,
                                                uuid(p.uuid), 1, timeText(p.createdAt), m_author});
        if (!patient)
            return patient.error();
        m_patientId = patient->lastInsertId;
        const SqlSession notes = m_part(u"notes"_s);
        for (const PatientNote &n : m_record.notes)
            if (auto note = notes.exec(statement::InsertNote, {m_patientId, timeText(n.writtenAt), n.body.trimmed(),
                                                               uuid(n.uuid), timeText(n.writtenAt), m_author});
                !note)
                return note.error();
        return {};
    }

    Result<void> programs()
    {
        const SqlSession sql = m_part(u"programs"_s);
        for (const Program &p : m_record.programs) {
            const QVariant deactivatedAt =
                p.active ? QVariant() : QVariant(timeText(p.deactivatedAt.isValid() ? p.deactivatedAt : p.createdAt));
            const auto program =
                sql.exec(statement::InsertProgram,
                         {m_patientId, p.name.trimmed(), toCode(p.painRule), p.progressionSessions, p.active ? 1 : 0,
                          timeText(p.createdAt), deactivatedAt, uuid(p.uuid), 1, timeText(p.createdAt), m_author});
            if (!program)
                return program.error();
            m_programIds.insert(p.id, program->lastInsertId);
        }
        return {};
    }

    /// Items: current ones at their positions, removed ones aside; the newest
    /// version says which is which. Then every version.
    Result<void> items()
    {
        const QList<ProgramItemVersion> versions = itemVersionsOf(m_record);
        QHash<qint64, ProgramItemVersion> lastVersion;
        QList<qint64> itemOrder;
        for (const ProgramItemVersion &v : versions) {
            if (!lastVersion.contains(v.programItemId))
                itemOrder << v.programItemId;
            lastVersion.insert(v.programItemId, v);
        }
        QHash<qint64, int> currentPosition;
        for (const Program &p : m_record.programs)
            for (qsizetype j = 0; j < p.items.size(); ++j)
                currentPosition.insert(p.items.at(j).id, int(j));
        const SqlSession sql = m_part(u"program items"_s);
        for (const qint64 oldId : std::as_const(itemOrder)) {
            const ProgramItemVersion &v = lastVersion.value(oldId);
            const bool current = currentPosition.contains(oldId);
            const int position = current ? currentPosition.value(oldId) : 1000000 + int(m_itemIds.size());
            const QVariant removedAt = current ? QVariant() : QVariant(timeText(v.validFrom));
            const auto item =
                sql.exec(statement::InsertProgramItem,
                         programItemValues(m_programIds.value(v.programId), position, v.exerciseId, v.rx, removedAt));
            if (!item)
                return item.error();
            m_itemIds.insert(oldId, item->lastInsertId);
            if (!current)
                if (auto aside = sql.exec(statement::MoveProgramItemAside, {item->lastInsertId}); !aside)
                    return aside.error();
        }
        const SqlSession versionSql = m_part(u"item versions"_s);
        for (ProgramItemVersion v : versions) {
            v.programId = m_programIds.value(v.programId);
            v.programItemId = m_itemIds.value(v.programItemId);
            v.uuid = uuid(v.uuid);
            if (auto version = versionSql.exec(statement::InsertItemVersion, itemVersionValues(v)); !version)
                return version.error();
        }
        return {};
    }

    Result<void> sessions()
    {
        const SqlSession sessionSql = m_part(u"sessions"_s);
        const SqlSession eventSql = m_part(u"session events"_s);
        SqlStatement insertSession(sessionSql.connectionName(), statement::InsertSession);
        SqlStatement insertEvent(eventSql.connectionName(), statement::InsertEvent);
        for (const SessionHistory &s : m_record.sessions) {
            const SessionRecord &r = s.record;
            if (!insertSession.exec({m_patientId, m_programIds.value(r.programId), timeText(r.startedAt),
                                     timeOrNull(r.endedAt), toCode(r.status), r.flagged ? 1 : 0, uuid(r.uuid), 1,
                                     timeText(r.endedAt.isValid() ? r.endedAt : r.startedAt), m_author}))
                return sessionSql.failure(insertSession.lastError());
            const qint64 sessionId = insertSession.lastInsertId();
            m_sessionIds.insert(r.id, sessionId);
            for (SessionEvent e : s.events) {
                e.programItemId = e.programItemId != 0 ? m_itemIds.value(e.programItemId) : 0;
                if (!insertEvent.exec(QVariantList{sessionId, e.seq} + eventValues(e)))
                    return eventSql.failure(insertEvent.lastError());
            }
        }
        return {};
    }

    Result<void> proposals()
    {
        const SqlSession sql = m_part(u"proposals"_s);
        for (const Proposal &p : m_record.proposals) {
            const auto proposal = sql.exec(
                statement::InsertProposal,
                {m_itemIds.value(p.programItemId),
                 p.sessionId != 0 ? QVariant(m_sessionIds.value(p.sessionId)) : QVariant(), toCode(p.kind),
                 p.reason.trimmed(), timeText(p.createdAt), toCode(p.status), timeOrNull(p.decidedAt), uuid(p.uuid),
                 p.status == ProposalStatus::Pending ? QVariant() : QVariant(uuid(p.decisionUuid)), 1,
                 timeText(p.decidedAt.isValid() ? p.decidedAt : p.createdAt), m_author});
            if (!proposal)
                return proposal.error();
        }
        return {};
    }

private:
    QString uuid(const QString &recorded) const { return m_keepUuids ? uuidOrNew(recorded) : newUuid(); }

    std::function<SqlSession(const QString &part)> m_part;
    const PatientRecord &m_record;
    bool m_keepUuids = true;
    QString m_author;
    qint64 m_patientId = 0;
    QHash<qint64, qint64> m_programIds;
    QHash<qint64, qint64> m_itemIds;
    QHash<qint64, qint64> m_sessionIds;
};

} // namespace

Result<qint64> SqliteStore::addPatientRecord(const PatientRecord &record, RecordUuids uuids)
{
    const QString what = tr("The patient record was not added");
    auto sql = sqlWriting(what);
    if (!sql)
        return sql.error();

    // Everything is checked before the first write; an error of the lookup
    // is the database's, not the record's.
    std::optional<Error> lookupError;
    const StoredExerciseLookup stored = [&](const QString &id) -> Result<std::optional<Exercise>> {
        auto found = sql->one<Exercise>(statement::SelectExercise, {id}, exerciseFromRow);
        if (!found)
            lookupError = found.error();
        return found;
    };
    const auto newCustoms = validatePatientRecord(record, stored, &CatalogJson::validCustomExercise);
    if (lookupError)
        return *lookupError;
    if (!newCustoms)
        return refusedInput(what, newCustoms.error());

    return sql->write([&]() -> Result<qint64> {
        // A record already here (the same file imported twice) keeps its
        // UUIDs only as a copy with new ones, asked for explicitly.
        if (uuids == RecordUuids::Keep) {
            const auto holder = patientHoldingAny(recordUuids(record));
            if (!holder)
                return holder.error();
            if (holder->has_value())
                return refusedInput(
                    what, Error{tr("this database already has rows of this record (patient %1, %2, UUID %3): add it "
                                   "as a copy with new UUIDs instead")
                                    .arg(QString::number((*holder)->id), (*holder)->name, (*holder)->uuid),
                                QString()});
        }
        RecordWriter writer([&](const QString &part) { return this->sql(tr("%1 (%2)").arg(what, part)); }, record,
                            uuids == RecordUuids::Keep, m_author);
        if (auto written = writer.patientAndNotes(); !written)
            return written.error();
        // importCatalog's own transaction cannot nest: the rows are written here instead.
        if (auto added = insertCustomExercises(*sql, *newCustoms); !added)
            return added.error();
        for (auto part :
             {&RecordWriter::programs, &RecordWriter::items, &RecordWriter::sessions, &RecordWriter::proposals})
            if (auto written = (writer.*part)(); !written)
                return written.error();
        return writer.patientId();
    });
}

Result<std::optional<Patient>> SqliteStore::patientHoldingAny(const QStringList &uuids) const
{
    if (uuids.isEmpty())
        return std::optional<Patient>();
    QJsonArray list;
    for (const QString &uuid : uuids)
        list << uuid.toLower();
    const QString json = QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
    return sql(tr("The patients could not be read"))
        .one<Patient>(statement::SelectPatientHoldingAny, QVariantList(7, json), patientFromRow);
}

} // namespace rehabit
