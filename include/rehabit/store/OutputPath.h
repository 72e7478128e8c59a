#pragma once
// The paths a command may write to, open as its database, or read whole
// (docs/cli.md, "What every command refuses"). Every command that writes a
// file asks checkOutputPath() first, so that no export, handout or other
// output can land on the database, one of the files that belong to it, or
// its backups folder, by any name, symbolic link or hard link.

#include "rehabit/domain/Result.h"

#include <QString>
#include <QStringList>

namespace rehabit {

/// The files that belong to the database at `databasePath`: the file itself,
/// SQLite's -wal, -shm and -journal, the lock file, the quick-check stamp and
/// the restore's temporary copy (whether they exist or not).
QStringList databaseFiles(const QString &databasePath);

/// `path` as the file system resolves it: absolute, with every symbolic link
/// followed (also a link whose target does not exist yet, and the folders of a
/// file that does not exist yet).
QString resolvedPath(const QString &path);

/// Refuses `out` when it is, or resolves to, one of databaseFiles() of
/// `databasePath`, is the same file as one of them (hard link: same device
/// and inode), or lies in the database's backups folder. The error names both
/// paths; nothing is written or created here.
Result<void> checkOutputPath(const QString &out, const QString &databasePath);

/// Refuses a database path that exists and is not a regular file (a folder,
/// a device, a named pipe, a socket), before anything is opened or created
/// beside it. A path that does not exist yet is fine: the store creates it.
Result<void> checkDatabasePath(const QString &databasePath);

/// Refuses an input file that exists and is neither a regular file nor a
/// folder (a device, a named pipe, a socket), which could block or never end.
/// Missing files and folders are left to the reader, which says what they are.
Result<void> checkInputFile(const QString &path);

} // namespace rehabit
