#include "athlete/PainStopPage.h"

#include "athlete/ScaledFont.h"

#include "rehabit/engine/SessionEngine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rehabit {

PainStopPage::PainStopPage(QWidget *parent)
    : QWidget(parent)
    , m_what(new QLabel)
    , m_advice(new QLabel)
    , m_question(new QLabel)
    , m_goOn(new QPushButton)
    , m_end(new QPushButton(tr("End the session\nE or Escape")))
{
    auto *heading = new QLabel(tr("Let\u2019s stop this exercise"));
    heading->setFont(scaled(font(), 2.2, true));
    m_what->setFont(scaled(font(), 1.6));
    m_what->setWordWrap(true);
    m_advice->setFont(scaled(font(), 1.4));
    m_advice->setWordWrap(true);
    m_question->setFont(scaled(font(), 1.8, true));
    m_question->setWordWrap(true);
    for (QPushButton *b : {m_goOn, m_end}) {
        b->setMinimumHeight(56);
        b->setFont(scaled(font(), 1.8)); // they name their keys: read from the floor
        // The session screen keeps the keyboard; these are for the mouse and touch.
        b->setFocusPolicy(Qt::NoFocus);
    }
    connect(m_goOn, &QPushButton::clicked, this, &PainStopPage::goOn);
    connect(m_end, &QPushButton::clicked, this, &PainStopPage::endSession);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_goOn);
    buttons->addWidget(m_end);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(heading);
    layout->addWidget(m_what);
    layout->addWidget(m_advice);
    layout->addSpacing(12);
    layout->addWidget(m_question);
    layout->addLayout(buttons);
    layout->addStretch();
}

void PainStopPage::setNotice(const PainStopNotice &notice, const QString &next, bool beforeSession)
{
    m_what->setText(notice.what);
    m_advice->setText(notice.advice);
    m_beforeSession = beforeSession;
    // Advised not to train today: Enter takes the advice; exercising anyway is a key of its own.
    m_end->setText(beforeSession ? tr("End the session\nEnter, E or Escape") : tr("End the session\nE or Escape"));
    if (beforeSession) {
        m_question->setText(tr("End the session, or exercise anyway?"));
        m_goOn->setText(tr("Exercise anyway\nA"));
    } else if (!next.isEmpty()) {
        m_question->setText(tr("Go on to the next exercise, %1, or end the session?").arg(next));
        m_goOn->setText(tr("Go on: %1\nEnter").arg(next));
    } else {
        m_question->setText(tr("That was the last exercise. Finish the session now?"));
        m_goOn->setText(tr("Finish the session\nEnter"));
    }
}

QString PainStopPage::text() const
{
    return m_what->text() + u'\n' + m_advice->text() + u'\n' + m_question->text();
}

} // namespace rehabit
