// SqliteStore: programs. Adding one, reading them with their current items,
// edits that keep the ids the history refers to and record every changed
// prescription (program_item_version), stopping and restarting.

#include "SqliteStore.h"

#include "SqliteRows.h"
#include "SqliteStatements.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

/// A program_item row as updateProgram() compares it.
struct StoredItem {
    qint64 id = 0;
    int position = 0;
    QString exerciseId;
    Prescription rx;
    bool removed = false;
};

Result<StoredItem> storedItemFromRow(const QSqlQuery &row)
{
    auto item = programItemFromRow(row);
    if (!item)
        return item.error();
    return StoredItem{item->id, item->position, item->exerciseId, item->rx, !row.value(16).isNull()};
}

struct ProgramState {
    bool active = false;
    QVariant deactivatedAt;
};

Result<ProgramState> programStateFromRow(const QSqlQuery &row)
{
    return ProgramState{row.value(0).toInt() != 0, row.value(1)};
}

/// What updateProgram() found and checked before it writes.
struct ProgramEdit {
    ProgramState state;
    QHash<qint64, StoredItem> items; ///< every item of the program, removed ones too
    QList<qint64> removed;           ///< items the edit takes out, in id order
};

} // namespace

Result<Program> SqliteStore::addProgram(const Program &program)
{
    const QString what = tr("The program was not saved");
    auto sql = sqlWriting(what);
    if (!sql)
        return sql.error();
    if (program.name.trimmed().isEmpty())
        return sql->refuse(tr("a program needs a name"));
    if (!program.createdAt.isValid())
        return sql->refuse(tr("the time is not valid"));
    if (auto valid = validateProgram(program); !valid)
        return refusedInput(what, valid.error());
    Program saved = program;
    saved.name = program.name.trimmed();
    saved.createdAt = storedTime(program.createdAt);
    saved.deactivatedAt = saved.active
                              ? QDateTime()
                              : storedTime(program.deactivatedAt.isValid() ? program.deactivatedAt : program.createdAt);
    saved.uuid = newUuid(); // a new program: only addPatientRecord keeps given UUIDs
    saved.revision = 1;
    return sql->write([&]() -> Result<Program> {
        const auto inserted =
            sql->exec(statement::InsertProgram,
                      {program.patientId, saved.name, toCode(program.painRule), program.progressionSessions,
                       program.active ? 1 : 0, timeText(saved.createdAt), timeOrNull(saved.deactivatedAt), saved.uuid,
                       1, timeText(saved.createdAt), m_author});
        if (!inserted)
            return inserted.error();
        saved.id = inserted->lastInsertId;
        for (qsizetype i = 0; i < saved.items.size(); ++i) {
            ProgramItem &item = saved.items[i];
            item.position = int(i);
            const SqlSession itemSql =
                this->sql(tr("The program was not saved (item %1, %2)").arg(QString::number(i + 1), item.exerciseId));
            const auto itemRow = itemSql.exec(statement::InsertProgramItem,
                                              programItemValues(saved.id, item.position, item.exerciseId, item.rx));
            if (!itemRow)
                return itemRow.error();
            item.id = itemRow->lastInsertId;
            const ProgramItemVersion first{saved.id,      item.id,         saved.createdAt, false,
                                           item.position, item.exerciseId, item.rx};
            if (auto version = sql->exec(statement::InsertItemVersion, itemVersionValues(first)); !version)
                return version.error();
        }
        return saved;
    });
}

Result<QList<ProgramItem>> SqliteStore::programItems(const SqlSession &sql, qint64 programId) const
{
    return sql.all<ProgramItem>(statement::SelectCurrentProgramItems, {programId}, programItemFromRow);
}

Result<Program> SqliteStore::withItems(const SqlSession &sql, Program program) const
{
    auto items = programItems(sql, program.id);
    if (!items)
        return items.error();
    program.items = std::move(items).value();
    return program;
}

Result<QList<Program>> SqliteStore::programs(qint64 patientId) const
{
    const SqlSession sql = this->sql(tr("The programs could not be read"));
    auto result = sql.all<Program>(statement::SelectPrograms, {patientId}, programFromRow);
    if (!result)
        return result;
    for (Program &p : *result) {
        auto full = withItems(this->sql(tr("The program %1 could not be read").arg(p.id)), p);
        if (!full)
            return full.error();
        p = std::move(full).value();
    }
    return result;
}

Result<std::optional<Program>> SqliteStore::program(qint64 id) const
{
    const SqlSession sql = this->sql(tr("The program %1 could not be read").arg(id));
    auto found = sql.one<Program>(statement::SelectProgram, {id}, programFromRow);
    if (!found || !found->has_value())
        return found;
    auto full = withItems(sql, **found);
    if (!full)
        return full.error();
    return std::optional<Program>(std::move(full).value());
}

namespace {

/// Everything updateProgram() checks before its first write, inside its transaction.
Result<ProgramEdit> checkProgramEdit(const SqlSession &sql, const Program &program)
{
    ProgramEdit edit;
    const auto state = sql.one<ProgramState>(statement::SelectProgramState, {program.id}, programStateFromRow);
    if (!state)
        return state.error();
    if (!state->has_value())
        return sql.refuse(SqliteStore::tr("there is no program %1").arg(program.id));
    edit.state = **state;
    const auto inProgress = sql.value(statement::SessionsInProgressOfProgram, {program.id});
    if (!inProgress)
        return inProgress.error();
    if (inProgress->toInt() > 0)
        return sql.refuse(SqliteStore::tr("a session of this program is in progress; finish it or close it first, so "
                                          "that its log keeps matching what was prescribed"));
    const auto rows = sql.all<StoredItem>(statement::SelectAllProgramItems, {program.id}, storedItemFromRow);
    if (!rows)
        return rows.error();
    for (const StoredItem &item : *rows)
        edit.items.insert(item.id, item);

    QSet<qint64> kept;
    for (qsizetype i = 0; i < program.items.size(); ++i) {
        const ProgramItem &item = program.items.at(i);
        if (item.id != 0 && !edit.items.contains(item.id)) {
            const auto owner = sql.value(statement::ProgramOfItem, {item.id});
            if (!owner)
                return owner.error();
            const QString reason = owner->isValid() ? SqliteStore::tr("item %1 belongs to program %2, not to this one")
                                                          .arg(QString::number(item.id), owner->toString())
                                                    : SqliteStore::tr("there is no program item %1").arg(item.id);
            return sql.refuse(reason, u"items[%1].id"_s.arg(i));
        }
        kept.insert(item.id);
        const auto exercise = sql.value(statement::SelectExercise, {item.exerciseId});
        if (!exercise)
            return exercise.error();
        if (!exercise->isValid())
            return sql.refuse(SqliteStore::tr("there is no exercise %1").arg(item.exerciseId),
                              u"items[%1].exerciseId"_s.arg(i));
    }
    for (auto it = edit.items.cbegin(); it != edit.items.cend(); ++it) {
        if (it->removed || kept.contains(it.key()))
            continue;
        const auto pending = sql.value(statement::PendingProposalsOfItem, {it.key()});
        if (!pending)
            return pending.error();
        if (pending->toInt() > 0)
            return sql.refuse(SqliteStore::tr("%1 (item %2) has a pending proposal; accept or decline it before "
                                              "taking the exercise out of the program")
                                  .arg(it->exerciseId, QString::number(it.key())),
                              u"items"_s);
        edit.removed << it.key();
    }
    std::sort(edit.removed.begin(), edit.removed.end());
    return edit;
}

} // namespace

Result<Program> SqliteStore::updateProgram(const Program &program, const QDateTime &at)
{
    return updateProgramAccepting(program, {}, at);
}

Result<Program> SqliteStore::updateProgramAccepting(const Program &program, const QList<qint64> &proposalIds,
                                                    const QDateTime &at)
{
    const QString what = tr("The program %1 was not saved").arg(program.id);
    auto sql = sqlWriting(what);
    if (!sql)
        return sql.error();
    if (!at.isValid())
        return sql->refuse(tr("the time is not valid"));
    Program checked = program;
    checked.createdAt = at; // validateProgram wants a valid time; the stored creation time stays
    if (auto valid = validateProgram(checked); !valid)
        return refusedInput(what, valid.error());

    auto written = sql->write([&]() -> Result<void> {
        // The decisions first: an accepted proposal may remove its own item.
        for (const qint64 proposalId : proposalIds) {
            const auto of = sql->value(statement::SelectProposalProgram, {proposalId});
            if (!of)
                return of.error();
            if (!of->isValid())
                return sql->refuse(tr("there is no proposal %1").arg(proposalId));
            if (of->toLongLong() != program.id)
                return sql->refuse(tr("proposal %1 is about another program").arg(proposalId));
            if (auto decided = writeDecision(*sql, proposalId, ProposalStatus::Accepted, at); !decided)
                return decided.error();
        }
        return writeProgramEdit(*sql, program, at);
    });
    if (!written)
        return written.error();
    auto saved = this->program(program.id);
    if (!saved)
        return saved.error();
    if (!saved->has_value())
        return sql->refuse(tr("there is no program %1").arg(program.id));
    return **saved;
}

Result<void> SqliteStore::writeProgramEdit(const SqlSession &sql, const Program &program, const QDateTime &at) const
{
    const QString what = tr("The program %1 was not saved").arg(program.id);
    const auto edit = checkProgramEdit(sql, program);
    if (!edit)
        return edit.error();
    // Positions are unique: the live items step aside first.
    if (auto aside = sql.exec(statement::MoveProgramItemsAside, {program.id}); !aside)
        return aside.error();
    for (qsizetype i = 0; i < program.items.size(); ++i) {
        const ProgramItem &item = program.items.at(i);
        const int position = int(i);
        const SqlSession itemSql = this->sql(tr("%1 (item %2, %3)").arg(what, QString::number(i + 1), item.exerciseId));
        qint64 id = item.id;
        bool changed = true;
        if (id != 0) {
            const StoredItem &old = edit->items.value(id);
            changed = old.removed || old.position != position || old.exerciseId != item.exerciseId || old.rx != item.rx;
            const auto updated =
                itemSql.exec(statement::UpdateProgramItem,
                             QVariantList{position, item.exerciseId} + prescriptionValues(item.rx) + QVariantList{id});
            if (!updated)
                return updated.error();
        } else {
            const auto inserted = itemSql.exec(statement::InsertProgramItem,
                                               programItemValues(program.id, position, item.exerciseId, item.rx));
            if (!inserted)
                return inserted.error();
            id = inserted->lastInsertId;
        }
        const ProgramItemVersion version{program.id, id, at, false, position, item.exerciseId, item.rx};
        if (changed)
            if (auto recorded = sql.exec(statement::InsertItemVersion, itemVersionValues(version)); !recorded)
                return recorded.error();
    }
    for (const qint64 id : std::as_const(edit->removed)) {
        const StoredItem &old = edit->items.value(id);
        if (auto removed = sql.exec(statement::RemoveProgramItem, {timeText(at), id}); !removed)
            return removed.error();
        const ProgramItemVersion version{program.id, id, at, true, old.position, old.exerciseId, old.rx};
        if (auto recorded = sql.exec(statement::InsertItemVersion, itemVersionValues(version)); !recorded)
            return recorded.error();
    }
    QVariant deactivatedAt;
    if (!program.active)
        deactivatedAt = edit->state.active ? QVariant(timeText(at)) : edit->state.deactivatedAt;
    if (auto kept = sql.exec(statement::KeepProgramRevision, {program.id}); !kept)
        return kept.error();
    const auto saved = sql.exec(statement::UpdateProgram,
                                {program.name.trimmed(), toCode(program.painRule), program.progressionSessions,
                                 program.active ? 1 : 0, deactivatedAt, timeText(at), m_author, program.id});
    if (!saved)
        return saved.error();
    return {};
}

Result<Program> SqliteStore::setProgramActive(qint64 programId, bool active, const QDateTime &at)
{
    const QString what = active ? tr("The program %1 was not restarted").arg(programId)
                                : tr("The program %1 was not stopped").arg(programId);
    auto sql = sqlWriting(what);
    if (!sql)
        return sql.error();
    if (!at.isValid())
        return sql->refuse(tr("the time is not valid"));
    auto written = sql->write([&]() -> Result<void> {
        const auto state = sql->one<ProgramState>(statement::SelectProgramState, {programId}, programStateFromRow);
        if (!state)
            return state.error();
        if (!state->has_value())
            return sql->refuse(tr("there is no program %1").arg(programId));
        if ((*state)->active == active)
            return {};
        if (auto kept = sql->exec(statement::KeepProgramRevision, {programId}); !kept)
            return kept.error();
        const auto set =
            sql->exec(statement::SetProgramActive, {active ? 1 : 0, active ? QVariant() : QVariant(timeText(at)),
                                                    timeText(at), m_author, programId});
        if (!set)
            return set.error();
        return {};
    });
    if (!written)
        return written.error();
    auto saved = program(programId);
    if (!saved)
        return saved.error();
    if (!saved->has_value())
        return sql->refuse(tr("there is no program %1").arg(programId));
    return **saved;
}

Result<QList<ProgramItemVersion>> SqliteStore::programItemVersions(qint64 programId) const
{
    return sql(tr("The program %1 could not be read").arg(programId))
        .all<ProgramItemVersion>(statement::SelectItemVersions, {programId}, itemVersionFromRow);
}

} // namespace rehabit
