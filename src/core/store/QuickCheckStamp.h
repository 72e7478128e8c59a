#pragma once
// QuickCheckStamp: lets a read-write open skip PRAGMA quick_check (which
// reads the whole file: about 2 ms per MB with a warm cache, far more from a
// cold disk) when the file is exactly as this program left it.
//
// After a clean close (the last connection closed and the WAL was folded
// into the file and removed) the store writes "<database>.checked": the main
// file's size and modification time, and when quick_check last passed. The
// next read-write open skips quick_check only when the file still has that
// size and time, no WAL file holds pages, and that quick_check passed less
// than MaxAge ago. A crash, a write by another program, a restored copy or a
// day gone by all lead to the check as before. Damage that changes neither
// the size nor the time (a failing disk) is found by the daily check, and
// before that when the damaged page is read (SqliteStore::failure()).

#include <QDateTime>
#include <QString>

namespace rehabit {

class QuickCheckStamp {
public:
    static constexpr qint64 MaxAgeSeconds = 24 * 60 * 60;

    static QString pathFor(const QString &database);
    /// When quick_check last passed, if the stamp matches the file as it is
    /// now (size, modification time, no WAL content) and is younger than
    /// MaxAge at `now`; otherwise an invalid QDateTime.
    static QDateTime validCheck(const QString &database, const QDateTime &now);
    /// Writes the stamp for the file as it is now, if it was closed cleanly
    /// (no WAL file with content). False when nothing was written.
    static bool write(const QString &database, const QDateTime &checkedAt);
    static void remove(const QString &database);
};

} // namespace rehabit
