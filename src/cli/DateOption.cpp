#include "DateOption.h"

#include "TerminalText.h"

#include "rehabit/platform/Clock.h"

#include <QCoreApplication>

namespace rehabit::cli {

QDate firstAcceptedDay()
{
    return QDate(2000, 1, 1);
}

QDate lastAcceptedDay(DateReach reach)
{
    return reach == DateReach::UpToToday ? Clock::today() : Clock::today().addYears(1);
}

std::optional<QDate> dateOption(const QString &text, DateReach reach)
{
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (!day.isValid() || day < firstAcceptedDay() || day > lastAcceptedDay(reach))
        return std::nullopt;
    return day;
}

QString dateOptionError(const QString &option, const QString &text, DateReach reach)
{
    const QString first = firstAcceptedDay().toString(Qt::ISODate);
    const QString today = Clock::today().toString(Qt::ISODate);
    if (reach == DateReach::UpToAYearAhead)
        return QCoreApplication::translate("rehabit::cli",
                                           "%1 must be a date from %2 to a year from today (%3), such as %4, not '%5'.")
            .arg(option, first, lastAcceptedDay(reach).toString(Qt::ISODate), today, echoed(text));
    return QCoreApplication::translate("rehabit::cli", "%1 must be a date from %2 to today (%3), such as %3, not '%4'.")
        .arg(option, first, today, echoed(text));
}

} // namespace rehabit::cli
