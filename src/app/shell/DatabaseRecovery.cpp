#include "shell/DatabaseRecovery.h"

#include "shell/MainWindow.h"
#include "shell/RestoreDialog.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Backups.h"
#include "rehabit/store/Store.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::DatabaseRecovery", text);
}

/// A choice made in the box shown when the database does not open.
enum class Choice { Quit, RestoreLatest, ChooseBackup };

Choice askAfterFailedOpen(const QString &path, const Error &error, const std::optional<BackupInfo> &offer,
                          QWidget *parent)
{
    QMessageBox box(QMessageBox::Critical, tr("Rehabit cannot open its database"), error.text(), QMessageBox::NoButton,
                    parent);
    box.setObjectName(QStringLiteral("openFailedBox"));
    QPushButton *latest = nullptr;
    QPushButton *choose = nullptr;
    if (offer) {
        box.setInformativeText(tr("A backup of %1 exists. Restoring it puts it in place of the database; the file as "
                                  "it is now is kept as a copy in %2.")
                                   .arg(backupTimeText(offer->takenAt), QDir::toNativeSeparators(backupFolder(path))));
        latest =
            box.addButton(tr("Restore from backup of %1").arg(backupTimeText(offer->takenAt)), QMessageBox::AcceptRole);
        choose = box.addButton(tr("Choose another backup\u2026"), QMessageBox::ActionRole);
        box.setDefaultButton(latest);
    }
    box.addButton(tr("&Quit"), QMessageBox::RejectRole);
    box.exec();
    if (latest && box.clickedButton() == latest)
        return Choice::RestoreLatest;
    if (choose && box.clickedButton() == choose)
        return Choice::ChooseBackup;
    return Choice::Quit;
}

} // namespace

std::unique_ptr<Store> openDatabaseOrOfferRestore(const QString &path, QWidget *parent)
{
    for (;;) {
        auto opened = openSqliteStore(path);
        if (opened)
            return std::move(opened).value();
        const auto offer = backupToOffer(path);
        QString backup;
        switch (askAfterFailedOpen(path, opened.error(), offer, parent)) {
        case Choice::Quit: return nullptr;
        case Choice::RestoreLatest: backup = offer->path; break;
        case Choice::ChooseBackup: {
            RestoreDialog dialog(path, parent);
            if (dialog.exec() != QDialog::Accepted)
                continue; // back to the message, which still offers the newest backup
            backup = dialog.chosenBackup();
            break;
        }
        }
        restoreWithMessages(path, backup, parent);
    }
}

bool restoreWithMessages(const QString &databasePath, const QString &backupPath, QWidget *parent)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto restored = restoreBackup(databasePath, backupPath, Clock::nowUtc());
    QApplication::restoreOverrideCursor();
    if (!restored) {
        QMessageBox::critical(parent, tr("The backup was not restored"), restored.error().text());
        return false;
    }
    QString text = tr("The database %1 is now the backup %2.")
                       .arg(QDir::toNativeSeparators(databasePath), QDir::toNativeSeparators(restored->restoredFrom));
    if (!restored->safetyCopy.isEmpty())
        text += u' ' + tr("The database as it was is kept as %1.").arg(QDir::toNativeSeparators(restored->safetyCopy));
    QMessageBox::information(parent, tr("Backup restored"), text);
    return true;
}

void writeDailyBackupWithWarning(const QString &databasePath, bool databaseExisted, QWidget *parent)
{
    if (!databaseExisted)
        return; // a new database holds nothing to keep yet
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto done = writeDailyBackup(databasePath, Clock::nowUtc());
    QApplication::restoreOverrideCursor();
    if (!done)
        QMessageBox::warning(parent, tr("Today's backup was not written"),
                             tr("%1\n\nRehabit goes on; it tries again at the next start.").arg(done.error().text()));
}

void connectRestoreFromBackup(MainWindow &window, const QString &databasePath, std::optional<QString> &pending)
{
    QObject::connect(&window, &MainWindow::restoreFromBackupRequested, &window, [&window, databasePath, &pending] {
        if (window.isShowingSession()) {
            QMessageBox::information(&window, tr("Restore from a backup"),
                                     tr("Finish or stop the session first: a backup cannot replace the database "
                                        "while a session is being saved to it."));
            return;
        }
        RestoreDialog dialog(databasePath, &window);
        if (dialog.exec() != QDialog::Accepted)
            return;
        pending = dialog.chosenBackup();
        window.close();
    });
}

} // namespace rehabit
