#include "athlete/SessionScreen.h"

#include "athlete/ScaledFont.h"

#include "catalog/ExerciseView.h"
#include "catalog/IllustrationView.h"
#include "athlete/PainScale.h"
#include "athlete/PainStopPage.h"
#include "athlete/SessionWords.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/engine/SessionRunner.h"

#include <QCoreApplication>
#include <QFile>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTime>
#include <QVBoxLayout>

#include <cmath>

namespace rehabit {
namespace {

/// The phase words ("Hold", "Rest"): read from the floor, 3 m away. The line
/// that says which key to press now is of the same size.
constexpr qreal kPhaseScale = 2.6;

} // namespace

SessionScreen::SessionScreen(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_position(new QLabel)
    , m_info(new QLabel)
    , m_progress(new QProgressBar)
    , m_pages(new QStackedWidget)
    , m_pain(new PainScale)
    , m_notice(new PainStopPage)
{
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Session"));

    m_title->setFont(scaled(font(), 2.2, true));
    m_title->setWordWrap(true);
    m_position->setFont(scaled(font(), 1.2));
    m_info->setWordWrap(true);
    m_info->hide();
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);

    m_pages->addWidget(buildWorkPage());     // WorkPage
    m_pages->addWidget(m_pain);              // PainPage
    m_pages->addWidget(m_notice);            // NoticePage
    m_pages->addWidget(buildConfirmPage());  // ConfirmEndPage
    m_pages->addWidget(buildFinishedPage()); // FinishedPage
    connect(m_pain, &PainScale::rated, this, &SessionScreen::onPainRated);
    // After a pain-rule stop the athlete chooses: the next exercise, or the end.
    connect(m_notice, &PainStopPage::goOn, this, [this] {
        if (m_runner)
            m_runner->continueOn();
    });
    connect(m_notice, &PainStopPage::endSession, this, [this] {
        if (m_runner)
            m_runner->end();
    });
    connect(m_pain, &PainScale::cancelled, this, [this] {
        m_painAtWill = false;
        setPage(WorkPage);
    });

    m_saved = new QLabel;
    m_saved->setAccessibleName(tr("Save state"));

    m_primary = makeButton(tr("Done"), tr("Space"));
    m_pause = makeButton(tr("Pause"), tr("P"));
    m_skip = makeButton(tr("Skip set"), tr("S"));
    m_back = makeButton(tr("Back"), tr("Backspace"));
    m_painButton = makeButton(tr("Rate pain"), tr("0\u201310"));
    m_end = makeButton(tr("End session"), tr("Esc"));
    connect(m_primary, &QPushButton::clicked, this, &SessionScreen::primaryAction);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (!m_runner)
            return;
        m_runner->state().paused ? m_runner->resume() : m_runner->pause();
    });
    connect(m_skip, &QPushButton::clicked, this, [this] {
        if (m_runner)
            m_runner->skipSet();
    });
    connect(m_back, &QPushButton::clicked, this, [this] {
        if (m_runner)
            m_runner->back();
    });
    connect(m_painButton, &QPushButton::clicked, this, [this] { ratePainNow(-1); });
    connect(m_end, &QPushButton::clicked, this, &SessionScreen::confirmEnd);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_primary, m_pause, m_skip, m_back, m_painButton, m_end})
        buttons->addWidget(b);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_saved, 0, Qt::AlignRight | Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addLayout(header);
    layout->addWidget(m_position);
    layout->addWidget(m_progress);
    layout->addWidget(m_info);
    layout->addWidget(m_pages, 1);
    layout->addLayout(buttons);

    m_displayTimer.setInterval(100);
    connect(&m_displayTimer, &QTimer::timeout, this, &SessionScreen::refreshCountdown);
}

QPushButton *SessionScreen::makeButton(const QString &text, const QString &key)
{
    auto *b = new QPushButton(QStringLiteral("%1\n%2").arg(text, key));
    b->setFont(scaled(font(), 1.4)); // the key under the word is read from a distance too
    b->setMinimumHeight(56);         // well above the 44 px touch target
    b->setMinimumWidth(96);
    // The screen keeps the keyboard focus so that Space always means "done";
    // the buttons are for the mouse and touch and show their key.
    b->setFocusPolicy(Qt::NoFocus);
    b->setToolTip(tr("%1 (key: %2)").arg(text, key));
    return b;
}

QWidget *SessionScreen::buildWorkPage()
{
    auto *page = new QWidget;
    m_illustration = new IllustrationView;

    m_stage = new QLabel;
    m_stage->setFont(scaled(font(), kPhaseScale, true));
    m_stage->setAlignment(Qt::AlignCenter);
    m_stage->setWordWrap(true);
    m_countdown = new QLabel;
    // Readable from 3 m: about 10x the body text, in the text colour of the palette.
    m_countdown->setFont(scaled(font(), 10.0, true));
    m_countdown->setAlignment(Qt::AlignCenter);
    m_countdown->setAccessibleName(tr("Time left"));
    m_counts = new QLabel;
    m_counts->setFont(scaled(font(), 1.8, true));
    m_counts->setAlignment(Qt::AlignCenter);
    m_cue = new QLabel;
    m_cue->setFont(scaled(font(), 1.6));
    m_cue->setAlignment(Qt::AlignCenter);
    m_cue->setWordWrap(true);
    m_next = new QLabel;
    m_next->setAlignment(Qt::AlignCenter);
    m_steps = new QLabel; // the steps, before the exercise's first hold or rep
    m_steps->setFont(scaled(font(), 1.3));
    m_steps->setWordWrap(true);
    m_steps->setAccessibleName(tr("Steps"));

    m_positive = new QPushButton(tr("Positive\nY: the thigh stays lifted"));
    m_negative = new QPushButton(tr("Negative\nN: the thigh rests on the table"));
    for (QPushButton *b : {m_positive, m_negative}) {
        b->setMinimumHeight(56);
        b->setFocusPolicy(Qt::NoFocus);
    }
    connect(m_positive, &QPushButton::clicked, this, [this] {
        if (m_runner)
            m_runner->recordAssessment(true);
    });
    connect(m_negative, &QPushButton::clicked, this, [this] {
        if (m_runner)
            m_runner->recordAssessment(false);
    });
    auto *assessment = new QHBoxLayout;
    assessment->addWidget(m_positive);
    assessment->addWidget(m_negative);

    auto *right = new QVBoxLayout;
    right->addWidget(m_stage);
    right->addWidget(m_countdown, 1);
    right->addWidget(m_counts);
    m_keys = new QLabel;
    m_keys->setFont(scaled(font(), kPhaseScale));
    m_keys->setAlignment(Qt::AlignCenter);
    m_keys->setWordWrap(true);
    m_keys->setAccessibleName(tr("Keys"));
    right->addWidget(m_keys);
    right->addLayout(assessment);

    auto *top = new QHBoxLayout;
    top->addWidget(m_illustration, 2);
    top->addLayout(right, 3);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top, 1);
    layout->addWidget(m_steps);
    layout->addWidget(m_cue);
    layout->addWidget(m_next);
    return page;
}

QWidget *SessionScreen::buildConfirmPage()
{
    auto *page = new QWidget;
    auto *question = new QLabel(tr("End the session now?"));
    question->setFont(scaled(font(), 2.2, true));
    auto *detail = new QLabel(tr("Everything you did so far is saved. Press Enter to end the session, "
                                 "or Escape to keep going."));
    detail->setFont(scaled(font(), 2.2)); // as large as the question: it says which key answers
    detail->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(question);
    layout->addWidget(detail);
    layout->addStretch();
    return page;
}

QWidget *SessionScreen::buildFinishedPage()
{
    auto *page = new QWidget;
    m_finishedText = new QLabel;
    m_finishedText->setFont(scaled(font(), 1.8));
    m_finishedText->setWordWrap(true);
    auto *back = new QLabel(tr("Press Enter to go back to Today."));
    back->setFont(scaled(font(), 1.8));
    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(m_finishedText);
    layout->addWidget(back);
    layout->addStretch();
    return page;
}

void SessionScreen::attach(SessionRunner *runner)
{
    detach();
    m_runner = runner;
    m_askedContext.reset();
    m_painAtWill = false;
    m_saved->setText(tr("Not saved yet"));
    m_info->hide();
    m_pausedToConfirm = false;
    for (QPushButton *b : {m_pause, m_skip, m_back, m_painButton, m_end})
        b->show();
    m_connections << connect(runner, &SessionRunner::stateChanged, this, &SessionScreen::refresh);
    m_connections << connect(runner, &SessionRunner::painAsked, this,
                             [this](PainContext context, qint64) { onPainAsked(context); });
    m_connections << connect(runner, &SessionRunner::saved, this, [this](int seq) {
        m_saved->setText(tr("\u2713 Saved (%1, step %2)")
                             .arg(Clock::nowLocal().time().toString(QStringLiteral("HH:mm:ss")))
                             .arg(seq));
    });
    m_connections << connect(runner, &SessionRunner::failed, this, [this](const Error &error) {
        m_saved->setText(tr("\u26a0 Not saved"));
        showInfo(tr("Rehabit could not save the last step: %1\nEverything before it is saved; the session "
                    "can be resumed from Today.")
                     .arg(error.text()));
        setPage(FinishedPage);
        m_finishedText->setText(tr("The session stopped because it could not be saved."));
    });
    m_connections << connect(runner, &SessionRunner::painStopped, this, [this](const PainStopNotice &) { refresh(); });
    m_displayTimer.start();
    refresh();
    // The engine may have asked for the starting pain before we connected.
    if (runner->state().stage == SessionStage::AskingPain && runner->state().painPrompt)
        onPainAsked(*runner->state().painPrompt);
}

void SessionScreen::detach()
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_runner = nullptr;
    m_displayTimer.stop();
}

QString SessionScreen::infoText() const
{
    return m_info->isVisibleTo(this) ? m_info->text() : QString();
}

void SessionScreen::showInfo(const QString &message)
{
    m_info->setText(message);
    m_info->setVisible(!message.isEmpty());
}

QString SessionScreen::questionFor(PainContext context) const
{
    const PlanItem *item = m_runner ? m_runner->state().currentItem() : nullptr;
    switch (context) {
    case PainContext::BeforeSession: return tr("Before we start: how is your pain right now?");
    case PainContext::AfterExercise:
        return item ? tr("How is your pain after %1?").arg(item->exercise.name) : tr("How is your pain now?");
    case PainContext::AfterSession: return tr("Session over: how is your pain now?");
    case PainContext::NextMorning: return tr("How is your pain this morning?");
    case PainContext::During: break;
    }
    return tr("How is your pain right now?");
}

void SessionScreen::onPainAsked(PainContext context)
{
    m_askedContext = context;
    m_painAtWill = false;
    m_pain->ask(questionFor(context), false);
    setPage(PainPage);
}

void SessionScreen::ratePainNow(int firstDigit)
{
    if (!m_runner || !m_runner->isRunning())
        return;
    if (m_pages->currentIndex() == PainPage) {
        m_pain->typeDigit(firstDigit);
        return;
    }
    m_painAtWill = true;
    m_pain->ask(questionFor(PainContext::During), true);
    if (firstDigit >= 0)
        m_pain->typeDigit(firstDigit);
    setPage(PainPage);
}

void SessionScreen::onPainRated(int pain)
{
    if (!m_runner)
        return;
    const PainContext context = m_painAtWill || !m_askedContext ? PainContext::During : *m_askedContext;
    m_painAtWill = false;
    m_askedContext.reset();
    setPage(WorkPage);
    m_runner->ratePain(pain, context);
    refresh();
}

void SessionScreen::confirmEnd()
{
    if (!m_runner || !m_runner->isRunning())
        return;
    if (m_pages->currentIndex() == ConfirmEndPage)
        return;
    if (m_pages->currentIndex() == NoticePage) { // the notice itself asks "go on or end?"
        m_notice->endButton()->click();
        return;
    }
    m_pageBeforeConfirm = Page(m_pages->currentIndex());
    // The clock stops while the question is asked; "No" starts it again.
    const SessionState &s = m_runner->state();
    m_pausedToConfirm = s.isTimedStage() && !s.paused;
    if (m_pausedToConfirm)
        m_runner->pause();
    setPage(ConfirmEndPage);
}

bool SessionScreen::isAskingPain() const
{
    return m_pages->currentIndex() == PainPage;
}

bool SessionScreen::isConfirmingEnd() const
{
    return m_pages->currentIndex() == ConfirmEndPage;
}

void SessionScreen::setPage(Page page)
{
    m_pages->setCurrentIndex(page);
    focusCurrentPage();
}

void SessionScreen::focusCurrentPage()
{
    if (m_pages->currentIndex() == PainPage)
        m_pain->setFocus(Qt::OtherFocusReason);
    else
        setFocus(Qt::OtherFocusReason);
}

void SessionScreen::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    focusCurrentPage();
}

void SessionScreen::primaryAction()
{
    if (!m_runner)
        return;
    const SessionState &s = m_runner->state();
    if (s.paused) {
        m_runner->resume();
        return;
    }
    switch (s.stage) {
    case SessionStage::Working: m_runner->repDone(); break;
    case SessionStage::Holding:
    case SessionStage::TimedBout:
    case SessionStage::FollowUp: m_runner->holdEnded(); break;
    case SessionStage::Positioning: m_runner->holdStarted(); break;
    case SessionStage::Resting:
    case SessionStage::PainNotice: m_runner->continueOn(); break;
    case SessionStage::Finished: Q_EMIT closed(); break;
    default: break;
    }
}

void SessionScreen::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    const bool finished = !m_runner || !m_runner->isRunning();

    if (m_pages->currentIndex() == ConfirmEndPage) {
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            setPage(m_pageBeforeConfirm == ConfirmEndPage ? WorkPage : m_pageBeforeConfirm);
            if (m_runner)
                m_runner->end();
            refresh();
        } else if (key == Qt::Key_Escape) {
            setPage(m_pageBeforeConfirm);
            if (m_pausedToConfirm && m_runner && m_runner->state().paused)
                m_runner->resume();
        }
        m_pausedToConfirm = false;
        return;
    }
    if (m_pages->currentIndex() == PainPage && !m_pain->hasFocus()) {
        // The scale takes its own keys (digits, Enter, Backspace, Escape).
        m_pain->setFocus(Qt::OtherFocusReason);
        QCoreApplication::sendEvent(m_pain, event);
        if (event->isAccepted())
            return;
    }
    if (m_pages->currentIndex() == NoticePage && !finished) {
        const bool confirm = key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Space;
        // Advised not to train today, Enter takes the advice; exercising anyway is A.
        const bool before = m_notice->isBeforeSession();
        if ((before && key == Qt::Key_A) || (!before && confirm)) {
            m_notice->goOnButton()->click();
            return;
        }
        if (key == Qt::Key_E || key == Qt::Key_Escape || (before && confirm)) {
            m_notice->endButton()->click();
            return;
        }
    }
    if (finished) {
        if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Space || key == Qt::Key_Escape)
            Q_EMIT closed();
        return;
    }
    if (key >= Qt::Key_0 && key <= Qt::Key_9) {
        ratePainNow(key - Qt::Key_0);
        return;
    }
    switch (key) {
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter: primaryAction(); return;
    case Qt::Key_P: m_pause->click(); return;
    case Qt::Key_S:
        if (event->modifiers() & Qt::ShiftModifier)
            m_runner->skipExercise();
        else
            m_runner->skipSet();
        return;
    case Qt::Key_Backspace: m_runner->back(); return;
    case Qt::Key_Escape: confirmEnd(); return;
    case Qt::Key_Y:
        if (m_runner->state().stage == SessionStage::Assessing)
            m_runner->recordAssessment(true);
        return;
    case Qt::Key_N:
        if (m_runner->state().stage == SessionStage::Assessing)
            m_runner->recordAssessment(false);
        return;
    default: QWidget::keyPressEvent(event);
    }
}

void SessionScreen::refresh()
{
    if (!m_runner)
        return;
    const SessionState &s = m_runner->state();
    if (s.stage == SessionStage::Finished) {
        showFinished(s);
        return;
    }
    showPlace(s);
    showStage(s);
    showCounts(s);
    m_pause->setText(QStringLiteral("%1\n%2").arg(s.paused ? tr("Resume") : tr("Pause"), tr("P")));
    m_primary->setText(QStringLiteral("%1\n%2").arg(s.stage == SessionStage::Positioning ? tr("Start now")
                                                    : s.stage == SessionStage::Resting   ? tr("Go on")
                                                                                         : tr("Done"),
                                                    tr("Space")));
    showPageFor(s);
    refreshCountdown();
}

void SessionScreen::showFinished(const SessionState &s)
{
    m_title->setText(tr("Session over"));
    // The share of the exercises gone through, not a full bar for an ended session.
    const int count = int(s.plan.items.size());
    const int done = s.finishedAs == SessionStatus::Completed ? count
                     : s.progress.itemIndex < 0               ? 0
                                                : s.progress.itemIndex + (s.progress.exerciseOpen ? 0 : 1);
    m_progress->setMaximum(std::max(1, count));
    m_progress->setValue(std::clamp(done, 0, count));
    m_position->setText(count > 0 ? tr("%1 of %2 exercises done").arg(std::clamp(done, 0, count)).arg(count)
                                  : QString());
    // Nothing is left to do, pause or skip: only the way back to Today.
    for (QPushButton *b : {m_pause, m_skip, m_back, m_painButton, m_end})
        b->hide();
    m_primary->setText(QStringLiteral("%1\n%2").arg(tr("Back to Today"), tr("Enter")));
    QString text = s.finishedAs == SessionStatus::Completed ? tr("Well done: the session is complete.")
                                                            : tr("The session has ended.");
    if (s.progress.flagged) {
        const bool aboveLimit = s.progress.highestPain && *s.progress.highestPain > kPainFlagAbove;
        text += u'\n'
                + (aboveLimit ? tr("Your pain was %1/10 during this session, above %2/10, so the session is flagged "
                                   "for your therapist. If nothing helps, see a doctor or physical therapist.")
                                    .arg(*s.progress.highestPain)
                                    .arg(kPainFlagAbove)
                              : tr("A pain rule stopped an exercise, so the session is flagged for your therapist. "
                                   "If nothing helps, see a doctor or physical therapist."));
    }
    m_finishedText->setText(text);
    setPage(FinishedPage);
    m_displayTimer.stop();
}

void SessionScreen::showPlace(const SessionState &s)
{
    const PlanItem *item = s.currentItem();
    const int count = int(s.plan.items.size());
    const int index = std::max(0, s.progress.itemIndex);
    // The rest between exercises looks ahead: the next exercise's name and drawing.
    const bool restBefore = s.stage == SessionStage::Resting && s.rest == RestKind::AfterExercise && index + 1 < count;
    if (restBefore) {
        const PlanItem &next = s.plan.items.at(index + 1);
        m_title->setText(tr("Next: %1").arg(next.exercise.name));
        m_position->setText(tr("Exercise %1 of %2 comes next").arg(index + 2).arg(count));
        m_progress->setMaximum(std::max(1, count));
        m_progress->setValue(index + 1);
        m_next->setText(QString());
        m_illustration->setFile(ExerciseView::illustrationPath(next.exercise));
        return;
    }
    m_title->setText(item ? item->exercise.name : tr("Getting ready"));
    m_position->setText(count > 0 ? tr("Exercise %1 of %2").arg(index + 1).arg(count) : QString());
    m_progress->setMaximum(std::max(1, count));
    m_progress->setValue(index);
    if (item && index + 1 < count)
        m_next->setText(tr("Next: %1").arg(s.plan.items.at(index + 1).exercise.name));
    else
        m_next->setText(item ? tr("Last exercise of the session") : QString());

    if (item) {
        const QString file = ExerciseView::illustrationPath(item->exercise);
        m_illustration->setFile(file);
    }
}

void SessionScreen::showStage(const SessionState &s)
{
    // What to do now, in big words.
    const PlanItem *item = s.currentItem();
    QString stage;
    QString cue;
    const auto stepCue = [&](bool setup) {
        if (!item || item->exercise.steps.isEmpty())
            return QString();
        const auto &steps = item->exercise.steps;
        return setup ? steps.constFirst().cue : steps.constLast().cue;
    };
    switch (s.stage) {
    case SessionStage::Positioning:
        stage = tr("Get into position");
        cue = stepCue(true);
        break;
    case SessionStage::Holding:
        stage = tr("Hold");
        cue = stepCue(false);
        break;
    case SessionStage::TimedBout:
        stage = tr("Keep the pressure on");
        cue = stepCue(false);
        break;
    case SessionStage::FollowUp:
        stage = item && item->exercise.followUp ? item->exercise.followUp->name : tr("Keep going");
        cue = item && item->exercise.followUp ? item->exercise.followUp->cue : QString();
        break;
    case SessionStage::Working:
        stage = tr("Do the rep, then press Space");
        cue = stepCue(false);
        break;
    case SessionStage::Assessing:
        stage = tr("Record the result");
        cue = stepCue(false);
        break;
    case SessionStage::Resting: stage = tr("Rest"); break;
    case SessionStage::AskingPain: stage = tr("Rate your pain"); break;
    case SessionStage::PainNotice: stage = tr("Stopped because of pain"); break;
    case SessionStage::Interrupted: stage = tr("Interrupted"); break;
    case SessionStage::NotStarted: stage = tr("Starting"); break;
    case SessionStage::Finished: break;
    }
    if (s.paused) {
        // Say what is paused: the exercise, where in it, and the time that waits.
        QStringList what;
        if (item)
            what << item->exercise.name;
        what << stage;
        if (const QString counts = sessionCounts(s); !counts.isEmpty())
            what << counts;
        if (s.isTimedStage())
            what << tr("%1 left").arg(sessionClock(m_runner->remainingMs()));
        cue = tr("Paused: %1").arg(what.join(QStringLiteral(" \u00b7 ")));
        stage = tr("Paused \u2013 press P to go on");
    }
    m_stage->setText(stage);
    m_cue->setText(cue);
    m_keys->setText(sessionKeys(s));
    // The first time an exercise comes in the session, its steps, before its first hold or rep.
    const bool first = item && !s.paused && s.progress.unitIndex == 0 && s.progress.repsDone == 0
                       && (s.stage == SessionStage::Positioning || s.stage == SessionStage::Working
                           || s.stage == SessionStage::Assessing);
    QStringList steps;
    for (qsizetype i = 0; first && i < item->exercise.steps.size(); ++i)
        steps << QStringLiteral("%1. %2").arg(i + 1).arg(item->exercise.steps.at(i).text);
    m_steps->setText(steps.join(u'\n'));
    m_steps->setVisible(!steps.isEmpty());
    m_positive->setVisible(s.stage == SessionStage::Assessing);
    m_negative->setVisible(s.stage == SessionStage::Assessing);
}

void SessionScreen::showCounts(const SessionState &s)
{
    m_counts->setText(sessionCounts(s));
}

/// The pain notice, the pain question, or back to the work page.
void SessionScreen::showPageFor(const SessionState &s)
{
    if (s.stage == SessionStage::PainNotice && s.notice) {
        // Go on leads to the exercise after the one stopped (or after the last one worked).
        const int stopped =
            s.notice->programItemId != 0 ? s.plan.indexOf(s.notice->programItemId) : s.progress.itemIndex;
        const int next = std::max(stopped, s.progress.itemIndex) + 1;
        const bool beforeSession = s.notice->context == PainContext::BeforeSession;
        const QString nextName = beforeSession && !s.plan.items.isEmpty()  ? s.plan.items.first().exercise.name
                                 : next >= 0 && next < s.plan.items.size() ? s.plan.items.at(next).exercise.name
                                                                           : QString();
        m_notice->setNotice(*s.notice, nextName, beforeSession);
        if (m_pages->currentIndex() != ConfirmEndPage)
            setPage(NoticePage);
    } else if (s.stage == SessionStage::AskingPain) {
        if (m_pages->currentIndex() != PainPage && m_pages->currentIndex() != ConfirmEndPage && s.painPrompt)
            onPainAsked(*s.painPrompt);
    } else if (m_pages->currentIndex() == NoticePage || m_pages->currentIndex() == FinishedPage
               || (m_pages->currentIndex() == PainPage && !m_painAtWill)) {
        setPage(WorkPage);
    }
}

void SessionScreen::refreshCountdown()
{
    if (!m_runner)
        return;
    const SessionState &s = m_runner->state();
    if (s.isTimedStage())
        m_countdown->setText(sessionClock(m_runner->remainingMs()));
    else if (s.stage == SessionStage::Working && s.currentItem())
        m_countdown->setText(QString::number(s.progress.repsDone));
    else
        m_countdown->setText(QString());
}

QString SessionScreen::stageText() const
{
    return m_stage->text();
}
QString SessionScreen::countdownText() const
{
    return m_countdown->text();
}
QString SessionScreen::countsText() const
{
    return m_counts->text();
}
QString SessionScreen::savedText() const
{
    return m_saved->text();
}
QString SessionScreen::titleText() const
{
    return m_title->text();
}
QString SessionScreen::stepsText() const
{
    return m_steps->isVisibleTo(this) ? m_steps->text() : QString();
}
QString SessionScreen::cueText() const
{
    return m_cue->text();
}
QString SessionScreen::illustrationFile() const
{
    return m_illustration->file();
}
int SessionScreen::progressDone() const
{
    return m_progress->value();
}
int SessionScreen::progressTotal() const
{
    return m_progress->maximum();
}
QString SessionScreen::noticeText() const
{
    return m_notice->text();
}

} // namespace rehabit
