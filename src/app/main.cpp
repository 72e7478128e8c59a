// rehabit: parse the command line, open the store, show the window.
#include "audio/QtCueOutput.h"
#include "ui/MainWindow.h"

#include "rehabit/ApplicationIdentity.h"
#include "rehabit/CatalogImport.h"
#include "rehabit/SessionClock.h"
#include "rehabit/Store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

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

    const QString path = parser.isSet(db) ? parser.value(db) : rehabit::defaultDatabasePath();
    auto store = rehabit::openSqliteStore(path);
    if (!store) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Rehabit cannot open its database"),
                              store.error().text());
        return 1;
    }
    if (auto imported = rehabit::importBundledCatalog(**store); !imported) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Rehabit cannot load its exercise catalog"),
                              imported.error().text());
        return 1;
    }

    rehabit::SystemSessionClock clock;
    rehabit::MainWindow window(**store, clock, [] { return std::make_unique<rehabit::QtCueOutput>(); });
    window.show();
    if (parser.isSet(exitAfterShow))
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    return app.exec();
}
