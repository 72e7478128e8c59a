// The bundled catalog: it loads, and it says what the article says
// (DOMAIN.md's dosage table, number for number).

#include "RehabitCatch.h"

#include "CatalogTestSupport.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>

#include <optional>

using namespace rehabit;
using namespace rehabit::test;

namespace {

struct ExpectedEntry {
    const char *id;
    Phase phase;
    const char *category;
    WorkKind kind;
    Sides sides;
    std::optional<Range> sets;
    std::optional<Range> reps;
    std::optional<Range> hold;
    std::optional<Range> duration;
    QStringList unspecified;
    QList<int> references;
};

constexpr auto none = std::nullopt;

// DOMAIN.md, "Dosage as the article prescribes it": ranges are the
// article's, the default is the low end. Where the article gives no number
// (prone leg lift sets and reps), the catalog's choice and a source note.
const QList<ExpectedEntry> expectedTable{
    {"thomas-test",
     Phase::Assessment,
     "assessment",
     WorkKind::Assessment,
     Sides::EachSide, //
     none,
     none,
     none,
     none,
     {},
     {1}},
    {"half-kneeling-hip-flexor-stretch",
     Phase::Flexibility,
     "stretch",
     WorkKind::Holds,
     Sides::EachSide,
     Range{1, 1, 1},
     Range{10, 10, 10},
     Range{10, 20, 10},
     none,
     {k("sets"), k("rest")},
     {}},
    {"prone-leg-lift",
     Phase::Flexibility,
     "active stretch",
     WorkKind::Holds,
     Sides::EachSide, //
     Range{1, 1, 1},
     Range{10, 10, 10},
     Range{3, 5, 3},
     none,
     {k("sets"), k("reps"), k("rest")},
     {3, 4}},
    {"ball-release-asis",
     Phase::Flexibility,
     "soft tissue release",
     WorkKind::Timed,
     Sides::EachSide, //
     Range{1, 1, 1},
     none,
     none,
     Range{60, 120, 60},
     {k("sets"), k("rest"), k("follow_up.seconds")},
     {1, 2, 5}},
    {"learning-to-brace",
     Phase::CoreStability,
     "core bracing",
     WorkKind::Holds,
     Sides::Both, //
     Range{2, 2, 2},
     Range{20, 20, 20},
     Range{10, 10, 10},
     none,
     {k("rest")},
     {6, 7}},
    {"isometric-hip-flexion-band",
     Phase::HipStrength,
     "isometric strength",
     WorkKind::Holds,
     Sides::EachSide,
     Range{2, 3, 2},
     Range{10, 10, 10},
     Range{3, 5, 3},
     none,
     {k("rest")},
     {}},
    {"marching-resisted-bridge",
     Phase::HipStrength,
     "dynamic strength",
     WorkKind::Reps,
     Sides::Alternating,
     Range{2, 3, 2},
     Range{10, 10, 10},
     none,
     none,
     {k("rest")},
     {}},
    {"side-plank-clamshell",
     Phase::HipStrength,
     "rotator strength",
     WorkKind::Holds,
     Sides::EachSide, //
     Range{2, 2, 2},
     Range{15, 15, 15},
     Range{2, 2, 2},
     none,
     {k("rest")},
     {8}},
};

QString joined(const QStringList &texts)
{
    return texts.join(QLatin1Char('\n'));
}

} // namespace

TEST_CASE("the bundled catalog loads from the resources", "[catalog][bundled]")
{
    const QByteArray bytes = CatalogJson::bundledBytes();
    REQUIRE_FALSE(bytes.isEmpty());
    const auto catalog = CatalogJson::bundled();
    INFO((catalog ? QString() : catalog.error().text()));
    REQUIRE(catalog.ok());
    CHECK(catalog->version == 1);
    CHECK(catalog->source == QStringLiteral("Fixing Hip Flexor Pain"));
    CHECK(catalog->sourcePublisher == QStringLiteral("Squat University"));
    CHECK(catalog->sourceAuthors
          == QStringList{QStringLiteral("Dr. Aaron Horschig, PT, DPT, CSCS, USAW"),
                                        QStringLiteral("Dr. Kevin Sonthana, PT, DPT, CSCS")});
    // bundled() is the parse of bundledBytes().
    const auto again = CatalogJson::parse(bytes);
    REQUIRE(again.ok());
    CHECK(*again == *catalog);
}

TEST_CASE("the bundled catalog matches DOMAIN.md's dosage table number for number", "[catalog][bundled]")
{
    const auto catalog = CatalogJson::bundled();
    REQUIRE(catalog.ok());
    REQUIRE(catalog->exercises.size() == expectedTable.size());

    for (qsizetype i = 0; i < expectedTable.size(); ++i) {
        const ExpectedEntry &want = expectedTable.at(i);
        const Exercise &e = catalog->exercises.at(i);
        INFO("entry " << i << ": " << want.id);
        CHECK(e.id == QLatin1String(want.id)); // the article's session order
        CHECK(e.phase == want.phase);
        CHECK(e.category == QLatin1String(want.category));
        CHECK(e.kind == want.kind);
        CHECK(e.sides == want.sides);
        CHECK(e.dosage.sets == want.sets);
        CHECK(e.dosage.reps == want.reps);
        CHECK(e.dosage.holdSeconds == want.hold);
        CHECK(e.dosage.durationSeconds == want.duration);
        CHECK(e.unspecified == want.unspecified);
        QList<int> numbers;
        for (const Reference &r : e.references)
            numbers << r.number;
        CHECK(numbers == want.references);
        CHECK(e.origin == ExerciseOrigin::Bundled);
    }
}

TEST_CASE("the bundled catalog keeps the article's words where they matter", "[catalog][bundled]")
{
    const auto catalog = CatalogJson::bundled();
    REQUIRE(catalog.ok());
    QHash<QString, Exercise> byId;
    for (const Exercise &e : catalog->exercises)
        byId.insert(e.id, e);

    SECTION("every entry has steps with cues, the pain rule and a source note")
    {
        for (const Exercise &e : catalog->exercises) {
            INFO(e.id);
            CHECK_FALSE(e.name.isEmpty());
            CHECK_FALSE(e.steps.isEmpty());
            for (const Step &s : e.steps) {
                CHECK_FALSE(s.text.isEmpty());
                CHECK_FALSE(s.cue.isEmpty());
            }
            CHECK(joined(e.safety).contains(QStringLiteral("should create or worsen your current pain")));
            // Every entry chose something the article does not give (rest, or
            // the Thomas test itself): each says so.
            CHECK_FALSE(e.sourceNote.isEmpty());
            CHECK(e.illustration == e.id + QStringLiteral(".svg"));
        }
    }
    SECTION("stretches are pain-free")
    {
        CHECK(joined(byId.value(k("half-kneeling-hip-flexor-stretch")).safety).contains(QStringLiteral("pain-free")));
        CHECK(joined(byId.value(k("prone-leg-lift")).safety).contains(QStringLiteral("pain-free")));
    }
    SECTION("the brace cue and the ballooning mistake")
    {
        const Exercise brace = byId.value(k("learning-to-brace"));
        bool punched = false;
        for (const Step &s : brace.steps)
            punched = punched || s.cue == QStringLiteral("Brace as if about to be punched");
        CHECK(punched);
        CHECK(joined(brace.mistakes).contains(QStringLiteral("balloon")));
    }
    SECTION("variants: straight leg if the hamstring cramps, lean forward keeping the tilt")
    {
        const Exercise lift = byId.value(k("prone-leg-lift"));
        REQUIRE(lift.variants.size() == 1);
        CHECK(lift.variants.first().when.contains(QStringLiteral("hamstring")));
        CHECK(lift.variants.first().description.contains(QStringLiteral("straight")));
        const Exercise stretch = byId.value(k("half-kneeling-hip-flexor-stretch"));
        REQUIRE(stretch.variants.size() == 1);
        CHECK(stretch.variants.first().when.contains(QStringLiteral("posterior pelvic tilt")));
    }
    SECTION("the ball release: 1-2 minutes of pressure, then the wave-like motion")
    {
        const Exercise release = byId.value(k("ball-release-asis"));
        REQUIRE(release.followUp.has_value());
        CHECK(release.followUp->seconds == Range{30, 60, 30});
        CHECK(release.followUp->cue.contains(QStringLiteral("wave")));
        CHECK(release.sourceNote.contains(QStringLiteral("wave-like")));
        for (const Exercise &e : catalog->exercises)
            if (e.id != release.id)
                CHECK_FALSE(e.followUp.has_value());
    }
    SECTION("the choices the article leaves open are written down")
    {
        CHECK(byId.value(k("prone-leg-lift")).sourceNote.contains(QStringLiteral("no sets or reps")));
        CHECK(byId.value(k("isometric-hip-flexion-band")).sourceNote.contains(QStringLiteral("per leg")));
        CHECK(byId.value(k("marching-resisted-bridge")).sourceNote.contains(QStringLiteral("in total")));
        const Exercise thomas = byId.value(k("thomas-test"));
        CHECK(thomas.sourceNote.contains(QStringLiteral("positive or negative")));
        CHECK(thomas.sourceNote.contains(QStringLiteral("does not describe")));
    }
    SECTION("the marching bridge says to step back when pain returns")
    {
        CHECK(joined(byId.value(k("marching-resisted-bridge")).safety).contains(QStringLiteral("go back a step")));
    }
    SECTION("references 1-8 each appear, with the article's citation")
    {
        QSet<int> seen;
        for (const Exercise &e : catalog->exercises)
            for (const Reference &r : e.references)
                seen.insert(r.number);
        CHECK(seen == QSet<int>{1, 2, 3, 4, 5, 6, 7, 8});
        const Exercise clamshell = byId.value(k("side-plank-clamshell"));
        CHECK(clamshell.references.first().citation.startsWith(QStringLiteral("Johnston CA, Lindsay DM, Wiley JP.")));
    }
}

TEST_CASE("the JSON Schema is bundled next to the catalog", "[catalog][bundled]")
{
    QFile schema(QStringLiteral(":/rehabit/catalog/exercises.schema.json"));
    REQUIRE(schema.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(schema.readAll(), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    CHECK(doc.object().value(QStringLiteral("$schema")).toString()
                             == QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
    // The schema knows every key the catalog uses for an exercise.
    const QJsonObject exerciseProperties = doc.object().value(
        QStringLiteral("$defs"))
            .toObject()
            .value(QStringLiteral("exercise")).toObject().value(QStringLiteral("properties")).toObject();
    const QJsonArray entries = bundledObject().value(QStringLiteral("exercises")).toArray();
    for (const QJsonValue &entry : entries)
        for (const QString &key : entry.toObject().keys())
            CHECK(exerciseProperties.contains(key));
}
