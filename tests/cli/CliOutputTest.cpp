// What no rehabit-cli command may write over, open or read (docs/cli.md,
// "What every command refuses"): the database, its files and its backups as
// an output, by any name or link; device nodes and named pipes replaced by
// regular files; a --db or an import file that is not a regular file. And
// what the commands print of untrusted values: control characters escaped,
// echoed values cut.

#include "CliTestSupport.h"
#include "HandoutTestData.h"

#include "rehabit/platform/Clock.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace rehabit;
using namespace rehabit::test;

namespace {

const QString day = QStringLiteral("2026-11-25");

bool isCharacterDevice(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISCHR(st.st_mode);
}

bool isFifo(const QString &path)
{
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

/// A character device like /dev/null (1, 3) or /dev/full (1, 7) to test
/// against. Run as root, a failing test must not replace the machine's own
/// device node (as the bug this test guards against did): root gets a node of
/// its own in `dir` (where it may). Others cannot replace /dev's nodes.
QString deviceNode(const QTemporaryDir &dir, const char *name, unsigned minor)
{
    const QString system = QStringLiteral("/dev/") + QString::fromLatin1(name);
    if (::geteuid() != 0)
        return system;
    const QString own = dir.filePath(QString::fromLatin1(name));
    const QByteArray path = QFile::encodeName(own);
    if (::mknod(path.constData(), S_IFCHR | 0666, makedev(1, minor)) == 0) {
        const int fd = ::open(path.constData(), O_WRONLY); // fails on a file system mounted nodev
        if (fd >= 0) {
            ::close(fd);
            return own;
        }
        ::unlink(path.constData());
    }
    WARN("running as root without the right to make a device node: testing " << system.toStdString());
    return system;
}

/// Every command that writes a file, with its output option pointed at `out`.
QList<QStringList> writingCommands(const QString &db, qint64 patient, const QString &out)
{
    const QStringList head{QStringLiteral("--db"), db};
    const QString id = QString::number(patient);
    QList<QStringList> commands;
    for (const char *format : {"csv", "json", "fhir"})
        commands << head
                        + QStringList{
                            QStringLiteral("export"),    QStringLiteral("--patient"), id, QStringLiteral("--format"),
                            QString::fromLatin1(format), QStringLiteral("--out"),     out};
    commands << head + QStringList{QStringLiteral("print"),
                                   QStringLiteral("--patient"),
                                   id,
                                   QStringLiteral("--out"),
                                   out,
                                   QStringLiteral("--date"),
                                   day};
    return commands;
}

/// Sets a patient's name behind the store's back: names written by older
/// versions, or by other programs, may hold anything.
void renamePatient(const QString &db, qint64 id, const QString &name)
{
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("rename"));
        sql.setDatabaseName(db);
        REQUIRE(sql.open());
        QSqlQuery q(sql);
        REQUIRE(q.prepare(QStringLiteral("UPDATE patient SET name = ? WHERE id = ?")));
        q.addBindValue(name);
        q.addBindValue(id);
        REQUIRE(q.exec());
        REQUIRE(q.numRowsAffected() == 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("rename"));
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(bytes) == bytes.size());
}

} // namespace

TEST_CASE("no command writes its output onto the database, one of its files, a link to them or its backups")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    const testdata::HandoutDb ids = testdata::makeHandoutDb(db);
    REQUIRE(QDir(dir.path()).mkdir(QStringLiteral("backups")));
    REQUIRE(QFile::link(db, dir.filePath(QStringLiteral("link.csv"))));
    const QByteArray hard = QFile::encodeName(dir.filePath(QStringLiteral("hard.csv")));
    REQUIRE(::link(QFile::encodeName(db).constData(), hard.constData()) == 0);
    // A link to a file of the database that does not exist now: writing through it would create it.
    REQUIRE(QFile::link(db + QStringLiteral("-journal"), dir.filePath(QStringLiteral("dangling.csv"))));
    const QByteArray before = fileHash(db);

    const QStringList targets{db,
                              db + QStringLiteral("-wal"),
                              db + QStringLiteral("-shm"),
                              db + QStringLiteral("-journal"),
                              db + QStringLiteral(".lock"),
                              db + QStringLiteral(".checked"),
                              dir.filePath(QStringLiteral("./sub/../clinic.sqlite")),
                              dir.filePath(QStringLiteral("link.csv")),
                              dir.filePath(QStringLiteral("hard.csv")),
                              dir.filePath(QStringLiteral("dangling.csv")),
                              dir.filePath(QStringLiteral("backups/handout.pdf"))};
    for (const QString &target : targets) {
        const bool existed = QFileInfo::exists(target);
        for (const QStringList &args : writingCommands(db, ids.ana, target)) {
            INFO(args.join(u' ').toStdString());
            const Run r = cli(args);
            INFO(r.err.toStdString());
            CHECK(r.exitCode == 1);
            CHECK(r.err.contains(target));
            CHECK(r.err.contains(db));
            CHECK(r.err.contains(QStringLiteral("Nothing was written")));
            CHECK(fileHash(db) == before);
            CHECK(QFileInfo::exists(target) == existed);
        }
    }
    CHECK(QDir(dir.filePath(QStringLiteral("backups"))).isEmpty());

    // The morning's batch: into the backups folder, or through a link to it.
    REQUIRE(QFile::link(dir.filePath(QStringLiteral("backups")), dir.filePath(QStringLiteral("to-backups"))));
    for (const QString &outDir : {dir.filePath(QStringLiteral("backups")), dir.filePath(QStringLiteral("to-backups")),
                                  dir.filePath(QStringLiteral("backups/today"))}) {
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("print"), QStringLiteral("--all-due"),
                           QStringLiteral("--out-dir"), outDir, QStringLiteral("--date"), day});
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QStringLiteral("backups folder")));
        CHECK(QDir(dir.filePath(QStringLiteral("backups"))).isEmpty());
    }
    CHECK(fileHash(db) == before);
}

TEST_CASE("outputs to a character device or a named pipe are written in place, never replaced by a file")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    const testdata::HandoutDb ids = testdata::makeHandoutDb(db);

    SECTION("/dev/null takes the output and stays a device")
    {
        const QString null = deviceNode(dir, "null", 3);
        for (const QStringList &args : writingCommands(db, ids.ana, null)) {
            INFO(args.join(u' ').toStdString());
            const Run r = cli(args);
            INFO(r.err.toStdString());
            CHECK(r.exitCode == 0);
            CHECK(isCharacterDevice(null));
        }
    }
    SECTION("/dev/full: the disk is full, nothing was written, exit 1")
    {
        const QString full = deviceNode(dir, "full", 7);
        for (const QStringList &args : writingCommands(db, ids.ana, full)) {
            INFO(args.join(u' ').toStdString());
            const Run r = cli(args);
            INFO(r.err.toStdString());
            CHECK(r.exitCode == 1);
            CHECK(r.err.contains(QStringLiteral("the disk is full; nothing was written")));
            CHECK_FALSE(r.err.contains(QStringLiteral("Wrote")));
            CHECK_FALSE(r.err.contains(QStringLiteral("Unknown error")));
            CHECK(isCharacterDevice(full));
        }
    }
    SECTION("/dev/stdout: the export is on standard output")
    {
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("export"), QStringLiteral("--patient"),
                           QString::number(ids.ana), QStringLiteral("--format"), QStringLiteral("json"),
                           QStringLiteral("--out"), QStringLiteral("/dev/stdout")});
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 0);
        CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("format")).toString()
              == QStringLiteral("rehabit-patient"));
    }
    SECTION("a named pipe nobody reads is refused at once; one that is read gets the output")
    {
        const QString fifo = dir.filePath(QStringLiteral("out.fifo"));
        REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        for (const QStringList &args : writingCommands(db, ids.ana, fifo)) {
            INFO(args.join(u' ').toStdString());
            const Run r = cli(args);
            INFO(r.err.toStdString());
            CHECK(r.exitCode == 1);
            CHECK(r.err.contains(QStringLiteral("no program reads from this named pipe")));
            CHECK(isFifo(fifo));
        }
        // A reader (this test) is there: the export goes through the pipe (it fits in the pipe's buffer).
        const int reader = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
        REQUIRE(reader >= 0);
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("export"), QStringLiteral("--patient"),
                           QString::number(ids.ana), QStringLiteral("--format"), QStringLiteral("csv"),
                           QStringLiteral("--out"), fifo});
        QByteArray received(1 << 16, '\0');
        const ssize_t n = ::read(reader, received.data(), size_t(received.size()));
        ::close(reader);
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 0);
        REQUIRE(n > 0);
        CHECK(received.left(n).contains("exercise"));
        CHECK(isFifo(fifo));
    }
}

TEST_CASE("a database (--db) that is a device, a named pipe or a folder, and import files that are pipes, are refused "
          "at once")
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const QString folder = dir.filePath(QStringLiteral("folder"));
    REQUIRE(QDir(dir.path()).mkdir(QStringLiteral("folder")));
    const QString null = deviceNode(dir, "null", 3);
    const bool nullJournal = QFileInfo::exists(null + QStringLiteral("-journal"));
    const QStringList listed = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System);

    for (const QString &database : {null, fifo, folder}) {
        for (const char *command : {"patients", "check", "catalog", "demo-data"}) {
            QStringList args{QStringLiteral("--db"), database, QString::fromLatin1(command)};
            if (QByteArray(command) == "demo-data")
                args << QStringLiteral("--patients") << QStringLiteral("1") << QStringLiteral("--days")
                     << QStringLiteral("2");
            INFO(args.join(u' ').toStdString());
            const Run r = cli(args);
            INFO(r.err.toStdString());
            CHECK(r.exitCode == 1);
            CHECK(r.err.contains(database));
            CHECK(r.err.contains(QStringLiteral("not a database file")));
        }
    }
    CHECK(QFileInfo::exists(null + QStringLiteral("-journal")) == nullJournal);
    CHECK(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System) == listed);
    CHECK(QDir(folder).isEmpty());
    CHECK(isFifo(fifo));

    // Import files: a named pipe would block forever (import-catalog holding the lock).
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    testdata::makeHandoutDb(db);
    const QByteArray before = fileHash(db);
    for (const char *command : {"import", "import-catalog", "restore"}) {
        INFO(command);
        const Run r = cli({QStringLiteral("--db"), db, QString::fromLatin1(command), fifo});
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QStringLiteral("named pipe")));
        CHECK(fileHash(db) == before);
    }
    CHECK_FALSE(QFileInfo::exists(db + QStringLiteral(".lock")));
}

TEST_CASE("names with control characters are printed escaped in tables, and as they are in valid JSON")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    const testdata::HandoutDb ids = testdata::makeHandoutDb(db);
    const QString name = QStringLiteral("Ana\x1b[2J\rFAKE\nRow");
    renamePatient(db, ids.ana, name);

    const auto checkEscaped = [](const QString &text) {
        CHECK_FALSE(text.contains(QChar(0x1b)));
        CHECK_FALSE(text.contains(u'\r'));
        CHECK(text.contains(QStringLiteral("Ana\\x1b[2J\\rFAKE\\nRow")));
    };
    const Run list = cli({QStringLiteral("--db"), db, QStringLiteral("patients")});
    INFO(list.err.toStdString());
    REQUIRE(list.exitCode == 0);
    checkEscaped(list.out);
    CHECK(list.out.count(u'\n') == 4); // the header and three patients, one line each

    const Run history = cli(
        {QStringLiteral("--db"), db, QStringLiteral("history"), QStringLiteral("--patient"), QString::number(ids.ana)});
    REQUIRE(history.exitCode == 0);
    checkEscaped(history.out);

    const Run batch =
        cli({QStringLiteral("--db"), db, QStringLiteral("print"), QStringLiteral("--all-due"),
             QStringLiteral("--out-dir"), dir.filePath(QStringLiteral("batch")), QStringLiteral("--date"), day});
    INFO(batch.err.toStdString());
    REQUIRE(batch.exitCode == 0);
    checkEscaped(batch.err);

    for (const QStringList &json :
         {QStringList{QStringLiteral("patients"), QStringLiteral("--format"), QStringLiteral("json")},
          QStringList{QStringLiteral("history"), QStringLiteral("--patient"), QString::number(ids.ana),
                      QStringLiteral("--format"), QStringLiteral("json")}}) {
        const Run r = cli(QStringList{QStringLiteral("--db"), db} + json);
        REQUIRE(r.exitCode == 0);
        CHECK_FALSE(r.out.contains(QChar(0x1b)));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        REQUIRE(error.error == QJsonParseError::NoError);
        const QJsonObject patient =
            doc.isArray() ? doc.array().first().toObject() : doc.object().value(QStringLiteral("patient")).toObject();
        CHECK(patient.value(QStringLiteral("name")).toString() == name);
    }
}

TEST_CASE("an untrusted value echoed in an error is cut at 200 characters, with an ellipsis")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    testdata::makeHandoutDb(db);
    const QByteArray key = QByteArray(1'000'000, 'k') + "\\u001b[31m"; // ESC, escaped as JSON allows

    const QString catalog = dir.filePath(QStringLiteral("catalog.json"));
    writeFile(catalog, "{\"format\": \"rehabit-catalog\", \"version\": 1, \"exercises\": [], \"" + key + "\": 1}");
    const QString patient = dir.filePath(QStringLiteral("patient.json"));
    writeFile(patient, "{\"format\": \"rehabit-patient\", \"version\": 1, \"" + key + "\": 1}");
    for (const auto &[command, file] : {std::pair{"import-catalog", catalog}, std::pair{"import", patient}}) {
        INFO(command);
        const Run r = cli({QStringLiteral("--db"), db, QString::fromLatin1(command), file});
        INFO(r.err.left(2000).toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.size() < 2000);
        CHECK(r.err.contains(QString(200, u'k') + QChar(0x2026)));
        CHECK_FALSE(r.err.contains(QString(201, u'k')));
        CHECK_FALSE(r.err.contains(QChar(0x1b)));
        CHECK(r.err.contains(QStringLiteral("Nothing was imported.")));
    }
}

TEST_CASE("a date option outside 2000-01-01 to today is a usage error, and nothing is written")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    testdata::makeHandoutDb(db);
    const QByteArray before = fileHash(db);
    const QString pdf = dir.filePath(QStringLiteral("a.pdf"));
    for (const QString &date : {QStringLiteral("0001-01-01"), QStringLiteral("1999-12-31"),
                                QStringLiteral("9999-12-31"), Clock::today().addDays(2).toString(Qt::ISODate)}) {
        INFO(date.toStdString());
        const Run demo = cli({QStringLiteral("--db"), db, QStringLiteral("demo-data"), QStringLiteral("--patients"),
                              QStringLiteral("1"), QStringLiteral("--days"), QStringLiteral("3"),
                              QStringLiteral("--last-day"), date});
        CHECK(demo.exitCode == 2);
        CHECK(demo.err.contains(QStringLiteral("--last-day must be a date from 2000-01-01 to today")));
        CHECK_FALSE(demo.err.contains(QStringLiteral("SQL"), Qt::CaseInsensitive));
        if (QDate::fromString(date, Qt::ISODate) == Clock::today().addDays(2))
            continue; // a handout may be dated for a visit ahead (below)
        const Run print = cli({QStringLiteral("--db"), db, QStringLiteral("print"), QStringLiteral("--patient"),
                               QStringLiteral("1"), QStringLiteral("--out"), pdf, QStringLiteral("--date"), date});
        CHECK(print.exitCode == 2);
        CHECK(print.err.contains(QStringLiteral("--date must be a date from 2000-01-01 to a year from today")));
    }
    CHECK(fileHash(db) == before);
    CHECK_FALSE(QFileInfo::exists(pdf));
    // The date of a visit next week prints; a year and a day ahead does not.
    const QString ahead = Clock::today().addDays(7).toString(Qt::ISODate);
    const Run nextWeek = cli({QStringLiteral("--db"), db, QStringLiteral("print"), QStringLiteral("--patient"),
                              QStringLiteral("1"), QStringLiteral("--out"), pdf, QStringLiteral("--date"), ahead});
    CHECK(nextWeek.exitCode == 0);
    CHECK(QFileInfo::exists(pdf));
    const Run tooFar = cli({QStringLiteral("--db"), db, QStringLiteral("print"), QStringLiteral("--patient"),
                            QStringLiteral("1"), QStringLiteral("--out"), pdf, QStringLiteral("--date"),
                            Clock::today().addYears(1).addDays(1).toString(Qt::ISODate)});
    CHECK(tooFar.exitCode == 2);
}

TEST_CASE("the syntax errors of a patient file speak of the file, not of a catalog")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    testdata::makeHandoutDb(db);
    const QString patient = dir.filePath(QStringLiteral("patient.json"));
    for (const QByteArray &bytes : {QByteArray(), QByteArray("[]"), QByteArray("{} {}"),
                                    QByteArray(QByteArray(100, '[') + QByteArray(100, ']'))}) {
        INFO(bytes.toStdString());
        writeFile(patient, bytes);
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), patient});
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QStringLiteral("Nothing was imported.")));
        CHECK_FALSE(r.err.contains(QStringLiteral("catalog"), Qt::CaseInsensitive));
    }
}

#endif // Q_OS_UNIX
