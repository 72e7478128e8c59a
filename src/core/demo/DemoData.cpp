// Demo patients: the article's program, played day by day through the pure
// session engine with a simulated clock and athlete (include/rehabit/demo/DemoData.h).

#include "rehabit/demo/DemoData.h"

#include "rehabit/platform/Clock.h"

#include "rehabit/engine/PainRule.h"
#include "rehabit/domain/ProgramTemplates.h"
#include "rehabit/engine/Progression.h"
#include "rehabit/engine/SessionEngine.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::DemoData", text);
}

const char *const FirstNames[] = {"Ana",   "Ben",   "Chloé", "David", "Elif", "Farid",  "Greta", "Hiro",
                                  "Ines",  "Jonas", "Kira",  "Luca",  "Maya", "Noah",   "Olga",  "Pavel",
                                  "Quinn", "Rosa",  "Sami",  "Tara",  "Uma",  "Viktor", "Wen",   "Yara"};

/// How one simulated person behaves over the whole history.
struct Person {
    double adherence = 0.8;  ///< chance of a session on a given day
    double baseline = 4.0;   ///< pain at the start of the history
    double recovery = 0.6;   ///< share of the baseline gone by the end
    QString troubleExercise; ///< the exercise that sometimes hurts
    double troubleChance = 0.1;
    double skipChance = 0.04;     ///< per exercise
    double endEarlyChance = 0.03; ///< per session
    double morningChance = 0.7;   ///< gives a next-morning rating
};

struct Athlete {
    QRandomGenerator &rng;
    const Person &person;
    int usual = 0; ///< today's pain before the session
    bool hurtToday = false;

    bool chance(double p) { return rng.generateDouble() < p; }
    int pain(PainContext context, const SessionState &state)
    {
        switch (context) {
        case PainContext::BeforeSession: return usual;
        case PainContext::During:
        case PainContext::AfterExercise: {
            const PlanItem *item = state.currentItem();
            if (item && item->exercise.id == person.troubleExercise && chance(person.troubleChance)) {
                hurtToday = true;
                return std::min(10, usual + 2 + int(rng.bounded(3)));
            }
            return std::max(0, usual - int(rng.bounded(2)));
        }
        case PainContext::AfterSession: return std::min(10, usual + (hurtToday ? 1 : 0));
        case PainContext::NextMorning: return std::min(10, usual + (hurtToday && chance(0.5) ? 1 : 0));
        }
        return usual;
    }
};

/// Plays one session through the engine; returns its log and how it ended.
struct PlayedSession {
    QList<SessionEvent> events;
    SessionStatus status = SessionStatus::Completed;
    bool flagged = false;
    qint64 endMs = 0;
};

PlayedSession play(const SessionPlan &plan, qint64 sessionId, qint64 startWallMs, Athlete &athlete)
{
    constexpr qint64 RepMs = 2500, AnswerMs = 4000, AssessMs = 15000;
    PlayedSession played;
    SessionState state = SessionEngine::initial(plan, sessionId);
    Moment now{0, startWallMs};
    const auto send = [&](const SessionInput &input) {
        const SessionTransition t = SessionEngine::next(state, input, now);
        state = t.state;
        for (const SessionEffect &fx : t.effects) {
            if (const auto *log = std::get_if<LogEvent>(&fx)) {
                SessionEvent e = log->event;
                e.seq = int(played.events.size()) + 1;
                played.events << e;
            } else if (const auto *finish = std::get_if<FinishSession>(&fx)) {
                played.status = finish->status;
                played.flagged = finish->flagged;
                played.endMs = finish->atMs;
            }
        }
        return t;
    };
    const auto advanceTo = [&](qint64 target) {
        for (int guard = 0; guard < 100000; ++guard) {
            const std::optional<qint64> wake = SessionEngine::wakeAt(state);
            if (!wake || *wake > target)
                break;
            now.wallMs += std::max(now.monotonicMs, *wake) - now.monotonicMs;
            now.monotonicMs = std::max(now.monotonicMs, *wake);
            send(SessionInput::of(InputKind::Tick));
        }
        if (target > now.monotonicMs) {
            now.wallMs += target - now.monotonicMs;
            now.monotonicMs = target;
        }
    };
    const auto after = [&](qint64 delay) {
        const qint64 lastWall = played.events.isEmpty() ? now.wallMs : played.events.constLast().atMs;
        advanceTo(std::max(now.monotonicMs, now.monotonicMs + (lastWall + delay - now.wallMs)));
    };

    int exercisesStarted = 0;
    qsizetype scanned = 0;
    bool endRequested = false;
    const bool endsEarly = athlete.chance(athlete.person.endEarlyChance);
    for (int guard = 0; guard < 200000 && state.stage != SessionStage::Finished; ++guard) {
        switch (state.stage) {
        case SessionStage::NotStarted: send(SessionInput::of(InputKind::Start)); break;
        case SessionStage::Interrupted: send(SessionInput::of(InputKind::ClosePartial)); break;
        case SessionStage::AskingPain: {
            const PainContext context = *state.painPrompt;
            after(AnswerMs);
            send(SessionInput::painRated(athlete.pain(context, state), context));
            break;
        }
        case SessionStage::Working:
            after(RepMs);
            send(SessionInput::of(InputKind::RepDone));
            break;
        case SessionStage::Assessing:
            after(AssessMs);
            send(SessionInput::assessment(athlete.chance(0.3)));
            break;
        case SessionStage::PainNotice: send(SessionInput::of(InputKind::Continue)); break;
        case SessionStage::Finished: break;
        default: {
            const std::optional<qint64> wake = SessionEngine::wakeAt(state);
            if (!wake) { // nothing timed: the athlete goes on
                send(SessionInput::of(InputKind::Continue));
                break;
            }
            advanceTo(*wake);
            break;
        }
        }
        // A new exercise: sometimes skipped; sometimes the session is ended early.
        bool started = false;
        for (; scanned < played.events.size(); ++scanned)
            started = started || played.events.at(scanned).kind == EventKind::ExerciseStarted;
        if (started && state.stage != SessionStage::Finished) {
            ++exercisesStarted;
            if (endsEarly && !endRequested && exercisesStarted >= 3) {
                endRequested = true;
                send(SessionInput::of(InputKind::End));
            } else if (athlete.chance(athlete.person.skipChance)) {
                send(SessionInput::of(InputKind::SkipExercise));
            }
        }
    }
    if (played.endMs == 0)
        played.endMs = now.wallMs;
    return played;
}

QDateTime utcMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

/// A proposal with what accepting it would change.
struct Pending {
    Proposal proposal;
    ProgressionProposal change;
};

/// One demo patient's history being made, day by day. The random draws are
/// made in a fixed order, so a seed gives the same history every time.
class DemoHistory {
public:
    DemoHistory(QRandomGenerator &rng, const QList<Exercise> &catalog)
        : m_rng(rng)
        , m_catalog(catalog)
    {}

    /// The patient, their first note and the program as it is on `created`.
    std::optional<Error> start(int index, const QDateTime &created);
    /// The proposals the therapist decides on `day` (a few days after they came).
    std::optional<Error> decideProposals(const QDate &day);
    /// A session on `day`, or none (a missed day); `progress` runs from 0 to 1
    /// over the history.
    void playDay(const QDate &day, const QDate &lastDay, double progress);
    PatientRecord finish();

private:
    void makePerson();
    void propose(const QList<ProgressionProposal> &changes, qint64 sessionId, const QDateTime &at);
    void accept(const Pending &p, const QDateTime &decidedAt);

    QRandomGenerator &m_rng;
    const QList<Exercise> &m_catalog;
    PatientRecord m_record;
    Program m_program;
    SessionPlan m_plan;
    Person m_person;
    QList<Pending> m_pending;
    qint64 m_nextProposalId = 1;
};

std::optional<Error> DemoHistory::start(int index, const QDateTime &created)
{
    PatientRecord &r = m_record;
    const QString first = QString::fromUtf8(FirstNames[index % int(std::size(FirstNames))]);
    r.patient = Patient{1,
                        tr("Demo %1 %2 (%3)")
                            .arg(first, QChar(u'A' + char16_t(m_rng.bounded(26))) + u'.')
                            .arg(index + 1, 3, 10, QChar(u'0')),
                        created.addSecs(-3600), false};
    r.notes << PatientNote{1, 1, created.addSecs(-1800),
                           tr("Demo patient made by rehabit-cli demo-data: not a real person. Iliopsoas "
                              "syndrome, daily home program from the article.")};

    m_program = ProgramTemplates::dailyProgram(1, m_catalog, created);
    if (m_program.items.isEmpty())
        return Error{tr("the catalog has none of the article's exercises; import the bundled catalog first"),
                     QString()};
    m_program.id = 1;
    m_program.name = tr("Hip flexor daily program (demo)");
    m_program.painRule = m_rng.bounded(3) == 0 ? PainRuleKind::PainMonitoring : PainRuleKind::Strict;
    for (qsizetype i = 0; i < m_program.items.size(); ++i) {
        ProgramItem &item = m_program.items[i];
        item.id = i + 1;
        item.position = int(i);
        r.itemVersions << ProgramItemVersion{1, item.id, created, false, int(i), item.exerciseId, item.rx};
    }

    makePerson();
    auto plan = SessionPlan::fromProgram(m_program, m_catalog);
    if (!plan)
        return plan.error();
    m_plan = *plan;
    return std::nullopt;
}

void DemoHistory::makePerson()
{
    m_person.adherence = 0.55 + 0.4 * m_rng.generateDouble();
    m_person.baseline = 2.5 + 4.0 * m_rng.generateDouble();
    m_person.recovery = 0.3 + 0.6 * m_rng.generateDouble();
    m_person.troubleExercise = m_program.items.at(int(m_rng.bounded(int(m_program.items.size())))).exerciseId;
    m_person.troubleChance = 0.03 + 0.15 * m_rng.generateDouble();
}

void DemoHistory::propose(const QList<ProgressionProposal> &changes, qint64 sessionId, const QDateTime &at)
{
    for (const ProgressionProposal &c : changes) {
        const ProposalKind kind =
            c.direction == ProposalDirection::Advance ? ProposalKind::Progress : ProposalKind::Regress;
        const bool repeated = std::any_of(m_pending.cbegin(), m_pending.cend(), [&](const Pending &p) {
            return p.proposal.programItemId == c.programItemId && p.proposal.kind == kind;
        });
        if (repeated)
            continue;
        m_pending << Pending{Proposal{m_nextProposalId++, c.programItemId, sessionId, kind, c.reason, at,
                                      ProposalStatus::Pending, QDateTime()},
                             c};
    }
}

void DemoHistory::accept(const Pending &p, const QDateTime &decidedAt)
{
    for (ProgramItem &item : m_program.items) {
        if (item.id != p.change.programItemId)
            continue;
        item.exerciseId = p.change.proposedExerciseId.isEmpty() ? item.exerciseId : p.change.proposedExerciseId;
        item.rx = p.change.proposed;
        m_record.itemVersions << ProgramItemVersion{1,      item.id, decidedAt, false, item.position, item.exerciseId,
                                                    item.rx};
    }
}

std::optional<Error> DemoHistory::decideProposals(const QDate &day)
{
    for (qsizetype i = 0; i < m_pending.size();) {
        Pending &p = m_pending[i];
        if (p.proposal.createdAt.date().daysTo(day) < 2 + int(m_rng.bounded(4))) {
            ++i;
            continue;
        }
        const QDateTime decidedAt(day, QTime(7, 30), QTimeZone::utc());
        const bool accepted = p.change.action != ProposalAction::RemoveItem && m_rng.generateDouble() < 0.6;
        p.proposal.status = accepted ? ProposalStatus::Accepted : ProposalStatus::Declined;
        p.proposal.decidedAt = decidedAt;
        if (accepted) {
            accept(p, decidedAt);
            auto rebuilt = SessionPlan::fromProgram(m_program, m_catalog);
            if (!rebuilt)
                return rebuilt.error();
            m_plan = *rebuilt;
        }
        m_record.proposals << p.proposal;
        m_pending.removeAt(i);
    }
    return std::nullopt;
}

void DemoHistory::playDay(const QDate &day, const QDate &lastDay, double progress)
{
    const double expectedPain = m_person.baseline * (1.0 - m_person.recovery * progress);
    const int usual = std::clamp(int(std::lround(expectedPain + (m_rng.generateDouble() - 0.5) * 1.6)), 0, 10);
    if (m_rng.generateDouble() >= m_person.adherence)
        return; // a missed day

    const qint64 sessionId = m_record.sessions.size() + 1;
    const QDateTime start(day, QTime(7 + int(m_rng.bounded(12)), int(m_rng.bounded(60))), QTimeZone::utc());
    Athlete athlete{m_rng, m_person, usual, false};
    const PlayedSession played = play(m_plan, sessionId, start.toMSecsSinceEpoch(), athlete);
    SessionHistory s;
    s.record = SessionRecord{sessionId, 1, 1, start, utcMs(played.endMs), played.status, played.flagged};
    s.events = played.events;
    for (SessionEvent &e : s.events)
        e.sessionId = sessionId;
    const QDateTime end = utcMs(played.endMs);
    propose(Progression::regressions(m_program, m_catalog, s), sessionId, end);

    // Next morning: the rating that the pain-monitoring model needs.
    if (day < lastDay && athlete.chance(m_person.morningChance)) {
        SessionEvent morning;
        morning.sessionId = sessionId;
        morning.seq = int(s.events.size()) + 1;
        const QDateTime at(day.addDays(1), QTime(7, int(m_rng.bounded(60))), QTimeZone::utc());
        morning.atMs = at.toMSecsSinceEpoch();
        morning.kind = EventKind::PainRated;
        morning.painContext = PainContext::NextMorning;
        morning.pain = athlete.pain(PainContext::NextMorning, SessionState{});
        s.events << morning;
        if (PainRule::nextMorning(*morning.pain, usual).reduceLoad)
            propose(Progression::afterNextMorning(m_program, m_catalog, s), sessionId, at);
    }
    m_record.sessions << s;

    // Advancement: from the sessions that every item needs, newest last.
    const int needed = std::max(1, m_program.progressionSessions);
    const qsizetype from = std::max<qsizetype>(0, m_record.sessions.size() - 2 * needed);
    propose(Progression::advancements(m_program, m_catalog, m_record.sessions.mid(from)), sessionId, end);
}

PatientRecord DemoHistory::finish()
{
    PatientRecord &r = m_record;
    for (const Pending &p : std::as_const(m_pending))
        r.proposals << p.proposal;
    std::stable_sort(r.proposals.begin(), r.proposals.end(),
                     [](const Proposal &a, const Proposal &b) { return a.createdAt < b.createdAt; });
    std::stable_sort(
        r.itemVersions.begin(), r.itemVersions.end(), [](const ProgramItemVersion &a, const ProgramItemVersion &b) {
            return a.programItemId != b.programItemId ? a.programItemId < b.programItemId : a.validFrom < b.validFrom;
        });
    r.programs << m_program;
    return r;
}

} // namespace

Result<PatientRecord> DemoData::patient(int index, const DemoOptions &options, const QList<Exercise> &catalog)
{
    QRandomGenerator rng(options.seed * 1000003u + quint32(index) * 7919u + 17u);
    const int days = std::max(1, options.days);
    const QDate lastDay = options.lastDay.isValid() ? options.lastDay : Clock::nowUtc().date().addDays(-1);
    const QDate firstDay = lastDay.addDays(1 - days);
    const QDateTime created(firstDay, QTime(8, 0), QTimeZone::utc());

    DemoHistory history(rng, catalog);
    if (auto error = history.start(index, created))
        return *error;
    for (QDate day = firstDay; day <= lastDay; day = day.addDays(1)) {
        if (auto error = history.decideProposals(day))
            return *error;
        history.playDay(day, lastDay, double(firstDay.daysTo(day)) / days);
    }
    return history.finish();
}

} // namespace rehabit
