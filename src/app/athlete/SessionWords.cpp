#include "athlete/SessionWords.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace rehabit {

QString sideWords(Side side)
{
    switch (side) {
    case Side::Left: return QCoreApplication::translate("rehabit::SessionScreen", "Left side");
    case Side::Right: return QCoreApplication::translate("rehabit::SessionScreen", "Right side");
    case Side::Both: return QCoreApplication::translate("rehabit::SessionScreen", "Both sides");
    }
    return {};
}

/// "0:45" for 45 s, "1:05"; whole seconds rounded up so "0:00" means done.
QString sessionClock(qint64 ms)
{
    const qint64 s = (std::max<qint64>(ms, 0) + 999) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

/// The key to press now, in words as large as the phase's.
QString sessionKeys(const SessionState &s)
{
    if (s.paused)
        return QCoreApplication::translate("rehabit::SessionScreen", "P: go on");
    switch (s.stage) {
    case SessionStage::Positioning: return QCoreApplication::translate("rehabit::SessionScreen", "Space: start now");
    case SessionStage::Holding:
    case SessionStage::TimedBout:
    case SessionStage::FollowUp:
        return QCoreApplication::translate("rehabit::SessionScreen", "P: pause \u00b7 Space: end now");
    case SessionStage::Working: return QCoreApplication::translate("rehabit::SessionScreen", "Space: rep done");
    case SessionStage::Assessing:
        return QCoreApplication::translate("rehabit::SessionScreen", "Y: positive \u00b7 N: negative");
    case SessionStage::Resting: return QCoreApplication::translate("rehabit::SessionScreen", "Space: go on now");
    default: return QString();
    }
}

QString sessionCounts(const SessionState &s)
{
    const PlanItem *item = s.currentItem();
    QStringList counts;
    if (item) {
        if (const auto unit = s.currentUnit()) {
            if (item->style() != WorkStyle::Assessment)
                counts << QCoreApplication::translate("rehabit::SessionScreen", "Set %1 of %2")
                              .arg(unit->setIndex)
                              .arg(std::max(1, item->rx.sets));
            if (item->style() == WorkStyle::Reps || item->style() == WorkStyle::Holds)
                counts << QCoreApplication::translate("rehabit::SessionScreen", "Rep %1 of %2")
                              .arg(std::min(s.progress.repsDone + 1, item->repsPerUnit()))
                              .arg(item->repsPerUnit());
            if (const auto side = item->sideOfRep(*unit, s.progress.repsDone + 1))
                counts << sideWords(*side);
        }
    }
    return counts.join(QStringLiteral(" \u00b7 "));
}

} // namespace rehabit
