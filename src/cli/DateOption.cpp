#include "DateOption.h"

#include "TerminalText.h"

#include "rehabit/platform/Clock.h"

#include <QCoreApplication>

namespace rehabit::cli {

QDate firstAcceptedDay()
{
    return QDate(2000, 1, 1);
}

std::optional<QDate> dateOption(const QString &text)
{
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (!day.isValid() || day < firstAcceptedDay() || day > Clock::today())
        return std::nullopt;
    return day;
}

QString dateOptionError(const QString &option, const QString &text)
{
    const QString today = Clock::today().toString(Qt::ISODate);
    return QCoreApplication::translate("rehabit::cli", "%1 must be a date from %2 to today (%3), such as %3, not '%4'.")
        .arg(option, firstAcceptedDay().toString(Qt::ISODate), today, echoed(text));
}

} // namespace rehabit::cli
