#pragma once
// The pain rule stopped an exercise: what happened, what next time holds, and
// the athlete's choice now, with its keys: go on to the next exercise
// (Enter or Space) or end the session (E or Escape). The session screen takes
// the keys; the buttons are for the mouse and touch.

#include <QWidget>

class QLabel;
class QPushButton;

namespace rehabit {

struct PainStopNotice;

class PainStopPage : public QWidget {
    Q_OBJECT
public:
    explicit PainStopPage(QWidget *parent = nullptr);

    /// Shows the notice. `next`: the exercise that comes after Go on (empty:
    /// Go on finishes the session); `beforeSession`: the stop came before any
    /// exercise.
    void setNotice(const PainStopNotice &notice, const QString &next, bool beforeSession);

    QString text() const; ///< what happened, what to do, and the question
    QPushButton *goOnButton() const { return m_goOn; }
    QPushButton *endButton() const { return m_end; }
    /// Before the session (advised not to train today): Enter ends it, A exercises anyway.
    bool isBeforeSession() const { return m_beforeSession; }

Q_SIGNALS:
    void goOn();
    void endSession();

private:
    QLabel *m_what = nullptr;
    QLabel *m_advice = nullptr;
    QLabel *m_question = nullptr;
    QPushButton *m_goOn = nullptr;
    QPushButton *m_end = nullptr;
    bool m_beforeSession = false;
};

} // namespace rehabit
