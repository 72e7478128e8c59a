// rehabit-cli as scripts use it: exit codes, output shapes, errors on stderr,
// nothing half-written.

#include "CliTestSupport.h"

#include "rehabit/store/Store.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace rehabit;
using namespace rehabit::test;

namespace {

void checkRange(const QJsonValue &v, int min, int max, int def)
{
    REQUIRE(v.isObject());
    const QJsonObject o = v.toObject();
    CHECK(o.size() == 3);
    CHECK(o.value(QStringLiteral("min")).toInt(-1) == min);
    CHECK(o.value(QStringLiteral("max")).toInt(-1) == max);
    CHECK(o.value(QStringLiteral("default")).toInt(-1) == def);
}

} // namespace

TEST_CASE("catalog --format json prints the documented shape")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    const Run r = cli(
        {QStringLiteral("--db"), db, QStringLiteral("catalog"), QStringLiteral("--format"), QStringLiteral("json")});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
    REQUIRE(doc.isArray());
    const QJsonArray entries = doc.array();
    REQUIRE(entries.size() == 8);
    QStringList ids;
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        for (const char *key : {"id", "name", "phase", "category", "sides", "dosage"})
            CHECK(e.contains(QString::fromLatin1(key)));
        const QJsonObject dosage = e.value(QStringLiteral("dosage")).toObject();
        CHECK(dosage.keys()
              == QStringList(
                  {QStringLiteral("duration_seconds"), QStringLiteral("hold_seconds"),
                                                                      QStringLiteral("reps"), QStringLiteral("sets")}));
        ids << e.value(QStringLiteral("id")).toString();
    }
    CHECK(ids.first() == QStringLiteral("thomas-test"));

    const QJsonObject brace = entries.at(ids.indexOf(QStringLiteral("learning-to-brace"))).toObject();
    CHECK(brace.value(QStringLiteral("phase")).toString() == QStringLiteral("core-stability"));
    CHECK(brace.value(QStringLiteral("sides")).toString() == QStringLiteral("both"));
    const QJsonObject d = brace.value(QStringLiteral("dosage")).toObject();
    checkRange(d.value(QStringLiteral("sets")), 2, 2, 2);
    checkRange(d.value(QStringLiteral("reps")), 20, 20, 20);
    checkRange(d.value(QStringLiteral("hold_seconds")), 10, 10, 10);
    CHECK(d.value(QStringLiteral("duration_seconds")).isNull());

    const QJsonObject ball = entries.at(ids.indexOf(QStringLiteral("ball-release-asis"))).toObject();
    checkRange(ball.value(QStringLiteral("dosage")).toObject().value(QStringLiteral("duration_seconds")), 60, 120, 60);
}

TEST_CASE("catalog prints a readable table by default, and refuses an unknown format")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("catalog")});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("Marching resisted bridge"), Qt::CaseInsensitive));
    CHECK(r.out.contains(QStringLiteral("2 sets of 20 reps, hold each 10 seconds, both sides at once")));

    const Run bad =
        cli({QStringLiteral("--db"), db, QStringLiteral("catalog"), QStringLiteral("--format"), QStringLiteral("xml")});
    CHECK(bad.exitCode == 2);
    CHECK(bad.out.isEmpty());
    CHECK(bad.err.contains(QStringLiteral("--format")));
}

TEST_CASE("help for the program and for each command, usage errors exit 2")
{
    const Run top = cli({QStringLiteral("--help")});
    CHECK(top.exitCode == 0);
    for (const char *command : {"catalog", "check", "import-catalog"}) {
        CHECK(top.out.contains(QString::fromLatin1(command)));
        const Run help = cli({QString::fromLatin1(command), QStringLiteral("--help")});
        CHECK(help.exitCode == 0);
        CHECK(help.out.contains(QStringLiteral("--db")));
    }
    CHECK(cli({QStringLiteral("catalog"), QStringLiteral("--help")}).out.contains(QStringLiteral("--format")));

    const Run none = cli({});
    CHECK(none.exitCode == 2);
    const Run unknown = cli({QStringLiteral("frobnicate")});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.contains(QStringLiteral("frobnicate")));
    CHECK(cli({QStringLiteral("import-catalog")}).exitCode == 2);
}

TEST_CASE("check reports a healthy database and its schema version")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    REQUIRE(cli({QStringLiteral("--db"), db, QStringLiteral("catalog")}).exitCode == 0);
    const QByteArray before = fileHash(db);
    const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("check")});
    INFO(r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("Schema version:  %1").arg(currentSchemaVersion())));
    CHECK(r.out.contains(QStringLiteral("Integrity:       ok")));
    CHECK(fileHash(db) == before); // check only reads
}

TEST_CASE("check refuses files that are not Rehabit databases and leaves them untouched")
{
    QTemporaryDir dir;
    SECTION("garbage")
    {
        const QString path = dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, '\x5a'));
        f.close();
        const QByteArray before = fileHash(path);
        const Run r = cli({QStringLiteral("--db"), path, QStringLiteral("check")});
        CHECK(r.exitCode == 1);
        CHECK(r.out.isEmpty());
        CHECK_FALSE(r.err.isEmpty());
        CHECK(fileHash(path) == before);
    }
    SECTION("missing file")
    {
        const QString path = dir.filePath(QStringLiteral("nowhere/none.sqlite"));
        const Run r = cli({QStringLiteral("--db"), path, QStringLiteral("check")});
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QStringLiteral("nowhere")));
        CHECK_FALSE(QFile::exists(path));
    }
}

TEST_CASE("import-catalog adds a user's own exercises, a bad file changes nothing")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    const Run good =
        cli({QStringLiteral("--db"), db, QStringLiteral("import-catalog"), dataFile("catalogs/good/custom-two.json")});
    INFO(good.err);
    REQUIRE(good.exitCode == 0);
    CHECK(good.out.contains(QStringLiteral("2 added")));
    const auto count = [&] {
        const Run r =
            cli({QStringLiteral("--db"), db,
                                QStringLiteral("catalog"), QStringLiteral("--format"), QStringLiteral("json")});
        REQUIRE(r.exitCode == 0);
        return QJsonDocument::fromJson(r.out.toUtf8()).array().size();
    };
    CHECK(count() == 10);

    const QByteArray before = fileHash(db);
    const QDir bad(dataFile("catalogs/bad"));
    const QStringList files = bad.entryList({QStringLiteral("*.json")}, QDir::Files);
    REQUIRE(files.size() >= 3);
    for (const QString &name : files) {
        INFO(name.toStdString());
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("import-catalog"), bad.filePath(name)});
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(name)); // names the file
        CHECK(r.err.contains(QStringLiteral("Nothing was imported")));
        CHECK(r.out.isEmpty());
    }
    CHECK(fileHash(db) == before);
    CHECK(count() == 10);
}

TEST_CASE("a second program on the same database is refused and told who holds it")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("held.sqlite"));
    auto holder = openSqliteStore(db);
    REQUIRE(holder.ok());
    const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("catalog")});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QString::number(QCoreApplication::applicationPid())));
    CHECK(r.out.isEmpty());
}
