// rehabit: parse the command line, open the store, show the window (again
// after File > Restore from backup).
#include "athlete/audio/ModuleCueOutput.h"
#include "handouts/HandoutActions.h"
#include "shell/BackgroundBackup.h"
#include "shell/DatabaseRecovery.h"
#include "shell/MainWindow.h"

#include "rehabit/platform/ApplicationIdentity.h"
#include "rehabit/store/OutputPath.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/engine/SessionClock.h"
#include "rehabit/store/Store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>

#include <optional>
#include <utility>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    rehabit::applyApplicationIdentity();
    QApplication::setDesktopFileName(QStringLiteral("io.github.rehabit.Rehabit"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Rehabit: hip flexor rehab program tracker."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringList{QStringLiteral("db")},
                                QApplication::translate("main", "Use the database file PATH (default: %1).")
                                    .arg(rehabit::defaultDatabasePath()),
                                QApplication::translate("main", "PATH"));
    const QCommandLineOption exitAfterShow(
        QStringList{QStringLiteral("exit-after-show")},
        QApplication::translate("main", "Diagnostic: show the main window, then exit with status 0."));
    parser.addOption(db);
    parser.addOption(exitAfterShow);
    parser.process(app);

    // The database the user may switch from the message shown when it does not open.
    QString path = parser.isSet(db) ? parser.value(db) : rehabit::defaultDatabasePath();
    rehabit::SystemSessionClock clock;
    // File > Restore from backup closes the window; the restore runs once the
    // store is closed too, and everything opens again (shell/DatabaseRecovery.h).
    std::optional<QString> restoreFrom;
    for (;;) {
        if (restoreFrom)
            rehabit::restoreWithMessages(path, *std::exchange(restoreFrom, std::nullopt));
        const QString asked = path;
        const bool existed = QFileInfo(path).size() > 0;
        auto store = rehabit::openDatabaseOrOfferRestore(asked, nullptr, &path);
        if (!store)
            return 1;
        const bool hadData = path == asked ? existed : true; // another file: backed up like any other
        if (auto imported = rehabit::importBundledCatalog(*store); !imported) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Rehabit cannot load its exercise catalog"),
                                  imported.error().text());
            return 1;
        }

        rehabit::MainWindow window(*store, clock, [] { return std::make_unique<rehabit::ModuleCueOutput>(); });
        rehabit::connectRestoreFromBackup(window, path, restoreFrom);
        window.handoutActions()->setDatabasePath(path); // Save handout as PDF refuses the database and its files
        window.show();
        if (parser.isSet(exitAfterShow))
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
        // Today's backup runs once the window is shown, on a thread of its
        // own; leaving the loop (quit, restore) stops it at its next step and
        // waits for it, before the window and the store close.
        rehabit::BackgroundBackup backup;
        rehabit::startDailyBackup(backup, window, path, hadData);
        const int status = app.exec();
        if (!restoreFrom)
            return status;
    }
}
