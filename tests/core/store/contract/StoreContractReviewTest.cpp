// The store's contract, the therapist's side: patient search, rename and
// archive, dated notes, program edits that keep the history's item ids,
// custom exercises kept across catalog updates, and whole patient records.
// On every backend (StoreFactory.h).

#include "StoreContractFixture.h"

#include "rehabit/review/History.h"

#include <QTimeZone>

#include <algorithm>
#include <functional>

using namespace rehabit;
using namespace rehabit::test;

namespace {

struct Fixture : ContractFixture {
    using ContractFixture::ContractFixture;

    void finishSession() const
    {
        REQUIRE(store->finishSession(ids.sessionId, SessionStatus::Completed, at(1'700'000'050'000), false).ok());
    }
};

Exercise customExercise(const QString &id)
{
    Exercise e = bundledCatalog().exercises.at(1);
    e.id = id;
    e.name = QStringLiteral("Wall hip flexor stretch");
    e.origin = ExerciseOrigin::Custom;
    e.references.clear();
    return e;
}

QStringList names(const QList<Patient> &patients)
{
    QStringList result;
    for (const Patient &p : patients)
        result << p.name;
    return result;
}

} // namespace

TEST_CASE("Patients are found by any part of the name, ignoring case, also beyond ASCII", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    REQUIRE(f.store->addPatient(QStringLiteral("Ørjan Ødegård"), at(1'700'000'000'000)).ok());
    REQUIRE(f.store->addPatient(QStringLiteral("Zoë Müller"), at(1'700'000'000'000)).ok());
    CHECK(names(f.store->findPatients(QStringLiteral("ANA"), false).value())
          == QStringList{QStringLiteral("Ana Test")});
    CHECK(names(f.store->findPatients(QStringLiteral("MÜLL"), false).value())
          == QStringList{QStringLiteral("Zoë Müller")});
    CHECK(names(f.store->findPatients(QStringLiteral("ødeg"), false).value())
          == QStringList{QStringLiteral("Ørjan Ødegård")});
    CHECK(f.store->findPatients(QStringLiteral("nobody"), false).value().isEmpty());
    // An empty search lists everyone, by name.
    CHECK(names(f.store->findPatients(QString(), false).value())
          == QStringList({QStringLiteral("Ana Test"), QStringLiteral("Zoë Müller"), QStringLiteral("Ørjan Ødegård")}));
}

TEST_CASE("Renaming and archiving a patient keep everything else, and archived patients leave the default list",
          "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const auto renamed = f.store->renamePatient(f.ids.patientId, QStringLiteral("  Ana Example "));
    INFO(errorText(renamed));
    REQUIRE(renamed.ok());
    CHECK(renamed->name == QStringLiteral("Ana Example"));
    CHECK(renamed->createdAt == at(1'700'000'000'000));

    const QByteArray before = f.factory->fingerprint();
    const auto empty = f.store->renamePatient(f.ids.patientId, QStringLiteral("   "));
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().location == QStringLiteral("name"));
    // A name that shows nothing, or that would move a terminal's cursor or forge a line, is not a name.
    for (const QString &bad : {QStringLiteral("\u200B"), QStringLiteral("Ana\x1b[2J"), QStringLiteral("Ana\nTest"),
                               QString(QStringLiteral("Ana") + QChar(0))}) {
        const auto refused = f.store->renamePatient(f.ids.patientId, bad);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().location == QStringLiteral("name"));
        CHECK_FALSE(f.store->addPatient(bad, at(1'700'000'000'000)).ok());
    }
    const auto missing = f.store->renamePatient(999, QStringLiteral("Someone"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.contains(QStringLiteral("no patient 999")));
    CHECK(f.factory->fingerprint() == before);

    REQUIRE(f.store->setPatientArchived(f.ids.patientId, true).ok());
    CHECK(f.store->patients(false).value().isEmpty());
    CHECK(f.store->findPatients(QStringLiteral("ana"), false).value().isEmpty());
    CHECK(f.store->findPatients(QStringLiteral("ana"), true).value().size() == 1);
    CHECK(f.store->sessions(f.ids.patientId).value().size() == 1);
    const auto back = f.store->setPatientArchived(f.ids.patientId, false);
    REQUIRE(back.ok());
    CHECK_FALSE(back->archived);
    CHECK(f.store->patients(false).value().size() == 1);
}

TEST_CASE("The patient list counts sessions, flags and pending proposals per patient", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    REQUIRE(f.store->addPatient(QStringLiteral("Bea New"), at(1'700'000'000'000)).ok());
    REQUIRE(f.store->finishSession(f.ids.sessionId, SessionStatus::Partial, at(1'700'000'050'000), true).ok());
    const auto list = f.store->patientSummaries(false);
    INFO(errorText(list));
    REQUIRE(list.ok());
    REQUIRE(list->size() == 2);
    const PatientSummary &ana = list->at(0);
    CHECK(ana.patient.name == QStringLiteral("Ana Test"));
    CHECK(ana.sessions == 1);
    CHECK(ana.flaggedSessions == 1);
    CHECK(ana.pendingProposals == 1);
    CHECK(ana.activeProgram);
    CHECK(ana.lastSessionAt == at(1'700'000'002'000));
    const PatientSummary &bea = list->at(1);
    CHECK(bea.sessions == 0);
    CHECK_FALSE(bea.lastSessionAt.isValid());
    CHECK_FALSE(bea.activeProgram);
}

TEST_CASE("The patient list's flagged sessions are the history's: a rating above 5 or a worse next morning counts "
          "though the session was not stored as flagged",
          "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const auto flaggedCount = [&] {
        const auto list = f.store->patientSummaries(false);
        REQUIRE(list.ok());
        return list->first().flaggedSessions;
    };
    const auto history = [&] {
        const auto record = f.store->patientRecord(f.ids.patientId);
        REQUIRE(record.ok());
        const auto exercises = f.store->exercises();
        REQUIRE(exercises.ok());
        const auto h = PatientHistory::build(**record, *exercises, QTimeZone::utc());
        REQUIRE(h.ok());
        return int(std::count_if(h->sessions().cbegin(), h->sessions().cend(),
                                 [](const SessionReview &r) { return r.flagged; }));
    };
    REQUIRE(f.store->finishSession(f.ids.sessionId, SessionStatus::Completed, at(1'700'000'050'000), false).ok());
    const auto rate = [&](int pain, PainContext context, qint64 ms) {
        SessionEvent e;
        e.sessionId = f.ids.sessionId;
        e.atMs = ms;
        e.kind = EventKind::PainRated;
        e.pain = pain;
        e.painContext = context;
        REQUIRE(f.store->appendEvent(e).ok());
    };
    CHECK(flaggedCount() == 0);
    CHECK(history() == 0);
    SECTION("a rating above 5")
    {
        rate(kPainFlagAbove + 1, PainContext::AfterSession, 1'700'000'040'000);
        CHECK(flaggedCount() == 1);
        CHECK(history() == 1);
    }
    SECTION("a rating of 5 is not above the limit")
    {
        rate(kPainFlagAbove, PainContext::AfterSession, 1'700'000'040'000);
        CHECK(flaggedCount() == 0);
        CHECK(history() == 0);
    }
    SECTION("a next morning above the before-session rating")
    {
        rate(1, PainContext::BeforeSession, 1'700'000'003'500);
        rate(3, PainContext::NextMorning, 1'700'080'000'000);
        CHECK(flaggedCount() == 1);
        CHECK(history() == 1);
    }
}

TEST_CASE("Notes are added, listed by date, edited and deleted, and bad notes are refused and change nothing",
          "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    PatientNote note;
    note.patientId = f.ids.patientId;
    note.writtenAt = at(1'700'100'000'000);
    note.body = QStringLiteral("Snapping hip on the left; start with flexibility only.");
    const auto first = f.store->addNote(note);
    INFO(errorText(first));
    REQUIRE(first.ok());
    CHECK(first->id > 0);
    note.writtenAt = at(1'700'000'000'000); // an earlier date, written later
    note.body = QStringLiteral("First visit.");
    const auto earlier = f.store->addNote(note);
    REQUIRE(earlier.ok());
    auto notes = f.store->notes(f.ids.patientId).value();
    REQUIRE(notes.size() == 2);
    CHECK(notes.at(0).body == QStringLiteral("First visit."));
    CHECK(notes.at(1) == *first);

    PatientNote edited = *first;
    edited.body = QStringLiteral("Snapping hip on the left: bracing first.");
    edited.writtenAt = at(1'700'200'000'000);
    const auto saved = f.store->updateNote(edited);
    REQUIRE(saved.ok());
    edited.revision = first->revision + 1; // a change in place is a new revision
    CHECK(*saved == edited);

    const QByteArray before = f.factory->fingerprint();
    PatientNote blank = edited;
    blank.body = QStringLiteral(" \n ");
    CHECK(f.store->updateNote(blank).error().location == QStringLiteral("body"));
    PatientNote orphan = note;
    orphan.patientId = 4242;
    CHECK(f.store->addNote(orphan).error().message.contains(QStringLiteral("no patient 4242")));
    CHECK_FALSE(f.store->deleteNote(9999).ok());
    CHECK(f.factory->fingerprint() == before);

    REQUIRE(f.store->deleteNote(earlier->id).ok());
    notes = f.store->notes(f.ids.patientId).value();
    REQUIRE(notes.size() == 1);
    CHECK(notes.first() == edited);
}

TEST_CASE("Editing a program keeps the ids of kept items, records every prescription, and keeps removed items",
          "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    f.finishSession();
    const Program original = f.program();
    REQUIRE(original.items.size() == 3);
    const Exercise brace = bundledCatalog().exercises.at(4);

    Program edited = original;
    edited.name = QStringLiteral("Hip flexor program, week 3");
    edited.painRule = PainRuleKind::PainMonitoring;
    edited.progressionSessions = 5;
    // New order: item 3, then item 1 with a new dose, then a new item; item 2 is removed.
    ProgramItem third = original.items.at(2);
    ProgramItem first = original.items.at(0);
    first.rx.daysPerWeek = 3;
    ProgramItem added;
    added.exerciseId = brace.id;
    added.rx = defaultPrescription(brace);
    edited.items = {third, first, added};
    const QDateTime editedAt = at(1'700'500'000'000);

    // item 1 has the pending proposal; item 2 has none, so it may go.
    const auto saved = f.store->updateProgram(edited, editedAt);
    INFO(errorText(saved));
    REQUIRE(saved.ok());
    CHECK(saved->name == edited.name);
    CHECK(saved->painRule == PainRuleKind::PainMonitoring);
    CHECK(saved->progressionSessions == 5);
    CHECK(saved->createdAt == original.createdAt);
    REQUIRE(saved->items.size() == 3);
    CHECK(saved->items.at(0).id == third.id);
    CHECK(saved->items.at(1).id == first.id);
    CHECK(saved->items.at(1).rx.daysPerWeek == 3);
    CHECK(saved->items.at(2).id > original.items.at(2).id);
    CHECK(saved->items.at(2).exerciseId == brace.id);
    for (int i = 0; i < 3; ++i)
        CHECK(saved->items.at(i).position == i);

    // The log still refers to item 1, and the proposal too.
    CHECK(f.store->events(f.ids.sessionId).value().last().programItemId == first.id);
    CHECK(f.store->proposals(f.ids.patientId, ProposalStatus::Pending).value().first().programItemId == first.id);

    const auto versions = f.store->programItemVersions(f.ids.programId);
    REQUIRE(versions.ok());
    // 3 originals + item 1's new dose + item 3's new position + the new item + item 2's removal
    CHECK(versions->size() == 7);
    const Program asCreated = PatientHistory::programAt(*saved, *versions, original.createdAt);
    CHECK(asCreated.items == original.items);
    const Program asEdited = PatientHistory::programAt(*saved, *versions, editedAt);
    CHECK(asEdited.items == saved->items);

    // Bringing the removed item back keeps its id.
    Program restored = *saved;
    restored.items << original.items.at(1);
    const auto again = f.store->updateProgram(restored, at(1'700'600'000'000));
    INFO(errorText(again));
    REQUIRE(again.ok());
    CHECK(again->items.last().id == original.items.at(1).id);
    CHECK(f.store->check()->foreignKeyProblems.isEmpty());
}

TEST_CASE("Program edits that would break the history are refused with a reason and write nothing", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const Program original = f.program();
    const QDateTime now = at(1'700'500'000'000);

    SECTION("while a session of the program is in progress")
    {
        const QByteArray before = f.factory->fingerprint();
        Program edited = original;
        edited.name = QStringLiteral("Renamed");
        const auto refused = f.store->updateProgram(edited, now);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message.contains(QStringLiteral("in progress")));
        CHECK(f.factory->fingerprint() == before);
    }
    f.finishSession();
    const QByteArray before = f.factory->fingerprint();

    SECTION("removing an item with a pending proposal")
    {
        Program edited = original;
        edited.items.removeFirst();
        const auto refused = f.store->updateProgram(edited, now);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message.contains(QStringLiteral("pending proposal")));
    }
    SECTION("an item of another program")
    {
        Program other = original;
        other.id = 0;
        const auto added = f.store->addProgram(other);
        REQUIRE(added.ok());
        const QByteArray withOther = f.factory->fingerprint();
        Program edited = original;
        edited.items << added->items.first();
        const auto refused = f.store->updateProgram(edited, now);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().location == QStringLiteral("items[3].id"));
        CHECK(refused.error().message.contains(QStringLiteral("belongs to program")));
        CHECK(f.factory->fingerprint() == withOther);
        return;
    }
    SECTION("an unknown exercise")
    {
        Program edited = original;
        edited.items[1].exerciseId = QStringLiteral("no-such-exercise");
        const auto refused = f.store->updateProgram(edited, now);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().location == QStringLiteral("items[1].exerciseId"));
    }
    SECTION("an impossible prescription")
    {
        Program edited = original;
        edited.items[2].rx.daysPerWeek = 8;
        auto refused = f.store->updateProgram(edited, now);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().location == QStringLiteral("items[2].rx.daysPerWeek"));
        edited.items[2].rx.daysPerWeek = 7;
        edited.items[2].rx.tempo = QStringLiteral("3-1-1");
        refused = f.store->updateProgram(edited, now);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().location == QStringLiteral("items[2].rx.tempo"));
    }
    SECTION("a program that does not exist")
    {
        Program edited = original;
        edited.id = 777;
        CHECK(f.store->updateProgram(edited, now).error().message.contains(QStringLiteral("no program 777")));
    }
    CHECK(f.factory->fingerprint() == before);
}

TEST_CASE("A stopped program stays with its history and can be restarted", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const auto stopped = f.store->setProgramActive(f.ids.programId, false, at(1'700'700'000'000));
    REQUIRE(stopped.ok());
    CHECK_FALSE(stopped->active);
    CHECK(stopped->deactivatedAt == at(1'700'700'000'000));
    CHECK(f.store->sessions(f.ids.patientId).value().size() == 1);
    const auto restarted = f.store->setProgramActive(f.ids.programId, true, at(1'700'800'000'000));
    REQUIRE(restarted.ok());
    CHECK(restarted->active);
    CHECK_FALSE(restarted->deactivatedAt.isValid());
}

TEST_CASE("A therapist's own exercise is checked like a catalog entry and survives bundled catalog updates",
          "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    Exercise mine = customExercise(QStringLiteral("wall-hip-flexor-stretch"));
    const auto saved = f.store->saveCustomExercise(mine);
    INFO(errorText(saved));
    REQUIRE(saved.ok());
    CHECK(saved->origin == ExerciseOrigin::Custom);
    CHECK(saved->name == mine.name);

    mine.name = QStringLiteral("Wall hip flexor stretch (long hold)");
    mine.dosage.holdSeconds = Range{20, 30, 20};
    REQUIRE(f.store->saveCustomExercise(mine).ok());

    const QByteArray before = f.factory->fingerprint();
    Exercise bad = mine;
    bad.dosage.sets = Range{3, 2, 2};
    const auto refused = f.store->saveCustomExercise(bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().location.startsWith(QStringLiteral("dosage.sets")));
    Exercise taken = customExercise(bundledCatalog().exercises.first().id);
    const auto bundledId = f.store->saveCustomExercise(taken);
    REQUIRE_FALSE(bundledId.ok());
    CHECK(bundledId.error().location == QStringLiteral("id"));
    CHECK(f.factory->fingerprint() == before);

    // A newer bundled catalog, even one that has an entry with the same id, leaves it alone.
    Catalog newer = bundledCatalog();
    newer.version += 1;
    Exercise clash = newer.exercises.at(2);
    clash.id = mine.id;
    clash.name = QStringLiteral("Bundled entry with the same id");
    newer.exercises << clash;
    const auto imported = f.store->importCatalog(newer, ExerciseOrigin::Bundled);
    INFO(errorText(imported));
    REQUIRE(imported.ok());
    CHECK(imported->skippedIds == QStringList{mine.id});
    const auto kept = f.store->exercise(mine.id);
    REQUIRE(kept.ok());
    REQUIRE(kept->has_value());
    CHECK((*kept)->origin == ExerciseOrigin::Custom);
    CHECK((*kept)->name == mine.name);
    CHECK((*kept)->dosage.holdSeconds == Range{20, 30, 20});
}

TEST_CASE("A patient record is read whole and added to another database with new ids and the same content",
          "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    f.finishSession();
    REQUIRE(f.store->saveCustomExercise(customExercise(QStringLiteral("wall-hip-flexor-stretch"))).ok());
    Program edited = f.program();
    edited.items[1].exerciseId = QStringLiteral("wall-hip-flexor-stretch");
    edited.items.removeLast();
    REQUIRE(f.store->updateProgram(edited, at(1'700'400'000'000)).ok());
    REQUIRE(f.store->addNote(PatientNote{0, f.ids.patientId, at(1'700'300'000'000), QStringLiteral("Note")}).ok());

    const auto record = f.store->patientRecord(f.ids.patientId);
    INFO(errorText(record));
    REQUIRE(record.ok());
    REQUIRE(record->has_value());
    const PatientRecord &r = **record;
    CHECK(r.customExercises.size() == 1);
    CHECK(r.itemVersions.size() == 5); // 3 + changed exercise + removal
    CHECK(r.sessions.size() == 1);
    CHECK(r.sessions.first().events.size() == f.ids.events);

    auto target = f.factory->create();
    REQUIRE(target->importCatalog(bundledCatalog(), ExerciseOrigin::Bundled).ok());
    REQUIRE(target->addPatient(QStringLiteral("Somebody Else"), at(1'600'000'000'000)).ok());
    const auto added = target->addPatientRecord(r, RecordUuids::Keep);
    INFO(errorText(added));
    REQUIRE(added.ok());
    const auto copy = target->patientRecord(*added);
    REQUIRE(copy.ok());
    REQUIRE(copy->has_value());
    const PatientRecord &c = **copy;
    CHECK(c.patient.name == r.patient.name);
    CHECK(c.notes.size() == r.notes.size());
    CHECK(c.customExercises == r.customExercises);
    REQUIRE(c.programs.size() == 1);
    CHECK(c.programs.first().items.size() == r.programs.first().items.size());
    CHECK(c.itemVersions.size() == r.itemVersions.size());
    CHECK(c.sessions.first().events.size() == r.sessions.first().events.size());
    CHECK(c.proposals.size() == r.proposals.size());
    CHECK(target->check()->foreignKeyProblems.isEmpty());
}

TEST_CASE("painEvents gives a patient's rated events only, oldest first, across sessions", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    f.finishSession();
    const auto second = f.store->startSession(f.ids.patientId, f.ids.programId, at(1'700'100'000'000));
    REQUIRE(second.ok());
    const auto log = [&](EventKind kind, qint64 ms, std::optional<int> pain, std::optional<PainContext> context) {
        SessionEvent e;
        e.sessionId = second->id;
        e.atMs = ms;
        e.kind = kind;
        e.pain = pain;
        e.painContext = context;
        REQUIRE(f.store->appendEvent(e).ok());
    };
    log(EventKind::SessionStarted, 1'700'100'000'100, std::nullopt, std::nullopt);
    log(EventKind::PainRated, 1'700'100'000'200, 3, PainContext::BeforeSession);
    log(EventKind::PainStop, 1'700'100'000'300, 5, PainContext::During);
    // Another patient's rating is not among them.
    const Patient other = f.store->addPatient(QStringLiteral("Other"), at(1'700'000'000'000)).value();
    Program p = f.program();
    p.id = 0;
    p.patientId = other.id;
    const Program otherProgram = f.store->addProgram(p).value();
    const SessionRecord otherSession = f.store->startSession(other.id, otherProgram.id, at(1'700'000'500'000)).value();
    SessionEvent foreign;
    foreign.sessionId = otherSession.id;
    foreign.atMs = 1'700'000'500'100;
    foreign.kind = EventKind::PainRated;
    foreign.pain = 9;
    foreign.painContext = PainContext::BeforeSession;
    REQUIRE(f.store->appendEvent(foreign).ok());

    const auto pain = f.store->painEvents(f.ids.patientId);
    INFO(errorText(pain));
    REQUIRE(pain.ok());
    QList<int> values;
    QList<qint64> times;
    for (const SessionEvent &e : *pain) {
        values << *e.pain;
        times << e.atMs;
    }
    CHECK(values == QList<int>({2, 3, 5}));
    CHECK(std::is_sorted(times.cbegin(), times.cend()));
    CHECK(pain->at(2).kind == EventKind::PainStop);
}

TEST_CASE("A patient record with a bad part is refused with its path, and nothing is written", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    f.finishSession();
    const PatientRecord good = *f.store->patientRecord(f.ids.patientId).value();
    const QByteArray before = f.factory->fingerprint();

    struct Case {
        const char *path;
        std::function<void(PatientRecord &)> breakIt;
    };
    const Case cases[] = {
        {"patient.name", [](PatientRecord &r) { r.patient.name.clear(); }},
        {"sessions[0].events[2].seq", [](PatientRecord &r) { r.sessions[0].events[2].seq = 7; }},
        {"sessions[0].events[4].pain", [](PatientRecord &r) { r.sessions[0].events[4].pain = 11; }},
        {"sessions[0].events[1].program_item_id",
         [](PatientRecord &r) { r.sessions[0].events[1].programItemId = 999; }},
        {"sessions[0].program_id", [](PatientRecord &r) { r.sessions[0].record.programId = 999; }},
        {"proposals[0].program_item_id", [](PatientRecord &r) { r.proposals[0].programItemId = 999; }},
        {"programs[0].items[1].prescription.sets", [](PatientRecord &r) { r.programs[0].items[1].rx.sets = -1; }},
        {"programs[0].items[0].exercise_id",
         [](PatientRecord &r) { r.programs[0].items[0].exerciseId = QStringLiteral("nope"); }},
    };
    for (const Case &c : cases) {
        INFO(c.path);
        PatientRecord bad = good;
        c.breakIt(bad);
        const auto refused = f.store->addPatientRecord(bad, RecordUuids::Keep);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().location == QLatin1String(c.path));
        CHECK(f.factory->fingerprint() == before);
    }
}
