#pragma once
// One patient's history at a glance: pain and adherence figures on top, the
// pain and adherence charts, then the sessions (calendar, list, prescribed
// against done), pain by exercise, and the flags and pending proposals the
// therapist accepts or declines.

#include "therapist/HistoryFigures.h"

#include "rehabit/domain/Proposal.h"
#include "rehabit/domain/Result.h"
#include "rehabit/engine/Progression.h"

#include <QFutureWatcher>
#include <QWidget>

class QCalendarWidget;
class QComboBox;
class QLabel;
class QLayout;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace rehabit {

class SessionListModel;
class Store;
class TimeChart;

class HistoryView : public QWidget {
    Q_OBJECT
public:
    explicit HistoryView(Store &store, QWidget *parent = nullptr);
    ~HistoryView() override;

    /// Reads and shows this patient's history (0: nothing).
    Result<void> showPatient(qint64 patientId);
    Result<void> reload();
    /// Read the history on a worker thread (HistoryPage::load: tens of
    /// milliseconds for a year of daily sessions); the figures appear when it
    /// is read, and a newer request wins. Off by default: reload() then returns with the
    /// figures shown.
    void setBackgroundLoading(bool on) { m_background = on; }
    /// True while a background read is running.
    bool isLoading() const;

    /// Accepts or declines the pending proposal shown in `row` of the
    /// proposals table. Declining, or accepting a proposal that changes
    /// nothing any more, is stored at once; accepting a change hands it to
    /// the program editor (changeAccepted), whose Save stores the decision.
    Result<void> decide(int row, ProposalStatus decision);
    /// The proposals accepted in the program editor and not saved yet: the
    /// list marks them (they stay pending until the program is saved).
    void setProposalsInEditor(const QList<qint64> &proposalIds);
    /// The change a stored proposal stands for, worked out again from the
    /// session it came from and the program as it is now; empty if the
    /// program no longer allows it (the item is gone, the step is taken).
    std::optional<ProgressionProposal> proposedChange(const Proposal &proposal) const;
    /// Selects the session of that local date in the list and the calendar; false if none.
    bool showDate(QDate date);

    const HistoryFigures &figures() const { return m_figures; }
    /// The history shown (empty when no patient is).
    const std::optional<PatientHistory> &history() const { return m_history; }
    const QList<Proposal> &pendingProposals() const { return m_pending; }

    QLabel *painTile() const { return m_painTile; }
    QLabel *doseTile() const { return m_doseTile; }
    QLabel *daysTile() const { return m_daysTile; }
    QLabel *flagsTile() const { return m_flagsTile; }
    TimeChart *painChart() const { return m_painChart; }
    TimeChart *adherenceChart() const { return m_adherenceChart; }
    TimeChart *exerciseChart() const { return m_exerciseChart; }
    QCalendarWidget *calendar() const { return m_calendar; }
    QTableView *sessionView() const { return m_sessionView; }
    SessionListModel *sessionModel() const { return m_sessions; }
    QTableWidget *outcomeTable() const { return m_outcome; }
    QTableWidget *risesTable() const { return m_rises; }
    QTableWidget *flagsTable() const { return m_flags; }
    QTableWidget *proposalsTable() const { return m_proposals; }
    QComboBox *rangeBox() const { return m_range; }

Q_SIGNALS:
    /// A proposal was accepted or declined (the patient list's counts change).
    void proposalDecided();
    /// The therapist accepted the stored proposal `proposalId`, which makes
    /// this change: put it into the program editor; saving the program
    /// stores the decision (until then the proposal stays pending).
    void changeAccepted(const rehabit::ProgressionProposal &change, qint64 proposalId);

private:
    Result<void> take(HistoryPage page);
    void showProposals();
    /// The parts of the page, made once by the constructor.
    QLayout *makeRangeRow();
    QWidget *makeSessionsTab();
    QWidget *makeExercisesTab();
    QWidget *makeFlagsTab();
    void showFigures();
    void showCharts();
    void showSession(qint64 sessionId);
    void showExercise(int index);
    QDate rangeStart() const;

    Store &m_store;
    qint64 m_patientId = 0;
    bool m_background = false;
    QFutureWatcher<HistoryPage> *m_watcher;
    QList<Exercise> m_exercises;
    std::optional<PatientHistory> m_history;
    QList<Proposal> m_pending;
    QList<qint64> m_inEditor;        ///< setProposalsInEditor()
    qint64 m_exerciseBoxPatient = 0; ///< whose exercises the pain-by-exercise box lists
    HistoryFigures m_figures;

    QLabel *m_painTile;
    QLabel *m_doseTile;
    QLabel *m_daysTile;
    QLabel *m_flagsTile;
    QComboBox *m_range;
    TimeChart *m_painChart;
    TimeChart *m_adherenceChart;
    QTabWidget *m_tabs;
    QCalendarWidget *m_calendar;
    SessionListModel *m_sessions;
    QTableView *m_sessionView;
    QLabel *m_sessionHeading;
    QTableWidget *m_outcome;
    QComboBox *m_exerciseBox;
    TimeChart *m_exerciseChart;
    QTableWidget *m_rises;
    QTableWidget *m_flags;
    QTableWidget *m_proposals;
    QPushButton *m_accept;
    QPushButton *m_decline;
};

} // namespace rehabit
