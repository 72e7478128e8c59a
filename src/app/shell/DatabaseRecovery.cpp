#include "shell/DatabaseRecovery.h"

#include "shell/BackgroundBackup.h"
#include "shell/MainWindow.h"
#include "shell/RestoreDialog.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Backups.h"
#include "rehabit/store/OutputPath.h"
#include "rehabit/store/Store.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::DatabaseRecovery", text);
}

/// A choice made in the box shown when the database does not open.
enum class Choice { Quit, RestoreLatest, ChooseBackup, OpenOther, CreateNew };

Choice askAfterFailedOpen(const QString &path, const Error &error, const std::optional<BackupInfo> &offer,
                          bool offerOther, QWidget *parent)
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
    QPushButton *other = offerOther ? box.addButton(tr("&Open another file\u2026"), QMessageBox::ActionRole) : nullptr;
    QPushButton *create =
        offerOther ? box.addButton(tr("Create a &new database\u2026"), QMessageBox::ActionRole) : nullptr;
    box.addButton(tr("&Quit"), QMessageBox::RejectRole);
    box.exec();
    if (latest && box.clickedButton() == latest)
        return Choice::RestoreLatest;
    if (choose && box.clickedButton() == choose)
        return Choice::ChooseBackup;
    if (other && box.clickedButton() == other)
        return Choice::OpenOther;
    if (create && box.clickedButton() == create)
        return Choice::CreateNew;
    return Choice::Quit;
}

const QString databaseFilter()
{
    return tr("Rehabit databases (*.sqlite *.db);;All files (*)");
}

/// Another existing file to open; empty if the user cancelled.
QString askOtherDatabase(const QString &current, QWidget *parent)
{
    return QFileDialog::getOpenFileName(parent, tr("Open a Rehabit database"), QFileInfo(current).absolutePath(),
                                        databaseFilter());
}

/// A new file's name (it must not exist: a new database never replaces a file); empty if cancelled.
QString askNewDatabase(const QString &current, QWidget *parent)
{
    for (;;) {
        const QString chosen =
            QFileDialog::getSaveFileName(parent, tr("Create a new Rehabit database"),
                                         QFileInfo(current).absoluteDir().filePath(QStringLiteral("rehabit.sqlite")),
                                         databaseFilter(), nullptr, QFileDialog::DontConfirmOverwrite);
        if (chosen.isEmpty() || !QFileInfo::exists(chosen))
            return chosen;
        QMessageBox::warning(parent, tr("The file exists"),
                             tr("%1 exists already, and a new database never replaces a file. Choose another name, or "
                                "use \u201cOpen another file\u201d to open it.")
                                 .arg(QDir::toNativeSeparators(chosen)));
    }
}

} // namespace

std::unique_ptr<Store> openDatabaseOrOfferRestore(const QString &path, QWidget *parent, QString *openedPath)
{
    QString current = path;
    for (;;) {
        // A device, a FIFO or a folder is refused before anything is made beside it.
        auto opened = [&current]() -> Result<std::unique_ptr<Store>> {
            if (auto usable = checkDatabasePath(current); !usable)
                return usable.error();
            return openSqliteStore(current);
        }();
        if (opened) {
            if (openedPath)
                *openedPath = current;
            return std::move(opened).value();
        }
        const auto offer = backupToOffer(current);
        QString backup;
        const Choice choice = askAfterFailedOpen(current, opened.error(), offer, openedPath != nullptr, parent);
        switch (choice) {
        case Choice::Quit: return nullptr;
        case Choice::RestoreLatest: backup = offer->path; break;
        case Choice::ChooseBackup: {
            RestoreDialog dialog(current, parent);
            if (dialog.exec() != QDialog::Accepted)
                continue; // back to the message, which still offers the newest backup
            backup = dialog.chosenBackup();
            break;
        }
        case Choice::OpenOther:
        case Choice::CreateNew: {
            const QString chosen =
                choice == Choice::OpenOther ? askOtherDatabase(current, parent) : askNewDatabase(current, parent);
            if (!chosen.isEmpty())
                current = chosen;
            continue; // open it, or back to the message
        }
        }
        if (!backup.isEmpty())
            restoreWithMessages(current, backup, parent);
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

void startDailyBackup(BackgroundBackup &backup, MainWindow &window, const QString &databasePath, bool databaseExisted)
{
    if (!databaseExisted)
        return; // a new database holds nothing to keep yet
    backup.showIn(window.statusBar());
    // After the window is shown: at the next turn of the event loop.
    QTimer::singleShot(0, &backup,
                       [&backup, databasePath] { backup.start(databasePath, secondBackupFolder(), Clock::nowUtc()); });
}

void chooseSecondBackupFolder(const QString &databasePath, QWidget *parent)
{
    const QString current = secondBackupFolder();
    const QString main = QDir::toNativeSeparators(backupFolder(databasePath));
    QMessageBox box(QMessageBox::Question, tr("Second backup folder"),
                    current.isEmpty()
                        ? tr("Rehabit keeps its daily backups in %1, on this computer's disk. Choose a second folder, "
                             "on another disk or a stick, so that losing this disk does not lose the record.")
                              .arg(main)
                        : tr("Each day's backup is kept in %1 and copied to %2, checked and rotated like the main "
                             "ones. When the folder is not there (a stick not plugged in), the copy is skipped with "
                             "a warning and made at the next start.")
                              .arg(main, QDir::toNativeSeparators(current)),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("secondBackupFolderBox"));
    QPushButton *choose = box.addButton(tr("&Choose a folder\u2026"), QMessageBox::AcceptRole);
    QPushButton *clear =
        current.isEmpty() ? nullptr : box.addButton(tr("&Stop copying there"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Close);
    box.setDefaultButton(choose);
    box.exec();
    if (clear && box.clickedButton() == clear) {
        if (const auto cleared = setSecondBackupFolder(QString(), databasePath); !cleared)
            QMessageBox::warning(parent, tr("Second backup folder"), cleared.error().text());
        return;
    }
    if (box.clickedButton() != choose)
        return;
    const QString folder = QFileDialog::getExistingDirectory(parent, tr("Second backup folder"),
                                                             current.isEmpty() ? QDir::homePath() : current);
    if (folder.isEmpty())
        return;
    const auto set = setSecondBackupFolder(folder, databasePath);
    if (!set) {
        QMessageBox::warning(parent, tr("This folder cannot hold the second backups"),
                             tr("%1\n\nThe second backup folder is unchanged.").arg(set.error().text()));
        return;
    }
    QString text =
        tr("Each day's backup is now also copied to %1, from the next start on.").arg(QDir::toNativeSeparators(*set));
    if (onSameDisk(*set, databasePath))
        text += u' '
                + tr("This folder is on the same disk as the database: a folder on another disk or a stick "
                     "keeps the record if this disk is lost.");
    QMessageBox::information(parent, tr("Second backup folder"), text);
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
    QObject::connect(&window, &MainWindow::secondBackupFolderRequested, &window,
                     [&window, databasePath] { chooseSecondBackupFolder(databasePath, &window); });
}

} // namespace rehabit
