#include "SqliteRows.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace rehabit::sqlite {
namespace {

const QString BundledCode = u"bundled"_s;
const QString CustomCode = u"custom"_s;

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::SqliteStore", text);
}

Error because(const QString &reason)
{
    return Error{reason, QString()};
}

void appendRange(QVariantList &values, const std::optional<Range> &range)
{
    if (range)
        values << range->min << range->max << range->def;
    else
        values << QVariant() << QVariant() << QVariant();
}

} // namespace

QString originCode(ExerciseOrigin origin)
{
    return origin == ExerciseOrigin::Bundled ? BundledCode : CustomCode;
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeValue(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

QDateTime storedTime(const QDateTime &time)
{
    return timeValue(timeText(time));
}

QVariant timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(timeText(time)) : QVariant();
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

Result<Exercise> exerciseFromRow(const QSqlQuery &row)
{
    const QString id = row.value(0).toString();
    const QString origin = row.value(1).toString();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(row.value(2).toString().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return because(tr("The stored definition of exercise %1 is damaged: %2").arg(id, parseError.errorString()));
    auto parsed = CatalogJson::parseExercise(doc.object());
    if (!parsed)
        return because(tr("The stored definition of exercise %1 is not valid: %2").arg(id, parsed.error().text()));
    Exercise e = std::move(parsed).value();
    e.origin = origin == CustomCode ? ExerciseOrigin::Custom : ExerciseOrigin::Bundled;
    return e;
}

Result<Patient> patientFromRow(const QSqlQuery &row)
{
    Patient p;
    p.id = row.value(0).toLongLong();
    p.name = row.value(1).toString();
    p.createdAt = timeValue(row.value(2));
    p.archived = row.value(3).toInt() != 0;
    p.uuid = row.value(4).toString();
    p.revision = row.value(5).toInt();
    return p;
}

Result<PatientNote> noteFromRow(const QSqlQuery &row)
{
    PatientNote n;
    n.id = row.value(0).toLongLong();
    n.patientId = row.value(1).toLongLong();
    n.writtenAt = timeValue(row.value(2));
    n.body = row.value(3).toString();
    n.uuid = row.value(4).toString();
    n.revision = row.value(5).toInt();
    return n;
}

Result<Program> programFromRow(const QSqlQuery &row)
{
    Program p;
    p.id = row.value(0).toLongLong();
    p.patientId = row.value(1).toLongLong();
    p.name = row.value(2).toString();
    const auto rule = painRuleFromCode(row.value(3).toString());
    if (!rule)
        return because(tr("unknown pain rule %1").arg(row.value(3).toString()));
    p.painRule = *rule;
    p.progressionSessions = row.value(4).toInt();
    p.active = row.value(5).toInt() != 0;
    p.createdAt = timeValue(row.value(6));
    p.deactivatedAt = timeValue(row.value(7));
    p.uuid = row.value(8).toString();
    p.revision = row.value(9).toInt();
    return p;
}

Result<ProgramItem> programItemFromRow(const QSqlQuery &row)
{
    ProgramItem item;
    item.id = row.value(0).toLongLong();
    item.position = row.value(1).toInt();
    item.exerciseId = row.value(2).toString();
    const auto rx = prescriptionFromRow(row, 3);
    if (!rx)
        return because(tr("unknown sides %1").arg(row.value(12).toString()));
    item.rx = *rx;
    return item;
}

Result<ProgramItemVersion> itemVersionFromRow(const QSqlQuery &row)
{
    ProgramItemVersion v;
    v.programId = row.value(0).toLongLong();
    v.programItemId = row.value(1).toLongLong();
    v.validFrom = timeValue(row.value(2));
    v.removed = row.value(3).toInt() != 0;
    v.position = row.value(4).toInt();
    v.exerciseId = row.value(5).toString();
    const auto rx = prescriptionFromRow(row, 6);
    if (!rx)
        return because(tr("unknown sides %1").arg(row.value(15).toString()));
    v.rx = *rx;
    v.uuid = row.value(19).toString();
    return v;
}

Result<SessionRecord> sessionFromRow(const QSqlQuery &row)
{
    const auto status = sessionStatusFromCode(row.value(5).toString());
    if (!status)
        return because(tr("unknown status %1").arg(row.value(5).toString()));
    SessionRecord s;
    s.id = row.value(0).toLongLong();
    s.patientId = row.value(1).toLongLong();
    s.programId = row.value(2).toLongLong();
    s.startedAt = timeValue(row.value(3));
    s.endedAt = timeValue(row.value(4));
    s.status = *status;
    s.flagged = row.value(6).toInt() != 0;
    s.uuid = row.value(7).toString();
    s.revision = row.value(8).toInt();
    return s;
}

Result<Proposal> proposalFromRow(const QSqlQuery &row)
{
    const auto kind = proposalKindFromCode(row.value(3).toString());
    const auto status = proposalStatusFromCode(row.value(6).toString());
    if (!kind || !status)
        return because(tr("unknown kind or status in proposal %1").arg(row.value(0).toString()));
    Proposal p;
    p.id = row.value(0).toLongLong();
    p.programItemId = row.value(1).toLongLong();
    p.sessionId = row.value(2).isNull() ? 0 : row.value(2).toLongLong();
    p.kind = *kind;
    p.reason = row.value(4).toString();
    p.createdAt = timeValue(row.value(5));
    p.status = *status;
    p.decidedAt = timeValue(row.value(7));
    p.uuid = row.value(8).toString();
    p.decisionUuid = row.value(9).toString();
    p.revision = row.value(10).toInt();
    return p;
}

Result<SessionEvent> eventFromRow(const QSqlQuery &row)
{
    const Error unknown =
        because(tr("unknown code in event %1 (kind %2)").arg(row.value(0).toString(), row.value(4).toString()));
    SessionEvent e;
    e.id = row.value(0).toLongLong();
    e.sessionId = row.value(1).toLongLong();
    e.seq = row.value(2).toInt();
    e.atMs = row.value(3).toLongLong();
    const auto kind = eventKindFromCode(row.value(4).toString());
    if (!kind)
        return unknown;
    e.kind = *kind;
    e.programItemId = row.value(5).isNull() ? 0 : row.value(5).toLongLong();
    e.exerciseId = row.value(6).isNull() ? QString() : row.value(6).toString();
    e.setIndex = row.value(7).toInt();
    e.repIndex = row.value(8).toInt();
    if (!row.value(9).isNull()) {
        e.side = sideFromCode(row.value(9).toString());
        if (!e.side)
            return unknown;
    }
    if (!row.value(10).isNull())
        e.holdMs = row.value(10).toLongLong();
    if (!row.value(11).isNull())
        e.pain = row.value(11).toInt();
    if (!row.value(12).isNull()) {
        e.painContext = painContextFromCode(row.value(12).toString());
        if (!e.painContext)
            return unknown;
    }
    e.detail = row.value(13).toString();
    return e;
}

std::optional<Prescription> prescriptionFromRow(const QSqlQuery &row, int first)
{
    Prescription rx;
    rx.sets = row.value(first + 0).toInt();
    rx.reps = row.value(first + 1).toInt();
    rx.holdSeconds = row.value(first + 2).toInt();
    rx.durationSeconds = row.value(first + 3).toInt();
    rx.followUpSeconds = row.value(first + 4).toInt();
    rx.restBetweenRepsSeconds = row.value(first + 5).toInt();
    rx.restBetweenSetsSeconds = row.value(first + 6).toInt();
    rx.restAfterSeconds = row.value(first + 7).toInt();
    rx.positionSeconds = row.value(first + 8).toInt();
    const auto sides = sidesFromCode(row.value(first + 9).toString());
    if (!sides)
        return std::nullopt;
    rx.sides = *sides;
    rx.load = row.value(first + 10).toString();
    rx.tempo = row.value(first + 11).toString();
    rx.daysPerWeek = row.value(first + 12).toInt();
    return rx;
}

Result<qint64> integerFromRow(const QSqlQuery &row)
{
    return row.value(0).toLongLong();
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString uuidOrNew(const QString &uuid)
{
    const QUuid parsed(uuid);
    return parsed.isNull() ? newUuid() : parsed.toString(QUuid::WithoutBraces);
}

Result<RowRevision> revisionFromRow(const QSqlQuery &row)
{
    RowRevision r;
    r.rowUuid = row.value(0).toString();
    r.kind = row.value(1).toString();
    r.revision = row.value(2).toInt();
    r.revisedAt = timeValue(row.value(3));
    r.revisedBy = row.value(4).toString();
    r.content = QJsonDocument::fromJson(row.value(5).toString().toUtf8()).object();
    return r;
}

QVariantList exerciseValues(const Exercise &e, int sortOrder, const QString &now)
{
    QVariantList values{text(e.name), toCode(e.phase), text(e.category), toCode(e.kind), toCode(e.sides), sortOrder};
    appendRange(values, e.dosage.sets);
    appendRange(values, e.dosage.reps);
    appendRange(values, e.dosage.holdSeconds);
    appendRange(values, e.dosage.durationSeconds);
    values << QString::fromUtf8(QJsonDocument(CatalogJson::toJson(e)).toJson(QJsonDocument::Compact)) << now;
    return values;
}

QVariantList eventValues(const SessionEvent &event)
{
    return {event.atMs,
            toCode(event.kind),
            idOrNull(event.programItemId),
            textOrNull(event.exerciseId),
            event.setIndex,
            event.repIndex,
            optionalCode(event.side),
            optionalValue(event.holdMs),
            optionalValue(event.pain),
            optionalCode(event.painContext),
            text(event.detail)};
}

QVariantList prescriptionValues(const Prescription &rx)
{
    return {rx.sets,
            rx.reps,
            rx.holdSeconds,
            rx.durationSeconds,
            rx.followUpSeconds,
            rx.restBetweenRepsSeconds,
            rx.restBetweenSetsSeconds,
            rx.restAfterSeconds,
            rx.positionSeconds,
            toCode(rx.sides),
            text(rx.load),
            text(rx.tempo),
            rx.daysPerWeek};
}

QVariantList programItemValues(qint64 programId, int position, const QString &exerciseId, const Prescription &rx,
                               const QVariant &removedAt)
{
    return QVariantList{programId, position, exerciseId} + prescriptionValues(rx) + QVariantList{removedAt, newUuid()};
}

QVariantList itemVersionValues(const ProgramItemVersion &version)
{
    return QVariantList{version.programItemId, timeText(version.validFrom), version.removed ? 1 : 0, version.position,
                        version.exerciseId}
           + prescriptionValues(version.rx) + QVariantList{uuidOrNew(version.uuid)};
}

} // namespace rehabit::sqlite
