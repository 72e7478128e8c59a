#pragma once
// What rehabit-cli prints of values it does not control (names, reasons,
// keys and paths from imported files): control characters escaped so that a
// name cannot move the cursor, clear the screen or forge a line of output,
// and echoed values cut so that one bad key cannot flood the terminal.
// JSON output needs neither: QJsonDocument escapes control characters.

#include "rehabit/domain/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rehabit::cli {

/// How many characters of an untrusted value an error message shows.
inline constexpr qsizetype MaxEchoedLength = 200;

/// `value` with every control character written as an escape: "\n", "\r",
/// "\t", "\0", else "\x1b" (C0, DEL) or "\u0085" (C1).
QString printable(const QString &value);

/// Every cell of `rows` printable().
QList<QStringList> printableRows(const QList<QStringList> &rows);

/// `value` cut to MaxEchoedLength characters with an ellipsis, then printable().
QString echoed(const QString &value);

/// Error::text() for the terminal: its location echoed(), and in its message
/// every quoted value ("...") echoed(); the rest of the message keeps its line
/// breaks and is cut at a few thousand characters.
QString errorText(const Error &error);

} // namespace rehabit::cli
