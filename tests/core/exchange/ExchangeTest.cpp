// Exports and the JSON import: a lossless round trip into another database,
// CSV cells that a spreadsheet cannot run, refusals with their location and
// nothing written, and the FHIR Bundle's shape (the schema check itself is
// the ctest "fhir: ..." tests, tests/fhir/).

#include "StoreTestSupport.h"

#include "rehabit/review/History.h"
#include "rehabit/domain/Validation.h"
#include "rehabit/exchange/PatientExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUuid>

#include <functional>

using namespace rehabit;
using namespace rehabit::test;

namespace {

QDateTime exportTime()
{
    return at(1'760'000'000'000);
}

/// A database with a patient whose record uses every part of the format:
/// a custom exercise, an edited program with a removed item, notes, two
/// sessions (pain ratings in every context, a pain stop), a decided and a
/// pending proposal, and texts that spreadsheets would take for formulas.
struct Source {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("source.sqlite"));
    std::unique_ptr<Store> store = openStore(path);
    Populated ids = populate(*store);

    Source()
    {
        REQUIRE(store->finishSession(ids.sessionId, SessionStatus::Completed, at(1'700'000'050'000), false).ok());
        Exercise mine = bundledCatalog().exercises.at(1);
        mine.id = QStringLiteral("wall-hip-flexor-stretch");
        mine.name = QStringLiteral("=Wall stretch, \"gentle\"");
        mine.origin = ExerciseOrigin::Custom;
        REQUIRE(store->saveCustomExercise(mine).ok());
        Program p = *store->program(ids.programId).value();
        p.items[1].exerciseId = mine.id;
        p.items[1].rx.load = QStringLiteral("-light band");
        p.items.removeLast();
        const auto edited = store->updateProgram(p, at(1'700'100'000'000));
        INFO(errorText(edited));
        REQUIRE(edited.ok());
        REQUIRE(store->addNote(PatientNote{0, ids.patientId, at(1'700'200'000'000),
                                           QStringLiteral("@therapist: +2 sets next week\nsecond line")})
                                   .ok());
        const auto session = store->startSession(ids.patientId, ids.programId, at(1'700'300'000'000));
        REQUIRE(session.ok());
        qint64 ms = 1'700'300'000'000;
        const auto log = [&](EventKind kind, qint64 item, std::optional<int> pain, std::optional<PainContext> context,
                             const QString &detail = QString()) {
            SessionEvent e;
            e.sessionId = session->id;
            e.atMs = ms += 1500;
            e.kind = kind;
            e.programItemId = item;
            if (item == edited->items.at(1).id)
                e.exerciseId = mine.id;
            e.pain = pain;
            e.painContext = context;
            e.detail = detail;
            if (kind == EventKind::RepDone) {
                e.setIndex = 1;
                e.repIndex = 1;
                e.side = Side::Left;
            }
            REQUIRE(store->appendEvent(e).ok());
        };
        log(EventKind::SessionStarted, 0, std::nullopt, std::nullopt);
        log(EventKind::PainRated, 0, 1, PainContext::BeforeSession);
        log(EventKind::RepDone, edited->items.at(1).id, std::nullopt, std::nullopt);
        log(EventKind::PainRated, edited->items.at(1).id, 4, PainContext::During);
        log(EventKind::PainStop, edited->items.at(1).id, 4, PainContext::During, QStringLiteral("rose-above-start"));
        log(EventKind::SessionEnded, 0, std::nullopt, std::nullopt, QStringLiteral("=cmd|' /C calc'!A0"));
        log(EventKind::PainRated, 0, 3, PainContext::NextMorning);
        REQUIRE(store->finishSession(session->id, SessionStatus::Partial, at(1'700'300'600'000), true).ok());
        Proposal regress;
        regress.programItemId = edited->items.at(1).id;
        regress.sessionId = session->id;
        regress.kind = ProposalKind::Regress;
        regress.reason = QStringLiteral("Pain rose from 1 to 4");
        regress.createdAt = at(1'700'300'700'000);
        const auto added = store->addProposal(regress);
        REQUIRE(added.ok());
        REQUIRE(store->decideProposal(added->id, ProposalStatus::Declined, at(1'700'400'000'000)).ok());
    }

    PatientRecord record() const
    {
        const auto r = store->patientRecord(ids.patientId);
        INFO(errorText(r));
        REQUIRE(r.ok());
        REQUIRE(r->has_value());
        return **r;
    }
};

std::unique_ptr<Store> emptyTarget(const QString &path)
{
    auto store = openStore(path);
    REQUIRE(store->importCatalog(bundledCatalog(), ExerciseOrigin::Bundled).ok());
    REQUIRE(store->addPatient(QStringLiteral("Somebody already here"), at(1'600'000'000'000)).ok());
    return store;
}

/// Ids renumbered 1, 2, 3 ... per kind in the order they first appear, and
/// revisions (counted by each database) left out, so that records of two
/// databases compare field by field.
PatientRecord normalized(PatientRecord r)
{
    QHash<qint64, qint64> programs, items, sessions;
    const auto map = [](QHash<qint64, qint64> &ids, qint64 id) {
        if (id == 0)
            return qint64(0);
        if (!ids.contains(id))
            ids.insert(id, ids.size() + 1);
        return ids.value(id);
    };
    r.patient.id = 1;
    r.patient.revision = 0;
    for (qsizetype i = 0; i < r.notes.size(); ++i) {
        r.notes[i].id = i + 1;
        r.notes[i].patientId = 1;
        r.notes[i].revision = 0;
    }
    for (Program &p : r.programs) {
        p.id = map(programs, p.id);
        p.revision = 0;
        p.patientId = 1;
        for (ProgramItem &item : p.items)
            item.id = map(items, item.id);
    }
    for (ProgramItemVersion &v : r.itemVersions) {
        v.programId = map(programs, v.programId);
        v.programItemId = map(items, v.programItemId);
    }
    for (SessionHistory &s : r.sessions) {
        s.record.id = map(sessions, s.record.id);
        s.record.revision = 0;
        s.record.patientId = 1;
        s.record.programId = map(programs, s.record.programId);
        for (SessionEvent &e : s.events) {
            e.id = 0;
            e.sessionId = s.record.id;
            e.programItemId = map(items, e.programItemId);
        }
    }
    for (qsizetype i = 0; i < r.proposals.size(); ++i) {
        Proposal &p = r.proposals[i];
        p.id = i + 1;
        p.revision = 0;
        p.programItemId = map(items, p.programItemId);
        p.sessionId = map(sessions, p.sessionId);
    }
    return r;
}

int differingLines(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> la = a.split('\n'), lb = b.split('\n');
    int differences = int(std::abs(la.size() - lb.size()));
    for (qsizetype i = 0; i < std::min(la.size(), lb.size()); ++i)
        if (la.at(i) != lb.at(i))
            ++differences;
    return differences;
}

} // namespace

TEST_CASE("A patient exported to JSON and imported into another database comes back with 0 differences")
{
    Source source;
    const PatientRecord original = source.record();
    REQUIRE(original.sessions.size() == 2);
    REQUIRE(original.itemVersions.size() == 5);
    const QByteArray json = PatientJson::toJson(original, exportTime());

    const auto parsed = PatientJson::parse(json);
    INFO(errorText(parsed));
    REQUIRE(parsed.ok());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("ana.json"));
    REQUIRE(writeAll(file, json));
    auto target = emptyTarget(dir.filePath(QStringLiteral("target.sqlite")));
    const auto imported = importPatientFile(*target, file);
    INFO(errorText(imported));
    REQUIRE(imported.ok());
    CHECK(imported->patientId == 2); // a new patient next to the one already there
    CHECK_FALSE(imported->alreadyHere.has_value());

    const auto copy = target->patientRecord(imported->patientId);
    REQUIRE(copy.ok());
    REQUIRE(copy->has_value());
    const QByteArray before = PatientJson::toJson(normalized(original), exportTime());
    const QByteArray after = PatientJson::toJson(normalized(**copy), exportTime());
    CHECK(differingLines(before, after) == 0);
    CHECK(normalized(**copy).sessions == normalized(original).sessions);
    CHECK(normalized(**copy).itemVersions == normalized(original).itemVersions);
    CHECK((**copy).customExercises == original.customExercises);

    // The parsed file itself equals the database's record.
    CHECK(PatientJson::toJson(*parsed, exportTime()) == json);
}

TEST_CASE("CSV cells that a spreadsheet would run as a formula are escaped, and quoting follows RFC 4180")
{
    CHECK(PatientCsv::cell(QStringLiteral("plain text")) == QStringLiteral("plain text"));
    CHECK(PatientCsv::cell(QStringLiteral("12")) == QStringLiteral("12"));
    CHECK(PatientCsv::cell(QStringLiteral("=1+2")) == QStringLiteral("\"'=1+2\""));
    CHECK(PatientCsv::cell(QStringLiteral("+1")) == QStringLiteral("\"'+1\""));
    CHECK(PatientCsv::cell(QStringLiteral("-2")) == QStringLiteral("\"'-2\""));
    CHECK(PatientCsv::cell(QStringLiteral("@SUM(A1)")) == QStringLiteral("\"'@SUM(A1)\""));
    CHECK(PatientCsv::cell(QStringLiteral("\tx")) == QStringLiteral("\"'\tx\""));
    CHECK(PatientCsv::cell(QStringLiteral("\rx")) == QStringLiteral("\"'\rx\""));
    CHECK(PatientCsv::cell(QString(QChar(u'\0')) + QStringLiteral("x"))
                           == QStringLiteral("\"'") + QChar(u'\0') + QStringLiteral("x\""));
    CHECK(PatientCsv::cell(QStringLiteral("a,b")) == QStringLiteral("\"a,b\""));
    CHECK(PatientCsv::cell(QStringLiteral("say \"hi\"")) == QStringLiteral("\"say \"\"hi\"\"\""));
    CHECK(PatientCsv::cell(QStringLiteral("two\nlines")) == QStringLiteral("\"two\nlines\""));
    CHECK(PatientCsv::cell(QStringLiteral("=HYPERLINK(\"http://x\")"))
                           == QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\""));
    // Only the first character matters.
    CHECK(PatientCsv::cell(QStringLiteral("a=b")) == QStringLiteral("a=b"));
}

TEST_CASE("The CSV exports have one row per event and per session, with every text cell escaped")
{
    Source source;
    const PatientRecord record = source.record();
    const QList<Exercise> exercises = source.store->exercises().value();
    const QByteArray eventBytes = PatientCsv::events(record, exercises);
    REQUIRE(eventBytes.startsWith("\xEF\xBB\xBF"));
    const QString events = QString::fromUtf8(eventBytes.mid(3));
    const QStringList lines = events.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    int eventCount = 0;
    for (const SessionHistory &s : record.sessions)
        eventCount += int(s.events.size());
    // The note has a line break but is not in this file; no cell here spans lines.
    CHECK(lines.size() == eventCount + 1);
    CHECK(lines.first() == PatientCsv::eventColumns().join(u','));
    CHECK(events.contains(QStringLiteral("\"'=cmd|' /C calc'!A0\"")));
    CHECK(events.contains(QStringLiteral("\"'=Wall stretch, \"\"gentle\"\"\"")));
    for (const QString &line : lines.mid(1))
        CHECK_FALSE(line.contains(QStringLiteral(",=")));

    auto history = PatientHistory::build(record, exercises, QTimeZone::utc());
    REQUIRE(history.ok());
    const QString sessions = QString::fromUtf8(PatientCsv::sessions(*history, exercises).mid(3));
    const QStringList rows = sessions.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    REQUIRE(rows.size() == 3);
    CHECK(rows.first() == PatientCsv::sessionColumns().join(u','));
    CHECK(rows.at(2).contains(QStringLiteral(",partial,1,")));
}

TEST_CASE("A bad patient file is refused with its location, and the database is not changed")
{
    Source source;
    const QByteArray good = PatientJson::toJson(source.record(), exportTime());
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("target.sqlite"));
    auto target = emptyTarget(dbPath);
    const QByteArray before = contentHash(dbPath);
    const QString file = dir.filePath(QStringLiteral("bad.json"));

    const auto refusedAt = [&](const QByteArray &bytes) {
        REQUIRE(writeAll(file, bytes));
        const auto result = importPatientFile(*target, file);
        REQUIRE_FALSE(result.ok());
        CHECK(contentHash(dbPath) == before);
        return result.error();
    };
    const auto edited = [&](const std::function<void(QJsonObject &)> &change) {
        QJsonObject root = QJsonDocument::fromJson(good).object();
        change(root);
        return QJsonDocument(root).toJson();
    };

    SECTION("syntax: cut short, and a stray comma, located by line and column")
    {
        const QRegularExpression lineColumn(QStringLiteral("^\\d+:\\d+$"));
        CHECK(lineColumn.match(refusedAt(good.left(good.size() / 2)).location).hasMatch());
        QByteArray comma = good;
        comma.insert(1, ',');
        const Error e = refusedAt(comma);
        CHECK(e.location == QStringLiteral("1:2"));
        // Bytes that are not UTF-8, and a key given twice (QJsonDocument would keep the last silently).
        QByteArray latin1 = good;
        latin1.replace("\"Ana Test\"", "\"Ana T\xE9st\"");
        CHECK(lineColumn.match(refusedAt(latin1).location).hasMatch());
        QByteArray twice = good;
        twice.replace("\"archived\": false", "\"archived\": false, \"archived\": true");
        const Error duplicate = refusedAt(twice);
        CHECK(duplicate.location.startsWith(QStringLiteral("patient")));
        CHECK(duplicate.message.contains(QStringLiteral("archived")));
    }
    SECTION("content: located by JSON path")
    {
        CHECK(refusedAt(edited([](QJsonObject &root) {
                  QJsonArray sessions = root[QStringLiteral("sessions")].toArray();
                  QJsonObject s = sessions[1].toObject();
                  QJsonArray events = s[QStringLiteral("events")].toArray();
                  QJsonObject e = events[3].toObject();
                  e[QStringLiteral("pain")] = 12;
                  events[3] = e;
                  s[QStringLiteral("events")] = events;
                  sessions[1] = s;
                  root[QStringLiteral("sessions")] = sessions;
              })).location
              == QStringLiteral("sessions[1].events[3].pain"));
        CHECK(refusedAt(edited([](QJsonObject &root) {
                  root[QStringLiteral("format")] = QStringLiteral("catalog");
              })).location
              == QStringLiteral("format"));
        CHECK(refusedAt(edited([](QJsonObject &root) { root[QStringLiteral("colour")] = 1; })).location
              == QStringLiteral("colour"));
        CHECK(refusedAt(edited([](QJsonObject &root) {
                  QJsonObject patient = root[QStringLiteral("patient")].toObject();
                  patient.remove(QStringLiteral("name"));
                  root[QStringLiteral("patient")] = patient;
              })).location
              == QStringLiteral("patient.name"));
    }
    SECTION("references: a program item the session's program does not have")
    {
        const Error e = refusedAt(edited([](QJsonObject &root) {
            QJsonArray proposals = root[QStringLiteral("proposals")].toArray();
            QJsonObject p = proposals[0].toObject();
            p[QStringLiteral("program_item_id")] = 99999;
            proposals[0] = p;
            root[QStringLiteral("proposals")] = proposals;
        }));
        CHECK(e.location == QStringLiteral("proposals[0].program_item_id"));
    }
    SECTION("a file that is not there, and an empty one")
    {
        CHECK(importPatientFile(
            *target,
            dir.filePath(QStringLiteral("missing.json"))).error().message.contains(QStringLiteral("does not exist")));
        CHECK_FALSE(refusedAt(QByteArray()).message.isEmpty());
    }
    // A good file still goes in afterwards.
    REQUIRE(writeAll(file, good));
    CHECK(importPatientFile(*target, file).ok());
}

TEST_CASE("The FHIR Bundle has the patient, one Observation per pain rating with LOINC 72514-3, programs and sessions")
{
    Source source;
    const PatientRecord record = source.record();
    const QByteArray bytes = PatientFhir::bundle(record, source.store->exercises().value(), exportTime());
    const QJsonObject bundle = QJsonDocument::fromJson(bytes).object();
    CHECK(bundle[QStringLiteral("resourceType")] == QStringLiteral("Bundle"));
    CHECK(bundle[QStringLiteral("type")] == QStringLiteral("collection"));
    QMap<QString, int> counts;
    QList<int> painValues;
    for (const QJsonValue &entry : bundle[QStringLiteral("entry")].toArray()) {
        const QJsonObject resource = entry[QStringLiteral("resource")].toObject();
        const QString type = resource[QStringLiteral("resourceType")].toString();
        ++counts[type];
        CHECK(entry[QStringLiteral("fullUrl")].toString()
                    == QStringLiteral("urn:uuid:") + resource[QStringLiteral("id")].toString());
        if (type == QStringLiteral("Observation")) {
            CHECK(resource[QStringLiteral("code")][QStringLiteral("coding")][0][QStringLiteral("code")]
                                                                                == QStringLiteral("72514-3"));
            CHECK(resource[QStringLiteral("code")][QStringLiteral("coding")][0][QStringLiteral("system")]
                                                                                == QStringLiteral("http://loinc.org"));
            REQUIRE(resource[QStringLiteral("valueInteger")].isDouble());
            painValues << resource[QStringLiteral("valueInteger")].toInt();
        }
        if (type == QStringLiteral("ServiceRequest"))
            CHECK(resource[QStringLiteral("code")][QStringLiteral("coding")][0][QStringLiteral("code")]
                                                                                == QStringLiteral("229065009"));
    }
    CHECK(counts.value(QStringLiteral("Patient")) == 1);
    CHECK(counts.value(QStringLiteral("CarePlan")) == 1);
    CHECK(counts.value(QStringLiteral("ServiceRequest")) == 2); // the program's two items now
    CHECK(counts.value(QStringLiteral("Procedure")) == 2);
    CHECK(painValues == QList<int>({2, 1, 4, 3}));
    // The same record gives the same bundle.
    CHECK(PatientFhir::bundle(record, source.store->exercises().value(), exportTime()) == bytes);
}

TEST_CASE("The JSON export carries every UUID, an import keeps them, and an older file without them still imports")
{
    Source source;
    const PatientRecord original = source.record();
    const QByteArray json = PatientJson::toJson(original, exportTime());
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    CHECK(root.value(QStringLiteral("version")).toInt() == PatientJson::FormatVersion);
    CHECK(root.value(
        QStringLiteral("patient")).toObject().value(QStringLiteral("uuid")).toString() == original.patient.uuid);
    CHECK(root.value(QStringLiteral("sessions"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("uuid")).toString() == original.sessions.first().record.uuid);
    CHECK(root.value(QStringLiteral("item_versions")).toArray().first().toObject().contains(QStringLiteral("uuid")));

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("ana.json"));
    REQUIRE(writeAll(file, json));
    auto target = emptyTarget(dir.filePath(QStringLiteral("target.sqlite")));
    const auto imported = importPatientFile(*target, file);
    INFO(errorText(imported));
    REQUIRE(imported.ok());
    const PatientRecord copy = target->patientRecord(imported->patientId)->value();
    CHECK(copy.patient.uuid == original.patient.uuid);
    REQUIRE(copy.sessions.size() == original.sessions.size());
    for (qsizetype i = 0; i < copy.sessions.size(); ++i)
        CHECK(copy.sessions.at(i).record.uuid == original.sessions.at(i).record.uuid);
    REQUIRE(copy.proposals.size() == original.proposals.size());
    for (qsizetype i = 0; i < copy.proposals.size(); ++i) {
        CHECK(copy.proposals.at(i).uuid == original.proposals.at(i).uuid);
        CHECK(copy.proposals.at(i).decisionUuid == original.proposals.at(i).decisionUuid);
    }
    CHECK(target->patientByUuid(original.patient.uuid)->value().id == imported->patientId);

    // A version 1 file, written before UUIDs: every row gets a new one.
    QByteArray older = json;
    older.replace("\"version\": 2", "\"version\": 1");
    QJsonDocument doc = QJsonDocument::fromJson(older);
    QJsonObject o = doc.object();
    const auto strip = [](QJsonObject object) {
        object.remove(QStringLiteral("uuid"));
        object.remove(QStringLiteral("decision_uuid"));
        return object;
    };
    o.insert(QStringLiteral("patient"), strip(o.value(QStringLiteral("patient")).toObject()));
    for (const char *part : {"notes", "programs", "item_versions", "sessions", "proposals"}) {
        QJsonArray stripped;
        for (const QJsonValue &v : o.value(QLatin1String(part)).toArray())
            stripped << strip(v.toObject());
        o.insert(QLatin1String(part), stripped);
    }
    REQUIRE_FALSE(QJsonDocument(o).toJson().contains("uuid"));
    const auto parsed = PatientJson::parse(QJsonDocument(o).toJson());
    INFO(errorText(parsed));
    REQUIRE(parsed.ok());
    CHECK(parsed->patient.uuid.isEmpty());
    auto other = emptyTarget(dir.filePath(QStringLiteral("other.sqlite")));
    const auto added = other->addPatientRecord(*parsed, RecordUuids::Keep);
    INFO(errorText(added));
    REQUIRE(added.ok());
    const PatientRecord fresh = other->patientRecord(*added)->value();
    CHECK(fresh.patient.uuid.size() == 36);
    CHECK(fresh.patient.uuid != original.patient.uuid);
    CHECK(fresh.sessions.first().record.uuid.size() == 36);
}

TEST_CASE("A UUID that is not one is refused with its location")
{
    Source source;
    QJsonObject root = QJsonDocument::fromJson(PatientJson::toJson(source.record(), exportTime())).object();
    QJsonObject patient = root.value(QStringLiteral("patient")).toObject();
    patient.insert(QStringLiteral("uuid"), QStringLiteral("not-a-uuid"));
    root.insert(QStringLiteral("patient"), patient);
    const auto parsed = PatientJson::parse(QJsonDocument(root).toJson());
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().location == QStringLiteral("patient.uuid"));
}

namespace {

/// A patient file refused into a database, and what the database looked like before.
struct RefusalBench {
    Source source;
    QByteArray good = PatientJson::toJson(source.record(), exportTime());
    QTemporaryDir dir;
    QString dbPath = dir.filePath(QStringLiteral("target.sqlite"));
    std::unique_ptr<Store> target = emptyTarget(dbPath);
    QByteArray before = contentHash(dbPath);
    QString file = dir.filePath(QStringLiteral("edited.json"));

    /// The good file with one change, imported: its refusal, the database unchanged.
    Error refused(const std::function<void(QJsonObject &)> &change)
    {
        QJsonObject root = QJsonDocument::fromJson(good).object();
        change(root);
        REQUIRE(writeAll(file, QJsonDocument(root).toJson()));
        const auto result = importPatientFile(*target, file);
        REQUIRE_FALSE(result.ok());
        CHECK(contentHash(dbPath) == before);
        return result.error();
    }
};

/// Changes the object at root[part][index] (an element of a top-level array).
void editElement(QJsonObject &root, const char *part, qsizetype index, const std::function<void(QJsonObject &)> &change)
{
    QJsonArray list = root.value(QLatin1String(part)).toArray();
    QJsonObject element = list.at(index).toObject();
    change(element);
    list[index] = element;
    root.insert(QLatin1String(part), list);
}

/// Appends a copy of root[part][index], changed.
void appendCopy(QJsonObject &root, const char *part, qsizetype index, const std::function<void(QJsonObject &)> &change)
{
    QJsonArray list = root.value(QLatin1String(part)).toArray();
    QJsonObject copy = list.at(index).toObject();
    change(copy);
    list.append(copy);
    root.insert(QLatin1String(part), list);
}

} // namespace

TEST_CASE("An inconsistent patient file is refused with the JSON path of the value at fault, and nothing is written")
{
    RefusalBench bench;
    const QJsonObject root = QJsonDocument::fromJson(bench.good).object();
    const qsizetype versions = root.value(QStringLiteral("item_versions")).toArray().size();
    REQUIRE(root.value(QStringLiteral("notes")).toArray().size() == 1);
    REQUIRE(root.value(QStringLiteral("proposals")).toArray().size() == 2);

    SECTION("an item version of an item no program has and none removes")
    {
        const Error e = bench.refused([](QJsonObject &r) {
            appendCopy(r, "item_versions", 0, [](QJsonObject &v) {
                v.remove(QStringLiteral("uuid"));
                v.insert(QStringLiteral("program_item_id"), 99999);
            });
        });
        CHECK(e.location == QStringLiteral("item_versions[%1].program_item_id").arg(versions));
        CHECK(e.message.contains(QStringLiteral("item 99999")));
    }
    SECTION("an event of another exercise than its program item's")
    {
        // sessions[1].events[2] is a rep of item 2, the custom exercise since the program's edit.
        REQUIRE(root.value(QStringLiteral("sessions"))[1][QStringLiteral("events")][2][QStringLiteral("exercise_id")]
                == QStringLiteral("wall-hip-flexor-stretch"));
        const Error e = bench.refused([](QJsonObject &r) {
            editElement(r, "sessions", 1, [](QJsonObject &s) {
                QJsonArray events = s.value(QStringLiteral("events")).toArray();
                QJsonObject event = events.at(2).toObject();
                event.insert(QStringLiteral("exercise_id"), QStringLiteral("prone-leg-lift"));
                events[2] = event;
                s.insert(QStringLiteral("events"), events);
            });
        });
        CHECK(e.location == QStringLiteral("sessions[1].events[2].exercise_id"));
        CHECK(e.message.contains(QStringLiteral("wall-hip-flexor-stretch")));
    }
    SECTION("a session that ends before it starts")
    {
        const Error e = bench.refused([](QJsonObject &r) {
            editElement(r, "sessions", 0, [](QJsonObject &s) {
                s.insert(QStringLiteral("ended_at"), QStringLiteral("2020-01-01T00:00:00.000Z"));
            });
        });
        CHECK(e.location == QStringLiteral("sessions[0].ended_at"));
        CHECK(e.message.contains(QStringLiteral("before it starts")));
    }
    SECTION("a note or a proposal twice under one id, or under one UUID")
    {
        const auto without = [](QJsonObject &o) { o.remove(QStringLiteral("uuid")); };
        CHECK(bench.refused([&](QJsonObject &r) { appendCopy(r, "notes", 0, without); }).location
              == QStringLiteral("notes[1].id"));
        CHECK(bench.refused([&](QJsonObject &r) { appendCopy(r, "proposals", 0, without); }).location
              == QStringLiteral("proposals[2].id"));
        CHECK(bench
                  .refused([](QJsonObject &r) {
                      appendCopy(r, "notes", 0, [](QJsonObject &n) { n.insert(QStringLiteral("id"), 777); });
                  })
                  .location
              == QStringLiteral("notes[1].uuid"));
        const Error proposal = bench.refused([](QJsonObject &r) {
            appendCopy(r, "proposals", 1, [](QJsonObject &p) {
                p.insert(QStringLiteral("id"), 777);
                p.remove(QStringLiteral("decision_uuid"));
            });
        });
        CHECK(proposal.location == QStringLiteral("proposals[2].uuid"));
        CHECK(proposal.message.contains(QStringLiteral("proposals[1].uuid")));
    }
    SECTION("names with control characters, or that show nothing")
    {
        for (const QString &name :
             {QStringLiteral("Ana\nTest"), QStringLiteral("Ana\x1b[2JTest"), QString(QStringLiteral("Ana") + QChar(0)),
              QStringLiteral("Ana\u0085Test"), QStringLiteral("\u200B"), QStringLiteral("\u2060\u00A0")}) {
            INFO(name);
            CHECK(bench
                      .refused([&](QJsonObject &r) {
                          QJsonObject patient = r.value(QStringLiteral("patient")).toObject();
                          patient.insert(QStringLiteral("name"), name);
                          r.insert(QStringLiteral("patient"), patient);
                      })
                      .location
                  == QStringLiteral("patient.name"));
        }
        CHECK(bench
                  .refused([](QJsonObject &r) {
                      editElement(r, "programs", 0, [](QJsonObject &p) {
                          p.insert(QStringLiteral("name"), QStringLiteral("Daily\rplan"));
                      });
                  })
                  .location
              == QStringLiteral("programs[0].name"));
        CHECK(bench
                  .refused([](QJsonObject &r) {
                      editElement(r, "custom_exercises", 0, [](QJsonObject &e) {
                          e.insert(QStringLiteral("name"), QStringLiteral("Wall\x1b]0;owned\astretch"));
                      });
                  })
                  .location
              == QStringLiteral("custom_exercises[0].name"));
    }
    // The good file still goes in.
    REQUIRE(writeAll(bench.file, bench.good));
    const auto imported = importPatientFile(*bench.target, bench.file);
    INFO(errorText(imported));
    CHECK(imported.ok());
}

TEST_CASE("A file imported before is not imported again unless a copy is asked for, and the copy gets new UUIDs")
{
    Source source;
    const PatientRecord original = source.record();
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("ana.json"));
    REQUIRE(writeAll(file, PatientJson::toJson(original, exportTime())));
    const QString dbPath = dir.filePath(QStringLiteral("target.sqlite"));
    auto target = emptyTarget(dbPath);

    const auto first = importPatientFile(*target, file);
    INFO(errorText(first));
    REQUIRE(first.ok());
    REQUIRE(first->patientId == 2);
    CHECK_FALSE(first->alreadyHere.has_value());
    const QByteArray before = contentHash(dbPath);

    // Again: nothing written, the patient already here named.
    const auto again = importPatientFile(*target, file);
    REQUIRE(again.ok());
    CHECK(again->patientId == 0);
    REQUIRE(again->alreadyHere.has_value());
    CHECK(again->alreadyHere->id == 2);
    CHECK(again->alreadyHere->name == QStringLiteral("Ana Test"));
    CHECK(again->alreadyHere->uuid == original.patient.uuid);
    CHECK(contentHash(dbPath) == before);

    // The same sessions under another patient UUID (an edited file): the same answer.
    QJsonObject root = QJsonDocument::fromJson(PatientJson::toJson(original, exportTime())).object();
    QJsonObject patient = root.value(QStringLiteral("patient")).toObject();
    patient.insert(QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    patient.insert(QStringLiteral("name"), QStringLiteral("Someone else"));
    root.insert(QStringLiteral("patient"), patient);
    const QString edited = dir.filePath(QStringLiteral("edited.json"));
    REQUIRE(writeAll(edited, QJsonDocument(root).toJson()));
    const auto sameSessions = importPatientFile(*target, edited);
    REQUIRE(sameSessions.ok());
    REQUIRE(sameSessions->alreadyHere.has_value());
    CHECK(sameSessions->alreadyHere->id == 2);
    CHECK(contentHash(dbPath) == before);

    // Asked for: a copy, every row with a UUID of its own.
    const auto copy = importPatientFile(*target, file, RecordUuids::New);
    INFO(errorText(copy));
    REQUIRE(copy.ok());
    CHECK(copy->patientId == 3);
    const PatientRecord copied = target->patientRecord(copy->patientId)->value();
    CHECK(copied.sessions.size() == original.sessions.size());
    const QStringList originalUuids = recordUuids(original);
    const QStringList copiedUuids = recordUuids(copied);
    CHECK(copiedUuids.size() == originalUuids.size());
    for (const QString &uuid : copiedUuids)
        CHECK_FALSE(originalUuids.contains(uuid));
    CHECK(target->check()->healthy());
}

TEST_CASE("A patient file over the size limit is refused with both sizes in bytes")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.json"));
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        REQUIRE(f.resize(PatientJson::MaxFileBytes + 1)); // sparse: refused by its size before it is read
    }
    const auto refused = PatientJson::parseFile(path);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().location.isEmpty());
    CHECK(refused.error().message
          == QStringLiteral("the file is 268435457 bytes; a patient file may be at most 268435456 bytes (256 MiB)"));
}
