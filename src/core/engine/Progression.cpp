// Progression and regression proposals, pure (see include/rehabit/engine/Progression.h).

#include "rehabit/engine/Progression.h"

#include "rehabit/domain/DosageText.h"
#include "rehabit/engine/PainRule.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <array>

namespace rehabit {

using namespace Qt::StringLiterals;

QString toCode(ProposalDirection d)
{
    switch (d) {
    case ProposalDirection::Advance: return u"advance"_s;
    case ProposalDirection::Regress: return u"regress"_s;
    }
    return QString();
}

QString toCode(ProposalAction a)
{
    switch (a) {
    case ProposalAction::ChangeDose: return u"change-dose"_s;
    case ProposalAction::ReplaceExercise: return u"replace-exercise"_s;
    case ProposalAction::RemoveItem: return u"remove-item"_s;
    }
    return QString();
}

QList<QStringList> Progression::ladders()
{
    // Flexibility: the passive stretch, then the active stretch (the article's
    // "another way": it also asks the glutes to work).
    // Core stability and hip strength, in the article's words: "once you have
    // the ability to create proper core stability" -> isometric hip flexion ->
    // "next, we can progress to" the marching resisted bridge -> "the last
    // area", the side plank clamshell. Thomas test and ball release stand
    // alone.
    return {
        {u"half-kneeling-hip-flexor-stretch"_s, u"prone-leg-lift"_s},
        {u"learning-to-brace"_s, u"isometric-hip-flexion-band"_s, u"marching-resisted-bridge"_s,
         u"side-plank-clamshell"_s},
    };
}

std::optional<QString> Progression::previousStep(const QString &exerciseId)
{
    for (const QStringList &ladder : ladders()) {
        const qsizetype i = ladder.indexOf(exerciseId);
        if (i > 0)
            return ladder.at(i - 1);
    }
    return std::nullopt;
}

std::optional<QString> Progression::nextStep(const QString &exerciseId)
{
    for (const QStringList &ladder : ladders()) {
        const qsizetype i = ladder.indexOf(exerciseId);
        if (i >= 0 && i + 1 < ladder.size())
            return ladder.at(i + 1);
    }
    return std::nullopt;
}

namespace {

struct Figure {
    int Prescription::*value;
    std::optional<Range> Dosage::*range;
};

constexpr std::array<Figure, 4> raiseOrder{{
    {&Prescription::holdSeconds, &Dosage::holdSeconds},
    {&Prescription::durationSeconds, &Dosage::durationSeconds},
    {&Prescription::reps, &Dosage::reps},
    {&Prescription::sets, &Dosage::sets},
}};
constexpr std::array<Figure, 4> lowerOrder{{
    {&Prescription::sets, &Dosage::sets},
    {&Prescription::reps, &Dosage::reps},
    {&Prescription::durationSeconds, &Dosage::durationSeconds},
    {&Prescription::holdSeconds, &Dosage::holdSeconds},
}};

/// Half the range, at least 1: 3-5 s moves by 1, 10-20 s by 5, 60-120 s by 30.
int stepOf(const Range &r)
{
    return std::max(1, (r.max - r.min + 1) / 2);
}

const Exercise *findExercise(const QList<Exercise> &exercises, const QString &id)
{
    for (const Exercise &e : exercises)
        if (e.id == id)
            return &e;
    return nullptr;
}

bool programHas(const Program &program, const QString &exerciseId)
{
    return std::any_of(program.items.cbegin(), program.items.cend(),
                       [&](const ProgramItem &i) { return i.exerciseId == exerciseId; });
}

/// The easier or harder step's own defaults, keeping what belongs to the
/// athlete (position countdown, days per week, load).
Prescription stepPrescription(const Exercise &step, const Prescription &now)
{
    Prescription rx = defaultPrescription(step);
    rx.positionSeconds = now.positionSeconds;
    rx.daysPerWeek = now.daysPerWeek;
    rx.load = now.load;
    return rx;
}

bool startedIn(qint64 programItemId, const QList<SessionEvent> &events)
{
    return std::any_of(events.cbegin(), events.cend(), [&](const SessionEvent &e) {
        return e.kind == EventKind::ExerciseStarted && e.programItemId == programItemId;
    });
}

std::optional<int> painOf(const QList<SessionEvent> &events, PainContext context)
{
    std::optional<int> result;
    for (const SessionEvent &e : events)
        if (e.kind == EventKind::PainRated && e.painContext == context && e.pain)
            result = e.pain;
    return result;
}

QString dayOf(const SessionRecord &r)
{
    return r.startedAt.toUTC().date().toString(Qt::ISODate);
}

} // namespace

std::optional<Prescription> Progression::raisedDose(const Exercise &exercise, const Prescription &rx)
{
    for (const Figure &f : raiseOrder) {
        const std::optional<Range> &range = exercise.dosage.*(f.range);
        const int value = rx.*(f.value);
        if (!range || value <= 0 || value >= range->max)
            continue;
        Prescription raised = rx;
        raised.*(f.value) = std::min(range->max, value + stepOf(*range));
        return raised;
    }
    return std::nullopt;
}

std::optional<Prescription> Progression::loweredDose(const Exercise &exercise, const Prescription &rx)
{
    for (const Figure &f : lowerOrder) {
        const std::optional<Range> &range = exercise.dosage.*(f.range);
        const int value = rx.*(f.value);
        if (!range || value <= 0 || value <= range->min)
            continue;
        Prescription lowered = rx;
        lowered.*(f.value) = std::max(range->min, value - stepOf(*range));
        return lowered;
    }
    return std::nullopt;
}

bool Progression::didFullDose(const PlanItem &item, const QList<SessionEvent> &events)
{
    const QList<WorkUnit> units = item.units();
    const WorkStyle style = item.style();
    QList<QSet<int>> done(units.size());
    QHash<QPair<int, int>, qint64> lastHold; // (unit, rep) -> measured ms
    const qint64 holdMs = qint64(item.rx.holdSeconds) * 1000;
    const qint64 boutMs[3] = {0, qint64(std::max(1, item.rx.durationSeconds)) * 1000,
                              qint64(item.rx.followUpSeconds) * 1000};

    for (const SessionEvent &e : events) {
        if (e.programItemId != item.programItemId)
            continue;
        const int u = item.unitIndexOf(e.setIndex, e.side);
        if (u < 0)
            continue;
        switch (e.kind) {
        case EventKind::AssessmentResult:
            if (style == WorkStyle::Assessment)
                done[u].insert(1);
            break;
        case EventKind::HoldEnded: lastHold.insert({u, e.repIndex}, e.holdMs.value_or(0)); break;
        case EventKind::RepDone:
            if (style == WorkStyle::Reps || (style == WorkStyle::Holds && lastHold.value({u, e.repIndex}, 0) >= holdMs))
                done[u].insert(e.repIndex);
            break;
        case EventKind::TimedEnded:
            if (style == WorkStyle::Timed && e.repIndex >= 1 && e.repIndex <= 2
                && e.holdMs.value_or(0) >= boutMs[e.repIndex])
                done[u].insert(e.repIndex);
            break;
        default: break;
        }
    }
    const int reps = item.repsPerUnit();
    for (const QSet<int> &d : std::as_const(done))
        for (int rep = 1; rep <= reps; ++rep)
            if (!d.contains(rep))
                return false;
    return true;
}

bool Progression::wasPainFree(const PlanItem &item, PainRuleKind ruleKind, const QList<SessionEvent> &events)
{
    const PainRule rule(ruleKind);
    const std::optional<int> start = painOf(events, PainContext::BeforeSession);
    for (const SessionEvent &e : events) {
        if (e.kind == EventKind::PainStop && (e.programItemId == 0 || e.programItemId == item.programItemId))
            return false;
        if (e.kind == EventKind::PainRated && e.programItemId == item.programItemId && e.pain
            && !rule.isPainFree(*e.pain, start))
            return false;
    }
    const std::optional<int> morning = painOf(events, PainContext::NextMorning);
    if (morning && start && PainRule::nextMorning(*morning, *start).reduceLoad)
        return false;
    return true;
}

QList<ProgressionProposal> Progression::advancements(const Program &program, const QList<Exercise> &exercises,
                                                     const QList<SessionHistory> &history)
{
    QList<ProgressionProposal> result;
    const int needed = std::max(1, program.progressionSessions);
    for (const ProgramItem &programItem : program.items) {
        const Exercise *exercise = findExercise(exercises, programItem.exerciseId);
        if (!exercise || exercise->kind == WorkKind::Assessment)
            continue;
        const PlanItem item{programItem.id, *exercise, programItem.rx};

        QList<const SessionHistory *> worked;
        for (const SessionHistory &h : history)
            if (h.record.status != SessionStatus::InProgress && startedIn(item.programItemId, h.events))
                worked.append(&h);
        if (worked.size() < needed)
            continue;
        worked = worked.mid(worked.size() - needed);
        const bool qualifies = std::all_of(worked.cbegin(), worked.cend(), [&](const SessionHistory *h) {
            return didFullDose(item, h->events) && wasPainFree(item, program.painRule, h->events);
        });
        if (!qualifies)
            continue;

        ProgressionProposal p;
        p.direction = ProposalDirection::Advance;
        p.programId = program.id;
        p.programItemId = item.programItemId;
        p.exerciseId = exercise->id;
        p.current = item.rx;
        for (const SessionHistory *h : std::as_const(worked))
            p.sessionIds.append(h->record.id);

        if (const std::optional<Prescription> raised = raisedDose(*exercise, item.rx)) {
            p.action = ProposalAction::ChangeDose;
            p.proposedExerciseId = exercise->id;
            p.proposed = *raised;
            p.reason =
                QCoreApplication::translate("rehabit::SessionEngine",
                                            "%1: the prescribed dose was done without pain in the last %2 sessions. "
                                            "Proposed: %3.")
                    .arg(exercise->name)
                    .arg(needed)
                    .arg(DosageText::describe(*raised, exercise->kind));
        } else if (const std::optional<QString> next = nextStep(exercise->id)) {
            const Exercise *harder = findExercise(exercises, *next);
            if (!harder || programHas(program, *next))
                continue;
            p.action = ProposalAction::ReplaceExercise;
            p.proposedExerciseId = harder->id;
            p.proposed = stepPrescription(*harder, item.rx);
            p.reason =
                QCoreApplication::translate("rehabit::SessionEngine",
                                            "%1: the top of the prescribed range was done without pain in the last %2 "
                                            "sessions. Proposed: the next step, %3 (%4).")
                    .arg(exercise->name)
                    .arg(needed)
                    .arg(harder->name, DosageText::describe(p.proposed, harder->kind));
        } else {
            continue;
        }
        result.append(p);
    }
    return result;
}

QList<ProgressionProposal> Progression::regressions(const Program &program, const QList<Exercise> &exercises,
                                                    const SessionHistory &session)
{
    QList<ProgressionProposal> result;
    QList<qint64> stopped;
    QHash<qint64, int> stopPain;
    for (const SessionEvent &e : session.events) {
        if (e.kind != EventKind::PainStop || e.programItemId == 0 || stopped.contains(e.programItemId))
            continue;
        stopped.append(e.programItemId);
        stopPain.insert(e.programItemId, e.pain.value_or(0));
    }
    for (const ProgramItem &programItem : program.items) {
        if (!stopped.contains(programItem.id))
            continue;
        const Exercise *exercise = findExercise(exercises, programItem.exerciseId);
        if (!exercise)
            continue;
        ProgressionProposal p;
        p.direction = ProposalDirection::Regress;
        p.programId = program.id;
        p.programItemId = programItem.id;
        p.exerciseId = exercise->id;
        p.current = programItem.rx;
        p.sessionIds = {session.record.id};
        const QString what = QCoreApplication::translate("rehabit::SessionEngine",
                                                         "The pain rule stopped %1 in the session of %2 (pain %3).")
                                 .arg(exercise->name, dayOf(session.record))
                                 .arg(stopPain.value(programItem.id));

        const std::optional<QString> previous = previousStep(exercise->id);
        const Exercise *easier = previous ? findExercise(exercises, *previous) : nullptr;
        if (easier && programHas(program, easier->id)) {
            p.action = ProposalAction::RemoveItem;
            p.proposedExerciseId = easier->id;
            p.proposed = programItem.rx;
            p.reason = what + u' '
                       + QCoreApplication::translate(
                             "rehabit::SessionEngine",
                             "Go back a step: leave out %1 for now and keep doing %2 until it is pain-free.")
                             .arg(exercise->name, easier->name);
        } else if (easier) {
            p.action = ProposalAction::ReplaceExercise;
            p.proposedExerciseId = easier->id;
            p.proposed = stepPrescription(*easier, programItem.rx);
            p.reason = what + u' '
                       + QCoreApplication::translate("rehabit::SessionEngine", "Go back a step: %1 (%2) instead.")
                             .arg(easier->name, DosageText::describe(p.proposed, easier->kind));
        } else if (const std::optional<Prescription> lowered = loweredDose(*exercise, programItem.rx)) {
            p.action = ProposalAction::ChangeDose;
            p.proposedExerciseId = exercise->id;
            p.proposed = *lowered;
            p.reason = what + u' '
                       + QCoreApplication::translate("rehabit::SessionEngine", "Go back a step: %1.")
                             .arg(DosageText::describe(*lowered, exercise->kind));
        } else {
            continue; // nothing easier in the program or the catalog: the flag and the notice remain
        }
        result.append(p);
    }
    return result;
}

QList<ProgressionProposal> Progression::afterNextMorning(const Program &program, const QList<Exercise> &exercises,
                                                         const SessionHistory &session)
{
    QList<ProgressionProposal> result;
    const std::optional<int> morning = painOf(session.events, PainContext::NextMorning);
    const std::optional<int> usual = painOf(session.events, PainContext::BeforeSession);
    if (!morning || !usual || !PainRule::nextMorning(*morning, *usual).reduceLoad)
        return result;
    for (const ProgramItem &programItem : program.items) {
        if (!startedIn(programItem.id, session.events))
            continue;
        const Exercise *exercise = findExercise(exercises, programItem.exerciseId);
        if (!exercise)
            continue;
        const std::optional<Prescription> lowered = loweredDose(*exercise, programItem.rx);
        if (!lowered)
            continue;
        ProgressionProposal p;
        p.direction = ProposalDirection::Regress;
        p.action = ProposalAction::ChangeDose;
        p.programId = program.id;
        p.programItemId = programItem.id;
        p.exerciseId = exercise->id;
        p.current = programItem.rx;
        p.proposedExerciseId = exercise->id;
        p.proposed = *lowered;
        p.sessionIds = {session.record.id};
        p.reason =
            QCoreApplication::translate("rehabit::SessionEngine",
                                        "The morning after the session of %1 the pain was %2, above its usual %3: "
                                        "less load next time. %4: %5.")
                .arg(dayOf(session.record))
                .arg(*morning)
                .arg(*usual)
                .arg(exercise->name, DosageText::describe(*lowered, exercise->kind));
        result.append(p);
    }
    return result;
}

} // namespace rehabit
