#pragma once
// The dates rehabit-cli's options take (--date, --last-day ...): YYYY-MM-DD,
// from 2000-01-01 to today (rehabit::Clock::today()), or up to a year ahead
// where a future day makes sense (the date printed on a handout). A date
// outside the range is a mistake on the command line (exit 2), never a
// database error.

#include <QDate>
#include <QString>

#include <optional>

namespace rehabit::cli {

/// The first day a date option accepts.
QDate firstAcceptedDay();

/// How far ahead a date option may go.
enum class DateReach { UpToToday, UpToAYearAhead };

/// The last day a date option accepts.
QDate lastAcceptedDay(DateReach reach);

/// `text` as a date from firstAcceptedDay() to lastAcceptedDay(reach); nullopt otherwise.
std::optional<QDate> dateOption(const QString &text, DateReach reach = DateReach::UpToToday);

/// "--OPTION must be a date from 2000-01-01 to today (<today>), such as <today>, not 'TEXT'."
QString dateOptionError(const QString &option, const QString &text, DateReach reach = DateReach::UpToToday);

} // namespace rehabit::cli
