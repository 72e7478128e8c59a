#pragma once
// Backups of a Rehabit database (docs/storage.md, "Backups"): verified copies
// in the folder "backups" next to the database file, written before every
// schema upgrade and at the first start of each day, rotated, and restored in
// place of a damaged or unwanted database. Qt Core only: no QSql type here.

#include "rehabit/domain/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace rehabit {

enum class BackupKind {
    Daily,         ///< the first start of a day; rotated
    BeforeUpgrade, ///< written before a schema migration; kept
    BeforeRestore, ///< the database file as it was before a restore replaced it; kept, not verified
};

struct BackupInfo {
    QString path;
    BackupKind kind = BackupKind::Daily;
    int schemaVersion = 0; ///< from the file name; 0 for BeforeRestore (the file may be damaged)
    QDateTime takenAt;     ///< UTC, from the file name
    qint64 bytes = 0;
};

/// How many daily backups a rotation keeps: the newest of each of the last
/// `days` days, `weeks` ISO weeks and `months` months that have one (UTC).
struct BackupRotation {
    int days = 7;
    int weeks = 4;
    int months = 6;
};

/// "<folder of the database>/backups".
QString backupFolder(const QString &databasePath);

/// Every backup of this database in its backup folder, newest first.
QList<BackupInfo> listBackups(const QString &databasePath);

/// The newest Daily or BeforeUpgrade backup: the one `rehabit-cli restore
/// --latest` restores and the app offers for a damaged database.
std::optional<BackupInfo> latestBackup(const QString &databasePath);

/// Writes a verified backup of the database file, a consistent snapshot even
/// while another connection or program writes: VACUUM INTO a temporary name
/// on a read-only connection of its own, the full check of the copy, then a
/// rename. Takes no lock. A failed backup leaves no file behind.
Result<BackupInfo> writeBackup(const QString &databasePath, BackupKind kind, const QDateTime &at);

struct DailyBackup {
    std::optional<BackupInfo> written; ///< empty when today's backup already existed
    QStringList removed;               ///< older daily backups the rotation deleted
};

/// At most one Daily backup per UTC day, then the rotation. Call it while
/// holding the database open (its lock), so that no two programs rotate at once.
Result<DailyBackup> writeDailyBackup(const QString &databasePath, const QDateTime &now,
                                     const BackupRotation &rotation = {});

/// What a daily backup is doing, for a progress display.
enum class BackupStep {
    Copying,               ///< VACUUM INTO a temporary file next to its final name
    Checking,              ///< integrity_check of that copy
    CopyingToSecondFolder, ///< the checked backup copied into the second folder
    CheckingSecondFolder,  ///< integrity_check of the copy there
};

struct BackupProgress {
    BackupStep step = BackupStep::Copying;
    QString file;             ///< the file being written or checked (a temporary name until it is checked)
    qint64 expectedBytes = 0; ///< about how large the copy grows: the database's (or the source backup's) size
};

/// Hooks of a daily backup that runs while the program goes on. Both are
/// called on the thread that backs up.
struct BackupControl {
    std::function<void(const BackupProgress &)> progress;
    /// Asked between the steps and while a file is copied: true stops the
    /// backup; the temporary file is removed, no file gets a backup's name.
    std::function<bool()> cancelled;
};

/// Today's daily backups: the backups folder next to the database, and the
/// second folder the user chose (another disk, a stick) when one is set.
struct DailyBackups {
    Result<DailyBackup> main = DailyBackup{};
    QString secondFolder; ///< this database's folder in the second folder (secondBackupFolderFor()); empty when none is set
    Result<DailyBackup> second = DailyBackup{}; ///< the second folder's; an error when it is missing or failed
    bool cancelled = false;                     ///< BackupControl::cancelled stopped it
};

/// writeDailyBackup() into the backups folder, then the same into
/// `secondFolder` unless it is empty (into this database's folder there,
/// secondBackupFolderFor()): today's backup copied there (or, when
/// the main backup failed, written there directly), verified the same way,
/// and the same rotation. A second folder that is missing (a stick not
/// plugged in), is not a folder, or is the database's own folder or its
/// backups folder is skipped with an error in `second`; the main backup is
/// written all the same. The folder is never created.
DailyBackups writeDailyBackups(const QString &databasePath, const QDateTime &now, const QString &secondFolder,
                               const BackupControl &control = {}, const BackupRotation &rotation = {});

/// "<secondFolder>/<database file name>-<8 hex digits>": the folder in the
/// second backup folder that holds this database's copies. The digits are of
/// a hash of the database's resolved path, so that two databases of the same
/// file name (the default one and a --db) never take (or rotate) each other's
/// copies when they share a second folder.
QString secondBackupFolderFor(const QString &secondFolder, const QString &databasePath);

/// This database's backups in the second folder (in secondBackupFolderFor()), newest first.
QList<BackupInfo> listSecondFolderBackups(const QString &secondFolder, const QString &databasePath);

/// The second backup folder, from the settings the app and the CLI share
/// (QSettings "backup/secondFolder"); empty when none is set.
QString secondBackupFolder();

/// The checks a second backup folder passes, when it is set and before each
/// backup: it exists and is a folder (never created: an unplugged stick's
/// mount point is not the stick), and it is neither the database's own
/// folder nor in its backups folder (checkOutputPath()), by any name or link.
Result<void> checkSecondBackupFolder(const QString &folder, const QString &databasePath);

/// Stores `folder` as the second backup folder after checkSecondBackupFolder();
/// an empty `folder` clears the setting. Returns the folder as stored (absolute).
Result<QString> setSecondBackupFolder(const QString &folder, const QString &databasePath);

/// True when `folder` is on the same file system (disk) as the database: a
/// second folder there does not survive the loss of that disk.
bool onSameDisk(const QString &folder, const QString &databasePath);

/// The Daily backups of `backups` that the rotation deletes; other kinds are never deleted.
QList<BackupInfo> rotationSurplus(const QList<BackupInfo> &backups, const BackupRotation &rotation);

/// The checks a backup passes before it may replace a database: a SQLite
/// file with Rehabit's application id, a schema version from 1 to the
/// current one, and the whole check of rehabit-cli check (the schema of its
/// version, integrity_check, the schema's rules row by row, foreign keys,
/// the log's numbering). Opened read-only; changes nothing.
Result<void> verifyBackup(const QString &backupPath);

struct RestoreOutcome {
    QString restoredFrom; ///< the backup file
    QString safetyCopy;   ///< the replaced database file, kept in the backup folder; empty if there was none
};

/// Replaces the database by a backup: verifies the backup, takes the
/// database's lock (refused while another program has it open), copies the
/// backup beside the database and verifies the copy, keeps the current file
/// (and its -wal) as a BeforeRestore copy, removes the old -wal/-shm/-journal
/// and renames the copy over the database. On any error before the rename,
/// the database is as it was.
Result<RestoreOutcome> restoreBackup(const QString &databasePath, const QString &backupPath, const QDateTime &now);

/// The backup to offer when the database cannot be opened: latestBackup(),
/// if the file exists and is damaged, cut short or not a Rehabit database.
/// Nothing for a newer schema version, a read-only file or a missing folder,
/// where replacing the file is not the remedy. Reads only; takes no lock.
std::optional<BackupInfo> backupToOffer(const QString &databasePath);

} // namespace rehabit
