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

class MainWindow;
class Store;

/// Opens the database. When it cannot be opened, says why in a message box
/// naming the file; when the file is damaged and a backup exists, the box
/// offers "Restore from backup of <date>" and "Choose another backup…". After
/// a restore the database is opened again. Null when the user gives up.
std::unique_ptr<Store> openDatabaseOrOfferRestore(const QString &path, QWidget *parent = nullptr);

/// Restores a backup (the database must be closed), with a wait cursor, and
/// says how it went. True if the backup is now the database.
bool restoreWithMessages(const QString &databasePath, const QString &backupPath, QWidget *parent = nullptr);

/// Today's backup if it is due, and the rotation; a failure is shown as a
/// warning and the program goes on. Nothing for a database that did not
/// exist before this start.
void writeDailyBackupWithWarning(const QString &databasePath, bool databaseExisted, QWidget *parent = nullptr);

/// File > Restore from backup of the window: the chosen and confirmed backup
/// is put into `pending` and the window closed, so that main() can close the
/// store, restore, and open everything again. Refused while a session runs.
void connectRestoreFromBackup(MainWindow &window, const QString &databasePath, std::optional<QString> &pending);

} // namespace rehabit
