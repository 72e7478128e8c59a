#pragma once
// DamageMarkFile: "<database>.damaged", the mark of a database that failed
// the full check or the quick check at open (rehabit/store/DamageMark.h).
// A small JSON file beside the QuickCheckStamp: when, found by what, the
// first findings. Its presence is the mark, whatever it holds.

#include "rehabit/store/DamageMark.h"

#include <QString>

#include <optional>

namespace rehabit {

class DamageMarkFile {
public:
    static QString pathFor(const QString &database);
    /// The mark, if the file exists beside an existing database.
    static std::optional<DamageMark> read(const QString &database);
    /// Writes the mark (atomically) and removes the quick-check stamp, so
    /// that the file is checked again once the mark is gone. False when it
    /// cannot be written.
    static bool write(const QString &database, const DamageMark &mark);
    /// Removes the mark; true when there is none afterwards.
    static bool remove(const QString &database);
};

} // namespace rehabit
