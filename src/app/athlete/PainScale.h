#pragma once
// The NPRS pain scale: 0 to 10, with words at 0, 5 and 10. A click on a
// number rates at once; from the keyboard, type the number (1 then 0 for ten)
// and press Enter or Space. Escape cancels where cancelling is allowed.

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace rehabit {

class PainScale : public QWidget {
    Q_OBJECT
public:
    explicit PainScale(QWidget *parent = nullptr);

    /// Shows the question and clears what was typed.
    void ask(const QString &question, bool cancellable);
    /// Starts the typed number with this digit (a digit pressed elsewhere).
    void typeDigit(int digit);
    /// The typed number, -1 when nothing valid is typed.
    int typedValue() const { return m_typed; }
    /// The line under the numbers: how to answer, or what is typed.
    QString hintText() const;

    /// Words for a rating: "No pain", "Mild", "Moderate", "Severe", "Worst imaginable".
    static QString band(int pain);

Q_SIGNALS:
    void rated(int pain);
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showTyped();
    void confirm();

    QLabel *m_question = nullptr;
    QLabel *m_typedLabel = nullptr;
    QList<QPushButton *> m_buttons;
    int m_typed = -1;
    bool m_cancellable = false;
};

} // namespace rehabit
