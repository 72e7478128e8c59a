// Printing from the app: the File menu's handout actions, the PDF they save
// for the profile shown, the print preview and its printer (the printing
// module's), what the app says without that module, and the clinic details
// dialog.

#include "HandoutTestData.h"

#include "handouts/ClinicDetailsDialog.h"
#include "handouts/HandoutActions.h"
#include "handouts/PrintDialogs.h"
#include "shell/ModuleLibrary.h"
#include "shell/MainWindow.h"

#include "print/HandoutRenderer.h"

#include "rehabit/engine/SessionClock.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <optional>

using namespace rehabit;
using rehabit::testdata::pdfInfo;
using rehabit::testdata::pdfText;

namespace {

struct App {
    QTemporaryDir dir;
    testdata::HandoutDb ids;
    std::unique_ptr<Store> store;
    SystemSessionClock clock;
    std::unique_ptr<MainWindow> window;
    App()
    {
        REQUIRE(dir.isValid());
        ids = testdata::makeHandoutDb(dir.filePath(QStringLiteral("app.sqlite")));
        store = testdata::reopen(dir.filePath(QStringLiteral("app.sqlite")));
        window = std::make_unique<MainWindow>(*store, clock);
    }
    HandoutActions *actions() const
    {
        auto *a = window->findChild<HandoutActions *>();
        REQUIRE(a);
        return a;
    }
};

/// Once a modal dialog is up (polled, as it opens inside the action), hands it
/// to `look`, which closes it.
void whenModalShown(QObject *context, std::function<void(QWidget *)> look)
{
    QTimer::singleShot(10, context, [context, look = std::move(look)] {
        if (QWidget *modal = QApplication::activeModalWidget())
            look(modal);
        else
            whenModalShown(context, look);
    });
}

} // namespace

TEST_CASE("File offers Print handout with Ctrl+P, Save handout as PDF and Clinic details")
{
    App app;
    QMenu *file = nullptr;
    for (QAction *a : app.window->menuBar()->actions())
        if (a->text() == QStringLiteral("&File"))
            file = a->menu();
    REQUIRE(file);
    QStringList texts;
    for (QAction *a : file->actions())
        texts << a->text();
    CHECK(texts.contains(QStringLiteral("&Print handout\u2026")));
    CHECK(texts.contains(QStringLiteral("Save handout as P&DF\u2026")));
    CHECK(texts.contains(QStringLiteral("C&linic details\u2026")));
    CHECK(app.actions()->printAction()->shortcut() == QKeySequence(QKeySequence::Print));
    CHECK(app.actions()->printAction()->shortcut().toString() == QStringLiteral("Ctrl+P"));
}

TEST_CASE("Save handout as PDF writes the shown profile's program with the clinic details")
{
    App app;
    print::saveClinicDetails({QStringLiteral("Northside Rehab"), {}, QStringLiteral("Jo Park"), print::Paper::Letter});
    REQUIRE(app.window->switchProfile(app.ids.ben));
    const QString pdf = app.dir.filePath(QStringLiteral("ben.pdf"));
    const auto layout = app.actions()->savePdfTo(pdf);
    REQUIRE(layout.ok());
    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("Ben Lindqvist")));
    CHECK(text.contains(QStringLiteral("Northside Rehab")));
    CHECK(text.contains(QStringLiteral("Jo Park")));
    CHECK(text.contains(QStringLiteral("3 days a week")));
    CHECK(pdfInfo(pdf).contains(QStringLiteral("(letter)")));
}

TEST_CASE("the print preview's printer, from the printing module, gets the same pages as the PDF")
{
    App app;
    print::saveClinicDetails({{}, {}, {}, print::Paper::A4}); // whatever an earlier test of this process chose
    REQUIRE(app.window->switchProfile(app.ids.ana));
    const auto handout = app.actions()->currentHandout();
    REQUIRE(handout.ok());
    PrintDialogs *dialogs = HandoutActions::printDialogs();
    REQUIRE(dialogs);
    const QString viaPrinter = app.dir.filePath(QStringLiteral("printer.pdf"));
    std::optional<Result<print::HandoutLayout>> printed;
    PrintJob job = HandoutActions::printJob(*handout);
    CHECK(job.pageSize == QPageSize(QPageSize::A4));
    CHECK(job.documentName == QStringLiteral("Handout: Ana Ruiz-Okafor"));
    REQUIRE(dialogs->printToPdf(job, viaPrinter, [&](QPagedPaintDevice &printer) {
        printed = print::HandoutRenderer::paint(*handout, printer);
        return printed->ok();
    }));
    REQUIRE(printed);
    REQUIRE(printed->ok());
    const auto saved =
        print::HandoutRenderer::savePdf(*handout, print::Paper::A4, app.dir.filePath(QStringLiteral("pdf.pdf")));
    REQUIRE(saved.ok());
    CHECK((*printed)->exercisePages == saved->exercisePages);
    CHECK((*printed)->pageCount == saved->pageCount);
    CHECK(pdfText(viaPrinter).contains(QStringLiteral("Ana Ruiz-Okafor")));
}

TEST_CASE("Print handout opens the printing module's preview, which draws the handout")
{
    App app;
    REQUIRE(app.window->switchProfile(app.ids.ana));
    QString shown;
    QString title;
    // The preview is modal: look at it once it is up, then close it.
    whenModalShown(app.window.get(), [&](QWidget *modal) {
        shown = QString::fromLatin1(modal->metaObject()->className());
        title = modal->windowTitle();
        modal->close();
    });
    app.actions()->printAction()->trigger();
    CHECK(shown == QStringLiteral("QPrintPreviewDialog"));
    CHECK(title == QStringLiteral("Print handout: Ana Ruiz-Okafor"));
}

TEST_CASE("without the printing module, Print handout says so and Save as PDF still works")
{
    App app;
    REQUIRE(app.window->switchProfile(app.ids.ana));
    QTemporaryDir empty;
    setModuleSearchPaths({empty.path()});
    CHECK(HandoutActions::printDialogs() == nullptr);
    QString said;
    whenModalShown(app.window.get(), [&](QWidget *modal) {
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            said = box->text();
        modal->close();
    });
    app.actions()->printAction()->trigger();
    setModuleSearchPaths({});
    CHECK(said == HandoutActions::printingMissingText());
    CHECK(said.contains(QStringLiteral("without its printing module")));
    CHECK(app.actions()->savePdfTo(app.dir.filePath(QStringLiteral("ana.pdf"))).ok());
}

TEST_CASE("a profile without a program has no handout: the reason is given")
{
    App app;
    REQUIRE(app.window->switchProfile(app.ids.noProgram));
    const auto handout = app.actions()->currentHandout();
    REQUIRE_FALSE(handout.ok());
    CHECK(handout.error().message.contains(QStringLiteral("no active program")));
    CHECK_FALSE(app.actions()->savePdfTo(app.dir.filePath(QStringLiteral("none.pdf"))).ok());
    CHECK_FALSE(QFile::exists(app.dir.filePath(QStringLiteral("none.pdf"))));
}

TEST_CASE("the clinic details dialog refuses a logo that is not a picture")
{
    QTemporaryDir dir;
    const QString text = dir.filePath(QStringLiteral("logo.png"));
    {
        QFile f(text);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("hello");
    }
    ClinicDetailsDialog dialog({QStringLiteral("Clinic"), text, {}, print::Paper::A4});
    CHECK(dialog.problem().contains(QStringLiteral("not a picture")));
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);

    ClinicDetailsDialog missing(
        {QStringLiteral("Clinic"), dir.filePath(QStringLiteral("nope.png")), {}, print::Paper::A4});
    CHECK(missing.problem().contains(QStringLiteral("does not exist")));

    ClinicDetailsDialog fine({QStringLiteral(" Clinic "), {}, QStringLiteral("Ann"), print::Paper::Letter});
    CHECK(fine.problem().isEmpty());
    CHECK(fine.details()
          == print::ClinicDetails{QStringLiteral("Clinic"), {}, QStringLiteral("Ann"), print::Paper::Letter});
}

TEST_CASE("Save handout as PDF refuses the open database and its files, by any name, and writes nothing")
{
    App app;
    const QString db = app.dir.filePath(QStringLiteral("app.sqlite"));
    app.actions()->setDatabasePath(db);
    REQUIRE(app.window->switchProfile(app.ids.ana));
    REQUIRE(QFile::link(db, app.dir.filePath(QStringLiteral("link.pdf"))));
    QByteArray before;
    {
        QFile f(db);
        REQUIRE(f.open(QIODevice::ReadOnly));
        before = f.readAll();
    }
    for (const QString &target : QStringList{db, db + QStringLiteral("-wal"), db + QStringLiteral(".lock"),
                                             app.dir.filePath(QStringLiteral("link.pdf")),
                                             app.dir.filePath(QStringLiteral("backups/handout.pdf"))}) {
        INFO(target.toStdString());
        const auto saved = app.actions()->savePdfTo(target);
        REQUIRE_FALSE(saved.ok());
        CHECK(saved.error().message.contains(db));
        CHECK(saved.error().message.contains(QStringLiteral("Nothing was written")));
    }
    QFile f(db);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll() == before);
}

TEST_CASE("the handout is of the patient the user is looking at: the one chosen in the Patients tab, else the profile")
{
    App app;
    REQUIRE(app.window->switchProfile(app.ids.ben)); // the profile of Today and of the tool bar
    app.window->showPatients();
    REQUIRE(app.window->therapistPage()->openPatient(app.ids.ana));
    CHECK(app.window->shownPatient() == app.ids.ana);
    const auto chosen = app.actions()->currentHandout();
    REQUIRE(chosen.ok());
    CHECK(chosen->patient.name == QStringLiteral("Ana Ruiz-Okafor"));

    SECTION("Save handout as PDF names that patient in its dialog and writes that patient's program")
    {
        QString title;
        QString proposed;
        whenModalShown(app.window.get(), [&](QWidget *modal) {
            title = modal->windowTitle();
            if (auto *dialog = qobject_cast<QFileDialog *>(modal); dialog && !dialog->selectedFiles().isEmpty())
                proposed = QFileInfo(dialog->selectedFiles().constFirst()).fileName();
            modal->close();
        });
        app.actions()->savePdfAction()->trigger();
        CHECK(title == QStringLiteral("Save the handout of Ana Ruiz-Okafor as PDF"));
        CHECK(proposed == print::handoutFileName(chosen->patient, chosen->date));
        const QString pdf = app.dir.filePath(QStringLiteral("chosen.pdf"));
        REQUIRE(app.actions()->savePdfTo(pdf).ok());
        CHECK(pdfText(pdf).contains(QStringLiteral("Ana Ruiz-Okafor")));
        CHECK_FALSE(pdfText(pdf).contains(QStringLiteral("Ben Lindqvist")));
    }
    SECTION("Print handout's preview is titled with that patient")
    {
        QString title;
        whenModalShown(app.window.get(), [&](QWidget *modal) {
            title = modal->windowTitle();
            modal->close();
        });
        app.actions()->printAction()->trigger();
        CHECK(title == QStringLiteral("Print handout: Ana Ruiz-Okafor"));
    }
    SECTION("away from the Patients tab, the handout is the profile's again")
    {
        app.window->showCatalog();
        CHECK(app.window->shownPatient() == app.ids.ben);
        const auto profile = app.actions()->currentHandout();
        REQUIRE(profile.ok());
        CHECK(profile->patient.name == QStringLiteral("Ben Lindqvist"));
    }
}

TEST_CASE("a handout's file name is the same in the app and the CLI, and ASCII only")
{
    Patient p;
    p.id = 7;
    p.name = QStringLiteral("Zo\u00eb \u00d8deg\u00e5rd-\u674e / \"x\"");
    const QString name = print::handoutFileName(p, QDate(2026, 11, 25));
    CHECK(name == QStringLiteral("2026-11-25-patient-7-zoe-degard-x.pdf"));
    for (const QChar c : name)
        CHECK(c.unicode() < 128);
    p.name = QStringLiteral("\u674e\u5a1c");
    CHECK(print::handoutFileName(p, QDate(2026, 11, 25)) == QStringLiteral("2026-11-25-patient-7.pdf"));
}
