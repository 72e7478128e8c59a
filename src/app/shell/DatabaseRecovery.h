#pragma once
// DatabaseRecovery: the app's side of backups. Opening the database with a
// restore offered when it is damaged, the daily backup at the first start of
// the day, and the restore chosen from the running window (File > Restore
// from backup), which main() carries out after the window and the store are
// closed (docs/storage.md, "Backups").

#include <QString>

#include <memory>
#include <optional>

class QWidget;

namespace rehabit {

class BackgroundBackup;
class MainWindow;
class Store;

/// Opens the database. When it cannot be opened (damaged, missing folder,
/// read-only, held by another program, not a database, a device), says why in
/// a message box naming the file; when a backup exists, the box offers
/// "Restore from backup of <date>" and "Choose another backup…". After a
/// restore the database is opened again. With `openedPath`, the box also
/// offers "Open another file…" and "Create a new database…" (a name that
/// does not exist yet), and `openedPath` receives the file that was opened.
/// Null when the user gives up (Quit).
std::unique_ptr<Store> openDatabaseOrOfferRestore(const QString &path, QWidget *parent = nullptr,
                                                  QString *openedPath = nullptr);

/// Restores a backup (the database must be closed), with a wait cursor, and
/// says how it went. True if the backup is now the database.
bool restoreWithMessages(const QString &databasePath, const QString &backupPath, QWidget *parent = nullptr);

/// Today's backup if it is due, and the rotation, into the backups folder
/// and the second backup folder when one is set: started once the window is
/// shown, on a thread of its own, with its progress and outcome (a failure,
/// a missing second folder) in the window's status bar; the program goes on
/// meanwhile. Nothing for a database that did not exist before this start.
void startDailyBackup(BackgroundBackup &backup, MainWindow &window, const QString &databasePath, bool databaseExisted);

/// File > Second backup folder…: says which folder is set, and lets the user
/// choose one (QFileDialog) or stop copying there. The folder is checked
/// (it exists; not the database's folder nor its backups folder) before it
/// is kept in the settings the CLI shares.
void chooseSecondBackupFolder(const QString &databasePath, QWidget *parent);

/// File > Restore from backup of the window: the chosen and confirmed backup
/// is put into `pending` and the window closed, so that main() can close the
/// store, restore, and open everything again. Refused while a session runs.
/// Also connects File > Second backup folder… (chooseSecondBackupFolder()).
void connectRestoreFromBackup(MainWindow &window, const QString &databasePath, std::optional<QString> &pending);

} // namespace rehabit
