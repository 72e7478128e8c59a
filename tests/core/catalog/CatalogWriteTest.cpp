// Writing: the catalog-file form round-trips, and the CLI's JSON shape.

#include "RehabitCatch.h"

#include "CatalogTestSupport.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QJsonDocument>
#include <QSet>

using namespace rehabit;
using namespace rehabit::test;

namespace {

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

/// An entry that uses nothing optional.
Exercise plainExercise()
{
    Exercise e;
    e.id = QStringLiteral("glute-bridge");
    e.name = QStringLiteral("Glute bridge");
    e.phase = Phase::HipStrength;
    e.category = QStringLiteral("dynamic strength");
    e.kind = WorkKind::Reps;
    e.sides = Sides::Both;
    e.dosage.sets = Range{2, 2, 2};
    e.dosage.reps = Range{10, 12, 10};
    e.rest = Rest{0, 60, 60};
    e.steps = {Step{QStringLiteral("Raise your hips."), QStringLiteral("Hips up")}};
    e.safety = {QStringLiteral("Stop if it hurts.")};
    return e;
}

} // namespace

TEST_CASE("toDocument round-trips the bundled catalog", "[catalog][write]")
{
    const auto bundled = CatalogJson::bundled();
    REQUIRE(bundled.ok());
    const QByteArray written = CatalogJson::toDocument(*bundled);
    const auto reread = CatalogJson::parse(written);
    INFO((reread ? QString() : reread.error().text()));
    REQUIRE(reread.ok());
    CHECK(*reread == *bundled);

    // Nothing lost, nothing added: the written document is the bundled file
    // as JSON values, key for key.
    CHECK(QJsonDocument::fromJson(written) == QJsonDocument::fromJson(CatalogJson::bundledBytes()));
    // Writing is stable.
    CHECK(CatalogJson::toDocument(*reread) == written);
}

TEST_CASE("toDocument writes keys in the documented order", "[catalog][write]")
{
    const QByteArray written = CatalogJson::toDocument(*CatalogJson::bundled());
    CHECK(written.startsWith("{\n    \"format\": \"rehabit-catalog\",\n    \"format_version\": 1,\n"
                             "    \"catalog_version\": 1,\n    \"source\": {\n        \"title\": "));
    const qsizetype id = written.indexOf("\"id\": \"thomas-test\"");
    const qsizetype name = written.indexOf("\"name\": \"Thomas test\"");
    const qsizetype dosage = written.indexOf("\"dosage\"", id);
    const qsizetype illustration = written.indexOf("\"illustration\"", id);
    CHECK((id > 0 && id < name && name < dosage && dosage < illustration));
    CHECK(written.endsWith("}\n"));
}

TEST_CASE("toJson and parseExercise round-trip every entry", "[catalog][write]")
{
    const auto bundled = CatalogJson::bundled();
    REQUIRE(bundled.ok());
    for (const Exercise &e : bundled->exercises) {
        INFO(e.id);
        const auto back = CatalogJson::parseExercise(CatalogJson::toJson(e));
        REQUIRE(back.ok());
        CHECK(*back == e);
    }

    SECTION("an entry without the optional keys")
    {
        const Exercise e = plainExercise();
        const QJsonObject json = CatalogJson::toJson(e);
        CHECK_FALSE(json.contains(QStringLiteral("follow_up")));
        CHECK_FALSE(json.contains(QStringLiteral("source_note")));
        CHECK_FALSE(json.contains(QStringLiteral("illustration")));
        const auto back = CatalogJson::parseExercise(json);
        REQUIRE(back.ok());
        CHECK(*back == e);
    }
    SECTION("texts outside ASCII and characters that need escapes")
    {
        Exercise e = plainExercise();
        e.name = QStringLiteral("Pont fessier \u00e0 90\u00b0 \u2014 \"bridge\" \\ test \U0001F3CB");
        const auto back = CatalogJson::parseExercise(CatalogJson::toJson(e));
        REQUIRE(back.ok());
        CHECK(back->name == e.name);

        Catalog c;
        c.version = 3;
        c.source = QStringLiteral("Clinic sheet");
        c.exercises = {e};
        const auto reread = CatalogJson::parse(CatalogJson::toDocument(c));
        REQUIRE(reread.ok());
        CHECK(*reread == c);
    }
    SECTION("the origin is not part of the file")
    {
        Exercise e = plainExercise();
        e.origin = ExerciseOrigin::Custom;
        const auto back = CatalogJson::parseExercise(CatalogJson::toJson(e));
        REQUIRE(back.ok());
        CHECK(back->origin == ExerciseOrigin::Bundled);
        e.origin = ExerciseOrigin::Bundled;
        CHECK(*back == e);
    }
}

TEST_CASE("toCliJson has the documented shape", "[catalog][write][cli]")
{
    const auto bundled = CatalogJson::bundled();
    REQUIRE(bundled.ok());
    const QSet<QString> entryKeys{
        QStringLiteral("id"),   QStringLiteral("name"),  QStringLiteral("phase"), QStringLiteral("category"),
                                                                                                 QStringLiteral("kind"), QStringLiteral("sides"), QStringLiteral("dosage")};
    const QSet<QString> dosageKeys{QStringLiteral("sets"), QStringLiteral("reps"), QStringLiteral("hold_seconds"), QStringLiteral("duration_seconds")};
    const QSet<QString> rangeKeys{QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("default")};

    for (const Exercise &e : bundled->exercises) {
        INFO(e.id);
        const QJsonObject o = CatalogJson::toCliJson(e);
        CHECK(keysOf(o) == entryKeys);
        CHECK(o.value(QStringLiteral("id")).toString() == e.id);
        CHECK(o.value(QStringLiteral("phase")).toString() == toCode(e.phase));
        CHECK(o.value(QStringLiteral("kind")).toString() == toCode(e.kind));
        CHECK(o.value(QStringLiteral("sides")).toString() == toCode(e.sides));
        const QJsonObject dosage = o.value(QStringLiteral("dosage")).toObject();
        CHECK(keysOf(dosage) == dosageKeys);
        for (const QString &key : dosageKeys) {
            const QJsonValue v = dosage.value(key);
            CHECK((v.isNull() || (v.isObject() && keysOf(v.toObject()) == rangeKeys)));
        }
    }

    const QJsonObject thomas = CatalogJson::toCliJson(bundled->exercises.at(0));
    for (const QJsonValue v : thomas.value(QStringLiteral("dosage")).toObject())
        CHECK(v.isNull());
    const QJsonObject stretch = CatalogJson::toCliJson(bundled->exercises.at(1));
    CHECK(stretch.value(
        QStringLiteral("dosage")).toObject().value(QStringLiteral("hold_seconds")).toObject() == range(10, 20, 10));
    CHECK(stretch.value(QStringLiteral("phase")).toString() == QStringLiteral("flexibility"));
    CHECK(stretch.value(QStringLiteral("sides")).toString() == QStringLiteral("each-side"));
}
