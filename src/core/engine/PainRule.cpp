// The program's pain rule, pure (see include/rehabit/engine/PainRule.h).

#include "rehabit/engine/PainRule.h"

namespace rehabit {

QString toCode(PainStopReason reason)
{
    switch (reason) {
    case PainStopReason::None: return QString();
    case PainStopReason::RoseAboveStart: return QStringLiteral("rose-above-start");
    case PainStopReason::AboveFive: return QStringLiteral("above-5");
    }
    return QString();
}

PainZone PainRule::zone(int pain)
{
    if (pain <= 2)
        return PainZone::Safe;
    if (pain <= 5)
        return PainZone::Acceptable;
    return PainZone::TooHigh;
}

PainVerdict PainRule::judge(int pain, std::optional<int> start) const
{
    PainVerdict v;
    v.pain = pain;
    v.zone = zone(pain);
    switch (m_kind) {
    case PainRuleKind::Strict:
        v.start = start.value_or(0);
        if (pain > *v.start) {
            v.stop = true;
            v.reason = PainStopReason::RoseAboveStart;
        }
        break;
    case PainRuleKind::PainMonitoring:
        v.start = start;
        if (v.zone == PainZone::TooHigh) {
            v.stop = true;
            v.reason = PainStopReason::AboveFive;
        }
        break;
    }
    return v;
}

PainVerdict PainRule::judgeBeforeSession(int pain) const
{
    PainVerdict v;
    v.pain = pain;
    v.zone = zone(pain);
    if (m_kind == PainRuleKind::PainMonitoring && v.zone == PainZone::TooHigh) {
        v.stop = true;
        v.reason = PainStopReason::AboveFive;
    }
    return v;
}

NextMorningVerdict PainRule::nextMorning(int pain, int usual)
{
    return NextMorningVerdict{pain > usual, pain, usual};
}

bool PainRule::isPainFree(int pain, std::optional<int> start) const
{
    switch (m_kind) {
    case PainRuleKind::Strict: return pain <= start.value_or(0);
    case PainRuleKind::PainMonitoring: return zone(pain) == PainZone::Safe;
    }
    return false;
}

} // namespace rehabit
