// Today's backup runs after the window is shown, on a thread of its own
// (shell/BackgroundBackup): the window is there and a session can be logged
// while it runs, its progress and outcome are in the status bar, and
// quitting during it leaves no file under a backup's name.

#include "RehabitCatch.h"

#include "shell/BackgroundBackup.h"
#include "shell/DatabaseRecovery.h"
#include "shell/MainWindow.h"
#include "shell/RestoreDialog.h"

#include "rehabit/engine/SessionClock.h"
#include "rehabit/engine/SessionRunner.h"
#include "rehabit/store/Backups.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/store/Store.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <atomic>

using namespace rehabit;

namespace {

/// Runs the event loop until `done` says so (or a minute passes, a hang).
template <typename Done>
bool processUntil(Done done)
{
    for (int i = 0; i < 6000 && !done(); ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(10);
    }
    return done();
}

/// A database with the catalog and one profile with its program, closed.
QString databaseWithProfile(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("backup.sqlite"));
    auto opened = openSqliteStore(path);
    REQUIRE(opened.ok());
    REQUIRE(importBundledCatalog(**opened).ok());
    SystemSessionClock clock;
    MainWindow window(**opened, clock);
    REQUIRE(window.createProfile(QStringLiteral("Ana")).ok());
    return path;
}

/// Holds the backup's thread at one step until released (or until `quitting`).
struct StepGate {
    explicit StepGate(BackupStep step)
        : at(step)
    {}
    BackupStep at;
    QSemaphore reached;
    QSemaphore release;
    std::atomic<bool> quitting{false};

    std::function<void(const BackupProgress &)> hook()
    {
        return [this](const BackupProgress &p) {
            if (p.step != at)
                return;
            reached.release();
            while (!release.tryAcquire(1, 10) && !quitting) {}
        };
    }
};

bool noTemporaryFiles(const QString &folder)
{
    return QDir(folder).entryList({QStringLiteral("*.tmp")}, QDir::Files).isEmpty();
}

} // namespace

TEST_CASE("the window is shown before today's backup finishes, and a session is logged while it runs", "[app][backup]")
{
    QTemporaryDir dir;
    const QString path = databaseWithProfile(dir);
    auto opened = openSqliteStore(path);
    REQUIRE(opened.ok());
    std::unique_ptr<Store> store = std::move(opened).value();
    SystemSessionClock clock;
    MainWindow window(*store, clock);
    window.show();

    BackgroundBackup backup;
    StepGate gate(BackupStep::Copying);
    backup.setStepHook(gate.hook());
    QSignalSpy finished(&backup, &BackgroundBackup::finished);
    startDailyBackup(backup, window, path, true);
    REQUIRE(processUntil([&] { return gate.reached.available() > 0; }));

    // The backup is running: the window is up, the status bar says so, and a session starts and logs.
    CHECK(window.isVisible());
    CHECK(backup.isRunning());
    CHECK(finished.isEmpty());
    const auto *status = window.statusBar()->findChild<QLabel *>(QStringLiteral("backupStatus"));
    REQUIRE(status != nullptr);
    CHECK(status->isVisibleTo(&window));
    REQUIRE(processUntil([&] { return status->text().contains(QStringLiteral("Backing up")); }));
    const auto programs = store->programs(window.currentProfile());
    REQUIRE(programs.ok());
    REQUIRE_FALSE(programs->isEmpty());
    const auto started = window.startSession(programs->first().id);
    INFO((started ? QString() : started.error().text()).toStdString());
    REQUIRE(started.ok());
    CHECK(window.isShowingSession());
    const auto sessions = store->sessions(window.currentProfile());
    REQUIRE(sessions.ok());
    REQUIRE(sessions->size() == 1);
    CHECK(backup.isRunning());

    gate.release.release();
    REQUIRE(processUntil([&] { return !finished.isEmpty(); }));
    REQUIRE(backup.outcome().has_value());
    const DailyBackups &outcome = *backup.outcome();
    REQUIRE(outcome.main.ok());
    REQUIRE(outcome.main->written.has_value());
    CHECK(verifyBackup(outcome.main->written->path).ok());
    CHECK(status->text().contains(QStringLiteral("written and checked")));
    CHECK(noTemporaryFiles(backupFolder(path)));
}

TEST_CASE("quitting during today's backup stops it cleanly: no file under a backup's name, no temporary file",
          "[app][backup]")
{
    for (const BackupStep step : {BackupStep::Copying, BackupStep::Checking}) {
        for (const bool destroyed : {false, true}) {
            INFO("quit at step " << int(step) << (destroyed ? ", the backup destroyed" : ", cancelAndWait()"));
            QTemporaryDir dir;
            const QString path = databaseWithProfile(dir);
            {
                StepGate gate(step);
                BackgroundBackup backup;
                backup.setStepHook(gate.hook());
                backup.start(path, QString(), QDateTime::currentDateTimeUtc());
                REQUIRE(processUntil([&] { return gate.reached.available() > 0; }));
                CHECK(backup.isRunning());
                gate.quitting = true;
                if (!destroyed) { // else main() leaving its loop destroys it, which stops it the same way
                    backup.cancelAndWait();
                    REQUIRE(backup.outcome().has_value());
                    CHECK(backup.outcome()->cancelled);
                }
            }
            CHECK(listBackups(path).isEmpty());
            CHECK(noTemporaryFiles(backupFolder(path)));
        }
    }
}

TEST_CASE("a missing second backup folder is a warning in the status bar, and the main backup is written",
          "[app][backup]")
{
    QTemporaryDir dir;
    const QString path = databaseWithProfile(dir);
    auto opened = openSqliteStore(path);
    REQUIRE(opened.ok());
    SystemSessionClock clock;
    MainWindow window(**opened, clock);
    window.show();
    const QString stick = dir.filePath(QStringLiteral("stick")); // not plugged in

    BackgroundBackup backup;
    backup.showIn(window.statusBar());
    QSignalSpy finished(&backup, &BackgroundBackup::finished);
    backup.start(path, stick, QDateTime::currentDateTimeUtc());
    REQUIRE(processUntil([&] { return !finished.isEmpty(); }));
    REQUIRE(backup.outcome()->main.ok());
    CHECK(listBackups(path).size() == 1);
    const QString text = backup.statusText();
    CHECK(text.contains(QStringLiteral("written and checked")));
    CHECK(text.contains(QDir::toNativeSeparators(stick)));
    CHECK(text.contains(QStringLiteral("plugged in")));

    // File > Second backup folder… is there to choose or clear it.
    CHECK(window.findChild<QAction *>(QStringLiteral("secondBackupFolderAction")) != nullptr);
}

TEST_CASE("the restore dialog lists the second backup folder's copies too, by their whole path", "[app][backup]")
{
    QTemporaryDir dir;
    const QString path = databaseWithProfile(dir);
    const QString stick = dir.filePath(QStringLiteral("stick"));
    REQUIRE(QDir().mkpath(stick));
    const DailyBackups done = writeDailyBackups(path, QDateTime::currentDateTimeUtc(), stick);
    REQUIRE(done.second.ok());
    REQUIRE(done.second->written.has_value());
    REQUIRE(setSecondBackupFolder(stick, path).ok());

    {
        RestoreDialog dialog(path);
        REQUIRE(dialog.list()->topLevelItemCount() == 2);
        CHECK(dialog.list()->topLevelItem(0)->text(3) == QFileInfo(done.main->written->path).fileName());
        CHECK(dialog.list()->topLevelItem(1)->text(3) == QDir::toNativeSeparators(done.second->written->path));
        CHECK(dialog.list()->topLevelItem(1)->data(0, Qt::UserRole).toString() == done.second->written->path);
    }
    REQUIRE(setSecondBackupFolder(QString(), path).ok());
    RestoreDialog without(path);
    CHECK(without.list()->topLevelItemCount() == 1);
}
