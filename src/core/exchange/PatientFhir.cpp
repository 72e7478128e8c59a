// The FHIR R4 export (docs/exports.md, DOMAIN.md "Interchange"): a Bundle of
// type collection with Patient, CarePlan + ServiceRequest per program,
// Procedure per session and Observation (LOINC 72514-3) per pain rating.

#include "rehabit/exchange/PatientExport.h"

#include "rehabit/domain/DosageText.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QUuid Namespace = QUuid(u"6f1c2a52-3d47-4a8e-9b0e-52484254a5e1"_s);

QString uuidFor(const QString &name)
{
    return QUuid::createUuidV5(Namespace, name).toString(QUuid::WithoutBraces);
}
QString fhirTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}
QString fhirTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}
QJsonObject reference(const QString &id)
{
    return QJsonObject{{u"reference"_s, QString(u"urn:uuid:"_s + id)}};
}
QString extensionUrl(const char *name)
{
    return QLatin1String(PatientFhir::ExtensionBase) + QLatin1String(name);
}

QJsonObject extension(const char *name, const char *valueKey, const QJsonValue &value)
{
    return QJsonObject{{u"url"_s, extensionUrl(name)}, {QString(QLatin1String(valueKey)), value}};
}

QJsonObject exerciseTherapy(const QString &text)
{
    QJsonObject code{{u"coding"_s, QJsonArray{QJsonObject{{u"system"_s, u"http://snomed.info/sct"_s},
                                                          {u"code"_s, u"229065009"_s},
                                                          {u"display"_s, u"Exercise therapy"_s}}}}};
    if (!text.trimmed().isEmpty())
        code.insert(u"text"_s, text);
    return code;
}

/// The prescription as a structured extension (FHIR has no fields for sets,
/// reps and holds); empty texts are left out, as FHIR strings cannot be empty.
QJsonObject dosageExtension(const Prescription &rx)
{
    QJsonArray parts;
    const auto integer = [&](const char *name, int value) {
        parts << QJsonObject{{u"url"_s, QLatin1String(name)}, {u"valueInteger"_s, value}};
    };
    integer("sets", rx.sets);
    integer("reps", rx.reps);
    integer("holdSeconds", rx.holdSeconds);
    integer("durationSeconds", rx.durationSeconds);
    integer("followUpSeconds", rx.followUpSeconds);
    integer("restBetweenRepsSeconds", rx.restBetweenRepsSeconds);
    integer("restBetweenSetsSeconds", rx.restBetweenSetsSeconds);
    integer("restAfterSeconds", rx.restAfterSeconds);
    integer("daysPerWeek", rx.daysPerWeek);
    parts << QJsonObject{{u"url"_s, u"sides"_s}, {u"valueCode"_s, toCode(rx.sides)}};
    if (!rx.load.trimmed().isEmpty())
        parts << QJsonObject{{u"url"_s, u"load"_s}, {u"valueString"_s, rx.load}};
    if (!rx.tempo.isEmpty())
        parts << QJsonObject{{u"url"_s, u"tempo"_s}, {u"valueString"_s, rx.tempo}};
    return QJsonObject{{u"url"_s, extensionUrl("dosage")}, {u"extension"_s, parts}};
}

QString procedureStatus(SessionStatus s)
{
    switch (s) {
    case SessionStatus::InProgress: return u"in-progress"_s;
    case SessionStatus::Completed: return u"completed"_s;
    case SessionStatus::Partial:
    case SessionStatus::Aborted: return u"stopped"_s;
    }
    return u"unknown"_s;
}

/// The entries of one patient's bundle, in order: the Patient; per program
/// its ServiceRequests (one per item), then its CarePlan; per session its
/// Procedure, then an Observation per pain rating. Every id is a UUID v5 of
/// the row's place in the patient ("rehabit/patient/7/session/12").
class BundleEntries {
public:
    BundleEntries(const PatientRecord &record, const QList<Exercise> &exercises)
        : m_record(record)
        , m_scope(u"rehabit/patient/%1"_s.arg(record.patient.id))
        , m_patientId(uuidFor(m_scope))
    {
        for (const Exercise &e : exercises)
            m_byId.insert(e.id, e);
        for (const Exercise &e : record.customExercises)
            m_byId.insert(e.id, e);
    }

    const QString &scope() const { return m_scope; }
    const QJsonArray &entries() const { return m_entries; }

    void addPatient();
    void addProgram(const Program &p);
    void addSession(const SessionHistory &s);

private:
    void add(const QString &id, QJsonObject resource)
    {
        resource.insert(u"id"_s, id);
        m_entries << QJsonObject{{u"fullUrl"_s, QString(u"urn:uuid:"_s + id)}, {u"resource"_s, resource}};
    }
    /// Adds the item's ServiceRequest and returns its id.
    QString addServiceRequest(const Program &p, const ProgramItem &item, const QString &carePlanId);
    void addPainObservation(const SessionHistory &s, const SessionEvent &e, const QString &procedureId);

    const PatientRecord &m_record;
    const QString m_scope;
    const QString m_patientId;
    QHash<QString, Exercise> m_byId;
    QHash<qint64, QString> m_carePlans; ///< program id -> CarePlan id
    QJsonArray m_entries;
};

void BundleEntries::addPatient()
{
    add(m_patientId,
        QJsonObject{{u"resourceType"_s, u"Patient"_s},
                    {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:rehabit:patient-id"_s},
                                                             {u"value"_s, QString::number(m_record.patient.id)}}}},
                    {u"active"_s, !m_record.patient.archived},
                    {u"name"_s, QJsonArray{QJsonObject{{u"text"_s, m_record.patient.name}}}}});
}

QString BundleEntries::addServiceRequest(const Program &p, const ProgramItem &item, const QString &carePlanId)
{
    const QString requestId = uuidFor(m_scope + u"/program-item/%1"_s.arg(item.id));
    const auto exercise = m_byId.constFind(item.exerciseId);
    const QString name = exercise != m_byId.cend() ? exercise->name : item.exerciseId;
    const WorkKind kind = exercise != m_byId.cend() ? exercise->kind : WorkKind::Reps;
    QDateTime authored = p.createdAt;
    for (const ProgramItemVersion &v : m_record.itemVersions)
        if (v.programItemId == item.id && v.validFrom > authored)
            authored = v.validFrom;
    add(requestId,
        QJsonObject{{u"resourceType"_s, u"ServiceRequest"_s},
                    {u"extension"_s,
                     QJsonArray{dosageExtension(item.rx), extension("exercise-id", "valueString", item.exerciseId)}},
                    {u"status"_s, p.active ? u"active"_s : u"completed"_s},
                    {u"intent"_s, u"order"_s},
                    {u"basedOn"_s, QJsonArray{reference(carePlanId)}},
                    {u"code"_s, exerciseTherapy(name)},
                    {u"subject"_s, reference(m_patientId)},
                    {u"occurrenceTiming"_s, QJsonObject{{u"repeat"_s, QJsonObject{{u"frequency"_s, item.rx.daysPerWeek},
                                                                                  {u"period"_s, 1},
                                                                                  {u"periodUnit"_s, u"wk"_s}}}}},
                    {u"authoredOn"_s, fhirTime(authored)},
                    {u"patientInstruction"_s, u"%1: %2"_s.arg(name, DosageText::describe(item.rx, kind))}});
    return requestId;
}

void BundleEntries::addProgram(const Program &p)
{
    const QString carePlanId = uuidFor(m_scope + u"/program/%1"_s.arg(p.id));
    m_carePlans.insert(p.id, carePlanId);
    QJsonArray activities;
    for (const ProgramItem &item : p.items)
        activities << QJsonObject{{u"reference"_s, reference(addServiceRequest(p, item, carePlanId))}};
    QJsonObject period{{u"start"_s, fhirTime(p.createdAt)}};
    if (!p.active && p.deactivatedAt.isValid())
        period.insert(u"end"_s, fhirTime(p.deactivatedAt));
    QJsonObject carePlan{
        {u"resourceType"_s, u"CarePlan"_s},
        {u"extension"_s, QJsonArray{extension("pain-rule", "valueCode", toCode(p.painRule)),
                                    extension("progression-sessions", "valueInteger", p.progressionSessions)}},
        {u"status"_s, p.active ? u"active"_s : u"completed"_s},
        {u"intent"_s, u"plan"_s},
        {u"category"_s, QJsonArray{exerciseTherapy(QString())}},
        {u"title"_s, p.name},
        {u"subject"_s, reference(m_patientId)},
        {u"period"_s, period},
        {u"created"_s, fhirTime(p.createdAt)}};
    if (!activities.isEmpty())
        carePlan.insert(u"activity"_s, activities);
    add(carePlanId, carePlan);
}

void BundleEntries::addSession(const SessionHistory &s)
{
    const QString procedureId = uuidFor(m_scope + u"/session/%1"_s.arg(s.record.id));
    QJsonObject period{{u"start"_s, fhirTime(s.record.startedAt)}};
    if (s.record.endedAt.isValid())
        period.insert(u"end"_s, fhirTime(s.record.endedAt));
    QJsonObject procedure{{u"resourceType"_s, u"Procedure"_s},
                          {u"extension"_s, QJsonArray{extension("flagged", "valueBoolean", s.record.flagged)}},
                          {u"status"_s, procedureStatus(s.record.status)},
                          {u"code"_s, exerciseTherapy(u"Home exercise session"_s)},
                          {u"subject"_s, reference(m_patientId)},
                          {u"performedPeriod"_s, period}};
    if (m_carePlans.contains(s.record.programId))
        procedure.insert(u"basedOn"_s, QJsonArray{reference(m_carePlans.value(s.record.programId))});
    add(procedureId, procedure);

    for (const SessionEvent &e : s.events)
        if (e.kind == EventKind::PainRated && e.pain && e.painContext)
            addPainObservation(s, e, procedureId);
}

void BundleEntries::addPainObservation(const SessionHistory &s, const SessionEvent &e, const QString &procedureId)
{
    QJsonArray extensions{extension("pain-context", "valueCode", toCode(*e.painContext))};
    if (!e.exerciseId.isEmpty())
        extensions << extension("exercise-id", "valueString", e.exerciseId);
    add(uuidFor(m_scope + u"/session/%1/event/%2"_s.arg(s.record.id).arg(e.seq)),
        QJsonObject{
            {u"resourceType"_s, u"Observation"_s},
            {u"extension"_s, extensions},
            {u"partOf"_s, QJsonArray{reference(procedureId)}},
            {u"status"_s, u"final"_s},
            {u"category"_s,
             QJsonArray{QJsonObject{
                 {u"coding"_s,
                  QJsonArray{QJsonObject{{u"system"_s, u"http://terminology.hl7.org/CodeSystem/observation-category"_s},
                                         {u"code"_s, u"survey"_s},
                                         {u"display"_s, u"Survey"_s}}}}}}},
            {u"code"_s,
             QJsonObject{{u"coding"_s,
                          QJsonArray{QJsonObject{
                              {u"system"_s, u"http://loinc.org"_s},
                              {u"code"_s, u"72514-3"_s},
                              {u"display"_s, u"Pain severity - 0-10 verbal numeric rating [Score] - Reported"_s}}}}}},
            {u"subject"_s, reference(m_patientId)},
            {u"effectiveDateTime"_s, fhirTime(e.atMs)},
            {u"valueInteger"_s, *e.pain}});
}

} // namespace

QByteArray PatientFhir::bundle(const PatientRecord &record, const QList<Exercise> &exercises, const QDateTime &at)
{
    BundleEntries entries(record, exercises);
    entries.addPatient();
    for (const Program &p : record.programs)
        entries.addProgram(p);
    for (const SessionHistory &s : record.sessions)
        entries.addSession(s);

    const QJsonObject bundle{{u"resourceType"_s, u"Bundle"_s},
                             {u"id"_s, uuidFor(entries.scope() + u"/bundle/"_s + fhirTime(at))},
                             {u"meta"_s, QJsonObject{{u"lastUpdated"_s, fhirTime(at)}}},
                             {u"type"_s, u"collection"_s},
                             {u"timestamp"_s, fhirTime(at)},
                             {u"entry"_s, entries.entries()}};
    return QJsonDocument(bundle).toJson(QJsonDocument::Indented);
}

} // namespace rehabit
