#include "shell/MainWindow.h"

#include "athlete/audio/CueOutput.h"
#include "athlete/audio/CuePlayer.h"
#include "catalog/CatalogModel.h"
#include "therapist/HistoryView.h"
#include "therapist/TherapistPage.h"
#include "catalog/ExerciseView.h"
#include "handouts/HandoutActions.h"
#include "athlete/SessionScreen.h"
#include "athlete/TodayPage.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/platform/ApplicationIdentity.h"
#include "rehabit/domain/ProgramTemplates.h"
#include "rehabit/engine/SessionRunner.h"
#include "rehabit/store/Store.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace rehabit {
namespace {

QSettings settings()
{
    return QSettings(settingsOrganization(), QCoreApplication::applicationName());
}

/// Stores the value unless it is stored already: QSettings rewrites its file
/// (a lock, two fsyncs and a rename) after any setValue, and start-up and
/// closing would otherwise pay for that every time.
void keepSetting(const QString &key, const QVariant &value)
{
    QSettings s = settings();
    const QVariant stored = s.value(key);
    if (stored.isValid() && stored.toString() == value.toString() && stored.toByteArray() == value.toByteArray())
        return;
    s.setValue(key, value);
}

} // namespace

MainWindow::MainWindow(Store &store, SessionClock &clock, CueOutputFactory cueOutput, QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_clock(clock)
    , m_cueOutputFactory(std::move(cueOutput))
    , m_stack(new QStackedWidget)
    , m_tabs(new QTabWidget)
    , m_today(new TodayPage(store))
    , m_profiles(new QComboBox)
{
    setWindowTitle(tr("Rehabit \u2013 hip flexor rehab"));
    setWindowIcon(QIcon(QStringLiteral(":/rehabit/icons/rehabit.svg")));

    m_tabs->addTab(m_today, tr("&Today"));
    // The catalog's and the therapist's pages are made when their tabs are
    // first shown (start-up does without them); until then the tabs hold an
    // empty widget each.
    const auto emptyTab = [] {
        auto *tab = new QWidget;
        (new QVBoxLayout(tab))->setContentsMargins(0, 0, 0, 0);
        return tab;
    };
    m_catalogTab = emptyTab();
    m_tabs->addTab(m_catalogTab, tr("E&xercises")); // Alt+E is the Edit menu
    m_therapistTab = emptyTab();
    m_tabs->addTab(m_therapistTab, tr("Patie&nts (therapist)")); // Alt+P is the Patients menu
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_catalogTab) {
            buildCatalogPage();
        } else if (m_tabs->widget(index) == m_therapistTab) {
            if (m_therapist)
                (void)m_therapist->reload();
            else
                buildTherapistPage();
        }
    });
    // The welcome page and the session's screen are made when first needed:
    // the stack measures every page it holds (start-up).
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);

    connect(m_today, &TodayPage::startRequested, this, [this](qint64 programId) {
        if (auto r = startSession(programId); !r)
            showError(tr("The session cannot start"), r.error());
    });
    connect(m_today, &TodayPage::resumeRequested, this, [this](qint64 sessionId) {
        if (auto r = resumeSession(sessionId); !r)
            showError(tr("The session cannot be resumed"), r.error());
    });
    connect(m_today, &TodayPage::closePartialRequested, this, [this](qint64 sessionId) {
        if (auto r = closeSessionAsPartial(sessionId); !r)
            showError(tr("The session cannot be closed"), r.error());
    });
    connect(m_today, &TodayPage::nextMorningRated, this, [this](qint64 sessionId, int pain) {
        if (auto r = recordNextMorning(sessionId, pain); !r)
            showError(tr("The rating was not saved"), r.error());
    });

    auto *location = new QLabel(store.description());
    location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(location);

    createActions();
    reloadProfiles();
    restoreWindowState();
}

MainWindow::~MainWindow()
{
    if (m_session)
        m_session->detach();
}

SessionScreen *MainWindow::buildSessionScreen()
{
    if (!m_session) {
        m_session = new SessionScreen;
        connect(m_session, &SessionScreen::closed, this, &MainWindow::leaveSession);
        m_stack->addWidget(m_session);
    }
    return m_session;
}

QWidget *MainWindow::buildWelcomePage()
{
    if (m_welcome)
        return m_welcome;
    auto *page = new QWidget;
    auto *heading = new QLabel(tr("Welcome to Rehabit"));
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    heading->setFont(big);
    auto *text = new QLabel(tr("Rehabit guides you through your daily hip flexor program: stretches, release, "
                               "core bracing and hip strength, as the article \u201cFixing Hip Flexor Pain\u201d "
                               "describes them. It asks about your pain as you go, and keeps the record your "
                               "physical therapist reads.\n\nWhat is your name? (Several people can share this "
                               "computer: each gets a profile.)"));
    text->setWordWrap(true);
    m_welcomeName = new QLineEdit;
    m_welcomeName->setPlaceholderText(tr("Your name"));
    m_welcomeName->setMaxLength(120);
    m_welcomeName->setAccessibleName(tr("Your name"));
    auto *problem = new QLabel;
    auto *create = new QPushButton(tr("&Create my program"));
    create->setMinimumHeight(48);
    create->setDefault(true);
    const auto submit = [this, problem] {
        const auto created = createProfile(m_welcomeName->text());
        problem->setText(created ? QString() : created.error().text());
    };
    connect(create, &QPushButton::clicked, this, submit);
    connect(m_welcomeName, &QLineEdit::returnPressed, this, submit);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(48, 32, 48, 32);
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addWidget(m_welcomeName);
    layout->addWidget(problem);
    layout->addWidget(create, 0, Qt::AlignLeft);
    layout->addStretch();
    m_welcome = page;
    m_stack->addWidget(page);
    return page;
}

void MainWindow::buildCatalogPage()
{
    if (m_model)
        return;
    m_model = new CatalogModel(this);
    m_tree = new QTreeView;
    m_view = new ExerciseView;
    m_splitter = new QSplitter(Qt::Horizontal);
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAccessibleName(tr("Exercise catalog"));
    m_tree->setMinimumWidth(220);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::showCurrent);

    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_view);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->restoreState(m_splitterState);
    m_catalogTab->layout()->addWidget(m_splitter);
    m_splitter->show(); // at once if its tab is shown, not at the next turn of the event loop
    reloadCatalog();
}

TherapistPage *MainWindow::buildTherapistPage()
{
    if (m_therapist)
        return m_therapist;
    m_therapist = new TherapistPage(m_store);
    m_therapist->setHistoryBackgroundLoading(true); // a year of history reads for about half a second
    connect(m_therapist, &TherapistPage::patientsChanged, this, [this] {
        // The profile list follows the therapist's changes without leaving the page.
        const auto patients = m_store.patients(false);
        if (!patients)
            return;
        const QSignalBlocker block(m_profiles);
        m_profiles->clear();
        for (const Patient &p : *patients)
            m_profiles->addItem(p.name, p.id);
        m_profiles->setCurrentIndex(m_profiles->findData(m_patientId));
    });
    // The page's own actions take the stand-ins' places in the menus.
    const TherapistPage::Actions &page = m_therapist->pageActions();
    const std::pair<QAction *, QAction *> pairs[] = {{m_therapistMenu.addPatient, page.addPatient},
                                                     {m_therapistMenu.find, page.find},
                                                     {m_therapistMenu.rename, page.rename},
                                                     {m_therapistMenu.archive, page.archive},
                                                     {m_therapistMenu.saveProgram, page.saveProgram},
                                                     {m_therapistMenu.undo, page.undo},
                                                     {m_therapistMenu.redo, page.redo},
                                                     {m_therapistMenu.history, page.history},
                                                     {m_therapistMenu.program, page.program},
                                                     {m_therapistMenu.notes, page.notes}};
    for (const auto &[standIn, real] : pairs) {
        for (QObject *object : standIn->associatedObjects()) {
            if (auto *menu = qobject_cast<QMenu *>(object)) {
                menu->insertAction(standIn, real);
                menu->removeAction(standIn);
            }
        }
        standIn->deleteLater(); // one of them may be triggering now
    }
    m_therapistMenu = {};
    connect(page.addPatient, &QAction::triggered, this, &MainWindow::showPatients, Qt::DirectConnection);
    m_therapistTab->layout()->addWidget(m_therapist);
    m_therapist->show();
    (void)m_therapist->reload();
    return m_therapist;
}

qint64 MainWindow::shownPatient() const
{
    if (m_therapist && m_tabs->currentWidget() == m_therapistTab && m_therapist->currentPatient() > 0)
        return m_therapist->currentPatient();
    return m_patientId;
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newProfile = file->addAction(tr("&New profile\u2026"), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("New profile"), tr("Name of the person who trains on this computer:"), QLineEdit::Normal, {}, &ok);
        if (!ok)
            return;
        if (auto created = createProfile(name); !created)
            showError(tr("The profile was not created"), created.error());
    });
    newProfile->setShortcut(QKeySequence::New);
    newProfile->setStatusTip(tr("Someone who trains on this computer: gets the daily program and is chosen in the "
                                "Profile box (a therapist's patient is File > New patient)"));
    newProfile->setToolTip(newProfile->statusTip());
    m_handouts = new HandoutActions(
        m_store, [this] { return shownPatient(); }, this);
    m_handouts->addTo(file);
    createBackupActions(file);
    QAction *fileEnd = file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcuts(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));

    // Cues: both switches are remembered, and work during a session (M is free there).
    // Alt+I: Alt+S is Today's "Start today's session".
    QMenu *session = menuBar()->addMenu(tr("Sess&ion"));
    m_muteAction = session->addAction(tr("&Mute sounds and speech"));
    m_muteAction->setCheckable(true);
    m_muteAction->setShortcut(QKeySequence(Qt::Key_M));
    m_muteAction->setChecked(settings().value(QStringLiteral("cues/muted"), false).toBool());
    m_muteAction->setToolTip(tr("Mute the session's sounds and spoken cues (M)"));
    m_muteAction->setIconText(tr("Mute (M)"));
    m_speechAction = session->addAction(tr("Spoken &cues"));
    m_speechAction->setCheckable(true);
    m_speechAction->setChecked(settings().value(QStringLiteral("cues/speech"), true).toBool());
    m_speechAction->setToolTip(
        tr("Say \u201cHold\u201d, \u201cRelax\u201d, \u201cSwitch sides\u201d and each step's cue"));
    connect(m_muteAction, &QAction::toggled, this, [this](bool muted) {
        settings().setValue(QStringLiteral("cues/muted"), muted);
        applyCueSettings();
        statusBar()->showMessage(muted ? tr("Sounds and speech muted") : tr("Sounds and speech on"), 3000);
    });
    connect(m_speechAction, &QAction::toggled, this, [this](bool on) {
        settings().setValue(QStringLiteral("cues/speech"), on);
        applyCueSettings();
    });
    // Full screen for the session, readable from the floor: taken when a session starts, left when it ends.
    session->addSeparator();
    m_fullScreenAction = session->addAction(tr("&Full screen during sessions"));
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence(Qt::Key_F11));
    m_fullScreenAction->setChecked(settings().value(QStringLiteral("session/fullScreen"), false).toBool());
    m_fullScreenAction->setToolTip(tr("Show the session on the whole screen (F11)"));
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        settings().setValue(QStringLiteral("session/fullScreen"), on);
        applySessionFullScreen();
    });
    QMenu *patients = menuBar()->addMenu(tr("&Patients"));
    patients->addAction(tr("&Show patients"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this,
                        &MainWindow::showPatients);
    addTherapistActions(file, fileEnd, edit, patients);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Rehabit"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *bar = addToolBar(tr("Profile"));
    bar->setObjectName(QStringLiteral("profileToolBar"));
    bar->setMovable(false);
    auto *label = new QLabel(tr("Pr&ofile:"));
    label->setBuddy(m_profiles);
    bar->addWidget(label);
    m_profiles->setMinimumContentsLength(16);
    m_profiles->setAccessibleName(tr("Profile"));
    bar->addWidget(m_profiles);
    connect(m_profiles, &QComboBox::activated, this,
            [this](int index) { switchProfile(m_profiles->itemData(index).toLongLong()); });
    bar->addSeparator();
    bar->addAction(m_muteAction);
}

/// Stand-ins for the therapist page's commands, with their texts and keys,
/// until the page is made: using one makes the page, then does what it says.
void MainWindow::addTherapistActions(QMenu *file, QAction *fileEnd, QMenu *edit, QMenu *patients)
{
    m_therapistMenu = TherapistPage::newActions(this);
    const auto forward = [this](QAction *standIn, QAction *TherapistPage::Actions::*real) {
        connect(standIn, &QAction::triggered, this,
                [this, real] { (buildTherapistPage()->pageActions().*real)->trigger(); });
    };
    using A = TherapistPage::Actions;
    for (QAction *A::*member : {&A::addPatient, &A::find, &A::rename, &A::archive, &A::saveProgram, &A::undo, &A::redo,
                                &A::history, &A::program, &A::notes})
        forward(m_therapistMenu.*member, member);
    file->insertAction(fileEnd, m_therapistMenu.addPatient);
    edit->addAction(m_therapistMenu.undo);
    edit->addAction(m_therapistMenu.redo);
    patients->addAction(m_therapistMenu.find);
    patients->addAction(m_therapistMenu.rename);
    patients->addAction(m_therapistMenu.archive);
    patients->addSeparator();
    patients->addAction(m_therapistMenu.history);
    patients->addAction(m_therapistMenu.program);
    patients->addAction(m_therapistMenu.notes);
    patients->addAction(m_therapistMenu.saveProgram);
}

void MainWindow::applyCueSettings()
{
    if (!m_cues)
        return;
    m_cues->setMuted(m_muteAction->isChecked());
    m_cues->setSpeechEnabled(m_speechAction->isChecked());
}

void MainWindow::connectCues(SessionRunner *runner)
{
    if (!m_cues && m_cueOutputFactory) {
        if (std::unique_ptr<CueOutput> output = m_cueOutputFactory()) {
            m_cues = new CuePlayer(std::move(output), this);
            // Said once per run of the app: the session goes on silently.
            connect(m_cues, &CuePlayer::unavailable, this, [this](const QString &message) {
                // The first cue comes as the session starts, while its screen is being shown.
                m_session->showInfo(message);
                statusBar()->showMessage(message);
            });
            applyCueSettings();
        }
    }
    if (!m_cues)
        return;
    connect(runner, &SessionRunner::soundCue, m_cues, &CuePlayer::play);
    connect(runner, &SessionRunner::say, m_cues, &CuePlayer::say);
}

void MainWindow::reloadProfiles()
{
    const auto patients = m_store.patients(false);
    if (!patients) {
        showError(tr("Cannot read the profiles"), patients.error());
        return;
    }
    m_profiles->clear();
    for (const Patient &p : *patients)
        m_profiles->addItem(p.name, p.id);
    m_profiles->setEnabled(!patients->isEmpty());
    if (patients->isEmpty()) {
        m_patientId = 0;
        m_stack->setCurrentWidget(buildWelcomePage());
        m_welcomeName->setFocus();
        return;
    }
    const qint64 remembered = settings().value(QStringLiteral("profile/current")).toLongLong();
    const int index = std::max(0, m_profiles->findData(remembered));
    switchProfile(m_profiles->itemData(index).toLongLong());
}

Result<qint64> MainWindow::createProfile(const QString &name)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return Error{tr("Please type a name for the profile."), {}};
    const QDateTime now = Clock::nowUtc();
    const auto exercises = m_store.exercises();
    if (!exercises)
        return exercises.error();
    auto patient = m_store.addPatient(trimmed, now);
    if (!patient)
        return patient.error();
    auto program = m_store.addProgram(ProgramTemplates::dailyProgram(patient->id, *exercises, now));
    if (!program)
        return program.error();
    settings().setValue(QStringLiteral("profile/current"), patient->id);
    reloadProfiles();
    return patient->id;
}

bool MainWindow::switchProfile(qint64 patientId)
{
    m_patientId = patientId;
    keepSetting(QStringLiteral("profile/current"), patientId);
    const int index = m_profiles->findData(patientId);
    if (index >= 0)
        m_profiles->setCurrentIndex(index);
    const bool ok = m_today->showPatient(patientId);
    showHome();
    return ok;
}

void MainWindow::showHome()
{
    m_stack->setCurrentWidget(m_tabs);
    m_tabs->setCurrentWidget(m_today);
    m_profiles->setEnabled(m_profiles->count() > 0);
    m_today->preferredFocus()->setFocus(Qt::OtherFocusReason);
}

bool MainWindow::isShowingSession() const
{
    return m_session && m_stack->currentWidget() == m_session;
}

bool MainWindow::isShowingWelcome() const
{
    return m_welcome && m_stack->currentWidget() == m_welcome;
}

Result<void> MainWindow::runSession(qint64 programId, std::optional<qint64> interruptedId)
{
    const auto program = m_store.program(programId);
    if (!program)
        return program.error();
    if (!*program)
        return Error{tr("The program of this session no longer exists."), {}};
    const auto exercises = m_store.exercises();
    if (!exercises)
        return exercises.error();

    buildSessionScreen()->detach();
    m_runner = std::make_unique<SessionRunner>(m_store, m_clock);
    connectCues(m_runner.get());
    Q_EMIT runnerCreated(m_runner.get());
    // Attach before starting, so the screen sees the first question and the first "saved".
    m_session->attach(m_runner.get());
    const auto started =
        interruptedId ? m_runner->resumeInterrupted(**program, *exercises, *interruptedId) : [&]() -> Result<void> {
        auto id = m_runner->start(**program, *exercises);
        if (!id)
            return id.error();
        return {};
    }();
    if (!started) {
        m_session->detach();
        m_runner.reset();
        return started.error();
    }
    m_stack->setCurrentWidget(m_session);
    m_profiles->setEnabled(false); // one session at a time, for the profile it belongs to
    applySessionFullScreen();
    return {};
}

void MainWindow::applySessionFullScreen()
{
    const bool wanted = isShowingSession() && m_fullScreenAction->isChecked();
    if (wanted && !m_sessionFullScreen) {
        m_stateBeforeFullScreen = windowState() & ~Qt::WindowMinimized;
        setWindowState(m_stateBeforeFullScreen | Qt::WindowFullScreen);
        m_sessionFullScreen = true;
    } else if (!wanted && m_sessionFullScreen) {
        setWindowState(m_stateBeforeFullScreen);
        m_sessionFullScreen = false;
    }
}

Result<void> MainWindow::startSession(qint64 programId)
{
    return runSession(programId, std::nullopt);
}

Result<void> MainWindow::resumeSession(qint64 sessionId)
{
    const auto session = m_store.session(sessionId);
    if (!session)
        return session.error();
    if (!*session)
        return Error{tr("That session no longer exists."), {}};
    return runSession((*session)->programId, sessionId);
}

struct MainWindow::SessionProgram {
    Program program;
    QList<Exercise> exercises;
};

Result<MainWindow::SessionProgram> MainWindow::programOfSession(qint64 sessionId) const
{
    const auto session = m_store.session(sessionId);
    if (!session)
        return session.error();
    if (!*session)
        return Error{tr("That session no longer exists."), {}};
    const auto program = m_store.program((*session)->programId);
    const auto exercises = m_store.exercises();
    if (!program)
        return program.error();
    if (!exercises)
        return exercises.error();
    if (!*program)
        return Error{tr("The program of this session no longer exists."), {}};
    return SessionProgram{**program, *exercises};
}

Result<void> MainWindow::closeSessionAsPartial(qint64 sessionId)
{
    const auto found = programOfSession(sessionId);
    if (!found)
        return found.error();
    SessionRunner closer(m_store, m_clock);
    auto closed = closer.closeInterrupted(found->program, found->exercises, sessionId);
    m_today->reload();
    showHome();
    return closed;
}

Result<void> MainWindow::recordNextMorning(qint64 sessionId, int pain)
{
    const auto found = programOfSession(sessionId);
    if (!found)
        return found.error();
    const auto verdict =
        SessionRunner::recordNextMorning(m_store, found->program, found->exercises, sessionId, pain, Clock::nowUtc());
    m_today->reload();
    m_today->preferredFocus()->setFocus(Qt::OtherFocusReason);
    if (!verdict)
        return verdict.error();
    statusBar()->showMessage(tr("This morning\u2019s pain (%1) is saved.").arg(pain), 8000);
    return {};
}

void MainWindow::leaveSession()
{
    m_session->detach();
    m_runner.reset();
    m_today->reload();
    showHome();
    applySessionFullScreen();
}

bool MainWindow::reloadCatalog()
{
    if (!m_model)
        return true; // read when the page is made
    const QString current = m_tree->currentIndex().data(CatalogModel::ExerciseIdRole).toString();
    const auto exercises = m_store.exercises();
    if (!exercises) {
        showError(tr("Cannot read the catalog"), exercises.error());
        return false;
    }
    m_model->setExercises(*exercises);
    m_tree->expandAll();
    if (current.isEmpty() || !selectExercise(current)) {
        // Start on the first exercise so the page never opens empty.
        const QModelIndex firstGroup = m_model->index(0, 0);
        if (m_model->rowCount(firstGroup) > 0)
            m_tree->setCurrentIndex(m_model->index(0, 0, firstGroup));
    }
    return true;
}

bool MainWindow::selectExercise(const QString &exerciseId)
{
    buildCatalogPage();
    const QModelIndex index = m_model->indexOf(exerciseId);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    return true;
}

void MainWindow::showCurrent()
{
    if (const Exercise *e = m_model->exercise(m_tree->currentIndex()))
        m_view->showExercise(*e);
    else
        m_view->showNothing();
}

void MainWindow::showError(const QString &title, const Error &error)
{
    QMessageBox::warning(this, title, error.text());
}

void MainWindow::restoreWindowState()
{
    QSettings s = settings();
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First start: as much of the screen as 1280x800 would be, so that nothing is cut off.
        QSize size(1280, 800);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableGeometry().size() * 0.96);
        resize(size);
    }
    m_splitterState = s.value(QStringLiteral("window/splitter")).toByteArray();
}

void MainWindow::saveWindowState() const
{
    keepSetting(QStringLiteral("window/geometry"), saveGeometry());
    if (m_splitter) // otherwise it is as remembered
        keepSetting(QStringLiteral("window/splitter"), m_splitter->saveState());
}

void MainWindow::showPatients()
{
    if (m_stack->currentWidget() != m_tabs)
        return; // not during a session or on the welcome page
    m_tabs->setCurrentWidget(m_therapistTab);
    buildTherapistPage()->patientView()->setFocus();
}

void MainWindow::showCatalog()
{
    if (m_stack->currentWidget() != m_tabs)
        return; // not during a session or on the welcome page
    m_tabs->setCurrentWidget(m_catalogTab);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_therapist && !m_therapist->confirmLeaveProgram()) {
        event->ignore();
        return;
    }
    // A running session needs no question: every confirmed step is already
    // saved, and the session is offered for resume at the next start.
    saveWindowState();
    event->accept();
}

void MainWindow::createBackupActions(QMenu *file)
{
    file->addSeparator();
    QAction *restore = file->addAction(tr("&Restore from backup\u2026"), this, &MainWindow::restoreFromBackupRequested);
    restore->setObjectName(QStringLiteral("restoreFromBackupAction"));
    restore->setStatusTip(tr("Put one of the database's backups in place of the database"));
    QAction *second =
        file->addAction(tr("Second &backup folder\u2026"), this, &MainWindow::secondBackupFolderRequested);
    second->setObjectName(QStringLiteral("secondBackupFolderAction"));
    second->setStatusTip(tr("Copy each day's backup to another disk or a stick too"));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Rehabit"),
                       tr("<h3>Rehabit %1</h3>"
                          "<p>A daily program and record for hip flexor (iliopsoas) rehab, following "
                          "\u201cFixing Hip Flexor Pain\u201d (Squat University).</p>"
                          "<p>None of these exercises should create or worsen your pain. If they do not help, "
                          "see a doctor or physical therapist.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace rehabit
