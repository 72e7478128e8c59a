// The fixtures under tests/data/catalogs: every bad file is refused where its
// README says, the good custom catalog loads.

#include "RehabitCatch.h"

#include "CatalogTestSupport.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>

using namespace rehabit;
using namespace rehabit::test;

TEST_CASE("every bad fixture is refused at the location its README names", "[catalog][fixtures]")
{
    const QDir dir(testDataPath(QStringLiteral("catalogs/bad")));
    const QString readme = QString::fromUtf8(readFile(dir.filePath(QStringLiteral("README.md"))));
    REQUIRE_FALSE(readme.isEmpty());

    static const QRegularExpression line(QStringLiteral("^- `([^`]+\\.json)` `([^`]+)`: (.+)$"),
                                                        QRegularExpression::MultilineOption);
    QSet<QString> listed;
    for (auto it = line.globalMatch(readme); it.hasNext();) {
        const auto m = it.next();
        const QString file = m.captured(1);
        const QString location = m.captured(2);
        listed.insert(file);
        INFO(file.toStdString() << " (" << m.captured(3).toStdString() << ")");
        const auto result = CatalogJson::parseFile(dir.filePath(file));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().location == location);
        CHECK_FALSE(result.error().message.isEmpty());
    }
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    CHECK(listed == QSet<QString>(files.cbegin(), files.cend()));
    CHECK(listed.size() >= 20);
}

TEST_CASE("the good custom catalog loads, without colliding with the bundled ids", "[catalog][fixtures]")
{
    const auto custom = CatalogJson::parseFile(testDataPath(QStringLiteral("catalogs/good/custom-two.json")));
    INFO((custom ? QString() : custom.error().text()));
    REQUIRE(custom.ok());
    REQUIRE(custom->exercises.size() == 2);
    CHECK(custom->exercises.at(0).id == QStringLiteral("hand-resisted-isometric-hip-flexion"));
    CHECK(custom->exercises.at(1).id == QStringLiteral("glute-bridge"));
    CHECK(custom->exercises.at(0).illustration.isEmpty());
    CHECK(custom->sourcePublisher.isEmpty());

    const auto bundled = CatalogJson::bundled();
    REQUIRE(bundled.ok());
    for (const Exercise &b : bundled->exercises)
        for (const Exercise &c : custom->exercises)
            CHECK(b.id != c.id);

    // Written back and read again, it is the same catalog.
    const auto reread = CatalogJson::parse(CatalogJson::toDocument(*custom));
    REQUIRE(reread.ok());
    CHECK(*reread == *custom);
}
