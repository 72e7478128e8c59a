// The store's contract, the catalog: imports are idempotent, a newer bundled
// catalog never touches custom exercises or history, bundled ids are not for
// custom entries, and a malformed file changes nothing. On every backend
// (StoreFactory.h).

#include "StoreFactory.h"
#include "StoreTestSupport.h"

#include "rehabit/store/CatalogImport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

using namespace rehabit;
using namespace rehabit::test;

namespace {

const QString CustomTwo = QStringLiteral(REHABIT_TEST_DATA_DIR "/catalogs/good/custom-two.json");

Catalog customCatalog()
{
    const auto parsed = CatalogJson::parseFile(CustomTwo);
    INFO(errorText(parsed));
    REQUIRE(parsed.ok());
    return *parsed;
}

QList<Exercise> withOrigin(QList<Exercise> exercises, ExerciseOrigin origin)
{
    for (Exercise &e : exercises)
        e.origin = origin;
    return exercises;
}

QList<Exercise> ofOrigin(const QList<Exercise> &exercises, ExerciseOrigin origin)
{
    QList<Exercise> result;
    for (const Exercise &e : exercises)
        if (e.origin == origin)
            result << e;
    return result;
}

} // namespace

TEST_CASE("Importing the bundled catalog a second time changes nothing", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    const Catalog catalog = bundledCatalog();

    const auto first = importBundledCatalog(*store);
    INFO(errorText(first));
    REQUIRE(first.ok());
    CHECK(first->added == catalog.exercises.size());
    CHECK(first->updated == 0);
    CHECK(first->changedAnything());
    CHECK(store->catalogVersion().value() == catalog.version);

    const QByteArray content = factory->fingerprint();
    const auto second = importBundledCatalog(*store);
    REQUIRE(second.ok());
    CHECK(second->added == 0);
    CHECK(second->updated == 0);
    CHECK(second->unchanged == catalog.exercises.size());
    CHECK_FALSE(second->changedAnything());
    CHECK(factory->fingerprint() == content);

    // What is stored reads back as the catalog, in phase then catalog order.
    const auto stored = store->exercises();
    REQUIRE(stored.ok());
    QList<Exercise> expected = catalog.exercises;
    std::stable_sort(expected.begin(), expected.end(),
                     [](const Exercise &a, const Exercise &b) { return int(a.phase) < int(b.phase); });
    CHECK(*stored == expected);
    const auto one = store->exercise(catalog.exercises.at(1).id);
    REQUIRE(one.ok());
    REQUIRE(one->has_value());
    CHECK(**one == catalog.exercises.at(1));
    CHECK_FALSE(store->exercise(QStringLiteral("no-such-exercise"))->has_value());
}

TEST_CASE("The bundled catalog is imported over an older stored one, as after an upgrade of the program", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    const Catalog bundled = bundledCatalog();
    REQUIRE(bundled.version >= 1);

    // What an older program left: the previous version, with one entry as it was then.
    Catalog older = bundled;
    older.version = bundled.version - 1;
    older.exercises[2].name += QStringLiteral(" (as it was)");
    older.exercises.removeLast();
    REQUIRE(store->importCatalog(older, ExerciseOrigin::Bundled).ok());
    REQUIRE(store->catalogVersion().value() == older.version);

    const auto upgraded = importBundledCatalog(*store);
    INFO(errorText(upgraded));
    REQUIRE(upgraded.ok());
    CHECK(upgraded->updated == 1);
    CHECK(upgraded->added == 1);
    CHECK(upgraded->catalogVersion == bundled.version);
    CHECK(store->catalogVersion().value() == bundled.version);
    CHECK(store->exercise(bundled.exercises.at(2).id).value() == bundled.exercises.at(2));
    CHECK(store->exercise(bundled.exercises.last().id).value() == bundled.exercises.last());
}

TEST_CASE("A store that holds the bundled catalog's version is not compared with the file again", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    const Catalog bundled = bundledCatalog();

    // The version decides: an entry that differs at the same version is left
    // as stored (a change to the bundled file raises its version, see the next test).
    Catalog same = bundled;
    same.exercises[1].name += QStringLiteral(" (stored)");
    REQUIRE(store->importCatalog(same, ExerciseOrigin::Bundled).ok());
    const QByteArray content = factory->fingerprint();

    const auto again = importBundledCatalog(*store);
    REQUIRE(again.ok());
    CHECK_FALSE(again->changedAnything());
    CHECK(again->unchanged == bundled.exercises.size());
    CHECK(again->catalogVersion == bundled.version);
    CHECK(factory->fingerprint() == content);
    CHECK(store->exercise(bundled.exercises.at(1).id).value()->name == same.exercises.at(1).name);
}

TEST_CASE("The bundled catalog's content is the one recorded for its version", "[contract]")
{
    // Existing databases take the bundled catalog only when its version is
    // newer than theirs (importBundledCatalog). Changing the file without
    // raising catalog_version would never reach them: when this fails, raise
    // catalog_version in resources/catalog/exercises.json, then record the
    // new version and the file's SHA-256 here.
    const QByteArray bytes = CatalogJson::bundledBytes();
    REQUIRE_FALSE(bytes.isEmpty());
    CHECK(bundledCatalog().version == 1);
    CHECK(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()
          == QByteArrayLiteral("8a61cf826af803daf97dd3cf24822997dd7618980300075e500ca23b065b6dc8"));
}

TEST_CASE("A newer bundled catalog updates bundled entries and leaves custom exercises and history alone", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    const Populated ids = populate(*store);
    const Catalog custom = customCatalog();
    REQUIRE(importCatalogFile(*store, CustomTwo, ExerciseOrigin::Custom).ok());

    const auto customBefore = ofOrigin(store->exercises().value(), ExerciseOrigin::Custom);
    REQUIRE(customBefore.size() == custom.exercises.size());
    const auto eventsBefore = store->events(ids.sessionId).value();
    const auto programBefore = store->program(ids.programId).value();
    const PatientRecord recordBefore = *store->patientRecord(ids.patientId).value();

    Catalog newer = bundledCatalog();
    const int oldVersion = newer.version;
    newer.version += 1;
    newer.exercises[1].name += QStringLiteral(" (revised)");
    Exercise added = newer.exercises.at(2);
    added.id = QStringLiteral("a-new-bundled-exercise");
    newer.exercises.append(added);
    Exercise clash = newer.exercises.at(3);
    clash.id = custom.exercises.first().id; // the user had this id first
    newer.exercises.append(clash);

    const auto summary = store->importCatalog(newer, ExerciseOrigin::Bundled);
    INFO(errorText(summary));
    REQUIRE(summary.ok());
    CHECK(summary->updated == 1);
    CHECK(summary->added == 1);
    CHECK(summary->unchanged == newer.exercises.size() - 3);
    CHECK(summary->skippedIds == QStringList{clash.id});
    CHECK(store->catalogVersion().value() == oldVersion + 1);

    const auto exercises = store->exercises().value();
    CHECK(ofOrigin(exercises, ExerciseOrigin::Custom) == customBefore);
    const auto revised = store->exercise(newer.exercises.at(1).id).value();
    REQUIRE(revised.has_value());
    CHECK(revised->name.endsWith(QStringLiteral("(revised)")));
    CHECK(store->exercise(added.id).value().has_value());
    CHECK(store->events(ids.sessionId).value() == eventsBefore);
    CHECK(store->program(ids.programId).value()->items.size() == programBefore->items.size());
    const PatientRecord recordAfter = *store->patientRecord(ids.patientId).value();
    CHECK(recordAfter.patient == recordBefore.patient);
    CHECK(recordAfter.programs == recordBefore.programs);
    CHECK(recordAfter.itemVersions == recordBefore.itemVersions);
    CHECK(recordAfter.proposals == recordBefore.proposals);
    CHECK(recordAfter.customExercises == recordBefore.customExercises);
    REQUIRE(recordAfter.sessions.size() == recordBefore.sessions.size());
    for (qsizetype i = 0; i < recordAfter.sessions.size(); ++i) {
        CHECK(recordAfter.sessions.at(i).record == recordBefore.sessions.at(i).record);
        CHECK(recordAfter.sessions.at(i).events == recordBefore.sessions.at(i).events);
    }

    SECTION("an older bundled catalog afterwards writes nothing")
    {
        const QByteArray content = factory->fingerprint();
        const auto older = importBundledCatalog(*store);
        REQUIRE(older.ok());
        CHECK_FALSE(older->changedAnything());
        CHECK(older->catalogVersion == oldVersion + 1);
        CHECK(factory->fingerprint() == content);
        CHECK(store->catalogVersion().value() == oldVersion + 1);
    }
}

TEST_CASE("A custom catalog that reuses a bundled id is refused and writes nothing", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    populate(*store);
    const QByteArray content = factory->fingerprint();

    Catalog custom = customCatalog();
    REQUIRE(custom.exercises.size() >= 2);
    const QString bundledId = bundledCatalog().exercises.at(4).id;
    custom.exercises[1].id = bundledId;
    const auto refused = store->importCatalog(custom, ExerciseOrigin::Custom);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().location == QStringLiteral("exercises[1].id"));
    CHECK(refused.error().message.contains(bundledId));
    CHECK(refused.error().message.contains(QStringLiteral("bundled")));
    CHECK(factory->fingerprint() == content);
    // The first entry, which was fine, was not written either.
    CHECK_FALSE(store->exercise(custom.exercises.at(0).id)->has_value());

    SECTION("the same through a file")
    {
        QTemporaryDir files;
        const QString file = files.filePath(QStringLiteral("clash.json"));
        REQUIRE(writeAll(file, CatalogJson::toDocument(custom)));
        const auto fromFile = importCatalogFile(*store, file, ExerciseOrigin::Custom);
        REQUIRE_FALSE(fromFile.ok());
        CHECK(fromFile.error().location == QStringLiteral("exercises[1].id"));
        CHECK(factory->fingerprint() == content);
    }
}

TEST_CASE("Custom exercises are re-imported to update them", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    REQUIRE(importBundledCatalog(*store).ok());
    Catalog custom = customCatalog();

    const auto first = importCatalogFile(*store, CustomTwo, ExerciseOrigin::Custom);
    INFO(errorText(first));
    REQUIRE(first.ok());
    CHECK(first->added == custom.exercises.size());
    const auto stored = ofOrigin(store->exercises().value(), ExerciseOrigin::Custom);
    CHECK(stored == withOrigin(custom.exercises, ExerciseOrigin::Custom));

    const QByteArray content = factory->fingerprint();
    const auto again = importCatalogFile(*store, CustomTwo, ExerciseOrigin::Custom);
    REQUIRE(again.ok());
    CHECK_FALSE(again->changedAnything());
    CHECK(factory->fingerprint() == content);

    custom.exercises[0].name = QStringLiteral("Renamed by the therapist");
    const auto updated = store->importCatalog(custom, ExerciseOrigin::Custom);
    REQUIRE(updated.ok());
    CHECK(updated->updated == 1);
    CHECK(updated->unchanged == custom.exercises.size() - 1);
    const auto renamed = store->exercise(custom.exercises.at(0).id).value();
    REQUIRE(renamed.has_value());
    CHECK(renamed->name == QStringLiteral("Renamed by the therapist"));
    CHECK(renamed->origin == ExerciseOrigin::Custom);

    // Custom entries come after the bundled ones of their phase.
    const auto all = store->exercises().value();
    for (qsizetype i = 1; i < all.size(); ++i) {
        INFO(all.at(i - 1).id << " before " << all.at(i).id);
        CHECK(int(all.at(i - 1).phase) <= int(all.at(i).phase));
        if (all.at(i - 1).phase == all.at(i).phase)
            CHECK_FALSE(
                (all.at(i - 1).origin == ExerciseOrigin::Custom && all.at(i).origin == ExerciseOrigin::Bundled));
    }
}

TEST_CASE("Malformed catalogs change nothing, and a valid import works after them", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    populate(*store);
    const QByteArray content = factory->fingerprint();
    REQUIRE_FALSE(content.isEmpty());

    SECTION("every fixture in tests/data/catalogs/bad")
    {
        const QDir bad(QStringLiteral(REHABIT_TEST_DATA_DIR "/catalogs/bad"));
        const QStringList files = bad.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        REQUIRE(files.size() >= 10);
        for (const QString &name : files) {
            for (const ExerciseOrigin origin : {ExerciseOrigin::Custom, ExerciseOrigin::Bundled}) {
                INFO(name);
                const auto result = importCatalogFile(*store, bad.filePath(name), origin);
                CHECK_FALSE(result.ok());
            }
        }
    }
    SECTION("200 truncations of the bundled catalog")
    {
        const QByteArray bytes = CatalogJson::bundledBytes();
        const qsizetype lastBrace = bytes.lastIndexOf('}');
        REQUIRE(lastBrace > 1000);
        QTemporaryDir files;
        const QString file = files.filePath(QStringLiteral("truncated.json"));
        int refused = 0;
        for (int i = 0; i < 200; ++i) {
            const qsizetype size = lastBrace * i / 200; // every prefix before the closing brace is invalid
            REQUIRE(writeAll(file, bytes.left(size)));
            const auto result = importCatalogFile(*store, file, ExerciseOrigin::Bundled);
            INFO("truncated to " << size << " bytes");
            CHECK_FALSE(result.ok());
            if (!result.ok()) {
                ++refused;
                CHECK((size == 0 || !result.error().location.isEmpty()));
            }
        }
        CHECK(refused == 200);
    }
    SECTION("a file that does not exist")
    {
        CHECK_FALSE(importCatalogFile(*store, QStringLiteral(REHABIT_TEST_DATA_DIR "/catalogs/missing.json"),
                                      ExerciseOrigin::Custom)
                        .ok());
    }
    CHECK(factory->fingerprint() == content);

    const auto valid = importCatalogFile(*store, CustomTwo, ExerciseOrigin::Custom);
    INFO(errorText(valid));
    REQUIRE(valid.ok());
    CHECK(valid->added == customCatalog().exercises.size());
    CHECK(factory->fingerprint() != content);
    CHECK(store->check()->healthy());
}

TEST_CASE("A catalog built in code with a repeated id is refused", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    Catalog catalog = bundledCatalog();
    catalog.exercises.append(catalog.exercises.first());
    const auto result = store->importCatalog(catalog, ExerciseOrigin::Bundled);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().location == QStringLiteral("exercises[%1].id").arg(catalog.exercises.size() - 1));
    CHECK(store->exercises()->isEmpty());
}
