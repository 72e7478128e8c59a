// Stable text codes of the core enums, used in JSON, SQL and the CLI.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/SessionLog.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace rehabit {
namespace {

template <typename E, std::size_t N>
QString codeOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[e, code] : table)
        if (e == value)
            return QString::fromLatin1(code);
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &code)
{
    for (const auto &[e, c] : table)
        if (code == QLatin1String(c))
            return e;
    return std::nullopt;
}

constexpr std::array<std::pair<Phase, const char *>, 4> phases{{
    {Phase::Assessment, "assessment"},
    {Phase::Flexibility, "flexibility"},
    {Phase::CoreStability, "core-stability"},
    {Phase::HipStrength, "hip-strength"},
}};
constexpr std::array<std::pair<WorkKind, const char *>, 4> kinds{{
    {WorkKind::Assessment, "assessment"},
    {WorkKind::Reps, "reps"},
    {WorkKind::Holds, "holds"},
    {WorkKind::Timed, "timed"},
}};
constexpr std::array<std::pair<Sides, const char *>, 3> sidesCodes{{
    {Sides::EachSide, "each-side"},
    {Sides::Alternating, "alternating"},
    {Sides::Both, "both"},
}};
constexpr std::array<std::pair<Side, const char *>, 3> sideCodes{{
    {Side::Left, "left"},
    {Side::Right, "right"},
    {Side::Both, "both"},
}};
constexpr std::array<std::pair<PainRuleKind, const char *>, 2> painRules{{
    {PainRuleKind::Strict, "strict"},
    {PainRuleKind::PainMonitoring, "pain-monitoring"},
}};
constexpr std::array<std::pair<EventKind, const char *>, 22> eventKinds{{
    {EventKind::SessionStarted, "session-started"},
    {EventKind::SessionResumed, "session-resumed"},
    {EventKind::ExerciseStarted, "exercise-started"},
    {EventKind::SetStarted, "set-started"},
    {EventKind::RepDone, "rep-done"},
    {EventKind::HoldStarted, "hold-started"},
    {EventKind::HoldEnded, "hold-ended"},
    {EventKind::TimedStarted, "timed-started"},
    {EventKind::TimedEnded, "timed-ended"},
    {EventKind::SetFinished, "set-finished"},
    {EventKind::SetSkipped, "set-skipped"},
    {EventKind::ExerciseFinished, "exercise-finished"},
    {EventKind::ExerciseSkipped, "exercise-skipped"},
    {EventKind::Back, "back"},
    {EventKind::Paused, "paused"},
    {EventKind::Resumed, "resumed"},
    {EventKind::PainRated, "pain-rated"},
    {EventKind::PainStop, "pain-stop"},
    {EventKind::AssessmentResult, "assessment-result"},
    {EventKind::SessionEnded, "session-ended"},
    {EventKind::SessionAborted, "session-aborted"},
    {EventKind::SessionClosedPartial, "session-closed-partial"},
}};
constexpr std::array<std::pair<PainContext, const char *>, 5> painContexts{{
    {PainContext::BeforeSession, "before-session"},
    {PainContext::During, "during"},
    {PainContext::AfterExercise, "after-exercise"},
    {PainContext::AfterSession, "after-session"},
    {PainContext::NextMorning, "next-morning"},
}};
constexpr std::array<std::pair<SessionStatus, const char *>, 4> statuses{{
    {SessionStatus::InProgress, "in-progress"},
    {SessionStatus::Completed, "completed"},
    {SessionStatus::Partial, "partial"},
    {SessionStatus::Aborted, "aborted"},
}};

} // namespace

QString toCode(Phase v)
{
    return codeOf(phases, v);
}
QString toCode(WorkKind v)
{
    return codeOf(kinds, v);
}
QString toCode(Sides v)
{
    return codeOf(sidesCodes, v);
}
QString toCode(Side v)
{
    return codeOf(sideCodes, v);
}
QString toCode(PainRuleKind v)
{
    return codeOf(painRules, v);
}
QString toCode(EventKind v)
{
    return codeOf(eventKinds, v);
}
QString toCode(PainContext v)
{
    return codeOf(painContexts, v);
}
QString toCode(SessionStatus v)
{
    return codeOf(statuses, v);
}

std::optional<Phase> phaseFromCode(const QString &c)
{
    return valueOf(phases, c);
}
std::optional<WorkKind> workKindFromCode(const QString &c)
{
    return valueOf(kinds, c);
}
std::optional<Sides> sidesFromCode(const QString &c)
{
    return valueOf(sidesCodes, c);
}
std::optional<Side> sideFromCode(const QString &c)
{
    return valueOf(sideCodes, c);
}
std::optional<PainRuleKind> painRuleFromCode(const QString &c)
{
    return valueOf(painRules, c);
}
std::optional<EventKind> eventKindFromCode(const QString &c)
{
    return valueOf(eventKinds, c);
}
std::optional<PainContext> painContextFromCode(const QString &c)
{
    return valueOf(painContexts, c);
}
std::optional<SessionStatus> sessionStatusFromCode(const QString &c)
{
    return valueOf(statuses, c);
}

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Assessment: return QCoreApplication::translate("rehabit::Phase", "Assessment");
    case Phase::Flexibility: return QCoreApplication::translate("rehabit::Phase", "Flexibility");
    case Phase::CoreStability: return QCoreApplication::translate("rehabit::Phase", "Core stability");
    case Phase::HipStrength: return QCoreApplication::translate("rehabit::Phase", "Hip strength");
    }
    return {};
}

Prescription defaultPrescription(const Exercise &e)
{
    Prescription rx;
    const auto def = [](const std::optional<Range> &r) { return r ? r->def : 0; };
    rx.sets = e.dosage.sets ? e.dosage.sets->def : 1;
    rx.reps = def(e.dosage.reps);
    rx.holdSeconds = def(e.dosage.holdSeconds);
    rx.durationSeconds = def(e.dosage.durationSeconds);
    rx.followUpSeconds = e.followUp ? e.followUp->seconds.def : 0;
    rx.restBetweenRepsSeconds = e.rest.betweenRepsSeconds;
    rx.restBetweenSetsSeconds = e.rest.betweenSetsSeconds;
    rx.restAfterSeconds = e.rest.afterExerciseSeconds;
    rx.positionSeconds = e.positionSeconds;
    rx.sides = e.sides;
    return rx;
}

bool flagsSession(const SessionEvent &event)
{
    return event.kind == EventKind::PainStop
           || (event.kind == EventKind::PainRated && event.pain && *event.pain > kPainFlagAbove);
}

} // namespace rehabit
