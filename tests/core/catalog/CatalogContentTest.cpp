// Content errors: refused with the JSON path of the fault and a message that
// says what was expected.

#include "RehabitCatch.h"

#include "CatalogTestSupport.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/Program.h"

using namespace rehabit;
using namespace rehabit::test;

namespace {

struct Refusal {
    QString location;
    QString message;
};

Refusal refusalOf(const Result<Catalog> &result)
{
    if (result)
        return {QStringLiteral("(accepted)"), QString()};
    return {result.error().location, result.error().message};
}

Refusal changed(const QList<PathStep> &path, const QJsonValue &value)
{
    return refusalOf(parseChanged(path, value));
}

const QJsonValue removed = QJsonValue(QJsonValue::Undefined);

} // namespace

TEST_CASE("locations of content errors are exact JSON paths", "[catalog][content]")
{
    SECTION("a text where a number belongs")
    {
        const auto r = changed({k("exercises"), 3, k("dosage"), k("sets"), k("max")}, k("ten"));
        CHECK(r.location == QStringLiteral("exercises[3].dosage.sets.max"));
        CHECK(r.message == QStringLiteral("expected an integer from 1 to 20, found \"ten\""));
    }
    SECTION("min greater than max")
    {
        const auto r = changed({k("exercises"), 5, k("dosage"), k("sets")}, range(3, 2, 2));
        CHECK(r.location == QStringLiteral("exercises[5].dosage.sets.max"));
        CHECK(r.message == QStringLiteral("expected an integer from 3 (the min) to 20, found 2"));
    }
    SECTION("a default outside [min, max]")
    {
        const auto r = changed({k("exercises"), 1, k("dosage"), k("hold_seconds")}, range(10, 20, 25));
        CHECK(r.location == QStringLiteral("exercises[1].dosage.hold_seconds.default"));
        CHECK(r.message == QStringLiteral("expected an integer from 10 (the min) to 20 (the max), found 25"));
    }
    SECTION("an unknown key, with a suggestion")
    {
        QJsonObject entry = bundledObject().value(k("exercises")).toArray().at(2).toObject();
        entry.insert(k("dosgae"), entry.take(k("dosage")));
        const auto r = changed({k("exercises"), 2}, entry);
        CHECK(r.location == QStringLiteral("exercises[2].dosgae"));
        CHECK(r.message.startsWith(QStringLiteral("unknown key \"dosgae\": did you mean \"dosage\"?")));
    }
    SECTION("a duplicate id names both positions")
    {
        const auto r = changed({k("exercises"), 5, k("id")}, k("prone-leg-lift"));
        CHECK(r.location == QStringLiteral("exercises[5].id"));
        CHECK(r.message
              == QStringLiteral("the id \"prone-leg-lift\" is already used by exercises[2]: every id must "
                                "be unique"));
    }
    SECTION("a missing required key")
    {
        const auto r = changed({k("exercises"), 1, k("steps")}, removed);
        CHECK(r.location == QStringLiteral("exercises[1].steps"));
        CHECK(r.message == QStringLiteral("missing: the key \"steps\" is required here"));
    }
}

TEST_CASE("wrong types are refused", "[catalog][content]")
{
    CHECK(changed({k("exercises"), 0, k("name")}, 5).message
          == QStringLiteral("expected a text of 1 to 100 characters, found 5"));
    CHECK(changed({k("exercises"), 0, k("steps")}, k("lie down")).message
          == QStringLiteral("expected an array [...], found \"lie down\""));
    CHECK(changed({k("exercises"), 0, k("dosage")}, QJsonArray()).message
          == QStringLiteral("expected an object {...}, found an array"));
    CHECK(changed({k("exercises"), 1, k("dosage"), k("reps")}, 10).message
          == QStringLiteral("expected null or an object {\"min\", \"max\", \"default\"}, found 10"));
    CHECK(changed({k("exercises"), 1, k("phase")}, k("strength")).message
          == QStringLiteral("expected one of \"assessment\", \"flexibility\", \"core-stability\", \"hip-strength\", "
                            "found \"strength\""));
    CHECK(changed({k("exercises"), 1, k("kind")}, true).location == QStringLiteral("exercises[1].kind"));
    CHECK(changed({k("exercises"), 1, k("sides")}, k("left")).location == QStringLiteral("exercises[1].sides"));
    CHECK(changed({k("exercises"), 1, k("steps"), 0}, k("kneel")).location == QStringLiteral("exercises[1].steps[0]"));
    CHECK(changed({k("exercises"), 1, k("safety"), 1}, QJsonValue::Null).location
          == QStringLiteral("exercises[1].safety[1]"));
    CHECK(changed({k("exercises")}, QJsonObject()).location == QStringLiteral("exercises"));
    CHECK(changed({k("catalog_version")}, k("1")).message
          == QStringLiteral("expected an integer from 1 to 1000000, found \"1\""));
    CHECK(changed({k("source")}, k("Squat University")).location == QStringLiteral("source"));
}

TEST_CASE("numbers must be whole, not negative and sane", "[catalog][content]")
{
    SECTION("negative")
    {
        const auto hold = changed({k("exercises"), 1, k("dosage"), k("hold_seconds"), k("min")}, -10);
        CHECK(hold.location == QStringLiteral("exercises[1].dosage.hold_seconds.min"));
        CHECK(hold.message == QStringLiteral("expected an integer from 1 to 600, found -10"));
        const auto rest = changed({k("exercises"), 0, k("rest"), k("after_exercise_seconds")}, -1);
        CHECK(rest.location == QStringLiteral("exercises[0].rest.after_exercise_seconds"));
        CHECK(rest.message == QStringLiteral("expected an integer from 0 to 600, found -1"));
        CHECK(changed({k("exercises"), 3, k("references"), 0, k("number")}, -1).location
              == QStringLiteral("exercises[3].references[0].number"));
    }
    SECTION("not whole")
    {
        const auto r = changed({k("exercises"), 1, k("dosage"), k("reps"), k("default")}, 10.5);
        CHECK(r.location == QStringLiteral("exercises[1].dosage.reps.default"));
        CHECK(r.message == QStringLiteral("expected an integer from 1 to 500, found 10.5"));
        // 10.0 is the integer 10.
        CHECK(changed({k("exercises"), 1, k("dosage"), k("reps"), k("default")}, 10.0).location
              == QStringLiteral("(accepted)"));
    }
    SECTION("absurd")
    {
        CHECK(changed({k("exercises"), 5, k("dosage"), k("sets")}, range(2, 100, 2)).message
              == QStringLiteral("expected an integer from 1 to 20, found 100"));
        CHECK(changed({k("exercises"), 5, k("dosage"), k("reps")}, range(10, 5000, 10)).location
              == QStringLiteral("exercises[5].dosage.reps.max"));
        CHECK(changed({k("exercises"), 5, k("dosage"), k("hold_seconds")}, range(3, 601, 3)).location
              == QStringLiteral("exercises[5].dosage.hold_seconds.max"));
        CHECK(changed({k("exercises"), 3, k("dosage"), k("duration_seconds")}, range(60, 3601, 60)).location
              == QStringLiteral("exercises[3].dosage.duration_seconds.max"));
        CHECK(changed({k("exercises"), 3, k("rest"), k("between_sets_seconds")}, 601).location
              == QStringLiteral("exercises[3].rest.between_sets_seconds"));
        CHECK(changed({k("exercises"), 3, k("dosage"), k("sets"), k("min")}, 1e300).message
              == QStringLiteral("expected an integer from 1 to 20, found 1e+300"));
        CHECK(changed({k("exercises"), 3, k("dosage"), k("sets"), k("min")}, 0).location
              == QStringLiteral("exercises[3].dosage.sets.min"));
    }
}

TEST_CASE("kind and dosage must agree", "[catalog][content]")
{
    SECTION("holds need a hold")
    {
        const auto r = changed({k("exercises"), 4, k("dosage"), k("hold_seconds")}, QJsonValue::Null);
        CHECK(r.location == QStringLiteral("exercises[4].dosage.hold_seconds"));
        CHECK(r.message
              == QStringLiteral("an exercise of kind \"holds\" needs \"hold_seconds\": expected an object "
                                "{\"min\", \"max\", \"default\"}, found null"));
        CHECK(changed({k("exercises"), 4, k("dosage"), k("reps")}, QJsonValue::Null).location
              == QStringLiteral("exercises[4].dosage.reps"));
    }
    SECTION("reps have no hold")
    {
        const auto r = changed({k("exercises"), 6, k("dosage"), k("hold_seconds")}, range(2, 2, 2));
        CHECK(r.location == QStringLiteral("exercises[6].dosage.hold_seconds"));
        CHECK(r.message
              == QStringLiteral("an exercise of kind \"reps\" has no \"hold_seconds\": expected null, found "
                                "an object"));
    }
    SECTION("timed needs a duration and no reps")
    {
        CHECK(changed({k("exercises"), 3, k("dosage"), k("duration_seconds")}, QJsonValue::Null).location
              == QStringLiteral("exercises[3].dosage.duration_seconds"));
        CHECK(changed({k("exercises"), 3, k("dosage"), k("reps")}, range(1, 1, 1)).location
              == QStringLiteral("exercises[3].dosage.reps"));
    }
    SECTION("an assessment has no dosage and no follow-up")
    {
        CHECK(changed({k("exercises"), 0, k("dosage"), k("sets")}, range(1, 1, 1)).location
              == QStringLiteral("exercises[0].dosage.sets"));
        const QJsonObject followUp{{k("name"), k("Rest")}, {k("cue"), k("Relax")}, {k("seconds"), range(5, 5, 5)}};
        CHECK(changed({k("exercises"), 0, k("follow_up")}, followUp).location
              == QStringLiteral("exercises[0].follow_up"));
    }
    SECTION("everything else needs sets")
    {
        const auto r = changed({k("exercises"), 7, k("dosage"), k("sets")}, QJsonValue::Null);
        CHECK(r.location == QStringLiteral("exercises[7].dosage.sets"));
        CHECK(r.message.startsWith(QStringLiteral("an exercise of kind \"holds\" needs \"sets\"")));
    }
}

TEST_CASE("the top level: format, versions, exercises", "[catalog][content]")
{
    SECTION("wrong or missing format")
    {
        const auto wrong = changed({k("format")}, k("rehabit"));
        CHECK(wrong.location == QStringLiteral("format"));
        CHECK(wrong.message
              == QStringLiteral("this is not a Rehabit catalog file: expected \"rehabit-catalog\", found \"rehabit\""));
        const auto missing = changed({k("format")}, removed);
        CHECK(missing.location == QStringLiteral("format"));
        CHECK(missing.message.endsWith(QStringLiteral("found nothing")));
        CHECK(refusalOf(CatalogJson::parse("{}")).location == QStringLiteral("format"));
    }
    SECTION("a newer format version asks for a newer Rehabit")
    {
        const auto r = changed({k("format_version")}, 2);
        CHECK(r.location == QStringLiteral("format_version"));
        CHECK(r.message.contains(QStringLiteral("update Rehabit")));
        CHECK(changed({k("format_version")}, 0).message == QStringLiteral("expected an integer from 1 to 1, found 0"));
        CHECK(changed({k("format_version")}, k("1")).location == QStringLiteral("format_version"));
        CHECK(changed({k("format_version")}, removed).location == QStringLiteral("format_version"));
    }
    SECTION("catalog_version is at least 1")
    {
        CHECK(changed({k("catalog_version")}, 0).location == QStringLiteral("catalog_version"));
        CHECK(changed({k("catalog_version")}, 7).location == QStringLiteral("(accepted)"));
    }
    SECTION("at least one exercise")
    {
        const auto r = changed({k("exercises")}, QJsonArray());
        CHECK(r.location == QStringLiteral("exercises"));
        CHECK(r.message == QStringLiteral("expected at least 1 item(s), found an empty array"));
    }
    SECTION("unknown keys at the top and in the source")
    {
        CHECK(changed({k("$schema")}, k("exercises.schema.json")).location == QStringLiteral("[\"$schema\"]"));
        CHECK(
            changed({k("catalogue_version")}, 1).message.contains(QStringLiteral("did you mean \"catalog_version\"")));
        CHECK(changed({k("source"), k("year")}, 2017).location == QStringLiteral("source.year"));
        CHECK(changed({k("source"), k("title")}, removed).location == QStringLiteral("source.title"));
        CHECK(changed({k("source"), k("publisher")}, removed).location == QStringLiteral("(accepted)"));
    }
}

TEST_CASE("texts and ids", "[catalog][content]")
{
    SECTION("ids are kebab-case")
    {
        for (const QString &bad : {k("Prone-Leg-Lift"), k("prone_leg_lift"), k("prone--leg"), k("-prone"), k("prone-"),
                                   k("1-prone"), k(""), QString(65, QLatin1Char('a'))}) {
            INFO(bad);
            CHECK(changed({k("exercises"), 2, k("id")}, bad).location == QStringLiteral("exercises[2].id"));
        }
        CHECK(changed({k("exercises"), 2, k("id")}, k("prone-leg-lift-2")).location == QStringLiteral("(accepted)"));
    }
    SECTION("empty, blank, over-long and control characters")
    {
        CHECK(changed({k("exercises"), 0, k("name")}, k("")).message
              == QStringLiteral("expected a text of 1 to 100 characters, found \"\""));
        CHECK(changed({k("exercises"), 0, k("name")}, k("   ")).location == QStringLiteral("exercises[0].name"));
        CHECK(changed({k("exercises"), 0, k("name")}, QString(101, QLatin1Char('x'))).message
              == QStringLiteral("expected a text of 1 to 100 characters, found 101 characters"));
        CHECK(changed({k("exercises"), 0, k("name")}, QString(100, QLatin1Char('x'))).location
              == QStringLiteral("(accepted)"));
        CHECK(changed({k("exercises"), 0, k("steps"), 1, k("cue")}, k("Both knees\tto chest")).message
              == QStringLiteral("expected a text without control characters (line breaks, tabs), found U+0009 at "
                                "character 11"));
        CHECK(changed({k("exercises"), 0, k("steps"), 1, k("cue")}, k("")).location
              == QStringLiteral("exercises[0].steps[1].cue"));
    }
    SECTION("a name of invisible characters only is as empty as no name")
    {
        for (const QString &invisible :
             {QStringLiteral("\u200B"), QStringLiteral(" \u200B\u2060 "), QStringLiteral("\uFEFF"),
              QStringLiteral("\u00AD"), QStringLiteral("\u3164"), QStringLiteral("\u200D\uFE0F")}) {
            INFO(invisible.toUcs4().first());
            const Refusal r = changed({k("exercises"), 0, k("name")}, invisible);
            INFO(r.message);
            CHECK(r.location == QStringLiteral("exercises[0].name"));
        }
        CHECK(changed({k("exercises"), 0, k("name")}, QStringLiteral("\u200B")).message
              == QStringLiteral("expected a text of 1 to 100 characters, found only invisible characters (such as "
                                "U+200B)"));
        // Visible text with a zero-width joiner in it is a name.
        CHECK(changed({k("exercises"), 0, k("name")}, QStringLiteral("Thomas\u200Dtest")).location
              == QStringLiteral("(accepted)"));
    }
    SECTION("C1 controls and the line separators are control characters too")
    {
        for (const QString &bad : {QStringLiteral("Thomas\u009B2Jtest"), QStringLiteral("Thomas\u2028test"),
                                   QStringLiteral("Thomas\u0085test")}) {
            const Refusal r = changed({k("exercises"), 0, k("name")}, bad);
            CHECK(r.location == QStringLiteral("exercises[0].name"));
            CHECK(r.message.contains(QStringLiteral("control characters")));
        }
    }
    SECTION("lists")
    {
        CHECK(changed({k("exercises"), 0, k("steps")}, QJsonArray()).location == QStringLiteral("exercises[0].steps"));
        CHECK(changed({k("exercises"), 0, k("safety")}, QJsonArray()).location
              == QStringLiteral("exercises[0].safety"));
        CHECK(changed({k("exercises"), 6, k("equipment")}, QJsonArray{k("bench"), k("bench")}).location
              == QStringLiteral("exercises[6].equipment[1]"));
        CHECK(changed({k("exercises"), 4, k("references"), 1, k("number")}, 6).location
              == QStringLiteral("exercises[4].references[1].number"));
    }
    SECTION("illustration is optional, but a file name when given")
    {
        CHECK(changed({k("exercises"), 0, k("illustration")}, removed).location == QStringLiteral("(accepted)"));
        CHECK(changed({k("exercises"), 0, k("illustration")}, QJsonValue::Null).location
              == QStringLiteral("(accepted)"));
        CHECK(changed({k("exercises"), 0, k("illustration")}, k("Thomas Test.png")).location
              == QStringLiteral("exercises[0].illustration"));
        CHECK(changed({k("exercises"), 0, k("illustration")}, k("../thomas.svg")).location
              == QStringLiteral("exercises[0].illustration"));
    }
}

TEST_CASE("what the article does not give is declared and explained", "[catalog][content]")
{
    SECTION("unspecified needs a source note")
    {
        const auto r = changed({k("exercises"), 2, k("source_note")}, removed);
        CHECK(r.location == QStringLiteral("exercises[2].source_note"));
        CHECK(r.message.startsWith(QStringLiteral("missing:")));
    }
    SECTION("unspecified names only dosage keys that have a value")
    {
        CHECK(changed({k("exercises"), 6, k("unspecified")}, QJsonArray{k("rest"), k("hold_seconds")}).location
              == QStringLiteral("exercises[6].unspecified[1]"));
        CHECK(changed({k("exercises"), 6, k("unspecified")}, QJsonArray{k("rest"), k("tempo")}).location
              == QStringLiteral("exercises[6].unspecified[1]"));
        CHECK(changed({k("exercises"), 6, k("unspecified")}, QJsonArray{k("rest"), k("rest")}).location
              == QStringLiteral("exercises[6].unspecified[1]"));
        CHECK(changed({k("exercises"), 6, k("unspecified")}, QJsonArray{k("follow_up.seconds")}).location
              == QStringLiteral("exercises[6].unspecified[0]"));
    }
    SECTION("an entry without unspecified values may leave out the note")
    {
        QJsonObject entry = bundledObject().value(k("exercises")).toArray().at(4).toObject();
        entry.insert(k("unspecified"), QJsonArray());
        entry.remove(k("source_note"));
        CHECK(changed({k("exercises"), 4}, entry).location == QStringLiteral("(accepted)"));
    }
}

TEST_CASE("parseExercise checks one entry with paths inside it", "[catalog][content]")
{
    const QJsonObject entry = bundledObject().value(k("exercises")).toArray().at(5).toObject();
    const auto ok = CatalogJson::parseExercise(entry);
    REQUIRE(ok.ok());
    CHECK(ok->id == QStringLiteral("isometric-hip-flexion-band"));

    const QJsonObject bad = withValue(entry, {k("dosage"), k("sets"), k("max")}, k("three")).toObject();
    const auto refused = CatalogJson::parseExercise(bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().location == QStringLiteral("dosage.sets.max"));
}

TEST_CASE("position_seconds: optional, 0 to 600, Rehabit's 10 s where it is not given, kept by the writer",
          "[catalog][content]")
{
    const auto plain = parseChanged({k("source")}, bundledObject().value(k("source")));
    REQUIRE(plain.ok());
    CHECK(plain->exercises.at(1).positionSeconds == kDefaultPositionSeconds);
    CHECK(defaultPrescription(plain->exercises.at(1)).positionSeconds == kDefaultPositionSeconds);

    const auto given = parseChanged({k("exercises"), 1, k("position_seconds")}, 20);
    REQUIRE(given.ok());
    CHECK(given->exercises.at(1).positionSeconds == 20);
    CHECK(defaultPrescription(given->exercises.at(1)).positionSeconds == 20);
    const auto again = CatalogJson::parse(CatalogJson::toDocument(*given));
    REQUIRE(again.ok());
    CHECK(again->exercises.at(1).positionSeconds == 20);

    CHECK(changed({k("exercises"), 1, k("position_seconds")}, 601).location
          == QStringLiteral("exercises[1].position_seconds"));
    CHECK(changed({k("exercises"), 1, k("position_seconds")}, -1).message
          == QStringLiteral("expected an integer from 0 to 600, found -1"));
}
