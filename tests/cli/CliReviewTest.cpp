// rehabit-cli's therapist commands as scripts use them: patients, history,
// export, import and demo-data; exit codes, JSON shapes, errors on stderr,
// files written whole or not at all.

#include "RehabitCatch.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QString::fromUtf8(REHABIT_CLI), args);
    REQUIRE(p.waitForFinished(120000));
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QByteArray hashOf(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QStringList withDb(const QString &db, const QStringList &args)
{
    return QStringList{QStringLiteral("--db"), db} + args;
}

/// A database with two demo patients of 10 days (fixed seed and dates).
QString demoDatabase(const QTemporaryDir &dir)
{
    const QString db = dir.filePath(QStringLiteral("demo.sqlite"));
    const Run demo = cli(withDb(
        db, {QStringLiteral("demo-data"),
                QStringLiteral("--patients"),
                    QStringLiteral("2"), QStringLiteral("--days"),
                                             QStringLiteral("10"), QStringLiteral("--seed"),
                                                                       QStringLiteral("3"), QStringLiteral("--last-day"),
                                                                                                QStringLiteral("2025-06-30")}));
    INFO(demo.err.toStdString());
    REQUIRE(demo.exitCode == 0);
    CHECK(demo.err.contains(QStringLiteral("patient 2 of 2")));
    return db;
}

} // namespace

TEST_CASE("patients --format json is an array of objects with at least id and name, demo patients say Demo")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir);
    const Run run = cli(withDb(db, {QStringLiteral("patients"), QStringLiteral("--format"), QStringLiteral("json")}));
    REQUIRE(run.exitCode == 0);
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
    REQUIRE(doc.isArray());
    REQUIRE(doc.array().size() == 2);
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        CHECK(o.value(QStringLiteral("id")).isDouble());
        CHECK(o.value(QStringLiteral("name")).toString().startsWith(QStringLiteral("Demo ")));
        CHECK(o.value(QStringLiteral("sessions")).toInt() > 0);
        CHECK(o.value(QStringLiteral("pending_proposals")).isDouble());
    }
    const Run table = cli(withDb(db, {QStringLiteral("patients")}));
    CHECK(table.exitCode == 0);
    CHECK(table.out.contains(QStringLiteral("Demo")));
    CHECK(cli(withDb(db, {QStringLiteral("patients"), QStringLiteral("--format"), QStringLiteral("xml")})).exitCode
                     == 2);
}

TEST_CASE("history prints one patient's sessions, adherence, pain rises, flags and proposals")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir);
    // The last 30 days end on the as-of day (default today); the demo data ends on 2025-06-30.
    const Run run = cli(withDb(
        db, {QStringLiteral("history"),
                QStringLiteral("--patient"),
                    QStringLiteral("1"), QStringLiteral("--format"),
                                                        QStringLiteral("json"),
                                                                       QStringLiteral("--as-of"),
                                                                                      QStringLiteral("2025-06-30")}));
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
    CHECK(root.value(QStringLiteral("as_of")).toString() == QStringLiteral("2025-06-30"));
    CHECK(root.value(QStringLiteral("patient")).toObject().value(QStringLiteral("id")).toInt() == 1);
    const QJsonArray sessions = root.value(QStringLiteral("sessions")).toArray();
    REQUIRE_FALSE(sessions.isEmpty());
    const QJsonObject first = sessions.first().toObject();
    for (const char *key : {"id", "day", "status", "prescribed", "done", "pain_before", "exercises"})
        CHECK(first.contains(QLatin1String(key)));
    CHECK(first.value(QStringLiteral("prescribed")).toInt() > 0);
    const QJsonObject month =
        root.value(QStringLiteral("adherence")).toObject().value(QStringLiteral("last_30_days")).toObject();
    CHECK(month.value(QStringLiteral("days")).toInt() == 30);
    CHECK(month.value(QStringLiteral("days_with_data")).toInt() >= int(sessions.size()) - 1);
    CHECK(root.value(QStringLiteral("pain_rises")).isArray());
    // Real stops and ratings above 5 after a finished exercise are counted apart.
    for (const QJsonValue &rise : root.value(QStringLiteral("pain_rises")).toArray()) {
        CHECK(rise.toObject().value(QStringLiteral("pain_stops")).isDouble());
        CHECK(rise.toObject().value(QStringLiteral("ratings_above_5_after")).isDouble());
    }
    CHECK(root.value(QStringLiteral("flags")).isArray());
    for (const QJsonValue &flag : root.value(QStringLiteral("flags")).toArray())
        CHECK(QStringList{QStringLiteral("pain-stop"), QStringLiteral("next-morning-rise"),
                          QStringLiteral("pain-above-limit")}
                  .contains(flag.toObject().value(QStringLiteral("kind")).toString()));
    CHECK(root.value(QStringLiteral("pending_proposals")).isArray());

    const Run table = cli(withDb(db, {QStringLiteral("history"), QStringLiteral("--patient"), QStringLiteral("2")}));
    CHECK(table.exitCode == 0);
    CHECK(table.out.contains(QStringLiteral("Last 30 days")));
    const Run asOf = cli(
        withDb(db, {QStringLiteral("history"),
                                   QStringLiteral("--patient"),
                                                  QStringLiteral("2"), QStringLiteral("--as-of"),
                                                                                      QStringLiteral("2025-06-30")}));
    CHECK(asOf.out.contains(QStringLiteral("Last 30 days (2025-06-01 to 2025-06-30)")));
    CHECK(cli(withDb(db, {QStringLiteral("history"),
                                         QStringLiteral("--patient"),
                                                        QStringLiteral("2"), QStringLiteral("--as-of"),
                                                                                            QStringLiteral("June")}))
                                             .exitCode
                          == 2);

    const Run missing = cli(withDb(db, {QStringLiteral("history"), QStringLiteral("--patient"), QStringLiteral("99")}));
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains(QStringLiteral("no patient 99")));
    CHECK(cli(withDb(db, {QStringLiteral("history")})).exitCode == 2);
    CHECK(cli(withDb(db, {QStringLiteral("history"), QStringLiteral("--patient"), QStringLiteral("x")})).exitCode == 2);
}

TEST_CASE("export writes csv, json and fhir files whole, bad options exit 2 and a bad place exits 1")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir);
    const auto exportTo = [&](const QStringList &extra, const QString &file) {
        return cli(withDb(
            db, QStringList{QStringLiteral("export"), QStringLiteral("--patient"),
                                                                     QStringLiteral("1"), QStringLiteral("--out"), file}
                                                                                    + extra));
    };
    const QString json = dir.filePath(QStringLiteral("p.json"));
    REQUIRE(exportTo({QStringLiteral("--format"), QStringLiteral("json")}, json).exitCode == 0);
    CHECK(QJsonDocument::fromJson([&] {
              QFile f(json);
              REQUIRE(f.open(QIODevice::ReadOnly));
              return f.readAll();
          }())
              .object()
              .value(QStringLiteral("format")) == QStringLiteral("rehabit-patient"));
    const QString fhir = dir.filePath(QStringLiteral("p.fhir.json"));
    CHECK(exportTo({QStringLiteral("--format"), QStringLiteral("fhir")}, fhir).exitCode == 0);
    const QString events = dir.filePath(QStringLiteral("events.csv"));
    CHECK(exportTo({QStringLiteral("--format"), QStringLiteral("csv")}, events).exitCode == 0);
    const QString sessions = dir.filePath(QStringLiteral("sessions.csv"));
    CHECK(exportTo(
        {QStringLiteral("--format"),
            QStringLiteral("csv"), QStringLiteral("--csv-kind"), QStringLiteral("sessions")}, sessions).exitCode == 0);
    CHECK(QFileInfo(events).size() > QFileInfo(sessions).size());

    CHECK(exportTo({QStringLiteral("--format"), QStringLiteral("xml")}, json).exitCode == 2);
    CHECK(exportTo({QStringLiteral("--format"),
                       QStringLiteral("json"), QStringLiteral("--csv-kind"), QStringLiteral("sessions")}, json).exitCode
                       == 2);
    const QString nowhere = dir.filePath(QStringLiteral("no-such-folder/p.json"));
    const Run bad = exportTo({QStringLiteral("--format"), QStringLiteral("json")}, nowhere);
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(QStringLiteral("could not be written")));
    CHECK_FALSE(QFileInfo::exists(nowhere));
}

TEST_CASE("import adds an exported patient to another database, a bad file exits 1 and writes nothing")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir);
    const QString json = dir.filePath(QStringLiteral("p.json"));
    REQUIRE(cli(
        withDb(db, {QStringLiteral("export"),
                       QStringLiteral("--patient"),
                           QStringLiteral("2"), QStringLiteral("--format"),
                                                               QStringLiteral("json"), QStringLiteral("--out"), json}))
                               .exitCode
                       == 0);
    const QString other = dir.filePath(QStringLiteral("other.sqlite"));
    const Run imported = cli(withDb(other, {QStringLiteral("import"), json}));
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.out.contains(QStringLiteral("as patient 1")));
    const QJsonArray list = QJsonDocument::fromJson(
        cli(withDb(other,
                   {QStringLiteral("patients"), QStringLiteral("--format"), QStringLiteral("json")})).out.toUtf8())
                .array();
    REQUIRE(list.size() == 1);
    CHECK(list.first().toObject().value(QStringLiteral("name")).toString().startsWith(QStringLiteral("Demo")));

    // A file cut short: refused with line:column, the database unchanged.
    QByteArray bytes;
    {
        QFile f(json);
        REQUIRE(f.open(QIODevice::ReadOnly));
        bytes = f.readAll();
    }
    const QString cut = dir.filePath(QStringLiteral("cut.json"));
    {
        QFile f(cut);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(bytes.left(bytes.size() / 3));
    }
    const QByteArray before = hashOf(other);
    const Run refused = cli(withDb(other, {QStringLiteral("import"), cut}));
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QStringLiteral("cut.json: ")));
    CHECK(refused.err.contains(QStringLiteral("Nothing was imported.")));
    CHECK(hashOf(other) == before);
    CHECK(cli(withDb(other, {QStringLiteral("import")})).exitCode == 2);
}

TEST_CASE("import refuses a file imported before, naming the patient already there, and --as-new-patient adds a copy")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir);
    const QString json = dir.filePath(QStringLiteral("p.json"));
    REQUIRE(cli(withDb(db, {QStringLiteral("export"), QStringLiteral("--patient"), QStringLiteral("2"),
                            QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"), json}))
                .exitCode
            == 0);
    const QJsonObject patient = [&] {
        QFile f(json);
        REQUIRE(f.open(QIODevice::ReadOnly));
        return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("patient")).toObject();
    }();
    const QString name = patient.value(QStringLiteral("name")).toString();
    const QString uuid = patient.value(QStringLiteral("uuid")).toString();

    // Into the database it came from: that patient is already there.
    const QByteArray before = hashOf(db);
    const Run again = cli(withDb(db, {QStringLiteral("import"), json}));
    INFO(again.err.toStdString());
    CHECK(again.exitCode == 1);
    CHECK(again.out.isEmpty());
    CHECK(again.err.contains(QStringLiteral("%1 (patient 2, UUID %2)").arg(name, uuid)));
    CHECK(again.err.contains(QStringLiteral("Nothing was imported.")));
    CHECK(again.err.contains(QStringLiteral("--as-new-patient")));
    CHECK(again.err.contains(QStringLiteral("exchange bundle")));
    CHECK(hashOf(db) == before);

    // Asked for: a third patient, with UUIDs of its own.
    const Run copy = cli(withDb(db, {QStringLiteral("import"), QStringLiteral("--as-new-patient"), json}));
    INFO(copy.err.toStdString());
    REQUIRE(copy.exitCode == 0);
    CHECK(copy.out.contains(QStringLiteral("as patient 3")));
    const QJsonArray list =
        QJsonDocument::fromJson(
            cli(withDb(db, {QStringLiteral("patients"), QStringLiteral("--format"), QStringLiteral("json")}))
                .out.toUtf8())
            .array();
    REQUIRE(list.size() == 3);
    QStringList uuids;
    for (const QJsonValue &p : list)
        uuids << p.toObject().value(QStringLiteral("uuid")).toString();
    CHECK(uuids.count(uuid) == 1);
    CHECK(cli(withDb(db, {QStringLiteral("check")})).exitCode == 0);
}

TEST_CASE("import refuses an inconsistent file with the JSON path of the value at fault, and writes nothing")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir);
    const QString json = dir.filePath(QStringLiteral("p.json"));
    REQUIRE(cli(withDb(db, {QStringLiteral("export"), QStringLiteral("--patient"), QStringLiteral("1"),
                            QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"), json}))
                .exitCode
            == 0);
    QJsonObject root;
    {
        QFile f(json);
        REQUIRE(f.open(QIODevice::ReadOnly));
        root = QJsonDocument::fromJson(f.readAll()).object();
    }
    // An item version of an item that is in no program and was never removed.
    QJsonArray versions = root.value(QStringLiteral("item_versions")).toArray();
    QJsonObject phantom = versions.first().toObject();
    phantom.remove(QStringLiteral("uuid"));
    phantom.insert(QStringLiteral("program_item_id"), 4242);
    versions.append(phantom);
    root.insert(QStringLiteral("item_versions"), versions);
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    {
        QFile f(bad);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(root).toJson());
    }
    const QString other = dir.filePath(QStringLiteral("other.sqlite"));
    REQUIRE(cli(withDb(other, {QStringLiteral("catalog")})).exitCode == 0);
    const QByteArray before = hashOf(other);
    const Run refused = cli(withDb(other, {QStringLiteral("import"), bad}));
    INFO(refused.err.toStdString());
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QStringLiteral("item_versions[%1].program_item_id: ").arg(versions.size() - 1)));
    CHECK(refused.err.contains(QStringLiteral("Nothing was imported.")));
    CHECK(hashOf(other) == before);
}

TEST_CASE("demo-data refuses impossible counts with exit 2, and every command has --help")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("x.sqlite"));
    CHECK(cli(
        withDb(db, {QStringLiteral("demo-data"),
                                   QStringLiteral("--patients"),
                                                  QStringLiteral("0"), QStringLiteral("--days"), QStringLiteral("5")}))
                                       .exitCode
                    == 2);
    CHECK(cli(withDb(db, {QStringLiteral("demo-data"), QStringLiteral("--patients"), QStringLiteral("1")})).exitCode
                     == 2);
    CHECK_FALSE(QFileInfo::exists(db));
    const Run top = cli({QStringLiteral("--help")});
    for (const char *command : {"patients", "history", "export", "import", "demo-data"}) {
        CHECK(top.out.contains(QLatin1String(command)));
        const Run help = cli({QLatin1String(command), QStringLiteral("--help")});
        CHECK(help.exitCode == 0);
        CHECK(help.out.contains(QStringLiteral("--db")));
    }
}

TEST_CASE("patients and history show each patient's UUID, and --patient takes an id or a UUID")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir);
    const Run list = cli(withDb(db, {QStringLiteral("patients"), QStringLiteral("--format"), QStringLiteral("json")}));
    REQUIRE(list.exitCode == 0);
    const QJsonArray patients = QJsonDocument::fromJson(list.out.toUtf8()).array();
    REQUIRE(patients.size() == 2);
    const QJsonObject second = patients.at(1).toObject();
    const QString uuid = second.value(QStringLiteral("uuid")).toString();
    CHECK(uuid.size() == 36);
    CHECK(uuid != patients.at(0).toObject().value(QStringLiteral("uuid")).toString());
    const Run table = cli(withDb(db, {QStringLiteral("patients")}));
    CHECK(table.out.contains(QStringLiteral("UUID")));
    CHECK(table.out.contains(uuid));

    for (const QString &key : {uuid, uuid.toUpper(), QStringLiteral("{%1}").arg(uuid)}) {
        const Run byUuid = cli(
            withDb(db, {QStringLiteral("history"), QStringLiteral("--patient"), key,
                                                                  QStringLiteral("--format"), QStringLiteral("json")}));
        INFO(byUuid.err.toStdString());
        REQUIRE(byUuid.exitCode == 0);
        const QJsonObject root = QJsonDocument::fromJson(byUuid.out.toUtf8()).object();
        const QJsonObject patient = root.value(QStringLiteral("patient")).toObject();
        CHECK(patient.value(QStringLiteral("id")).toInt() == second.value(QStringLiteral("id")).toInt());
        CHECK(patient.value(QStringLiteral("uuid")).toString() == uuid);
        const QJsonObject session = root.value(QStringLiteral("sessions")).toArray().first().toObject();
        CHECK(session.value(QStringLiteral("uuid")).toString().size() == 36);
    }
    const Run tableHistory = cli(withDb(db, {QStringLiteral("history"), QStringLiteral("--patient"), uuid}));
    CHECK(tableHistory.exitCode == 0);
    CHECK(tableHistory.out.contains(uuid));

    const QString unknown = QStringLiteral("00000000-0000-4000-8000-000000000000");
    const Run missing = cli(withDb(db, {QStringLiteral("history"), QStringLiteral("--patient"), unknown}));
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains(QStringLiteral("no patient %1").arg(unknown)));

    const QString out = dir.filePath(QStringLiteral("by-uuid.json"));
    const Run exported = cli(withDb(
        db, {QStringLiteral("export"), QStringLiteral("--patient"), uuid,
                                                      QStringLiteral("--format"),
                                                                     QStringLiteral("json"), QStringLiteral("--out"),
                                                                                                            out}));
    INFO(exported.err.toStdString());
    REQUIRE(exported.exitCode == 0);
    QFile file(out);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    CHECK(json.value(QStringLiteral("patient")).toObject().value(QStringLiteral("uuid")).toString() == uuid);
}
