#pragma once
// The damaged mark of a database (docs/storage.md, "The damaged mark"): a
// database that failed the full check (rehabit-cli check) or the quick check
// at open is marked so, in "<database>.damaged" beside it, and no program
// writes to it until a restore replaces it or the full check passes again.
// Reading it still works, with a warning. Qt Core only.

#include "rehabit/domain/Result.h"
#include "rehabit/store/Store.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace rehabit {

struct DamageMark {
    QDateTime markedAt; ///< UTC
    QString foundBy;    ///< "check" or "quick-check" (at open)
    QStringList findings;
};

/// The mark of the database, if it has one (and the database file exists).
std::optional<DamageMark> damageMark(const QString &databasePath);

/// After a full check: marks the database damaged when `health` is not
/// healthy, removes the mark when it is. An error only when the mark cannot
/// be written or removed (a read-only folder); the check's result stands.
Result<void> recordCheckResult(const QString &databasePath, const StoreHealth &health, const QDateTime &now);

/// Whether the database may be written: not marked damaged, and its file and
/// folder can be written (not on read-only media). The refusal says why and
/// what to do. What a read-write open checks first; a command that writes
/// may ask before it does anything else. Reads only.
Result<void> checkWritable(const QString &databasePath);

} // namespace rehabit
