// Syntax errors: refused with a "line:column" that points at the fault.

#include "RehabitCatch.h"

#include "CatalogTestSupport.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace rehabit;
using namespace rehabit::test;

namespace {

/// The error's location, or "(accepted)" when the input was accepted.
QString locationOf(const QByteArray &json)
{
    const auto result = CatalogJson::parse(json);
    return result ? QStringLiteral("(accepted)") : result.error().location;
}

QString messageOf(const QByteArray &json)
{
    const auto result = CatalogJson::parse(json);
    return result ? QString() : result.error().message;
}

} // namespace

TEST_CASE("every truncation of the bundled file is refused with a line:column", "[catalog][syntax]")
{
    QByteArray full = CatalogJson::bundledBytes();
    // The prefix that only drops the final line break is a complete document.
    while (full.endsWith('\n') || full.endsWith(' '))
        full.chop(1);
    REQUIRE(CatalogJson::parse(full).ok());

    static const QRegularExpression lineColumn(QStringLiteral("^(\\d+):(\\d+)$"));
    qsizetype failures = 0;
    for (qsizetype length = 0; length < full.size(); ++length) {
        const QByteArray prefix = full.left(length);
        const auto result = CatalogJson::parse(prefix);
        const auto match = result ? QRegularExpressionMatch() : lineColumn.match(result.error().location);
        // The fault is inside the prefix or at its end, never beyond it.
        const bool located = match.hasMatch() && match.captured(1).toLongLong() <= prefix.count('\n') + 1;
        if (result || !located) {
            ++failures;
            if (failures <= 5) {
                INFO("length " << length << ": " << (result ? QStringLiteral("accepted") : result.error().text()));
                CHECK(false);
            }
        }
    }
    CHECK(failures == 0);
}

TEST_CASE("an empty file is refused at 1:1", "[catalog][syntax]")
{
    CHECK(locationOf(QByteArray()) == QStringLiteral("1:1"));
    CHECK(messageOf(QByteArray()).contains(QStringLiteral("empty")));
    CHECK(locationOf("\n\n  ") == QStringLiteral("3:3"));
    CHECK(messageOf("\n\n  ").contains(QStringLiteral("empty")));
}

TEST_CASE("syntax errors are located exactly", "[catalog][syntax]")
{
    SECTION("a missing comma")
    {
        const QByteArray json = "{\n    \"format\": \"rehabit-catalog\",\n    \"format_version\": 1\n"
                                "    \"catalog_version\": 1\n}\n";
        CHECK(locationOf(json) == QStringLiteral("4:5"));
        CHECK(messageOf(json) == QStringLiteral("expected ',' or '}', found '\"'"));
    }
    SECTION("a trailing comma")
    {
        CHECK(locationOf("{\"a\": 1,}") == QStringLiteral("1:9"));
        CHECK(locationOf("{\"a\": [1, 2,]}") == QStringLiteral("1:13"));
    }
    SECTION("an unquoted word")
    {
        CHECK(locationOf("{\"sets\": ten}") == QStringLiteral("1:10"));
        CHECK(messageOf("{\"sets\": ten}").endsWith(QStringLiteral("found 'ten'")));
        CHECK(locationOf("{\"a\": tru}") == QStringLiteral("1:7"));
        CHECK(messageOf("{\"a\": tru}") == QStringLiteral("expected true, false or null, found 'tru'"));
    }
    SECTION("a line break inside a text")
    {
        CHECK(locationOf("{\n  \"a\": \"one\ntwo\"}") == QStringLiteral("2:12"));
    }
    SECTION("an invalid escape and a lone surrogate")
    {
        CHECK(locationOf("{\"a\": \"C:\\Users\"}") == QStringLiteral("1:10"));
        CHECK(locationOf("{\"a\": \"\\uD83D\"}") == QStringLiteral("1:8"));
        CHECK(locationOf("{\"a\": \"\\uDE00\"}") == QStringLiteral("1:8"));
        CHECK(locationOf("{\"a\": \"\\u12\"}") == QStringLiteral("1:8"));
    }
    SECTION("numbers")
    {
        CHECK(locationOf("{\"a\": 07}") == QStringLiteral("1:7"));
        CHECK(locationOf("{\"a\": 1.}") == QStringLiteral("1:9"));
        CHECK(locationOf("{\"a\": -}") == QStringLiteral("1:8"));
        CHECK(locationOf("{\"a\": 1e400}") == QStringLiteral("1:7"));
    }
    SECTION("not an object at the top")
    {
        CHECK(locationOf("[]") == QStringLiteral("1:1"));
        CHECK(locationOf("  \"rehabit\"") == QStringLiteral("1:3"));
    }
    SECTION("text after the object")
    {
        CHECK(locationOf("{}\n{}") == QStringLiteral("2:1"));
    }
    SECTION("columns count characters, not bytes")
    {
        // "é" is two bytes in UTF-8 but one column.
        CHECK(locationOf("{\"é\": x}") == QStringLiteral("1:7"));
    }
    SECTION("a UTF-8 byte order mark is accepted and does not count as a column")
    {
        CHECK(locationOf("\xEF\xBB\xBF{\"a\" 1}") == QStringLiteral("1:6"));
        const QByteArray withBom = "\xEF\xBB\xBF" + CatalogJson::bundledBytes();
        CHECK(CatalogJson::parse(withBom).ok());
    }
}

TEST_CASE("a control character inside a text is refused", "[catalog][syntax]")
{
    CHECK(locationOf(QByteArray("{\"a\": \"x\ty\"}")) == QStringLiteral("1:9"));
    CHECK(locationOf(QByteArray("{\"a\": \"x\0y\"}", 12)) == QStringLiteral("1:9"));
}

TEST_CASE("invalid UTF-8 is refused where it is", "[catalog][syntax]")
{
    SECTION("in a text")
    {
        CHECK(locationOf("{\"format\": \"rehabit-cat\xFF"
                         "alog\"}")
              == QStringLiteral("1:24"));
        CHECK(messageOf("{\"format\": \"rehabit-cat\xFF"
                        "alog\"}")
                  .contains(QStringLiteral("0xFF")));
        // Overlong encodings and encoded surrogates are not UTF-8 either.
        CHECK(locationOf("{\"a\": \"\xC0\xAF\"}") == QStringLiteral("1:8"));
        CHECK(locationOf("{\"a\": \"\xED\xA0\x80\"}") == QStringLiteral("1:8"));
        // A character cut in half at the end of a text.
        CHECK(locationOf("{\"a\": \"caf\xC3\"}") == QStringLiteral("1:11"));
    }
    SECTION("in a text of the bundled file")
    {
        QByteArray bytes = CatalogJson::bundledBytes();
        const QByteArray name = "\"name\": \"Prone leg lift\"";
        const qsizetype at = bytes.indexOf(name);
        REQUIRE(at > 0);
        bytes[at + 9 + 5] = '\xFE'; // "Prone\xFEleg lift"
        const qsizetype line = bytes.left(at).count('\n') + 1;
        const qsizetype column = at - bytes.lastIndexOf('\n', at) + 9 + 5;
        CHECK(locationOf(bytes) == QString::number(line) + QLatin1Char(':') + QString::number(column));
    }
    SECTION("at the top level")
    {
        CHECK(locationOf("\xFF{}") == QStringLiteral("1:1"));
        CHECK(locationOf("{}\xFF") == QStringLiteral("1:3"));
        CHECK(locationOf("{\"a\": 1 \xFF}") == QStringLiteral("1:9"));
    }
}

TEST_CASE("deep nesting is refused without recursion", "[catalog][syntax]")
{
    const int depth = 10000;
    SECTION("inside the catalog object")
    {
        const QByteArray json = "{\"a\":" + QByteArray(depth, '[') + QByteArray(depth, ']') + '}';
        // '{' is level 1; the 64th '[' would be level 65.
        CHECK(locationOf(json) == QStringLiteral("1:69"));
        CHECK(messageOf(json).contains(QStringLiteral("nested too deeply")));
    }
    SECTION("arrays at the top level")
    {
        CHECK(locationOf(QByteArray(depth, '[') + QByteArray(depth, ']')) == QStringLiteral("1:1"));
    }
    SECTION("unterminated objects")
    {
        QByteArray json = "{";
        for (int i = 0; i < depth; ++i)
            json += "\"a\":{";
        CHECK(locationOf(json) == QStringLiteral("1:") + QString::number(1 + 63 * 5 + 4 + 1));
    }
}

TEST_CASE("a duplicate key is refused with its path and both positions", "[catalog][syntax]")
{
    const QByteArray json = "{\n  \"format\": \"rehabit-catalog\",\n  \"exercises\": [\n    {},\n"
                            "    {\"dosage\": {\"sets\": 1,\n                \"sets\": 2}}\n  ]\n}";
    const auto result = CatalogJson::parse(json);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().location == QStringLiteral("exercises[1].dosage.sets"));
    CHECK(result.error().message.contains(QStringLiteral("5:17")));
    CHECK(result.error().message.contains(QStringLiteral("6:17")));
    // Keys are compared after decoding escapes.
    CHECK(locationOf("{\"format\": 1, \"form\\u0061t\": 2}") == QStringLiteral("format"));
}

TEST_CASE("files over the size limit are refused by size", "[catalog][syntax][size]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());

    SECTION("a 50 MB file")
    {
        const QString path = dir.filePath(QStringLiteral("huge.json"));
        {
            QFile f(path);
            REQUIRE(f.open(QIODevice::WriteOnly));
            f.write("{\"format\": \"rehabit-catalog\", \"padding\": \"");
            const QByteArray chunk(1024 * 1024, 'x');
            for (int i = 0; i < 50; ++i)
                f.write(chunk);
            f.write("\"}");
        }
        const auto result = CatalogJson::parseFile(path);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().location.isEmpty());
        CHECK(result.error().message
              == QStringLiteral("the file is %1 bytes; a catalog file may be at most 33554432 bytes (32 MiB)")
                     .arg(QFileInfo(path).size()));
    }
    SECTION("parse() refuses the same bytes in memory")
    {
        const QByteArray big(CatalogJson::MaxFileBytes + 1, ' ');
        const auto result = CatalogJson::parse(big);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.contains(QStringLiteral("32 MiB")));
    }
    SECTION("exactly at the limit is still read")
    {
        QByteArray json = CatalogJson::bundledBytes();
        json.append(QByteArray(CatalogJson::MaxFileBytes - json.size(), ' '));
        REQUIRE(json.size() == CatalogJson::MaxFileBytes);
        const QString path = dir.filePath(QStringLiteral("limit.json"));
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        CHECK(CatalogJson::parseFile(path).ok());
        f.open(QIODevice::Append);
        f.write(" ");
        f.close();
        // One byte over: the exact sizes, not "32.0 MiB; at most 32 MiB".
        const auto over = CatalogJson::parseFile(path);
        REQUIRE_FALSE(over.ok());
        CHECK(over.error().message
              == QStringLiteral("the file is 33554433 bytes; a catalog file may be at most 33554432 bytes (32 MiB)"));
    }
}

TEST_CASE("a number too close to 0, or a fraction with more digits than a double holds, is refused for what it is",
          "[catalog][syntax]")
{
    // The bundled file with one number written as given, at exercises[0].rest.after_exercise_seconds (0-600).
    const auto withNumber = [](const char *number) {
        QByteArray json = bytesOf(
            withValue(bundledObject(), {k("exercises"), 0, k("rest"), k("after_exercise_seconds")}, 7777).toObject());
        REQUIRE(json.count("7777") == 1);
        return json.replace("7777", number);
    };
    const QRegularExpression lineColumn(QStringLiteral("^\\d+:\\d+$"));

    // 1e-400 is not too large: it is too close to 0 for a double.
    const QString tiny = messageOf(withNumber("1e-400"));
    CHECK(tiny == QStringLiteral("the number 1e-400 is too close to 0 to be represented"));
    CHECK(lineColumn.match(locationOf(withNumber("1e-400"))).hasMatch());
    CHECK(messageOf(withNumber("-2.5e-999")).contains(QStringLiteral("too close to 0")));
    CHECK(messageOf(withNumber("1e400")) == QStringLiteral("the number 1e400 is too large"));

    // 0.99999999999999999999 reads as 1.0: refused at its path, not taken as 1.
    const QString path = QStringLiteral("exercises[0].rest.after_exercise_seconds");
    CHECK(locationOf(withNumber("0.99999999999999999999")) == path);
    CHECK(messageOf(withNumber("0.99999999999999999999")).contains(QStringLiteral("is not a whole number")));
    CHECK(locationOf(withNumber("29.9999999999999999999")) == path);
    CHECK(locationOf(withNumber("3000000000000000000000.5e-20")) == path);
    // Whole numbers written with a fraction or an exponent are whole numbers.
    for (const char *whole : {"30", "30.000", "3e1", "3.0E+1", "300e-1", "0.0", "0e5", "-0"}) {
        INFO(whole);
        CHECK(locationOf(withNumber(whole)) == QStringLiteral("(accepted)"));
    }
    // A fraction a double tells apart from a whole number is the content check's to refuse.
    CHECK(messageOf(withNumber("30.5")) == QStringLiteral("expected an integer from 0 to 600, found 30.5"));
}

TEST_CASE("parseFile reports files it cannot read without a location", "[catalog][file]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const auto missing = CatalogJson::parseFile(dir.filePath(QStringLiteral("nothing-here.json")));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().location.isEmpty());
    CHECK(missing.error().message.contains(QStringLiteral("does not exist")));

    const auto folder = CatalogJson::parseFile(dir.path());
    REQUIRE_FALSE(folder.ok());
    CHECK(folder.error().message.contains(QStringLiteral("folder")));

    const QString path = dir.filePath(QStringLiteral("bundled.json"));
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(CatalogJson::bundledBytes());
    f.close();
    const auto ok = CatalogJson::parseFile(path);
    REQUIRE(ok.ok());
    CHECK(*ok == *CatalogJson::bundled());
}
