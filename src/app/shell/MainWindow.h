#pragma once
// Rehabit's main window: a welcome page on first run, then Today and the
// catalog in tabs, and the guided session screen while a session runs.

#include "rehabit/domain/Result.h"
#include "therapist/TherapistPage.h"

#include <QMainWindow>

#include <functional>
#include <memory>

class QComboBox;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QLineEdit;
class QMenu;

namespace rehabit {

class CatalogModel;
class CueOutput;
class CuePlayer;
class ExerciseView;
class HandoutActions;
class SessionClock;
class SessionRunner;
class SessionScreen;
class Store;
class TherapistPage;
class TodayPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Makes the sound and speech output for the session's cues, the first time
    /// a session starts (so that start-up does not wait for the audio devices).
    using CueOutputFactory = std::function<std::unique_ptr<CueOutput>()>;

    /// `store` and `clock` must outlive the window. Without `cueOutput` sessions run silently.
    MainWindow(Store &store, SessionClock &clock, CueOutputFactory cueOutput = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Reads the catalog from the store; shows a message and returns false on error.
    bool reloadCatalog();
    /// Selects an exercise by id (as a click would); false if there is none.
    bool selectExercise(const QString &exerciseId);

    /// A new profile with the article's daily program; it becomes the current one.
    Result<qint64> createProfile(const QString &name);
    /// Shows this profile's Today page and remembers it for the next start.
    bool switchProfile(qint64 patientId);
    qint64 currentProfile() const { return m_patientId; }
    /// The patient the user is looking at: the one chosen in the Patients tab
    /// while that tab is shown, else the profile of Today (0: none). The
    /// handouts are of this patient.
    qint64 shownPatient() const;
    /// File's handout actions (print, PDF, clinic details).
    HandoutActions *handoutActions() const { return m_handouts; }

    Result<void> startSession(qint64 programId);
    Result<void> resumeSession(qint64 sessionId);
    Result<void> closeSessionAsPartial(qint64 sessionId);
    Result<void> recordNextMorning(qint64 sessionId, int pain);

    /// The Exercises tab's model and view: null until the tab is first shown
    /// (showCatalog(), or selectExercise()).
    CatalogModel *catalogModel() const { return m_model; }
    ExerciseView *exerciseView() const { return m_view; }
    TodayPage *todayPage() const { return m_today; }
    /// The therapist's page: null until the Patients tab is first shown or
    /// one of its menu commands is first used.
    TherapistPage *therapistPage() const { return m_therapist; }
    /// Shows the therapist's patient area.
    void showPatients();
    /// Shows the exercise catalog (the Exercises tab).
    void showCatalog();
    /// The session's screen: null until the first session starts.
    SessionScreen *sessionScreen() const { return m_session; }
    SessionRunner *runner() const { return m_runner.get(); }
    /// The session's cues; null until the first session starts, or when there is no cue output.
    CuePlayer *cuePlayer() const { return m_cues; }
    QAction *muteAction() const { return m_muteAction; }
    /// Session > Full screen during sessions (F11), remembered.
    QAction *fullScreenAction() const { return m_fullScreenAction; }
    QAction *speechAction() const { return m_speechAction; }
    bool isShowingSession() const;
    bool isShowingWelcome() const;

Q_SIGNALS:
    /// A session started or resumed: connect cues to the runner here.
    void runnerCreated(rehabit::SessionRunner *runner);
    /// File > Restore from backup: main() lets the user choose a backup,
    /// closes the window and the store, restores, and opens them again.
    void restoreFromBackupRequested();
    /// File > Second backup folder…: main() shows the folder and lets the user change it.
    void secondBackupFolderRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct SessionProgram; // the program a stored session ran, with the catalog
    Result<SessionProgram> programOfSession(qint64 sessionId) const;
    void createActions();
    void createBackupActions(QMenu *file);
    QWidget *buildWelcomePage();
    SessionScreen *buildSessionScreen();
    void buildCatalogPage();
    TherapistPage *buildTherapistPage();
    void addTherapistActions(QMenu *file, QAction *fileEnd, QMenu *edit, QMenu *patients);
    void showCurrent();
    void reloadProfiles();
    void showHome();
    void leaveSession();
    void restoreWindowState();
    void saveWindowState() const;
    void showAbout();
    void showError(const QString &title, const Error &error);
    Result<void> runSession(qint64 programId, std::optional<qint64> interruptedId);
    void connectCues(SessionRunner *runner);
    void applyCueSettings();
    /// Full screen while a session is shown and the switch is on; the window as it was otherwise.
    void applySessionFullScreen();

    Store &m_store;
    SessionClock &m_clock;
    qint64 m_patientId = 0;
    std::unique_ptr<SessionRunner> m_runner;
    CueOutputFactory m_cueOutputFactory;
    CuePlayer *m_cues = nullptr; ///< child of the window, made with the first session
    QAction *m_muteAction = nullptr;
    QAction *m_speechAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    bool m_sessionFullScreen = false; ///< the session made the window full screen
    Qt::WindowStates m_stateBeforeFullScreen;
    HandoutActions *m_handouts = nullptr;

    QStackedWidget *m_stack = nullptr;
    QWidget *m_welcome = nullptr;
    QLineEdit *m_welcomeName = nullptr;
    QTabWidget *m_tabs = nullptr;
    TodayPage *m_today = nullptr;
    TherapistPage *m_therapist = nullptr;     ///< made by buildTherapistPage()
    QWidget *m_therapistTab = nullptr;        ///< holds m_therapist once made
    TherapistPage::Actions m_therapistMenu{}; ///< in the menus until the page is made
    SessionScreen *m_session = nullptr;
    QWidget *m_catalogTab = nullptr; ///< holds the catalog page once first shown
    CatalogModel *m_model = nullptr; ///< made by buildCatalogPage(), as are the three below
    QTreeView *m_tree = nullptr;
    ExerciseView *m_view = nullptr;
    QSplitter *m_splitter = nullptr;
    QByteArray m_splitterState; ///< remembered, for the catalog page once made
    QComboBox *m_profiles = nullptr;
};

} // namespace rehabit
