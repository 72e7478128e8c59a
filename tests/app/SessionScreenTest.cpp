// A whole day's session driven from the keyboard, as an athlete on the floor
// would: every rep they confirm is in the database, in order, and an
// interrupted session resumes where it stopped.

#include "RehabitCatch.h"

#include "FakeCueOutput.h"

#include "athlete/audio/CuePlayer.h"
#include "shell/MainWindow.h"
#include "athlete/PainScale.h"
#include "athlete/SessionScreen.h"
#include "athlete/TodayPage.h"
#include "catalog/ExerciseView.h"

#include "rehabit/platform/ApplicationIdentity.h"
#include "rehabit/platform/Clock.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/engine/SessionClock.h"
#include "rehabit/review/SessionDose.h"
#include "rehabit/engine/SessionPlan.h"
#include "rehabit/engine/SessionRunner.h"
#include "rehabit/store/Store.h"

#include <QAction>
#include <QApplication>
#include <QSettings>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace rehabit;
using rehabit::testing::FakeCueOutput;

namespace {

class ManualClock final : public SessionClock {
public:
    Moment now() const override { return m_now; }
    void advance(qint64 ms)
    {
        m_now.monotonicMs += ms;
        m_now.wallMs += ms;
    }

private:
    Moment m_now{1'000'000, 1'764'000'000'000};
};

struct App {
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<Store> store;
    ManualClock clock;
    std::unique_ptr<MainWindow> window;
    MainWindow::CueOutputFactory cues;

    explicit App(MainWindow::CueOutputFactory cueOutput = {})
        : path(dir.filePath(QStringLiteral("athlete.sqlite")))
        , cues(std::move(cueOutput))
    {
        open();
    }
    void open()
    {
        auto opened = openSqliteStore(path);
        REQUIRE(opened.ok());
        store = std::move(opened).value();
        REQUIRE(importBundledCatalog(*store).ok());
        window = std::make_unique<MainWindow>(*store, clock, cues);
        window->show();
        QApplication::setActiveWindow(window.get());
        REQUIRE(QTest::qWaitForWindowActive(window.get()));
    }
    void close()
    {
        window.reset();
        store.reset();
    }
};

/// A key as the athlete types it: to whatever has the keyboard focus.
void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    REQUIRE(target != nullptr);
    QTest::keyClick(target, key, modifiers);
}

void ratePain(int pain)
{
    if (pain == 10) {
        press(Qt::Key_1);
        press(Qt::Key_0);
    } else {
        press(Qt::Key(Qt::Key_0 + pain));
    }
    press(Qt::Key_Return);
}

/// One step of the athlete: answer what the screen asks, from the keyboard.
/// Timed stages pass by moving the clock; the runner's timer is ticked by hand.
void step(App &app, int pain)
{
    SessionRunner *runner = app.window->runner();
    REQUIRE(runner != nullptr);
    const SessionState &s = runner->state();
    switch (s.stage) {
    case SessionStage::AskingPain:
        REQUIRE(app.window->sessionScreen()->isAskingPain());
        ratePain(pain);
        break;
    case SessionStage::Positioning:
    case SessionStage::Working:
    case SessionStage::Resting:
    case SessionStage::PainNotice: press(Qt::Key_Space); break;
    case SessionStage::Holding:
    case SessionStage::TimedBout:
    case SessionStage::FollowUp:
        app.clock.advance(runner->remainingMs());
        runner->tick();
        break;
    case SessionStage::Assessing: press(Qt::Key_N); break;
    default: FAIL("unexpected stage " << int(s.stage));
    }
}

int countEvents(const QList<SessionEvent> &events, EventKind kind)
{
    return int(std::count_if(events.begin(), events.end(), [kind](const SessionEvent &e) { return e.kind == kind; }));
}

} // namespace

TEST_CASE("First run: a name creates a profile with the article's program")
{
    App app;
    REQUIRE(app.window->isShowingWelcome());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("  "));
    press(Qt::Key_Return);
    CHECK(app.window->isShowingWelcome()); // an empty name is refused
    auto *name = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    REQUIRE(name != nullptr);
    QTest::keyClicks(name, QStringLiteral("Ana"));
    press(Qt::Key_Return);
    REQUIRE_FALSE(app.window->isShowingWelcome());
    const QString today = app.window->todayPage()->text();
    CHECK(today.contains(QStringLiteral("Today, Ana")));
    CHECK(today.contains(QStringLiteral("No session yet")));
    CHECK(today.contains(QStringLiteral("Learning to brace")));
    CHECK(today.contains(QStringLiteral("2 sets of 20 reps, hold each 10 seconds, both sides at once")));
    CHECK_FALSE(today.contains(QStringLiteral("Thomas test"))); // an assessment, not a daily exercise
    REQUIRE(app.store->patients(false)->size() == 1);
}

TEST_CASE("The whole daily program from the keyboard, every rep in the log")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Ana")).ok());
    REQUIRE(QApplication::focusWidget() == app.window->todayPage()->startButton());
    press(Qt::Key_Space);
    REQUIRE(app.window->isShowingSession());
    SessionScreen *screen = app.window->sessionScreen();
    CHECK(screen->isAskingPain());

    const qint64 sessionId = app.window->runner()->sessionId();
    int steps = 0;
    bool sawHoldCountdown = false;
    while (app.window->runner()->isRunning() && steps++ < 5000) {
        if (app.window->runner()->state().stage == SessionStage::Holding && !sawHoldCountdown) {
            sawHoldCountdown = true;
            CHECK(screen->stageText() == QStringLiteral("Hold"));
            CHECK(screen->countdownText() == QStringLiteral("0:10")); // the stretch: 10 s holds
            CHECK(screen->countsText().contains(QStringLiteral("Rep 1 of 10")));
            CHECK(screen->countsText().contains(QStringLiteral("Left side")));
            CHECK(screen->savedText().contains(QStringLiteral("Saved")));
        }
        step(app, 1);
    }
    REQUIRE_FALSE(app.window->runner()->isRunning());
    CHECK(sawHoldCountdown);

    const auto events = app.store->events(sessionId);
    REQUIRE(events.ok());
    const auto session = app.store->session(sessionId);
    REQUIRE(session.ok());
    CHECK((*session)->status == SessionStatus::Completed);
    CHECK_FALSE((*session)->flagged);
    // Seven exercises: 10+10 stretch holds, 10+10 prone holds, 2 release bouts with
    // their follow-ups, 40 braces, 2x(10+10) isometric holds, 2x10 bridge reps,
    // 2x(15+15) clamshell holds.
    CHECK(countEvents(*events, EventKind::ExerciseFinished) == 7);
    CHECK(countEvents(*events, EventKind::RepDone) == 20 + 20 + 40 + 40 + 20 + 60);
    const auto program = app.store->program((*session)->programId);
    const auto plan = SessionPlan::fromProgram(**program, *app.store->exercises());
    REQUIRE(plan.ok());
    CHECK(SessionDose::of(*plan, *events).share() == 1.0);
    // Pain: before, after each exercise, after the session.
    CHECK(countEvents(*events, EventKind::PainRated) == 1 + 7 + 1);
    // The log is in order and every event was acknowledged on screen.
    for (qsizetype i = 0; i < events->size(); ++i)
        CHECK(events->at(i).seq == i + 1);
    CHECK(screen->savedText().contains(QString::number(events->size())));

    // Back on Today, the session is the last one, with its dose and pain.
    press(Qt::Key_Return);
    CHECK_FALSE(app.window->isShowingSession());
    CHECK(app.window->todayPage()->text().contains(QStringLiteral("100% of the dose done")));
    CHECK(app.window->todayPage()->text().contains(QStringLiteral("pain 1 before")));
}

TEST_CASE("Keyboard control: pause keeps the hold exact, skip, back, pain at any moment, Esc asks first")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Ben")).ok());
    press(Qt::Key_Space);
    SessionRunner *runner = app.window->runner();
    SessionScreen *screen = app.window->sessionScreen();
    ratePain(2);
    REQUIRE(runner->state().stage == SessionStage::Positioning);
    press(Qt::Key_Space); // start the hold now
    REQUIRE(runner->state().stage == SessionStage::Holding);

    app.clock.advance(4000);
    press(Qt::Key_P);
    CHECK(runner->state().paused);
    CHECK(screen->stageText().contains(QStringLiteral("Paused")));
    app.clock.advance(60000); // a minute of pause does not count
    press(Qt::Key_P);
    CHECK_FALSE(runner->state().paused);
    CHECK(runner->remainingMs() == 6000);
    app.clock.advance(6000);
    runner->tick();
    const auto afterHold = app.store->events(runner->sessionId());
    REQUIRE(afterHold.ok());
    const auto ended = std::find_if(afterHold->rbegin(), afterHold->rend(),
                                    [](const SessionEvent &e) { return e.kind == EventKind::HoldEnded; });
    REQUIRE(ended != afterHold->rend());
    CHECK(ended->holdMs == 10000);

    // Pain at any moment: 3 is a rise above the starting 2, and the strict rule stops the exercise.
    press(Qt::Key_3);
    CHECK(screen->isAskingPain());
    press(Qt::Key_Return);
    CHECK(runner->state().stage == SessionStage::PainNotice);
    CHECK(screen->noticeText().contains(QStringLiteral("2 to 3")));
    CHECK(screen->noticeText().contains(QStringLiteral("physical therapist")));
    CHECK(screen->noticeText().contains(QStringLiteral("Go on to the next exercise")));
    press(Qt::Key_Space); // go on
    CHECK(runner->state().stage != SessionStage::PainNotice);

    // Skip the next exercise's set, then Esc asks before ending.
    while (runner->state().stage == SessionStage::AskingPain || runner->state().stage == SessionStage::Resting)
        step(app, 2);
    const int item = runner->state().progress.itemIndex;
    press(Qt::Key_S, Qt::ShiftModifier);
    while (runner->state().stage == SessionStage::AskingPain || runner->state().stage == SessionStage::Resting)
        step(app, 2);
    CHECK(runner->state().progress.itemIndex > item);
    press(Qt::Key_Escape);
    CHECK(screen->isConfirmingEnd());
    press(Qt::Key_Escape); // keep going
    CHECK_FALSE(screen->isConfirmingEnd());
    CHECK(runner->isRunning());
    press(Qt::Key_Escape);
    press(Qt::Key_Return); // end
    if (runner->state().stage == SessionStage::AskingPain)
        ratePain(2);
    CHECK_FALSE(runner->isRunning());
    const auto events = app.store->events(runner->sessionId());
    // P's pause, and the clock stopped each time "End the session now?" was asked (twice), started again after No.
    CHECK(countEvents(*events, EventKind::Paused) == 3);
    CHECK(countEvents(*events, EventKind::Resumed) == 2);
    CHECK(countEvents(*events, EventKind::PainStop) == 1);
    CHECK(countEvents(*events, EventKind::ExerciseSkipped) == 1);
    CHECK(countEvents(*events, EventKind::SessionEnded) == 1);
}

TEST_CASE("An interrupted session is offered at the next start and resumes where it stopped")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Cai")).ok());
    press(Qt::Key_Space);
    for (int i = 0; i < 60; ++i)
        step(app, 1);
    const qint64 sessionId = app.window->runner()->sessionId();
    const auto before = app.store->events(sessionId);
    REQUIRE(before.ok());
    const int repsBefore = countEvents(*before, EventKind::RepDone);
    REQUIRE(repsBefore > 5);

    app.close(); // the program is gone: what was saved stays
    app.open();
    TodayPage *today = app.window->todayPage();
    REQUIRE(today->interruptedSessionId() == sessionId);
    CHECK(today->text().contains(QStringLiteral("interrupted")));
    CHECK_FALSE(today->text().contains(QStringLiteral("No session yet"))); // the offer is not contradicted
    REQUIRE(QApplication::focusWidget() == today->resumeButton());
    press(Qt::Key_Return); // Enter resumes, as Space does
    REQUIRE(app.window->isShowingSession());
    REQUIRE(app.window->runner()->sessionId() == sessionId);
    int steps = 0;
    while (app.window->runner()->isRunning() && steps++ < 5000)
        step(app, 1);

    const auto events = app.store->events(sessionId);
    REQUIRE(events.ok());
    CHECK(countEvents(*events, EventKind::SessionResumed) == 1);
    // Nothing confirmed before the interruption was lost, nothing was done twice.
    for (qsizetype i = 0; i < before->size(); ++i)
        CHECK(events->at(i) == before->at(i));
    CHECK(countEvents(*events, EventKind::RepDone) == 200);
    CHECK((*app.store->session(sessionId))->status == SessionStatus::Completed);
}

TEST_CASE("An interrupted session can be closed as partial instead")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Dee")).ok());
    press(Qt::Key_Space);
    for (int i = 0; i < 20; ++i)
        step(app, 0);
    const qint64 sessionId = app.window->runner()->sessionId();
    app.close();
    app.open();
    REQUIRE(app.window->todayPage()->interruptedSessionId() == sessionId);
    app.window->todayPage()->closePartialButton()->click();
    CHECK((*app.store->session(sessionId))->status == SessionStatus::Partial);
    CHECK_FALSE(app.window->todayPage()->interruptedSessionId().has_value());
    CHECK(app.window->todayPage()->text().contains(QStringLiteral("Last session")));
}

TEST_CASE("The pain scale: words at 0, 5 and 10, 1 then 0 is ten, Enter saves")
{
    PainScale scale;
    int rated = -1;
    QObject::connect(&scale, &PainScale::rated, &scale, [&](int p) { rated = p; });
    scale.ask(QStringLiteral("How is your pain?"), false);
    CHECK(PainScale::band(0) == QStringLiteral("No pain"));
    CHECK(PainScale::band(5) == QStringLiteral("Moderate"));
    CHECK(PainScale::band(10) == QStringLiteral("Worst imaginable"));
    QTest::keyClick(&scale, Qt::Key_1);
    CHECK(rated == -1); // nothing saved until Enter
    QTest::keyClick(&scale, Qt::Key_0);
    CHECK(scale.typedValue() == 10);
    QTest::keyClick(&scale, Qt::Key_Return);
    CHECK(rated == 10);
    scale.ask(QStringLiteral("Again?"), false);
    QTest::keyClick(&scale, Qt::Key_7);
    QTest::keyClick(&scale, Qt::Key_Backspace);
    QTest::keyClick(&scale, Qt::Key_Return);
    CHECK(rated == 10); // cleared: Enter saved nothing
}

namespace {

/// A cue output factory that counts its calls and lets the test see the output.
struct CueProbe {
    int made = 0;
    FakeCueOutput *out = nullptr;
    bool sound = true;
    bool speech = true;
    MainWindow::CueOutputFactory factory()
    {
        return [this]() -> std::unique_ptr<CueOutput> {
            ++made;
            auto fake = std::make_unique<rehabit::testing::FakeCueOutput>();
            fake->sound = sound;
            fake->speech = speech;
            out = fake.get();
            return fake;
        };
    }
};

/// Steps the session until it reaches `stage` (or gives up).
bool stepUntil(App &app, SessionStage stage)
{
    for (int i = 0; i < 500 && app.window->runner()->isRunning(); ++i) {
        if (app.window->runner()->state().stage == stage)
            return true;
        step(app, 1);
    }
    return false;
}

} // namespace

TEST_CASE("Cues: the hold's sound and words are played, M mutes them, and the choice is remembered")
{
    QSettings(settingsOrganization(), QCoreApplication::applicationName()).remove(QStringLiteral("cues"));
    CueProbe probe;
    App app(probe.factory());
    REQUIRE(app.window->createProfile(QStringLiteral("Ana")).ok());
    CHECK(probe.made == 0); // no audio device is opened before a session starts
    press(Qt::Key_Space);
    REQUIRE(app.window->isShowingSession());
    REQUIRE(probe.made == 1);
    REQUIRE(app.window->cuePlayer() != nullptr);

    REQUIRE(stepUntil(app, SessionStage::Holding));
    CHECK(probe.out->sounds.contains(SoundCue::HoldStart));
    CHECK(probe.out->words.contains(QStringLiteral("Hold")));
    CHECK_FALSE(app.window->muteAction()->isChecked());

    // M, pressed on the session screen, mutes: what plays stops and nothing more is heard.
    press(Qt::Key_M);
    CHECK(app.window->muteAction()->isChecked());
    CHECK(app.window->cuePlayer()->isMuted());
    CHECK(probe.out->soundStops >= 1);
    CHECK(probe.out->speechStops >= 1);
    const auto heard = probe.out->sounds.size();
    const auto spoken = probe.out->words.size();
    step(app, 1); // the hold ends: its sound and "Relax" are muted
    CHECK(probe.out->sounds.size() == heard);
    CHECK(probe.out->words.size() == spoken);
    CHECK(app.window->runner()->isRunning()); // the session itself goes on

    // The next start remembers the switch.
    app.close();
    CueProbe again;
    app.cues = again.factory();
    app.open();
    CHECK(app.window->muteAction()->isChecked());
    press(Qt::Key_M);
    CHECK_FALSE(app.window->muteAction()->isChecked());
    CHECK(QSettings(settingsOrganization(), QCoreApplication::applicationName())
              .value(QStringLiteral("cues/muted"))
              .toBool()
          == false);
}

TEST_CASE("Cues: without sound or speech the session goes on silently and says so once")
{
    QSettings(settingsOrganization(), QCoreApplication::applicationName()).remove(QStringLiteral("cues"));
    CueProbe probe;
    probe.sound = false;
    probe.speech = false;
    App app(probe.factory());
    REQUIRE(app.window->createProfile(QStringLiteral("Ana")).ok());
    press(Qt::Key_Space);
    REQUIRE(stepUntil(app, SessionStage::Holding));
    SessionScreen *screen = app.window->sessionScreen();
    CHECK(screen->infoText().contains(QStringLiteral("silently")));
    CHECK(probe.out->sounds.isEmpty());
    screen->showInfo({});
    REQUIRE(stepUntil(app, SessionStage::Resting));
    CHECK(screen->infoText().isEmpty()); // said once, not at every cue
}

TEST_CASE("Cues: a session without a cue output runs silently")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Ana")).ok());
    press(Qt::Key_Space);
    REQUIRE(stepUntil(app, SessionStage::Holding));
    CHECK(app.window->cuePlayer() == nullptr);
    CHECK(app.window->muteAction() != nullptr);
}

namespace {

/// A session of yesterday evening, completed, for the patient of the only profile.
qint64 yesterdaysSession(App &app, const QDateTime &yesterday)
{
    const auto patients = app.store->patients(false);
    REQUIRE(patients.ok());
    REQUIRE(patients->size() == 1);
    const qint64 programId = app.window->todayPage()->programId();
    REQUIRE(programId > 0);
    const auto session = app.store->startSession(patients->first().id, programId, yesterday);
    REQUIRE(session.ok());
    SessionEvent before; // the usual level the next morning is compared with
    before.sessionId = session->id;
    before.atMs = yesterday.toMSecsSinceEpoch();
    before.kind = EventKind::PainRated;
    before.pain = 2;
    before.painContext = PainContext::BeforeSession;
    REQUIRE(app.store->appendEvent(before).ok());
    REQUIRE(app.store->finishSession(session->id, SessionStatus::Completed, yesterday.addSecs(1800), false).ok());
    return session->id;
}

} // namespace

TEST_CASE("The morning question takes the keyboard: digits rate, Enter saves, no session starts")
{
    const QDateTime yesterday(QDate(2026, 3, 10), QTime(18, 0));
    FixedClock now(yesterday.addSecs(15 * 3600)); // 9:00 the next morning
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Eve")).ok());
    const qint64 sessionId = yesterdaysSession(app, yesterday);
    app.close();
    app.open();

    TodayPage *today = app.window->todayPage();
    REQUIRE(today->nextMorningSessionId() == sessionId);
    REQUIRE(QApplication::focusWidget() == today->morningScale());
    press(Qt::Key_4);
    CHECK(today->morningScale()->typedValue() == 4);
    press(Qt::Key_Backspace); // changed their mind before saving
    press(Qt::Key_3);
    CHECK(today->morningScale()->typedValue() == 3);
    press(Qt::Key_Return);

    CHECK_FALSE(app.window->isShowingSession());
    const auto sessions = app.store->sessions(app.store->patients(false)->first().id);
    REQUIRE(sessions.ok());
    CHECK(sessions->size() == 1); // Enter saved the rating; it did not start a session
    const auto events = app.store->events(sessionId);
    REQUIRE(events.ok());
    const auto morning = std::find_if(events->begin(), events->end(), [](const SessionEvent &e) {
        return e.kind == EventKind::PainRated && e.painContext == PainContext::NextMorning;
    });
    REQUIRE(morning != events->end());
    CHECK(morning->pain == 3);
    CHECK_FALSE(today->nextMorningSessionId().has_value());
    CHECK(QApplication::focusWidget() == today->startButton());
}

TEST_CASE("The morning question: Escape puts it off without a rating and gives Start the keyboard")
{
    const QDateTime yesterday(QDate(2026, 3, 10), QTime(18, 0));
    FixedClock now(yesterday.addSecs(15 * 3600));
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Fay")).ok());
    const qint64 sessionId = yesterdaysSession(app, yesterday);
    app.close();
    app.open();

    TodayPage *today = app.window->todayPage();
    REQUIRE(QApplication::focusWidget() == today->morningScale());
    press(Qt::Key_7);
    press(Qt::Key_Escape);
    CHECK(today->morningScale()->isHidden() == false); // the scale itself stays, its box is hidden
    CHECK_FALSE(today->morningScale()->isVisibleTo(today));
    CHECK(QApplication::focusWidget() == today->startButton());
    const auto events = app.store->events(sessionId);
    REQUIRE(events.ok());
    CHECK(std::none_of(events->begin(), events->end(),
                       [](const SessionEvent &e) { return e.painContext == PainContext::NextMorning; }));
    CHECK_FALSE(app.window->isShowingSession());
}

namespace {

/// Steps the session until `done` holds (or gives up).
template <typename Predicate>
bool stepUntilState(App &app, Predicate done)
{
    for (int i = 0; i < 2000 && app.window->runner()->isRunning(); ++i) {
        if (done(app.window->runner()->state()))
            return true;
        step(app, 1);
    }
    return false;
}

/// A profile and a session started from Today, at its first hold.
void startToFirstHold(App &app)
{
    REQUIRE(app.window->createProfile(QStringLiteral("Gus")).ok());
    press(Qt::Key_Space);
    ratePain(1);
    REQUIRE(app.window->runner()->state().stage == SessionStage::Positioning);
    press(Qt::Key_Space);
    REQUIRE(app.window->runner()->state().stage == SessionStage::Holding);
}

} // namespace

TEST_CASE("Asking \"End the session now?\" stops the hold's clock; No starts it again")
{
    App app;
    startToFirstHold(app);
    SessionRunner *runner = app.window->runner();
    app.clock.advance(3000);
    press(Qt::Key_Escape);
    REQUIRE(app.window->sessionScreen()->isConfirmingEnd());
    CHECK(runner->state().paused);
    app.clock.advance(60000); // a minute thinking about it
    runner->tick();
    CHECK(runner->state().stage == SessionStage::Holding);
    press(Qt::Key_Escape); // no: keep going
    CHECK_FALSE(app.window->sessionScreen()->isConfirmingEnd());
    CHECK_FALSE(runner->state().paused);
    CHECK(runner->remainingMs() == 7000);
}

TEST_CASE("The pause screen says what is paused: the exercise, the rep and side, the time left")
{
    App app;
    startToFirstHold(app);
    SessionScreen *screen = app.window->sessionScreen();
    const QString exercise = app.window->runner()->state().currentItem()->exercise.name;
    app.clock.advance(4000);
    press(Qt::Key_P);
    CHECK(screen->stageText().contains(QStringLiteral("Paused")));
    CHECK(screen->cueText().contains(exercise));
    CHECK(screen->cueText().contains(QStringLiteral("Hold")));
    CHECK(screen->cueText().contains(QStringLiteral("Rep 1 of 10")));
    CHECK(screen->cueText().contains(QStringLiteral("Left side")));
    CHECK(screen->cueText().contains(QStringLiteral("0:06 left")));
}

TEST_CASE("The rest between exercises shows the next exercise, by name and drawing")
{
    App app;
    startToFirstHold(app);
    REQUIRE(stepUntilState(app, [](const SessionState &s) {
        return s.stage == SessionStage::Resting && s.rest == RestKind::AfterExercise;
    }));
    const SessionState &s = app.window->runner()->state();
    const Exercise &next = s.plan.items.at(s.progress.itemIndex + 1).exercise;
    SessionScreen *screen = app.window->sessionScreen();
    CHECK(screen->titleText() == QStringLiteral("Next: %1").arg(next.name));
    CHECK(screen->illustrationFile() == ExerciseView::illustrationPath(next));
    CHECK(screen->illustrationFile() != ExerciseView::illustrationPath(s.currentItem()->exercise));
}

TEST_CASE("A session ended after 3 of 7 exercises shows 3 of 7 done, and no more controls")
{
    App app;
    startToFirstHold(app);
    REQUIRE(stepUntilState(app,
                           [](const SessionState &s) { return s.progress.itemIndex == 3 && s.progress.exerciseOpen; }));
    press(Qt::Key_Escape);
    press(Qt::Key_Return);
    REQUIRE(app.window->runner()->state().stage == SessionStage::AskingPain);
    ratePain(1);
    REQUIRE_FALSE(app.window->runner()->isRunning());
    SessionScreen *screen = app.window->sessionScreen();
    CHECK(screen->titleText() == QStringLiteral("Session over"));
    CHECK(screen->progressTotal() == 7);
    CHECK(screen->progressDone() == 3);
    int controls = 0;
    for (QPushButton *b : screen->findChildren<QPushButton *>()) {
        const QString text = b->text();
        if (text.startsWith(QStringLiteral("Pause")) || text.startsWith(QStringLiteral("Skip"))
            || text.startsWith(QStringLiteral("Back\n")) || text.startsWith(QStringLiteral("End session"))
            || text.startsWith(QStringLiteral("Rate pain")) || text.startsWith(QStringLiteral("Done"))) {
            if (b->isVisibleTo(screen) && b->isEnabled())
                ++controls;
        }
    }
    CHECK(controls == 0);
    press(Qt::Key_Return);
    CHECK_FALSE(app.window->isShowingSession());
}

TEST_CASE("Space on a pain prompt with no number says how to answer")
{
    PainScale scale;
    int rated = -1;
    QObject::connect(&scale, &PainScale::rated, &scale, [&](int p) { rated = p; });
    scale.ask(QStringLiteral("How is your pain?"), false);
    const QString before = scale.hintText();
    QTest::keyClick(&scale, Qt::Key_Space);
    CHECK(rated == -1);
    CHECK(scale.hintText() != before);
    CHECK(scale.hintText().contains(QStringLiteral("No number chosen yet")));
    CHECK(scale.hintText().contains(QStringLiteral("1 then 0 for 10")));
    QTest::keyClick(&scale, Qt::Key_4);
    QTest::keyClick(&scale, Qt::Key_Space); // Space saves a chosen number, as Enter does
    CHECK(rated == 4);
}

TEST_CASE("Alt+S on Today starts the session; the Session menu has another key")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Hal")).ok());
    press(Qt::Key_S, Qt::AltModifier);
    // A mnemonic presses its button as a click shown on screen: the click comes from the event loop.
    CHECK(QTest::qWaitFor([&] { return app.window->isShowingSession(); }));
    for (QAction *menu : app.window->menuBar()->actions())
        CHECK_FALSE(menu->text().contains(QStringLiteral("&S")));
}

TEST_CASE("A pain-rule stop says what next time holds and asks: go on, or end the session")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Ida")).ok());
    press(Qt::Key_Space);
    ratePain(2);
    SessionRunner *runner = app.window->runner();
    SessionScreen *screen = app.window->sessionScreen();
    const QString stopped = runner->state().plan.items.at(0).exercise.name;
    const QString next = runner->state().plan.items.at(1).exercise.name;
    REQUIRE(stopped == QStringLiteral("Half-kneeling hip flexor stretch")); // no easier step in its ladder
    press(Qt::Key_Space);
    REQUIRE(runner->state().stage == SessionStage::Holding);
    press(Qt::Key_3);
    press(Qt::Key_Return);
    REQUIRE(runner->state().stage == SessionStage::PainNotice);
    const QString notice = screen->noticeText();
    CHECK(
        notice.contains(QStringLiteral("Next time: %1 with a lighter dose, to be set by your therapist").arg(stopped)));
    CHECK_FALSE(notice.contains(QStringLiteral("go back a step: %1").arg(stopped)));
    CHECK(notice.contains(QStringLiteral("Go on to the next exercise, %1, or end the session?").arg(next)));
    press(Qt::Key_Space); // Space, as Enter: go on
    CHECK(runner->state().stage != SessionStage::PainNotice);
}

TEST_CASE("After a pain-rule stop, E ends the session through the engine's End")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Jo")).ok());
    press(Qt::Key_Space);
    ratePain(2);
    SessionRunner *runner = app.window->runner();
    press(Qt::Key_Space);
    press(Qt::Key_3);
    press(Qt::Key_Return);
    REQUIRE(runner->state().stage == SessionStage::PainNotice);
    SECTION("E")
    {
        press(Qt::Key_E);
    }
    SECTION("the End session button under the notice, as the notice's own")
    {
        QPushButton *end = nullptr;
        for (QPushButton *b : app.window->sessionScreen()->findChildren<QPushButton *>())
            if (b->text().startsWith(QStringLiteral("End session")))
                end = b;
        REQUIRE(end != nullptr);
        end->click();
        CHECK_FALSE(app.window->sessionScreen()->isConfirmingEnd());
    }
    REQUIRE(runner->state().stage == SessionStage::AskingPain);
    CHECK(runner->state().painPrompt == PainContext::AfterSession);
    ratePain(2);
    CHECK_FALSE(runner->isRunning());
    const auto events = app.store->events(runner->sessionId());
    REQUIRE(events.ok());
    CHECK(countEvents(*events, EventKind::ExerciseStarted) == 1); // the next exercise was not started
    CHECK(countEvents(*events, EventKind::SessionEnded) == 1);
    CHECK((*app.store->session(runner->sessionId()))->status == SessionStatus::Partial);
}

namespace {

/// The smallest point size among the visible labels of `screen` that name a key.
qreal smallestKeyText(QWidget *screen)
{
    static const QStringList keys{QStringLiteral("Space"), QStringLiteral("Enter"), QStringLiteral("Escape"),
                                  QStringLiteral("P:")};
    qreal smallest = 1000;
    int found = 0;
    for (QLabel *label : screen->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(screen) || label->text().isEmpty())
            continue;
        if (std::none_of(keys.begin(), keys.end(), [&](const QString &k) { return label->text().contains(k); }))
            continue;
        ++found;
        smallest = std::min(smallest, label->font().pointSizeF());
    }
    REQUIRE(found > 0);
    return smallest;
}

} // namespace

TEST_CASE("The key instructions are as large as the phase words, from the first question to the end")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Kim")).ok());
    press(Qt::Key_Space);
    SessionScreen *screen = app.window->sessionScreen();
    const qreal body = QApplication::font().pointSizeF();
    CHECK(smallestKeyText(screen) >= 1.8 * body); // the pain question's hint
    ratePain(1);
    REQUIRE(app.window->runner()->state().stage == SessionStage::Positioning);
    QLabel *phase = nullptr;
    for (QLabel *label : screen->findChildren<QLabel *>())
        if (label->isVisibleTo(screen) && label->text() == screen->stageText())
            phase = label;
    REQUIRE(phase != nullptr);
    CHECK(smallestKeyText(screen) >= phase->font().pointSizeF());
    press(Qt::Key_Escape);
    REQUIRE(screen->isConfirmingEnd());
    CHECK(smallestKeyText(screen) >= 1.8 * body);
    press(Qt::Key_Return);
    ratePain(1);
    REQUIRE_FALSE(app.window->runner()->isRunning());
    CHECK(smallestKeyText(screen) >= 1.8 * body);
}

TEST_CASE("Full screen for the session: F11 or the menu, remembered, taken at the start and left at the end")
{
    QSettings(settingsOrganization(), QCoreApplication::applicationName()).remove(QStringLiteral("session"));
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Lou")).ok());
    QAction *fullScreen = app.window->fullScreenAction();
    REQUIRE(fullScreen != nullptr);
    CHECK(fullScreen->isCheckable());
    CHECK_FALSE(fullScreen->isChecked());
    press(Qt::Key_F11);
    CHECK(fullScreen->isChecked());
    CHECK_FALSE(app.window->isFullScreen()); // Today stays as it was

    press(Qt::Key_Space); // start
    REQUIRE(app.window->isShowingSession());
    CHECK(app.window->isFullScreen());
    press(Qt::Key_F11); // off during the session: left at once
    CHECK_FALSE(app.window->isFullScreen());
    press(Qt::Key_F11);
    CHECK(app.window->isFullScreen());
    press(Qt::Key_Escape);
    press(Qt::Key_Return);
    ratePain(1);
    press(Qt::Key_Return); // back to Today
    REQUIRE_FALSE(app.window->isShowingSession());
    CHECK_FALSE(app.window->isFullScreen());

    app.close(); // remembered
    app.open();
    CHECK(app.window->fullScreenAction()->isChecked());
    CHECK(QSettings(settingsOrganization(), QCoreApplication::applicationName())
              .value(QStringLiteral("session/fullScreen"))
              .toBool());
}

TEST_CASE("Each exercise starts with its steps and the catalog's time to get into position")
{
    App app;
    REQUIRE(app.window->createProfile(QStringLiteral("Max")).ok());
    press(Qt::Key_Space);
    ratePain(1);
    SessionRunner *runner = app.window->runner();
    SessionScreen *screen = app.window->sessionScreen();
    REQUIRE(runner->state().stage == SessionStage::Positioning);
    const Exercise &first = runner->state().currentItem()->exercise;
    // Rehabit's default where the catalog gives none: 10 s, not 3.
    CHECK(first.positionSeconds == kDefaultPositionSeconds);
    CHECK(screen->countdownText() == QStringLiteral("0:%1").arg(kDefaultPositionSeconds));
    REQUIRE_FALSE(first.steps.isEmpty());
    CHECK(screen->stepsText().contains(first.steps.first().text));
    CHECK(screen->stepsText().contains(first.steps.last().text));
    press(Qt::Key_Space); // the hold starts: the steps give way to the countdown
    CHECK(screen->stepsText().isEmpty());
    // The next exercise shows its own steps the first time it comes.
    REQUIRE(stepUntilState(app, [&](const SessionState &s) {
        return s.progress.itemIndex == 1 && s.progress.exerciseOpen && s.progress.repsDone == 0;
    }));
    const Exercise &second = runner->state().currentItem()->exercise;
    CHECK(screen->stepsText().contains(second.steps.first().text));
}

TEST_CASE("Advised not to train today, Enter ends the session; exercising anyway takes A")
{
    App app;
    const auto profile = app.window->createProfile(QStringLiteral("Lea"));
    REQUIRE(profile.ok());
    // The pain-monitoring rule advises against a session that starts above 5.
    Program program = app.store->programs(*profile)->first();
    program.painRule = PainRuleKind::PainMonitoring;
    REQUIRE(app.store->updateProgram(program, QDateTime::currentDateTimeUtc()).ok());
    REQUIRE(app.window->switchProfile(*profile));
    press(Qt::Key_Space);
    ratePain(7);
    SessionRunner *runner = app.window->runner();
    REQUIRE(runner->state().stage == SessionStage::PainNotice);
    CHECK(app.window->sessionScreen()->noticeText().contains(QStringLiteral("End the session, or exercise anyway?")));

    SECTION("Enter takes the advice")
    {
        press(Qt::Key_Return);
        CHECK(runner->state().stage != SessionStage::Positioning);
        const auto events = app.store->events(runner->sessionId());
        REQUIRE(events.ok());
        CHECK(countEvents(*events, EventKind::ExerciseStarted) == 0);
    }
    SECTION("A exercises anyway")
    {
        press(Qt::Key_A);
        CHECK(runner->state().stage != SessionStage::PainNotice);
        CHECK(runner->state().stage != SessionStage::AskingPain);
    }
}
