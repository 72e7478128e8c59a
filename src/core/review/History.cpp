#include "rehabit/review/History.h"

#include "rehabit/engine/SessionPlan.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace rehabit {
namespace {

/// The dose one session of the plan prescribes for one item.
int unitsOf(const PlanItem &item)
{
    return int(item.units().size()) * item.repsPerUnit();
}

SessionPlan onlyItem(const SessionPlan &plan, const PlanItem &item)
{
    SessionPlan one;
    one.painRule = plan.painRule;
    one.items << item;
    return one;
}

QDate dayOf(qint64 ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).date();
}
QDate dayOf(const QDateTime &time, const QTimeZone &zone)
{
    return time.toTimeZone(zone).date();
}

/// The end of a calendar day (the last millisecond), as a moment.
QDateTime endOf(QDate day, const QTimeZone &zone)
{
    return QDateTime(day.addDays(1), QTime(0, 0), zone).addMSecs(-1);
}

QDate mondayOf(QDate day)
{
    return day.addDays(1 - day.dayOfWeek());
}

} // namespace

double AdherencePeriod::doseShare() const
{
    if (expected <= 0.0)
        return 0.0;
    return std::min(1.0, double(done) / expected);
}

Program PatientHistory::programAt(const Program &program, const QList<ProgramItemVersion> &versions,
                                  const QDateTime &at)
{
    Program result = program;
    result.items.clear();
    std::map<qint64, const ProgramItemVersion *> newest;
    bool any = false;
    for (const ProgramItemVersion &v : versions) {
        if (v.programId != program.id)
            continue;
        any = true;
        if (v.validFrom > at)
            continue;
        const auto found = newest.find(v.programItemId);
        if (found == newest.end() || !(v.validFrom < found->second->validFrom))
            newest[v.programItemId] = &v;
    }
    if (!any) // a program without recorded versions: its items as they are
        return program;
    for (const auto &[id, v] : newest)
        if (!v->removed)
            result.items << ProgramItem{id, v->position, v->exerciseId, v->rx};
    std::stable_sort(result.items.begin(), result.items.end(),
                     [](const ProgramItem &a, const ProgramItem &b) { return a.position < b.position; });
    return result;
}

Result<PatientHistory> PatientHistory::build(const PatientRecord &record, const QList<Exercise> &exercises,
                                             const QTimeZone &zone)
{
    PatientHistory h;
    h.m_record = record;
    h.m_zone = zone;
    QHash<qint64, const Program *> programs;
    for (const Program &p : record.programs)
        programs.insert(p.id, &p);

    // Sessions: prescribed (as the program was at the start) against done.
    for (const SessionHistory &s : record.sessions) {
        SessionReview review;
        review.record = s.record;
        review.day = dayOf(s.record.startedAt, zone);
        const Program *program = programs.value(s.record.programId);
        if (program) {
            auto plan =
                SessionPlan::fromProgram(programAt(*program, record.itemVersions, s.record.startedAt), exercises);
            if (!plan)
                return plan.error();
            // Each item against its own events only: one pass over the log.
            QHash<qint64, QList<SessionEvent>> byItem;
            for (const SessionEvent &e : s.events)
                if (e.programItemId != 0)
                    byItem[e.programItemId].append(e);
            for (const PlanItem &item : std::as_const(plan->items)) {
                const SessionDose one = SessionDose::of(onlyItem(*plan, item), byItem.value(item.programItemId));
                review.dose.prescribed += one.prescribed;
                review.dose.done += one.done;
                ExerciseDose dose;
                dose.programItemId = item.programItemId;
                dose.exerciseId = item.exercise.id;
                dose.prescribed = one.prescribed;
                dose.done = one.done;
                review.exercises << dose;
            }
        }
        for (const SessionEvent &e : s.events) {
            h.m_daysWithData.insert(dayOf(e.atMs, zone));
            ExerciseDose *dose = nullptr;
            for (ExerciseDose &d : review.exercises)
                if (e.programItemId != 0 && d.programItemId == e.programItemId)
                    dose = &d;
            if (e.kind == EventKind::ExerciseSkipped && dose)
                dose->skipped = true;
            if (e.kind == EventKind::PainStop) {
                review.painStop = true;
                if (dose)
                    dose->painStop = true;
            }
            if (e.kind != EventKind::PainRated || !e.pain || !e.painContext)
                continue;
            switch (*e.painContext) {
            case PainContext::BeforeSession: review.painBefore = *e.pain; break;
            case PainContext::AfterSession: review.painAfter = *e.pain; break;
            case PainContext::NextMorning: review.painNextMorning = *e.pain; break;
            case PainContext::During:
            case PainContext::AfterExercise:
                if (dose)
                    dose->maxPain = std::max(dose->maxPain.value_or(0), *e.pain);
                break;
            }
        }
        h.m_doneByDay[review.day] += review.dose.done;
        h.m_sessionsByDay[review.day] += 1;
        h.m_sessions << review;
    }

    // The days covered: from the first program or session to the last data.
    for (const Program &p : record.programs) {
        const QDate d = dayOf(p.createdAt, zone);
        if (!h.m_firstDay.isValid() || d < h.m_firstDay)
            h.m_firstDay = d;
    }
    for (const SessionReview &r : std::as_const(h.m_sessions)) {
        if (!h.m_firstDay.isValid() || r.day < h.m_firstDay)
            h.m_firstDay = r.day;
        if (!h.m_lastDay.isValid() || r.day > h.m_lastDay)
            h.m_lastDay = r.day;
    }
    for (const QDate &d : std::as_const(h.m_daysWithData))
        if (!h.m_lastDay.isValid() || d > h.m_lastDay)
            h.m_lastDay = d;
    if (h.m_firstDay.isValid() && !h.m_lastDay.isValid())
        h.m_lastDay = h.m_firstDay;

    // Expected dose per day: every item of every program active that day,
    // as the item was at the end of the day, days per week / 7. The value
    // changes only where an item version starts.
    for (const Program &p : record.programs) {
        ProgramDose dose;
        dose.created = dayOf(p.createdAt, zone);
        dose.stopped = p.deactivatedAt.isValid() && !p.active ? dayOf(p.deactivatedAt, zone) : QDate();
        QList<QDateTime> changes{p.createdAt};
        for (const ProgramItemVersion &v : record.itemVersions)
            if (v.programId == p.id)
                changes << v.validFrom;
        std::sort(changes.begin(), changes.end());
        changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
        for (const QDateTime &from : std::as_const(changes)) {
            auto plan = SessionPlan::fromProgram(programAt(p, record.itemVersions, from), exercises);
            if (!plan)
                return plan.error();
            double perDay = 0.0;
            for (const PlanItem &item : std::as_const(plan->items))
                perDay += unitsOf(item) * item.rx.daysPerWeek / 7.0;
            dose.steps << ExpectedFrom{from, perDay};
        }
        h.m_programDoses << dose;
    }
    return h;
}

QList<PainPoint> PatientHistory::painSeries(std::optional<PainContext> context, const QString &exerciseId) const
{
    QList<PainPoint> points;
    for (const SessionHistory &s : m_record.sessions)
        for (const SessionEvent &e : s.events) {
            if (e.kind != EventKind::PainRated || !e.pain || !e.painContext)
                continue;
            if (context && *context != *e.painContext)
                continue;
            if (!exerciseId.isEmpty() && e.exerciseId != exerciseId)
                continue;
            points << PainPoint{s.record.id, e.atMs, *e.painContext, *e.pain, e.programItemId, e.exerciseId};
        }
    std::stable_sort(points.begin(), points.end(),
                     [](const PainPoint &a, const PainPoint &b) { return a.atMs < b.atMs; });
    return points;
}

QList<PainPeriod> PatientHistory::weeklyPain(PainContext context, QDate first, QDate last) const
{
    QList<PainPeriod> weeks;
    if (!first.isValid() || !last.isValid() || last < first)
        return weeks;
    const QList<PainPoint> points = painSeries(context);
    for (QDate monday = mondayOf(first); monday <= last; monday = monday.addDays(7)) {
        PainPeriod week;
        week.first = std::max(monday, first);
        week.last = std::min(monday.addDays(6), last);
        int sum = 0;
        for (const PainPoint &p : points) {
            const QDate d = dayOf(p.atMs, m_zone);
            if (d < week.first || d > week.last)
                continue;
            ++week.ratings;
            sum += p.pain;
            week.max = std::max(week.max.value_or(0), p.pain);
        }
        week.mean = week.ratings > 0 ? double(sum) / week.ratings : 0.0;
        weeks << week;
    }
    return weeks;
}

AdherencePeriod PatientHistory::adherence(QDate first, QDate last) const
{
    AdherencePeriod period;
    period.first = first;
    period.last = last;
    if (!first.isValid() || !last.isValid() || last < first)
        return period;
    for (QDate d = first; d <= last; d = d.addDays(1)) {
        period.expected += expectedOn(d);
        period.done += m_doneByDay.value(d);
        period.sessions += m_sessionsByDay.value(d);
        if (m_daysWithData.contains(d))
            ++period.daysWithData;
    }
    return period;
}

double PatientHistory::expectedOn(QDate day) const
{
    const QDateTime end = endOf(day, m_zone);
    double expected = 0.0;
    for (const ProgramDose &p : m_programDoses) {
        if (day < p.created || (p.stopped.isValid() && day >= p.stopped))
            continue;
        double perDay = 0.0;
        for (const ExpectedFrom &step : p.steps)
            if (step.from <= end)
                perDay = step.perDay;
        expected += perDay;
    }
    return expected;
}

QList<AdherencePeriod> PatientHistory::weeklyAdherence(QDate first, QDate last) const
{
    QList<AdherencePeriod> weeks;
    if (!first.isValid() || !last.isValid() || last < first)
        return weeks;
    for (QDate monday = mondayOf(first); monday <= last; monday = monday.addDays(7))
        weeks << adherence(std::max(monday, first), std::min(monday.addDays(6), last));
    return weeks;
}

QList<AdherencePeriod> PatientHistory::thirtyDayAdherence(QDate first, QDate last) const
{
    QList<AdherencePeriod> periods;
    if (!first.isValid() || !last.isValid() || last < first)
        return periods;
    for (QDate end = last; end >= first; end = end.addDays(-30))
        periods.prepend(adherence(std::max(end.addDays(-29), first), end));
    return periods;
}

QList<PainRise> PatientHistory::painRises() const
{
    QHash<QString, PainRise> byExercise;
    QStringList order;
    for (qsizetype i = 0; i < m_sessions.size(); ++i) {
        const SessionReview &review = m_sessions.at(i);
        const int start = review.painBefore.value_or(0);
        const SessionHistory &s = m_record.sessions.at(i);
        for (const ExerciseDose &dose : review.exercises) {
            if (!byExercise.contains(dose.exerciseId)) {
                order << dose.exerciseId;
                byExercise.insert(dose.exerciseId, PainRise{dose.exerciseId});
            }
            PainRise &rise = byExercise[dose.exerciseId];
            if (dose.painStop)
                ++rise.painStops;
            if (dose.done == 0 && !dose.painStop)
                continue;
            ++rise.sessionsWorked;
            bool rose = false;
            for (const SessionEvent &e : s.events) {
                if (e.kind != EventKind::PainRated || !e.pain || e.programItemId != dose.programItemId)
                    continue;
                if (*e.pain > start) {
                    rose = true;
                    rise.largestRise = std::max(rise.largestRise, *e.pain - start);
                }
            }
            if (rose)
                ++rise.sessionsWithRise;
            if (review.painNextMorning && *review.painNextMorning > start)
                ++rise.nextMorningRises;
        }
    }
    QList<PainRise> result;
    for (const QString &id : std::as_const(order))
        result << byExercise.value(id);
    std::stable_sort(result.begin(), result.end(), [](const PainRise &a, const PainRise &b) {
        if (a.riseShare() != b.riseShare())
            return a.riseShare() > b.riseShare();
        return a.painStops > b.painStops;
    });
    return result;
}

QList<PainFlag> PatientHistory::flags() const
{
    QList<PainFlag> result;
    for (qsizetype i = 0; i < m_sessions.size(); ++i) {
        const SessionReview &review = m_sessions.at(i);
        const SessionHistory &s = m_record.sessions.at(i);
        std::optional<int> lastRating;
        for (const SessionEvent &e : s.events) {
            if (e.kind == EventKind::PainRated && e.pain) {
                lastRating = e.pain;
                if (e.painContext == PainContext::NextMorning && review.painBefore && *e.pain > *review.painBefore)
                    result << PainFlag{PainFlagKind::NextMorningRise,
                                       s.record.id,
                                       e.atMs,
                                       0,
                                       QString(),
                                       e.pain,
                                       review.painBefore,
                                       QString()};
            }
            if (e.kind == EventKind::PainStop)
                result << PainFlag{PainFlagKind::PainStop, s.record.id,  e.atMs,
                                   e.programItemId,        e.exerciseId, e.pain ? e.pain : lastRating,
                                   review.painBefore,      e.detail};
        }
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const PainFlag &a, const PainFlag &b) { return a.atMs < b.atMs; });
    return result;
}

QList<Proposal> PatientHistory::pendingProposals() const
{
    QList<Proposal> result;
    for (const Proposal &p : m_record.proposals)
        if (p.status == ProposalStatus::Pending)
            result << p;
    return result;
}

QString PatientHistory::exerciseOfItem(qint64 programItemId) const
{
    QString id;
    for (const ProgramItemVersion &v : m_record.itemVersions)
        if (v.programItemId == programItemId)
            id = v.exerciseId;
    if (!id.isEmpty())
        return id;
    for (const Program &p : m_record.programs)
        for (const ProgramItem &item : p.items)
            if (item.id == programItemId)
                return item.exerciseId;
    return {};
}

} // namespace rehabit
