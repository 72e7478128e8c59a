#include "shell/RestoreDialog.h"

#include "rehabit/platform/ApplicationIdentity.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rehabit {
namespace {

QString kindText(BackupKind kind)
{
    switch (kind) {
    case BackupKind::Daily: return RestoreDialog::tr("Daily backup");
    case BackupKind::BeforeUpgrade: return RestoreDialog::tr("Before an upgrade");
    case BackupKind::BeforeRestore: break;
    }
    return RestoreDialog::tr("Database as it was before a restore");
}

QSettings settings()
{
    return QSettings(settingsOrganization(), QCoreApplication::applicationName());
}

const QString GeometryKey = QStringLiteral("restoreDialog/geometry");

} // namespace

QString backupTimeText(const QDateTime &takenAt)
{
    const QDateTime local = takenAt.toLocalTime();
    const QLocale locale;
    return RestoreDialog::tr("%1, %2").arg(locale.toString(local.date(), QLocale::LongFormat),
                                           locale.toString(local.time(), QLocale::ShortFormat));
}

RestoreDialog::RestoreDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
    , m_backups(listBackups(databasePath))
    , m_list(new QTreeWidget)
{
    setWindowTitle(tr("Restore from a backup"));
    auto *intro = new QLabel(
        tr("Choose the backup to put in place of the database %1. Everything saved after that backup was taken "
           "will no longer be in the database; the database as it is now is kept as a copy in %2.")
            .arg(QDir::toNativeSeparators(databasePath), QDir::toNativeSeparators(backupFolder(databasePath))));
    intro->setWordWrap(true);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_list->setHeaderLabels({tr("Taken"), tr("Kind"), tr("Size"), tr("File")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setAccessibleName(tr("Backups"));
    const QLocale locale;
    // The second backup folder's copies too (another disk, a stick), named by their whole path.
    const QString second = secondBackupFolder();
    const qsizetype inBackupsFolder = m_backups.size();
    if (!second.isEmpty() && checkSecondBackupFolder(second, databasePath))
        m_backups << listSecondFolderBackups(second, databasePath);
    for (qsizetype i = 0; i < m_backups.size(); ++i) {
        const BackupInfo &b = m_backups.at(i);
        const QString file =
            i < inBackupsFolder ? QFileInfo(b.path).fileName() : QDir::toNativeSeparators(QFileInfo(b.path).filePath());
        auto *item = new QTreeWidgetItem(m_list, {backupTimeText(b.takenAt), kindText(b.kind),
                                                  locale.formattedDataSize(b.bytes), file});
        item->setData(0, Qt::UserRole, b.path);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *empty = new QLabel(tr("There are no backups of this database yet in %1. Rehabit writes one at the first "
                                "start of each day.")
                                 .arg(QDir::toNativeSeparators(backupFolder(databasePath))));
    empty->setWordWrap(true);
    empty->setVisible(m_backups.isEmpty());
    m_list->setVisible(!m_backups.isEmpty());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_restore = buttons->addButton(tr("&Restore\u2026"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &RestoreDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RestoreDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &RestoreDialog::updateButton);
    connect(m_list, &QTreeWidget::itemActivated, this, &RestoreDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(empty);
    layout->addWidget(buttons);

    // The newest daily or before-upgrade backup first, not a copy kept before a restore.
    const auto latest = latestBackup(databasePath);
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (!m_list->currentItem() || (latest && item->data(0, Qt::UserRole).toString() == latest->path))
            m_list->setCurrentItem(item);
    }
    m_list->setFocus();
    updateButton();
    if (!restoreGeometry(settings().value(GeometryKey).toByteArray()))
        resize(760, 380);
}

RestoreDialog::~RestoreDialog()
{
    QSettings s = settings();
    s.setValue(GeometryKey, saveGeometry());
}

void RestoreDialog::updateButton()
{
    m_restore->setEnabled(m_list->currentItem() != nullptr);
}

void RestoreDialog::accept()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString path = item->data(0, Qt::UserRole).toString();
    QMessageBox box(QMessageBox::Question, tr("Restore from a backup"),
                    tr("Replace the database with the backup of %1?").arg(item->text(0)), QMessageBox::NoButton, this);
    box.setInformativeText(tr("Everything saved after that time will no longer be in the database. The database as "
                              "it is now is kept as a copy in %1. Rehabit closes the database, restores the backup "
                              "and opens it again.")
                               .arg(QDir::toNativeSeparators(backupFolder(m_databasePath))));
    QPushButton *restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != restore)
        return;
    m_chosen = path;
    QDialog::accept();
}

} // namespace rehabit
