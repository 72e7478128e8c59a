// SessionRunner: timer, clock and store around the pure SessionEngine.

#include "rehabit/engine/SessionRunner.h"

#include "rehabit/engine/Progression.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>

namespace rehabit {

using namespace Qt::StringLiterals;

namespace {

QDateTime utc(qint64 wallMs)
{
    return QDateTime::fromMSecsSinceEpoch(wallMs, Qt::UTC);
}

ProposalKind kindOf(ProposalDirection d)
{
    return d == ProposalDirection::Advance ? ProposalKind::Progress : ProposalKind::Regress;
}

/// Records the proposals as pending, leaving out any that repeats a pending
/// one (same item, same kind).
Result<QList<Proposal>> addPending(Store &store, qint64 patientId, qint64 sessionId,
                                   const QList<ProgressionProposal> &proposals, const QDateTime &at)
{
    QList<Proposal> added;
    if (proposals.isEmpty())
        return added;
    Result<QList<Proposal>> pending = store.proposals(patientId, ProposalStatus::Pending);
    if (!pending)
        return pending.error();
    QList<Proposal> known = pending.value();
    for (const ProgressionProposal &p : proposals) {
        const ProposalKind kind = kindOf(p.direction);
        const bool repeated = std::any_of(known.cbegin(), known.cend(), [&](const Proposal &k) {
            return k.programItemId == p.programItemId && k.kind == kind;
        });
        if (repeated)
            continue;
        Proposal proposal;
        proposal.programItemId = p.programItemId;
        proposal.sessionId = sessionId;
        proposal.kind = kind;
        proposal.reason = p.reason;
        proposal.createdAt = at;
        Result<Proposal> stored = store.addProposal(proposal);
        if (!stored)
            return stored.error();
        known.append(stored.value());
        added.append(stored.value());
    }
    return added;
}

Result<SessionHistory> historyOf(const Store &store, qint64 sessionId)
{
    Result<std::optional<SessionRecord>> record = store.session(sessionId);
    if (!record)
        return record.error();
    if (!record.value())
        return Error{QCoreApplication::translate("rehabit::SessionEngine", "There is no session %1 in the database.")
                         .arg(sessionId),
                     store.description()};
    Result<QList<SessionEvent>> events = store.events(sessionId);
    if (!events)
        return events.error();
    return SessionHistory{*record.value(), events.value()};
}

} // namespace

SessionRunner::SessionRunner(Store &store, SessionClock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SessionRunner::tick);
}

SessionRunner::~SessionRunner() = default;

bool SessionRunner::isRunning() const
{
    return m_started && !m_error && m_state.stage != SessionStage::Finished;
}

qint64 SessionRunner::remainingMs() const
{
    return SessionEngine::remainingMs(m_state, m_clock.now().monotonicMs);
}

std::optional<qint64> SessionRunner::wakeAt() const
{
    return isRunning() ? SessionEngine::wakeAt(m_state) : std::nullopt;
}

Result<qint64> SessionRunner::start(const Program &program, const QList<Exercise> &exercises)
{
    if (isRunning())
        return Error{
            QCoreApplication::translate("rehabit::SessionEngine", "A session is running already: end it first."),
            QString()};
    Result<SessionPlan> plan = SessionPlan::fromProgram(program, exercises);
    if (!plan)
        return plan.error();
    Result<SessionRecord> record = m_store.startSession(program.patientId, program.id, utc(m_clock.now().wallMs));
    if (!record)
        return record.error();
    Result<void> begun =
        begin(program, exercises, SessionEngine::initial(plan.value(), record->id), SessionInput::of(InputKind::Start));
    if (!begun)
        return begun.error();
    return record->id;
}

Result<void> SessionRunner::resumeInterrupted(const Program &program, const QList<Exercise> &exercises,
                                              qint64 sessionId)
{
    if (isRunning())
        return Error{
            QCoreApplication::translate("rehabit::SessionEngine", "A session is running already: end it first."),
            QString()};
    Result<SessionPlan> plan = SessionPlan::fromProgram(program, exercises);
    if (!plan)
        return plan.error();
    Result<QList<SessionEvent>> events = m_store.events(sessionId);
    if (!events)
        return events.error();
    if (const std::optional<FinishSession> end = SessionEngine::endOf(events.value()))
        return finishFromLog(program, sessionId, *end);
    Result<SessionState> replayed = SessionEngine::replay(plan.value(), sessionId, events.value());
    if (!replayed)
        return replayed.error();
    return begin(program, exercises, replayed.value(), SessionInput::of(InputKind::Resume));
}

Result<void> SessionRunner::closeInterrupted(const Program &program, const QList<Exercise> &exercises, qint64 sessionId)
{
    if (isRunning())
        return Error{
            QCoreApplication::translate("rehabit::SessionEngine", "A session is running already: end it first."),
            QString()};
    Result<QList<SessionEvent>> events = m_store.events(sessionId);
    if (!events)
        return events.error();
    if (const std::optional<FinishSession> end = SessionEngine::endOf(events.value()))
        return finishFromLog(program, sessionId, *end);
    if (Result<SessionPlan> plan = SessionPlan::fromProgram(program, exercises)) {
        if (Result<SessionState> replayed = SessionEngine::replay(plan.value(), sessionId, events.value()))
            return begin(program, exercises, replayed.value(), SessionInput::of(InputKind::ClosePartial));
    }
    // The program changed since (an item is gone): close it from the log alone.
    const bool flagged = std::any_of(events->cbegin(), events->cend(), flagsSession);
    const Moment now = m_clock.now();
    SessionEvent closing;
    closing.sessionId = sessionId;
    closing.atMs = now.wallMs;
    closing.kind = EventKind::SessionClosedPartial;
    m_state = SessionState{};
    m_state.sessionId = sessionId;
    Result<SessionEvent> stored = m_store.appendEvent(closing);
    if (!stored)
        return stored.error();
    m_lastSavedSeq = stored->seq;
    Q_EMIT saved(stored->seq);
    return finishFromLog(program, sessionId, FinishSession{SessionStatus::Partial, flagged, now.wallMs});
}

Result<void> SessionRunner::finishFromLog(const Program &program, qint64 sessionId, const FinishSession &finish)
{
    Result<void> done = m_store.finishSession(sessionId, finish.status, utc(finish.atMs), finish.flagged);
    if (!done)
        return done;
    m_program = program;
    m_state = SessionState{};
    m_state.sessionId = sessionId;
    m_state.stage = SessionStage::Finished;
    m_state.finishedAs = finish.status;
    m_state.progress.flagged = finish.flagged;
    m_started = true;
    m_error.reset();
    Q_EMIT stateChanged();
    Q_EMIT finished(finish.status, finish.flagged);
    return {};
}

Result<void> SessionRunner::begin(const Program &program, const QList<Exercise> &exercises, const SessionState &state,
                                  const SessionInput &first)
{
    m_program = program;
    m_exercises = exercises;
    m_state = state;
    m_started = true;
    m_error.reset();
    m_lastSavedSeq = 0;
    m_queue.clear();
    if (!process(first) && m_error)
        return *m_error;
    return {};
}

bool SessionRunner::input(const SessionInput &in)
{
    return process(in);
}

bool SessionRunner::process(const SessionInput &first)
{
    if (!isRunning())
        return false;
    m_queue.append(first);
    if (m_busy)
        return true; // a slot of one of our signals gave an input: it follows this one
    m_busy = true;
    bool ok = true;
    while (!m_queue.isEmpty() && isRunning()) {
        const SessionInput in = m_queue.takeFirst();
        const SessionTransition t = SessionEngine::next(m_state, in, m_clock.now());
        if (t.effects.isEmpty() && t.state == m_state) {
            schedule(t.wakeAtMs);
            continue;
        }
        m_state = t.state;

        // What the athlete hears comes first: it must not wait for the disk.
        for (const SessionEffect &effect : t.effects) {
            if (const auto *sound = std::get_if<PlaySound>(&effect))
                Q_EMIT soundCue(sound->cue);
            else if (const auto *words = std::get_if<Say>(&effect))
                Q_EMIT say(words->words);
        }
        // Every event in its own transaction, in order; "saved" only after COMMIT.
        for (const SessionEffect &effect : t.effects) {
            const auto *log = std::get_if<LogEvent>(&effect);
            if (!log)
                continue;
            Result<SessionEvent> stored = m_store.appendEvent(log->event);
            if (!stored) {
                stop(stored.error());
                break;
            }
            m_lastSavedSeq = stored->seq;
            Q_EMIT saved(stored->seq);
        }
        if (m_error) {
            ok = false;
            break;
        }
        std::optional<FinishSession> finish;
        for (const SessionEffect &effect : t.effects) {
            if (const auto *f = std::get_if<FinishSession>(&effect)) {
                Result<void> done = m_store.finishSession(m_state.sessionId, f->status, utc(f->atMs), f->flagged);
                if (!done) {
                    stop(done.error());
                    break;
                }
                finish = *f;
            }
        }
        if (m_error) {
            ok = false;
            break;
        }
        for (const SessionEffect &effect : t.effects) {
            if (const auto *ask = std::get_if<AskPain>(&effect))
                Q_EMIT painAsked(ask->context, ask->programItemId);
            else if (const auto *stopNotice = std::get_if<ShowPainStop>(&effect))
                Q_EMIT painStopped(stopNotice->notice);
        }
        schedule(t.wakeAtMs);
        Q_EMIT stateChanged();
        if (finish) {
            Q_EMIT finished(finish->status, finish->flagged);
            Result<QList<Proposal>> proposals = recordProposals();
            if (!proposals)
                Q_EMIT failed(proposals.error());
            else if (!proposals->isEmpty())
                Q_EMIT proposalsMade(proposals.value());
        }
    }
    m_busy = false;
    if (!isRunning())
        m_queue.clear();
    return ok;
}

void SessionRunner::schedule(const std::optional<qint64> &wake)
{
    if (!wake || !isRunning()) {
        m_timer.stop();
        return;
    }
    const qint64 delay = std::clamp<qint64>(*wake - m_clock.now().monotonicMs, 0, std::numeric_limits<int>::max());
    m_timer.start(int(delay));
}

void SessionRunner::stop(const Error &storeError)
{
    m_timer.stop();
    m_error = Error{QCoreApplication::translate("rehabit::SessionEngine",
                                                "The session could not be saved: %1 The session is stopped. Everything "
                                                "saved before is kept; once the problem is solved, resume the session.")
                        .arg(storeError.text()),
                    m_store.description()};
    Q_EMIT failed(*m_error);
    Q_EMIT stateChanged();
}

Result<QList<Proposal>> SessionRunner::recordProposals()
{
    Result<SessionHistory> current = historyOf(m_store, m_state.sessionId);
    if (!current)
        return current.error();
    QList<ProgressionProposal> proposals = Progression::regressions(m_program, m_exercises, current.value());

    Result<QList<SessionRecord>> records = m_store.sessions(m_program.patientId);
    if (!records)
        return records.error();
    QList<SessionRecord> ofProgram;
    for (const SessionRecord &r : records.value())
        if (r.programId == m_program.id)
            ofProgram.append(r);
    std::sort(ofProgram.begin(), ofProgram.end(), [](const SessionRecord &a, const SessionRecord &b) {
        return a.startedAt != b.startedAt ? a.startedAt > b.startedAt : a.id > b.id;
    });
    // Newest first, only as far back as needed: until every item has been
    // worked in N sessions.
    const int needed = std::max(1, m_program.progressionSessions);
    QHash<qint64, int> worked;
    QList<SessionHistory> history;
    for (const SessionRecord &r : std::as_const(ofProgram)) {
        const bool enough = std::all_of(m_program.items.cbegin(), m_program.items.cend(),
                                        [&](const ProgramItem &i) { return worked.value(i.id) >= needed; });
        if (enough)
            break;
        Result<QList<SessionEvent>> events = m_store.events(r.id);
        if (!events)
            return events.error();
        QSet<qint64> started;
        for (const SessionEvent &e : std::as_const(events.value()))
            if (e.kind == EventKind::ExerciseStarted)
                started.insert(e.programItemId);
        for (const qint64 id : std::as_const(started))
            ++worked[id];
        history.prepend(SessionHistory{r, events.value()});
    }
    proposals += Progression::advancements(m_program, m_exercises, history);
    return addPending(m_store, m_program.patientId, m_state.sessionId, proposals, utc(m_clock.now().wallMs));
}

Result<NextMorningVerdict> SessionRunner::recordNextMorning(Store &store, const Program &program,
                                                            const QList<Exercise> &exercises, qint64 sessionId,
                                                            int pain, const QDateTime &at)
{
    if (!PainRule::isValidRating(pain))
        return Error{
            QCoreApplication::translate("rehabit::SessionEngine", "Pain is rated from 0 to 10, not %1.").arg(pain),
            QString()};
    Result<SessionHistory> history = historyOf(store, sessionId);
    if (!history)
        return history.error();
    std::optional<int> usual;
    for (const SessionEvent &e : std::as_const(history->events))
        if (e.kind == EventKind::PainRated && e.painContext == PainContext::BeforeSession && e.pain)
            usual = e.pain;
    if (!usual)
        return Error{QCoreApplication::translate("rehabit::SessionEngine",
                                                 "The session of %1 has no pain rating from before it, so there is "
                                                 "nothing to compare the next morning with.")
                         .arg(history->record.startedAt.toString(Qt::ISODate)),
                     QString()};
    SessionEvent e;
    e.sessionId = sessionId;
    e.atMs = at.toMSecsSinceEpoch();
    e.kind = EventKind::PainRated;
    e.pain = pain;
    e.painContext = PainContext::NextMorning;
    Result<SessionEvent> stored = store.appendEvent(e);
    if (!stored)
        return stored.error();
    history->events.append(stored.value());
    const NextMorningVerdict verdict = PainRule::nextMorning(pain, *usual);
    if (verdict.reduceLoad) {
        Result<QList<Proposal>> added =
            addPending(store, program.patientId, sessionId,
                       Progression::afterNextMorning(program, exercises, history.value()), at);
        if (!added)
            return added.error();
    }
    return verdict;
}

void SessionRunner::repDone()
{
    process(SessionInput::of(InputKind::RepDone));
}
void SessionRunner::holdStarted()
{
    process(SessionInput::of(InputKind::HoldStarted));
}
void SessionRunner::holdEnded()
{
    process(SessionInput::of(InputKind::HoldEnded));
}
void SessionRunner::pause()
{
    process(SessionInput::of(InputKind::Pause));
}
void SessionRunner::resume()
{
    process(SessionInput::of(InputKind::Resume));
}
void SessionRunner::skipSet()
{
    process(SessionInput::of(InputKind::SkipSet));
}
void SessionRunner::skipExercise()
{
    process(SessionInput::of(InputKind::SkipExercise));
}
void SessionRunner::back()
{
    process(SessionInput::of(InputKind::Back));
}
void SessionRunner::ratePain(int pain, PainContext context)
{
    process(SessionInput::painRated(pain, context));
}
void SessionRunner::recordAssessment(bool positive)
{
    process(SessionInput::assessment(positive));
}
void SessionRunner::continueOn()
{
    process(SessionInput::of(InputKind::Continue));
}
void SessionRunner::end()
{
    process(SessionInput::of(InputKind::End));
}
void SessionRunner::abort()
{
    process(SessionInput::of(InputKind::Abort));
}
void SessionRunner::tick()
{
    process(SessionInput::of(InputKind::Tick));
}

} // namespace rehabit
