#pragma once
// Today: which program, what is due, how the last session went (pain and
// dose), a big Start button; an interrupted session offered for resume; the
// next-morning pain check-in for yesterday's session.

#include "rehabit/domain/Program.h"
#include "rehabit/domain/SessionLog.h"

#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QPushButton;
class QFrame;

namespace rehabit {

class PainScale;
class Store;

class TodayPage : public QWidget {
    Q_OBJECT
public:
    explicit TodayPage(Store &store, QWidget *parent = nullptr);

    /// Shows this patient's day; returns false (and says why on the page) on a store error.
    bool showPatient(qint64 patientId);
    bool reload() { return showPatient(m_patientId); }

    qint64 programId() const { return m_program ? m_program->id : 0; }
    std::optional<qint64> interruptedSessionId() const { return m_interrupted; }
    std::optional<qint64> nextMorningSessionId() const { return m_nextMorning; }
    QString text() const; ///< everything the page says, for tests and screen readers

    QPushButton *startButton() const { return m_start; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *closePartialButton() const { return m_closePartial; }
    PainScale *morningScale() const { return m_morningScale; }
    /// What takes the keyboard when Today is shown: the resume offer, else the
    /// morning question (so that digits, Enter and Escape answer it), else Start.
    QWidget *preferredFocus() const;

Q_SIGNALS:
    void startRequested(qint64 programId);
    void resumeRequested(qint64 sessionId);
    void closePartialRequested(qint64 sessionId);
    void nextMorningRated(qint64 sessionId, int pain);

private:
    void showError(const QString &message);
    /// Offers the patient's interrupted session, if there is one, for resume.
    void offerInterrupted(const QList<SessionRecord> &interrupted);
    /// The program's name and its exercises, numbered; or only a message.
    void showProgramList(const QString &title, const QList<std::pair<QString, QString>> &items);
    void showProgramMessage(const QString &message);
    void clearProgramList();

    Store &m_store;
    qint64 m_patientId = 0;
    std::optional<Program> m_program;
    std::optional<qint64> m_interrupted;
    std::optional<qint64> m_nextMorning;

    QLabel *m_heading = nullptr;
    QFrame *m_resumeBox = nullptr;
    QLabel *m_resumeText = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_closePartial = nullptr;
    QFrame *m_morningBox = nullptr;
    PainScale *m_morningScale = nullptr;
    // The program list as plain labels: QLabel lays rich text out through
    // QTextDocument for every size question, a tenth of a start's time.
    QLabel *m_programTitle = nullptr;
    QWidget *m_programItems = nullptr;
    QGridLayout *m_programGrid = nullptr;
    QLabel *m_programMessage = nullptr;
    QString m_programText; ///< the list as plain text, for text()
    QLabel *m_lastSession = nullptr;
    QPushButton *m_start = nullptr;
};

} // namespace rehabit
