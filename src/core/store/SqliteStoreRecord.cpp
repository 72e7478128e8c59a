// SqliteStore::addPatientRecord: a whole patient (programs, item versions,
// sessions with their logs, proposals, notes, custom exercises) added as a new
// patient in one transaction, after every part was checked. Used by the JSON
// import and the demo-data generator; prepared statements are reused, so a
// year of daily sessions (about 10,000 events) is one quick commit.

#include "SqliteStore.h"

#include "SqliteSupport.h"
#include "SqliteTransaction.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/engine/PainRule.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

const QString InsertPatientSql = u"INSERT INTO patient (name, created_at, archived) VALUES (?, ?, ?)"_s;
const QString InsertNoteSql = u"INSERT INTO patient_note (patient_id, written_at, body) VALUES (?, ?, ?)"_s;
const QString InsertProgramSql =
    u"INSERT INTO program (patient_id, name, pain_rule, progression_sessions, active, created_at, deactivated_at) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s;
const QString InsertItemSql =
    u"INSERT INTO program_item (program_id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, "
    u"follow_up_seconds, rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, "
    u"position_seconds, sides, load, tempo, days_per_week, removed_at) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString MoveRemovedItemSql = u"UPDATE program_item SET position = 1000000 + id WHERE id = ?"_s;
const QString InsertSessionSql =
    u"INSERT INTO session (patient_id, program_id, started_at, ended_at, status, flagged) VALUES (?, ?, ?, ?, ?, ?)"_s;
const QString InsertEventSql =
    u"INSERT INTO session_event (session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, rep_index, "
    u"side, hold_ms, pain, pain_context, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString InsertProposalSql =
    u"INSERT INTO proposal (program_item_id, session_id, kind, reason, created_at, status, decided_at) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectExerciseSql = u"SELECT id, origin, definition FROM exercise WHERE id = ?"_s;

/// A statement prepared once and run many times with new values.
class Prepared {
public:
    Prepared(const QString &connection, const QString &sql)
        : m_query(newQuery(connection))
    {
        m_ok = m_query.prepare(sql);
    }
    bool exec(const QVariantList &values)
    {
        if (!m_ok)
            return false;
        for (qsizetype i = 0; i < values.size(); ++i)
            m_query.bindValue(int(i), values.at(i));
        return m_query.exec();
    }
    qint64 lastId() const { return m_query.lastInsertId().toLongLong(); }
    QSqlError lastError() const { return m_query.lastError(); }

private:
    QSqlQuery m_query;
    bool m_ok = false;
};

/// The item versions to write: the record's own, or, when it has none, one
/// per current item from the program's creation (a record built in code).
QList<ProgramItemVersion> versionsOf(const PatientRecord &record)
{
    if (!record.itemVersions.isEmpty())
        return record.itemVersions;
    QList<ProgramItemVersion> versions;
    for (const Program &p : record.programs)
        for (qsizetype i = 0; i < p.items.size(); ++i) {
            const ProgramItem &item = p.items.at(i);
            versions << ProgramItemVersion{p.id, item.id, p.createdAt, false, int(i), item.exerciseId, item.rx};
        }
    return versions;
}

Error at(const QString &path, const QString &message)
{
    return Error{message, path};
}

/// A path into the record in the names of the JSON file (docs/exports.md):
/// "programs[0].items[1].rx.daysPerWeek" -> "programs[0].items[1].prescription.days_per_week".
QString jsonPath(const QString &path)
{
    QStringList parts = path.split(u'.');
    for (QString &part : parts) {
        const qsizetype bracket = part.indexOf(u'[');
        QString name = bracket < 0 ? part : part.left(bracket);
        const QString rest = bracket < 0 ? QString() : part.mid(bracket);
        if (name == u"rx"_s) {
            name = u"prescription"_s;
        } else {
            QString snake;
            for (const QChar c : std::as_const(name)) {
                if (c.isUpper()) {
                    snake += u'_';
                    snake += c.toLower();
                } else {
                    snake += c;
                }
            }
            name = snake;
        }
        part = name + rest;
    }
    return parts.join(u'.');
}

} // namespace

Result<qint64> SqliteStore::addPatientRecord(const PatientRecord &record)
{
    const QString what = tr("The patient record was not added");
    if (auto ok = writable(what); !ok)
        return ok.error();
    const auto name = connectionName();
    if (!name)
        return name.error();
    const auto refused = [&](const Error &e) { return Error{tr("%1: %2").arg(what, e.message), jsonPath(e.location)}; };

    // --- everything is checked before the first write -----------------------------
    if (record.patient.name.trimmed().isEmpty())
        return refused(at(u"patient.name"_s, tr("a patient needs a name")));
    if (!record.patient.createdAt.isValid())
        return refused(at(u"patient.createdAt"_s, tr("the time is not valid")));
    for (qsizetype i = 0; i < record.notes.size(); ++i) {
        if (record.notes.at(i).body.trimmed().isEmpty())
            return refused(at(u"notes[%1].body"_s.arg(i), tr("the note is empty")));
        if (!record.notes.at(i).writtenAt.isValid())
            return refused(at(u"notes[%1].writtenAt"_s.arg(i), tr("the time is not valid")));
    }

    // Exercises: the record's custom ones, else the store's.
    QHash<QString, Exercise> customs;
    QSet<QString> known;
    {
        QSqlQuery query = newQuery(*name);
        for (qsizetype i = 0; i < record.customExercises.size(); ++i) {
            const QString path = u"customExercises[%1]"_s.arg(i);
            const Exercise &e = record.customExercises.at(i);
            auto checked = CatalogJson::parseExercise(CatalogJson::toJson(e));
            if (!checked)
                return refused(at(checked.error().location.isEmpty() ? path : path + u'.' + checked.error().location,
                                  checked.error().message));
            if (customs.contains(e.id))
                return refused(at(path + u".id"_s, tr("the exercise %1 is listed twice").arg(e.id)));
            if (!run(query, SelectExerciseSql, {e.id}))
                return failure(what, query.lastError());
            if (query.next()) {
                auto storedExercise = exerciseFromRow(query, 0);
                if (!storedExercise)
                    return failure(what, storedExercise.error().message);
                if (storedExercise->origin == ExerciseOrigin::Bundled)
                    return refused(at(path + u".id"_s, tr("%1 is the id of an exercise bundled with Rehabit; a custom "
                                                          "exercise needs another id")
                                                           .arg(e.id)));
                Exercise mine = *checked;
                mine.origin = ExerciseOrigin::Custom;
                if (!(*storedExercise == mine))
                    return refused(at(path, tr("this database already has a different custom exercise %1; rename one "
                                               "of them first")
                                                .arg(e.id)));
                known.insert(e.id); // the same exercise is already here
            }
            customs.insert(e.id, *checked);
        }
        const auto requireExercise = [&](const QString &id, const QString &path) -> std::optional<Error> {
            if (customs.contains(id) || known.contains(id))
                return std::nullopt;
            if (!run(query, SelectExerciseSql, {id}))
                return failure(what, query.lastError());
            if (!query.next())
                return refused(at(path, tr("there is no exercise %1 in this database or in the record").arg(id)));
            known.insert(id);
            return std::nullopt;
        };

        // Programs, their items and the items' versions.
        QSet<qint64> programIds;
        QHash<qint64, qint64> programOfItem;
        for (qsizetype i = 0; i < record.programs.size(); ++i) {
            const Program &p = record.programs.at(i);
            const QString path = u"programs[%1]"_s.arg(i);
            if (p.id <= 0 || programIds.contains(p.id))
                return refused(at(path + u".id"_s, tr("every program needs its own id above 0")));
            programIds.insert(p.id);
            if (auto valid = validateProgram(p); !valid)
                return refused(at(path + u'.' + valid.error().location, valid.error().message));
            for (qsizetype j = 0; j < p.items.size(); ++j) {
                const QString itemPath = path + u".items[%1]"_s.arg(j);
                const ProgramItem &item = p.items.at(j);
                if (item.id <= 0 || programOfItem.contains(item.id))
                    return refused(at(itemPath + u".id"_s, tr("every program item needs its own id above 0")));
                programOfItem.insert(item.id, p.id);
                if (auto missing = requireExercise(item.exerciseId, itemPath + u".exerciseId"_s))
                    return *missing;
            }
        }
        const QList<ProgramItemVersion> versions = versionsOf(record);
        QHash<qint64, ProgramItemVersion> lastVersion;
        for (qsizetype i = 0; i < versions.size(); ++i) {
            const ProgramItemVersion &v = versions.at(i);
            const QString path = u"itemVersions[%1]"_s.arg(i);
            if (!programIds.contains(v.programId))
                return refused(at(path + u".programId"_s, tr("there is no program %1 in the record").arg(v.programId)));
            if (v.programItemId <= 0)
                return refused(at(path + u".programItemId"_s, tr("the item id must be above 0")));
            const auto owner = programOfItem.constFind(v.programItemId);
            if (owner != programOfItem.cend() && *owner != v.programId)
                return refused(
                    at(path + u".programId"_s, tr("item %1 belongs to program %2")
                                                   .arg(QString::number(v.programItemId), QString::number(*owner))));
            programOfItem.insert(v.programItemId, v.programId);
            if (!v.validFrom.isValid())
                return refused(at(path + u".validFrom"_s, tr("the time is not valid")));
            if (auto valid = validatePrescription(v.rx, path + u".rx"_s); !valid)
                return refused(valid.error());
            if (auto missing = requireExercise(v.exerciseId, path + u".exerciseId"_s))
                return *missing;
            const auto last = lastVersion.constFind(v.programItemId);
            if (last != lastVersion.cend() && v.validFrom < last->validFrom)
                return refused(at(path + u".validFrom"_s, tr("the versions of an item must be in time order")));
            lastVersion.insert(v.programItemId, v);
        }
        // The newest version of every current item is the item as it is now.
        for (qsizetype i = 0; i < record.programs.size(); ++i) {
            const Program &p = record.programs.at(i);
            for (qsizetype j = 0; j < p.items.size(); ++j) {
                const ProgramItem &item = p.items.at(j);
                const auto last = lastVersion.constFind(item.id);
                if (last == lastVersion.cend() || last->removed || last->exerciseId != item.exerciseId
                    || last->rx != item.rx)
                    return refused(at(u"programs[%1].items[%2]"_s.arg(i).arg(j),
                                      tr("the item does not match its newest version in itemVersions")));
            }
        }

        // Sessions and their logs.
        QSet<qint64> sessionIds;
        for (qsizetype i = 0; i < record.sessions.size(); ++i) {
            const SessionHistory &s = record.sessions.at(i);
            const QString path = u"sessions[%1]"_s.arg(i);
            if (s.record.id <= 0 || sessionIds.contains(s.record.id))
                return refused(at(path + u".id"_s, tr("every session needs its own id above 0")));
            sessionIds.insert(s.record.id);
            if (!programIds.contains(s.record.programId))
                return refused(
                    at(path + u".programId"_s, tr("there is no program %1 in the record").arg(s.record.programId)));
            if (!s.record.startedAt.isValid())
                return refused(at(path + u".startedAt"_s, tr("the time is not valid")));
            if ((s.record.status == SessionStatus::InProgress) != !s.record.endedAt.isValid())
                return refused(at(path + u".endedAt"_s, tr("a session has an end time exactly when it is no longer in "
                                                           "progress")));
            for (qsizetype j = 0; j < s.events.size(); ++j) {
                const SessionEvent &e = s.events.at(j);
                const QString eventPath = path + u".events[%1]"_s.arg(j);
                if (e.seq != j + 1)
                    return refused(at(eventPath + u".seq"_s, tr("the events must be numbered 1, 2, 3 ... (expected %1, "
                                                                "found %2)")
                                                                 .arg(QString::number(j + 1), QString::number(e.seq))));
                if (e.programItemId != 0 && programOfItem.value(e.programItemId) != s.record.programId)
                    return refused(at(eventPath + u".programItemId"_s,
                                      tr("item %1 is not an item of the session's program").arg(e.programItemId)));
                if (!e.exerciseId.isEmpty())
                    if (auto missing = requireExercise(e.exerciseId, eventPath + u".exerciseId"_s))
                        return *missing;
                if (e.setIndex < 0 || e.repIndex < 0)
                    return refused(at(eventPath, tr("set and rep numbers cannot be negative")));
                if (e.holdMs && *e.holdMs < 0)
                    return refused(at(eventPath + u".holdMs"_s, tr("a hold cannot be negative")));
                if (e.pain && !PainRule::isValidRating(*e.pain))
                    return refused(at(eventPath + u".pain"_s, tr("pain is rated from 0 to 10, not %1").arg(*e.pain)));
                if (e.kind == EventKind::PainRated && (!e.pain || !e.painContext))
                    return refused(at(eventPath, tr("a pain rating needs a pain and its context")));
            }
        }

        for (qsizetype i = 0; i < record.proposals.size(); ++i) {
            const Proposal &p = record.proposals.at(i);
            const QString path = u"proposals[%1]"_s.arg(i);
            if (!programOfItem.contains(p.programItemId))
                return refused(at(path + u".programItemId"_s,
                                  tr("there is no program item %1 in the record").arg(p.programItemId)));
            if (p.sessionId != 0 && !sessionIds.contains(p.sessionId))
                return refused(at(path + u".sessionId"_s, tr("there is no session %1 in the record").arg(p.sessionId)));
            if (p.reason.trimmed().isEmpty())
                return refused(at(path + u".reason"_s, tr("a proposal needs a reason")));
            if (!p.createdAt.isValid())
                return refused(at(path + u".createdAt"_s, tr("the time is not valid")));
            if ((p.status == ProposalStatus::Pending) != !p.decidedAt.isValid())
                return refused(
                    at(path + u".decidedAt"_s, tr("a proposal has a decision time exactly when it is decided")));
        }
    }

    // --- one transaction --------------------------------------------------------------
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    qint64 patientId = 0;
    {
        QSqlQuery query = newQuery(*name);
        const auto failed = [&](const QString &part, const QSqlError &error) {
            return failure(tr("%1 (%2)").arg(what, part), error);
        };
        if (!run(query, InsertPatientSql,
                 {record.patient.name.trimmed(), timeText(record.patient.createdAt), record.patient.archived ? 1 : 0}))
            return failed(u"patient"_s, query.lastError());
        patientId = query.lastInsertId().toLongLong();
        for (const PatientNote &n : record.notes)
            if (!run(query, InsertNoteSql, {patientId, timeText(n.writtenAt), n.body.trimmed()}))
                return failed(u"notes"_s, query.lastError());
        if (!customs.isEmpty()) {
            Catalog custom;
            for (const Exercise &e : record.customExercises)
                if (!known.contains(e.id))
                    custom.exercises << customs.value(e.id);
            query.finish();
            // importCatalog's own transaction cannot nest: the rows are written here instead.
            if (auto added = insertCustomExercises(custom.exercises); !added)
                return added.error();
        }

        QHash<qint64, qint64> programIds;
        for (const Program &p : record.programs) {
            const QVariant deactivatedAt =
                p.active ? QVariant() : QVariant(timeText(p.deactivatedAt.isValid() ? p.deactivatedAt : p.createdAt));
            if (!run(query, InsertProgramSql,
                     {patientId, p.name.trimmed(), toCode(p.painRule), p.progressionSessions, p.active ? 1 : 0,
                      timeText(p.createdAt), deactivatedAt}))
                return failed(u"programs"_s, query.lastError());
            programIds.insert(p.id, query.lastInsertId().toLongLong());
        }

        // Items: current ones at their positions, removed ones aside; the
        // newest version says which is which.
        const QList<ProgramItemVersion> versions = versionsOf(record);
        QHash<qint64, ProgramItemVersion> lastVersion;
        QList<qint64> itemOrder;
        for (const ProgramItemVersion &v : versions) {
            if (!lastVersion.contains(v.programItemId))
                itemOrder << v.programItemId;
            lastVersion.insert(v.programItemId, v);
        }
        QHash<qint64, int> currentPosition;
        for (const Program &p : record.programs)
            for (qsizetype j = 0; j < p.items.size(); ++j)
                currentPosition.insert(p.items.at(j).id, int(j));
        QHash<qint64, qint64> itemIds;
        for (const qint64 oldId : std::as_const(itemOrder)) {
            const ProgramItemVersion &v = lastVersion.value(oldId);
            const bool current = currentPosition.contains(oldId);
            const int position = current ? currentPosition.value(oldId) : 1000000;
            const QVariant removedAt = current ? QVariant() : QVariant(timeText(v.validFrom));
            if (!run(query, InsertItemSql,
                     QVariantList{programIds.value(v.programId), current ? position : 1000000 + int(itemIds.size()),
                                  v.exerciseId}
                         + prescriptionValues(v.rx) + QVariantList{removedAt}))
                return failed(u"program items"_s, query.lastError());
            const qint64 id = query.lastInsertId().toLongLong();
            itemIds.insert(oldId, id);
            if (!current && !run(query, MoveRemovedItemSql, {id}))
                return failed(u"program items"_s, query.lastError());
        }
        for (ProgramItemVersion v : versions) {
            v.programId = programIds.value(v.programId);
            v.programItemId = itemIds.value(v.programItemId);
            if (!insertItemVersion(query, v))
                return failed(u"item versions"_s, query.lastError());
        }
        query.finish();

        QHash<qint64, qint64> sessionIds;
        {
            Prepared insertSession(*name, InsertSessionSql);
            Prepared insertEvent(*name, InsertEventSql);
            for (const SessionHistory &s : record.sessions) {
                const SessionRecord &r = s.record;
                if (!insertSession.exec({patientId, programIds.value(r.programId), timeText(r.startedAt),
                                         r.endedAt.isValid() ? QVariant(timeText(r.endedAt)) : QVariant(),
                                         toCode(r.status), r.flagged ? 1 : 0}))
                    return failed(u"sessions"_s, insertSession.lastError());
                const qint64 sessionId = insertSession.lastId();
                sessionIds.insert(r.id, sessionId);
                for (SessionEvent e : s.events) {
                    e.programItemId = e.programItemId != 0 ? itemIds.value(e.programItemId) : 0;
                    if (!insertEvent.exec(QVariantList{sessionId, e.seq} + eventValues(e)))
                        return failed(u"session events"_s, insertEvent.lastError());
                }
            }
        }
        for (const Proposal &p : record.proposals) {
            if (!run(query, InsertProposalSql,
                     {itemIds.value(p.programItemId),
                      p.sessionId != 0 ? QVariant(sessionIds.value(p.sessionId)) : QVariant(), toCode(p.kind),
                      p.reason.trimmed(), timeText(p.createdAt), toCode(p.status),
                      p.decidedAt.isValid() ? QVariant(timeText(p.decidedAt)) : QVariant()}))
                return failed(u"proposals"_s, query.lastError());
        }
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return patientId;
}

} // namespace rehabit
