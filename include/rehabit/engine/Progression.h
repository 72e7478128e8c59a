#pragma once
// Progression and regression, pure. Proposals only: a person accepts or
// rejects each one; nothing in a program changes by itself.
//
//   advance: an item whose prescribed dose was done pain-free in the last N
//            sessions (Program::progressionSessions) gets a higher dose
//            within the catalog's range, or, at the top of the range, the
//            next step of its ladder.
//   regress: a pain-rule stop proposes going back a step: the previous step
//            of the item's ladder, or a lower dose when there is none.
//   next morning above the usual pain: a lower dose for every item worked.
// The ladders and the dose steps are in docs/session-engine.md.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/SessionLog.h"
#include "rehabit/engine/SessionPlan.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rehabit {

enum class ProposalDirection { Advance, Regress };

/// What accepting the proposal changes in the program item.
enum class ProposalAction {
    ChangeDose,      ///< same exercise, `proposed` prescription
    ReplaceExercise, ///< the item's exercise becomes `proposedExerciseId` with `proposed`
    RemoveItem,      ///< drop the item for now: its easier step is already in the program
};
QString toCode(ProposalDirection);
QString toCode(ProposalAction);

struct ProgressionProposal {
    ProposalDirection direction = ProposalDirection::Advance;
    ProposalAction action = ProposalAction::ChangeDose;
    qint64 programId = 0;
    qint64 programItemId = 0;
    QString exerciseId; ///< the item's exercise now
    Prescription current;
    QString proposedExerciseId; ///< == exerciseId for ChangeDose; the easier step for RemoveItem
    Prescription proposed;      ///< == current for RemoveItem
    QList<qint64> sessionIds;   ///< the sessions the proposal rests on
    QString reason;             ///< in words, for the person who decides
    bool operator==(const ProgressionProposal &) const = default;
};

class Progression {
public:
    /// The ladders of the bundled catalog, easiest step first.
    static QList<QStringList> ladders();
    static std::optional<QString> previousStep(const QString &exerciseId);
    static std::optional<QString> nextStep(const QString &exerciseId);

    /// One dose step up (hold or duration first, then reps, then sets) within
    /// the exercise's ranges; empty at the top of every range.
    static std::optional<Prescription> raisedDose(const Exercise &exercise, const Prescription &rx);
    /// One dose step down (sets first, then reps, then duration, then hold)
    /// within the ranges; empty at the bottom of every range.
    static std::optional<Prescription> loweredDose(const Exercise &exercise, const Prescription &rx);

    /// Every unit of the item done with every rep, each hold and bout at
    /// least as long as prescribed.
    static bool didFullDose(const PlanItem &item, const QList<SessionEvent> &events);
    /// No pain stop in the session, every rating given for the item
    /// pain-free under the rule, no after-session rise, and a next-morning
    /// rating (if any) not above the usual level.
    static bool wasPainFree(const PlanItem &item, PainRuleKind rule, const QList<SessionEvent> &events);

    /// Advance proposals from the program's history (oldest session first).
    static QList<ProgressionProposal> advancements(const Program &program, const QList<Exercise> &exercises,
                                                   const QList<SessionHistory> &history);
    /// Step-back proposals for every item the pain rule stopped in `session`.
    static QList<ProgressionProposal> regressions(const Program &program, const QList<Exercise> &exercises,
                                                  const SessionHistory &session);
    /// Lower-dose proposals when the session's next-morning rating is above
    /// its before-session rating; empty otherwise.
    static QList<ProgressionProposal> afterNextMorning(const Program &program, const QList<Exercise> &exercises,
                                                       const SessionHistory &session);
};

} // namespace rehabit
