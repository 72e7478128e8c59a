#include "athlete/PainScale.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rehabit {

PainScale::PainScale(QWidget *parent)
    : QWidget(parent)
    , m_question(new QLabel)
    , m_typedLabel(new QLabel)
{
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Pain scale from 0 to 10"));

    m_question->setWordWrap(true);
    m_question->setAlignment(Qt::AlignCenter);
    QFont questionFont = m_question->font();
    questionFont.setPointSizeF(questionFont.pointSizeF() * 1.8);
    m_question->setFont(questionFont);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(6);
    for (int pain = 0; pain <= 10; ++pain) {
        auto *button = new QPushButton(QString::number(pain));
        button->setMinimumSize(56, 56);
        QFont f = button->font();
        f.setPointSizeF(f.pointSizeF() * 1.6);
        f.setBold(true);
        button->setFont(f);
        button->setFocusPolicy(Qt::NoFocus); // the scale itself keeps focus and takes the keys
        button->setToolTip(band(pain));
        button->setAccessibleName(tr("Pain %1: %2").arg(pain).arg(band(pain)));
        connect(button, &QPushButton::clicked, this, [this, pain] { Q_EMIT rated(pain); });
        grid->addWidget(button, 0, pain);
        m_buttons << button;
    }
    const auto anchor = [&](int column, const QString &words, Qt::Alignment align) {
        auto *label = new QLabel(words);
        label->setAlignment(align);
        label->setWordWrap(true);
        grid->addWidget(label, 1, column, 1, 3, align);
    };
    anchor(0, tr("0\nNo pain"), Qt::AlignLeft | Qt::AlignTop);
    anchor(4, tr("5\nModerate"), Qt::AlignHCenter | Qt::AlignTop);
    anchor(8, tr("10\nWorst imaginable"), Qt::AlignRight | Qt::AlignTop);

    m_typedLabel->setAlignment(Qt::AlignCenter);
    m_typedLabel->setWordWrap(true);
    QFont typedFont = m_typedLabel->font();
    typedFont.setPointSizeF(typedFont.pointSizeF() * 1.8); // as large as the question: it says which keys answer
    m_typedLabel->setFont(typedFont);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addSpacing(12);
    layout->addLayout(grid);
    layout->addSpacing(8);
    layout->addWidget(m_typedLabel);
    showTyped();
}

QString PainScale::band(int pain)
{
    // SNOMED bands (DOMAIN.md): 0 none, 1-3 mild, 4-6 moderate, 7-9 severe, 10 worst.
    if (pain <= 0)
        return tr("No pain");
    if (pain <= 3)
        return tr("Mild");
    if (pain <= 6)
        return tr("Moderate");
    if (pain <= 9)
        return tr("Severe");
    return tr("Worst imaginable");
}

void PainScale::ask(const QString &question, bool cancellable)
{
    m_question->setText(question);
    m_cancellable = cancellable;
    m_typed = -1;
    showTyped();
}

void PainScale::typeDigit(int digit)
{
    if (digit < 0 || digit > 9)
        return;
    // "1" then "0" makes ten; any other second digit starts again.
    m_typed = (m_typed == 1 && digit == 0) ? 10 : digit;
    showTyped();
}

QString PainScale::hintText() const
{
    return m_typedLabel->text();
}

void PainScale::showTyped()
{
    for (int pain = 0; pain <= 10; ++pain) {
        m_buttons.at(pain)->setCheckable(true);
        m_buttons.at(pain)->setChecked(pain == m_typed);
    }
    if (m_typed < 0)
        m_typedLabel->setText(tr("Type a number from 0 to 10 (1 then 0 for ten) and press Enter or Space, or click "
                                 "it.")
                              + (m_cancellable ? tr(" Escape: not now.") : QString()));
    else
        m_typedLabel->setText(tr("%1 \u2013 %2. Press Enter or Space to save it.").arg(m_typed).arg(band(m_typed)));
}

void PainScale::confirm()
{
    if (m_typed >= 0) {
        Q_EMIT rated(m_typed);
        return;
    }
    // Enter or Space with no number yet: say how to answer, where the eye already is.
    m_typedLabel->setText(tr("No number chosen yet. Type a digit 0\u20139 (1 then 0 for 10), then press Enter or "
                             "Space to save it.")
                          + (m_cancellable ? tr(" Escape: not now.") : QString()));
}

void PainScale::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (key >= Qt::Key_0 && key <= Qt::Key_9) {
        typeDigit(key - Qt::Key_0);
        return;
    }
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space: confirm(); return;
    case Qt::Key_Backspace:
        m_typed = -1;
        showTyped();
        return;
    case Qt::Key_Escape:
        if (m_cancellable)
            Q_EMIT cancelled();
        else
            event->ignore(); // the session screen's "end" takes it
        return;
    default: QWidget::keyPressEvent(event);
    }
}

} // namespace rehabit
