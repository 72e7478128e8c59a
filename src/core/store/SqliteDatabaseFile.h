#pragma once
// SqliteDatabaseFile: one Rehabit database file before and around its
// queries. Opening looks at the place, the 100-byte header, the application
// id and schema version, takes the per-file lock and runs quick_check unless
// a QuickCheckStamp says the file is as this program left it; files that are
// not Rehabit databases, damaged or newer are refused untouched. Then it opens
// connections with the storage pragmas and brings the schema to the current
// version (a verified backup first). A file marked damaged (DamageMarkFile)
// or on read-only media is not opened for writing; read-only media are read
// as immutable. The queries are SqliteStore's.
// Private to the store.

#include "DatabaseLock.h"

#include "rehabit/domain/Result.h"
#include "rehabit/store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <memory>

namespace rehabit {

class SqliteDatabaseFile {
    Q_DECLARE_TR_FUNCTIONS(rehabit::SqliteStore)

public:
    /// The checks of the file and the lock (a read-write open only); nothing
    /// is written yet.
    static Result<SqliteDatabaseFile> open(const QString &path, const StoreOptions &options);

    /// Whether the file at path exists and is refused because its content is
    /// damaged, cut short or not a Rehabit database: what a restore from a
    /// backup repairs. Reads only (quick_check included); takes no lock.
    static bool restoreRepairs(const QString &path);

    SqliteDatabaseFile(SqliteDatabaseFile &&) = default;
    SqliteDatabaseFile &operator=(SqliteDatabaseFile &&) = default;

    const QString &path() const { return m_path; }
    bool readOnly() const { return m_readOnly; }
    /// When quick_check last passed on this file; invalid when it was not
    /// checked on open (read-only, or turned off).
    QDateTime checkedAt() const { return m_checkedAt; }

    /// Adds and opens the connection `name` on the file, with the pragmas of
    /// a read-write or read-only store. On error nothing stays registered.
    Result<void> openConnection(const QString &name) const;

    /// On an open connection: write-ahead logging and the migration to the
    /// current schema, after a verified backup of an existing file (nothing
    /// of this when read-only). Returns the schema version.
    Result<int> prepare(const QString &connectionName) const;

private:
    SqliteDatabaseFile() = default;

    QString m_path;
    bool m_readOnly = false;
    bool m_immutable = false; ///< read-only media: opened with immutable=1
    std::unique_ptr<DatabaseLock> m_lock;
    QDateTime m_checkedAt;
};

} // namespace rehabit
