#pragma once
// Helpers shared by the SqliteStore source files: binding values, running
// statements, and reading rows into the domain's values. Private to the store.

#include "SqliteStore.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>

#include <optional>

namespace rehabit::sqlite {

using namespace Qt::StringLiterals;

inline const QString BundledCode = u"bundled"_s;
inline const QString CustomCode = u"custom"_s;

inline QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

inline QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

inline QDateTime timeValue(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

/// A text for a NOT NULL column: Qt binds a null QString as NULL.
inline QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}
inline QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant();
}
inline QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}
template <typename T>
inline QVariant optionalValue(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}
template <typename E>
inline QVariant optionalCode(const std::optional<E> &value)
{
    return value ? QVariant(toCode(*value)) : QVariant();
}

inline bool run(QSqlQuery &query, const QString &sql, const QVariantList &values = {})
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    return query.exec();
}

inline QSqlQuery newQuery(const QString &connectionName)
{
    QSqlQuery query(QSqlDatabase::database(connectionName, false));
    query.setForwardOnly(true);
    return query;
}

inline Result<Exercise> exerciseFromRow(const QSqlQuery &row, int idColumn)
{
    const QString id = row.value(idColumn).toString();
    const QString origin = row.value(idColumn + 1).toString();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(row.value(idColumn + 2).toString().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error{
            SqliteStore::tr("The stored definition of exercise %1 is damaged: %2").arg(id, parseError.errorString()),
            QString()};
    auto parsed = CatalogJson::parseExercise(doc.object());
    if (!parsed)
        return Error{
            SqliteStore::tr("The stored definition of exercise %1 is not valid: %2").arg(id, parsed.error().text()),
            QString()};
    Exercise e = std::move(parsed).value();
    e.origin = origin == CustomCode ? ExerciseOrigin::Custom : ExerciseOrigin::Bundled;
    return e;
}

inline Patient patientFromRow(const QSqlQuery &row)
{
    Patient p;
    p.id = row.value(0).toLongLong();
    p.name = row.value(1).toString();
    p.createdAt = timeValue(row.value(2));
    p.archived = row.value(3).toInt() != 0;
    return p;
}

inline std::optional<SessionRecord> sessionFromRow(const QSqlQuery &row)
{
    const auto status = sessionStatusFromCode(row.value(5).toString());
    if (!status)
        return std::nullopt;
    SessionRecord s;
    s.id = row.value(0).toLongLong();
    s.patientId = row.value(1).toLongLong();
    s.programId = row.value(2).toLongLong();
    s.startedAt = timeValue(row.value(3));
    s.endedAt = timeValue(row.value(4));
    s.status = *status;
    s.flagged = row.value(6).toInt() != 0;
    return s;
}

inline std::optional<Proposal> proposalFromRow(const QSqlQuery &row)
{
    const auto kind = proposalKindFromCode(row.value(3).toString());
    const auto status = proposalStatusFromCode(row.value(6).toString());
    if (!kind || !status)
        return std::nullopt;
    Proposal p;
    p.id = row.value(0).toLongLong();
    p.programItemId = row.value(1).toLongLong();
    p.sessionId = row.value(2).isNull() ? 0 : row.value(2).toLongLong();
    p.kind = *kind;
    p.reason = row.value(4).toString();
    p.createdAt = timeValue(row.value(5));
    p.status = *status;
    p.decidedAt = timeValue(row.value(7));
    return p;
}

/// Columns: id, session_id, seq, at_ms, kind, program_item_id, exercise_id,
/// set_index, rep_index, side, hold_ms, pain, pain_context, detail from
/// `first` on. Empty if a code is unknown.
inline std::optional<SessionEvent> eventFromRow(const QSqlQuery &query, int first = 0)
{
    SessionEvent e;
    e.id = query.value(first + 0).toLongLong();
    e.sessionId = query.value(first + 1).toLongLong();
    e.seq = query.value(first + 2).toInt();
    e.atMs = query.value(first + 3).toLongLong();
    const auto kind = eventKindFromCode(query.value(first + 4).toString());
    if (!kind)
        return std::nullopt;
    e.kind = *kind;
    e.programItemId = query.value(first + 5).isNull() ? 0 : query.value(first + 5).toLongLong();
    e.exerciseId = query.value(first + 6).isNull() ? QString() : query.value(first + 6).toString();
    e.setIndex = query.value(first + 7).toInt();
    e.repIndex = query.value(first + 8).toInt();
    if (!query.value(first + 9).isNull()) {
        e.side = sideFromCode(query.value(first + 9).toString());
        if (!e.side)
            return std::nullopt;
    }
    if (!query.value(first + 10).isNull())
        e.holdMs = query.value(first + 10).toLongLong();
    if (!query.value(first + 11).isNull())
        e.pain = query.value(first + 11).toInt();
    if (!query.value(first + 12).isNull()) {
        e.painContext = painContextFromCode(query.value(first + 12).toString());
        if (!e.painContext)
            return std::nullopt;
    }
    e.detail = query.value(first + 13).toString();
    return e;
}

/// The bound values of an event row after session_id and seq (at_ms ... detail).
inline QVariantList eventValues(const SessionEvent &event)
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

/// The prescription columns sets ... days_per_week, in table order.
inline QVariantList prescriptionValues(const Prescription &rx)
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

/// Reads the prescription columns (sets ... days_per_week) from `first` on;
/// empty if the sides code is unknown.
inline std::optional<Prescription> prescriptionFromRow(const QSqlQuery &query, int first)
{
    Prescription rx;
    rx.sets = query.value(first + 0).toInt();
    rx.reps = query.value(first + 1).toInt();
    rx.holdSeconds = query.value(first + 2).toInt();
    rx.durationSeconds = query.value(first + 3).toInt();
    rx.followUpSeconds = query.value(first + 4).toInt();
    rx.restBetweenRepsSeconds = query.value(first + 5).toInt();
    rx.restBetweenSetsSeconds = query.value(first + 6).toInt();
    rx.restAfterSeconds = query.value(first + 7).toInt();
    rx.positionSeconds = query.value(first + 8).toInt();
    const auto sides = sidesFromCode(query.value(first + 9).toString());
    if (!sides)
        return std::nullopt;
    rx.sides = *sides;
    rx.load = query.value(first + 10).toString();
    rx.tempo = query.value(first + 11).toString();
    rx.daysPerWeek = query.value(first + 12).toInt();
    return rx;
}

inline const QString InsertItemVersionSql =
    u"INSERT INTO program_item_version (program_item_id, valid_from, removed, position, exercise_id, sets, reps, "
    u"hold_seconds, duration_seconds, follow_up_seconds, rest_between_reps_seconds, rest_between_sets_seconds, "
    u"rest_after_seconds, position_seconds, sides, load, tempo, days_per_week) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;

inline bool insertItemVersion(QSqlQuery &query, const ProgramItemVersion &version)
{
    return run(query, InsertItemVersionSql,
               QVariantList{version.programItemId, timeText(version.validFrom), version.removed ? 1 : 0,
                            version.position, version.exerciseId}
                   + prescriptionValues(version.rx));
}

} // namespace rehabit::sqlite
