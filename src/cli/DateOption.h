#pragma once
// The dates rehabit-cli's options take (--date, --last-day ...): YYYY-MM-DD,
// from 2000-01-01 to today (rehabit::Clock::today()). A date outside that
// range is a mistake on the command line (exit 2), never a database error.

#include <QDate>
#include <QString>

#include <optional>

namespace rehabit::cli {

/// The first day a date option accepts.
QDate firstAcceptedDay();

/// `text` as a date from firstAcceptedDay() to today; nullopt otherwise.
std::optional<QDate> dateOption(const QString &text);

/// "--OPTION must be a date from 2000-01-01 to <today>, such as <today>, not 'TEXT'."
QString dateOptionError(const QString &option, const QString &text);

} // namespace rehabit::cli
