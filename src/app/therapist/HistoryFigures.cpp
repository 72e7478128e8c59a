#include "therapist/HistoryFigures.h"

#include "rehabit/domain/DosageText.h"
#include "rehabit/engine/PainRule.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>

#include <algorithm>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::HistoryFigures", text);
}

QDate dayOf(qint64 atMs)
{
    return QDateTime::fromMSecsSinceEpoch(atMs).toLocalTime().date();
}

QString nameOf(const QList<Exercise> &exercises, const QString &id)
{
    for (const Exercise &e : exercises)
        if (e.id == id)
            return e.name;
    return id;
}

/// One point per day: the day's last rating (or its highest with `highest`).
QList<DatedValue> daily(const QList<PainPoint> &points, bool highest)
{
    QMap<QDate, int> byDay;
    for (const PainPoint &p : points) {
        const QDate d = dayOf(p.atMs);
        const auto it = byDay.find(d);
        if (it == byDay.end())
            byDay.insert(d, p.pain);
        else
            *it = highest ? std::max(*it, p.pain) : p.pain;
    }
    QList<DatedValue> out;
    for (auto it = byDay.cbegin(); it != byDay.cend(); ++it)
        out << DatedValue{it.key(), double(it.value())};
    return out;
}

std::optional<double> mean(const QList<DatedValue> &points, QDate from, QDate to)
{
    double sum = 0;
    int n = 0;
    for (const DatedValue &p : points) {
        if (p.date >= from && p.date <= to) {
            sum += p.value;
            ++n;
        }
    }
    return n ? std::optional<double>(sum / n) : std::nullopt;
}

QString reasonText(const PainFlag &f)
{
    if (f.kind == PainFlagKind::NextMorningRise)
        return tr("next morning above the pain before the session: less load next time");
    if (f.detail == toCode(PainStopReason::RoseAboveStart))
        return tr("rose above the starting pain (strict rule)");
    if (f.detail == toCode(PainStopReason::AboveFive))
        return tr("above 5 (pain-monitoring model)");
    return f.detail;
}

} // namespace

QList<ItemOutcome> HistoryFigures::outcome(const PatientHistory &history, const SessionReview &session,
                                           const QList<Exercise> &exercises)
{
    // The prescription as it was when the session started.
    QHash<qint64, Prescription> rxOf;
    for (const Program &p : history.record().programs) {
        if (p.id != session.record.programId)
            continue;
        QList<ProgramItemVersion> versions;
        for (const ProgramItemVersion &v : history.record().itemVersions)
            if (v.programId == p.id)
                versions << v;
        for (const ProgramItem &item : PatientHistory::programAt(p, versions, session.record.startedAt).items)
            rxOf.insert(item.id, item.rx);
    }
    QList<ItemOutcome> out;
    for (const ExerciseDose &d : session.exercises) {
        ItemOutcome o;
        o.exerciseName = nameOf(exercises, d.exerciseId);
        const auto e =
            std::find_if(exercises.cbegin(), exercises.cend(), [&](const Exercise &x) { return x.id == d.exerciseId; });
        if (e != exercises.cend() && rxOf.contains(d.programItemId))
            o.prescribed = DosageText::describe(rxOf.value(d.programItemId), e->kind);
        o.prescribedUnits = d.prescribed;
        o.doneUnits = d.done;
        o.highestPain = d.maxPain;
        o.painStop = d.painStop;
        o.skipped = d.skipped;
        out << o;
    }
    return out;
}

HistoryFigures HistoryFigures::compute(const PatientHistory &h, const QList<Exercise> &exercises, QDate today)
{
    HistoryFigures f;
    f.first = h.firstDay();
    for (const SessionReview &s : h.sessions())
        f.sessions.prepend(SessionRow{s.record.id, s.record.startedAt, s.record.status, s.record.flagged,
                                      s.dose.share(), s.painBefore, s.painAfter, s.painNextMorning});

    const QList<DatedValue> before = daily(h.painSeries(PainContext::BeforeSession), false);
    f.painLines = {
        ChartLine{tr("Before"), before, QColor(0x1f, 0x77, 0xb4), Qt::SolidLine, false},
        ChartLine{tr("After"), daily(h.painSeries(PainContext::AfterSession), false), QColor(0xd6, 0x27, 0x28),
                  Qt::SolidLine, false},
        ChartLine{tr("Next morning"), daily(h.painSeries(PainContext::NextMorning), false), QColor(0x7f, 0x7f, 0x7f),
                  Qt::DashLine, false},
    };
    f.painLast7 = mean(before, today.addDays(-6), today);
    f.painPrevious30 = mean(before, today.addDays(-36), today.addDays(-7));

    for (const PainRise &r : h.painRises()) {
        const QString name = nameOf(exercises, r.exerciseId);
        f.rises << RiseRow{r.exerciseId,       name,         r.sessionsWorked, r.sessionsWithRise, r.painStops,
                           r.nextMorningRises, r.largestRise};
        QList<PainPoint> ratings;
        for (const PainPoint &p : h.painSeries(std::nullopt, r.exerciseId))
            if (p.context == PainContext::During || p.context == PainContext::AfterExercise)
                ratings << p;
        if (!ratings.isEmpty())
            f.exercisePain << ChartLine{name, daily(ratings, true), {}, Qt::SolidLine, true};
    }
    std::sort(f.exercisePain.begin(), f.exercisePain.end(),
              [](const ChartLine &a, const ChartLine &b) { return a.name < b.name; });

    f.last30 = h.adherence(today.addDays(-29), today);
    f.last7 = h.adherence(today.addDays(-6), today);
    if (f.first.isValid() && f.first <= today)
        f.weeks = h.weeklyAdherence(f.first, today);

    for (const PainFlag &flag : h.flags()) {
        QString pain;
        if (flag.pain)
            pain = flag.start ? tr("%1 (started at %2)").arg(*flag.pain).arg(*flag.start) : QString::number(*flag.pain);
        f.flags.prepend(FlagRow{flag.sessionId, QDateTime::fromMSecsSinceEpoch(flag.atMs),
                                flag.exerciseId.isEmpty() ? QString() : nameOf(exercises, flag.exerciseId), pain,
                                reasonText(flag)});
    }
    return f;
}

} // namespace rehabit
