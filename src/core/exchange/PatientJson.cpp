// The patient JSON format (docs/exports.md): writing, and reading back with
// the catalog loader's syntax check (line:column) and JSON paths.

#include "rehabit/exchange/PatientExport.h"

#include "catalog/JsonSyntax.h"
#include "exchange/PatientJsonReader.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/Validation.h"
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

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::PatientJson", text);
}

Error fileTooLarge(qint64 bytes)
{
    return Error{tr("the file is %1 bytes; a patient file may be at most %2 bytes (%3 MiB)")
                     .arg(bytes)
                     .arg(PatientJson::MaxFileBytes)
                     .arg(PatientJson::MaxFileBytes / (1024 * 1024)),
                 QString()};
}

QJsonValue timeJson(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}
QJsonValue idJson(qint64 id)
{
    return id != 0 ? QJsonValue(double(id)) : QJsonValue();
}
template <typename T>
QJsonValue optionalJson(const std::optional<T> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue();
}
template <typename E>
QJsonValue optionalCodeJson(const std::optional<E> &v)
{
    return v ? QJsonValue(toCode(*v)) : QJsonValue();
}

QJsonObject prescriptionJson(const Prescription &rx)
{
    return QJsonObject{{u"sets"_s, rx.sets},
                       {u"reps"_s, rx.reps},
                       {u"hold_seconds"_s, rx.holdSeconds},
                       {u"duration_seconds"_s, rx.durationSeconds},
                       {u"follow_up_seconds"_s, rx.followUpSeconds},
                       {u"rest_between_reps_seconds"_s, rx.restBetweenRepsSeconds},
                       {u"rest_between_sets_seconds"_s, rx.restBetweenSetsSeconds},
                       {u"rest_after_seconds"_s, rx.restAfterSeconds},
                       {u"position_seconds"_s, rx.positionSeconds},
                       {u"sides"_s, toCode(rx.sides)},
                       {u"load"_s, rx.load},
                       {u"tempo"_s, rx.tempo},
                       {u"days_per_week"_s, rx.daysPerWeek}};
}

QJsonObject eventJson(const SessionEvent &e)
{
    return QJsonObject{{u"seq"_s, e.seq},
                       {u"at_ms"_s, double(e.atMs)},
                       {u"kind"_s, toCode(e.kind)},
                       {u"program_item_id"_s, idJson(e.programItemId)},
                       {u"exercise_id"_s, e.exerciseId.isEmpty() ? QJsonValue() : QJsonValue(e.exerciseId)},
                       {u"set"_s, e.setIndex},
                       {u"rep"_s, e.repIndex},
                       {u"side"_s, optionalCodeJson(e.side)},
                       {u"hold_ms"_s, optionalJson(e.holdMs)},
                       {u"pain"_s, optionalJson(e.pain)},
                       {u"pain_context"_s, optionalCodeJson(e.painContext)},
                       {u"detail"_s, e.detail}};
}

} // namespace

namespace {

/// The object with its "uuid" key, when the row has one.
QJsonObject withUuid(QJsonObject o, const QString &uuid)
{
    if (!uuid.isEmpty())
        o.insert(u"uuid"_s, uuid);
    return o;
}

} // namespace

QByteArray PatientJson::toJson(const PatientRecord &r, const QDateTime &exportedAt)
{
    QJsonObject root;
    root.insert(u"format"_s, exchange::PatientFormatName);
    root.insert(u"version"_s, FormatVersion);
    root.insert(u"exported_at"_s, timeJson(exportedAt));
    root.insert(u"patient"_s, withUuid(QJsonObject{{u"id"_s, double(r.patient.id)},
                                                   {u"name"_s, r.patient.name},
                                                   {u"created_at"_s, timeJson(r.patient.createdAt)},
                                                   {u"archived"_s, r.patient.archived}},
                                       r.patient.uuid));
    QJsonArray notes;
    for (const PatientNote &n : r.notes)
        notes << withUuid(
            QJsonObject{{u"id"_s, double(n.id)}, {u"written_at"_s, timeJson(n.writtenAt)}, {u"body"_s, n.body}},
            n.uuid);
    root.insert(u"notes"_s, notes);
    QJsonArray customs;
    for (const Exercise &e : r.customExercises)
        customs << CatalogJson::toJson(e);
    root.insert(u"custom_exercises"_s, customs);
    QJsonArray programs;
    for (const Program &p : r.programs) {
        QJsonArray items;
        for (const ProgramItem &item : p.items)
            items << QJsonObject{{u"id"_s, double(item.id)},
                                 {u"exercise_id"_s, item.exerciseId},
                                 {u"prescription"_s, prescriptionJson(item.rx)}};
        programs << withUuid(QJsonObject{{u"id"_s, double(p.id)},
                                         {u"name"_s, p.name},
                                         {u"pain_rule"_s, toCode(p.painRule)},
                                         {u"progression_sessions"_s, p.progressionSessions},
                                         {u"active"_s, p.active},
                                         {u"created_at"_s, timeJson(p.createdAt)},
                                         {u"deactivated_at"_s, timeJson(p.deactivatedAt)},
                                         {u"items"_s, items}},
                             p.uuid);
    }
    root.insert(u"programs"_s, programs);
    QJsonArray versions;
    for (const ProgramItemVersion &v : r.itemVersions)
        versions << withUuid(QJsonObject{{u"program_id"_s, double(v.programId)},
                                         {u"program_item_id"_s, double(v.programItemId)},
                                         {u"valid_from"_s, timeJson(v.validFrom)},
                                         {u"removed"_s, v.removed},
                                         {u"position"_s, v.position},
                                         {u"exercise_id"_s, v.exerciseId},
                                         {u"prescription"_s, prescriptionJson(v.rx)}},
                             v.uuid);
    root.insert(u"item_versions"_s, versions);
    QJsonArray sessions;
    for (const SessionHistory &s : r.sessions) {
        QJsonArray events;
        for (const SessionEvent &e : s.events)
            events << eventJson(e);
        sessions << withUuid(QJsonObject{{u"id"_s, double(s.record.id)},
                                         {u"program_id"_s, double(s.record.programId)},
                                         {u"started_at"_s, timeJson(s.record.startedAt)},
                                         {u"ended_at"_s, timeJson(s.record.endedAt)},
                                         {u"status"_s, toCode(s.record.status)},
                                         {u"flagged"_s, s.record.flagged},
                                         {u"events"_s, events}},
                             s.record.uuid);
    }
    root.insert(u"sessions"_s, sessions);
    QJsonArray proposals;
    for (const Proposal &p : r.proposals) {
        QJsonObject o = withUuid(QJsonObject{{u"id"_s, double(p.id)},
                                             {u"program_item_id"_s, double(p.programItemId)},
                                             {u"session_id"_s, idJson(p.sessionId)},
                                             {u"kind"_s, toCode(p.kind)},
                                             {u"reason"_s, p.reason},
                                             {u"created_at"_s, timeJson(p.createdAt)},
                                             {u"status"_s, toCode(p.status)},
                                             {u"decided_at"_s, timeJson(p.decidedAt)}},
                                 p.uuid);
        if (!p.decisionUuid.isEmpty())
            o.insert(u"decision_uuid"_s, p.decisionUuid);
        proposals << o;
    }
    root.insert(u"proposals"_s, proposals);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<PatientRecord> PatientJson::parse(const QByteArray &json)
{
    if (json.size() > MaxFileBytes)
        return fileTooLarge(json.size());
    if (auto syntaxError = JsonSyntax::check(json))
        return *syntaxError;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error{parseError.errorString(), JsonSyntax::lineColumn(json, parseError.offset)};
    return exchange::readPatientRecord(doc.object());
}

Result<PatientRecord> PatientJson::parseFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{tr("the file does not exist"), QString()};
    if (info.isDir())
        return Error{tr("this is a folder, not a patient file"), QString()};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("the file cannot be opened: %1").arg(file.errorString()), QString()};
    if (!file.isSequential() && file.size() > MaxFileBytes)
        return fileTooLarge(file.size());
    const QByteArray data = file.read(MaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return Error{tr("the file cannot be read: %1").arg(file.errorString()), QString()};
    return parse(data);
}

Result<PatientImport> importPatientFile(Store &store, const QString &path, RecordUuids uuids)
{
    auto record = PatientJson::parseFile(path);
    if (!record)
        return record.error();
    if (uuids == RecordUuids::Keep) {
        const auto holder = store.patientHoldingAny(recordUuids(*record));
        if (!holder)
            return holder.error();
        if (holder->has_value())
            return PatientImport{0, **holder};
    }
    const auto added = store.addPatientRecord(*record, uuids);
    if (!added)
        return added.error();
    return PatientImport{*added, std::nullopt};
}

} // namespace rehabit
