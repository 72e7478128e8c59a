// The checks of one JSON value (an object's keys, a text, an integer, a
// {min, max, default} range, a list of texts) and of a whole catalog
// document. The checks of one exercise entry: CatalogValidatorEntry.cpp.

#include "catalog/CatalogValidator.h"

#include "catalog/CatalogFormat.h"
#include "rehabit/domain/Validation.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace rehabit::catalog {
namespace {

// Sane upper limits for the document as a whole (those of one entry are in
// CatalogValidatorEntry.cpp).
constexpr int MaxCatalogVersion = 1000000;
constexpr int MaxExercises = 10000;
constexpr int MaxSourceLength = 200;

qsizetype characterCount(const QString &s)
{
    qsizetype n = 0;
    for (const QChar c : s)
        if (!c.isLowSurrogate())
            ++n;
    return n;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a.at(i - 1) == b.at(j - 1) ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

} // namespace

QString CatalogValidator::quoted(const QString &s)
{
    return u'"' + s + u'"';
}

QString CatalogValidator::describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::String: {
        QString s = v.toString();
        QString shown;
        qsizetype count = 0;
        for (const QChar c : s) {
            if (count == 40) {
                shown += QChar(0x2026); // ellipsis
                break;
            }
            if (c.unicode() < 0x20 || c.unicode() == 0x7F)
                shown += u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0').toUpper();
            else
                shown += c;
            if (!c.isHighSurrogate())
                ++count;
        }
        return quoted(shown);
    }
    case QJsonValue::Array: return QCoreApplication::translate("rehabit::CatalogJson", "an array");
    case QJsonValue::Object: return QCoreApplication::translate("rehabit::CatalogJson", "an object");
    case QJsonValue::Undefined: break;
    }
    return QCoreApplication::translate("rehabit::CatalogJson", "nothing");
}

bool CatalogValidator::keys(const QJsonObject &o, const QString &path, std::initializer_list<Key> allowed)
{
    QStringList names;
    for (const Key &k : allowed)
        names << QLatin1String(k.name);
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString key = it.key();
        if (names.contains(key))
            continue;
        QString best;
        int bestDistance = 3;
        for (const QString &name : names) {
            const int d = editDistance(key.toLower(), name);
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        QStringList shown;
        for (const QString &name : names)
            shown << quoted(name);
        const QString allowedText = shown.join(u", "_s);
        if (!best.isEmpty())
            fail(JsonSyntax::pathMember(path, key),
                 QCoreApplication::translate("rehabit::CatalogJson",
                                             "unknown key %1: did you mean %2? The keys allowed here are %3")
                     .arg(quoted(key), quoted(best), allowedText));
        else
            fail(JsonSyntax::pathMember(path, key),
                 QCoreApplication::translate("rehabit::CatalogJson", "unknown key %1: the keys allowed here are %2")
                     .arg(quoted(key), allowedText));
        return false;
    }
    for (const Key &k : allowed) {
        if (k.required && !o.contains(QLatin1String(k.name))) {
            fail(at(path, k.name),
                 QCoreApplication::translate("rehabit::CatalogJson", "missing: the key %1 is required here")
                     .arg(quoted(QLatin1String(k.name))));
            return false;
        }
    }
    return true;
}

std::optional<QJsonObject> CatalogValidator::object(const QJsonValue &v, const QString &path)
{
    if (!v.isObject()) {
        fail(
            path,
            QCoreApplication::translate("rehabit::CatalogJson", "expected an object {...}, found %1").arg(describe(v)));
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QJsonArray> CatalogValidator::array(const QJsonValue &v, const QString &path, int minItems, int maxItems)
{
    if (!v.isArray()) {
        fail(path,
             QCoreApplication::translate("rehabit::CatalogJson", "expected an array [...], found %1").arg(describe(v)));
        return std::nullopt;
    }
    const QJsonArray a = v.toArray();
    if (a.size() < minItems) {
        fail(path,
             QCoreApplication::translate("rehabit::CatalogJson", "expected at least %n item(s), found an empty array",
                                         nullptr, minItems));
        return std::nullopt;
    }
    if (a.size() > maxItems) {
        fail(path, QCoreApplication::translate("rehabit::CatalogJson", "expected at most %n item(s), found %1", nullptr,
                                               maxItems)
                       .arg(a.size()));
        return std::nullopt;
    }
    return a;
}

std::optional<QString> CatalogValidator::text(const QJsonValue &v, const QString &path, int maxLength)
{
    if (!v.isString()) {
        fail(path,
             QCoreApplication::translate("rehabit::CatalogJson", "expected a text of 1 to %1 characters, found %2")
                 .arg(maxLength)
                 .arg(describe(v)));
        return std::nullopt;
    }
    const QString s = v.toString();
    if (s.trimmed().isEmpty()) {
        fail(path,
             QCoreApplication::translate("rehabit::CatalogJson", "expected a text of 1 to %1 characters, found %2")
                 .arg(maxLength)
                 .arg(describe(v)));
        return std::nullopt;
    }
    const qsizetype length = characterCount(s);
    if (length > maxLength) {
        fail(path, QCoreApplication::translate("rehabit::CatalogJson",
                                               "expected a text of 1 to %1 characters, found %2 characters")
                       .arg(maxLength)
                       .arg(length));
        return std::nullopt;
    }
    const QList<uint> characters = s.toUcs4();
    for (qsizetype i = 0; i < characters.size(); ++i) {
        if (isControlCharacter(characters.at(i))) {
            fail(path, QCoreApplication::translate(
                           "rehabit::CatalogJson",
                           "expected a text without control characters (line breaks, tabs), found U+%1 at "
                           "character %2")
                           .arg(QString::number(characters.at(i), 16).rightJustified(4, u'0').toUpper())
                           .arg(i + 1));
            return std::nullopt;
        }
    }
    // Only invisible characters (a zero-width space, a word joiner ...) are as empty as no text.
    if (isBlankText(s)) {
        fail(path, QCoreApplication::translate("rehabit::CatalogJson",
                                               "expected a text of 1 to %1 characters, found only invisible "
                                               "characters (such as U+%2)")
                       .arg(maxLength)
                       .arg(QString::number(s.trimmed().toUcs4().first(), 16).rightJustified(4, u'0').toUpper()));
        return std::nullopt;
    }
    return s;
}

std::optional<int> CatalogValidator::integer(const QJsonValue &v, const QString &path, int min, int max)
{
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || d != std::trunc(d) || d < min || d > max) {
        fail(path, QCoreApplication::translate("rehabit::CatalogJson", "expected an integer from %1 to %2, found %3")
                       .arg(min)
                       .arg(max)
                       .arg(describe(v)));
        return std::nullopt;
    }
    return int(d);
}

std::optional<Range> CatalogValidator::range(const QJsonValue &v, const QString &path, int limit)
{
    const auto o = object(v, path);
    if (!o || !keys(*o, path, {{"min", true}, {"max", true}, {"default", true}}))
        return std::nullopt;
    Range r;
    const auto min = integer(o->value(u"min"_s), at(path, "min"), 1, limit);
    if (!min)
        return std::nullopt;
    r.min = *min;
    const QJsonValue maxValue = o->value(u"max"_s);
    const auto max = integer(maxValue, at(path, "max"), 1, limit);
    if (!max)
        return std::nullopt;
    if (*max < r.min) {
        fail(at(path, "max"), QCoreApplication::translate("rehabit::CatalogJson",
                                                          "expected an integer from %1 (the min) to %2, found %3")
                                  .arg(r.min)
                                  .arg(limit)
                                  .arg(describe(maxValue)));
        return std::nullopt;
    }
    r.max = *max;
    const QJsonValue defValue = o->value(u"default"_s);
    const auto def = integer(defValue, at(path, "default"), 1, limit);
    if (!def)
        return std::nullopt;
    if (*def < r.min || *def > r.max) {
        fail(at(path, "default"),
             QCoreApplication::translate("rehabit::CatalogJson",
                                         "expected an integer from %1 (the min) to %2 (the max), found %3")
                 .arg(r.min)
                 .arg(r.max)
                 .arg(describe(defValue)));
        return std::nullopt;
    }
    r.def = *def;
    return r;
}

bool CatalogValidator::optionalRange(const QJsonValue &v, const QString &path, int limit, std::optional<Range> &out)
{
    out.reset();
    if (v.isNull())
        return true;
    if (!v.isObject()) {
        fail(path, QCoreApplication::translate("rehabit::CatalogJson",
                                               "expected null or an object {\"min\", \"max\", \"default\"}, found %1")
                       .arg(describe(v)));
        return false;
    }
    out = range(v, path, limit);
    return out.has_value();
}

std::optional<QStringList> CatalogValidator::texts(const QJsonValue &v, const QString &path, int minItems, int maxItems,
                                                   int maxLength, bool unique)
{
    const auto a = array(v, path, minItems, maxItems);
    if (!a)
        return std::nullopt;
    QStringList out;
    for (qsizetype i = 0; i < a->size(); ++i) {
        const auto s = text(a->at(i), JsonSyntax::pathIndex(path, i), maxLength);
        if (!s)
            return std::nullopt;
        if (unique && out.contains(*s)) {
            fail(JsonSyntax::pathIndex(path, i),
                 QCoreApplication::translate("rehabit::CatalogJson", "%1 is listed twice (also at %2): list it once")
                     .arg(quoted(*s), JsonSyntax::pathIndex(path, out.indexOf(*s))));
            return std::nullopt;
        }
        out << *s;
    }
    return out;
}

std::optional<Catalog> CatalogValidator::catalog(const QJsonObject &root)
{
    // First: is this a Rehabit catalog at all, and one this program can read?
    const QJsonValue format = root.value(u"format"_s);
    if (format != QJsonValue(formatName())) {
        fail(u"format"_s, QCoreApplication::translate("rehabit::CatalogJson",
                                                      "this is not a Rehabit catalog file: expected %1, found %2")
                              .arg(quoted(formatName()),
                                   format.isUndefined() ? QCoreApplication::translate("rehabit::CatalogJson", "nothing")
                                                        : describe(format)));
        return std::nullopt;
    }
    const QJsonValue version = root.value(u"format_version"_s);
    if (version.isDouble() && version.toDouble() > FormatVersion && version.toDouble() == std::trunc(version.toDouble())
        && version.toDouble() <= std::numeric_limits<int>::max()) {
        fail(u"format_version"_s,
             QCoreApplication::translate("rehabit::CatalogJson",
                                         "the file is in catalog format %1, newer than this Rehabit can read (format "
                                         "%2): update Rehabit")
                 .arg(describe(version))
                 .arg(FormatVersion));
        return std::nullopt;
    }
    if (!keys(root, QString(),
              {{"format", true},
               {"format_version", true},
               {"catalog_version", true},
               {"source", true},
               {"exercises", true}}))
        return std::nullopt;
    if (!integer(version, u"format_version"_s, FormatVersion, FormatVersion))
        return std::nullopt;

    Catalog c;
    const auto catalogVersion = integer(root.value(u"catalog_version"_s), u"catalog_version"_s, 1, MaxCatalogVersion);
    if (!catalogVersion)
        return std::nullopt;
    c.version = *catalogVersion;

    const QString sourcePath = u"source"_s;
    const auto source = object(root.value(sourcePath), sourcePath);
    if (!source || !keys(*source, sourcePath, {{"title", true}, {"publisher", false}, {"authors", false}}))
        return std::nullopt;
    const auto title = text(source->value(u"title"_s), at(sourcePath, "title"), MaxSourceLength);
    if (!title)
        return std::nullopt;
    c.source = *title;
    if (source->contains(u"publisher"_s)) {
        const auto publisher = text(source->value(u"publisher"_s), at(sourcePath, "publisher"), MaxSourceLength);
        if (!publisher)
            return std::nullopt;
        c.sourcePublisher = *publisher;
    }
    if (source->contains(u"authors"_s)) {
        const auto authors =
            texts(source->value(u"authors"_s), at(sourcePath, "authors"), 0, 50, MaxSourceLength, true);
        if (!authors)
            return std::nullopt;
        c.sourceAuthors = *authors;
    }

    const QString exercisesPath = u"exercises"_s;
    const auto exercises = array(root.value(exercisesPath), exercisesPath, 1, MaxExercises);
    if (!exercises)
        return std::nullopt;
    QHash<QString, qsizetype> ids;
    for (qsizetype i = 0; i < exercises->size(); ++i) {
        const QString entryPath = JsonSyntax::pathIndex(exercisesPath, i);
        const auto o = object(exercises->at(i), entryPath);
        if (!o)
            return std::nullopt;
        auto e = exercise(*o, entryPath);
        if (!e)
            return std::nullopt;
        if (const auto first = ids.constFind(e->id); first != ids.cend()) {
            fail(at(entryPath, "id"),
                 QCoreApplication::translate("rehabit::CatalogJson",
                                             "the id %1 is already used by %2: every id must be unique")
                     .arg(quoted(e->id), JsonSyntax::pathIndex(exercisesPath, *first)));
            return std::nullopt;
        }
        ids.insert(e->id, i);
        c.exercises.append(std::move(*e));
    }
    return c;
}

} // namespace rehabit::catalog
