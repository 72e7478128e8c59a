// The catalog file format: docs/catalog-format.md. Parsing runs in two passes:
// JsonSyntax checks the bytes (exact "line:column" for syntax errors, duplicate
// keys), then CatalogValidator checks the content against the format and
// reports the first fault by its JSON path ("exercises[3].dosage.sets.max").

#include "rehabit/catalog/CatalogJson.h"

#include "catalog/JsonSyntax.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

using catalog::JsonSyntax;

constexpr int FormatVersion = 1;
const QString FormatName = u"rehabit-catalog"_s;

// Sane upper limits: a typo such as 100 sets or 3000 reps is refused.
constexpr int MaxSets = 20;
constexpr int MaxReps = 500;
constexpr int MaxHoldSeconds = 600;
constexpr int MaxDurationSeconds = 3600;
constexpr int MaxRestSeconds = 600;
constexpr int MaxReferenceNumber = 999;
constexpr int MaxCatalogVersion = 1000000;
constexpr int MaxExercises = 10000;

constexpr int MaxIdLength = 64;
constexpr int MaxNameLength = 100;
constexpr int MaxCategoryLength = 60;
constexpr int MaxCueLength = 120;
constexpr int MaxStepLength = 1000;
constexpr int MaxItemLength = 500;
constexpr int MaxWhenLength = 300;
constexpr int MaxNoteLength = 2000;
constexpr int MaxSourceLength = 200;
constexpr int MaxIllustrationLength = 120;

qsizetype characterCount(const QString &s)
{
    qsizetype n = 0;
    for (const QChar c : s)
        if (!c.isLowSurrogate())
            ++n;
    return n;
}

QString quoted(const QString &s)
{
    return u'"' + s + u'"';
}

/// A value as a person reads it in "found ...": "ten" quoted, numbers as
/// written, "an object", "an array".
QString describe(const QJsonValue &v)
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

bool isKebabCase(const QString &id)
{
    if (id.isEmpty() || !(id.front() >= u'a' && id.front() <= u'z') || id.back() == u'-')
        return false;
    QChar previous;
    for (const QChar c : id) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
        if (!ok || (c == u'-' && previous == u'-'))
            return false;
        previous = c;
    }
    return true;
}

bool isIllustrationName(const QString &name)
{
    if (!name.endsWith(u".svg"_s) || name.size() <= 4)
        return false;
    const QString base = name.chopped(4);
    if (base.front() == u'-')
        return false;
    return std::all_of(base.cbegin(), base.cend(),
                       [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'; });
}

struct Key {
    const char *name;
    bool required;
};

/// Checks one catalog document or entry; stops at the first fault.
class CatalogValidator {
public:
    std::optional<Error> error;

    std::optional<Catalog> catalog(const QJsonObject &root);
    std::optional<Exercise> exercise(const QJsonObject &o, const QString &path);

private:
    void fail(const QString &path, const QString &message)
    {
        if (!error)
            error = Error{message, path};
    }
    static QString at(const QString &path, const char *key) { return JsonSyntax::pathMember(path, QLatin1String(key)); }

    bool keys(const QJsonObject &o, const QString &path, std::initializer_list<Key> allowed);
    std::optional<QJsonObject> object(const QJsonValue &v, const QString &path);
    std::optional<QJsonArray> array(const QJsonValue &v, const QString &path, int minItems, int maxItems);
    std::optional<QString> text(const QJsonValue &v, const QString &path, int maxLength);
    std::optional<int> integer(const QJsonValue &v, const QString &path, int min, int max);
    std::optional<Range> range(const QJsonValue &v, const QString &path, int limit);
    bool optionalRange(const QJsonValue &v, const QString &path, int limit, std::optional<Range> &out);
    std::optional<QStringList> texts(const QJsonValue &v, const QString &path, int minItems, int maxItems,
                                     int maxLength, bool unique);
    template <typename E>
    std::optional<E> code(const QJsonValue &v, const QString &path, std::optional<E> (*fromCode)(const QString &),
                          std::initializer_list<const char *> codes);
    bool dosageMatchesKind(const Exercise &e, const QJsonObject &dosage, const QString &path);
};

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
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s.at(i).unicode();
        if (c < 0x20 || c == 0x7F) {
            fail(path, QCoreApplication::translate(
                           "rehabit::CatalogJson",
                           "expected a text without control characters (line breaks, tabs), found U+%1 at "
                           "character %2")
                           .arg(QString::number(c, 16).rightJustified(4, u'0').toUpper())
                           .arg(characterCount(s.left(i)) + 1));
            return std::nullopt;
        }
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

template <typename E>
std::optional<E> CatalogValidator::code(const QJsonValue &v, const QString &path,
                                        std::optional<E> (*fromCode)(const QString &),
                                        std::initializer_list<const char *> codes)
{
    if (v.isString())
        if (const auto e = fromCode(v.toString()))
            return e;
    QStringList shown;
    for (const char *c : codes)
        shown << quoted(QLatin1String(c));
    fail(path, QCoreApplication::translate("rehabit::CatalogJson", "expected one of %1, found %2")
                   .arg(shown.join(u", "_s), describe(v)));
    return std::nullopt;
}

bool CatalogValidator::dosageMatchesKind(const Exercise &e, const QJsonObject &dosage, const QString &path)
{
    const QString kind = quoted(toCode(e.kind));
    const auto need = [&](const std::optional<Range> &r, const char *key) {
        if (r)
            return true;
        fail(at(path, key),
             QCoreApplication::translate("rehabit::CatalogJson",
                                         "an exercise of kind %1 needs %2: expected an object {\"min\", \"max\", "
                                         "\"default\"}, found null")
                 .arg(kind, quoted(QLatin1String(key))));
        return false;
    };
    const auto forbid = [&](const std::optional<Range> &r, const char *key) {
        if (!r)
            return true;
        fail(at(path, key), QCoreApplication::translate("rehabit::CatalogJson",
                                                        "an exercise of kind %1 has no %2: expected null, found %3")
                                .arg(kind, quoted(QLatin1String(key)), describe(dosage.value(QLatin1String(key)))));
        return false;
    };
    const Dosage &d = e.dosage;
    switch (e.kind) {
    case WorkKind::Assessment:
        return forbid(d.sets, "sets") && forbid(d.reps, "reps") && forbid(d.holdSeconds, "hold_seconds")
               && forbid(d.durationSeconds, "duration_seconds");
    case WorkKind::Reps:
        return need(d.sets, "sets") && need(d.reps, "reps") && forbid(d.holdSeconds, "hold_seconds")
               && forbid(d.durationSeconds, "duration_seconds");
    case WorkKind::Holds:
        return need(d.sets, "sets") && need(d.reps, "reps") && need(d.holdSeconds, "hold_seconds")
               && forbid(d.durationSeconds, "duration_seconds");
    case WorkKind::Timed:
        return need(d.sets, "sets") && need(d.durationSeconds, "duration_seconds") && forbid(d.reps, "reps")
               && forbid(d.holdSeconds, "hold_seconds");
    }
    return true;
}

std::optional<Exercise> CatalogValidator::exercise(const QJsonObject &o, const QString &path)
{
    if (!keys(o, path,
              {{"id", true},
               {"name", true},
               {"phase", true},
               {"category", true},
               {"kind", true},
               {"sides", true},
               {"dosage", true},
               {"rest", true},
               {"follow_up", false},
               {"equipment", true},
               {"steps", true},
               {"mistakes", true},
               {"safety", true},
               {"variants", true},
               {"references", true},
               {"source_note", false},
               {"unspecified", true},
               {"illustration", false}}))
        return std::nullopt;

    Exercise e;
    e.origin = ExerciseOrigin::Bundled;

    const QJsonValue idValue = o.value(u"id"_s);
    if (!idValue.isString() || !isKebabCase(idValue.toString()) || idValue.toString().size() > MaxIdLength) {
        fail(at(path, "id"), QCoreApplication::translate(
                                 "rehabit::CatalogJson",
                                 "expected an id of at most %1 characters in kebab-case (lower-case letters and "
                                 "digits, words joined by '-', such as \"prone-leg-lift\"), found %2")
                                 .arg(MaxIdLength)
                                 .arg(describe(idValue)));
        return std::nullopt;
    }
    e.id = idValue.toString();

    const auto name = text(o.value(u"name"_s), at(path, "name"), MaxNameLength);
    if (!name)
        return std::nullopt;
    e.name = *name;

    const auto phase = code<Phase>(o.value(u"phase"_s), at(path, "phase"), &phaseFromCode,
                                   {"assessment", "flexibility", "core-stability", "hip-strength"});
    if (!phase)
        return std::nullopt;
    e.phase = *phase;

    const auto category = text(o.value(u"category"_s), at(path, "category"), MaxCategoryLength);
    if (!category)
        return std::nullopt;
    e.category = *category;

    const auto kind = code<WorkKind>(o.value(u"kind"_s), at(path, "kind"), &workKindFromCode,
                                     {"assessment", "reps", "holds", "timed"});
    if (!kind)
        return std::nullopt;
    e.kind = *kind;

    const auto sides =
        code<Sides>(o.value(u"sides"_s), at(path, "sides"), &sidesFromCode, {"each-side", "alternating", "both"});
    if (!sides)
        return std::nullopt;
    e.sides = *sides;

    // dosage
    const QString dosagePath = at(path, "dosage");
    const auto dosage = object(o.value(u"dosage"_s), dosagePath);
    if (!dosage
        || !keys(*dosage, dosagePath,
                 {{"sets", true}, {"reps", true}, {"hold_seconds", true}, {"duration_seconds", true}}))
        return std::nullopt;
    if (!optionalRange(dosage->value(u"sets"_s), at(dosagePath, "sets"), MaxSets, e.dosage.sets)
        || !optionalRange(dosage->value(u"reps"_s), at(dosagePath, "reps"), MaxReps, e.dosage.reps)
        || !optionalRange(dosage->value(u"hold_seconds"_s), at(dosagePath, "hold_seconds"), MaxHoldSeconds,
                          e.dosage.holdSeconds)
        || !optionalRange(dosage->value(u"duration_seconds"_s), at(dosagePath, "duration_seconds"), MaxDurationSeconds,
                          e.dosage.durationSeconds)
        || !dosageMatchesKind(e, *dosage, dosagePath))
        return std::nullopt;

    // rest
    const QString restPath = at(path, "rest");
    const auto rest = object(o.value(u"rest"_s), restPath);
    if (!rest
        || !keys(*rest, restPath,
                 {{"between_reps_seconds", true}, {"between_sets_seconds", true}, {"after_exercise_seconds", true}}))
        return std::nullopt;
    const auto betweenReps =
        integer(rest->value(u"between_reps_seconds"_s), at(restPath, "between_reps_seconds"), 0, MaxRestSeconds);
    if (!betweenReps)
        return std::nullopt;
    const auto betweenSets =
        integer(rest->value(u"between_sets_seconds"_s), at(restPath, "between_sets_seconds"), 0, MaxRestSeconds);
    if (!betweenSets)
        return std::nullopt;
    const auto after =
        integer(rest->value(u"after_exercise_seconds"_s), at(restPath, "after_exercise_seconds"), 0, MaxRestSeconds);
    if (!after)
        return std::nullopt;
    e.rest = Rest{*betweenReps, *betweenSets, *after};

    // follow_up (optional)
    const QString followPath = at(path, "follow_up");
    if (const QJsonValue v = o.value(u"follow_up"_s); !v.isUndefined() && !v.isNull()) {
        if (e.kind == WorkKind::Assessment) {
            fail(followPath, QCoreApplication::translate("rehabit::CatalogJson",
                                                         "an assessment has no follow-up: expected null, found %1")
                                 .arg(describe(v)));
            return std::nullopt;
        }
        const auto f = object(v, followPath);
        if (!f || !keys(*f, followPath, {{"name", true}, {"cue", true}, {"seconds", true}}))
            return std::nullopt;
        FollowUp followUp;
        const auto fname = text(f->value(u"name"_s), at(followPath, "name"), MaxNameLength);
        if (!fname)
            return std::nullopt;
        followUp.name = *fname;
        const auto fcue = text(f->value(u"cue"_s), at(followPath, "cue"), MaxCueLength);
        if (!fcue)
            return std::nullopt;
        followUp.cue = *fcue;
        const auto seconds = range(f->value(u"seconds"_s), at(followPath, "seconds"), MaxDurationSeconds);
        if (!seconds)
            return std::nullopt;
        followUp.seconds = *seconds;
        e.followUp = followUp;
    }

    const auto equipment = texts(o.value(u"equipment"_s), at(path, "equipment"), 0, 20, MaxNameLength, true);
    if (!equipment)
        return std::nullopt;
    e.equipment = *equipment;

    // steps
    const QString stepsPath = at(path, "steps");
    const auto steps = array(o.value(u"steps"_s), stepsPath, 1, 30);
    if (!steps)
        return std::nullopt;
    for (qsizetype i = 0; i < steps->size(); ++i) {
        const QString stepPath = JsonSyntax::pathIndex(stepsPath, i);
        const auto s = object(steps->at(i), stepPath);
        if (!s || !keys(*s, stepPath, {{"text", true}, {"cue", true}}))
            return std::nullopt;
        const auto stepText = text(s->value(u"text"_s), at(stepPath, "text"), MaxStepLength);
        if (!stepText)
            return std::nullopt;
        const auto cue = text(s->value(u"cue"_s), at(stepPath, "cue"), MaxCueLength);
        if (!cue)
            return std::nullopt;
        e.steps.append(Step{*stepText, *cue});
    }

    const auto mistakes = texts(o.value(u"mistakes"_s), at(path, "mistakes"), 0, 30, MaxItemLength, false);
    if (!mistakes)
        return std::nullopt;
    e.mistakes = *mistakes;

    const auto safety = texts(o.value(u"safety"_s), at(path, "safety"), 1, 30, MaxItemLength, false);
    if (!safety)
        return std::nullopt;
    e.safety = *safety;

    // variants
    const QString variantsPath = at(path, "variants");
    const auto variants = array(o.value(u"variants"_s), variantsPath, 0, 30);
    if (!variants)
        return std::nullopt;
    for (qsizetype i = 0; i < variants->size(); ++i) {
        const QString variantPath = JsonSyntax::pathIndex(variantsPath, i);
        const auto v = object(variants->at(i), variantPath);
        if (!v || !keys(*v, variantPath, {{"name", true}, {"when", true}, {"description", true}}))
            return std::nullopt;
        Variant variant;
        const auto vname = text(v->value(u"name"_s), at(variantPath, "name"), MaxNameLength);
        if (!vname)
            return std::nullopt;
        variant.name = *vname;
        const auto when = text(v->value(u"when"_s), at(variantPath, "when"), MaxWhenLength);
        if (!when)
            return std::nullopt;
        variant.when = *when;
        const auto description = text(v->value(u"description"_s), at(variantPath, "description"), MaxStepLength);
        if (!description)
            return std::nullopt;
        variant.description = *description;
        e.variants.append(variant);
    }

    // references
    const QString referencesPath = at(path, "references");
    const auto references = array(o.value(u"references"_s), referencesPath, 0, 50);
    if (!references)
        return std::nullopt;
    for (qsizetype i = 0; i < references->size(); ++i) {
        const QString referencePath = JsonSyntax::pathIndex(referencesPath, i);
        const auto r = object(references->at(i), referencePath);
        if (!r || !keys(*r, referencePath, {{"number", true}, {"citation", true}}))
            return std::nullopt;
        const auto number = integer(r->value(u"number"_s), at(referencePath, "number"), 1, MaxReferenceNumber);
        if (!number)
            return std::nullopt;
        for (qsizetype k = 0; k < e.references.size(); ++k) {
            if (e.references.at(k).number == *number) {
                fail(at(referencePath, "number"),
                     QCoreApplication::translate("rehabit::CatalogJson",
                                                 "reference %1 is listed twice (also at %2): list it once")
                         .arg(*number)
                         .arg(JsonSyntax::pathIndex(referencesPath, k)));
                return std::nullopt;
            }
        }
        const auto citation = text(r->value(u"citation"_s), at(referencePath, "citation"), MaxItemLength);
        if (!citation)
            return std::nullopt;
        e.references.append(Reference{*number, *citation});
    }

    // source_note (optional, but required when unspecified lists anything)
    const QString notePath = at(path, "source_note");
    if (const QJsonValue v = o.value(u"source_note"_s); !v.isUndefined() && !v.isNull()) {
        const auto note = text(v, notePath, MaxNoteLength);
        if (!note)
            return std::nullopt;
        e.sourceNote = *note;
    }

    // unspecified
    const QString unspecifiedPath = at(path, "unspecified");
    const auto unspecified = array(o.value(u"unspecified"_s), unspecifiedPath, 0, 6);
    if (!unspecified)
        return std::nullopt;
    for (qsizetype i = 0; i < unspecified->size(); ++i) {
        const QString itemPath = JsonSyntax::pathIndex(unspecifiedPath, i);
        const QJsonValue v = unspecified->at(i);
        static const QStringList allowed{
            u"sets"_s, u"reps"_s, u"hold_seconds"_s, u"duration_seconds"_s, u"rest"_s, u"follow_up.seconds"_s};
        if (!v.isString() || !allowed.contains(v.toString())) {
            QStringList shown;
            for (const QString &a : allowed)
                shown << quoted(a);
            fail(itemPath, QCoreApplication::translate("rehabit::CatalogJson", "expected one of %1, found %2")
                               .arg(shown.join(u", "_s), describe(v)));
            return std::nullopt;
        }
        const QString key = v.toString();
        if (e.unspecified.contains(key)) {
            fail(itemPath,
                 QCoreApplication::translate("rehabit::CatalogJson", "%1 is listed twice (also at %2): list it once")
                     .arg(quoted(key), JsonSyntax::pathIndex(unspecifiedPath, e.unspecified.indexOf(key))));
            return std::nullopt;
        }
        const bool missing = (key == u"sets"_s && !e.dosage.sets) || (key == u"reps"_s && !e.dosage.reps)
                             || (key == u"hold_seconds"_s && !e.dosage.holdSeconds)
                             || (key == u"duration_seconds"_s && !e.dosage.durationSeconds)
                             || (key == u"follow_up.seconds"_s && !e.followUp);
        if (missing) {
            fail(itemPath, QCoreApplication::translate(
                               "rehabit::CatalogJson",
                               "%1 is listed as not given by the source, so the catalog must choose a value for it, "
                               "but the entry has none: remove it from \"unspecified\" or give it a value")
                               .arg(quoted(key)));
            return std::nullopt;
        }
        e.unspecified << key;
    }
    if (!e.unspecified.isEmpty() && e.sourceNote.isEmpty()) {
        fail(notePath, QCoreApplication::translate(
                           "rehabit::CatalogJson",
                           "missing: \"unspecified\" lists values the source does not give, so a source note must "
                           "say what the catalog chose instead"));
        return std::nullopt;
    }

    // illustration (optional; the file itself is not looked for)
    if (const QJsonValue v = o.value(u"illustration"_s); !v.isUndefined() && !v.isNull()) {
        if (!v.isString() || !isIllustrationName(v.toString()) || v.toString().size() > MaxIllustrationLength) {
            fail(at(path, "illustration"),
                 QCoreApplication::translate(
                     "rehabit::CatalogJson",
                     "expected null or an SVG file name of at most %1 characters in lower-case letters, digits and "
                     "'-', such as \"prone-leg-lift.svg\", found %2")
                     .arg(MaxIllustrationLength)
                     .arg(describe(v)));
            return std::nullopt;
        }
        e.illustration = v.toString();
    }
    return e;
}

std::optional<Catalog> CatalogValidator::catalog(const QJsonObject &root)
{
    // First: is this a Rehabit catalog at all, and one this program can read?
    const QJsonValue format = root.value(u"format"_s);
    if (format != QJsonValue(FormatName)) {
        fail(u"format"_s, QCoreApplication::translate("rehabit::CatalogJson",
                                                      "this is not a Rehabit catalog file: expected %1, found %2")
                              .arg(quoted(FormatName),
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

// --- writing ----------------------------------------------------------------

QJsonValue rangeJson(const std::optional<Range> &r)
{
    if (!r)
        return QJsonValue::Null;
    return QJsonObject{{u"min"_s, r->min}, {u"max"_s, r->max}, {u"default"_s, r->def}};
}

QJsonObject dosageJson(const Dosage &d)
{
    return QJsonObject{{u"sets"_s, rangeJson(d.sets)},
                       {u"reps"_s, rangeJson(d.reps)},
                       {u"hold_seconds"_s, rangeJson(d.holdSeconds)},
                       {u"duration_seconds"_s, rangeJson(d.durationSeconds)}};
}

/// The documented key order; keys of one object are written in this order.
int keyRank(const QString &key)
{
    static const QHash<QString, int> ranks = [] {
        const char *order[] = {"format",
                               "format_version",
                               "catalog_version",
                               "source",
                               "title",
                               "publisher",
                               "authors",
                               "exercises",
                               "id",
                               "number",
                               "name",
                               "text",
                               "when",
                               "description",
                               "cue",
                               "seconds",
                               "citation",
                               "phase",
                               "category",
                               "kind",
                               "sides",
                               "dosage",
                               "sets",
                               "reps",
                               "hold_seconds",
                               "duration_seconds",
                               "min",
                               "max",
                               "default",
                               "rest",
                               "between_reps_seconds",
                               "between_sets_seconds",
                               "after_exercise_seconds",
                               "follow_up",
                               "equipment",
                               "steps",
                               "mistakes",
                               "safety",
                               "variants",
                               "references",
                               "source_note",
                               "unspecified",
                               "illustration"};
        QHash<QString, int> h;
        int rank = 0;
        for (const char *k : order)
            h.insert(QLatin1String(k), rank++);
        return h;
    }();
    return ranks.value(key, int(ranks.size()));
}

/// Indented JSON like QJsonDocument::Indented, but with the keys of each
/// object in the documented order instead of sorted.
void writeValue(QByteArray &out, const QJsonValue &v, int depth)
{
    const QByteArray indent((depth + 1) * 4, ' ');
    const QByteArray closing(depth * 4, ' ');
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.isEmpty()) {
            out += "{}";
            return;
        }
        QStringList keys = o.keys();
        std::stable_sort(keys.begin(), keys.end(),
                         [](const QString &a, const QString &b) { return keyRank(a) < keyRank(b); });
        out += "{\n";
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out += indent;
            writeValue(out, QJsonValue(keys.at(i)), depth + 1);
            out += ": ";
            writeValue(out, o.value(keys.at(i)), depth + 1);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += closing + '}';
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        if (a.isEmpty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < a.size(); ++i) {
            out += indent;
            writeValue(out, a.at(i), depth + 1);
            out += i + 1 < a.size() ? ",\n" : "\n";
        }
        out += closing + ']';
    } else {
        // A scalar, escaped exactly as QJsonDocument writes it.
        const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
        out += wrapped.mid(1, wrapped.size() - 2);
    }
}

Error fileTooLarge(qint64 bytes)
{
    return Error{
        QCoreApplication::translate("rehabit::CatalogJson", "the file is %1 MiB; a catalog file may be at most %2 MiB")
            .arg(QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1))
            .arg(CatalogJson::MaxFileBytes / (1024 * 1024)),
        QString()};
}

} // namespace

Result<Catalog> CatalogJson::parse(const QByteArray &json)
{
    if (json.size() > MaxFileBytes)
        return fileTooLarge(json.size());
    if (auto syntaxError = JsonSyntax::check(json))
        return *syntaxError;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // JsonSyntax is stricter than QJsonDocument; should the two ever
        // disagree, Qt's own account is reported where Qt located it.
        return Error{parseError.errorString(), JsonSyntax::lineColumn(json, parseError.offset)};
    }
    CatalogValidator validator;
    auto catalog = validator.catalog(doc.object());
    if (!catalog)
        return *validator.error;
    return std::move(*catalog);
}

Result<Exercise> CatalogJson::parseExercise(const QJsonObject &entry)
{
    CatalogValidator validator;
    auto e = validator.exercise(entry, QString());
    if (!e)
        return *validator.error;
    return std::move(*e);
}

Result<Catalog> CatalogJson::parseFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{QCoreApplication::translate("rehabit::CatalogJson", "the file does not exist"), QString()};
    if (info.isDir())
        return Error{QCoreApplication::translate("rehabit::CatalogJson", "this is a folder, not a catalog file"),
                     QString()};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("rehabit::CatalogJson", "the file cannot be opened: %1")
                         .arg(file.errorString()),
                     QString()};
    // Refused by its size before anything is read; a device whose size is
    // unknown is read up to one byte past the limit.
    if (!file.isSequential() && file.size() > MaxFileBytes)
        return fileTooLarge(file.size());
    const QByteArray data = file.read(MaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return Error{
            QCoreApplication::translate("rehabit::CatalogJson", "the file cannot be read: %1").arg(file.errorString()),
            QString()};
    if (data.size() > MaxFileBytes)
        return fileTooLarge(data.size());
    return parse(data);
}

QByteArray CatalogJson::bundledBytes()
{
    QFile file(u":/rehabit/catalog/exercises.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Result<Catalog> CatalogJson::bundled()
{
    static const Result<Catalog> cached = []() -> Result<Catalog> {
        const QByteArray bytes = bundledBytes();
        if (bytes.isEmpty())
            return Error{QCoreApplication::translate(
                             "rehabit::CatalogJson",
                             "the bundled exercise catalog is missing from the program's resources: reinstall Rehabit"),
                         QString()};
        return parse(bytes);
    }();
    return cached;
}

QJsonObject CatalogJson::toJson(const Exercise &e)
{
    QJsonObject o;
    o.insert(u"id"_s, e.id);
    o.insert(u"name"_s, e.name);
    o.insert(u"phase"_s, toCode(e.phase));
    o.insert(u"category"_s, e.category);
    o.insert(u"kind"_s, toCode(e.kind));
    o.insert(u"sides"_s, toCode(e.sides));
    o.insert(u"dosage"_s, dosageJson(e.dosage));
    o.insert(u"rest"_s, QJsonObject{{u"between_reps_seconds"_s, e.rest.betweenRepsSeconds},
                                    {u"between_sets_seconds"_s, e.rest.betweenSetsSeconds},
                                    {u"after_exercise_seconds"_s, e.rest.afterExerciseSeconds}});
    if (e.followUp)
        o.insert(u"follow_up"_s, QJsonObject{{u"name"_s, e.followUp->name},
                                             {u"cue"_s, e.followUp->cue},
                                             {u"seconds"_s, rangeJson(e.followUp->seconds)}});
    o.insert(u"equipment"_s, QJsonArray::fromStringList(e.equipment));
    QJsonArray steps;
    for (const Step &s : e.steps)
        steps.append(QJsonObject{{u"text"_s, s.text}, {u"cue"_s, s.cue}});
    o.insert(u"steps"_s, steps);
    o.insert(u"mistakes"_s, QJsonArray::fromStringList(e.mistakes));
    o.insert(u"safety"_s, QJsonArray::fromStringList(e.safety));
    QJsonArray variants;
    for (const Variant &v : e.variants)
        variants.append(QJsonObject{{u"name"_s, v.name}, {u"when"_s, v.when}, {u"description"_s, v.description}});
    o.insert(u"variants"_s, variants);
    QJsonArray references;
    for (const Reference &r : e.references)
        references.append(QJsonObject{{u"number"_s, r.number}, {u"citation"_s, r.citation}});
    o.insert(u"references"_s, references);
    if (!e.sourceNote.isEmpty())
        o.insert(u"source_note"_s, e.sourceNote);
    o.insert(u"unspecified"_s, QJsonArray::fromStringList(e.unspecified));
    if (!e.illustration.isEmpty())
        o.insert(u"illustration"_s, e.illustration);
    return o;
}

QByteArray CatalogJson::toDocument(const Catalog &c)
{
    QJsonObject source{{u"title"_s, c.source}};
    if (!c.sourcePublisher.isEmpty())
        source.insert(u"publisher"_s, c.sourcePublisher);
    if (!c.sourceAuthors.isEmpty())
        source.insert(u"authors"_s, QJsonArray::fromStringList(c.sourceAuthors));
    QJsonArray exercises;
    for (const Exercise &e : c.exercises)
        exercises.append(toJson(e));
    const QJsonObject root{{u"format"_s, FormatName},
                           {u"format_version"_s, FormatVersion},
                           {u"catalog_version"_s, c.version},
                           {u"source"_s, source},
                           {u"exercises"_s, exercises}};
    QByteArray out;
    writeValue(out, root, 0);
    out += '\n';
    return out;
}

QJsonObject CatalogJson::toCliJson(const Exercise &e)
{
    return QJsonObject{{u"id"_s, e.id},
                       {u"name"_s, e.name},
                       {u"phase"_s, toCode(e.phase)},
                       {u"category"_s, e.category},
                       {u"kind"_s, toCode(e.kind)},
                       {u"sides"_s, toCode(e.sides)},
                       {u"dosage"_s, dosageJson(e.dosage)}};
}

} // namespace rehabit
