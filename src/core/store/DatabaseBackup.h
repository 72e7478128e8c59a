#pragma once
// DatabaseBackup: a verified copy of an open database, written before a
// schema migration. VACUUM INTO a temporary name (a consistent snapshot,
// synced to disk under synchronous=FULL), integrity_check of the copy and a
// check of its schema version, then a rename to the final name. A copy that
// fails the check is deleted and the migration does not run.

#include "rehabit/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace rehabit {

class DatabaseBackup {
public:
    /// "<database>.backup-v<schemaVersion>-<UTC yyyyMMddTHHmmsszzzZ>.sqlite", next to the database.
    static QString backupPath(const QString &databasePath, int schemaVersion, const QDateTime &at);

    /// Backups of this database that exist, newest first.
    static QStringList existingBackups(const QString &databasePath);

    /// Writes the backup of the database open on the named connection and
    /// returns its path. The connection must not be inside a transaction.
    static Result<QString> write(const QString &connectionName, const QString &databasePath, int schemaVersion,
                                 const QDateTime &at);

    /// integrity_check and the schema version of a database file, opened read-only.
    static Result<void> verify(const QString &path, int expectedSchemaVersion);
};

} // namespace rehabit
