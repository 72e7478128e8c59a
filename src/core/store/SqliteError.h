#pragma once
// SqliteError: a QSqlError from the SQLite driver told in words a person can act on.

#include "rehabit/domain/Result.h"

#include <QSqlError>
#include <QString>

namespace rehabit {

class SqliteError {
public:
    // SQLite's primary result codes that get their own words.
    static constexpr int Busy = 5;
    static constexpr int Locked = 6;
    static constexpr int ReadOnly = 8;
    static constexpr int IoError = 10;
    static constexpr int Corrupt = 11;
    static constexpr int Full = 13;
    static constexpr int CantOpen = 14;
    static constexpr int Constraint = 19;
    static constexpr int NotADatabase = 26;

    /// SQLite's primary result code (extended codes reduced), 0 if unknown.
    static int primaryCode(const QSqlError &error);

    /// What the code means for a person ("the disk is full").
    static QString reason(const QSqlError &error);

    /// "<what>: <reason> (SQLite: <SQLite's own text>)."
    static Error toError(const QString &what, const QSqlError &error, const QString &location);
};

} // namespace rehabit
