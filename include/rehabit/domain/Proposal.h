#pragma once
// A suggestion of the progression rules for one program item ("add a set",
// "go back a step"), kept until the therapist accepts or declines it.

#include <QDateTime>
#include <QString>

#include <optional>

namespace rehabit {

enum class ProposalKind {
    Progress, ///< the item was done pain-free at full dose: make it harder
    Regress,  ///< pain came back: go back a step and tell the therapist
};
QString toCode(ProposalKind);
std::optional<ProposalKind> proposalKindFromCode(const QString &);

enum class ProposalStatus { Pending, Accepted, Declined };
QString toCode(ProposalStatus);
std::optional<ProposalStatus> proposalStatusFromCode(const QString &);

struct Proposal {
    qint64 id = 0; ///< set by the store
    qint64 programItemId = 0;
    qint64 sessionId = 0; ///< the session that led to it; 0 = none
    ProposalKind kind = ProposalKind::Progress;
    QString reason; ///< in words, for the therapist
    QDateTime createdAt;
    ProposalStatus status = ProposalStatus::Pending; ///< a new proposal is always pending
    QDateTime decidedAt;                             ///< invalid while pending
    /// Global identity (text UUID without braces), the same in every database
    /// the row is copied to: a new one when the store adds the row, the
    /// record's own when Store::addPatientRecord adds it.
    QString uuid = {};
    /// 1 when written, one more at every change in place (Store::revisions()).
    int revision = 0;
    /// Global identity of the therapist's decision; empty while pending.
    QString decisionUuid = {};
    bool operator==(const Proposal &) const = default;
};

} // namespace rehabit
