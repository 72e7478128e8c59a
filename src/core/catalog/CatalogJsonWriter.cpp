// Writing the catalog format: one entry (toJson), a whole file with its keys
// in the documented order (toDocument), and the CLI's shorter form (toCliJson).

#include "rehabit/catalog/CatalogJson.h"

#include "catalog/CatalogFormat.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

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
                               "position_seconds",
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

} // namespace

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
    if (e.positionSeconds != kDefaultPositionSeconds)
        o.insert(u"position_seconds"_s, e.positionSeconds);
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
    const QJsonObject root{{u"format"_s, catalog::formatName()},
                           {u"format_version"_s, catalog::FormatVersion},
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
