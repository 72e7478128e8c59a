// Pain during a session: ratings, the pain rule's verdicts, the stop notice
// and its advice. See SessionRun.h and docs/session-engine.md.

#include "engine/SessionRun.h"

#include "rehabit/engine/Progression.h"

#include <QCoreApplication>

namespace rehabit::engine {

using namespace Qt::StringLiterals;

namespace {

QString exerciseName(const SessionPlan &plan, const QString &id)
{
    for (const PlanItem &item : plan.items)
        if (item.exercise.id == id)
            return item.exercise.name;
    return QString();
}

PainStopNotice makeNotice(const SessionRun &r, const PainVerdict &v, PainContext context, bool forItem)
{
    PainStopNotice n;
    n.context = context;
    n.verdict = v;
    QString name;
    if (forItem && r.hasItem()) {
        n.programItemId = r.item().programItemId;
        n.exerciseId = r.item().exercise.id;
        name = r.item().exercise.name;
    }
    const QString see = QCoreApplication::translate(
        "rehabit::SessionEngine", "If the exercises bring no relief, see a doctor or physical therapist.");
    const QString flagged =
        QCoreApplication::translate("rehabit::SessionEngine", "The session is flagged for your therapist.");

    if (v.reason == PainStopReason::RoseAboveStart) {
        if (context == PainContext::AfterSession)
            n.what = QCoreApplication::translate("rehabit::SessionEngine",
                                                 "Your pain rose from %1 before the session to %2 after it.")
                         .arg(v.start.value_or(0))
                         .arg(v.pain);
        else if (context == PainContext::AfterExercise)
            n.what = QCoreApplication::translate("rehabit::SessionEngine", "Your pain rose from %1 to %2 after %3.")
                         .arg(v.start.value_or(0))
                         .arg(v.pain)
                         .arg(name);
        else if (forItem)
            n.what = QCoreApplication::translate("rehabit::SessionEngine", "Your pain rose from %1 to %2 during %3.")
                         .arg(v.start.value_or(0))
                         .arg(v.pain)
                         .arg(name);
        else
            n.what = QCoreApplication::translate("rehabit::SessionEngine", "Your pain rose from %1 to %2.")
                         .arg(v.start.value_or(0))
                         .arg(v.pain);
    } else {
        if (context == PainContext::BeforeSession)
            n.what = QCoreApplication::translate(
                         "rehabit::SessionEngine",
                         "Your pain is %1 out of 10 before the session: above 5 is too much to exercise.")
                         .arg(v.pain);
        else if (forItem)
            n.what = QCoreApplication::translate("rehabit::SessionEngine",
                                                 "Your pain is %1 out of 10 with %2: above 5 is too much.")
                         .arg(v.pain)
                         .arg(name);
        else
            n.what =
                QCoreApplication::translate("rehabit::SessionEngine", "Your pain is %1 out of 10: above 5 is too much.")
                    .arg(v.pain);
    }

    if (context == PainContext::BeforeSession) {
        n.advice = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Do not exercise today: rest, and rate your pain again tomorrow.")
                   + u' ' + flagged + u' ' + see;
    } else if (forItem) {
        // What next time holds, as Progression::regressions will propose it: the
        // easier step of the ladder in place of this one, or a lighter dose.
        QString next;
        const std::optional<QString> previous = Progression::previousStep(n.exerciseId);
        const QString previousName = previous ? exerciseName(r.s.plan, *previous) : QString();
        if (!previousName.isEmpty())
            next = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Next time: leave %1 out and keep doing the easier step, %2, until it "
                                               "is pain-free, as your therapist decides.")
                       .arg(name, previousName);
        else if (previous)
            next = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Next time: an easier step in place of %1, to be set by your "
                                               "therapist.")
                       .arg(name);
        else
            next = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Next time: %1 with a lighter dose, to be set by your therapist.")
                       .arg(name);
        const QString stop = QCoreApplication::translate("rehabit::SessionEngine", "Stop %1 for today.").arg(name);
        n.advice = stop + u' ' + next + u' ' + flagged + u' ' + see;
    } else {
        n.advice = QCoreApplication::translate("rehabit::SessionEngine",
                                               "Stop for today. Next time go back a step with a lighter load.")
                   + u' ' + flagged + u' ' + see;
    }
    return n;
}

/// Logs the stop and shows the notice. `forItem`: the open (or just
/// finished) exercise is the one stopped.
void painStop(SessionRun &r, const PainVerdict &v, PainContext context, bool forItem, qint64 at)
{
    SessionEvent e = r.event(EventKind::PainStop, forItem);
    e.pain = v.pain;
    e.painContext = context;
    e.detail = toCode(v.reason);
    if (forItem && r.s.progress.exerciseOpen && r.hasItem()) {
        const WorkUnit u = r.unit();
        e.setIndex = r.item().style() == WorkStyle::Assessment ? 0 : u.setIndex;
        e.side = u.side;
    }
    const PainStopNotice notice = makeNotice(r, v, context, forItem);
    r.log(e, at);
    r.say(notice.what);
    r.fx.append(ShowPainStop{notice});
    r.s.notice = notice;
}

} // namespace

void onPainRated(SessionRun &r, int pain, PainContext context)
{
    const qint64 at = r.now.monotonicMs;
    const PainRule rule(r.s.plan.painRule);
    const bool answersPrompt = r.s.stage == SessionStage::AskingPain && r.s.painPrompt == context && !r.s.paused;
    if (!answersPrompt && context != PainContext::During)
        return;

    if (context == PainContext::During) {
        const bool inExercise = r.s.progress.exerciseOpen;
        SessionEvent e = r.event(EventKind::PainRated, inExercise);
        e.pain = pain;
        e.painContext = context;
        r.log(e, at);
        const PainVerdict v = rule.judge(pain, r.s.progress.startPain);
        if (!v.stop)
            return;
        painStop(r, v, context, inExercise, at);
        r.s.paused = false;
        r.s.painPrompt.reset();
        r.untimed(SessionStage::PainNotice);
        return;
    }

    SessionEvent e = r.event(EventKind::PainRated, context == PainContext::AfterExercise);
    e.pain = pain;
    e.painContext = context;
    r.log(e, at);
    r.s.painPrompt.reset();
    switch (context) {
    case PainContext::BeforeSession: {
        const PainVerdict v = rule.judgeBeforeSession(pain);
        if (v.stop) {
            painStop(r, v, context, false, at);
            r.untimed(SessionStage::PainNotice);
            return;
        }
        proceed(r, at);
        return;
    }
    case PainContext::AfterExercise: {
        const PainVerdict v = rule.judge(pain, r.s.progress.startPain);
        if (v.stop) {
            painStop(r, v, context, true, at);
            r.untimed(SessionStage::PainNotice);
            return;
        }
        afterItemClosed(r, at);
        return;
    }
    case PainContext::AfterSession: {
        const PainVerdict v = rule.judge(pain, r.s.progress.startPain);
        if (v.stop)
            painStop(r, v, context, false, at);
        endSession(r, at);
        return;
    }
    case PainContext::During:
    case PainContext::NextMorning: return;
    }
}

} // namespace rehabit::engine
