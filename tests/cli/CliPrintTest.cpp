// rehabit-cli print as the front desk uses it: one patient's PDF, the
// morning's batch, exit codes, and nothing half-written on any error.

#include "HandoutTestData.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace rehabit;
using rehabit::testdata::pdfInfo;
using rehabit::testdata::pdfText;

namespace {

struct PrintRun {
    int exitCode = -1;
    QString out;
    QString err;
};

PrintRun printCli(const QString &db, QStringList args,
                  const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    args.prepend(QStringLiteral("print"));
    args.prepend(db);
    args.prepend(QStringLiteral("--db"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QString::fromUtf8(REHABIT_CLI), args);
    REQUIRE(p.waitForFinished(120000));
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

struct Desk {
    QTemporaryDir dir;
    QString db;
    testdata::HandoutDb ids;
    Desk()
        : db(dir.filePath(QStringLiteral("clinic.sqlite")))
    {
        REQUIRE(dir.isValid());
        ids = testdata::makeHandoutDb(db);
    }
    QString path(const char *name) const { return dir.filePath(QString::fromUtf8(name)); }
    /// Every file and directory but the database's own (.sqlite, -wal, -shm).
    QStringList files() const
    {
        QStringList list = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::Name);
        list.removeIf([](const QString &f) { return f.startsWith(QLatin1String("clinic.sqlite")); });
        return list;
    }
};

const QString date = QStringLiteral("--date");
const QString day = QStringLiteral("2026-11-25");

} // namespace

TEST_CASE("print --patient --out writes the patient's handout as a PDF")
{
    Desk desk;
    const QString pdf = desk.path("ana.pdf");
    const PrintRun r = printCli(
        desk.db, {QStringLiteral("--patient"), QString::number(desk.ids.ana), QStringLiteral("--out"), pdf,
                  QStringLiteral("--paper"), QStringLiteral("letter"), date, day, QStringLiteral("--clinic"),
                  QStringLiteral("Harbour Clinic"), QStringLiteral("--therapist"), QStringLiteral("Sam Idowu")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("Ana Ruiz-Okafor")));
    CHECK(text.contains(QStringLiteral("Harbour Clinic")));
    CHECK(text.contains(QStringLiteral("Sam Idowu")));
    CHECK(text.contains(QStringLiteral("3 sets of 10 reps on each side, hold each 45 seconds")));
    CHECK(pdfInfo(pdf).contains(QStringLiteral("(letter)")));
    CHECK(r.err.contains(QStringLiteral("Wrote")));
}

TEST_CASE("print refuses an unknown patient and a patient without a program and leaves the old file alone")
{
    Desk desk;
    const QString pdf = desk.path("old.pdf");
    {
        QFile f(pdf);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("yesterday's handout");
    }
    const QStringList out{QStringLiteral("--out"), pdf, date, day};

    const PrintRun unknown = printCli(desk.db, QStringList{QStringLiteral("--patient"), QStringLiteral("4711")} + out);
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.contains(QStringLiteral("no patient with id 4711")));

    const PrintRun empty =
        printCli(desk.db, QStringList{QStringLiteral("--patient"), QString::number(desk.ids.noProgram)} + out);
    CHECK(empty.exitCode == 1);
    CHECK(empty.err.contains(QStringLiteral("Cleo Martin")));
    CHECK(empty.err.contains(QStringLiteral("no active program")));

    QFile f(pdf);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll() == "yesterday's handout");
    CHECK(desk.files() == QStringList{QStringLiteral("old.pdf")});
}

TEST_CASE("print into a directory that does not exist fails and writes nothing")
{
    Desk desk;
    const PrintRun r = printCli(desk.db, {QStringLiteral("--patient"), QString::number(desk.ids.ana),
                                          QStringLiteral("--out"), desk.path("missing/ana.pdf"), date, day});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("missing/ana.pdf")));
    CHECK(r.err.contains(QStringLiteral("nothing was written"), Qt::CaseInsensitive));
    CHECK(desk.files().isEmpty());
}

TEST_CASE("print with a wrong command line exits 2")
{
    Desk desk;
    const QString id = QString::number(desk.ids.ana);
    const QString pdf = desk.path("x.pdf");
    const QList<QStringList> wrong{
        {},                                // neither --patient nor --all-due
        {QStringLiteral("--patient"), id}, // no --out nor --printer
        {QStringLiteral("--patient"), id, QStringLiteral("--out"), pdf, QStringLiteral("--printer"),
         QStringLiteral("p")},
        {QStringLiteral("--patient"), QStringLiteral("ana"), QStringLiteral("--out"), pdf},
        {QStringLiteral("--patient"), id, QStringLiteral("--out"), pdf, QStringLiteral("--paper"),
         QStringLiteral("a5")},
        {QStringLiteral("--patient"), id, QStringLiteral("--out"), pdf, date, QStringLiteral("25/11/2026")},
        {QStringLiteral("--all-due")}, // no --out-dir
        {QStringLiteral("--all-due"), QStringLiteral("--patient"), id, QStringLiteral("--out"), pdf},
    };
    for (const QStringList &args : wrong) {
        INFO(args.join(u' ').toStdString());
        const PrintRun r = printCli(desk.db, args);
        CHECK(r.exitCode == 2);
        CHECK(r.err.contains(QStringLiteral("Try 'rehabit-cli --help'")));
    }
    CHECK_FALSE(QFile::exists(pdf));
}

TEST_CASE("print --printer names a printer CUPS does not have: a clear error, exit 1")
{
    Desk desk;
    const PrintRun r =
        printCli(desk.db, {QStringLiteral("--patient"), QString::number(desk.ids.ana), QStringLiteral("--printer"),
                           QStringLiteral("no-such-printer-4711"), date, day});
    CHECK(r.exitCode == 1);
    const bool noPrinter = r.err.contains(QStringLiteral("There is no printer named 'no-such-printer-4711'"));
    const bool noCups = r.err.contains(QStringLiteral("cups-client"));
    CHECK((noPrinter || noCups));
}

TEST_CASE("print --all-due writes one PDF per due patient into the directory, with progress")
{
    Desk desk;
    const QString out = desk.path("morning");
    const PrintRun r = printCli(desk.db, {QStringLiteral("--all-due"), QStringLiteral("--out-dir"), out, date, day});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    // Ana (every day) and Ben (3 days a week, none done yet); Cleo has no program.
    const QStringList files = QDir(out).entryList(QDir::Files, QDir::Name);
    REQUIRE(files
            == QStringList{QStringLiteral("2026-11-25-patient-%1-ana-ruiz-okafor.pdf").arg(desk.ids.ana),
                           QStringLiteral("2026-11-25-patient-%1-ben-lindqvist.pdf").arg(desk.ids.ben)});
    CHECK(r.out.split(u'\n', Qt::SkipEmptyParts).size() == 2);
    CHECK(r.err.contains(QStringLiteral("[1/2] Ana Ruiz-Okafor")));
    CHECK(r.err.contains(QStringLiteral("[2/2] Ben Lindqvist")));
    CHECK(r.err.contains(QStringLiteral("2 of 2 handouts written")));
    CHECK(pdfText(QDir(out).filePath(files.at(1))).contains(QStringLiteral("Ben Lindqvist")));
}

TEST_CASE("print --all-due into a directory that cannot be made fails with exit 1")
{
    Desk desk;
    const QString blocker = desk.path("a-file");
    {
        QFile f(blocker);
        REQUIRE(f.open(QIODevice::WriteOnly));
    }
    const PrintRun r = printCli(desk.db, {QStringLiteral("--all-due"), QStringLiteral("--out-dir"),
                                          blocker + QStringLiteral("/morning"), date, day});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("Cannot use the output directory")));
    CHECK(desk.files() == QStringList{QStringLiteral("a-file")});
}

TEST_CASE("print with a logo that is not a picture fails and writes nothing")
{
    Desk desk;
    const QString logo = desk.path("logo.png");
    {
        QFile f(logo);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("<html>not a picture</html>");
    }
    const PrintRun r =
        printCli(desk.db, {QStringLiteral("--patient"), QString::number(desk.ids.ana), QStringLiteral("--out"),
                           desk.path("ana.pdf"), QStringLiteral("--logo"), logo, date, day});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("logo.png")));
    CHECK(r.err.contains(QStringLiteral("The clinic logo cannot be read")));
    CHECK(desk.files() == QStringList{QStringLiteral("logo.png")});
}

TEST_CASE("print --patient takes the patient's UUID too, and an unknown UUID prints nothing")
{
    Desk desk;
    QString uuid;
    {
        StoreOptions readOnly;
        readOnly.readOnly = true;
        auto store = openSqliteStore(desk.db, readOnly);
        REQUIRE(store.ok());
        uuid = (*store)->patient(desk.ids.ana)->value().uuid;
    }
    REQUIRE(uuid.size() == 36);
    const QString pdf = desk.path("ana.pdf");
    const PrintRun r = printCli(desk.db, {QStringLiteral("--patient"), uuid, QStringLiteral("--out"), pdf, date, day});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(pdfText(pdf).contains(QStringLiteral("Ana Ruiz-Okafor")));

    const QString unknown = QStringLiteral("00000000-0000-4000-8000-000000000000");
    const PrintRun missing = printCli(
        desk.db, {QStringLiteral("--patient"), unknown, QStringLiteral("--out"), desk.path("x.pdf"), date, day});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains(unknown));
    CHECK(desk.files() == QStringList{QStringLiteral("ana.pdf")});
}

TEST_CASE("print --all-due --printer sends each due patient's handout to the printer, with progress")
{
    Desk desk;
    // CUPS's two commands, as the front desk's machine has them, standing in for a print server:
    // lpstat knows one printer, lp keeps each job's PDF in a spool folder.
    const QString bin = desk.path("bin");
    const QString spool = desk.path("spool");
    REQUIRE(QDir().mkpath(bin));
    REQUIRE(QDir().mkpath(spool));
    const auto script = [&](const char *name, const QString &body) {
        QFile f(QDir(bin).filePath(QString::fromUtf8(name)));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(body.toUtf8());
        f.close();
        REQUIRE(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    };
    script("lpstat", QStringLiteral("#!/bin/sh\n[ \"$2\" = front-desk ] && exit 0\n"
                                    "echo \"lpstat: Invalid destination name in list\" >&2\nexit 1\n"));
    script("lp", QStringLiteral("#!/bin/sh\nfor last; do :; done\nn=$(ls '%1' | wc -l)\n"
                                "cp \"$last\" '%1'/job-$n.pdf && echo \"request id is front-desk-$n (1 file(s))\"\n")
                     .arg(spool));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), bin + u':' + env.value(QStringLiteral("PATH")));

    const PrintRun r = printCli(
        desk.db, {QStringLiteral("--all-due"), QStringLiteral("--printer"), QStringLiteral("front-desk"), date, day},
        env);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QStringList jobs = QDir(spool).entryList(QDir::Files, QDir::Name);
    REQUIRE(jobs.size() == 2);
    CHECK(pdfText(QDir(spool).filePath(jobs.at(0))).contains(QStringLiteral("Ana Ruiz-Okafor")));
    CHECK(pdfText(QDir(spool).filePath(jobs.at(1))).contains(QStringLiteral("Ben Lindqvist")));
    CHECK(r.err.contains(QStringLiteral("[1/2] Ana Ruiz-Okafor")));
    CHECK(r.err.contains(QStringLiteral("[2/2] Ben Lindqvist")));
    CHECK(r.err.contains(QStringLiteral("2 of 2 handouts sent to 'front-desk'")));

    SECTION("a printer CUPS does not know: nothing is sent, exit 1")
    {
        const PrintRun wrong = printCli(
            desk.db, {QStringLiteral("--all-due"), QStringLiteral("--printer"), QStringLiteral("nowhere"), date, day},
            env);
        CHECK(wrong.exitCode == 1);
        CHECK(wrong.err.contains(QStringLiteral("There is no printer named 'nowhere'")));
        CHECK(QDir(spool).entryList(QDir::Files).size() == 2);
    }
    SECTION("--out-dir and --printer together are a usage error")
    {
        const PrintRun both =
            printCli(desk.db,
                     {QStringLiteral("--all-due"), QStringLiteral("--printer"), QStringLiteral("front-desk"),
                      QStringLiteral("--out-dir"), desk.path("x"), date, day},
                     env);
        CHECK(both.exitCode == 2);
    }
}
