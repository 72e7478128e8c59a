// SessionRunner with the real SQLite store: every event saved in its own
// transaction before saved(seq), store errors stop the session, resume and
// close of interrupted sessions, proposals, the next-morning check-in, and
// the real timer with the system clock.

#include "RunnerFixture.h"

#include "rehabit/engine/Progression.h"

#include <QEventLoop>

using namespace rehabit;
using namespace rehabit::enginetest;

namespace {

/// The real store, except that appendEvent fails from the `failAt`-th call on
/// (as a full disk or a lost file would).
class FailingStore final : public Store {
public:
    FailingStore(Store &real, int failAt)
        : m_real(real)
        , m_failAt(failAt)
    {}
    int appends = 0;

    QString description() const override { return m_real.description(); }
    int schemaVersion() const override { return m_real.schemaVersion(); }
    Result<CatalogImportSummary> importCatalog(const Catalog &c, ExerciseOrigin o) override
    {
        return m_real.importCatalog(c, o);
    }
    Result<QList<Exercise>> exercises() const override { return m_real.exercises(); }
    Result<std::optional<Exercise>> exercise(const QString &id) const override { return m_real.exercise(id); }
    Result<int> catalogVersion() const override { return m_real.catalogVersion(); }
    Result<Patient> addPatient(const QString &n, const QDateTime &at) override { return m_real.addPatient(n, at); }
    Result<QList<Patient>> patients(bool a) const override { return m_real.patients(a); }
    Result<std::optional<Patient>> patient(qint64 id) const override { return m_real.patient(id); }
    Result<std::optional<Patient>> patientByUuid(const QString &u) const override { return m_real.patientByUuid(u); }
    Result<QList<RowRevision>> revisions(const QString &u) const override { return m_real.revisions(u); }
    Result<Program> addProgram(const Program &p) override { return m_real.addProgram(p); }
    Result<QList<Program>> programs(qint64 id) const override { return m_real.programs(id); }
    Result<std::optional<Program>> program(qint64 id) const override { return m_real.program(id); }
    Result<SessionRecord> startSession(qint64 p, qint64 g, const QDateTime &at) override
    {
        return m_real.startSession(p, g, at);
    }
    Result<SessionEvent> appendEvent(const SessionEvent &e) override
    {
        if (++appends >= m_failAt)
            return Error{u"disk I/O error"_s, u"/media/full/rehabit.sqlite"_s};
        return m_real.appendEvent(e);
    }
    Result<QList<SessionEvent>> events(qint64 id) const override { return m_real.events(id); }
    Result<QList<SessionRecord>> sessions(qint64 id) const override { return m_real.sessions(id); }
    Result<std::optional<SessionRecord>> session(qint64 id) const override { return m_real.session(id); }
    Result<QList<SessionRecord>> interruptedSessions() const override { return m_real.interruptedSessions(); }
    Result<void> finishSession(qint64 id, SessionStatus s, const QDateTime &at, bool f) override
    {
        return m_real.finishSession(id, s, at, f);
    }
    Result<Proposal> addProposal(const Proposal &p) override { return m_real.addProposal(p); }
    Result<QList<Proposal>> proposals(qint64 id, std::optional<ProposalStatus> s) const override
    {
        return m_real.proposals(id, s);
    }
    Result<Proposal> decideProposal(qint64 id, ProposalStatus d, const QDateTime &at) override
    {
        return m_real.decideProposal(id, d, at);
    }
    Result<StoreHealth> check() const override { return m_real.check(); }
    Result<Exercise> saveCustomExercise(const Exercise &e) override { return m_real.saveCustomExercise(e); }
    Result<QList<Patient>> findPatients(const QString &t, bool a) const override { return m_real.findPatients(t, a); }
    Result<QList<PatientSummary>> patientSummaries(bool a) const override { return m_real.patientSummaries(a); }
    Result<Patient> renamePatient(qint64 id, const QString &n) override { return m_real.renamePatient(id, n); }
    Result<Patient> setPatientArchived(qint64 id, bool a) override { return m_real.setPatientArchived(id, a); }
    Result<QList<PatientNote>> notes(qint64 id) const override { return m_real.notes(id); }
    Result<PatientNote> addNote(const PatientNote &n) override { return m_real.addNote(n); }
    Result<PatientNote> updateNote(const PatientNote &n) override { return m_real.updateNote(n); }
    Result<void> deleteNote(qint64 id) override { return m_real.deleteNote(id); }
    Result<Program> updateProgram(const Program &p, const QDateTime &at) override
    {
        return m_real.updateProgram(p, at);
    }
    Result<Program> updateProgramAccepting(const Program &p, const QList<qint64> &ids, const QDateTime &at) override
    {
        return m_real.updateProgramAccepting(p, ids, at);
    }
    Result<Program> setProgramActive(qint64 id, bool a, const QDateTime &at) override
    {
        return m_real.setProgramActive(id, a, at);
    }
    Result<QList<ProgramItemVersion>> programItemVersions(qint64 id) const override
    {
        return m_real.programItemVersions(id);
    }
    Result<QList<SessionHistory>> sessionHistories(qint64 id) const override { return m_real.sessionHistories(id); }
    Result<QList<SessionEvent>> painEvents(qint64 id) const override { return m_real.painEvents(id); }
    Result<QList<SessionSummary>> sessionSummaries(qint64 id) const override { return m_real.sessionSummaries(id); }
    Result<QList<SessionEvent>> painRatings(qint64 id) const override { return m_real.painRatings(id); }
    Result<std::optional<PatientRecord>> patientRecord(qint64 id) const override { return m_real.patientRecord(id); }
    Result<qint64> addPatientRecord(const PatientRecord &r, RecordUuids u) override
    {
        return m_real.addPatientRecord(r, u);
    }
    Result<std::optional<Patient>> patientHoldingAny(const QStringList &uuids) const override
    {
        return m_real.patientHoldingAny(uuids);
    }

private:
    Store &m_real;
    int m_failAt;
};

QList<qint64> ids(const QList<SessionRecord> &records)
{
    QList<qint64> out;
    for (const SessionRecord &r : records)
        out << r.id;
    return out;
}

QList<SessionEvent> withoutStoreFields(QList<SessionEvent> events)
{
    for (SessionEvent &e : events) {
        e.id = 0;
        e.seq = 0;
    }
    return events;
}

} // namespace

TEST_CASE("runner: the whole program through the real store, each event saved before saved(seq)", "[runner]")
{
    TestDatabase db;
    ManualSessionClock clock;
    SessionRunner runner(*db.store, clock);
    QList<int> savedSeqs;
    int checkedInside = 0;
    QObject::connect(&runner, &SessionRunner::saved, &runner, [&](int seq) {
        savedSeqs << seq;
        // Committed when the signal comes: the store already has it.
        if (seq % 50 == 1) {
            const QList<SessionEvent> stored = db.events(runner.sessionId());
            REQUIRE_FALSE(stored.isEmpty());
            CHECK(stored.constLast().seq == seq);
            ++checkedInside;
        }
    });
    QList<SessionStatus> finished;
    QObject::connect(&runner, &SessionRunner::finished, &runner, [&](SessionStatus s, bool) { finished << s; });
    QList<Error> failed;
    QObject::connect(&runner, &SessionRunner::failed, &runner, [&](const Error &e) { failed << e; });

    Result<qint64> id = runner.start(db.program, db.exercises);
    REQUIRE(id.ok());
    playRunner(runner, clock);
    CHECK(failed.isEmpty());
    CHECK(finished == QList<SessionStatus>{SessionStatus::Completed});
    CHECK(checkedInside > 5);

    const QList<SessionEvent> stored = db.events(*id);
    QList<int> seqs;
    for (const SessionEvent &e : stored)
        seqs << e.seq;
    CHECK(seqs == savedSeqs);
    CHECK(runner.lastSavedSeq() == stored.constLast().seq);

    // The runner adds nothing and loses nothing: the store holds exactly what
    // the pure engine logs for the same inputs at the same moments.
    SessionDriver pure(db.plan(), *id);
    pure.play(Athlete{});
    CHECK(briefs(stored) == briefs(pure.log));
    CHECK(withoutStoreFields(stored) == pure.log);

    Result<std::optional<SessionRecord>> record = db.store->session(*id);
    REQUIRE(record.ok());
    REQUIRE(record.value().has_value());
    CHECK(record.value()->status == SessionStatus::Completed);
    CHECK_FALSE(record.value()->flagged);
    CHECK(record.value()->endedAt.toMSecsSinceEpoch() == stored.constLast().atMs);
    CHECK(ids(db.store->interruptedSessions().value()).isEmpty());
    CHECK_FALSE(runner.isRunning());
    CHECK_FALSE(runner.input(SessionInput::of(InputKind::RepDone)));
}

TEST_CASE("runner: cues, words and prompts reach their signals", "[runner]")
{
    TestDatabase db;
    ManualSessionClock clock;
    SessionRunner runner(*db.store, clock);
    QList<SoundCue> sounds;
    QObject::connect(&runner, &SessionRunner::soundCue, &runner, [&](SoundCue c) { sounds << c; });
    QStringList words;
    QObject::connect(&runner, &SessionRunner::say, &runner, [&](const QString &w) { words << w; });
    QList<PainContext> asked;
    QObject::connect(&runner, &SessionRunner::painAsked, &runner, [&](PainContext c, qint64) { asked << c; });
    int changed = 0;
    QObject::connect(&runner, &SessionRunner::stateChanged, &runner, [&] { ++changed; });
    REQUIRE(runner.start(db.program, db.exercises).ok());
    CHECK(asked == QList<PainContext>{PainContext::BeforeSession});
    runner.ratePain(1, PainContext::BeforeSession);
    CHECK(runner.state().stage == SessionStage::Assessing);
    CHECK(words.constLast() == exercise(u"thomas-test"_s).steps.first().cue);
    runner.recordAssessment(true);
    runner.recordAssessment(false);
    runner.ratePain(1, PainContext::AfterExercise);
    // The stretch: position countdown with a remaining time, then the hold.
    CHECK(runner.state().stage == SessionStage::Positioning);
    CHECK(runner.remainingMs() == 3000);
    clock.advance(1200);
    CHECK(runner.remainingMs() == 1800);
    runner.tick(); // a little late for the count of 2
    CHECK(sounds.constLast() == SoundCue::Count2);
    clock.setMonotonic(*runner.wakeAt());
    runner.tick();
    CHECK(sounds.constLast() == SoundCue::Count1);
    clock.setMonotonic(*runner.wakeAt());
    runner.tick();
    CHECK(sounds.constLast() == SoundCue::HoldStart);
    CHECK(runner.state().stage == SessionStage::Holding);
    CHECK(changed == 8);
}

TEST_CASE("runner: a store error stops the session, says so, and the session resumes from what was saved",
          "[runner][store-error]")
{
    TestDatabase db;
    ManualSessionClock clock;
    qint64 sessionId = 0;
    int lastAcknowledged = 0;
    {
        FailingStore failing(*db.store, 40);
        SessionRunner runner(failing, clock);
        QList<Error> failed;
        QObject::connect(&runner, &SessionRunner::failed, &runner, [&](const Error &e) { failed << e; });
        QList<int> saved;
        QObject::connect(&runner, &SessionRunner::saved, &runner, [&](int seq) { saved << seq; });
        Result<qint64> id = runner.start(db.program, db.exercises);
        REQUIRE(id.ok());
        sessionId = *id;
        playRunner(runner, clock);
        REQUIRE(failed.size() == 1);
        const Error error = failed.at(0);
        CHECK(error.message.contains(u"could not be saved"_s));
        CHECK(error.message.contains(u"disk I/O error"_s));
        CHECK(error.message.contains(u"resume the session"_s));
        CHECK(runner.error().has_value());
        CHECK_FALSE(runner.isRunning());
        CHECK_FALSE(runner.wakeAt().has_value());
        CHECK_FALSE(runner.input(SessionInput::of(InputKind::RepDone)));
        CHECK(saved.size() == 39); // the 40th append failed: not reported saved
        lastAcknowledged = saved.constLast();
        CHECK(db.events(sessionId).constLast().seq == lastAcknowledged);
    }
    // The next start finds the session and continues it from the store.
    Result<QList<SessionRecord>> interrupted = db.store->interruptedSessions();
    REQUIRE(interrupted.ok());
    CHECK(ids(interrupted.value()) == QList<qint64>{sessionId});

    const QList<SessionEvent> before = db.events(sessionId);
    SessionRunner again(*db.store, clock);
    clock.advance(600'000);
    REQUIRE(again.resumeInterrupted(db.program, db.exercises, sessionId).ok());
    const QList<SessionEvent> after = db.events(sessionId);
    REQUIRE(after.size() > before.size());
    CHECK(after.at(before.size()).kind == EventKind::SessionResumed);
    CHECK(after.at(before.size()).seq == lastAcknowledged + 1);
    // Where it went on is where the log says it is.
    Result<SessionState> replayed = SessionEngine::replay(db.plan(), sessionId, after);
    REQUIRE(replayed.ok());
    CHECK(again.state().progress == replayed->progress);
    // The 40th event, the one not saved, was the end of the stretch's left
    // side: the resumed session logs it first.
    CHECK(briefs(after.mid(before.size(), 3))
          == QStringList{u"session-resumed"_s, u"set-finished s1 L"_s, u"set-started s1 R"_s});
    playRunner(again, clock);
    CHECK(db.store->session(sessionId).value()->status == SessionStatus::Completed);
    for (const PlanItem &item : db.plan().items)
        CHECK(Progression::didFullDose(item, db.events(sessionId)));
}

TEST_CASE("runner: an interrupted session is resumed, or closed as partial", "[runner][resume]")
{
    TestDatabase db;
    ManualSessionClock clock;
    qint64 sessionId = 0;
    {
        SessionRunner runner(*db.store, clock);
        sessionId = runner.start(db.program, db.exercises).value();
        // Into the stretch's seventh hold, then the program is gone (no end).
        playRunner(runner, clock, Athlete{}, [](const SessionRunner &r) {
            return r.state().stage == SessionStage::Holding && r.state().progress.repsDone == 6;
        });
    }
    db.close(); // as after a crash: the next program start opens the file again
    db.open();
    REQUIRE(ids(db.store->interruptedSessions().value()) == QList<qint64>{sessionId});

    SECTION("resume: the seventh hold after the position countdown")
    {
        SessionRunner runner(*db.store, clock);
        QStringList words;
        QObject::connect(&runner, &SessionRunner::say, &runner, [&](const QString &w) { words << w; });
        REQUIRE(runner.resumeInterrupted(db.program, db.exercises, sessionId).ok());
        CHECK(briefs(db.events(sessionId)).constLast() == u"session-resumed"_s);
        CHECK(runner.state().stage == SessionStage::Positioning);
        CHECK(words.value(0) == u"Set 1, rep 7"_s);
        while (runner.state().stage == SessionStage::Positioning) {
            clock.setMonotonic(*runner.wakeAt());
            runner.tick();
        }
        CHECK(briefs(db.events(sessionId)).constLast() == u"hold-started s1 r7 L"_s);
    }
    SECTION("close as partial")
    {
        SessionRunner runner(*db.store, clock);
        QList<SessionStatus> finished;
        QObject::connect(&runner, &SessionRunner::finished, &runner, [&](SessionStatus st, bool) { finished << st; });
        REQUIRE(runner.closeInterrupted(db.program, db.exercises, sessionId).ok());
        CHECK(briefs(db.events(sessionId)).constLast() == u"session-closed-partial"_s);
        CHECK(finished == QList<SessionStatus>{SessionStatus::Partial});
        CHECK(db.store->session(sessionId).value()->status == SessionStatus::Partial);
        CHECK(db.store->interruptedSessions().value().isEmpty());
    }
    SECTION("close as partial after the program lost the item in progress")
    {
        Program changed = db.program;
        changed.items.removeIf(
            [](const ProgramItem &i) { return i.exerciseId == u"half-kneeling-hip-flexor-stretch"_s; });
        SessionRunner runner(*db.store, clock);
        const Result<void> resumed = runner.resumeInterrupted(changed, db.exercises, sessionId);
        REQUIRE_FALSE(resumed.ok());
        CHECK(resumed.error().message.contains(u"close it as partial"_s));
        REQUIRE(runner.closeInterrupted(changed, db.exercises, sessionId).ok());
        CHECK(briefs(db.events(sessionId)).constLast() == u"session-closed-partial"_s);
        CHECK(db.store->session(sessionId).value()->status == SessionStatus::Partial);
    }
}

TEST_CASE("runner: a pain stop is recorded as a pending step-back proposal", "[runner][proposals]")
{
    TestDatabase db;
    ManualSessionClock clock;
    SessionRunner runner(*db.store, clock);
    QList<QList<Proposal>> made;
    QObject::connect(&runner, &SessionRunner::proposalsMade, &runner, [&](const QList<Proposal> &p) { made << p; });
    QList<PainStopNotice> stopped;
    QObject::connect(&runner, &SessionRunner::painStopped, &runner, [&](const PainStopNotice &n) { stopped << n; });
    const qint64 id = runner.start(db.program, db.exercises).value();
    Athlete athlete;
    athlete.pain = [](PainContext c, const SessionState &s) {
        return c == PainContext::AfterExercise && s.currentItem()->exercise.id == u"marching-resisted-bridge"_s ? 3 : 1;
    };
    playRunner(runner, clock, athlete);
    REQUIRE(stopped.size() == 1);
    CHECK(stopped.at(0).exerciseId == u"marching-resisted-bridge"_s);
    CHECK(db.store->session(id).value()->flagged);
    REQUIRE(made.size() == 1);
    const QList<Proposal> pending = db.store->proposals(db.program.patientId, ProposalStatus::Pending).value();
    REQUIRE(pending.size() == 1);
    CHECK(pending.at(0).kind == ProposalKind::Regress);
    CHECK(pending.at(0).sessionId == id);
    CHECK(pending.at(0).reason.contains(u"leave out Marching resisted bridge"_s));
    qint64 bridgeItem = 0;
    for (const ProgramItem &i : db.program.items)
        if (i.exerciseId == u"marching-resisted-bridge"_s)
            bridgeItem = i.id;
    CHECK(pending.at(0).programItemId == bridgeItem);
}

TEST_CASE("runner: three pain-free sessions at full dose give pending advance proposals, once", "[runner][proposals]")
{
    TestDatabase db;
    ManualSessionClock clock;
    QList<int> madeCounts;
    for (int session = 1; session <= 4; ++session) {
        SessionRunner runner(*db.store, clock);
        int made = 0;
        QObject::connect(&runner, &SessionRunner::proposalsMade, &runner,
                         [&](const QList<Proposal> &p) { made += int(p.size()); });
        REQUIRE(runner.start(db.program, db.exercises).ok());
        playRunner(runner, clock);
        madeCounts << made;
        clock.advance(24 * 3600 * 1000);
    }
    // After the third: the five items below the top of their range; the
    // fourth session repeats none of the pending ones.
    CHECK(madeCounts == QList<int>{0, 0, 5, 0});
    const QList<Proposal> pending = db.store->proposals(db.program.patientId, ProposalStatus::Pending).value();
    CHECK(pending.size() == 5);
    for (const Proposal &p : pending)
        CHECK(p.kind == ProposalKind::Progress);
}

TEST_CASE("runner: the next-morning check-in", "[runner][next-morning]")
{
    TestDatabase db(PainRuleKind::Strict, [](Program &p) {
        for (ProgramItem &i : p.items)
            if (i.exerciseId == u"isometric-hip-flexion-band"_s)
                i.rx.sets = 3;
    });
    ManualSessionClock clock;
    SessionRunner runner(*db.store, clock);
    const qint64 id = runner.start(db.program, db.exercises).value();
    Athlete athlete;
    athlete.pain = [](PainContext, const SessionState &) { return 2; };
    playRunner(runner, clock, athlete);
    const QDateTime morning = QDateTime::fromMSecsSinceEpoch(clock.now().wallMs, Qt::UTC).addSecs(14 * 3600);

    SECTION("back to the usual level")
    {
        const Result<NextMorningVerdict> v =
            SessionRunner::recordNextMorning(*db.store, db.program, db.exercises, id, 2, morning);
        REQUIRE(v.ok());
        CHECK_FALSE(v->reduceLoad);
        CHECK(briefs(db.events(id)).constLast() == u"pain-rated 2 next-morning"_s);
        CHECK(db.store->proposals(db.program.patientId, ProposalStatus::Pending).value().isEmpty());
    }
    SECTION("above it: less load next time, proposed")
    {
        const Result<NextMorningVerdict> v =
            SessionRunner::recordNextMorning(*db.store, db.program, db.exercises, id, 3, morning);
        REQUIRE(v.ok());
        CHECK(v.value() == NextMorningVerdict{true, 3, 2});
        const QList<Proposal> pending = db.store->proposals(db.program.patientId, ProposalStatus::Pending).value();
        REQUIRE(pending.size() == 1);
        CHECK(pending.at(0).kind == ProposalKind::Regress);
        CHECK(pending.at(0).reason.contains(u"Isometric hip flexion with band"_s));
    }
    SECTION("a rating out of range is refused, nothing saved")
    {
        const int before = int(db.events(id).size());
        CHECK_FALSE(SessionRunner::recordNextMorning(*db.store, db.program, db.exercises, id, 11, morning).ok());
        CHECK(db.events(id).size() == before);
    }
}

TEST_CASE("runner: the real timer and the system clock", "[runner][timer]")
{
    TestDatabase db(PainRuleKind::Strict, [](Program &p) {
        ProgramItem brace;
        for (const ProgramItem &i : std::as_const(p.items))
            if (i.exerciseId == u"learning-to-brace"_s)
                brace = i;
        brace.rx.sets = 1;
        brace.rx.reps = 2;
        brace.rx.holdSeconds = 1;
        brace.rx.restBetweenRepsSeconds = 1;
        brace.rx.positionSeconds = 1;
        p.items = {brace};
    });
    SystemSessionClock clock;
    SessionRunner runner(*db.store, clock);
    // The athlete answers every prompt from a slot: the runner queues it.
    QObject::connect(&runner, &SessionRunner::painAsked, &runner,
                     [&](PainContext context, qint64) { runner.ratePain(0, context); });
    QEventLoop loop;
    QObject::connect(&runner, &SessionRunner::finished, &loop, &QEventLoop::quit);
    QObject::connect(&runner, &SessionRunner::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    const Result<qint64> id = runner.start(db.program, db.exercises);
    REQUIRE(id.ok());
    loop.exec();
    REQUIRE(runner.state().stage == SessionStage::Finished);
    const QList<SessionEvent> log = db.events(*id);
    CHECK(briefs(log)
          == QStringList{u"session-started"_s, u"pain-rated 0 before-session"_s,
                         u"exercise-started learning-to-brace"_s, u"set-started s1 B"_s, u"hold-started s1 r1 B"_s,
                         u"hold-ended s1 r1 B 1000ms"_s, u"rep-done s1 r1 B"_s, u"hold-started s1 r2 B"_s,
                         u"hold-ended s1 r2 B 1000ms"_s, u"rep-done s1 r2 B"_s, u"set-finished s1 B"_s,
                         u"exercise-finished learning-to-brace"_s, u"pain-rated 0 after-exercise"_s,
                         u"pain-rated 0 after-session"_s, u"session-ended [complete]"_s});
    // Deadlines chain: 1 s position, 1 s hold, 1 s rest, 1 s hold, whatever the timer's lateness.
    CHECK(log.at(4).atMs - log.at(3).atMs == 1000);
    CHECK(log.at(7).atMs - log.at(4).atMs == 2000);
    CHECK(log.at(8).atMs - log.at(7).atMs == 1000);
}
