// The reader of the patient JSON format: keys, types, ranges and references,
// each fault with its JSON path (PatientJsonReader.h).

#include "exchange/PatientJsonReader.h"

#include "rehabit/exchange/PatientExport.h"
#include "catalog/JsonSyntax.h"
#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/engine/PainRule.h"
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <cmath>
#include <initializer_list>

using namespace Qt::StringLiterals;
using rehabit::catalog::JsonSyntax;

namespace rehabit::exchange {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::PatientJson", text);
}

// --- reading ---------------------------------------------------------------------

struct Key {
    const char *name;
    bool required;
};

/// Reads the document, stopping at the first fault, which it records with its path.
class Reader {
public:
    std::optional<Error> error;

    bool fail(const QString &path, const QString &message)
    {
        if (!error)
            error = Error{message, path};
        return false;
    }
    static QString at(const QString &path, const char *key) { return JsonSyntax::pathMember(path, QLatin1String(key)); }
    static QString index(const QString &path, qsizetype i) { return JsonSyntax::pathIndex(path, i); }

    bool keys(const QJsonObject &o, const QString &path, std::initializer_list<Key> allowed)
    {
        QStringList names;
        for (const Key &k : allowed)
            names << QLatin1String(k.name);
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            if (!names.contains(it.key()))
                return fail(JsonSyntax::pathMember(path, it.key()),
                            tr("unknown key \"%1\": the keys allowed here are %2").arg(it.key(), names.join(u", "_s)));
        for (const Key &k : allowed)
            if (k.required && !o.contains(QLatin1String(k.name)))
                return fail(at(path, k.name),
                            tr("missing: the key \"%1\" is required here").arg(QLatin1String(k.name)));
        return true;
    }
    /// An optional "uuid"-like key: absent or null leaves `into` empty;
    /// otherwise a UUID in text (braces allowed), kept without braces.
    bool uuid(const QJsonObject &o, const QString &path, const char *key, QString &into)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return true;
        const QUuid parsed(v.toString());
        if (!v.isString() || parsed.isNull())
            return fail(at(path, key), tr("expected a UUID such as \"1b4e28ba-2fa1-11d2-883f-0016d3cca427\""));
        into = parsed.toString(QUuid::WithoutBraces);
        return true;
    }
    std::optional<QJsonObject> object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject()) {
            fail(path, tr("expected an object {...}"));
            return std::nullopt;
        }
        return v.toObject();
    }
    std::optional<QJsonArray> array(const QJsonValue &v, const QString &path)
    {
        if (!v.isArray()) {
            fail(path, tr("expected an array [...]"));
            return std::nullopt;
        }
        return v.toArray();
    }
    std::optional<qint64> integer(const QJsonValue &v, const QString &path, qint64 min, qint64 max)
    {
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || d != std::trunc(d) || d < double(min) || d > double(max)) {
            fail(path, tr("expected a whole number from %1 to %2").arg(min).arg(max));
            return std::nullopt;
        }
        return qint64(d);
    }
    std::optional<int> small(const QJsonValue &v, const QString &path, int min, int max)
    {
        const auto i = integer(v, path, min, max);
        return i ? std::optional<int>(int(*i)) : std::nullopt;
    }
    /// An id: a whole number above 0, or (if nullable) null for "none" (0).
    std::optional<qint64> id(const QJsonValue &v, const QString &path, bool nullable)
    {
        if (nullable && v.isNull())
            return 0;
        return integer(v, path, 1, qint64(1) << 53);
    }
    std::optional<QString> text(const QJsonValue &v, const QString &path, bool allowEmpty, int maxLength = 100000)
    {
        if (!v.isString()) {
            fail(path, tr("expected a text"));
            return std::nullopt;
        }
        const QString s = v.toString();
        if (!allowEmpty && s.trimmed().isEmpty()) {
            fail(path, tr("expected a text that is not empty"));
            return std::nullopt;
        }
        if (s.size() > maxLength) {
            fail(path, tr("expected a text of at most %1 characters").arg(maxLength));
            return std::nullopt;
        }
        return s;
    }
    std::optional<bool> boolean(const QJsonValue &v, const QString &path)
    {
        if (!v.isBool()) {
            fail(path, tr("expected true or false"));
            return std::nullopt;
        }
        return v.toBool();
    }
    /// An ISO-8601 UTC time; null gives an invalid QDateTime when nullable.
    std::optional<QDateTime> time(const QJsonValue &v, const QString &path, bool nullable)
    {
        if (nullable && v.isNull())
            return QDateTime();
        const QDateTime t = v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
        if (!t.isValid()) {
            fail(path, tr("expected a time such as \"2025-03-01T07:30:00.000Z\""));
            return std::nullopt;
        }
        return t.toUTC();
    }
    template <typename E>
    std::optional<E> code(const QJsonValue &v, const QString &path, std::optional<E> (*fromCode)(const QString &))
    {
        const auto e = v.isString() ? fromCode(v.toString()) : std::nullopt;
        if (!e)
            fail(path, tr("unknown code %1").arg(v.isString() ? u"\"%1\""_s.arg(v.toString()) : tr("(not a text)")));
        return e;
    }
    template <typename E>
    bool optionalCode(const QJsonValue &v, const QString &path, std::optional<E> (*fromCode)(const QString &),
                      std::optional<E> &out)
    {
        if (v.isNull()) {
            out.reset();
            return true;
        }
        out = code(v, path, fromCode);
        return out.has_value();
    }

    std::optional<Prescription> prescription(const QJsonValue &v, const QString &path);
    std::optional<SessionEvent> event(const QJsonValue &v, const QString &path);
    std::optional<PatientRecord> record(const QJsonObject &root);

private:
    // The parts of record(), in file order; false after fail().
    bool patientPart(const QJsonObject &root, PatientRecord &r);
    bool notesPart(const QJsonObject &root, PatientRecord &r);
    bool customExercisesPart(const QJsonObject &root, PatientRecord &r);
    bool programsPart(const QJsonObject &root, PatientRecord &r);
    bool itemVersionsPart(const QJsonObject &root, PatientRecord &r);
    bool sessionsPart(const QJsonObject &root, PatientRecord &r);
    bool proposalsPart(const QJsonObject &root, PatientRecord &r);
};

std::optional<Prescription> Reader::prescription(const QJsonValue &v, const QString &path)
{
    const auto o = object(v, path);
    if (!o
        || !keys(*o, path,
                 {{"sets", true},
                  {"reps", true},
                  {"hold_seconds", true},
                  {"duration_seconds", true},
                  {"follow_up_seconds", true},
                  {"rest_between_reps_seconds", true},
                  {"rest_between_sets_seconds", true},
                  {"rest_after_seconds", true},
                  {"position_seconds", true},
                  {"sides", true},
                  {"load", true},
                  {"tempo", true},
                  {"days_per_week", true}}))
        return std::nullopt;
    Prescription rx;
    struct Field {
        const char *key;
        int *value;
    };
    const Field fields[] = {{"sets", &rx.sets},
                            {"reps", &rx.reps},
                            {"hold_seconds", &rx.holdSeconds},
                            {"duration_seconds", &rx.durationSeconds},
                            {"follow_up_seconds", &rx.followUpSeconds},
                            {"rest_between_reps_seconds", &rx.restBetweenRepsSeconds},
                            {"rest_between_sets_seconds", &rx.restBetweenSetsSeconds},
                            {"rest_after_seconds", &rx.restAfterSeconds},
                            {"position_seconds", &rx.positionSeconds},
                            {"days_per_week", &rx.daysPerWeek}};
    for (const Field &f : fields) {
        const auto i = small(o->value(QLatin1String(f.key)), at(path, f.key), 0, 10000);
        if (!i)
            return std::nullopt;
        *f.value = *i;
    }
    const auto sides = code(o->value(u"sides"_s), at(path, "sides"), &sidesFromCode);
    const auto load = text(o->value(u"load"_s), at(path, "load"), true);
    const auto tempo = text(o->value(u"tempo"_s), at(path, "tempo"), true);
    if (!sides || !load || !tempo)
        return std::nullopt;
    rx.sides = *sides;
    rx.load = *load;
    rx.tempo = *tempo;
    // The same rules as the program editor, with the same field names in the path.
    if (auto valid = validatePrescription(rx, QString()); !valid) {
        static const QHash<QString, const char *> jsonKeys{
            {u"sets"_s, "sets"}, {u"daysPerWeek"_s, "days_per_week"}, {u"tempo"_s, "tempo"}, {u"load"_s, "load"}};
        const char *key = jsonKeys.value(valid.error().location, nullptr);
        fail(key ? at(path, key) : path, valid.error().message);
        return std::nullopt;
    }
    return rx;
}

std::optional<SessionEvent> Reader::event(const QJsonValue &v, const QString &path)
{
    const auto o = object(v, path);
    if (!o
        || !keys(*o, path,
                 {{"seq", true},
                  {"at_ms", true},
                  {"kind", true},
                  {"program_item_id", true},
                  {"exercise_id", true},
                  {"set", true},
                  {"rep", true},
                  {"side", true},
                  {"hold_ms", true},
                  {"pain", true},
                  {"pain_context", true},
                  {"detail", true}}))
        return std::nullopt;
    SessionEvent e;
    const auto seq = small(o->value(u"seq"_s), at(path, "seq"), 1, 100000000);
    const auto atMs = integer(o->value(u"at_ms"_s), at(path, "at_ms"), 0, qint64(1) << 50);
    const auto kind = seq && atMs ? code(o->value(u"kind"_s), at(path, "kind"), &eventKindFromCode) : std::nullopt;
    const auto item = kind ? id(o->value(u"program_item_id"_s), at(path, "program_item_id"), true) : std::nullopt;
    if (!item)
        return std::nullopt;
    e.seq = *seq;
    e.atMs = *atMs;
    e.kind = *kind;
    e.programItemId = *item;
    const QJsonValue exercise = o->value(u"exercise_id"_s);
    if (!exercise.isNull()) {
        const auto id = text(exercise, at(path, "exercise_id"), false, 64);
        if (!id)
            return std::nullopt;
        e.exerciseId = *id;
    }
    const auto set = small(o->value(u"set"_s), at(path, "set"), 0, 10000);
    const auto rep = set ? small(o->value(u"rep"_s), at(path, "rep"), 0, 100000) : std::nullopt;
    if (!rep || !optionalCode(o->value(u"side"_s), at(path, "side"), &sideFromCode, e.side))
        return std::nullopt;
    e.setIndex = *set;
    e.repIndex = *rep;
    if (!o->value(u"hold_ms"_s).isNull()) {
        const auto hold = integer(o->value(u"hold_ms"_s), at(path, "hold_ms"), 0, qint64(24) * 3600 * 1000);
        if (!hold)
            return std::nullopt;
        e.holdMs = *hold;
    }
    if (!o->value(u"pain"_s).isNull()) {
        const auto pain = small(o->value(u"pain"_s), at(path, "pain"), PainRule::MinPain, PainRule::MaxPain);
        if (!pain)
            return std::nullopt;
        e.pain = *pain;
    }
    if (!optionalCode(o->value(u"pain_context"_s), at(path, "pain_context"), &painContextFromCode, e.painContext))
        return std::nullopt;
    const auto detail = text(o->value(u"detail"_s), at(path, "detail"), true, 10000);
    if (!detail)
        return std::nullopt;
    e.detail = *detail;
    if (e.kind == EventKind::PainRated && (!e.pain || !e.painContext)) {
        fail(path, tr("a pain-rated event needs a pain and a pain_context"));
        return std::nullopt;
    }
    return e;
}

std::optional<PatientRecord> Reader::record(const QJsonObject &root)
{
    if (!keys(root, QString(),
              {{"format", true},
               {"version", true},
               {"exported_at", false},
               {"patient", true},
               {"notes", true},
               {"custom_exercises", true},
               {"programs", true},
               {"item_versions", true},
               {"sessions", true},
               {"proposals", true}}))
        return std::nullopt;
    if (root.value(u"format"_s).toString() != PatientFormatName) {
        fail(u"format"_s, tr("expected \"%1\": this is not a Rehabit patient file").arg(PatientFormatName));
        return std::nullopt;
    }
    const auto version = small(root.value(u"version"_s), u"version"_s, 1, 1000);
    if (!version)
        return std::nullopt;
    if (*version > PatientJson::FormatVersion) {
        fail(u"version"_s, tr("version %1 was written by a newer Rehabit; this one reads version %2")
                               .arg(*version)
                               .arg(PatientJson::FormatVersion));
        return std::nullopt;
    }
    if (root.contains(u"exported_at"_s) && !time(root.value(u"exported_at"_s), u"exported_at"_s, false))
        return std::nullopt;

    PatientRecord r;
    for (auto part : {&Reader::patientPart, &Reader::notesPart, &Reader::customExercisesPart, &Reader::programsPart,
                      &Reader::itemVersionsPart, &Reader::sessionsPart, &Reader::proposalsPart})
        if (!(this->*part)(root, r))
            return std::nullopt;
    return r;
}

/// The patient.
bool Reader::patientPart(const QJsonObject &root, PatientRecord &r)
{
    {
        const QString path = u"patient"_s;
        const auto o = object(root.value(path), path);
        if (!o
            || !keys(*o, path,
                     {{"id", true}, {"uuid", false}, {"name", true}, {"created_at", true}, {"archived", true}}))
            return false;
        const auto pid = id(o->value(u"id"_s), at(path, "id"), false);
        const auto name = pid ? text(o->value(u"name"_s), at(path, "name"), false, 1000) : std::nullopt;
        const auto created = name ? time(o->value(u"created_at"_s), at(path, "created_at"), false) : std::nullopt;
        const auto archived = created ? boolean(o->value(u"archived"_s), at(path, "archived")) : std::nullopt;
        if (!archived)
            return false;
        r.patient = Patient{*pid, *name, *created, *archived};
        if (!uuid(*o, path, "uuid", r.patient.uuid))
            return false;
    }
    return true;
}

/// The notes.
bool Reader::notesPart(const QJsonObject &root, PatientRecord &r)
{
    const auto notes = array(root.value(u"notes"_s), u"notes"_s);
    if (!notes)
        return false;
    for (qsizetype i = 0; i < notes->size(); ++i) {
        const QString path = index(u"notes"_s, i);
        const auto o = object(notes->at(i), path);
        if (!o || !keys(*o, path, {{"id", true}, {"uuid", false}, {"written_at", true}, {"body", true}}))
            return false;
        const auto nid = id(o->value(u"id"_s), at(path, "id"), false);
        const auto written = nid ? time(o->value(u"written_at"_s), at(path, "written_at"), false) : std::nullopt;
        const auto body = written ? text(o->value(u"body"_s), at(path, "body"), false) : std::nullopt;
        if (!body)
            return false;
        r.notes << PatientNote{*nid, r.patient.id, *written, *body};
        if (!uuid(*o, path, "uuid", r.notes.last().uuid))
            return false;
    }
    return true;
}

/// The custom exercises, with the catalog checks.
bool Reader::customExercisesPart(const QJsonObject &root, PatientRecord &r)
{
    const auto customs = array(root.value(u"custom_exercises"_s), u"custom_exercises"_s);
    if (!customs)
        return false;
    for (qsizetype i = 0; i < customs->size(); ++i) {
        const QString path = index(u"custom_exercises"_s, i);
        const auto o = object(customs->at(i), path);
        if (!o)
            return false;
        auto e = CatalogJson::parseExercise(*o);
        if (!e) {
            const QString inner = e.error().location;
            fail(inner.isEmpty() ? path : QString(path + u'.' + inner), e.error().message);
            return false;
        }
        e->origin = ExerciseOrigin::Custom;
        r.customExercises << *e;
    }
    return true;
}

/// The programs and their current items.
bool Reader::programsPart(const QJsonObject &root, PatientRecord &r)
{
    const auto programs = array(root.value(u"programs"_s), u"programs"_s);
    if (!programs)
        return false;
    for (qsizetype i = 0; i < programs->size(); ++i) {
        const QString path = index(u"programs"_s, i);
        const auto o = object(programs->at(i), path);
        if (!o
            || !keys(*o, path,
                     {{"id", true},
                      {"uuid", false},
                      {"name", true},
                      {"pain_rule", true},
                      {"progression_sessions", true},
                      {"active", true},
                      {"created_at", true},
                      {"deactivated_at", true},
                      {"items", true}}))
            return false;
        Program p;
        p.patientId = r.patient.id;
        const auto pid = id(o->value(u"id"_s), at(path, "id"), false);
        const auto name = pid ? text(o->value(u"name"_s), at(path, "name"), false, 1000) : std::nullopt;
        const auto rule =
            name ? code(o->value(u"pain_rule"_s), at(path, "pain_rule"), &painRuleFromCode) : std::nullopt;
        const auto sessions =
            rule ? small(o->value(u"progression_sessions"_s), at(path, "progression_sessions"), 1, 100) : std::nullopt;
        const auto active = sessions ? boolean(o->value(u"active"_s), at(path, "active")) : std::nullopt;
        const auto created = active ? time(o->value(u"created_at"_s), at(path, "created_at"), false) : std::nullopt;
        const auto stopped =
            created ? time(o->value(u"deactivated_at"_s), at(path, "deactivated_at"), true) : std::nullopt;
        const auto items = stopped ? array(o->value(u"items"_s), at(path, "items")) : std::nullopt;
        if (!items)
            return false;
        p.id = *pid;
        p.name = *name;
        p.painRule = *rule;
        p.progressionSessions = *sessions;
        p.active = *active;
        p.createdAt = *created;
        p.deactivatedAt = *stopped;
        if (!uuid(*o, path, "uuid", p.uuid))
            return false;
        for (qsizetype j = 0; j < items->size(); ++j) {
            const QString itemPath = index(at(path, "items"), j);
            const auto io = object(items->at(j), itemPath);
            if (!io || !keys(*io, itemPath, {{"id", true}, {"exercise_id", true}, {"prescription", true}}))
                return false;
            const auto iid = id(io->value(u"id"_s), at(itemPath, "id"), false);
            const auto exercise =
                iid ? text(io->value(u"exercise_id"_s), at(itemPath, "exercise_id"), false, 64) : std::nullopt;
            const auto rx =
                exercise ? prescription(io->value(u"prescription"_s), at(itemPath, "prescription")) : std::nullopt;
            if (!rx)
                return false;
            p.items << ProgramItem{*iid, int(j), *exercise, *rx};
        }
        r.programs << p;
    }
    return true;
}

/// Every prescription of every item.
bool Reader::itemVersionsPart(const QJsonObject &root, PatientRecord &r)
{
    const auto versions = array(root.value(u"item_versions"_s), u"item_versions"_s);
    if (!versions)
        return false;
    for (qsizetype i = 0; i < versions->size(); ++i) {
        const QString path = index(u"item_versions"_s, i);
        const auto o = object(versions->at(i), path);
        if (!o
            || !keys(*o, path,
                     {{"program_id", true},
                      {"program_item_id", true},
                      {"uuid", false},
                      {"valid_from", true},
                      {"removed", true},
                      {"position", true},
                      {"exercise_id", true},
                      {"prescription", true}}))
            return false;
        ProgramItemVersion v;
        const auto program = id(o->value(u"program_id"_s), at(path, "program_id"), false);
        const auto item =
            program ? id(o->value(u"program_item_id"_s), at(path, "program_item_id"), false) : std::nullopt;
        const auto from = item ? time(o->value(u"valid_from"_s), at(path, "valid_from"), false) : std::nullopt;
        const auto removed = from ? boolean(o->value(u"removed"_s), at(path, "removed")) : std::nullopt;
        const auto position =
            removed ? small(o->value(u"position"_s), at(path, "position"), 0, 100000000) : std::nullopt;
        const auto exercise =
            position ? text(o->value(u"exercise_id"_s), at(path, "exercise_id"), false, 64) : std::nullopt;
        const auto rx = exercise ? prescription(o->value(u"prescription"_s), at(path, "prescription")) : std::nullopt;
        if (!rx)
            return false;
        r.itemVersions << ProgramItemVersion{*program, *item, *from, *removed, *position, *exercise, *rx};
        if (!uuid(*o, path, "uuid", r.itemVersions.last().uuid))
            return false;
    }
    return true;
}

/// The sessions with their logs.
bool Reader::sessionsPart(const QJsonObject &root, PatientRecord &r)
{
    const auto sessions = array(root.value(u"sessions"_s), u"sessions"_s);
    if (!sessions)
        return false;
    for (qsizetype i = 0; i < sessions->size(); ++i) {
        const QString path = index(u"sessions"_s, i);
        const auto o = object(sessions->at(i), path);
        if (!o
            || !keys(*o, path,
                     {{"id", true},
                      {"uuid", false},
                      {"program_id", true},
                      {"started_at", true},
                      {"ended_at", true},
                      {"status", true},
                      {"flagged", true},
                      {"events", true}}))
            return false;
        SessionHistory s;
        const auto sid = id(o->value(u"id"_s), at(path, "id"), false);
        const auto program = sid ? id(o->value(u"program_id"_s), at(path, "program_id"), false) : std::nullopt;
        const auto started = program ? time(o->value(u"started_at"_s), at(path, "started_at"), false) : std::nullopt;
        const auto ended = started ? time(o->value(u"ended_at"_s), at(path, "ended_at"), true) : std::nullopt;
        const auto status =
            ended ? code(o->value(u"status"_s), at(path, "status"), &sessionStatusFromCode) : std::nullopt;
        const auto flagged = status ? boolean(o->value(u"flagged"_s), at(path, "flagged")) : std::nullopt;
        const auto events = flagged ? array(o->value(u"events"_s), at(path, "events")) : std::nullopt;
        if (!events)
            return false;
        s.record = SessionRecord{*sid, r.patient.id, *program, *started, *ended, *status, *flagged};
        if (!uuid(*o, path, "uuid", s.record.uuid))
            return false;
        s.events.reserve(events->size());
        for (qsizetype j = 0; j < events->size(); ++j) {
            auto e = event(events->at(j), index(at(path, "events"), j));
            if (!e)
                return false;
            e->sessionId = s.record.id;
            s.events << *e;
        }
        r.sessions << s;
    }
    return true;
}

/// The proposals.
bool Reader::proposalsPart(const QJsonObject &root, PatientRecord &r)
{
    const auto proposals = array(root.value(u"proposals"_s), u"proposals"_s);
    if (!proposals)
        return false;
    for (qsizetype i = 0; i < proposals->size(); ++i) {
        const QString path = index(u"proposals"_s, i);
        const auto o = object(proposals->at(i), path);
        if (!o
            || !keys(*o, path,
                     {{"id", true},
                      {"uuid", false},
                      {"program_item_id", true},
                      {"session_id", true},
                      {"kind", true},
                      {"reason", true},
                      {"created_at", true},
                      {"status", true},
                      {"decided_at", true},
                      {"decision_uuid", false}}))
            return false;
        const auto pid = id(o->value(u"id"_s), at(path, "id"), false);
        const auto item = pid ? id(o->value(u"program_item_id"_s), at(path, "program_item_id"), false) : std::nullopt;
        const auto session = item ? id(o->value(u"session_id"_s), at(path, "session_id"), true) : std::nullopt;
        const auto kind = session ? code(o->value(u"kind"_s), at(path, "kind"), &proposalKindFromCode) : std::nullopt;
        const auto reason = kind ? text(o->value(u"reason"_s), at(path, "reason"), false) : std::nullopt;
        const auto created = reason ? time(o->value(u"created_at"_s), at(path, "created_at"), false) : std::nullopt;
        const auto status =
            created ? code(o->value(u"status"_s), at(path, "status"), &proposalStatusFromCode) : std::nullopt;
        const auto decided = status ? time(o->value(u"decided_at"_s), at(path, "decided_at"), true) : std::nullopt;
        if (!decided)
            return false;
        r.proposals << Proposal{*pid, *item, *session, *kind, *reason, *created, *status, *decided};
        if (!uuid(*o, path, "uuid", r.proposals.last().uuid)
            || !uuid(*o, path, "decision_uuid", r.proposals.last().decisionUuid))
            return false;
    }
    return true;
}

} // namespace

Result<PatientRecord> readPatientRecord(const QJsonObject &root)
{
    Reader reader;
    auto record = reader.record(root);
    if (!record)
        return *reader.error;
    return std::move(*record);
}

} // namespace rehabit::exchange
