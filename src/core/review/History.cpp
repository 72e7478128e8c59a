#include "rehabit/review/History.h"

#include "rehabit/engine/SessionPlan.h"
#include "rehabit/store/Store.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>
#include <tuple>

namespace rehabit {
namespace {

/// The dose one session of the plan prescribes for one item.
int unitsOf(const PlanItem &item)
{
    return int(item.units().size()) * item.repsPerUnit();
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

SessionSummary summarizeSession(const SessionHistory &session)
{
    SessionSummary summary;
    summary.record = session.record;
    std::map<qint64, ItemActivity> items;
    // A unit done is a distinct (kind, set, side, rep) of the item, as SessionDose counts it.
    QHash<qint64, QSet<QString>> units;
    QSet<qint64> quarters;
    for (const SessionEvent &e : session.events) {
        quarters.insert(e.atMs / QuarterHourMs);
        if (e.kind == EventKind::PainStop) {
            ++summary.painStops;
            if (!e.pain)
                ++summary.painStopsWithoutRating;
        }
        if (e.programItemId == 0)
            continue;
        ItemActivity &item = items[e.programItemId];
        item.programItemId = e.programItemId;
        if (e.kind == EventKind::RepDone || e.kind == EventKind::TimedEnded || e.kind == EventKind::AssessmentResult)
            units[e.programItemId].insert(QStringLiteral("%1/%2/%3/%4")
                                              .arg(toCode(e.kind))
                                              .arg(e.setIndex)
                                              .arg(e.side ? toCode(*e.side) : QString())
                                              .arg(e.repIndex));
        if (e.kind == EventKind::ExerciseSkipped)
            item.skipped = true;
        if (e.kind == EventKind::PainStop)
            ++item.painStops;
    }
    for (auto &[id, item] : items) {
        item.unitsDone = int(units.value(id).size());
        summary.items << item;
    }
    summary.quarterHours = QList<qint64>(quarters.cbegin(), quarters.cend());
    std::sort(summary.quarterHours.begin(), summary.quarterHours.end());
    return summary;
}

namespace {

/// A session's rated and pain-stop events; a pain-stop without a rating
/// takes the last rating before it.
QList<SessionEvent> painEventsOf(const QList<SessionEvent> &log)
{
    QList<SessionEvent> out;
    std::optional<int> lastRating;
    for (const SessionEvent &e : log) {
        if (e.kind == EventKind::PainRated && e.pain)
            lastRating = e.pain;
        if (e.kind == EventKind::PainStop) {
            SessionEvent stop = e;
            if (!stop.pain)
                stop.pain = lastRating;
            out << stop;
        } else if (e.pain) {
            out << e;
        }
    }
    return out;
}

} // namespace

HistoryInput HistoryInput::fromRecord(const PatientRecord &record)
{
    HistoryInput input;
    input.patient = record.patient;
    input.programs = record.programs;
    input.itemVersions = record.itemVersions;
    input.proposals = record.proposals;
    for (const SessionHistory &s : record.sessions) {
        input.sessions << summarizeSession(s);
        input.painEvents += painEventsOf(s.events);
    }
    return input;
}

Result<std::optional<HistoryInput>> HistoryInput::read(const Store &store, qint64 patientId)
{
    auto patient = store.patient(patientId);
    if (!patient)
        return patient.error();
    if (!*patient)
        return std::optional<HistoryInput>();
    HistoryInput input;
    input.patient = **patient;
    auto programs = store.programs(patientId);
    if (!programs)
        return programs.error();
    input.programs = std::move(programs).value();
    for (const Program &p : std::as_const(input.programs)) {
        auto versions = store.programItemVersions(p.id);
        if (!versions)
            return versions.error();
        input.itemVersions += *versions;
    }
    auto sessions = store.sessionSummaries(patientId);
    if (!sessions)
        return sessions.error();
    input.sessions = std::move(sessions).value();
    auto pain = store.painRatings(patientId);
    if (!pain)
        return pain.error();
    input.painEvents = std::move(pain).value();
    // A pain stop without a rating (an imported log): its session's log says
    // which rating raised it.
    for (const SessionSummary &s : std::as_const(input.sessions)) {
        if (s.painStopsWithoutRating == 0)
            continue;
        auto log = store.events(s.record.id);
        if (!log)
            return log.error();
        for (const SessionEvent &e : painEventsOf(*log))
            if (e.kind == EventKind::PainStop
                && !std::any_of(input.painEvents.cbegin(), input.painEvents.cend(),
                                [&](const SessionEvent &x) { return x.id == e.id; }))
                input.painEvents << e;
    }
    auto proposals = store.proposals(patientId, std::nullopt);
    if (!proposals)
        return proposals.error();
    input.proposals = std::move(proposals).value();
    return std::optional<HistoryInput>(std::move(input));
}

QList<PainPoint> painPointsOf(QList<SessionEvent> events)
{
    std::sort(events.begin(), events.end(), [](const SessionEvent &a, const SessionEvent &b) {
        return std::tie(a.atMs, a.sessionId, a.seq) < std::tie(b.atMs, b.sessionId, b.seq);
    });
    QList<PainPoint> points;
    points.reserve(events.size());
    for (const SessionEvent &e : std::as_const(events))
        if (e.kind == EventKind::PainRated && e.pain && e.painContext)
            points << PainPoint{e.sessionId, e.atMs, *e.painContext, *e.pain, e.programItemId, e.exerciseId};
    return points;
}

DayRange DayRange::lastDays(QDate asOf, int days)
{
    return DayRange{asOf.addDays(1 - std::max(1, days)), asOf};
}

Result<PatientHistory> PatientHistory::build(const PatientRecord &record, const QList<Exercise> &exercises,
                                             const QTimeZone &zone)
{
    return build(HistoryInput::fromRecord(record), exercises, zone);
}

Result<PatientHistory> PatientHistory::build(const HistoryInput &input, const QList<Exercise> &exercises,
                                             const QTimeZone &zone)
{
    PatientHistory h;
    h.m_patient = input.patient;
    h.m_programs = input.programs;
    h.m_itemVersions = input.itemVersions;
    h.m_proposals = input.proposals;
    h.m_zone = zone;

    // The ratings in time order, and per session its rated and pain-stop events in log order.
    h.m_pain = painPointsOf(input.painEvents);
    for (const SessionEvent &e : input.painEvents)
        h.m_painLogs[e.sessionId] << e;
    for (QList<SessionEvent> &log : h.m_painLogs)
        std::sort(log.begin(), log.end(), [](const SessionEvent &a, const SessionEvent &b) { return a.seq < b.seq; });

    if (auto added = h.addSessions(input, exercises); !added)
        return added.error();

    // The days covered: from the first program or session to the last data.
    for (const Program &p : std::as_const(h.m_programs)) {
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

    if (auto added = h.addProgramDoses(exercises); !added)
        return added.error();
    return h;
}

Result<void> PatientHistory::addSessions(const HistoryInput &input, const QList<Exercise> &exercises)
{
    QHash<qint64, const Program *> programs;
    for (const Program &p : std::as_const(m_programs))
        programs.insert(p.id, &p);
    // Prescribed against done, as the program was at the start. Plans are
    // made once per program and set of versions in force.
    QHash<QPair<qint64, QDateTime>, SessionPlan> plans;
    for (const SessionSummary &s : input.sessions) {
        SessionReview review;
        review.record = s.record;
        review.day = dayOf(s.record.startedAt, m_zone);
        if (const Program *program = programs.value(s.record.programId)) {
            QDateTime version;
            for (const ProgramItemVersion &v : std::as_const(m_itemVersions))
                if (v.programId == program->id && v.validFrom <= s.record.startedAt && !(v.validFrom < version))
                    version = v.validFrom;
            const QPair<qint64, QDateTime> key{program->id, version};
            if (!plans.contains(key)) {
                auto plan =
                    SessionPlan::fromProgram(programAt(*program, m_itemVersions, s.record.startedAt), exercises);
                if (!plan)
                    return plan.error();
                plans.insert(key, *plan);
            }
            const SessionPlan &plan = plans[key];
            for (const PlanItem &item : plan.items) {
                const auto done = std::find_if(s.items.cbegin(), s.items.cend(), [&](const ItemActivity &a) {
                    return a.programItemId == item.programItemId;
                });
                ExerciseDose dose;
                dose.programItemId = item.programItemId;
                dose.exerciseId = item.exercise.id;
                dose.prescribed = unitsOf(item);
                dose.done = done == s.items.cend() ? 0 : std::min(dose.prescribed, done->unitsDone);
                dose.skipped = done != s.items.cend() && done->skipped;
                dose.painStop = done != s.items.cend() && done->painStops > 0;
                review.dose.prescribed += dose.prescribed;
                review.dose.done += dose.done;
                review.exercises << dose;
            }
        }
        review.painStop = s.painStops > 0;
        review.flagged = s.record.flagged || review.painStop;
        for (const SessionEvent &e : m_painLogs.value(s.record.id)) {
            review.flagged = review.flagged || flagsSession(e);
            if (e.kind != EventKind::PainRated || !e.pain || !e.painContext)
                continue;
            switch (*e.painContext) {
            case PainContext::BeforeSession: review.painBefore = *e.pain; break;
            case PainContext::AfterSession: review.painAfter = *e.pain; break;
            case PainContext::NextMorning: review.painNextMorning = *e.pain; break;
            case PainContext::During:
            case PainContext::AfterExercise:
                for (ExerciseDose &d : review.exercises)
                    if (e.programItemId != 0 && d.programItemId == e.programItemId)
                        d.maxPain = std::max(d.maxPain.value_or(0), *e.pain);
                break;
            }
        }
        for (const qint64 quarter : s.quarterHours)
            m_daysWithData.insert(dayOf(quarter * QuarterHourMs, m_zone));
        if (review.painBefore)
            for (const SessionEvent &e : m_painLogs.value(s.record.id))
                if (e.kind == EventKind::PainRated && e.pain && e.painContext == PainContext::NextMorning
                    && *e.pain > *review.painBefore)
                    review.flagged = true; // a next-morning rise, as flags() lists it
        m_doneByDay[review.day] += review.dose.done;
        m_sessionsByDay[review.day] += 1;
        m_sessions << review;
    }
    return {};
}

Result<void> PatientHistory::addProgramDoses(const QList<Exercise> &exercises)
{
    // Expected dose per day: every item of every program active that day,
    // as the item was at the end of the day, days per week / 7. The value
    // changes only where an item version starts.
    for (const Program &p : std::as_const(m_programs)) {
        ProgramDose dose;
        dose.created = dayOf(p.createdAt, m_zone);
        dose.stopped = p.deactivatedAt.isValid() && !p.active ? dayOf(p.deactivatedAt, m_zone) : QDate();
        QList<QDateTime> changes{p.createdAt};
        for (const ProgramItemVersion &v : std::as_const(m_itemVersions))
            if (v.programId == p.id)
                changes << v.validFrom;
        std::sort(changes.begin(), changes.end());
        changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
        for (const QDateTime &from : std::as_const(changes)) {
            auto plan = SessionPlan::fromProgram(programAt(p, m_itemVersions, from), exercises);
            if (!plan)
                return plan.error();
            double perDay = 0.0;
            for (const PlanItem &item : std::as_const(plan->items))
                perDay += unitsOf(item) * item.rx.daysPerWeek / 7.0;
            dose.steps << ExpectedFrom{from, perDay};
        }
        m_programDoses << dose;
    }
    return {};
}

QList<PainPoint> PatientHistory::painSeries(std::optional<PainContext> context, const QString &exerciseId) const
{
    QList<PainPoint> points;
    for (const PainPoint &p : m_pain)
        if ((!context || *context == p.context) && (exerciseId.isEmpty() || p.exerciseId == exerciseId))
            points << p;
    return points;
}

QDate PatientHistory::dayOfMs(qint64 atMs) const
{
    return dayOf(atMs, m_zone);
}

QList<DailyPain> PatientHistory::daily(const QList<PainPoint> &points, bool highest) const
{
    std::map<QDate, int> byDay;
    for (const PainPoint &p : points) {
        const QDate d = dayOf(p.atMs, m_zone);
        const auto it = byDay.find(d);
        if (it == byDay.end())
            byDay.emplace(d, p.pain);
        else
            it->second = highest ? std::max(it->second, p.pain) : p.pain;
    }
    QList<DailyPain> out;
    out.reserve(qsizetype(byDay.size()));
    for (const auto &[day, pain] : byDay)
        out << DailyPain{day, pain};
    return out;
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
    for (const SessionReview &review : m_sessions) {
        const int start = review.painBefore.value_or(0);
        const QList<SessionEvent> log = m_painLogs.value(review.record.id);
        for (const ExerciseDose &dose : review.exercises) {
            if (!byExercise.contains(dose.exerciseId)) {
                order << dose.exerciseId;
                byExercise.insert(dose.exerciseId, PainRise{dose.exerciseId});
            }
            PainRise &rise = byExercise[dose.exerciseId];
            for (const SessionEvent &e : log) {
                if (e.programItemId != dose.programItemId)
                    continue;
                // A stop after the exercise's last unit (its after-exercise rating) stopped nothing of it.
                if (e.kind == EventKind::PainStop && e.painContext != PainContext::AfterExercise)
                    ++rise.painStops;
                if (e.kind == EventKind::PainRated && e.painContext == PainContext::AfterExercise && e.pain
                    && *e.pain > kPainFlagAbove)
                    ++rise.ratingsAbove5After;
            }
            if (dose.done == 0 && !dose.painStop)
                continue;
            ++rise.sessionsWorked;
            bool rose = false;
            for (const SessionEvent &e : log) {
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

QString toCode(PainFlagKind kind)
{
    switch (kind) {
    case PainFlagKind::PainStop: return QStringLiteral("pain-stop");
    case PainFlagKind::NextMorningRise: return QStringLiteral("next-morning-rise");
    case PainFlagKind::PainAboveLimit: return QStringLiteral("pain-above-limit");
    }
    return {};
}

QList<PainFlag> PatientHistory::flags() const
{
    QList<PainFlag> result;
    for (const SessionReview &review : m_sessions) {
        const qint64 id = review.record.id;
        std::optional<PainFlag> highest; // the session's highest rating above the limit, first of equals
        for (const SessionEvent &e : m_painLogs.value(id)) {
            if (e.kind == EventKind::PainRated && e.pain && *e.pain > kPainFlagAbove
                && (!highest || *e.pain > *highest->pain))
                highest = PainFlag{PainFlagKind::PainAboveLimit,
                                   id,
                                   e.atMs,
                                   e.programItemId,
                                   e.exerciseId,
                                   e.pain,
                                   review.painBefore,
                                   QString()};
            if (e.kind == EventKind::PainRated && e.pain && e.painContext == PainContext::NextMorning
                && review.painBefore && *e.pain > *review.painBefore)
                result << PainFlag{
                    PainFlagKind::NextMorningRise, id, e.atMs, 0, QString(), e.pain, review.painBefore, QString()};
            // A stop logged without a rating carries the last one before it (HistoryInput).
            if (e.kind == EventKind::PainStop)
                result << PainFlag{PainFlagKind::PainStop, id,      e.atMs, e.programItemId, e.exerciseId, e.pain,
                                   review.painBefore,      e.detail};
        }
        if (highest)
            result << *highest;
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const PainFlag &a, const PainFlag &b) { return a.atMs < b.atMs; });
    return result;
}

QList<Proposal> PatientHistory::pendingProposals() const
{
    QList<Proposal> result;
    for (const Proposal &p : m_proposals)
        if (p.status == ProposalStatus::Pending)
            result << p;
    return result;
}

QString PatientHistory::exerciseOfItem(qint64 programItemId) const
{
    QString id;
    for (const ProgramItemVersion &v : m_itemVersions)
        if (v.programItemId == programItemId)
            id = v.exerciseId;
    if (!id.isEmpty())
        return id;
    for (const Program &p : m_programs)
        for (const ProgramItem &item : p.items)
            if (item.id == programItemId)
                return item.exerciseId;
    return {};
}

std::optional<Program> PatientHistory::programOf(const SessionRecord &session) const
{
    for (const Program &p : m_programs)
        if (p.id == session.programId)
            return programAt(p, m_itemVersions, session.startedAt);
    return std::nullopt;
}

ReviewFigures ReviewFigures::of(const PatientHistory &h, QDate asOf)
{
    ReviewFigures f;
    f.asOf = asOf;
    const DayRange month = DayRange::lastDays(asOf, 30);
    const DayRange week = DayRange::lastDays(asOf, 7);
    f.last30 = h.adherence(month.first, month.last);
    f.last7 = h.adherence(week.first, week.last);
    if (h.firstDay().isValid() && h.firstDay() <= asOf)
        f.weeks = h.weeklyAdherence(h.firstDay(), asOf);
    // Every before-session rating counts once: three sessions of a day are three ratings.
    const QList<PainPoint> before = h.painSeries(PainContext::BeforeSession);
    const auto mean = [&](QDate from, QDate to) -> std::optional<double> {
        double sum = 0;
        int n = 0;
        for (const PainPoint &p : before)
            if (const QDate d = h.dayOfMs(p.atMs); d >= from && d <= to) {
                sum += p.pain;
                ++n;
            }
        return n ? std::optional<double>(sum / n) : std::nullopt;
    };
    f.painLast7 = mean(week.first, week.last);
    f.painPrevious30 = mean(week.first.addDays(-30), week.first.addDays(-1));
    for (const SessionReview &s : h.sessions())
        f.flaggedLast30 += s.flagged && month.contains(s.day) ? 1 : 0;
    return f;
}

} // namespace rehabit
