// The store's contract, global identity: every row that another database may
// receive has a UUID that an export and an import keep; an event's key is its
// session's UUID and its seq, so writing it twice is a no-op; rows that
// change in place count their revisions and keep the earlier ones. On every
// backend (StoreFactory.h).

#include "StoreContractFixture.h"

#include "rehabit/domain/Validation.h"

#include <QSet>
#include <QUuid>

using namespace rehabit;
using namespace rehabit::test;

namespace {

using Fixture = ContractFixture;

bool isUuid(const QString &text)
{
    return text.size() == 36 && !QUuid(text).isNull() && text == text.toLower();
}

/// Every UUID of a record, in a fixed order.
QStringList uuidsOf(const PatientRecord &r)
{
    QStringList uuids{r.patient.uuid};
    for (const PatientNote &n : r.notes)
        uuids << n.uuid;
    for (const Program &p : r.programs)
        uuids << p.uuid;
    for (const ProgramItemVersion &v : r.itemVersions)
        uuids << v.uuid;
    for (const SessionHistory &s : r.sessions)
        uuids << s.record.uuid;
    for (const Proposal &p : r.proposals)
        uuids << p.uuid;
    return uuids;
}

} // namespace

TEST_CASE("Every patient, note, program, item version, session and proposal has a UUID of its own", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    REQUIRE(f.store->addNote(PatientNote{0, f.ids.patientId, at(1'700'300'000'000), QStringLiteral("Note")}).ok());
    const PatientRecord r = f.record();
    const QStringList uuids = uuidsOf(r);
    CHECK(uuids.size() == 1 + 1 + 1 + 3 + 1 + 1);
    for (const QString &uuid : uuids) {
        INFO(uuid.toStdString());
        CHECK(isUuid(uuid));
    }
    CHECK(QSet<QString>(uuids.cbegin(), uuids.cend()).size() == uuids.size());
    CHECK(r.patient.revision == 1);
    CHECK(r.proposals.first().decisionUuid.isEmpty());

    // What add and start return is what is read back.
    const auto session = f.store->session(f.ids.sessionId);
    REQUIRE(session->has_value());
    CHECK((*session)->uuid == r.sessions.first().record.uuid);
    const auto added = f.store->addPatient(QStringLiteral("Ben"), at(1'700'000'000'000));
    REQUIRE(added.ok());
    CHECK(isUuid(added->uuid));
    CHECK(f.store->patient(added->id)->value() == *added);
}

TEST_CASE("A patient is found by UUID, with or without braces, in any case", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const Patient patient = f.store->patient(f.ids.patientId)->value();
    for (const QString &key : {patient.uuid, patient.uuid.toUpper(), QStringLiteral("{%1}").arg(patient.uuid)}) {
        const auto found = f.store->patientByUuid(key);
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        CHECK((*found)->id == f.ids.patientId);
    }
    CHECK_FALSE(f.store->patientByUuid(QUuid::createUuid().toString())->has_value());
    CHECK_FALSE(f.store->patientByUuid(QStringLiteral("not a uuid"))->has_value());
}

TEST_CASE("An event written twice under the writer's seq is stored once; other content under it is refused",
          "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    SessionEvent e;
    e.sessionId = f.ids.sessionId;
    e.seq = f.ids.events + 1;
    e.atMs = 1'700'000'900'000;
    e.kind = EventKind::RepDone;
    e.programItemId = f.ids.firstItemId;
    e.exerciseId = bundledCatalog().exercises.first().id;
    e.setIndex = 1;
    e.repIndex = 1;
    const auto first = f.store->appendEvent(e);
    INFO(errorText(first));
    REQUIRE(first.ok());
    CHECK(first->seq == e.seq);
    const QByteArray before = f.factory->fingerprint();

    const auto again = f.store->appendEvent(e);
    INFO(errorText(again));
    REQUIRE(again.ok());
    CHECK(*again == *first);
    CHECK(f.factory->fingerprint() == before);

    SessionEvent other = e;
    other.repIndex = 2;
    const auto refused = f.store->appendEvent(other);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.contains(QStringLiteral("other content")));
    CHECK(f.factory->fingerprint() == before);
    CHECK(f.store->events(f.ids.sessionId)->size() == f.ids.events + 1);

    // A writer's seq ahead of the log would leave a gap in it: refused. The
    // next number is taken, and the store's own numbering goes on after it.
    SessionEvent later = e;
    later.seq = f.ids.events + 3;
    const auto gap = f.store->appendEvent(later);
    REQUIRE_FALSE(gap.ok());
    CHECK(gap.error().message.contains(QStringLiteral("gap")));
    CHECK(f.factory->fingerprint() == before);
    later.seq = f.ids.events + 2;
    REQUIRE(f.store->appendEvent(later).ok());
    SessionEvent next = e;
    next.seq = 0;
    CHECK(f.store->appendEvent(next)->seq == f.ids.events + 3);
    CHECK(f.store->check()->healthy());
}

TEST_CASE("Rows changed in place count their revisions and keep the earlier ones, with time and author", "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const Patient patient = f.store->patient(f.ids.patientId)->value();
    CHECK(f.store->revisions(patient.uuid)->isEmpty());

    const auto renamed = f.store->renamePatient(f.ids.patientId, QStringLiteral("Ana Renamed"));
    REQUIRE(renamed.ok());
    CHECK(renamed->revision == 2);
    CHECK(renamed->uuid == patient.uuid);
    const auto archived = f.store->setPatientArchived(f.ids.patientId, true);
    REQUIRE(archived.ok());
    CHECK(archived->revision == 3);
    const auto patientRevisions = f.store->revisions(patient.uuid);
    REQUIRE(patientRevisions.ok());
    REQUIRE(patientRevisions->size() == 2);
    const RowRevision &original = patientRevisions->at(0);
    CHECK(original.rowUuid == patient.uuid);
    CHECK(original.kind == QStringLiteral("patient"));
    CHECK(original.revision == 1);
    CHECK(original.revisedAt == patient.createdAt);
    CHECK(original.revisedBy == ContractAuthor);
    CHECK(original.content.value(QStringLiteral("name")).toString() == QStringLiteral("Ana Test"));
    CHECK(patientRevisions->at(1).revision == 2);
    CHECK(patientRevisions->at(1).content.value(QStringLiteral("name")).toString() == QStringLiteral("Ana Renamed"));
    CHECK(patientRevisions->at(1).revisedBy == ContractAuthor);
    CHECK(patientRevisions->at(1).revisedAt.isValid());

    const auto note = f.store->addNote(PatientNote{0, f.ids.patientId, at(1'700'300'000'000), QStringLiteral("First")});
    REQUIRE(note.ok());
    CHECK(note->revision == 1);
    PatientNote edited = *note;
    edited.body = QStringLiteral("Second");
    const auto updated = f.store->updateNote(edited);
    REQUIRE(updated.ok());
    CHECK(updated->revision == 2);
    CHECK(updated->uuid == note->uuid);
    const auto noteRevisions = f.store->revisions(note->uuid).value();
    REQUIRE(noteRevisions.size() == 1);
    CHECK(noteRevisions.first().content.value(QStringLiteral("body")).toString() == QStringLiteral("First"));
    // Deleting the note keeps its last version too: nothing a therapist wrote is lost from the history.
    REQUIRE(f.store->deleteNote(note->id).ok());
    const auto afterDelete = f.store->revisions(note->uuid).value();
    REQUIRE(afterDelete.size() == 2);
    CHECK(afterDelete.at(1).revision == 2);
    CHECK(afterDelete.at(1).content.value(QStringLiteral("body")).toString() == QStringLiteral("Second"));

    REQUIRE(f.store->finishSession(f.ids.sessionId, SessionStatus::Completed, at(1'700'000'050'000), false).ok());
    const SessionRecord session = f.store->session(f.ids.sessionId)->value();
    CHECK(session.revision == 2);
    const auto sessionRevisions = f.store->revisions(session.uuid).value();
    REQUIRE(sessionRevisions.size() == 1);
    CHECK(sessionRevisions.first().content.value(QStringLiteral("status")).toString() == QStringLiteral("in-progress"));

    const Proposal pending = f.store->proposals(f.ids.patientId, ProposalStatus::Pending)->first();
    const auto decided = f.store->decideProposal(pending.id, ProposalStatus::Accepted, at(1'700'000'200'000));
    REQUIRE(decided.ok());
    CHECK(decided->revision == 2);
    CHECK(isUuid(decided->decisionUuid));
    CHECK(decided->decisionUuid != decided->uuid);
    const auto proposalRevisions = f.store->revisions(pending.uuid).value();
    REQUIRE(proposalRevisions.size() == 1);
    CHECK(proposalRevisions.first().content.value(QStringLiteral("status")).toString() == QStringLiteral("pending"));

    const auto stopped = f.store->setProgramActive(f.ids.programId, false, at(1'700'000'300'000));
    REQUIRE(stopped.ok());
    CHECK(stopped->revision == 2);
    const auto programRevisions = f.store->revisions(stopped->uuid).value();
    REQUIRE(programRevisions.size() == 1);
    CHECK(programRevisions.first().content.value(QStringLiteral("active")).toInt() == 1);
}

TEST_CASE("A patient record keeps its UUIDs in another database, is refused there a second time, and a copy asked "
          "for gets new ones",
          "[contract]")
{
    Fixture f(STORE_CONTRACT_BACKEND());
    const PatientRecord r = f.record();
    auto target = f.factory->create();
    REQUIRE(target->importCatalog(bundledCatalog(), ExerciseOrigin::Bundled).ok());
    CHECK_FALSE(target->patientHoldingAny(recordUuids(r))->has_value());
    const auto first = target->addPatientRecord(r, RecordUuids::Keep);
    INFO(errorText(first));
    REQUIRE(first.ok());
    const PatientRecord copy = target->patientRecord(*first)->value();
    CHECK(uuidsOf(copy) == uuidsOf(r));

    // The same record again: the store names the patient who has it, and refuses to keep its UUIDs.
    const auto holder = target->patientHoldingAny(recordUuids(r));
    REQUIRE(holder.ok());
    REQUIRE(holder->has_value());
    CHECK((*holder)->id == *first);
    PatientRecord sessionsOnly = r; // another patient UUID, the same sessions
    sessionsOnly.patient.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    CHECK(target->patientHoldingAny({sessionsOnly.sessions.first().record.uuid})->value().id == *first);
    const auto refused = target->addPatientRecord(sessionsOnly, RecordUuids::Keep);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.contains(r.patient.name));
    CHECK(target->patients(true)->size() == 1);

    const auto second = target->addPatientRecord(r, RecordUuids::New);
    INFO(errorText(second));
    REQUIRE(second.ok());
    const QStringList again = uuidsOf(target->patientRecord(*second)->value());
    for (const QString &uuid : again) {
        CHECK(isUuid(uuid));
        CHECK_FALSE(uuidsOf(r).contains(uuid));
    }
    CHECK(target->check()->foreignKeyProblems.isEmpty());
}
