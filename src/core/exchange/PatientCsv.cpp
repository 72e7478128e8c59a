// CSV exports (docs/exports.md): one row per event or per session, with
// every cell escaped against spreadsheet formula injection.

#include "rehabit/exchange/PatientExport.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

QString number(qint64 n)
{
    return QString::number(n);
}
template <typename T>
QString optionalNumber(const std::optional<T> &v)
{
    return v ? QString::number(*v) : QString();
}
template <typename E>
QString optionalCode(const std::optional<E> &v)
{
    return v ? toCode(*v) : QString();
}
QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}
QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

QHash<QString, QString> namesOf(const QList<Exercise> &exercises, const QList<Exercise> &customs)
{
    QHash<QString, QString> names;
    for (const Exercise &e : exercises)
        names.insert(e.id, e.name);
    for (const Exercise &e : customs)
        names.insert(e.id, e.name);
    return names;
}

QByteArray document(const QStringList &header, const QList<QStringList> &rows)
{
    QString text = PatientCsv::row(header);
    for (const QStringList &r : rows)
        text += PatientCsv::row(r);
    // A byte order mark, so that spreadsheets read UTF-8 names right.
    return QByteArray("\xEF\xBB\xBF") + text.toUtf8();
}

} // namespace

QString PatientCsv::cell(const QString &text)
{
    QString value = text;
    bool quote = false;
    if (!value.isEmpty()) {
        const QChar first = value.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r'
            || first == QChar(u'\0')) {
            value.prepend(u'\'');
            quote = true;
        }
    }
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\r') || value.contains(u'\n'))
        quote = true;
    if (!quote)
        return value;
    value.replace(u"\""_s, u"\"\""_s);
    return u'"' + value + u'"';
}

QString PatientCsv::row(const QStringList &cells)
{
    QStringList escaped;
    escaped.reserve(cells.size());
    for (const QString &c : cells)
        escaped << cell(c);
    return escaped.join(u',') + u"\r\n"_s;
}

QStringList PatientCsv::eventColumns()
{
    return {u"patient_id"_s,
            u"patient_name"_s,
            u"session_id"_s,
            u"session_started_at"_s,
            u"seq"_s,
            u"at"_s,
            u"at_ms"_s,
            u"kind"_s,
            u"program_item_id"_s,
            u"exercise_id"_s,
            u"exercise_name"_s,
            u"set"_s,
            u"rep"_s,
            u"side"_s,
            u"hold_ms"_s,
            u"pain"_s,
            u"pain_context"_s,
            u"detail"_s};
}

QStringList PatientCsv::sessionColumns()
{
    return {u"patient_id"_s,        u"patient_name"_s,      u"session_id"_s,
            u"program_id"_s,        u"program_name"_s,      u"day"_s,
            u"started_at"_s,        u"ended_at"_s,          u"status"_s,
            u"flagged"_s,           u"prescribed_units"_s,  u"done_units"_s,
            u"dose_percent"_s,      u"pain_before"_s,       u"pain_after"_s,
            u"pain_next_morning"_s, u"max_pain_exercise"_s, u"pain_stop"_s,
            u"exercises_skipped"_s, u"exercises"_s};
}

QByteArray PatientCsv::events(const PatientRecord &record, const QList<Exercise> &exercises)
{
    const QHash<QString, QString> names = namesOf(exercises, record.customExercises);
    QList<QStringList> rows;
    for (const SessionHistory &s : record.sessions)
        for (const SessionEvent &e : s.events)
            rows << QStringList{number(record.patient.id),
                                record.patient.name,
                                number(s.record.id),
                                timeText(s.record.startedAt),
                                number(e.seq),
                                timeText(e.atMs),
                                number(e.atMs),
                                toCode(e.kind),
                                e.programItemId ? number(e.programItemId) : QString(),
                                e.exerciseId,
                                names.value(e.exerciseId),
                                e.setIndex ? number(e.setIndex) : QString(),
                                e.repIndex ? number(e.repIndex) : QString(),
                                optionalCode(e.side),
                                optionalNumber(e.holdMs),
                                optionalNumber(e.pain),
                                optionalCode(e.painContext),
                                e.detail};
    return document(eventColumns(), rows);
}

QByteArray PatientCsv::sessions(const PatientHistory &history, const QList<Exercise> &exercises)
{
    const Patient &patient = history.patient();
    const QHash<QString, QString> names = namesOf(exercises, {});
    QHash<qint64, QString> programNames;
    for (const Program &p : history.programs())
        programNames.insert(p.id, p.name);
    QList<QStringList> rows;
    for (const SessionReview &r : history.sessions()) {
        std::optional<int> maxPain;
        int skipped = 0;
        QStringList perExercise;
        for (const ExerciseDose &d : r.exercises) {
            if (d.maxPain)
                maxPain = std::max(maxPain.value_or(0), *d.maxPain);
            if (d.skipped)
                ++skipped;
            perExercise << u"%1 %2/%3"_s.arg(names.value(d.exerciseId, d.exerciseId)).arg(d.done).arg(d.prescribed);
        }
        rows << QStringList{number(patient.id),
                            patient.name,
                            number(r.record.id),
                            number(r.record.programId),
                            programNames.value(r.record.programId),
                            r.day.toString(Qt::ISODate),
                            timeText(r.record.startedAt),
                            timeText(r.record.endedAt),
                            toCode(r.record.status),
                            r.record.flagged ? u"1"_s : u"0"_s,
                            number(r.dose.prescribed),
                            number(r.dose.done),
                            QString::number(qRound(r.dose.share() * 1000.0) / 10.0, 'f', 1),
                            optionalNumber(r.painBefore),
                            optionalNumber(r.painAfter),
                            optionalNumber(r.painNextMorning),
                            optionalNumber(maxPain),
                            r.painStop ? u"1"_s : u"0"_s,
                            number(skipped),
                            perExercise.join(u"; "_s)};
    }
    return document(sessionColumns(), rows);
}

} // namespace rehabit
