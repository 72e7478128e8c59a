// SqliteStore: sessions and their append-only log, the proposals the
// therapist decides, and the health check.

#include "SqliteStore.h"

#include "DatabaseCheck.h"
#include "SqliteRows.h"
#include "SqliteStatements.h"

#include "rehabit/domain/Validation.h"

#include <QSqlDatabase>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;

// --- sessions and the log ----------------------------------------------------

Result<SessionRecord> SqliteStore::startSession(qint64 patientId, qint64 programId, const QDateTime &at)
{
    auto sql = sqlWriting(tr("The session was not started"));
    if (!sql)
        return sql.error();
    if (!at.isValid())
        return sql->refuse(tr("the time is not valid"));
    return sql->write([&]() -> Result<SessionRecord> {
        const auto owned = sql->value(statement::CountProgramOfPatient, {programId, patientId});
        if (!owned)
            return owned.error();
        if (owned->toInt() == 0)
            return sql->refuse(tr("program %1 is not a program of patient %2")
                                   .arg(QString::number(programId), QString::number(patientId)));
        SessionRecord record;
        record.patientId = patientId;
        record.programId = programId;
        record.startedAt = storedTime(at);
        record.status = SessionStatus::InProgress;
        record.uuid = newUuid();
        record.revision = 1;
        const auto inserted = sql->exec(statement::InsertSession,
                                        {patientId, programId, timeText(at), QVariant(),
                                         toCode(SessionStatus::InProgress), 0, record.uuid, 1, timeText(at), m_author});
        if (!inserted)
            return inserted.error();
        record.id = inserted->lastInsertId;
        return record;
    });
}

Result<SessionEvent> SqliteStore::appendEvent(const SessionEvent &event)
{
    auto sql = sqlWriting(tr("The event was not saved"));
    if (!sql)
        return sql.error();
    // Saved means committed: the event is returned only after COMMIT returned.
    return sql->write([&]() -> Result<SessionEvent> {
        SessionEvent stored = event;
        if (event.seq > 0) {
            // The writer's key (session, seq): the same event again is a no-op.
            const auto found =
                sql->one<SessionEvent>(statement::SelectEventBySeq, {event.sessionId, event.seq}, eventFromRow);
            if (!found)
                return found.error();
            if (found->has_value()) {
                SessionEvent same = event;
                same.id = (*found)->id;
                if (same == **found)
                    return **found;
                return sql->refuse(tr("session %1 already has an event %2 with other content; an event once "
                                      "logged is never changed")
                                       .arg(QString::number(event.sessionId), QString::number(event.seq)));
            }
            // The log is numbered 1, 2, 3 ... without a gap (what check verifies).
            const auto next = sql->value(statement::NextEventSeq, {event.sessionId});
            if (!next)
                return next.error();
            if (event.seq != next->toInt())
                return sql->refuse(tr("the log of session %1 ends at event %2; event %3 would leave a gap")
                                       .arg(QString::number(event.sessionId), QString::number(next->toInt() - 1),
                                            QString::number(event.seq)));
        } else {
            const auto seq = sql->value(statement::NextEventSeq, {event.sessionId});
            if (!seq)
                return seq.error();
            stored.seq = seq->toInt();
        }
        const auto inserted =
            sql->exec(statement::InsertEvent, QVariantList{event.sessionId, stored.seq} + eventValues(event));
        if (!inserted)
            return inserted.error();
        stored.id = inserted->lastInsertId;
        return stored;
    });
}

Result<QList<SessionEvent>> SqliteStore::events(qint64 sessionId) const
{
    return sql(tr("The events of session %1 could not be read").arg(sessionId))
        .all<SessionEvent>(statement::SelectEvents, {sessionId}, eventFromRow);
}

Result<QList<SessionRecord>> SqliteStore::sessions(qint64 patientId) const
{
    return sql(tr("The sessions could not be read"))
        .all<SessionRecord>(statement::SelectSessions, {patientId}, sessionFromRow);
}

Result<std::optional<SessionRecord>> SqliteStore::session(qint64 sessionId) const
{
    return sql(tr("The session %1 could not be read").arg(sessionId))
        .one<SessionRecord>(statement::SelectSession, {sessionId}, sessionFromRow);
}

Result<QList<SessionRecord>> SqliteStore::interruptedSessions() const
{
    return sql(tr("The interrupted sessions could not be read"))
        .all<SessionRecord>(statement::SelectInterruptedSessions, {}, sessionFromRow);
}

Result<void> SqliteStore::finishSession(qint64 sessionId, SessionStatus status, const QDateTime &at, bool flagged)
{
    auto sql = sqlWriting(tr("The end of session %1 was not saved").arg(sessionId));
    if (!sql)
        return sql.error();
    if (status == SessionStatus::InProgress)
        return sql->refuse(tr("a finished session needs a status other than in progress"));
    if (!at.isValid())
        return sql->refuse(tr("the time is not valid"));
    return sql->write([&]() -> Result<void> {
        if (auto kept = sql->exec(statement::KeepSessionRevision, {sessionId}); !kept)
            return kept.error();
        const auto finished = sql->exec(statement::FinishSession, {toCode(status), timeText(at), flagged ? 1 : 0,
                                                                   timeText(at), m_author, sessionId});
        if (!finished)
            return finished.error();
        if (finished->rowsAffected == 1)
            return {};
        const auto was = sql->value(statement::SelectSessionStatus, {sessionId});
        if (!was)
            return was.error();
        if (!was->isValid())
            return sql->refuse(tr("there is no session %1").arg(sessionId));
        return sql->refuse(tr("the session was already finished (%1)").arg(was->toString()));
    });
}

// --- proposals ---------------------------------------------------------------

Result<Proposal> SqliteStore::addProposal(const Proposal &proposal)
{
    auto sql = sqlWriting(tr("The proposal was not saved"));
    if (!sql)
        return sql.error();
    auto valid = validNewProposal(proposal);
    if (!valid)
        return sql->refuse(valid.error().message);
    Proposal saved = *valid;
    saved.createdAt = storedTime(proposal.createdAt);
    saved.status = ProposalStatus::Pending;
    saved.decidedAt = QDateTime();
    saved.uuid = newUuid();
    saved.decisionUuid.clear();
    saved.revision = 1;
    return sql->write([&]() -> Result<Proposal> {
        const auto inserted = sql->exec(statement::InsertProposal,
                                        {saved.programItemId, idOrNull(saved.sessionId), toCode(saved.kind),
                                         saved.reason, timeText(saved.createdAt), toCode(saved.status), QVariant(),
                                         saved.uuid, QVariant(), 1, timeText(saved.createdAt), m_author});
        if (!inserted)
            return inserted.error();
        saved.id = inserted->lastInsertId;
        return saved;
    });
}

Result<QList<Proposal>> SqliteStore::proposals(qint64 patientId, std::optional<ProposalStatus> status) const
{
    const QVariant statusValue = optionalCode(status);
    return sql(tr("The proposals could not be read"))
        .all<Proposal>(statement::SelectProposals, {patientId, statusValue, statusValue}, proposalFromRow);
}

Result<Proposal> SqliteStore::decideProposal(qint64 proposalId, ProposalStatus decision, const QDateTime &at)
{
    auto sql = sqlWriting(tr("The decision on proposal %1 was not saved").arg(proposalId));
    if (!sql)
        return sql.error();
    return sql->write([&]() -> Result<Proposal> {
        if (auto decided = writeDecision(*sql, proposalId, decision, at); !decided)
            return decided.error();
        const auto stored = sql->one<Proposal>(statement::SelectProposal, {proposalId}, proposalFromRow);
        if (!stored)
            return stored.error();
        if (!stored->has_value())
            return sql->refuse(tr("there is no proposal %1").arg(proposalId));
        return **stored;
    });
}

Result<void> SqliteStore::writeDecision(const SqlSession &sql, qint64 proposalId, ProposalStatus decision,
                                        const QDateTime &at) const
{
    if (decision == ProposalStatus::Pending)
        return sql.refuse(tr("a decision is to accept or to decline"));
    if (!at.isValid())
        return sql.refuse(tr("the time is not valid"));
    if (auto kept = sql.exec(statement::KeepProposalRevision, {proposalId}); !kept)
        return kept.error();
    const auto decided = sql.exec(statement::DecideProposal,
                                  {toCode(decision), timeText(at), newUuid(), timeText(at), m_author, proposalId});
    if (!decided)
        return decided.error();
    if (decided->rowsAffected != 1) {
        const auto was = sql.value(statement::SelectProposalStatus, {proposalId});
        if (!was)
            return was.error();
        if (!was->isValid())
            return sql.refuse(tr("there is no proposal %1").arg(proposalId));
        return sql.refuse(tr("proposal %1 was already decided (%2)").arg(proposalId).arg(was->toString()));
    }
    return {};
}

// --- health ------------------------------------------------------------------

Result<StoreHealth> SqliteStore::check() const
{
    const SqlSession sql = this->sql(tr("The database could not be checked"));
    if (auto connected = sql.connected(); !connected)
        return connected.error();
    return DatabaseCheck::run(sql.connectionName());
}

} // namespace rehabit
