#include "athlete/TodayPage.h"

#include "athlete/PainScale.h"
#include "athlete/ScaledFont.h"
#include "athlete/WrappingLabel.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/domain/DosageText.h"
#include "rehabit/review/SessionDose.h"
#include "rehabit/engine/SessionPlan.h"
#include "rehabit/store/Store.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace rehabit {
namespace {

QFrame *box()
{
    auto *frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    frame->setBackgroundRole(QPalette::AlternateBase);
    return frame;
}

QString when(const QDateTime &at)
{
    const QDateTime local = at.toLocalTime();
    const QDate today = Clock::today();
    const QString time = QLocale().toString(local.time(), QLocale::ShortFormat);
    if (local.date() == today)
        return TodayPage::tr("today at %1").arg(time);
    if (local.date() == today.addDays(-1))
        return TodayPage::tr("yesterday at %1").arg(time);
    return TodayPage::tr("%1 at %2").arg(QLocale().toString(local.date(), QLocale::LongFormat), time);
}

} // namespace

TodayPage::TodayPage(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_heading(new WrappingLabel)
    , m_resumeText(new WrappingLabel)
    , m_resume(new QPushButton(tr("&Resume where I stopped")))
    , m_closePartial(new QPushButton(tr("&Close it as partial")))
    , m_morningScale(new PainScale)
    , m_programTitle(new WrappingLabel)
    , m_programItems(new QWidget)
    , m_programGrid(new QGridLayout(m_programItems))
    , m_programMessage(new WrappingLabel)
    , m_lastSession(new WrappingLabel)
    , m_start(new QPushButton(tr("&Start today\u2019s session")))
{
    m_heading->setFont(scaled(font(), 2.0, true));
    m_heading->setWordWrap(true);

    m_resumeBox = box();
    m_resumeText->setWordWrap(true);
    m_resumeText->setFont(scaled(font(), 1.2));
    for (QPushButton *b : {m_resume, m_closePartial}) {
        b->setMinimumHeight(44);
        b->setAutoDefault(true); // Enter presses the offer that has the keyboard, as Space does
    }
    auto *resumeButtons = new QHBoxLayout;
    resumeButtons->addWidget(m_resume);
    resumeButtons->addWidget(m_closePartial);
    resumeButtons->addStretch();
    auto *resumeLayout = new QVBoxLayout(m_resumeBox);
    resumeLayout->addWidget(m_resumeText);
    resumeLayout->addLayout(resumeButtons);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (m_interrupted)
            Q_EMIT resumeRequested(*m_interrupted);
    });
    connect(m_closePartial, &QPushButton::clicked, this, [this] {
        if (m_interrupted)
            Q_EMIT closePartialRequested(*m_interrupted);
    });

    m_morningBox = box();
    auto *morningLayout = new QVBoxLayout(m_morningBox);
    morningLayout->addWidget(m_morningScale);
    connect(m_morningScale, &PainScale::rated, this, [this](int pain) {
        if (m_nextMorning)
            Q_EMIT nextMorningRated(*m_nextMorning, pain);
    });
    connect(m_morningScale, &PainScale::cancelled, this, [this] {
        m_morningBox->hide();
        m_start->setFocus(Qt::OtherFocusReason);
    });

    // As the rich text it replaces showed it: a heading (<h3>: bold, one
    // size up) over a numbered list, in the page's 1.15 size.
    m_programTitle->setTextFormat(Qt::PlainText);
    m_programTitle->setFont(scaled(font(), 1.15 * 1.2, true));
    m_programGrid->setContentsMargins(0, 0, 0, 0);
    m_programGrid->setHorizontalSpacing(6);
    m_programGrid->setColumnStretch(2, 1);
    m_programMessage->setTextFormat(Qt::PlainText);
    m_programMessage->setFont(scaled(font(), 1.15));
    auto *programList = new QWidget;
    auto *programLayout = new QVBoxLayout(programList);
    programLayout->setContentsMargins(0, 0, 0, 0);
    programLayout->setSpacing(8);
    programLayout->addWidget(m_programTitle);
    programLayout->addWidget(m_programItems);
    programLayout->addWidget(m_programMessage);
    m_lastSession->setWordWrap(true);
    m_lastSession->setFont(scaled(font(), 1.15));

    m_start->setFont(scaled(font(), 1.8, true));
    m_start->setMinimumHeight(72);
    m_start->setDefault(true);
    m_start->setAutoDefault(true);
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (m_program)
            Q_EMIT startRequested(m_program->id);
    });

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(14);
    layout->addWidget(m_heading);
    layout->addWidget(m_resumeBox);
    layout->addWidget(m_morningBox);
    layout->addWidget(m_lastSession);
    layout->addWidget(m_start);
    layout->addWidget(programList);
    layout->addStretch();

    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    m_resumeBox->hide();
    m_morningBox->hide();
}

void TodayPage::showError(const QString &message)
{
    m_heading->setText(tr("Rehabit cannot read your program"));
    showProgramMessage(message);
    m_start->setEnabled(false);
}

void TodayPage::clearProgramList()
{
    while (QLayoutItem *item = m_programGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void TodayPage::showProgramMessage(const QString &message)
{
    clearProgramList();
    m_programTitle->hide();
    m_programItems->hide();
    m_programMessage->setText(message);
    m_programMessage->show();
    m_programText = message;
}

void TodayPage::showProgramList(const QString &title, const QList<std::pair<QString, QString>> &items)
{
    clearProgramList();
    const QFont itemFont = scaled(font(), 1.15);
    const QFont nameFont = scaled(font(), 1.15, true);
    QStringList lines{title};
    for (qsizetype i = 0; i < items.size(); ++i) {
        const auto &[name, detail] = items.at(i);
        const QString number = QString::number(i + 1) + u'.';
        auto *numberLabel = new QLabel(number);
        numberLabel->setFont(itemFont);
        numberLabel->setAlignment(Qt::AlignRight | Qt::AlignTop);
        numberLabel->setTextFormat(Qt::PlainText);
        m_programGrid->addWidget(numberLabel, int(i), 0, Qt::AlignTop);
        auto *detailLabel = new WrappingLabel;
        detailLabel->setTextFormat(Qt::PlainText);
        detailLabel->setFont(itemFont);
        if (name.isEmpty()) { // a message in place of the exercises
            detailLabel->setText(detail);
            m_programGrid->addWidget(detailLabel, int(i), 1, 1, 2);
            lines << number + u' ' + detail;
            continue;
        }
        auto *nameLabel = new QLabel(name);
        nameLabel->setTextFormat(Qt::PlainText);
        nameLabel->setFont(nameFont);
        m_programGrid->addWidget(nameLabel, int(i), 1, Qt::AlignTop);
        detailLabel->setText(QStringLiteral("\u2013 ") + detail);
        m_programGrid->addWidget(detailLabel, int(i), 2);
        lines << number + u' ' + name + QStringLiteral(" \u2013 ") + detail;
    }
    m_programTitle->setText(title);
    m_programTitle->show();
    m_programItems->show();
    m_programMessage->hide();
    m_programText = lines.join(u'\n');
}

void TodayPage::offerInterrupted(const QList<SessionRecord> &interrupted)
{
    for (const SessionRecord &r : interrupted) {
        if (r.patientId != m_patientId)
            continue;
        m_interrupted = r.id;
        const auto events = m_store.events(r.id);
        const int saved = events ? int(events->size()) : 0;
        m_resumeText->setText(tr("Your session of %1 was interrupted. All %2 steps you confirmed are saved. "
                                 "Resume it where you stopped, or close it as partial?")
                                  .arg(when(r.startedAt))
                                  .arg(saved));
        m_resumeBox->show();
        return;
    }
}

bool TodayPage::showPatient(qint64 patientId)
{
    m_patientId = patientId;
    m_program.reset();
    m_interrupted.reset();
    m_nextMorning.reset();
    m_resumeBox->hide();
    m_morningBox->hide();

    const auto patient = m_store.patient(patientId);
    const auto programs = m_store.programs(patientId);
    const auto sessions = m_store.sessions(patientId);
    const auto interrupted = m_store.interruptedSessions();
    const auto exercises = m_store.exercises();
    for (const Error *e : {patient ? nullptr : &patient.error(), programs ? nullptr : &programs.error(),
                           sessions ? nullptr : &sessions.error(), interrupted ? nullptr : &interrupted.error(),
                           exercises ? nullptr : &exercises.error()}) {
        if (e) {
            showError(e->text());
            return false;
        }
    }
    if (!*patient) {
        showError(tr("There is no profile with number %1.").arg(patientId));
        return false;
    }

    m_heading->setText(tr("Today, %1").arg((*patient)->name));
    for (const Program &p : *programs)
        if (p.active) {
            m_program = p;
            break;
        }

    // The program, in the order the session runs it.
    if (m_program) {
        const auto plan = SessionPlan::fromProgram(*m_program, *exercises);
        QList<std::pair<QString, QString>> items;
        if (plan) {
            for (const PlanItem &item : plan->items)
                items.append({item.exercise.name, DosageText::describe(item.rx, item.exercise.kind)});
        } else {
            items.append({QString(), plan.error().text()});
        }
        showProgramList(m_program->name, items);
        m_start->setEnabled(plan.ok() && !plan->items.isEmpty());
    } else {
        showProgramMessage(tr("This profile has no active program yet."));
        m_start->setEnabled(false);
    }

    // An interrupted session of this patient comes first.
    offerInterrupted(*interrupted);

    // The last finished session: pain before and after, and the dose done.
    std::optional<SessionRecord> last;
    for (const SessionRecord &r : *sessions)
        if (r.status != SessionStatus::InProgress && (!last || r.startedAt > last->startedAt))
            last = r;
    if (!last) {
        // Under the offer to resume, "No session yet" would contradict it.
        m_lastSession->setText(m_interrupted ? QString()
                                             : tr("No session yet. Start when you are ready: Rehabit guides you "
                                                  "through every set, rep and hold."));
        m_lastSession->setVisible(!m_interrupted);
    } else {
        m_lastSession->show();
        const auto events = m_store.events(last->id);
        std::optional<int> before, after, morning;
        if (events) {
            for (const SessionEvent &e : *events) {
                if (e.kind != EventKind::PainRated || !e.pain || !e.painContext)
                    continue;
                if (*e.painContext == PainContext::BeforeSession)
                    before = e.pain;
                else if (*e.painContext == PainContext::AfterSession)
                    after = e.pain;
                else if (*e.painContext == PainContext::NextMorning)
                    morning = e.pain;
            }
        }
        QStringList parts;
        parts << tr("Last session: %1").arg(when(last->startedAt));
        if (events && m_program && last->programId == m_program->id) {
            const auto plan = SessionPlan::fromProgram(*m_program, *exercises);
            if (plan)
                parts << tr("%1% of the dose done").arg(qRound(SessionDose::of(*plan, *events).share() * 100));
        }
        if (before)
            parts << tr("pain %1 before").arg(*before);
        if (after)
            parts << tr("%1 after").arg(*after);
        if (morning)
            parts << tr("%1 next morning").arg(*morning);
        if (last->flagged)
            parts << tr("flagged for your therapist");
        m_lastSession->setText(parts.join(QStringLiteral(", ")) + u'.');

        const QDate lastDay = last->startedAt.toLocalTime().date();
        const QDate today = Clock::today();
        if (!morning && lastDay < today && lastDay >= today.addDays(-1) && !m_interrupted) {
            m_nextMorning = last->id;
            m_morningScale->ask(tr("Good morning. How is your pain this morning, after yesterday\u2019s session?"),
                                true);
            m_morningBox->show();
        }
    }
    return true;
}

QWidget *TodayPage::preferredFocus() const
{
    if (m_interrupted)
        return m_resume;
    if (m_nextMorning && !m_morningBox->isHidden())
        return m_morningScale;
    return m_start;
}

QString TodayPage::text() const
{
    QStringList parts{m_heading->text()};
    if (!m_resumeBox->isHidden())
        parts << m_resumeText->text();
    parts << m_lastSession->text() << m_programText;
    return parts.join(u'\n');
}

} // namespace rehabit
