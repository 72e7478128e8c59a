#pragma once
// RestoreDialog: the backups of the database with their date, kind and size;
// the chosen one is confirmed before the dialog is accepted. The restore
// itself happens after the database is closed (shell/DatabaseRecovery.h).

#include "rehabit/store/Backups.h"

#include <QDialog>
#include <QList>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace rehabit {

class RestoreDialog : public QDialog {
    Q_OBJECT
public:
    explicit RestoreDialog(const QString &databasePath, QWidget *parent = nullptr);
    ~RestoreDialog() override;

    /// The backup confirmed for restoring; empty until the dialog is accepted.
    QString chosenBackup() const { return m_chosen; }

    QTreeWidget *list() const { return m_list; }
    QPushButton *restoreButton() const { return m_restore; }

    /// Asks for confirmation of the selected backup, then accepts.
    void accept() override;

private:
    void updateButton();

    QString m_databasePath;
    QList<BackupInfo> m_backups;
    QString m_chosen;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_restore = nullptr;
};

/// "Thursday, 26 November 2026, 09:15": a backup's time as the app shows it (local time).
QString backupTimeText(const QDateTime &takenAt);

} // namespace rehabit
