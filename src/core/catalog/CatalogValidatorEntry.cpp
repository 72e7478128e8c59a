// The checks of one exercise entry of a catalog file, part by part in the
// order of the format (docs/catalog-format.md).

#include "catalog/CatalogValidator.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit::catalog {
namespace {

// Sane upper limits: a typo such as 100 sets or 3000 reps is refused.
constexpr int MaxSets = 20;
constexpr int MaxReps = 500;
constexpr int MaxHoldSeconds = 600;
constexpr int MaxDurationSeconds = 3600;
constexpr int MaxRestSeconds = 600;
constexpr int MaxReferenceNumber = 999;

constexpr int MaxIdLength = 64;
constexpr int MaxNameLength = 100;
constexpr int MaxCategoryLength = 60;
constexpr int MaxCueLength = 120;
constexpr int MaxStepLength = 1000;
constexpr int MaxItemLength = 500;
constexpr int MaxWhenLength = 300;
constexpr int MaxNoteLength = 2000;
constexpr int MaxIllustrationLength = 120;

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

} // namespace

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
               {"position_seconds", false},
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

    if (!readIdentity(o, path, e) || !readDosage(o, path, e) || !readRest(o, path, e) || !readFollowUp(o, path, e))
        return std::nullopt;

    const auto equipment = texts(o.value(u"equipment"_s), at(path, "equipment"), 0, 20, MaxNameLength, true);
    if (!equipment)
        return std::nullopt;
    e.equipment = *equipment;

    if (!readSteps(o, path, e))
        return std::nullopt;

    const auto mistakes = texts(o.value(u"mistakes"_s), at(path, "mistakes"), 0, 30, MaxItemLength, false);
    if (!mistakes)
        return std::nullopt;
    e.mistakes = *mistakes;

    const auto safety = texts(o.value(u"safety"_s), at(path, "safety"), 1, 30, MaxItemLength, false);
    if (!safety)
        return std::nullopt;
    e.safety = *safety;

    if (!readVariants(o, path, e) || !readReferences(o, path, e) || !readSourceNote(o, path, e)
        || !readUnspecified(o, path, e) || !readIllustration(o, path, e))
        return std::nullopt;
    return e;
}

/// id, name, phase, category, kind and sides.
bool CatalogValidator::readIdentity(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QJsonValue idValue = o.value(u"id"_s);
    if (!idValue.isString() || !isKebabCase(idValue.toString()) || idValue.toString().size() > MaxIdLength) {
        fail(at(path, "id"), QCoreApplication::translate(
                                 "rehabit::CatalogJson",
                                 "expected an id of at most %1 characters in kebab-case (lower-case letters and "
                                 "digits, words joined by '-', such as \"prone-leg-lift\"), found %2")
                                 .arg(MaxIdLength)
                                 .arg(describe(idValue)));
        return false;
    }
    e.id = idValue.toString();

    const auto name = text(o.value(u"name"_s), at(path, "name"), MaxNameLength);
    if (!name)
        return false;
    e.name = *name;

    const auto phase = code<Phase>(o.value(u"phase"_s), at(path, "phase"), &phaseFromCode,
                                   {"assessment", "flexibility", "core-stability", "hip-strength"});
    if (!phase)
        return false;
    e.phase = *phase;

    const auto category = text(o.value(u"category"_s), at(path, "category"), MaxCategoryLength);
    if (!category)
        return false;
    e.category = *category;

    const auto kind = code<WorkKind>(o.value(u"kind"_s), at(path, "kind"), &workKindFromCode,
                                     {"assessment", "reps", "holds", "timed"});
    if (!kind)
        return false;
    e.kind = *kind;

    const auto sides =
        code<Sides>(o.value(u"sides"_s), at(path, "sides"), &sidesFromCode, {"each-side", "alternating", "both"});
    if (!sides)
        return false;
    e.sides = *sides;
    return true;
}

/// The {min, max, default} ranges of sets, reps, hold and duration, as the kind needs them.
bool CatalogValidator::readDosage(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QString dosagePath = at(path, "dosage");
    const auto dosage = object(o.value(u"dosage"_s), dosagePath);
    if (!dosage
        || !keys(*dosage, dosagePath,
                 {{"sets", true}, {"reps", true}, {"hold_seconds", true}, {"duration_seconds", true}}))
        return false;
    return optionalRange(dosage->value(u"sets"_s), at(dosagePath, "sets"), MaxSets, e.dosage.sets)
           && optionalRange(dosage->value(u"reps"_s), at(dosagePath, "reps"), MaxReps, e.dosage.reps)
           && optionalRange(dosage->value(u"hold_seconds"_s), at(dosagePath, "hold_seconds"), MaxHoldSeconds,
                            e.dosage.holdSeconds)
           && optionalRange(dosage->value(u"duration_seconds"_s), at(dosagePath, "duration_seconds"),
                            MaxDurationSeconds, e.dosage.durationSeconds)
           && dosageMatchesKind(e, *dosage, dosagePath);
}

bool CatalogValidator::readRest(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QString restPath = at(path, "rest");
    const auto rest = object(o.value(u"rest"_s), restPath);
    if (!rest
        || !keys(*rest, restPath,
                 {{"between_reps_seconds", true}, {"between_sets_seconds", true}, {"after_exercise_seconds", true}}))
        return false;
    const auto betweenReps =
        integer(rest->value(u"between_reps_seconds"_s), at(restPath, "between_reps_seconds"), 0, MaxRestSeconds);
    if (!betweenReps)
        return false;
    const auto betweenSets =
        integer(rest->value(u"between_sets_seconds"_s), at(restPath, "between_sets_seconds"), 0, MaxRestSeconds);
    if (!betweenSets)
        return false;
    const auto after =
        integer(rest->value(u"after_exercise_seconds"_s), at(restPath, "after_exercise_seconds"), 0, MaxRestSeconds);
    if (!after)
        return false;
    e.rest = Rest{*betweenReps, *betweenSets, *after};
    // Optional: the time to get into position; Rehabit's default where none is given.
    if (const QJsonValue v = o.value(u"position_seconds"_s); !v.isUndefined() && !v.isNull()) {
        const auto position = integer(v, at(path, "position_seconds"), 0, MaxRestSeconds);
        if (!position)
            return false;
        e.positionSeconds = *position;
    }
    return true;
}

/// Optional; an assessment has none.
bool CatalogValidator::readFollowUp(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QString followPath = at(path, "follow_up");
    if (const QJsonValue v = o.value(u"follow_up"_s); !v.isUndefined() && !v.isNull()) {
        if (e.kind == WorkKind::Assessment) {
            fail(followPath, QCoreApplication::translate("rehabit::CatalogJson",
                                                         "an assessment has no follow-up: expected null, found %1")
                                 .arg(describe(v)));
            return false;
        }
        const auto f = object(v, followPath);
        if (!f || !keys(*f, followPath, {{"name", true}, {"cue", true}, {"seconds", true}}))
            return false;
        FollowUp followUp;
        const auto fname = text(f->value(u"name"_s), at(followPath, "name"), MaxNameLength);
        if (!fname)
            return false;
        followUp.name = *fname;
        const auto fcue = text(f->value(u"cue"_s), at(followPath, "cue"), MaxCueLength);
        if (!fcue)
            return false;
        followUp.cue = *fcue;
        const auto seconds = range(f->value(u"seconds"_s), at(followPath, "seconds"), MaxDurationSeconds);
        if (!seconds)
            return false;
        followUp.seconds = *seconds;
        e.followUp = followUp;
    }
    return true;
}

bool CatalogValidator::readSteps(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QString stepsPath = at(path, "steps");
    const auto steps = array(o.value(u"steps"_s), stepsPath, 1, 30);
    if (!steps)
        return false;
    for (qsizetype i = 0; i < steps->size(); ++i) {
        const QString stepPath = JsonSyntax::pathIndex(stepsPath, i);
        const auto s = object(steps->at(i), stepPath);
        if (!s || !keys(*s, stepPath, {{"text", true}, {"cue", true}}))
            return false;
        const auto stepText = text(s->value(u"text"_s), at(stepPath, "text"), MaxStepLength);
        if (!stepText)
            return false;
        const auto cue = text(s->value(u"cue"_s), at(stepPath, "cue"), MaxCueLength);
        if (!cue)
            return false;
        e.steps.append(Step{*stepText, *cue});
    }
    return true;
}

bool CatalogValidator::readVariants(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QString variantsPath = at(path, "variants");
    const auto variants = array(o.value(u"variants"_s), variantsPath, 0, 30);
    if (!variants)
        return false;
    for (qsizetype i = 0; i < variants->size(); ++i) {
        const QString variantPath = JsonSyntax::pathIndex(variantsPath, i);
        const auto v = object(variants->at(i), variantPath);
        if (!v || !keys(*v, variantPath, {{"name", true}, {"when", true}, {"description", true}}))
            return false;
        Variant variant;
        const auto vname = text(v->value(u"name"_s), at(variantPath, "name"), MaxNameLength);
        if (!vname)
            return false;
        variant.name = *vname;
        const auto when = text(v->value(u"when"_s), at(variantPath, "when"), MaxWhenLength);
        if (!when)
            return false;
        variant.when = *when;
        const auto description = text(v->value(u"description"_s), at(variantPath, "description"), MaxStepLength);
        if (!description)
            return false;
        variant.description = *description;
        e.variants.append(variant);
    }
    return true;
}

/// Numbered citations, each number once.
bool CatalogValidator::readReferences(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QString referencesPath = at(path, "references");
    const auto references = array(o.value(u"references"_s), referencesPath, 0, 50);
    if (!references)
        return false;
    for (qsizetype i = 0; i < references->size(); ++i) {
        const QString referencePath = JsonSyntax::pathIndex(referencesPath, i);
        const auto r = object(references->at(i), referencePath);
        if (!r || !keys(*r, referencePath, {{"number", true}, {"citation", true}}))
            return false;
        const auto number = integer(r->value(u"number"_s), at(referencePath, "number"), 1, MaxReferenceNumber);
        if (!number)
            return false;
        for (qsizetype k = 0; k < e.references.size(); ++k) {
            if (e.references.at(k).number == *number) {
                fail(at(referencePath, "number"),
                     QCoreApplication::translate("rehabit::CatalogJson",
                                                 "reference %1 is listed twice (also at %2): list it once")
                         .arg(*number)
                         .arg(JsonSyntax::pathIndex(referencesPath, k)));
                return false;
            }
        }
        const auto citation = text(r->value(u"citation"_s), at(referencePath, "citation"), MaxItemLength);
        if (!citation)
            return false;
        e.references.append(Reference{*number, *citation});
    }
    return true;
}

/// Optional, but required when "unspecified" lists anything (checked by readUnspecified()).
bool CatalogValidator::readSourceNote(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QString notePath = at(path, "source_note");
    if (const QJsonValue v = o.value(u"source_note"_s); !v.isUndefined() && !v.isNull()) {
        const auto note = text(v, notePath, MaxNoteLength);
        if (!note)
            return false;
        e.sourceNote = *note;
    }
    return true;
}

/// The values the source does not give: each one the entry has, and a source
/// note says what the catalog chose.
bool CatalogValidator::readUnspecified(const QJsonObject &o, const QString &path, Exercise &e)
{
    const QString unspecifiedPath = at(path, "unspecified");
    const auto unspecified = array(o.value(u"unspecified"_s), unspecifiedPath, 0, 6);
    if (!unspecified)
        return false;
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
            return false;
        }
        const QString key = v.toString();
        if (e.unspecified.contains(key)) {
            fail(itemPath,
                 QCoreApplication::translate("rehabit::CatalogJson", "%1 is listed twice (also at %2): list it once")
                     .arg(quoted(key), JsonSyntax::pathIndex(unspecifiedPath, e.unspecified.indexOf(key))));
            return false;
        }
        const bool missing = (key == u"sets"_s && !e.dosage.sets) || (key == u"reps"_s && !e.dosage.reps)
                             || (key == u"hold_seconds"_s && !e.dosage.holdSeconds)
                             || (key == u"duration_seconds"_s && !e.dosage.durationSeconds)
                             || (key == u"follow_up.seconds"_s && !e.followUp);
        if (missing) {
            fail(itemPath, QCoreApplication::translate(
                               "rehabit::CatalogJson",
                               "%1 is listed as not given by the source, so the entry must choose a value for it, "
                               "but the entry has none: remove it from \"unspecified\" or give it a value")
                               .arg(quoted(key)));
            return false;
        }
        e.unspecified << key;
    }
    if (!e.unspecified.isEmpty() && e.sourceNote.isEmpty()) {
        fail(at(path, "source_note"),
             QCoreApplication::translate(
                 "rehabit::CatalogJson",
                 "missing: \"unspecified\" lists values the source does not give, so a source note must "
                 "say what the entry chose instead"));
        return false;
    }
    return true;
}

/// Optional; the file itself is not looked for.
bool CatalogValidator::readIllustration(const QJsonObject &o, const QString &path, Exercise &e)
{
    if (const QJsonValue v = o.value(u"illustration"_s); !v.isUndefined() && !v.isNull()) {
        if (!v.isString() || !isIllustrationName(v.toString()) || v.toString().size() > MaxIllustrationLength) {
            fail(at(path, "illustration"),
                 QCoreApplication::translate(
                     "rehabit::CatalogJson",
                     "expected null or an SVG file name of at most %1 characters in lower-case letters, digits and "
                     "'-', such as \"prone-leg-lift.svg\", found %2")
                     .arg(MaxIllustrationLength)
                     .arg(describe(v)));
            return false;
        }
        e.illustration = v.toString();
    }
    return true;
}

} // namespace rehabit::catalog
