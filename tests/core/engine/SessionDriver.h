#pragma once
// Test support for the session engine: plan builders over the bundled
// catalog, a one-line form of logged events, and SessionDriver, which plays
// the clock (a fake monotonic + wall clock, with late timer ticks if asked)
// and, if asked, the athlete.

#include "RehabitCatch.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/engine/SessionEngine.h"

#include <QRandomGenerator>
#include <QStringList>

#include <functional>
#include <stdexcept>

namespace rehabit::enginetest {

using namespace Qt::StringLiterals;

inline const Catalog &bundledCatalog()
{
    static const Catalog catalog = [] {
        Result<Catalog> c = CatalogJson::bundled();
        if (!c)
            throw std::runtime_error(c.error().text().toStdString());
        return c.value();
    }();
    return catalog;
}

inline Exercise exercise(const QString &id)
{
    for (const Exercise &e : bundledCatalog().exercises)
        if (e.id == id)
            return e;
    throw std::runtime_error("no bundled exercise " + id.toStdString());
}

/// The engine's tests write their moments for a 3 s position countdown, the
/// prescription's own default; the catalog's (Rehabit's 10 s) is tested in
/// the app's session tests.
inline constexpr int kTestPositionSeconds = 3;

/// A plan item with the catalog's default prescription (position countdown
/// kTestPositionSeconds), changed by `adjust`.
inline PlanItem item(qint64 programItemId, const QString &exerciseId,
                     const std::function<void(Prescription &)> &adjust = {})
{
    const Exercise e = exercise(exerciseId);
    Prescription rx = defaultPrescription(e);
    rx.positionSeconds = kTestPositionSeconds;
    if (adjust)
        adjust(rx);
    return PlanItem{programItemId, e, rx};
}

inline SessionPlan planOf(QList<PlanItem> items, PainRuleKind rule = PainRuleKind::Strict)
{
    SessionPlan plan;
    plan.painRule = rule;
    plan.items = std::move(items);
    return plan;
}

/// The whole bundled catalog as a program at default dosage, item ids 101...
inline Program wholeProgram(PainRuleKind rule = PainRuleKind::Strict)
{
    Program p;
    p.id = 7;
    p.patientId = 3;
    p.name = u"Hip flexor program"_s;
    p.painRule = rule;
    int position = 0;
    for (const Exercise &e : bundledCatalog().exercises) {
        ProgramItem i;
        i.id = 101 + position;
        i.position = position++;
        i.exerciseId = e.id;
        i.rx = defaultPrescription(e);
        i.rx.positionSeconds = kTestPositionSeconds;
        p.items.append(i);
    }
    return p;
}

inline QString sideCode(const std::optional<Side> &side)
{
    if (!side)
        return QString();
    switch (*side) {
    case Side::Left: return u"L"_s;
    case Side::Right: return u"R"_s;
    case Side::Both: return u"B"_s;
    }
    return QString();
}

/// "hold-ended s1 r3 L 10000ms", "exercise-started learning-to-brace",
/// "pain-rated 2 before-session", "back s1 r4 L [rep]".
inline QString brief(const SessionEvent &e)
{
    QStringList parts{toCode(e.kind)};
    switch (e.kind) {
    case EventKind::ExerciseStarted:
    case EventKind::ExerciseFinished:
    case EventKind::ExerciseSkipped: parts << e.exerciseId; break;
    default: break;
    }
    if (e.setIndex)
        parts << u"s%1"_s.arg(e.setIndex);
    if (e.repIndex)
        parts << u"r%1"_s.arg(e.repIndex);
    if (e.side)
        parts << sideCode(e.side);
    if (e.holdMs)
        parts << u"%1ms"_s.arg(*e.holdMs);
    if (e.pain)
        parts << QString::number(*e.pain);
    if (e.painContext)
        parts << toCode(*e.painContext);
    if (!e.detail.isEmpty())
        parts << u"[%1]"_s.arg(e.detail);
    return parts.join(u' ');
}

inline QStringList briefs(const QList<SessionEvent> &events)
{
    QStringList out;
    for (const SessionEvent &e : events)
        out << brief(e);
    return out;
}

template <typename T>
QList<T> effectsOf(const QList<SessionEffect> &effects)
{
    QList<T> out;
    for (const SessionEffect &fx : effects)
        if (const T *t = std::get_if<T>(&fx))
            out.append(*t);
    return out;
}

inline QList<SoundCue> soundsOf(const QList<SessionEffect> &effects)
{
    QList<SoundCue> out;
    for (const PlaySound &s : effectsOf<PlaySound>(effects))
        out.append(s.cue);
    return out;
}

inline QStringList wordsOf(const QList<SessionEffect> &effects)
{
    QStringList out;
    for (const Say &s : effectsOf<Say>(effects))
        out.append(s.words);
    return out;
}

/// How the played athlete answers.
struct Athlete {
    std::function<int(PainContext, const SessionState &)> pain = [](PainContext, const SessionState &) { return 1; };
    qint64 answerMs = 4000; ///< from the prompt to the rating
    qint64 repMs = 2500;    ///< from the previous event to "rep done" (reps without hold)
    qint64 assessMs = 20000;
    std::function<bool(Side)> assessment = [](Side side) { return side == Side::Left; };
};

class SessionDriver {
public:
    static constexpr qint64 StartMonotonic = 5'000'000;
    static constexpr qint64 StartWall = 1'750'000'000'000; // 2025-06-15

    explicit SessionDriver(const SessionPlan &plan, qint64 sessionId = 1)
        : state(SessionEngine::initial(plan, sessionId))
        , now{StartMonotonic, StartWall}
    {}
    SessionDriver(SessionState replayed, Moment at)
        : state(std::move(replayed))
        , now(at)
    {}

    SessionState state;
    Moment now;
    QList<SessionEvent> log;      ///< everything logged, in order
    QList<SessionEffect> effects; ///< every effect, in order
    QList<SessionEffect> last;    ///< the effects of the last call
    qint64 maxLateMs = 0;         ///< timer ticks arrive up to this late
    QRandomGenerator random{20250615};
    int calls = 0;
    std::function<void(const SessionDriver &)> afterEach; ///< called after every transition

    SessionTransition send(const SessionInput &in)
    {
        ++calls;
        SessionTransition t = SessionEngine::next(state, in, now);
        state = t.state;
        last = t.effects;
        effects += t.effects;
        log += t.events();
        if (afterEach)
            afterEach(*this);
        return t;
    }
    SessionTransition send(InputKind kind) { return send(SessionInput::of(kind)); }
    SessionTransition rate(int pain, PainContext context) { return send(SessionInput::painRated(pain, context)); }

    void setTime(qint64 monotonicMs)
    {
        now.wallMs += monotonicMs - now.monotonicMs;
        now.monotonicMs = monotonicMs;
    }

    /// Moves the clock to `target`, ticking at every wake-up on the way
    /// (late by up to maxLateMs).
    void advanceTo(qint64 target)
    {
        for (int guard = 0; guard < 100000; ++guard) {
            const std::optional<qint64> wake = SessionEngine::wakeAt(state);
            if (!wake || *wake > target)
                break;
            const qint64 late = maxLateMs > 0 ? qint64(random.bounded(int(maxLateMs + 1))) : 0;
            setTime(std::max(now.monotonicMs, std::min(target, *wake + late)));
            send(InputKind::Tick);
        }
        setTime(std::max(now.monotonicMs, target));
    }
    void advance(qint64 ms) { advanceTo(now.monotonicMs + ms); }

    /// Ticks until the current timed stage (and any that chain from it at
    /// their deadlines) is left for a stage that waits for the athlete.
    void runTimers()
    {
        for (int guard = 0; guard < 100000; ++guard) {
            const std::optional<qint64> wake = SessionEngine::wakeAt(state);
            if (!wake)
                return;
            advanceTo(*wake);
        }
    }
    /// Ticks until the stage is `stage`, entered anew: if it is `stage`
    /// already, it is left first (fails the test after 10 000 wake-ups).
    void runUntil(SessionStage stage)
    {
        bool left = state.stage != stage;
        for (int guard = 0; guard < 10000; ++guard) {
            const std::optional<qint64> wake = SessionEngine::wakeAt(state);
            REQUIRE(wake.has_value());
            advanceTo(*wake);
            left = left || state.stage != stage;
            if (left && state.stage == stage)
                return;
        }
        FAIL("stage not reached");
    }

    /// Monotonic time of the last logged event (the wall clock runs in step).
    qint64 lastEventMonotonic() const
    {
        return log.isEmpty() ? now.monotonicMs : log.constLast().atMs - (now.wallMs - now.monotonicMs);
    }
    /// The athlete acts `delay` after the last logged event: an athlete who
    /// reacts to the moment things happen, not to a late timer tick.
    void actAfter(qint64 delay) { advanceTo(std::max(now.monotonicMs, lastEventMonotonic() + delay)); }

    /// One move of the played athlete (or of the clock); false once the
    /// session is finished.
    bool step(const Athlete &athlete)
    {
        switch (state.stage) {
        case SessionStage::NotStarted: send(InputKind::Start); return true;
        case SessionStage::Interrupted: send(InputKind::Resume); return true;
        case SessionStage::Finished: return false;
        case SessionStage::AskingPain: {
            const PainContext context = *state.painPrompt;
            actAfter(athlete.answerMs);
            rate(athlete.pain(context, state), context);
            return true;
        }
        case SessionStage::Working:
            actAfter(athlete.repMs);
            send(InputKind::RepDone);
            return true;
        case SessionStage::Assessing:
            actAfter(athlete.assessMs);
            send(SessionInput::assessment(athlete.assessment(state.currentUnit()->side.value_or(Side::Both))));
            return true;
        case SessionStage::PainNotice: send(InputKind::Continue); return true;
        default: {
            const std::optional<qint64> wake = SessionEngine::wakeAt(state);
            REQUIRE(wake.has_value());
            advanceTo(*wake);
            return true;
        }
        }
    }

    /// Plays the athlete until the session is finished (or `stop` says so).
    void play(const Athlete &athlete, const std::function<bool(const SessionDriver &)> &stop = {})
    {
        for (int guard = 0; guard < 100000; ++guard) {
            if (stop && stop(*this))
                return;
            if (!step(athlete))
                return;
        }
        FAIL("the played session did not finish");
    }
};

} // namespace rehabit::enginetest
