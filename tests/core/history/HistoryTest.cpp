// History figures on a fixed, hand-counted history: prescribed against done
// per session and exercise, adherence as dose and as days with data, pain
// series and weekly means, which exercise coincides with pain rises, flags.
//
// The program (created Monday 2025-03-03 08:00 UTC):
//   item 11 learning-to-brace: 2 sets x 20 holds, both sides, 7 days a week
//           -> 40 units a session, 40 expected a day
//   item 12 marching-resisted-bridge: 2 sets x 14 reps alternating, 5 days a
//           week -> 28 units a session, 28 x 5 / 7 = 20 expected a day
// From 2025-03-12 12:00 brace has 3 sets (60 a session) and the bridge 7 days
// a week (28 a day); the program is stopped on 2025-03-14 10:00.

#include "RehabitCatch.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/review/History.h"
#include "rehabit/store/Store.h"

#include <QTemporaryDir>

using namespace rehabit;

namespace {

constexpr qint64 Brace = 11;
constexpr qint64 Bridge = 12;

QDateTime utc(const char *text)
{
    return QDateTime::fromString(QLatin1String(text), Qt::ISODate).toUTC();
}
qint64 ms(const char *text)
{
    return utc(text).toMSecsSinceEpoch();
}
QDate day(const char *text)
{
    return QDate::fromString(QLatin1String(text), Qt::ISODate);
}

QList<Exercise> catalog()
{
    const auto c = CatalogJson::bundled();
    REQUIRE(c.ok());
    return c->exercises;
}

Exercise exercise(const QString &id)
{
    for (const Exercise &e : catalog())
        if (e.id == id)
            return e;
    FAIL("no exercise " << id.toStdString());
    return {};
}

class Builder {
public:
    /// Adds sessions after those `record` has (ids go on from theirs).
    explicit Builder(PatientRecord &record)
        : m_record(record)
        , m_sessionId(record.sessions.isEmpty() ? 0 : record.sessions.constLast().record.id)
    {}

    SessionHistory &session(const char *start)
    {
        SessionHistory s;
        s.record.id = ++m_sessionId;
        s.record.patientId = 1;
        s.record.programId = 1;
        s.record.startedAt = utc(start);
        s.record.endedAt = s.record.startedAt.addSecs(1800);
        s.record.status = SessionStatus::Completed;
        m_at = s.record.startedAt.toMSecsSinceEpoch();
        m_record.sessions << s;
        add(EventKind::SessionStarted);
        return m_record.sessions.last();
    }
    SessionEvent &add(EventKind kind, qint64 item = 0)
    {
        SessionHistory &s = m_record.sessions.last();
        SessionEvent e;
        e.sessionId = s.record.id;
        e.seq = int(s.events.size()) + 1;
        e.atMs = m_at += 1000;
        e.kind = kind;
        e.programItemId = item;
        if (item == Brace)
            e.exerciseId = QStringLiteral("learning-to-brace");
        if (item == Bridge)
            e.exerciseId = QStringLiteral("marching-resisted-bridge");
        s.events << e;
        return s.events.last();
    }
    void pain(int value, PainContext context, qint64 item = 0, qint64 atMs = 0)
    {
        SessionEvent &e = add(EventKind::PainRated, item);
        e.pain = value;
        e.painContext = context;
        if (atMs)
            e.atMs = atMs;
    }
    /// `count` reps of one set (each on both sides for the brace, alternating for the bridge).
    void reps(qint64 item, int set, int count)
    {
        for (int rep = 1; rep <= count; ++rep) {
            SessionEvent &e = add(EventKind::RepDone, item);
            e.setIndex = set;
            e.repIndex = rep;
            e.side = item == Brace ? Side::Both : (rep % 2 == 1 ? Side::Left : Side::Right);
        }
    }

private:
    PatientRecord &m_record;
    qint64 m_sessionId = 0;
    qint64 m_at = 0;
};

PatientRecord fixedHistory()
{
    PatientRecord r;
    r.patient = Patient{1, QStringLiteral("Demo Fixed"), utc("2025-03-03T08:00:00Z"), false};
    Program p;
    p.id = 1;
    p.patientId = 1;
    p.name = QStringLiteral("Core and strength");
    p.createdAt = utc("2025-03-03T08:00:00Z");
    p.active = false;
    p.deactivatedAt = utc("2025-03-14T10:00:00Z");
    Prescription brace = defaultPrescription(exercise(QStringLiteral("learning-to-brace")));
    REQUIRE(brace.sets == 2);
    REQUIRE(brace.reps == 20);
    Prescription bridge = defaultPrescription(exercise(QStringLiteral("marching-resisted-bridge")));
    bridge.reps = 14;
    bridge.daysPerWeek = 5;
    REQUIRE(bridge.sides == Sides::Alternating);
    p.items = {ProgramItem{Brace, 0, QStringLiteral("learning-to-brace"), brace},
               ProgramItem{Bridge, 1, QStringLiteral("marching-resisted-bridge"), bridge}};
    r.itemVersions = {
        ProgramItemVersion{1, Brace, p.createdAt, false, 0, QStringLiteral("learning-to-brace"), brace},
        ProgramItemVersion{1, Bridge, p.createdAt, false, 1, QStringLiteral("marching-resisted-bridge"), bridge}};
    brace.sets = 3;
    bridge.daysPerWeek = 7;
    r.itemVersions << ProgramItemVersion{1,     Brace, utc("2025-03-12T12:00:00Z"),
                                         false, 0,     QStringLiteral("learning-to-brace"),
                                         brace}
                   << ProgramItemVersion{1,     Bridge, utc("2025-03-12T12:00:00Z"),
                                         false, 1,      QStringLiteral("marching-resisted-bridge"),
                                         bridge};
    p.items[0].rx = brace;
    p.items[1].rx = bridge;
    r.programs << p;

    Builder b(r);
    // Monday: everything; the bridge hurts (4 > 2); next morning 4.
    b.session("2025-03-03T09:00:00Z");
    b.pain(2, PainContext::BeforeSession);
    b.reps(Brace, 1, 20);
    b.reps(Brace, 2, 20);
    b.pain(2, PainContext::AfterExercise, Brace);
    b.reps(Bridge, 1, 14);
    b.reps(Bridge, 2, 14);
    b.pain(4, PainContext::During, Bridge);
    b.pain(3, PainContext::AfterSession);
    b.pain(4, PainContext::NextMorning, 0, ms("2025-03-04T07:00:00Z"));
    // Wednesday: one set of the brace, the bridge skipped.
    b.session("2025-03-05T09:00:00Z");
    b.pain(1, PainContext::BeforeSession);
    b.reps(Brace, 1, 20);
    b.add(EventKind::ExerciseSkipped, Bridge);
    b.pain(1, PainContext::AfterSession);
    // Sunday: the brace, then the bridge stopped by pain after one set.
    SessionHistory &sunday = b.session("2025-03-09T09:00:00Z");
    sunday.record.flagged = true;
    b.pain(2, PainContext::BeforeSession);
    b.reps(Brace, 1, 20);
    b.reps(Brace, 2, 20);
    b.reps(Bridge, 1, 14);
    b.pain(6, PainContext::During, Bridge);
    SessionEvent &stop = b.add(EventKind::PainStop, Bridge);
    stop.pain = 6;
    stop.painContext = PainContext::During;
    stop.detail = QStringLiteral("rose-above-start");
    // Monday of week 2: everything.
    b.session("2025-03-10T09:00:00Z");
    b.pain(1, PainContext::BeforeSession);
    b.reps(Brace, 1, 20);
    b.reps(Brace, 2, 20);
    b.reps(Bridge, 1, 14);
    b.reps(Bridge, 2, 14);
    // Thursday 13th, after the change: two of the three brace sets.
    b.session("2025-03-13T09:00:00Z");
    b.reps(Brace, 1, 20);
    b.reps(Brace, 2, 20);

    Proposal pending;
    pending.id = 1;
    pending.programItemId = Bridge;
    pending.sessionId = 3;
    pending.kind = ProposalKind::Regress;
    pending.reason = QStringLiteral("Pain rose during the bridge");
    pending.createdAt = utc("2025-03-09T09:30:00Z");
    Proposal decided = pending;
    decided.id = 2;
    decided.status = ProposalStatus::Declined;
    decided.decidedAt = utc("2025-03-10T08:00:00Z");
    r.proposals = {decided, pending};
    return r;
}

PatientHistory history()
{
    auto h = PatientHistory::build(fixedHistory(), catalog(), QTimeZone::utc());
    INFO((h.ok() ? QString() : h.error().text()).toStdString());
    REQUIRE(h.ok());
    return *h;
}

} // namespace

TEST_CASE("Each session is compared with the prescription of its own day, per exercise")
{
    const PatientHistory h = history();
    REQUIRE(h.sessions().size() == 5);
    const SessionReview &monday = h.sessions().at(0);
    CHECK(monday.day == day("2025-03-03"));
    CHECK(monday.dose.prescribed == 68);
    CHECK(monday.dose.done == 68);
    CHECK(monday.painBefore == 2);
    CHECK(monday.painAfter == 3);
    CHECK(monday.painNextMorning == 4);

    const SessionReview &wednesday = h.sessions().at(1);
    REQUIRE(wednesday.exercises.size() == 2);
    CHECK(wednesday.exercises.at(0)
          == ExerciseDose{Brace, QStringLiteral("learning-to-brace"), 40, 20, false, false, std::nullopt});
    CHECK(wednesday.exercises.at(1).skipped);
    CHECK(wednesday.exercises.at(1).done == 0);

    const SessionReview &sunday = h.sessions().at(2);
    CHECK(sunday.painStop);
    CHECK(sunday.exercises.at(1).painStop);
    CHECK(sunday.exercises.at(1).done == 14);
    CHECK(sunday.exercises.at(1).maxPain == 6);
    CHECK(sunday.exercises.at(1).share() == Approx(0.5));

    // After the change of 12 March the brace has 3 sets: 60 prescribed, 40 done.
    const SessionReview &thursday = h.sessions().at(4);
    CHECK(thursday.exercises.at(0).prescribed == 60);
    CHECK(thursday.exercises.at(0).done == 40);
    CHECK(thursday.dose.prescribed == 88);
}

TEST_CASE("Adherence as dose counts every prescribed day, with days per week, and days with data count logged days")
{
    const PatientHistory h = history();
    CHECK(h.firstDay() == day("2025-03-03"));
    CHECK(h.lastDay() == day("2025-03-13"));

    // Week 1: 7 days x (40 + 20) = 420 expected; 68 + 20 + 54 done; data on
    // the 3rd, 4th (next-morning rating), 5th and 9th.
    const AdherencePeriod week1 = h.adherence(day("2025-03-03"), day("2025-03-09"));
    CHECK(week1.expected == Approx(420.0));
    CHECK(week1.done == 142);
    CHECK(week1.doseShare() == Approx(142.0 / 420.0));
    CHECK(week1.daysWithData == 4);
    CHECK(week1.sessions == 3);
    CHECK(week1.days() == 7);

    // Days around the change and the stop.
    CHECK(h.adherence(day("2025-03-11"), day("2025-03-11")).expected == Approx(60.0));
    CHECK(h.adherence(day("2025-03-12"), day("2025-03-12")).expected == Approx(88.0));
    CHECK(h.adherence(day("2025-03-14"), day("2025-03-14")).expected == Approx(0.0));

    const auto weeks = h.weeklyAdherence(day("2025-03-05"), day("2025-03-16"));
    REQUIRE(weeks.size() == 2);
    CHECK(weeks.at(0).first == day("2025-03-05"));
    CHECK(weeks.at(0).last == day("2025-03-09"));
    CHECK(weeks.at(0).expected == Approx(300.0));
    CHECK(weeks.at(0).done == 74);
    CHECK(weeks.at(1).first == day("2025-03-10"));
    CHECK(weeks.at(1).last == day("2025-03-16"));
    // 10th, 11th: 60 each; 12th, 13th: 88 each; stopped from the 14th.
    CHECK(weeks.at(1).expected == Approx(296.0));
    CHECK(weeks.at(1).done == 108);
    CHECK(weeks.at(1).daysWithData == 2);

    const auto months = h.thirtyDayAdherence(day("2025-02-01"), day("2025-03-10"));
    REQUIRE(months.size() == 2);
    CHECK(months.at(0).first == day("2025-02-01"));
    CHECK(months.at(0).last == day("2025-02-08"));
    CHECK(months.at(0).expected == Approx(0.0));
    CHECK(months.at(1).first == day("2025-02-09"));
    CHECK(months.at(1).last == day("2025-03-10"));
    CHECK(months.at(1).days() == 30);
    CHECK(months.at(1).expected == Approx(480.0));
    CHECK(months.at(1).done == 210);
    CHECK(months.at(1).daysWithData == 5);
}

TEST_CASE("Pain series by context and exercise, and weekly means of the before-session pain")
{
    const PatientHistory h = history();
    CHECK(h.painSeries().size() == 10);
    const auto before = h.painSeries(PainContext::BeforeSession);
    REQUIRE(before.size() == 4);
    CHECK(before.at(0).pain == 2);
    CHECK(before.at(3).pain == 1);
    const auto bridge = h.painSeries(std::nullopt, QStringLiteral("marching-resisted-bridge"));
    REQUIRE(bridge.size() == 2);
    CHECK(bridge.at(0).pain == 4);
    CHECK(bridge.at(1).pain == 6);
    const auto morning = h.painSeries(PainContext::NextMorning);
    REQUIRE(morning.size() == 1);
    CHECK(morning.first().atMs == ms("2025-03-04T07:00:00Z"));

    const auto weeks = h.weeklyPain(PainContext::BeforeSession, day("2025-03-03"), day("2025-03-16"));
    REQUIRE(weeks.size() == 2);
    CHECK(weeks.at(0).ratings == 3);
    CHECK(weeks.at(0).mean == Approx(5.0 / 3.0));
    CHECK(weeks.at(0).max == 2);
    CHECK(weeks.at(1).ratings == 1);
    CHECK(weeks.at(1).mean == Approx(1.0));
}

TEST_CASE("The exercise that coincides with pain rises comes first, with its stops and next-morning rises")
{
    const PatientHistory h = history();
    const auto rises = h.painRises();
    REQUIRE(rises.size() == 2);
    const PainRise &bridge = rises.at(0);
    CHECK(bridge.exerciseId == QStringLiteral("marching-resisted-bridge"));
    CHECK(bridge.sessionsWorked == 3);
    CHECK(bridge.sessionsWithRise == 2);
    CHECK(bridge.painStops == 1);
    CHECK(bridge.largestRise == 4);
    CHECK(bridge.nextMorningRises == 1);
    const PainRise &brace = rises.at(1);
    CHECK(brace.exerciseId == QStringLiteral("learning-to-brace"));
    CHECK(brace.sessionsWorked == 5);
    CHECK(brace.sessionsWithRise == 0);
    CHECK(brace.nextMorningRises == 1);
}

TEST_CASE("Flags list pain stops, ratings above 5 and next-morning rises in time order; only pending proposals are "
          "pending")
{
    const PatientHistory h = history();
    const auto flags = h.flags();
    REQUIRE(flags.size() == 3);
    CHECK(flags.at(0).kind == PainFlagKind::NextMorningRise);
    CHECK(flags.at(0).pain == 4);
    CHECK(flags.at(0).start == 2);
    // Sunday's 6/10 is above the limit, and it stopped the bridge.
    CHECK(flags.at(1).kind == PainFlagKind::PainAboveLimit);
    CHECK(flags.at(1).pain == 6);
    CHECK(flags.at(2).kind == PainFlagKind::PainStop);
    CHECK(flags.at(2).exerciseId == QStringLiteral("marching-resisted-bridge"));
    CHECK(flags.at(2).pain == 6);
    CHECK(flags.at(2).detail == QStringLiteral("rose-above-start"));

    const auto pending = h.pendingProposals();
    REQUIRE(pending.size() == 1);
    CHECK(pending.first().id == 1);
    CHECK(h.exerciseOfItem(Bridge) == QStringLiteral("marching-resisted-bridge"));
}

TEST_CASE("Calendar days follow the time zone given")
{
    // 23:30 UTC on the 5th is already the 6th in Berlin.
    PatientRecord r = fixedHistory();
    r.sessions[1].record.startedAt = utc("2025-03-05T23:30:00Z");
    auto berlin = PatientHistory::build(r, catalog(), QTimeZone(QByteArrayLiteral("Europe/Berlin")));
    REQUIRE(berlin.ok());
    CHECK(berlin->sessions().at(1).day == day("2025-03-06"));
    auto utcHistory = PatientHistory::build(r, catalog(), QTimeZone::utc());
    REQUIRE(utcHistory.ok());
    CHECK(utcHistory->sessions().at(1).day == day("2025-03-05"));
}

namespace {

/// The fixed history and a sixth session with what the store must sum the
/// same way: a redone rep, a rep index of 5000, a pain stop logged without a rating, a rating
/// given 10 minutes before midnight in Berlin and one after it.
PatientRecord fixedHistoryWithEdges()
{
    PatientRecord r = fixedHistory();
    r.programs[0].active = true;
    r.programs[0].deactivatedAt = QDateTime();
    Builder b(r);
    SessionHistory &late = b.session("2025-03-15T22:40:00Z");
    b.pain(3, PainContext::BeforeSession);
    b.reps(Brace, 1, 3);
    SessionEvent &redone = b.add(EventKind::RepDone, Brace);
    redone.setIndex = 1;
    redone.repIndex = 3;
    redone.side = Side::Both;
    SessionEvent &far = b.add(EventKind::RepDone, Brace); // a rep index beyond the store's short unit code
    far.setIndex = 2;
    far.repIndex = 5000;
    far.side = Side::Both;
    b.pain(5, PainContext::During, Brace, ms("2025-03-15T22:50:00Z"));
    SessionEvent &stop = b.add(EventKind::PainStop, Brace);
    stop.atMs = ms("2025-03-15T23:05:00Z");
    stop.detail = QStringLiteral("above-5");
    b.pain(6, PainContext::NextMorning, 0, ms("2025-03-16T07:00:00Z"));
    late.record.status = SessionStatus::Partial;
    late.record.id = 6; // a new builder counts from 1
    for (SessionEvent &e : late.events)
        e.sessionId = late.record.id;
    return r;
}

} // namespace

TEST_CASE("The store's review queries give the figures of the whole record, by the same definitions")
{
    QTemporaryDir dir;
    auto store = openSqliteStore(dir.filePath(QStringLiteral("history.sqlite")));
    REQUIRE(store.ok());
    const auto bundled = CatalogJson::bundled();
    REQUIRE(bundled.ok());
    REQUIRE((*store)->importCatalog(*bundled, ExerciseOrigin::Bundled).ok());
    const auto added = (*store)->addPatientRecord(fixedHistoryWithEdges(), RecordUuids::Keep);
    INFO((added.ok() ? QString() : added.error().text()).toStdString());
    REQUIRE(added.ok());
    const auto record = (*store)->patientRecord(*added);
    REQUIRE(record.ok());
    REQUIRE(record->has_value());

    // Summed by SQL, or in memory from the log read back: the same.
    const auto summaries = (*store)->sessionSummaries(*added);
    REQUIRE(summaries.ok());
    REQUIRE(summaries->size() == (*record)->sessions.size());
    for (qsizetype i = 0; i < summaries->size(); ++i)
        CHECK(summaries->at(i) == summarizeSession((*record)->sessions.at(i)));
    const SessionSummary &late = summaries->last();
    REQUIRE(late.items.size() == 1);
    CHECK(late.items.first().unitsDone == 4); // the redone rep counts once
    CHECK(late.painStopsWithoutRating == 1);

    // The pain ratings: the pain events with what the review reads of them.
    const auto ratings = (*store)->painRatings(*added);
    const auto painEvents = (*store)->painEvents(*added);
    REQUIRE(ratings.ok());
    REQUIRE(painEvents.ok());
    REQUIRE(ratings->size() == painEvents->size());
    for (qsizetype i = 0; i < ratings->size(); ++i) {
        SessionEvent full = painEvents->at(i);
        full.id = 0;
        full.setIndex = full.repIndex = 0;
        full.side.reset();
        full.holdMs.reset();
        CHECK(ratings->at(i) == full);
    }

    const auto input = HistoryInput::read(**store, *added);
    REQUIRE(input.ok());
    REQUIRE(input->has_value());
    for (const QTimeZone &zone : {QTimeZone::utc(), QTimeZone(QByteArrayLiteral("Europe/Berlin"))}) {
        const auto fromStore = PatientHistory::build(**input, catalog(), zone);
        const auto fromRecord = PatientHistory::build(**record, catalog(), zone);
        REQUIRE(fromStore.ok());
        REQUIRE(fromRecord.ok());
        REQUIRE(fromStore->sessions().size() == fromRecord->sessions().size());
        for (qsizetype i = 0; i < fromStore->sessions().size(); ++i) {
            const SessionReview &a = fromStore->sessions().at(i);
            const SessionReview &b = fromRecord->sessions().at(i);
            CHECK(a.record == b.record);
            CHECK(a.day == b.day);
            CHECK(a.dose.done == b.dose.done);
            CHECK(a.dose.prescribed == b.dose.prescribed);
            CHECK(a.exercises == b.exercises);
            CHECK(a.painBefore == b.painBefore);
            CHECK(a.painAfter == b.painAfter);
            CHECK(a.painNextMorning == b.painNextMorning);
            CHECK(a.painStop == b.painStop);
        }
        CHECK(fromStore->painSeries() == fromRecord->painSeries());
        CHECK(fromStore->flags() == fromRecord->flags());
        CHECK(fromStore->painRises() == fromRecord->painRises());
        CHECK(fromStore->firstDay() == fromRecord->firstDay());
        CHECK(fromStore->lastDay() == fromRecord->lastDay());
        CHECK(fromStore->pendingProposals() == fromRecord->pendingProposals());
        const QDate asOf = day("2025-03-16");
        const ReviewFigures a = ReviewFigures::of(*fromStore, asOf);
        const ReviewFigures b = ReviewFigures::of(*fromRecord, asOf);
        CHECK(a.last30 == b.last30);
        CHECK(a.last7 == b.last7);
        CHECK(a.weeks == b.weeks);
        CHECK(a.painLast7 == b.painLast7);
        CHECK(a.flaggedLast30 == b.flaggedLast30);
    }
    // The stop without a rating is flagged with the rating before it.
    const auto h = PatientHistory::build(**input, catalog(), QTimeZone::utc());
    REQUIRE(h.ok());
    const QList<PainFlag> flags = h->flags(); // a copy: flags() returns by value
    const auto last = std::find_if(flags.crbegin(), flags.crend(),
                                   [](const PainFlag &f) { return f.kind == PainFlagKind::PainStop; });
    REQUIRE(last != flags.crend());
    const PainFlag &lastStop = *last;
    CHECK(lastStop.pain == 5);
    // Days with data in Berlin: the 15th (22:40 UTC is 23:40) and the 16th (the stop at 00:05, the next morning).
    const auto berlin = PatientHistory::build(**input, catalog(), QTimeZone(QByteArrayLiteral("Europe/Berlin")));
    REQUIRE(berlin.ok());
    CHECK(berlin->adherence(day("2025-03-15"), day("2025-03-16")).daysWithData == 2);
    CHECK(berlin->adherence(day("2025-03-16"), day("2025-03-16")).daysWithData == 1);
}

TEST_CASE("The last 30 days are the 30 calendar days ending on the as-of day")
{
    const DayRange month = DayRange::lastDays(day("2025-03-16"), 30);
    CHECK(month.first == day("2025-02-15"));
    CHECK(month.last == day("2025-03-16"));
    const ReviewFigures f = ReviewFigures::of(history(), day("2025-03-16"));
    CHECK(f.last30.first == day("2025-02-15"));
    CHECK(f.last30.days() == 30);
    CHECK(f.last7.first == day("2025-03-10"));
    // Monday's next-morning rise and Sunday's stop: a flagged session is one with a flag in the list.
    CHECK(f.flaggedLast30 == 2);
    REQUIRE_FALSE(f.weeks.isEmpty());
    CHECK(f.weeks.first().first == day("2025-03-03"));
    CHECK(f.weeks.last().last == day("2025-03-16"));
    // As of a day before the history, nothing was expected or done.
    const ReviewFigures before = ReviewFigures::of(history(), day("2025-02-01"));
    CHECK(before.last30.done == 0);
    CHECK(before.weeks.isEmpty());
}

TEST_CASE("A session with a rating above 5 is flagged though no rule stopped it, and counts in the 30-day card")
{
    PatientRecord r = fixedHistory();
    Builder b(r);
    // Pain 10 all along: the strict rule lets the same pain go on, so nothing stopped and nothing was stored as flagged.
    SessionHistory &ten = b.session("2025-03-15T09:00:00Z");
    REQUIRE_FALSE(ten.record.flagged);
    b.pain(10, PainContext::BeforeSession);
    b.reps(Brace, 1, 20);
    b.pain(9, PainContext::During, Brace);
    b.pain(10, PainContext::AfterSession);
    const auto h = PatientHistory::build(r, catalog(), QTimeZone::utc());
    REQUIRE(h.ok());
    const SessionReview &last = h->sessions().constLast();
    CHECK(last.flagged);
    CHECK_FALSE(last.painStop);
    const auto flags = h->flags();
    REQUIRE_FALSE(flags.isEmpty());
    const PainFlag &flag = flags.constLast();
    CHECK(flag.kind == PainFlagKind::PainAboveLimit);
    CHECK(toCode(flag.kind) == QStringLiteral("pain-above-limit"));
    CHECK(flag.pain == 10);
    CHECK(flag.sessionId == last.record.id);
    // One flag for the session (its first highest rating), not one per rating.
    CHECK(std::count_if(flags.cbegin(), flags.cend(), [&](const PainFlag &f) { return f.sessionId == last.record.id; })
          == 1);
    // Three sessions of the month have a flag: the next-morning rise, the stop, the 10/10.
    CHECK(ReviewFigures::of(*h, day("2025-03-16")).flaggedLast30 == 3);
}

TEST_CASE("The before-session pain of a period is the mean of every session's rating, three on a day included")
{
    PatientRecord r = fixedHistory();
    Builder b(r);
    for (const auto &[start, pain] : {std::pair{"2025-03-15T08:00:00Z", 2}, std::pair{"2025-03-15T12:00:00Z", 1},
                                      std::pair{"2025-03-15T18:00:00Z", 10}}) {
        b.session(start);
        b.pain(pain, PainContext::BeforeSession);
    }
    const auto h = PatientHistory::build(r, catalog(), QTimeZone::utc());
    REQUIRE(h.ok());
    // As of the 15th, the last 7 days are the 9th to the 15th: the 9th (2), the 10th (1) and the three of the 15th.
    const ReviewFigures f = ReviewFigures::of(*h, day("2025-03-15"));
    REQUIRE(f.painLast7);
    CHECK(*f.painLast7 == Approx((2.0 + 1.0 + 2.0 + 1.0 + 10.0) / 5));
}
