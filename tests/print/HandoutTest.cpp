// The printed handout, read back as a patient would read it: every exercise
// with its prescribed dose, never split over two pages, on A4 and US Letter.

#include "HandoutTestData.h"

#include "print/Handout.h"
#include "print/HandoutRenderer.h"

#include "rehabit/domain/DosageText.h"
#include "rehabit/domain/ProgramTemplates.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>

using namespace rehabit;
using namespace rehabit::print;
using rehabit::testdata::pdfInfo;
using rehabit::testdata::pdfText;

namespace {

struct Fixture {
    QTemporaryDir dir;
    testdata::HandoutDb ids;
    std::unique_ptr<Store> store;
    Fixture()
    {
        REQUIRE(dir.isValid());
        ids = testdata::makeHandoutDb(dir.filePath(QStringLiteral("h.sqlite")));
        store = testdata::reopen(dir.filePath(QStringLiteral("h.sqlite")));
    }
    Handout handout(qint64 patient,
                    const ClinicDetails &clinic = {QStringLiteral("Riverside Physio"), {},
                                                                  QStringLiteral("Dr. Maya Chen"), Paper::A4})
    {
        auto h = handoutFor(*store, patient, clinic, testdata::testDay());
        REQUIRE(h.ok());
        return *h;
    }
};

QString dose(const HandoutItem &item)
{
    return DosageText::describe(item.rx, item.exercise.kind);
}

/// The safety note as it is printed, whitespace collapsed.
QString safetyNote(const HandoutItem &item)
{
    return item.exercise.safety.join(u' ').simplified();
}

} // namespace

TEST_CASE("the handout PDF holds the patient, the clinic, the safety line and every exercise with its prescribed dose")
{
    Fixture f;
    const Handout h = f.handout(f.ids.ana);
    REQUIRE(h.items.size() >= 4);
    const QString pdf = f.dir.filePath(QStringLiteral("ana.pdf"));
    const auto layout = HandoutRenderer::savePdf(h, Paper::A4, pdf);
    REQUIRE(layout.ok());

    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("Ana Ruiz-Okafor")));
    CHECK(text.contains(QStringLiteral("Riverside Physio")));
    CHECK(text.contains(QStringLiteral("Dr. Maya Chen")));
    CHECK(text.contains(QStringLiteral("Stop any exercise that creates or worsens your pain.")));
    CHECK(text.contains(QStringLiteral("see a doctor or physical therapist")));
    for (const HandoutItem &item : h.items) {
        INFO(item.exercise.name.toStdString());
        CHECK(text.contains(item.exercise.name));
        CHECK(text.contains(dose(item)));
        if (!keyCue(item.exercise).isEmpty())
            CHECK(text.contains(keyCue(item.exercise)));
    }
    // The program's dose is printed, not the catalog's default.
    CHECK(h.items.at(0).rx.sets == 3);
    CHECK(text.contains(dose(h.items.at(0))));
    CHECK_FALSE(
        text.contains(DosageText::describe(defaultPrescription(h.items.at(0).exercise), h.items.at(0).exercise.kind)));
    CHECK(text.contains(QStringLiteral("yellow band")));
    // The weekly log sheet: a column per day from the handout's date.
    CHECK(text.contains(QStringLiteral("Weekly log")));
    CHECK(text.contains(QStringLiteral("25 Nov")));
    CHECK(text.contains(QStringLiteral("1 Dec")));
    CHECK(text.count(QStringLiteral("Done")) >= 7 * h.items.size());
    // The stretch's steps say "10-20 seconds" while the dose says 45: the page says which one counts.
    const QString simplified = text.simplified();
    CHECK(simplified.contains(QStringLiteral("10-20 seconds")));
    CHECK(simplified.contains(QStringLiteral("the article's usual range; do the dose above, which is yours")));
}

TEST_CASE("no exercise is split across pages, on A4 and on US Letter")
{
    const Paper paper = GENERATE(Paper::A4, Paper::Letter);
    Fixture f;
    const Handout h = f.handout(f.ids.ana);
    const QString pdf = f.dir.filePath(QStringLiteral("pages.pdf"));
    const auto layout = HandoutRenderer::savePdf(h, paper, pdf);
    REQUIRE(layout.ok());

    const QString info = pdfInfo(pdf);
    CHECK(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(layout->pageCount))));
    CHECK(layout->pageCount > 1);
    REQUIRE(layout->exercisePages.size() == h.items.size());
    REQUIRE_FALSE(layout->logSheetPages.isEmpty());
    for (qsizetype i = 0; i < h.items.size(); ++i) {
        const HandoutItem &item = h.items.at(i);
        const int page = layout->exercisePages.at(i);
        INFO(item.exercise.name.toStdString() << " on page " << page);
        CHECK_FALSE(layout->logSheetPages.contains(page));
        // The block's first and last parts sit on the page the layout says.
        const QString text = pdfText(pdf, page, page);
        const QString title = QStringLiteral("%1. %2").arg(i + 1).arg(item.exercise.name);
        CHECK(text.contains(title));
        CHECK(text.contains(dose(item)));
        CHECK(text.contains(item.exercise.steps.first().text.simplified()));
        CHECK(text.contains(item.exercise.steps.last().text.simplified()));
        CHECK(text.contains(safetyNote(item)));
        // ... and its title on no other page.
        for (int other = 1; other <= layout->pageCount; ++other)
            if (other != page)
                CHECK_FALSE(pdfText(pdf, other, other).contains(title));
    }
    // Blocks keep the program's order.
    CHECK(std::is_sorted(layout->exercisePages.cbegin(), layout->exercisePages.cend()));
}

TEST_CASE("the handout's pages are A4 or US Letter, as asked")
{
    Fixture f;
    const Handout h = f.handout(f.ids.ana);
    const QString a4 = f.dir.filePath(QStringLiteral("a4.pdf"));
    const QString letter = f.dir.filePath(QStringLiteral("letter.pdf"));
    REQUIRE(HandoutRenderer::savePdf(h, Paper::A4, a4).ok());
    REQUIRE(HandoutRenderer::savePdf(h, Paper::Letter, letter).ok());
    CHECK(pdfInfo(a4).contains(QStringLiteral("Page size:       595 x 842 pts (A4)")));
    CHECK(pdfInfo(letter).contains(QStringLiteral("Page size:       612 x 792 pts (letter)")));
}

TEST_CASE("writePdf renders into any QIODevice")
{
    Fixture f;
    QBuffer buffer;
    const auto layout = HandoutRenderer::writePdf(f.handout(f.ids.ben), Paper::Letter, buffer);
    REQUIRE(layout.ok());
    CHECK(buffer.data().startsWith("%PDF-"));
    CHECK(buffer.data().trimmed().endsWith("%%EOF"));
}

TEST_CASE("a clinic logo is printed, and an unreadable one is refused and the old PDF stays as it was")
{
    Fixture f;
    const QString logo = f.dir.filePath(QStringLiteral("logo.png"));
    QImage image(240, 80, QImage::Format_RGB32);
    image.fill(Qt::darkBlue);
    REQUIRE(image.save(logo));
    const QString pdf = f.dir.filePath(QStringLiteral("logo.pdf"));
    REQUIRE(HandoutRenderer::savePdf(
        f.handout(f.ids.ana, {QStringLiteral("Clinic"), logo, {}, Paper::A4}), Paper::A4, pdf).ok());
    const auto hash = [](const QString &path) {
        QFile file(path);
        REQUIRE(file.open(QIODevice::ReadOnly));
        return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    };
    const QByteArray before = hash(pdf);
    QProcess images;
    images.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    REQUIRE(images.waitForFinished(60000));
    CHECK(QString::fromUtf8(images.readAllStandardOutput())
              .contains(QRegularExpression(QStringLiteral("\\s240\\s+80\\s"))));

    const QString broken = f.dir.filePath(QStringLiteral("broken.png"));
    {
        QFile file(broken);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("not a picture");
    }
    const auto refused = HandoutRenderer::savePdf(
        f.handout(f.ids.ana, {QStringLiteral("Clinic"), broken, {}, Paper::A4}), Paper::A4, pdf);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().text().contains(QStringLiteral("logo")));
    CHECK(hash(pdf) == before);
    CHECK(QDir(f.dir.path())
              .entryList({QStringLiteral("*.pdf*")}, QDir::Files) == QStringList{QStringLiteral("logo.pdf")});
}

TEST_CASE("handoutFor refuses an unknown patient and a patient without a program")
{
    Fixture f;
    const auto unknown = handoutFor(*f.store, 999, {}, testdata::testDay());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.contains(QStringLiteral("no patient with id 999")));
    const auto empty = handoutFor(*f.store, f.ids.noProgram, {}, testdata::testDay());
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message.contains(QStringLiteral("Cleo Martin")));
    CHECK(empty.error().message.contains(QStringLiteral("no active program")));
}

TEST_CASE("due: active patients whose program still calls for a session this week")
{
    Fixture f;
    const QDate wednesday = testdata::testDay();
    REQUIRE(wednesday.dayOfWeek() == 3);
    const auto ids = [&](const QDate &day) {
        const auto due = duePatients(*f.store, day);
        REQUIRE(due.ok());
        QList<qint64> list;
        for (const Patient &p : *due)
            list << p.id;
        return list;
    };
    // Nobody has trained this week yet: Ana (every day) and Ben (3 days a week); never Cleo (no program).
    CHECK(ids(wednesday) == QList<qint64>{f.ids.ana, f.ids.ben});

    const auto programs = f.store->programs(f.ids.ben);
    REQUIRE(programs.ok());
    const qint64 benProgram = programs->first().id;
    const auto sessionOn = [&](const QDate &day) {
        REQUIRE(f.store->startSession(f.ids.ben, benProgram, QDateTime(day, QTime(10, 0))).ok());
    };
    // Last week's sessions do not count; two days this week leave one to do.
    sessionOn(wednesday.addDays(-7));
    sessionOn(wednesday.addDays(-6));
    sessionOn(wednesday.addDays(-5));
    sessionOn(wednesday.addDays(-2));
    sessionOn(wednesday.addDays(-1));
    CHECK(ids(wednesday) == QList<qint64>{f.ids.ana, f.ids.ben});
    // Two sessions on the same day count as one day.
    sessionOn(wednesday.addDays(-1));
    CHECK(ids(wednesday) == QList<qint64>{f.ids.ana, f.ids.ben});
    // A third day this week: Ben is done for the week ...
    sessionOn(wednesday);
    CHECK(ids(wednesday.addDays(1)) == QList<qint64>{f.ids.ana});
    // ... and due again on Monday.
    CHECK(ids(wednesday.addDays(5)) == QList<qint64>{f.ids.ana, f.ids.ben});
}

TEST_CASE("a long program: every block whole, and the log sheet continues with its header on the next page")
{
    Fixture f;
    const auto exercises = f.store->exercises();
    REQUIRE(exercises.ok());
    Program program =
        ProgramTemplates::dailyProgram(f.ids.noProgram, *exercises, QDateTime(testdata::testDay(), QTime(8, 0)));
    const QList<ProgramItem> once = program.items;
    program.items += once; // each exercise twice: 14 blocks, 15 log rows
    REQUIRE(f.store->addProgram(program).ok());
    const Handout h = f.handout(f.ids.noProgram);
    REQUIRE(h.items.size() == 2 * once.size());

    const QString pdf = f.dir.filePath(QStringLiteral("long.pdf"));
    const auto layout = HandoutRenderer::savePdf(h, Paper::Letter, pdf);
    REQUIRE(layout.ok());
    REQUIRE(layout->logSheetPages.size() == 2);
    CHECK(layout->logSheetPages.last() == layout->pageCount);
    for (const int page : layout->logSheetPages) {
        const QString text = pdfText(pdf, page, page);
        CHECK(text.contains(QStringLiteral("Exercise")));
        CHECK(text.contains(QStringLiteral("Wed 25 Nov")));
    }
    CHECK(pdfText(pdf, layout->logSheetPages.last(), layout->logSheetPages.last())
              .contains(QStringLiteral("Pain next morning")));
    for (qsizetype i = 0; i < h.items.size(); ++i) {
        const int page = layout->exercisePages.at(i);
        const QString text = pdfText(pdf, page, page);
        INFO(i);
        CHECK(text.contains(QStringLiteral("%1. %2").arg(i + 1).arg(h.items.at(i).exercise.name)));
        CHECK(text.contains(h.items.at(i).exercise.steps.last().text.simplified()));
        CHECK(text.contains(safetyNote(h.items.at(i))));
    }
}

TEST_CASE("extreme names: cut to fit with an ellipsis, the safety line on page 1, right to left and emoji printed")
{
    Fixture f;
    const Handout normal = f.handout(f.ids.ana);
    const auto normalLayout = HandoutRenderer::savePdf(normal, Paper::A4, f.dir.filePath(QStringLiteral("n.pdf")));
    REQUIRE(normalLayout.ok());

    QString latin;
    while (latin.size() < 1000)
        latin += QStringLiteral("Bartholomew-Wolfeschlegel ");
    QString arabic;
    while (arabic.size() < 1000)
        arabic += QStringLiteral("\u0639\u0628\u062f \u0627\u0644\u0631\u062d\u0645\u0646 ");
    const QString emoji = QStringLiteral("Ana \U0001F3C3\u200D\u2640\uFE0F \U0001F4AA");
    struct Case {
        const char *name;
        QString patient;
        bool cut;
    };
    for (const Case &c : {Case{"latin", latin.left(1000), true}, Case{"arabic", arabic.left(1000), true},
                          Case{"emoji", emoji, false}}) {
        INFO(c.name);
        Handout h = normal;
        h.patient.name = c.patient;
        h.program.name = c.patient;
        h.clinic.clinicName = c.patient;
        const QString pdf = f.dir.filePath(QString::fromLatin1(c.name) + QStringLiteral(".pdf"));
        const auto layout = HandoutRenderer::savePdf(h, Paper::A4, pdf);
        REQUIRE(layout.ok());
        // The header keeps its size: every block where it was, the safety line on page 1.
        CHECK(layout->exercisePages == normalLayout->exercisePages);
        CHECK(layout->pageCount == normalLayout->pageCount);
        const QString page1 = pdfText(pdf, 1, 1);
        CHECK(page1.contains(QStringLiteral("Stop any exercise that creates or worsens your pain.")));
        if (c.cut) {
            CHECK_FALSE(page1.contains(c.patient.simplified()));
            CHECK(page1.contains(QStringLiteral("..."))); // the ellipsis, as NFKC spells it
        }
    }
    // Emoji print through a font the PDF embeds (Symbola), not as empty boxes.
    if (QFontDatabase::families().contains(QStringLiteral("Symbola"))) {
        QProcess fonts;
        fonts.start(QStringLiteral("pdffonts"), {f.dir.filePath(QStringLiteral("emoji.pdf"))});
        REQUIRE(fonts.waitForFinished(60000));
        CHECK(QString::fromUtf8(fonts.readAllStandardOutput()).contains(QStringLiteral("Symbola")));
    } else {
        WARN("the font Symbola (Debian: fonts-symbola) is not installed: emoji in names print as boxes");
    }
}
