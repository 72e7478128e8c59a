// The store's contract: patients, programs, sessions, the append-only log,
// proposals and the health check, on every backend (StoreFactory.h). The
// SQLite schema's own guards against other SQL clients are in
// SqliteStoreConstraintsTest.cpp.

#include "StoreContractFixture.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace rehabit;
using namespace rehabit::test;

namespace {

struct Fixture : ContractFixture {
    using ContractFixture::ContractFixture;

    SessionEvent rep(int repIndex) const
    {
        SessionEvent e;
        e.sessionId = ids.sessionId;
        e.atMs = 1'700'000'500'000 + repIndex;
        e.kind = EventKind::RepDone;
        e.programItemId = ids.firstItemId;
        e.exerciseId = bundledCatalog().exercises.first().id;
        e.setIndex = 1;
        e.repIndex = repIndex;
        e.side = Side::Right;
        return e;
    }
    int eventCount() const { return int(store->events(ids.sessionId).value().size()); }
};

} // namespace

TEST_CASE("appendEvent numbers the events of each session 1, 2, 3 and reads them back as written", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const auto before = f.store->events(f.ids.sessionId).value();
    REQUIRE(before.size() == f.ids.events);
    for (int i = 0; i < before.size(); ++i)
        CHECK(before.at(i).seq == i + 1);

    SessionEvent hold = f.rep(1);
    hold.kind = EventKind::HoldEnded;
    hold.holdMs = 10'012;
    hold.detail = QStringLiteral("hold of 10 s");
    const auto stored = f.store->appendEvent(hold);
    INFO(errorText(stored));
    REQUIRE(stored.ok());
    CHECK(stored->seq == f.ids.events + 1);
    CHECK(stored->id > 0);
    SessionEvent expected = hold;
    expected.id = stored->id;
    expected.seq = stored->seq;
    CHECK(*stored == expected);
    CHECK(f.store->events(f.ids.sessionId).value().last() == expected);

    // Another session counts from 1 again.
    const auto other = f.store->startSession(f.ids.patientId, f.ids.programId, at(1'700'001'000'000));
    REQUIRE(other.ok());
    SessionEvent first = f.rep(1);
    first.sessionId = other->id;
    CHECK(f.store->appendEvent(first)->seq == 1);
    CHECK(f.store->appendEvent(first)->seq == 2);
    CHECK(f.store->appendEvent(hold)->seq == f.ids.events + 2);
}

TEST_CASE("Out-of-range values are refused and nothing is logged", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const int count = f.eventCount();

    SessionEvent pain = f.rep(1);
    pain.kind = EventKind::PainRated;
    pain.painContext = PainContext::AfterExercise;
    for (const int value : {11, -1, 100}) {
        pain.pain = value;
        const auto result = f.store->appendEvent(pain);
        INFO("pain " << value);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().text().contains(QStringLiteral("refused")));
    }
    pain.pain = 10;
    CHECK(f.store->appendEvent(pain).ok());
    pain.pain = 0;
    CHECK(f.store->appendEvent(pain).ok());

    SessionEvent bad = f.rep(1);
    bad.setIndex = -1;
    CHECK_FALSE(f.store->appendEvent(bad).ok());
    bad = f.rep(-2);
    CHECK_FALSE(f.store->appendEvent(bad).ok());
    bad = f.rep(1);
    bad.holdMs = -5;
    CHECK_FALSE(f.store->appendEvent(bad).ok());
    bad = f.rep(1);
    bad.kind = EventKind::PainRated; // a pain rating without a value
    CHECK_FALSE(f.store->appendEvent(bad).ok());
    bad = f.rep(1);
    bad.sessionId = 999'999; // no such session
    CHECK_FALSE(f.store->appendEvent(bad).ok());
    bad = f.rep(1);
    bad.exerciseId = QStringLiteral("no-such-exercise");
    CHECK_FALSE(f.store->appendEvent(bad).ok());

    CHECK(f.eventCount() == count + 2);
}

TEST_CASE("An interrupted session is found until it is finished", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    auto interrupted = f.store->interruptedSessions();
    REQUIRE(interrupted.ok());
    REQUIRE(interrupted->size() == 1);
    CHECK(interrupted->first().id == f.ids.sessionId);
    CHECK(interrupted->first().status == SessionStatus::InProgress);
    CHECK_FALSE(interrupted->first().endedAt.isValid());

    // After a restart, too.
    f.store.reset();
    f.store = f.factory->reopen();
    interrupted = f.store->interruptedSessions();
    REQUIRE(interrupted->size() == 1);
    CHECK(interrupted->first().startedAt == at(1'700'000'002'000));

    CHECK_FALSE(f.store->finishSession(f.ids.sessionId, SessionStatus::InProgress, at(1'700'000'900'000), false).ok());
    const auto finished = f.store->finishSession(f.ids.sessionId, SessionStatus::Partial, at(1'700'000'900'000), true);
    INFO(errorText(finished));
    REQUIRE(finished.ok());
    CHECK(f.store->interruptedSessions()->isEmpty());
    const auto record = f.store->session(f.ids.sessionId).value();
    REQUIRE(record.has_value());
    CHECK(record->status == SessionStatus::Partial);
    CHECK(record->flagged);
    CHECK(record->endedAt == at(1'700'000'900'000));

    const auto again = f.store->finishSession(f.ids.sessionId, SessionStatus::Completed, at(1'700'000'950'000), false);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().text().contains(QStringLiteral("already finished")));
    CHECK_FALSE(f.store->finishSession(424242, SessionStatus::Completed, at(1'700'000'950'000), false).ok());
    CHECK_FALSE(f.store->session(424242).value().has_value());

    // A next-morning pain rating still joins the finished session's log.
    SessionEvent morning = f.rep(0);
    morning.kind = EventKind::PainRated;
    morning.pain = 1;
    morning.painContext = PainContext::NextMorning;
    CHECK(f.store->appendEvent(morning).ok());
}

TEST_CASE("Patients, programs and sessions read back as saved", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const auto patients = f.store->patients(false);
    REQUIRE(patients.ok());
    REQUIRE(patients->size() == 1);
    CHECK(patients->first().name == QStringLiteral("Ana Test"));
    CHECK(patients->first().createdAt == at(1'700'000'000'000));
    CHECK(f.store->patient(f.ids.patientId).value()->name == QStringLiteral("Ana Test"));
    CHECK_FALSE(f.store->patient(999).value().has_value());
    CHECK_FALSE(f.store->addPatient(QStringLiteral("   "), at(0)).ok());

    const auto programs = f.store->programs(f.ids.patientId);
    REQUIRE(programs.ok());
    REQUIRE(programs->size() == 1);
    const Program &p = programs->first();
    CHECK(p.id == f.ids.programId);
    CHECK(p.name == QStringLiteral("Hip flexor program"));
    CHECK(p.painRule == PainRuleKind::Strict);
    CHECK(p.progressionSessions == 3);
    CHECK(p.active);
    REQUIRE(p.items.size() == 3);
    const Catalog catalog = bundledCatalog();
    for (int i = 0; i < 3; ++i) {
        CHECK(p.items.at(i).position == i);
        CHECK(p.items.at(i).exerciseId == catalog.exercises.at(i).id);
        CHECK(p.items.at(i).rx == defaultPrescription(catalog.exercises.at(i)));
    }

    Program second;
    second.patientId = f.ids.patientId;
    second.name = QStringLiteral("Pain-monitoring program");
    second.painRule = PainRuleKind::PainMonitoring;
    second.progressionSessions = 5;
    second.createdAt = at(1'700'002'000'000);
    ProgramItem item;
    item.exerciseId = catalog.exercises.last().id;
    item.rx.sets = 2;
    item.rx.reps = 15;
    item.rx.load = QStringLiteral("red band");
    item.rx.tempo = QStringLiteral("2010");
    item.rx.daysPerWeek = 3;
    second.items << item;
    const auto saved = f.store->addProgram(second);
    INFO(errorText(saved));
    REQUIRE(saved.ok());
    const auto read = f.store->program(saved->id).value();
    REQUIRE(read.has_value());
    CHECK(read->painRule == PainRuleKind::PainMonitoring);
    CHECK(read->items.first().rx == item.rx);

    ProgramItem unknown;
    unknown.exerciseId = QStringLiteral("no-such-exercise");
    second.items = {unknown};
    CHECK_FALSE(f.store->addProgram(second).ok());
    CHECK(f.store->programs(f.ids.patientId)->size() == 2); // the refused one left nothing

    // A session belongs to one of the patient's own programs.
    const auto other = f.store->addPatient(QStringLiteral("Ben Test"), at(1'700'003'000'000));
    REQUIRE(other.ok());
    const auto wrong = f.store->startSession(other->id, f.ids.programId, at(1'700'003'000'000));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().text().contains(QStringLiteral("not a program of patient")));
    const auto sessions = f.store->sessions(f.ids.patientId);
    REQUIRE(sessions.ok());
    REQUIRE(sessions->size() == 1);
    CHECK(sessions->first().programId == f.ids.programId);
}

TEST_CASE("Proposals are listed per patient and decided once", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const auto pending = f.store->proposals(f.ids.patientId, ProposalStatus::Pending);
    REQUIRE(pending.ok());
    REQUIRE(pending->size() == 1);
    const Proposal first = pending->first();
    CHECK(first.programItemId == f.ids.firstItemId);
    CHECK(first.sessionId == f.ids.sessionId);
    CHECK(first.kind == ProposalKind::Progress);
    CHECK(first.status == ProposalStatus::Pending);
    CHECK_FALSE(first.decidedAt.isValid());

    Proposal regress;
    regress.programItemId = f.ids.firstItemId;
    regress.kind = ProposalKind::Regress;
    regress.reason = QStringLiteral("Pain rose to 4 during the resisted bridge");
    regress.createdAt = at(1'700'000'200'000);
    const auto added = f.store->addProposal(regress);
    REQUIRE(added.ok());
    CHECK(added->sessionId == 0);
    CHECK(f.store->proposals(f.ids.patientId, std::nullopt)->size() == 2);

    const auto accepted = f.store->decideProposal(first.id, ProposalStatus::Accepted, at(1'700'000'300'000));
    INFO(errorText(accepted));
    REQUIRE(accepted.ok());
    CHECK(accepted->status == ProposalStatus::Accepted);
    CHECK(accepted->decidedAt == at(1'700'000'300'000));
    CHECK(f.store->proposals(f.ids.patientId, ProposalStatus::Pending)->size() == 1);
    CHECK(f.store->proposals(f.ids.patientId, ProposalStatus::Accepted)->size() == 1);

    const auto twice = f.store->decideProposal(first.id, ProposalStatus::Declined, at(1'700'000'400'000));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().text().contains(QStringLiteral("already decided")));
    CHECK_FALSE(f.store->decideProposal(added->id, ProposalStatus::Pending, at(1'700'000'400'000)).ok());
    CHECK_FALSE(f.store->decideProposal(9999, ProposalStatus::Declined, at(1'700'000'400'000)).ok());
    CHECK(f.store->decideProposal(added->id, ProposalStatus::Declined, at(1'700'000'400'000))->status
          == ProposalStatus::Declined);

    // Another patient sees none of them.
    const auto other = f.store->addPatient(QStringLiteral("Ben Test"), at(1'700'003'000'000));
    CHECK(f.store->proposals(other->id, std::nullopt)->isEmpty());
}

TEST_CASE("A fresh database is healthy", "[contract]")
{
    const auto factory = makeStoreFactory(STORE_CONTRACT_BACKEND());
    auto store = factory->create();
    const auto health = store->check();
    REQUIRE(health.ok());
    CHECK(health->healthy());
    CHECK(health->integrityMessages.isEmpty());
    CHECK(health->foreignKeyProblems.isEmpty());
    CHECK(health->schemaVersion == currentSchemaVersion());
}

TEST_CASE("Threads log through connections of their own, one transaction per event", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    constexpr int Threads = 3;
    constexpr int PerThread = 40;
    const SessionEvent model = f.rep(1);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 1; i <= PerThread; ++i) {
                SessionEvent e = model;
                e.repIndex = i;
                e.detail = QString::number(t);
                if (!f.store->appendEvent(e).ok())
                    ++failures;
            }
            // Reading in this thread uses this thread's connection too.
            if (!f.store->events(model.sessionId).ok())
                ++failures;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    CHECK(failures == 0);
    const auto events = f.store->events(f.ids.sessionId);
    REQUIRE(events.ok());
    REQUIRE(events->size() == f.ids.events + Threads * PerThread);
    for (int i = 0; i < events->size(); ++i)
        CHECK(events->at(i).seq == i + 1);
    CHECK(f.store->check()->healthy());
}

TEST_CASE("An accepted proposal is stored together with the program change it makes, or not at all", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    REQUIRE(f.store->finishSession(f.ids.sessionId, SessionStatus::Completed, at(1'700'000'050'000), false).ok());
    const Proposal proposal = f.store->proposals(f.ids.patientId, ProposalStatus::Pending)->first();
    const Program before = f.program();
    Program edited = before;
    edited.items.first().rx.sets += 1;
    const auto pendingIds = [&] {
        QList<qint64> ids;
        const auto pending = f.store->proposals(f.ids.patientId, ProposalStatus::Pending);
        REQUIRE(pending.ok());
        for (const Proposal &p : *pending)
            ids << p.id;
        return ids;
    };

    SECTION("a refused program change decides nothing")
    {
        Program empty = edited;
        empty.name.clear();
        REQUIRE_FALSE(f.store->updateProgramAccepting(empty, {proposal.id}, at(1'700'000'300'000)).ok());
        CHECK(pendingIds() == QList<qint64>{proposal.id});
        CHECK(f.program() == before);
    }
    SECTION("a proposal that is unknown, of another program or already decided changes nothing")
    {
        const auto unknown = f.store->updateProgramAccepting(edited, {9999}, at(1'700'000'300'000));
        REQUIRE_FALSE(unknown.ok());
        CHECK(unknown.error().text().contains(QStringLiteral("no proposal 9999")));
        CHECK(f.program() == before);

        Program other;
        other.patientId = f.ids.patientId;
        other.name = QStringLiteral("Another program");
        other.createdAt = at(1'700'000'200'000);
        other.items = before.items;
        for (ProgramItem &item : other.items)
            item.id = 0;
        const auto added = f.store->addProgram(other);
        REQUIRE(added.ok());
        Program otherEdited = *added;
        otherEdited.items.first().rx.sets += 1;
        const auto elsewhere = f.store->updateProgramAccepting(otherEdited, {proposal.id}, at(1'700'000'300'000));
        REQUIRE_FALSE(elsewhere.ok());
        CHECK(elsewhere.error().text().contains(QStringLiteral("another program")));
        CHECK(pendingIds() == QList<qint64>{proposal.id});
        CHECK(**f.store->program(added->id) == *added);

        REQUIRE(f.store->decideProposal(proposal.id, ProposalStatus::Declined, at(1'700'000'250'000)).ok());
        const auto decided = f.store->updateProgramAccepting(edited, {proposal.id}, at(1'700'000'300'000));
        REQUIRE_FALSE(decided.ok());
        CHECK(decided.error().text().contains(QStringLiteral("already decided")));
        CHECK(f.program() == before);
    }
    SECTION("the change and the decision are stored together")
    {
        const auto saved = f.store->updateProgramAccepting(edited, {proposal.id}, at(1'700'000'300'000));
        INFO(errorText(saved));
        REQUIRE(saved.ok());
        CHECK(saved->items.first().rx.sets == before.items.first().rx.sets + 1);
        CHECK(pendingIds().isEmpty());
        const auto accepted = f.store->proposals(f.ids.patientId, ProposalStatus::Accepted);
        REQUIRE(accepted->size() == 1);
        CHECK(accepted->first().decidedAt == at(1'700'000'300'000));
    }
    SECTION("accepting a proposal may remove its own item")
    {
        Program removed = before;
        removed.items.removeFirst();
        const auto saved = f.store->updateProgramAccepting(removed, {proposal.id}, at(1'700'000'300'000));
        INFO(errorText(saved));
        REQUIRE(saved.ok());
        CHECK(saved->items.size() == before.items.size() - 1);
        CHECK(pendingIds().isEmpty());
    }
}
