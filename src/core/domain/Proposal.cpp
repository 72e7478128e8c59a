// Stable text codes of the proposal enums, used in SQL and exports.

#include "rehabit/domain/Proposal.h"

using namespace Qt::StringLiterals;

namespace rehabit {

QString toCode(ProposalKind kind)
{
    switch (kind) {
    case ProposalKind::Progress: return u"progress"_s;
    case ProposalKind::Regress: return u"regress"_s;
    }
    return {};
}

std::optional<ProposalKind> proposalKindFromCode(const QString &code)
{
    if (code == u"progress"_s)
        return ProposalKind::Progress;
    if (code == u"regress"_s)
        return ProposalKind::Regress;
    return std::nullopt;
}

QString toCode(ProposalStatus status)
{
    switch (status) {
    case ProposalStatus::Pending: return u"pending"_s;
    case ProposalStatus::Accepted: return u"accepted"_s;
    case ProposalStatus::Declined: return u"declined"_s;
    }
    return {};
}

std::optional<ProposalStatus> proposalStatusFromCode(const QString &code)
{
    if (code == u"pending"_s)
        return ProposalStatus::Pending;
    if (code == u"accepted"_s)
        return ProposalStatus::Accepted;
    if (code == u"declined"_s)
        return ProposalStatus::Declined;
    return std::nullopt;
}

} // namespace rehabit
