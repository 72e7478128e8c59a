#pragma once
// DatabaseBackup: the private side of rehabit/store/Backups.h. Backup names,
// listing, writing a verified copy through an open connection (VACUUM INTO a
// temporary name, the full check of the copy, rename) and the checks a file
// passes before it counts as a backup.
//
// Names, in "<folder of the database>/backups":
//   <database file name>.daily-v<schema>-<UTC yyyyMMddTHHmmsszzzZ>.sqlite
//   <database file name>.upgrade-v<schema>-<UTC time>.sqlite
//   <database file name>.before-restore-<UTC time>.sqlite (and -wal)

#include "rehabit/store/Backups.h"

#include <QDateTime>
#include <QString>

#include <optional>

class QFileInfo;

namespace rehabit {

class DatabaseBackup {
public:
    static QString folder(const QString &databasePath);
    static QString path(const QString &databasePath, BackupKind kind, int schemaVersion, const QDateTime &at);
    /// The same name in another folder (the second backup folder).
    static QString pathIn(const QString &folder, const QString &databasePath, BackupKind kind, int schemaVersion,
                          const QDateTime &at);
    /// The backup a file in the backup folder is, if its name is one of this database's.
    static std::optional<BackupInfo> parse(const QString &databasePath, const QFileInfo &file);
    static QList<BackupInfo> list(const QString &databasePath);
    /// This database's backups in `folder`, newest first.
    static QList<BackupInfo> listIn(const QString &folder, const QString &databasePath);

    /// Writes a backup of the database open on the named connection (which
    /// must not be inside a transaction) and returns it. The schema version
    /// is read from the connection and checked in the copy. Into `folder`
    /// when given (which must exist), else the backups folder (created).
    /// `control` reports the steps and may cancel between them.
    static Result<BackupInfo> write(const QString &connectionName, const QString &databasePath, BackupKind kind,
                                    const QDateTime &at, const BackupControl *control = nullptr,
                                    const QString &folder = QString());

    /// Opens its own read-only connection on the database and write()s
    /// through it (writeBackup() with a folder and a control).
    static Result<BackupInfo> writeFromFile(const QString &databasePath, BackupKind kind, const QDateTime &at,
                                            const BackupControl *control, const QString &folder);

    /// The message of a backup stopped through BackupControl::cancelled.
    static QString cancelledMessage();

    /// Opens the file read-only (immutable when it has no -wal file, so that
    /// no -wal or -shm file appears next to it) and checks Rehabit's
    /// application id, the schema version and the whole check of
    /// rehabit-cli check (DatabaseCheck: schema, integrity_check, the rules
    /// row by row, foreign keys, the log's numbering); the version exactly
    /// `expectedVersion` if given, else from 1 to the current one. Returns
    /// the version.
    static Result<int> verify(const QString &path, std::optional<int> expectedVersion);

    /// "<database>.restore.tmp": where a restore copies the backup before the
    /// final rename (DatabaseRestore.cpp). Only a restore holding the
    /// database's lock writes it, so whoever holds the lock and finds one
    /// finds what a killed restore left.
    static QString restoreCopyPath(const QString &databasePath);
};

} // namespace rehabit
