#pragma once
// The guided session: what to do now, a large countdown readable from across
// the room, the cue, the drawing, and keyboard control for hands that are busy:
//   Space = done / next     P = pause / resume      S = skip set (Shift+S: exercise)
//   Backspace = back        0-9 = rate pain now     Esc = end (asks first)
// After a pain-rule stop: Enter/Space = go on to the next exercise, E/Esc = end.
// It shows the runner's state; every input goes to the runner, which saves
// each event before the screen says "Saved".

#include "rehabit/engine/SessionEngine.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace rehabit {

class IllustrationView;
class PainScale;
class PainStopPage;
class SessionRunner;

class SessionScreen : public QWidget {
    Q_OBJECT
public:
    explicit SessionScreen(QWidget *parent = nullptr);

    /// Shows this runner's session (not owned; it must outlive the screen or be detached).
    void attach(SessionRunner *runner);
    void detach();

    /// What the screen shows now, for tests and accessibility.
    QString stageText() const;
    QString countdownText() const;
    QString countsText() const;
    QString savedText() const;
    QString noticeText() const;
    QString infoText() const; ///< the one-time message, empty when none is shown
    QString titleText() const;
    QString stepsText() const;        ///< the exercise's steps, shown before its first hold or rep; else empty
    QString cueText() const;          ///< the line under the countdown (the step's cue, or what is paused)
    QString illustrationFile() const; ///< the drawing shown
    int progressDone() const;         ///< the progress bar: exercises gone through ...
    int progressTotal() const;        ///< ... of this many
    bool isAskingPain() const;
    bool isConfirmingEnd() const;

    /// A one-time message under the title (e.g. "Sound is not available ...").
    void showInfo(const QString &message);

Q_SIGNALS:
    /// The athlete leaves the finished (or failed) session.
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    enum Page { WorkPage, PainPage, NoticePage, ConfirmEndPage, FinishedPage };

    QWidget *buildWorkPage();
    QWidget *buildConfirmPage();
    QWidget *buildFinishedPage();
    QPushButton *makeButton(const QString &text, const QString &key);

    void refresh();
    // The parts of refresh().
    void showFinished(const SessionState &s);
    void showPlace(const SessionState &s); ///< which exercise, of how many, and the next
    void showStage(const SessionState &s); ///< what to do now, in big words, and its cue
    void showCounts(const SessionState &s);
    void showPageFor(const SessionState &s);
    void refreshCountdown();
    void primaryAction();
    void ratePainNow(int firstDigit);
    void onPainAsked(PainContext context);
    void onPainRated(int pain);
    void confirmEnd();
    void setPage(Page page);
    void focusCurrentPage();
    QString questionFor(PainContext context) const;

    SessionRunner *m_runner = nullptr;
    QList<QMetaObject::Connection> m_connections;
    std::optional<PainContext> m_askedContext; ///< the engine's question, when it asked
    bool m_painAtWill = false;                 ///< the athlete chose to rate now
    Page m_pageBeforeConfirm = WorkPage;
    bool m_pausedToConfirm = false; ///< the screen paused the clock to ask "End the session now?"

    QTimer m_displayTimer; // repaints the countdown; the timing itself is the runner's
    QLabel *m_title = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_info = nullptr;
    QProgressBar *m_progress = nullptr;
    QStackedWidget *m_pages = nullptr;
    IllustrationView *m_illustration = nullptr;
    QLabel *m_stage = nullptr;
    QLabel *m_countdown = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_keys = nullptr; ///< which key to press now
    QLabel *m_cue = nullptr;
    QLabel *m_next = nullptr;
    QLabel *m_steps = nullptr;
    QLabel *m_saved = nullptr;
    QLabel *m_finishedText = nullptr;
    PainScale *m_pain = nullptr;
    PainStopPage *m_notice = nullptr;
    QPushButton *m_primary = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_skip = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_painButton = nullptr;
    QPushButton *m_end = nullptr;
    QPushButton *m_positive = nullptr;
    QPushButton *m_negative = nullptr;
};

} // namespace rehabit
