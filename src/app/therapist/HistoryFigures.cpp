#include "therapist/HistoryFigures.h"

#include "rehabit/DosageText.h"
#include "rehabit/PainRule.h"
#include "rehabit/SessionDose.h"
#include "rehabit/SessionPlan.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::HistoryFigures", text);
}

struct SessionPain {
    std::optional<int> before, after, nextMorning;
};

SessionPain sessionPain(const QList<SessionEvent> &events)
{
    SessionPain p;
    for (const SessionEvent &e : events) {
        if (e.kind != EventKind::PainRated || !e.pain || !e.painContext)
            continue;
        switch (*e.painContext) {
        case PainContext::BeforeSession: p.before = *e.pain; break;
        case PainContext::AfterSession: p.after = *e.pain; break;
        case PainContext::NextMorning: p.nextMorning = *e.pain; break;
        default: break;
        }
    }
    return p;
}

/// Units one session of the program prescribes, per item.
int unitsOf(const PlanItem &item)
{
    return int(item.units().size()) * item.repsPerUnit();
}

QString reasonText(const QString &code)
{
    if (code == toCode(PainStopReason::RoseAboveStart))
        return tr("rose above the starting pain (strict rule)");
    if (code == toCode(PainStopReason::AboveFive))
        return tr("above 5 (pain-monitoring model)");
    return code;
}

} // namespace

QList<ItemOutcome> HistoryFigures::outcome(const SessionHistory &session, const Program &program,
                                           const QList<Exercise> &exercises)
{
    QList<ItemOutcome> out;
    const auto plan = SessionPlan::fromProgram(program, exercises);
    if (!plan)
        return out;
    for (const PlanItem &item : plan->items) {
        SessionPlan one;
        one.items = {item};
        const SessionDose dose = SessionDose::of(one, session.events);
        ItemOutcome o;
        o.programItemId = item.programItemId;
        o.exerciseName = item.exercise.name;
        o.prescribed = DosageText::describe(item.rx, item.exercise.kind);
        o.prescribedUnits = dose.prescribed;
        o.doneUnits = dose.done;
        for (const SessionEvent &e : session.events) {
            if (e.programItemId != item.programItemId)
                continue;
            if (e.kind == EventKind::PainRated && e.pain)
                o.highestPain = std::max(o.highestPain.value_or(0), *e.pain);
            if (e.kind == EventKind::PainStop)
                o.painStop = true;
        }
        out << o;
    }
    return out;
}

HistoryFigures HistoryFigures::compute(const QList<SessionHistory> &history, const QList<Program> &programs,
                                       const QList<Exercise> &exercises, QDate today)
{
    HistoryFigures f;
    QHash<qint64, SessionPlan> plans;
    QHash<QString, QString> names;
    for (const Exercise &e : exercises)
        names.insert(e.id, e.name);
    for (const Program &p : programs) {
        if (auto plan = SessionPlan::fromProgram(p, exercises))
            plans.insert(p.id, *plan);
    }

    QMap<QDate, SessionPain> painByDay;                 // the day's last session
    QMap<QString, QMap<QDate, int>> exercisePainByDay;  // highest of the day
    QMap<QDate, int> doneByDay;
    QHash<QString, ExerciseRise> rises;
    for (const SessionHistory &h : history) {
        const QDate day = h.record.startedAt.toLocalTime().date();
        if (!f.first.isValid() || day < f.first)
            f.first = day;
        const SessionPain pain = sessionPain(h.events);
        const auto plan = plans.constFind(h.record.programId);
        const SessionDose dose = plan != plans.cend() ? SessionDose::of(*plan, h.events) : SessionDose{};
        f.sessions.prepend(SessionRow{h.record.id, h.record.startedAt, h.record.status, h.record.flagged, dose.share(),
                                      pain.before, pain.after, pain.nextMorning});
        painByDay[day] = pain;
        doneByDay[day] += dose.done;

        // Per exercise: ratings, stops, and whether pain rose.
        QHash<QString, bool> roseDuring; // exercise id -> rose (true) or worked without a rise (false)
        for (const SessionEvent &e : h.events) {
            if (e.exerciseId.isEmpty())
                continue;
            if (e.kind == EventKind::ExerciseStarted && !roseDuring.contains(e.exerciseId))
                roseDuring.insert(e.exerciseId, false);
            if (e.kind == EventKind::PainRated && e.pain && e.painContext
                && (*e.painContext == PainContext::During || *e.painContext == PainContext::AfterExercise)) {
                int &highest = exercisePainByDay[e.exerciseId][day];
                highest = std::max(highest, *e.pain);
                if (*e.pain > pain.before.value_or(0))
                    roseDuring[e.exerciseId] = true;
            }
            if (e.kind == EventKind::PainStop) {
                roseDuring[e.exerciseId] = true;
                f.flags.prepend(PainFlag{h.record.id, QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC),
                                         names.value(e.exerciseId, e.exerciseId), e.pain.value_or(0),
                                         reasonText(e.detail)});
            }
        }
        const bool morningRose = pain.nextMorning && *pain.nextMorning > pain.before.value_or(0);
        for (auto it = roseDuring.cbegin(); it != roseDuring.cend(); ++it) {
            ExerciseRise &r = rises[it.key()];
            r.exerciseId = it.key();
            r.name = names.value(it.key(), it.key());
            ++r.sessions;
            r.risesDuring += it.value() ? 1 : 0;
            r.risesNextMorning += morningRose ? 1 : 0;
        }
    }

    // --- pain lines -----------------------------------------------------------
    ChartLine before{tr("Before session"), {}, QColor(0x1f, 0x77, 0xb4), Qt::SolidLine, false};
    ChartLine after{tr("After session"), {}, QColor(0xd6, 0x27, 0x28), Qt::SolidLine, false};
    ChartLine morning{tr("Next morning"), {}, QColor(0x7f, 0x7f, 0x7f), Qt::DashLine, false};
    for (auto it = painByDay.cbegin(); it != painByDay.cend(); ++it) {
        if (it->before)
            before.points << DatedValue{it.key(), double(*it->before)};
        if (it->after)
            after.points << DatedValue{it.key(), double(*it->after)};
        if (it->nextMorning)
            morning.points << DatedValue{it.key(), double(*it->nextMorning)};
    }
    f.painLines = {before, after, morning};
    for (auto it = exercisePainByDay.cbegin(); it != exercisePainByDay.cend(); ++it) {
        ChartLine line{names.value(it.key(), it.key()), {}, {}, Qt::SolidLine, true};
        for (auto d = it->cbegin(); d != it->cend(); ++d)
            line.points << DatedValue{d.key(), double(d.value())};
        f.exercisePain << line;
    }
    std::sort(f.exercisePain.begin(), f.exercisePain.end(),
              [](const ChartLine &a, const ChartLine &b) { return a.name < b.name; });

    // --- adherence --------------------------------------------------------------
    // Units prescribed per day by each program, from the day it started.
    struct Daily {
        QDate from;
        double units = 0;
    };
    QList<Daily> daily;
    for (const Program &p : programs) {
        const auto plan = plans.constFind(p.id);
        if (!p.active || plan == plans.cend())
            continue;
        double units = 0;
        for (const PlanItem &item : plan->items)
            units += unitsOf(item) * item.rx.daysPerWeek / 7.0;
        daily << Daily{p.createdAt.toLocalTime().date(), units};
    }
    const auto period = [&](QDate from, QDate to) {
        Adherence a{from, to, 0, 0, int(from.daysTo(to)) + 1};
        double prescribed = 0;
        int done = 0;
        for (QDate d = from; d <= to; d = d.addDays(1)) {
            for (const Daily &p : daily)
                if (d >= p.from)
                    prescribed += p.units;
            const auto it = doneByDay.constFind(d);
            if (it != doneByDay.cend()) {
                done += *it;
                ++a.daysWithData;
            }
        }
        a.doseShare = prescribed > 0 ? std::min(1.0, done / prescribed) : 0.0;
        return a;
    };
    f.last30 = period(today.addDays(-29), today);
    f.last7 = period(today.addDays(-6), today);
    if (f.first.isValid()) {
        for (QDate monday = f.first.addDays(1 - f.first.dayOfWeek()); monday <= today; monday = monday.addDays(7))
            f.weeks << period(monday, std::min(monday.addDays(6), today));
    }

    const auto meanBefore = [&](QDate from, QDate to) -> std::optional<double> {
        double sum = 0;
        int n = 0;
        for (auto it = painByDay.lowerBound(from); it != painByDay.cend() && it.key() <= to; ++it) {
            if (it->before) {
                sum += *it->before;
                ++n;
            }
        }
        return n ? std::optional<double>(sum / n) : std::nullopt;
    };
    f.painLast7 = meanBefore(today.addDays(-6), today);
    f.painPrevious30 = meanBefore(today.addDays(-36), today.addDays(-7));

    f.rises = rises.values();
    std::sort(f.rises.begin(), f.rises.end(), [](const ExerciseRise &a, const ExerciseRise &b) {
        const int ra = a.risesDuring + a.risesNextMorning, rb = b.risesDuring + b.risesNextMorning;
        return ra != rb ? ra > rb : a.name < b.name;
    });
    return f;
}

} // namespace rehabit
