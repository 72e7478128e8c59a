// What start-up leaves for later in the main window: the therapist's page is
// laid out, and its history and search clear button made, only when the
// Patients tab is first shown.

#include "RehabitCatch.h"

#include "shell/MainWindow.h"
#include "therapist/HistoryView.h"
#include "therapist/PatientListModel.h"
#include "therapist/TherapistPage.h"

#include "rehabit/engine/SessionClock.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/store/Store.h"

#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

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

    TherapistPage *page = window.therapistPage();
    CHECK_FALSE(page->isVisible());
    CHECK(page->findChild<HistoryView *>() == nullptr);      // nothing of the history at start
    CHECK_FALSE(page->searchEdit()->isClearButtonEnabled()); // its icon: an icon theme lookup

    window.showPatients();
    CHECK(page->isVisible());
    CHECK(page->patientView()->isVisible());
    CHECK(page->searchEdit()->isClearButtonEnabled());
    const auto *history = page->findChild<HistoryView *>();
    REQUIRE(history != nullptr);
    CHECK(history->isVisible());
    CHECK(page->patientModel()->rowCount() == 1);
}
