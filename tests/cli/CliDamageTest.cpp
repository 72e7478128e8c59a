// rehabit-cli on databases that fail the whole check, are marked damaged, are
// refused, or lie on read-only media (issue 18, items 6-9): check names what
// is wrong and marks the file; writing commands refuse a marked file and
// leave every byte and the folder as they were; reading commands print their
// output with a warning and exit 1; restore installs only what passes; on
// read-only media check, patients, history and export work.

#include "CliTestSupport.h"
#include "ReadOnlyPlace.h"
#include "TestFiles.h"

#include "rehabit/store/Store.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace rehabit;
using namespace rehabit::test;

namespace {

QString arg(const char *text)
{
    return QString::fromLatin1(text);
}

/// Runs SQL statements on the file with a connection of the test's own; the first error, or empty.
QString sql(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("cli-damage-%1").arg(qHash(path) ^ quint64(statements.size()));
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            error = db.lastError().text();
        QSqlQuery query(db);
        for (const QString &s : statements)
            if (error.isEmpty() && !query.exec(s))
                error = query.lastError().text();
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

/// A demo database of one patient, closed.
QString demoDatabase(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    const Run r = cli({arg("--db"), path, arg("demo-data"), arg("--patients"), arg("1"), arg("--days"), arg("3")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return path;
}

/// An event with pain 42: SQLite does not check CHECK rules on a read-only connection.
const QStringList PainFortyTwo{
    QStringLiteral("PRAGMA ignore_check_constraints = ON"),
    QStringLiteral("INSERT INTO session_event (session_id, seq, at_ms, kind, pain, pain_context) SELECT 1, "
                   "MAX(seq) + 1, MAX(at_ms), 'pain-rated', 42, 'during' FROM session_event WHERE session_id = 1")};

QStringList listing(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

TEST_CASE("check exits 1 naming what integrity_check alone calls healthy, and restore refuses such a backup")
{
    QTemporaryDir dir;
    const QString good = demoDatabase(dir, QStringLiteral("good.sqlite"));
    struct Case {
        const char *name;
        QStringList statements;
        const char *says;
    };
    const QList<Case> cases{
        {"pain 42", PainFortyTwo, "pain BETWEEN 0 AND 10"},
        {"no proposal table", {QStringLiteral("DROP TABLE proposal")}, "table proposal"},
        {"a gap in the log",
         {QStringLiteral("INSERT INTO session_event (session_id, seq, at_ms, kind) SELECT 1, MAX(seq) + 2, "
                         "MAX(at_ms), 'paused' FROM session_event WHERE session_id = 1")},
         "is missing"},
        {"a foreign key broken",
         {QStringLiteral("INSERT INTO session_event (session_id, seq, at_ms, kind) VALUES (999, 1, 1, 'paused')")},
         "refers to a missing row of session"},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        const QString path = dir.filePath(QString::fromLatin1(c.name).replace(u' ', u'-') + QStringLiteral(".sqlite"));
        REQUIRE(QFile::copy(good, path));
        REQUIRE(sql(path, c.statements).isEmpty());
        const QByteArray before = fileHash(path);
        const Run r = cli({arg("--db"), path, arg("check")});
        INFO(r.out.toStdString() << r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QLatin1String(c.says)));
        CHECK(r.err.contains(QStringLiteral("marked damaged")));
        CHECK(QFileInfo::exists(path + QStringLiteral(".damaged")));
        CHECK(fileHash(path) == before);

        // The same file as a backup is not installed.
        const QString database = dir.filePath(QStringLiteral("target.sqlite"));
        QFile::remove(database);
        REQUIRE(QFile::copy(good, database));
        const QByteArray target = fileHash(database);
        const Run restored = cli({arg("--db"), database, arg("restore"), path});
        INFO(restored.err.toStdString());
        CHECK(restored.exitCode == 1);
        CHECK(restored.err.contains(QLatin1String(c.says)));
        CHECK(fileHash(database) == target);
    }
}

TEST_CASE("A database marked damaged: writing commands refuse untouched, reading ones warn and exit 1, a clean check "
          "or a restore lifts the mark")
{
    QTemporaryDir dir;
    const QString path = demoDatabase(dir, QStringLiteral("rehabit.sqlite"));
    const QString good = dir.filePath(QStringLiteral("good.copy"));
    REQUIRE(QFile::copy(path, good));
    REQUIRE(sql(path, PainFortyTwo).isEmpty());
    REQUIRE(cli({arg("--db"), path, arg("check")}).exitCode == 1);
    REQUIRE(QFileInfo::exists(path + QStringLiteral(".damaged")));

    const QByteArray before = fileHash(path);
    const QStringList files = listing(dir.path());
    const QList<QStringList> writes{
        {arg("demo-data"), arg("--patients"), arg("1"), arg("--days"), arg("1")},
        {arg("catalog")},
        {arg("import-catalog"), dataFile("catalogs/good/custom-two.json")},
    };
    for (const QStringList &command : writes) {
        INFO(command.join(u' ').toStdString());
        const Run r = cli(QStringList{arg("--db"), path} + command);
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QStringLiteral("marked")));
        CHECK(r.err.contains(QStringLiteral("restore")));
        CHECK(r.err.contains(QStringLiteral("rehabit-cli check")));
        CHECK(fileHash(path) == before);
        CHECK(listing(dir.path()) == files);
    }
    const QString csv = dir.filePath(QStringLiteral("out.csv"));
    const QString pdf = dir.filePath(QStringLiteral("out.pdf"));
    const QList<QStringList> reads{
        {arg("patients")},
        {arg("history"), arg("--patient"), arg("1")},
        {arg("export"), arg("--patient"), arg("1"), arg("--format"), arg("csv"), arg("--out"), csv},
        {arg("print"), arg("--patient"), arg("1"), arg("--out"), pdf},
    };
    for (const QStringList &command : reads) {
        INFO(command.join(u' ').toStdString());
        const Run r = cli(QStringList{arg("--db"), path} + command);
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        const QString out = command.contains(csv) ? csv : command.contains(pdf) ? pdf : QString();
        if (out.isEmpty())
            CHECK(r.out.contains(QStringLiteral("Demo")));
        else
            CHECK(QFileInfo(out).size() > 0); // the output is there, whole
        CHECK(r.err.contains(QStringLiteral("Warning: the database")));
        CHECK(r.err.contains(QStringLiteral("marked damaged")));
    }

    SECTION("a clean check removes the mark")
    {
        QFile::remove(path);
        REQUIRE(QFile::copy(good, path)); // repaired by other means
        CHECK(cli({arg("--db"), path, arg("demo-data"), arg("--patients"), arg("1"), arg("--days"), arg("1")}).exitCode
              == 1);
        const Run r = cli({arg("--db"), path, arg("check")});
        CHECK(r.exitCode == 0);
        CHECK(r.err.contains(QStringLiteral("mark is removed")));
        CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".damaged")));
        CHECK(cli({arg("--db"), path, arg("patients")}).exitCode == 0);
    }
    SECTION("a restore removes the mark")
    {
        const Run r = cli({arg("--db"), path, arg("restore"), good});
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 0);
        CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".damaged")));
        CHECK(cli({arg("--db"), path, arg("demo-data"), arg("--patients"), arg("1"), arg("--days"), arg("1")}).exitCode
              == 0);
    }
}

TEST_CASE("A refused demo-data leaves the file and its folder as they were")
{
    QTemporaryDir dir;
    const QString good = demoDatabase(dir, QStringLiteral("good.sqlite"));
    struct Case {
        const char *name;
        QStringList statements; ///< on a copy of the demo database, or on a new file when `fresh`
        bool fresh;
    };
    const QList<Case> cases{
        {"Rehabit's id and no tables",
         {QStringLiteral("PRAGMA application_id = 1380467284"),
          QStringLiteral("PRAGMA user_version = %1").arg(currentSchemaVersion())},
         true},
        {"another program's id", {QStringLiteral("PRAGMA application_id = 1195724872")}, false},
        {"a newer schema", {QStringLiteral("PRAGMA user_version = 99")}, false},
        {"a table missing", {QStringLiteral("DROP TABLE proposal")}, false},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        const QString folder = dir.filePath(QString::fromLatin1(c.name).replace(u' ', u'-'));
        REQUIRE(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/rehabit.sqlite");
        if (!c.fresh)
            REQUIRE(QFile::copy(good, path));
        REQUIRE(sql(path, c.statements).isEmpty());
        const QByteArray before = fileHash(path);
        const QStringList files = listing(folder);
        const Run r = cli({arg("--db"), path, arg("demo-data"), arg("--patients"), arg("1"), arg("--days"), arg("1")});
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(fileHash(path) == before);
        CHECK(listing(folder) == files);
    }
}

TEST_CASE("On read-only media check, patients, history and export work, and a write says what is true")
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("media"));
    REQUIRE(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/rehabit.sqlite");
    const Run made = cli({arg("--db"), path, arg("demo-data"), arg("--patients"), arg("1"), arg("--days"), arg("3")});
    REQUIRE(made.exitCode == 0);
    QFile::remove(path + QStringLiteral(".checked"));
    const QByteArray before = fileHash(path);
    const QStringList files = listing(folder);
    ReadOnlyPlace place(folder);
    WARN("read-only media made by " << place.how().toStdString());
    REQUIRE(place.ok()); // a test that cannot make read-only media proves nothing: fail, do not pass

    const QString csv = dir.filePath(QStringLiteral("out.csv"));
    const QList<QStringList> reads{
        {arg("check")},
        {arg("patients")},
        {arg("history"), arg("--patient"), arg("1")},
        {arg("export"), arg("--patient"), arg("1"), arg("--format"), arg("json"), arg("--out"), csv},
    };
    for (const QStringList &command : reads) {
        INFO(command.join(u' ').toStdString());
        const Run r = cli(QStringList{arg("--db"), path} + command);
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 0);
        CHECK_FALSE(r.err.contains(QStringLiteral("unable to open")));
    }
    CHECK(QFileInfo(csv).size() > 0);
    const Run write = cli({arg("--db"), path, arg("demo-data"), arg("--patients"), arg("1"), arg("--days"), arg("1")});
    INFO(write.err.toStdString());
    CHECK(write.exitCode == 1);
    CHECK(write.err.contains(QStringLiteral("read-only")));
    for (const char *command : {"'rehabit-cli check'", "'patients'", "'history'", "'export'"})
        CHECK(write.err.contains(QLatin1String(command)));
    CHECK(fileHash(path) == before);
    CHECK(listing(folder) == files);
}
