#pragma once
// DatabaseLock: one program instance per database file. A QLockFile at
// "<database>.lock" holds the process id, host name and application name of
// the holder; a lock left by a process that no longer runs (killed, crashed)
// on this host is taken over. Lock files never go stale by age.

#include "rehabit/domain/Result.h"

#include <QString>

#include <memory>

class QLockFile;

namespace rehabit {

class DatabaseLock {
public:
    /// Takes the lock of the database file at once or fails with a message
    /// naming the holder: "The database /x/rehabit.sqlite is already open in
    /// rehabit-cli (process 4242 on host clinic-3). Close that program first."
    static Result<std::unique_ptr<DatabaseLock>> acquire(const QString &databasePath);

    static QString lockFilePath(const QString &databasePath);
    /// How long a lock file that names no holder is given to be written before it counts as left over.
    static constexpr unsigned long UnreadableLockGraceMs = 200;

    ~DatabaseLock(); ///< releases the lock and removes the lock file
    DatabaseLock(const DatabaseLock &) = delete;
    DatabaseLock &operator=(const DatabaseLock &) = delete;

private:
    explicit DatabaseLock(std::unique_ptr<QLockFile> file);
    std::unique_ptr<QLockFile> m_file;
};

} // namespace rehabit
