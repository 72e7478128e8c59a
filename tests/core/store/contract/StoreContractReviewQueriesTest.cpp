// The store's contract, the review's queries: Store::sessionSummaries sums
// each session's log by the definitions of rehabit::summarizeSession, and
// Store::painRatings gives the rated events with what the review reads of
// them. On every backend (StoreFactory.h).

#include "StoreContractFixture.h"

#include "rehabit/review/History.h"

using namespace rehabit;
using namespace rehabit::test;

namespace {

using Fixture = ContractFixture;

/// Appends events to one session, each a second after the one before.
struct EventLog {
    Store &store;
    qint64 sessionId;
    qint64 ms;

    SessionEvent &&add(SessionEvent &&e)
    {
        e.sessionId = sessionId;
        e.atMs = ms += 1000;
        const auto saved = store.appendEvent(e);
        INFO(errorText(saved));
        REQUIRE(saved.ok());
        return std::move(e);
    }
    void event(EventKind kind, const ProgramItem *item = nullptr, int set = 0, int rep = 0,
               std::optional<Side> side = std::nullopt)
    {
        SessionEvent e;
        e.kind = kind;
        if (item) {
            e.programItemId = item->id;
            e.exerciseId = item->exerciseId;
        }
        e.setIndex = set;
        e.repIndex = rep;
        e.side = side;
        add(std::move(e));
    }
    void pain(EventKind kind, int value, PainContext context, const ProgramItem *item = nullptr,
              const QString &detail = QString())
    {
        SessionEvent e;
        e.kind = kind;
        if (item) {
            e.programItemId = item->id;
            e.exerciseId = item->exerciseId;
        }
        e.pain = value;
        e.painContext = context;
        e.detail = detail;
        add(std::move(e));
    }
};

/// A patient of their own with one session of a rating, so that their rows
/// must not show up in the fixture patient's answers.
void addOtherPatient(Store &store, const Program &program)
{
    const Patient other = store.addPatient(QStringLiteral("Other"), at(1'700'000'000'000)).value();
    Program p = program;
    p.id = 0;
    p.patientId = other.id;
    const Program otherProgram = store.addProgram(p).value();
    const SessionRecord session = store.startSession(other.id, otherProgram.id, at(1'700'000'500'000)).value();
    EventLog log{store, session.id, 1'700'000'500'000};
    log.event(EventKind::SessionStarted);
    log.event(EventKind::RepDone, &otherProgram.items.first(), 1, 1);
    log.pain(EventKind::PainRated, 9, PainContext::BeforeSession);
}

} // namespace

TEST_CASE("sessionSummaries sums each session's log as summarizeSession does, oldest session first", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const Program program = f.program();
    const ProgramItem &first = program.items.at(0);
    const ProgramItem &second = program.items.at(1);
    const ProgramItem &third = program.items.at(2);
    REQUIRE(f.store->finishSession(f.ids.sessionId, SessionStatus::Completed, at(1'700'000'050'000), false).ok());

    // A second session: redone and sided reps, a timed unit, a skip, pain stops
    // with and without an item, events an hour apart.
    const SessionRecord busy = f.store->startSession(f.ids.patientId, f.ids.programId, at(1'700'100'000'000)).value();
    EventLog log{*f.store, busy.id, 1'700'100'000'000};
    log.event(EventKind::SessionStarted);
    log.event(EventKind::RepDone, &first, 1, 1, Side::Left);
    log.event(EventKind::RepDone, &first, 1, 1, Side::Left); // redone: counts once
    log.event(EventKind::RepDone, &first, 1, 1, Side::Right);
    log.event(EventKind::RepDone, &first, 1, 2, Side::Left);
    log.event(EventKind::TimedEnded, &second, 1, 1);
    log.pain(EventKind::PainStop, 6, PainContext::During, &second, QStringLiteral("rose-above-start"));
    log.ms += 3'600'000;
    log.event(EventKind::ExerciseSkipped, &third);
    log.pain(EventKind::PainStop, 5, PainContext::During);
    REQUIRE(f.store->finishSession(busy.id, SessionStatus::Partial, at(1'700'103'700'000), true).ok());
    // A third session with no event at all.
    const SessionRecord empty = f.store->startSession(f.ids.patientId, f.ids.programId, at(1'700'200'000'000)).value();
    addOtherPatient(*f.store, program);

    const auto summaries = f.store->sessionSummaries(f.ids.patientId);
    INFO(errorText(summaries));
    REQUIRE(summaries.ok());
    const auto record = f.store->patientRecord(f.ids.patientId);
    REQUIRE(record.ok());
    REQUIRE(record->has_value());
    REQUIRE(summaries->size() == 3);
    REQUIRE((*record)->sessions.size() == 3);
    for (qsizetype i = 0; i < summaries->size(); ++i)
        CHECK(summaries->at(i) == summarizeSession((*record)->sessions.at(i)));

    CHECK(summaries->at(0).record.id == f.ids.sessionId);
    const SessionSummary &b = summaries->at(1);
    CHECK(b.record.id == busy.id);
    CHECK(b.record.status == SessionStatus::Partial);
    CHECK(b.record.flagged);
    CHECK(b.items
          == QList<ItemActivity>({ItemActivity{first.id, 3, false, 0}, ItemActivity{second.id, 1, false, 1},
                                  ItemActivity{third.id, 0, true, 0}}));
    CHECK(b.painStops == 2);
    CHECK(b.painStopsWithoutRating == 0);
    CHECK(b.quarterHours.size() == 2);
    CHECK(std::is_sorted(b.quarterHours.cbegin(), b.quarterHours.cend()));
    const SessionSummary &c = summaries->at(2);
    CHECK(c.record == empty);
    CHECK(c.items.isEmpty());
    CHECK(c.quarterHours.isEmpty());
    CHECK(c.painStops == 0);

    // No patient, no sessions.
    const auto none = f.store->sessionSummaries(f.ids.patientId + 1000);
    REQUIRE(none.ok());
    CHECK(none->isEmpty());
}

TEST_CASE("painRatings gives painEvents' rows with what the review reads of them", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const Program program = f.program();
    const SessionRecord later = f.store->startSession(f.ids.patientId, f.ids.programId, at(1'700'100'000'000)).value();
    EventLog log{*f.store, later.id, 1'700'100'000'000};
    log.event(EventKind::SessionStarted);
    log.pain(EventKind::PainRated, 3, PainContext::BeforeSession);
    log.pain(EventKind::PainRated, 0, PainContext::AfterExercise, &program.items.at(1));
    log.pain(EventKind::PainStop, 7, PainContext::During, &program.items.at(2), QStringLiteral("rose-above-start"));
    log.pain(EventKind::PainRated, 4, PainContext::AfterSession);
    log.pain(EventKind::PainRated, 1, PainContext::NextMorning);
    addOtherPatient(*f.store, program);

    const auto ratings = f.store->painRatings(f.ids.patientId);
    INFO(errorText(ratings));
    REQUIRE(ratings.ok());
    const auto painEvents = f.store->painEvents(f.ids.patientId);
    REQUIRE(painEvents.ok());
    REQUIRE(ratings->size() == 6); // the fixture's rating and these five
    REQUIRE(ratings->size() == painEvents->size());
    for (qsizetype i = 0; i < ratings->size(); ++i) {
        SessionEvent full = painEvents->at(i);
        full.id = 0;
        full.setIndex = full.repIndex = 0;
        full.side.reset();
        full.holdMs.reset();
        CHECK(ratings->at(i) == full);
    }
    QList<int> values;
    for (const SessionEvent &e : *ratings)
        values << *e.pain;
    CHECK(values == QList<int>({2, 3, 0, 7, 4, 1}));
    const SessionEvent &stop = ratings->at(3);
    CHECK(stop.kind == EventKind::PainStop);
    CHECK(stop.painContext == PainContext::During);
    CHECK(stop.programItemId == program.items.at(2).id);
    CHECK(stop.exerciseId == program.items.at(2).exerciseId);
    CHECK(stop.detail == QStringLiteral("rose-above-start"));
    CHECK(stop.sessionId == later.id);
    CHECK(ratings->at(5).painContext == PainContext::NextMorning);
    CHECK(ratings->at(1).detail.isEmpty());

    const auto none = f.store->painRatings(f.ids.patientId + 1000);
    REQUIRE(none.ok());
    CHECK(none->isEmpty());
}
