// The app with a damaged database, as main() opens it: the message names the
// file and what is wrong, the file is not changed, and where a backup exists
// "Restore from backup of <date>" is offered and works. The restore dialog
// lists the backups with date and size and asks before it replaces anything;
// File > Restore from backup hands the choice to main() and closes the window.

#include "RehabitCatch.h"
#include "TestFiles.h"

#include "shell/DatabaseRecovery.h"
#include "shell/MainWindow.h"
#include "shell/RestoreDialog.h"

#include "rehabit/store/Backups.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/store/DamageMark.h"
#include "rehabit/engine/SessionClock.h"
#include "rehabit/store/Store.h"

#include <QAction>
#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QTest>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QtEndian>

#include <functional>

using namespace rehabit;
using namespace rehabit::test;

namespace {

/// A database with the bundled catalog and one profile named `name`, closed.
void makeDatabase(const QString &path, const QString &name)
{
    auto store = openSqliteStore(path);
    REQUIRE(store.ok());
    REQUIRE(importBundledCatalog(**store).ok());
    REQUIRE((*store)->addPatient(name, QDateTime::currentDateTimeUtc()).ok());
}

QStringList patientNames(Store &store)
{
    const auto patients = store.patients(true);
    REQUIRE(patients.ok());
    QStringList names;
    for (const Patient &p : *patients)
        names << p.name;
    return names;
}

/// Answers the modal dialogs the code under test opens, one handler per
/// dialog, in order (a person clicking through them).
class ModalAnswers {
public:
    ModalAnswers()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || modal == m_last || m_handlers.isEmpty())
                return;
            m_last = modal;
            // Queued, not from the timer: a handler whose click opens another
            // modal dialog must leave this timer free to answer that one.
            QMetaObject::invokeMethod(
                modal, [handler = m_handlers.takeFirst(), modal] { handler(modal); }, Qt::QueuedConnection);
        });
        m_timer.start();
    }
    void then(std::function<void(QWidget *)> handler) { m_handlers << std::move(handler); }
    bool allAnswered() const { return m_handlers.isEmpty(); }

private:
    QTimer m_timer;
    QPointer<QWidget> m_last;
    QList<std::function<void(QWidget *)>> m_handlers;
};

QStringList buttonTexts(QMessageBox *box)
{
    QStringList texts;
    for (QAbstractButton *b : box->buttons())
        texts << b->text();
    return texts;
}

void click(QMessageBox *box, const QString &text)
{
    for (QAbstractButton *b : box->buttons())
        if (b->text() == text) {
            b->click();
            return;
        }
    FAIL("no button " << text.toStdString() << " in " << buttonTexts(box).join(QStringLiteral(" / ")).toStdString());
}

/// What the box shown for a database that does not open said.
struct Seen {
    QString text;
    QString informative;
    QStringList buttons;
};

std::function<void(QWidget *)> recordAndClick(Seen &seen, const QString &button)
{
    return [&seen, button](QWidget *w) {
        auto *box = qobject_cast<QMessageBox *>(w);
        REQUIRE(box);
        seen = {box->text(), box->informativeText(), buttonTexts(box)};
        click(box, button);
    };
}

std::function<void(QWidget *)> clickOk()
{
    return [](QWidget *w) {
        auto *box = qobject_cast<QMessageBox *>(w);
        REQUIRE(box);
        box->button(QMessageBox::Ok)->click();
    };
}

const QString Quit = QStringLiteral("&Quit");

QString offerText(const BackupInfo &backup)
{
    return QStringLiteral("Restore from backup of %1").arg(backupTimeText(backup.takenAt));
}

} // namespace

TEST_CASE(
    "A database that does not open is named with what is wrong, left unchanged, and a backup offered if one helps")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    makeDatabase(path, QStringLiteral("Ana"));
    const QByteArray good = readBytes(path);
    const auto backup = writeBackup(path, BackupKind::Daily, QDateTime::currentDateTimeUtc().addDays(-1));
    REQUIRE(backup.ok());

    QByteArray zeroed = good;
    zeroed.replace(4096, 4096, QByteArray(4096, '\0'));
    QByteArray newer = good;
    qToBigEndian<quint32>(999, reinterpret_cast<uchar *>(newer.data()) + 60); // PRAGMA user_version
    struct Case {
        const char *name;
        QByteArray bytes;
        const char *says;
        bool offered;
    };
    const QList<Case> cases{
        {"garbage", QByteArray(20000, '\x33'), "not a SQLite database", true},
        {"truncated", good.left(good.size() / 2), "cut short", true},
        {"zeroed page", zeroed, "damaged", true},
        {"newer schema", newer, "newer", false},
        {"read-only file", good, "read-only", false},
    };
    // The files beside the database but for the damaged mark that the quick
    // check's finding writes, and the stamp that marking removes.
    const auto filesBeside = [&dir] {
        QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
        files.removeIf([](const QString &name) {
            return name.endsWith(QStringLiteral(".damaged")) || name.endsWith(QStringLiteral(".checked"));
        });
        return files;
    };
    for (const Case &c : cases) {
        INFO(c.name);
        // Each case is another file put in place of the database by hand: the
        // damaged mark the quick check left for the one before would stand.
        QFile::remove(path + QStringLiteral(".damaged"));
        REQUIRE(writeBytes(path, c.bytes));
        const bool readOnly = QByteArray(c.name) == "read-only file";
        if (readOnly)
            REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner));
        const QByteArray before = sha256(path);
        const QStringList filesBefore = filesBeside();
        Seen seen;
        ModalAnswers answers;
        answers.then(recordAndClick(seen, Quit));
        const auto store = openDatabaseOrOfferRestore(path);
        CHECK(answers.allAnswered());
        CHECK_FALSE(store);
        INFO(seen.text.toStdString());
        CHECK(seen.text.contains(QDir::toNativeSeparators(path)));
        CHECK(seen.text.contains(QLatin1String(c.says)));
        CHECK(seen.buttons.contains(offerText(*backup)) == c.offered);
        if (c.offered)
            CHECK(seen.informative.contains(QDir::toNativeSeparators(backupFolder(path))));
        CHECK(sha256(path) == before);
        CHECK(filesBeside() == filesBefore);
        if (readOnly)
            REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    }
    SECTION("a folder that does not exist: said, not created, nothing offered")
    {
        const QString nowhere = dir.filePath(QStringLiteral("nowhere/rehabit.sqlite"));
        Seen seen;
        ModalAnswers answers;
        answers.then(recordAndClick(seen, Quit));
        CHECK_FALSE(openDatabaseOrOfferRestore(nowhere));
        CHECK(seen.text.contains(QDir::toNativeSeparators(dir.filePath(QStringLiteral("nowhere")))));
        CHECK(seen.buttons == QStringList{Quit});
        CHECK_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("nowhere"))));
    }
    SECTION("a damaged file without a backup: nothing offered")
    {
        const QString lone = dir.filePath(QStringLiteral("lone.sqlite"));
        REQUIRE(writeBytes(lone, QByteArray(20000, '\x33')));
        Seen seen;
        ModalAnswers answers;
        answers.then(recordAndClick(seen, Quit));
        CHECK_FALSE(openDatabaseOrOfferRestore(lone));
        CHECK(seen.buttons == QStringList{Quit});
    }
}

TEST_CASE("A database marked damaged by check is offered a restore, not written, and opens once restored")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    makeDatabase(path, QStringLiteral("Ana"));
    const auto backup = writeBackup(path, BackupKind::Daily, QDateTime::currentDateTimeUtc().addDays(-1));
    REQUIRE(backup.ok());
    StoreHealth failed; // what 'rehabit-cli check' records for a file that fails it
    failed.integrityOk = true;
    failed.ruleProblems << QStringLiteral("row 7 of table session_event breaks the rule CHECK (pain BETWEEN 0 AND 10)");
    REQUIRE(recordCheckResult(path, failed, QDateTime::currentDateTimeUtc()).ok());
    const QByteArray before = sha256(path);
    const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);

    Seen seen;
    ModalAnswers answers;
    answers.then(recordAndClick(seen, Quit));
    CHECK_FALSE(openDatabaseOrOfferRestore(path));
    CHECK(answers.allAnswered());
    INFO(seen.text.toStdString());
    CHECK(seen.text.contains(QStringLiteral("marked")));
    CHECK(seen.text.contains(QStringLiteral("pain BETWEEN 0 AND 10")));
    CHECK(seen.buttons.contains(offerText(*backup)));
    CHECK(sha256(path) == before);
    CHECK(QDir(dir.path()).entryList(QDir::Files, QDir::Name) == files);

    ModalAnswers restore;
    restore.then(recordAndClick(seen, offerText(*backup)));
    restore.then(clickOk()); // "Backup restored"
    auto store = openDatabaseOrOfferRestore(path);
    CHECK(restore.allAnswered());
    REQUIRE(store);
    CHECK_FALSE(damageMark(path).has_value());
    CHECK(patientNames(*store) == QStringList{QStringLiteral("Ana")});
}

TEST_CASE("Accepting the offer restores the newest backup, keeps the damaged file and opens the database")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    makeDatabase(path, QStringLiteral("Ana"));
    REQUIRE(writeBackup(path, BackupKind::Daily, QDateTime::currentDateTimeUtc().addDays(-2)).ok());
    const auto newest = writeBackup(path, BackupKind::Daily, QDateTime::currentDateTimeUtc().addDays(-1));
    REQUIRE(newest.ok());
    const QByteArray garbage(30000, '\x71');
    REQUIRE(writeBytes(path, garbage));

    Seen seen;
    ModalAnswers answers;
    answers.then(recordAndClick(seen, offerText(*newest)));
    answers.then(clickOk()); // "Backup restored"
    auto store = openDatabaseOrOfferRestore(path);
    CHECK(answers.allAnswered());
    REQUIRE(store);
    CHECK(patientNames(*store) == QStringList{QStringLiteral("Ana")});
    CHECK(store->check()->healthy());
    const auto kept = listBackups(path);
    REQUIRE(kept.first().kind == BackupKind::BeforeRestore);
    CHECK(readBytes(kept.first().path) == garbage);

    // The dialog lists the kept file too, but proposes the newest real backup.
    RestoreDialog dialog(path);
    CHECK(dialog.list()->topLevelItemCount() == 3);
    CHECK(dialog.list()->topLevelItem(0)->text(1) == QStringLiteral("Database as it was before a restore"));
    REQUIRE(dialog.list()->currentItem());
    CHECK(dialog.list()->currentItem()->data(0, Qt::UserRole).toString() == newest->path);
}

TEST_CASE("The restore dialog lists every backup with its date and size, and restores the chosen one after asking")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    makeDatabase(path, QStringLiteral("Ana"));
    const auto older = writeBackup(path, BackupKind::Daily, QDateTime::currentDateTimeUtc().addDays(-3));
    REQUIRE(older.ok());
    {
        auto store = openSqliteStore(path);
        REQUIRE(store.ok());
        REQUIRE((*store)->addPatient(QStringLiteral("Ben"), QDateTime::currentDateTimeUtc()).ok());
    }
    const auto newer = writeBackup(path, BackupKind::Daily, QDateTime::currentDateTimeUtc().addDays(-1));
    REQUIRE(newer.ok());
    REQUIRE(writeBytes(path, QByteArray(20000, '\x33')));

    SECTION("the list")
    {
        RestoreDialog dialog(path);
        QTreeWidget *list = dialog.list();
        REQUIRE(list->topLevelItemCount() == 2);
        const QLocale locale;
        for (int row = 0; row < 2; ++row) {
            const BackupInfo &b = row == 0 ? *newer : *older; // newest first
            const QTreeWidgetItem *item = list->topLevelItem(row);
            CHECK(item->text(0) == backupTimeText(b.takenAt));
            CHECK(item->text(1) == QStringLiteral("Daily backup"));
            CHECK(item->text(2) == locale.formattedDataSize(b.bytes));
            CHECK(item->text(3) == QFileInfo(b.path).fileName());
        }
        CHECK(list->currentItem() == list->topLevelItem(0));
        CHECK(dialog.restoreButton()->isEnabled());

        // Cancelling the question restores nothing.
        ModalAnswers answers;
        const QString newest = backupTimeText(newer->takenAt);
        answers.then([newest](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            REQUIRE(box);
            CHECK(box->text().contains(newest));
            box->button(QMessageBox::Cancel)->click();
        });
        dialog.restoreButton()->click();
        CHECK(answers.allAnswered());
        CHECK(dialog.chosenBackup().isEmpty());
        CHECK(dialog.result() != QDialog::Accepted);
    }
    SECTION("choosing the older backup from the damaged-database message")
    {
        const QByteArray damaged = readBytes(path);
        Seen seen;
        ModalAnswers answers;
        answers.then(recordAndClick(seen, QStringLiteral("Choose another backup\u2026")));
        answers.then([&](QWidget *w) {
            auto *dialog = qobject_cast<RestoreDialog *>(w);
            REQUIRE(dialog);
            dialog->list()->setCurrentItem(dialog->list()->topLevelItem(1));
            dialog->restoreButton()->click();
        });
        answers.then([](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            REQUIRE(box);
            click(box, QStringLiteral("&Restore"));
        });
        answers.then(clickOk());
        auto store = openDatabaseOrOfferRestore(path);
        CHECK(answers.allAnswered());
        REQUIRE(store);
        CHECK(patientNames(*store) == QStringList{QStringLiteral("Ana")}); // as the older backup had it
        CHECK(readBytes(listBackups(path).first().path) == damaged);
    }
}

TEST_CASE("File > Restore from backup chooses a backup, closes the window, and main() restores it")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    makeDatabase(path, QStringLiteral("Ana"));
    const auto backup = writeBackup(path, BackupKind::Daily, QDateTime::currentDateTimeUtc().addDays(-1));
    REQUIRE(backup.ok());
    std::optional<QString> pending;
    {
        auto opened = openSqliteStore(path);
        REQUIRE(opened.ok());
        Store &store = **opened;
        REQUIRE(store.addPatient(QStringLiteral("Ben"), QDateTime::currentDateTimeUtc()).ok());
        SystemSessionClock clock;
        MainWindow window(store, clock);
        connectRestoreFromBackup(window, path, pending);
        window.show();
        auto *action = window.findChild<QAction *>(QStringLiteral("restoreFromBackupAction"));
        REQUIRE(action);
        CHECK(action->text() == QStringLiteral("&Restore from backup\u2026"));

        ModalAnswers answers;
        answers.then([](QWidget *w) {
            auto *dialog = qobject_cast<RestoreDialog *>(w);
            REQUIRE(dialog);
            dialog->restoreButton()->click();
        });
        answers.then([](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            REQUIRE(box);
            click(box, QStringLiteral("&Restore"));
        });
        action->trigger();
        CHECK(answers.allAnswered());
        REQUIRE(pending.has_value());
        CHECK(*pending == backup->path);
        CHECK_FALSE(window.isVisible());
        // While the store is open the restore is refused: the lock is held.
        CHECK_FALSE(restoreBackup(path, *pending, QDateTime::currentDateTimeUtc()).ok());
    }
    ModalAnswers answers;
    answers.then(clickOk());
    CHECK(restoreWithMessages(path, *pending));
    CHECK(answers.allAnswered());
    auto reopened = openSqliteStore(path);
    REQUIRE(reopened.ok());
    CHECK(patientNames(**reopened) == QStringList{QStringLiteral("Ana")});
}

TEST_CASE("A database that does not open offers to open another file or to create a new one")
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("notes.txt"));
    {
        QFile f(bad);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x')); // not a database
    }
    const QByteArray before = sha256(bad);
    const QString good = dir.filePath(QStringLiteral("clinic.sqlite"));
    makeDatabase(good, QStringLiteral("Ben"));
    const auto chooseFile = [](const QString &file) {
        return [file](QWidget *w) {
            auto *dialog = qobject_cast<QFileDialog *>(w);
            REQUIRE(dialog);
            // As a person would: the file's path typed into the name field, then Open (Enter).
            auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
            REQUIRE(name);
            name->setText(file);
            QTest::keyClick(name, Qt::Key_Return);
        };
    };
    Seen seen;
    ModalAnswers answers;
    QString opened;

    SECTION("Open another file")
    {
        answers.then(recordAndClick(seen, QStringLiteral("&Open another file\u2026")));
        answers.then(chooseFile(good));
        auto store = openDatabaseOrOfferRestore(bad, nullptr, &opened);
        CHECK(answers.allAnswered());
        REQUIRE(store);
        CHECK(opened == good);
        CHECK(patientNames(*store) == QStringList{QStringLiteral("Ben")});
    }
    SECTION("Create a new database; a name that exists is refused first")
    {
        const QString fresh = dir.filePath(QStringLiteral("new.sqlite"));
        answers.then(recordAndClick(seen, QStringLiteral("Create a &new database\u2026")));
        answers.then(chooseFile(good)); // exists: a new database never replaces a file
        answers.then(clickOk());
        answers.then(chooseFile(fresh));
        auto store = openDatabaseOrOfferRestore(bad, nullptr, &opened);
        CHECK(answers.allAnswered());
        REQUIRE(store);
        CHECK(opened == fresh);
        CHECK(patientNames(*store).isEmpty());
        store.reset();
        auto again = openSqliteStore(good);
        REQUIRE(again.ok());
        CHECK(patientNames(**again) == QStringList{QStringLiteral("Ben")});
    }
    CHECK(seen.buttons.contains(Quit));
    CHECK(seen.text.contains(bad));
    CHECK(sha256(bad) == before);
}
