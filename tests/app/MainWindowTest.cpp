// What start-up leaves for later in the main window: the therapist's page (its
// history and search clear button with it) and the catalog's page are made
// only when their tabs are first shown, or a menu command of theirs is used.

#include "RehabitCatch.h"

#include "shell/MainWindow.h"
#include "therapist/HistoryView.h"
#include "therapist/PatientListModel.h"
#include "therapist/TherapistPage.h"

#include "rehabit/engine/SessionClock.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/store/Store.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QUndoStack>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>

using namespace rehabit;

TEST_CASE("the Patients tab builds the therapist's history when first shown", "[app][startup]")
{
    QTemporaryDir dir;
    auto opened = openSqliteStore(dir.filePath(QStringLiteral("window.sqlite")));
    REQUIRE(opened.ok());
    std::unique_ptr<Store> store = std::move(opened).value();
    REQUIRE(importBundledCatalog(*store).ok());
    SystemSessionClock clock;
    MainWindow window(*store, clock);
    REQUIRE(window.createProfile(QStringLiteral("Ana")).ok());
    window.show();

    CHECK(window.therapistPage() == nullptr); // nothing of the page at start
    CHECK(window.findChild<HistoryView *>() == nullptr);

    window.showPatients();
    TherapistPage *page = window.therapistPage();
    REQUIRE(page != nullptr);
    CHECK(page->isVisible());
    CHECK(page->patientView()->isVisible());
    CHECK(page->searchEdit()->isClearButtonEnabled());
    const auto *history = page->findChild<HistoryView *>();
    REQUIRE(history != nullptr);
    CHECK(history->isVisible());
    CHECK(page->patientModel()->rowCount() == 1);
}

namespace {

QMenu *menuNamed(QMainWindow &window, const QString &title)
{
    for (QAction *a : window.menuBar()->actions())
        if (a->menu() && a->text() == title)
            return a->menu();
    return nullptr;
}

QAction *actionNamed(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions())
        if (a->text() == text)
            return a;
    return nullptr;
}

} // namespace

TEST_CASE("the therapist's menu commands are there before the page, and make it when used", "[app][startup]")
{
    QTemporaryDir dir;
    auto opened = openSqliteStore(dir.filePath(QStringLiteral("window.sqlite")));
    REQUIRE(opened.ok());
    std::unique_ptr<Store> store = std::move(opened).value();
    REQUIRE(importBundledCatalog(*store).ok());
    SystemSessionClock clock;
    MainWindow window(*store, clock);
    REQUIRE(window.createProfile(QStringLiteral("Ana")).ok());
    window.show();
    REQUIRE(window.therapistPage() == nullptr);

    QMenu *patients = menuNamed(window, QStringLiteral("&Patients"));
    QMenu *edit = menuNamed(window, QStringLiteral("&Edit"));
    QMenu *file = menuNamed(window, QStringLiteral("&File"));
    REQUIRE(patients != nullptr);
    REQUIRE(edit != nullptr);
    REQUIRE(file != nullptr);
    QAction *notes = actionNamed(patients, QStringLiteral("Patient n&otes"));
    REQUIRE(notes != nullptr);
    CHECK(notes->shortcut() == QKeySequence(Qt::ALT | Qt::Key_3));
    QAction *save = actionNamed(patients, QStringLiteral("&Save program"));
    REQUIRE(save != nullptr);
    CHECK(save->shortcut() == QKeySequence(QKeySequence::Save));
    QAction *undo = actionNamed(edit, QStringLiteral("&Undo"));
    REQUIRE(undo != nullptr);
    CHECK_FALSE(undo->isEnabled());
    const QAction *addPatient = actionNamed(file, QStringLiteral("&New patient\u2026"));
    REQUIRE(addPatient != nullptr);
    CHECK(addPatient->shortcutContext() == Qt::WindowShortcut);

    notes->trigger();
    TherapistPage *page = window.therapistPage();
    REQUIRE(page != nullptr);
    CHECK(page->tabs()->currentIndex() == 2); // what the command says, on the page it made
    // The menus now hold the page's own actions, each once.
    const TherapistPage::Actions &own = page->pageActions();
    CHECK(patients->actions().contains(own.notes));
    CHECK(patients->actions().contains(own.saveProgram));
    CHECK(edit->actions().contains(own.undo));
    CHECK(edit->actions().contains(own.redo));
    CHECK(file->actions().contains(own.addPatient));
    CHECK_FALSE(patients->actions().contains(notes));
    CHECK(patients->actions().size() == 9); // as before: Show patients, three, a separator, four
    CHECK(page->undoStack()->count() == 0);
    CHECK_FALSE(own.undo->isEnabled());
}

TEST_CASE("Every Alt key of the main window's menus, tabs and tool bar is used once", "[app][startup]")
{
    QTemporaryDir dir;
    auto opened = openSqliteStore(dir.filePath(QStringLiteral("window.sqlite")));
    REQUIRE(opened.ok());
    std::unique_ptr<Store> store = std::move(opened).value();
    REQUIRE(importBundledCatalog(*store).ok());
    SystemSessionClock clock;
    MainWindow window(*store, clock);
    REQUIRE(window.createProfile(QStringLiteral("Ana")).ok());
    window.show();
    QStringList mnemonics;
    const auto take = [&mnemonics](const QString &text) {
        const qsizetype at = text.indexOf(u'&');
        if (at >= 0 && at + 1 < text.size() && text.at(at + 1) != u'&')
            mnemonics << text.at(at + 1).toLower();
    };
    for (QAction *menu : window.menuBar()->actions())
        take(menu->text());
    // The main tabs: the first tab widget made, the one holding Today.
    const auto tabWidgets = window.findChildren<QTabWidget *>();
    REQUIRE_FALSE(tabWidgets.isEmpty());
    for (int i = 0; i < tabWidgets.first()->count(); ++i)
        take(tabWidgets.first()->tabText(i));
    for (QToolBar *bar : window.findChildren<QToolBar *>())
        for (QLabel *label : bar->findChildren<QLabel *>())
            take(label->text());
    INFO(mnemonics.join(u' ').toStdString());
    REQUIRE(mnemonics.size() >= 8);
    QStringList unique = mnemonics;
    unique.removeDuplicates();
    CHECK(unique.size() == mnemonics.size());
}
