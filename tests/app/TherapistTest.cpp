// The therapist's area on a real store: search and the patient list, add and
// archive, the program editor's edits with undo and redo saved to the store,
// the history of a known small history, and proposals decided.

#include "RehabitCatch.h"

#include "KnownHistory.h"

#include "catalog/CatalogModel.h"
#include "therapist/CustomExerciseDialog.h"
#include "therapist/HistoryView.h"
#include "therapist/PatientListModel.h"
#include "therapist/PrescriptionHistoryDialog.h"
#include "therapist/ProgramEditor.h"
#include "therapist/ProgramItemsModel.h"
#include "therapist/TherapistPage.h"

#include "rehabit/store/CatalogImport.h"
#include "rehabit/domain/ProgramTemplates.h"
#include "rehabit/store/Store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QLabel>
#include <QLineEdit>
#include <QDateEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QTreeView>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCharFormat>
#include <QUndoStack>

#include <functional>

using namespace rehabit;

namespace {

struct Clinic {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<TherapistPage> page;

    Clinic()
    {
        auto opened = openSqliteStore(dir.filePath(QStringLiteral("clinic.sqlite")));
        REQUIRE(opened.ok());
        store = std::move(opened).value();
        REQUIRE(importBundledCatalog(*store).ok());
    }
    qint64 addPatient(const QString &name, bool withProgram = true)
    {
        auto p = store->addPatient(name, QDateTime::currentDateTimeUtc().addDays(-20));
        REQUIRE(p.ok());
        if (withProgram) {
            auto exercises = store->exercises();
            REQUIRE(exercises.ok());
            REQUIRE(store->addProgram(ProgramTemplates::dailyProgram(p->id, *exercises, p->createdAt)).ok());
        }
        return p->id;
    }
    void show()
    {
        page = std::make_unique<TherapistPage>(*store);
        REQUIRE(page->reload().ok());
        page->resize(1200, 800);
        page->show();
        QApplication::setActiveWindow(page.get());
        REQUIRE(QTest::qWaitForWindowActive(page.get()));
    }
    Program storedProgram(qint64 id) const
    {
        auto p = store->program(id);
        REQUIRE(p.ok());
        REQUIRE(p->has_value());
        return **p;
    }
};

/// Writes the known history into the store for a patient; returns the program id.
qint64 writeKnownHistory(Store &store, qint64 patientId)
{
    Program p = knownhistory::program(patientId);
    p.id = 0;
    p.items[0].id = 0;
    auto program = store.addProgram(p);
    REQUIRE(program.ok());
    for (const knownhistory::Day &d : knownhistory::days()) {
        auto session = store.startSession(patientId, program->id, knownhistory::at(d.daysAgo, 9));
        REQUIRE(session.ok());
        for (SessionEvent e : knownhistory::events(d, program->items[0].id)) {
            e.sessionId = session->id;
            REQUIRE(store.appendEvent(e).ok());
        }
        REQUIRE(store
                    .finishSession(session->id, d.stop ? SessionStatus::Partial : SessionStatus::Completed,
                                   knownhistory::at(d.daysAgo, 10), d.stop)
                    .ok());
    }
    return program->id;
}

/// Answers the next modal dialog that opens, as a person would, with
/// `answer` (queued from a polling timer, so the dialog's own loop runs it).
void answerNextDialog(QObject *context, std::function<void(QWidget *)> answer)
{
    auto *timer = new QTimer(context);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer = std::move(answer)] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal)
            return;
        timer->stop();
        timer->deleteLater();
        answer(modal);
    });
    timer->start();
}

void clickInNextMessageBox(QObject *context, QMessageBox::StandardButton button)
{
    answerNextDialog(context, [button](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        CHECK(box != nullptr);
        if (box)
            box->button(button)->click();
    });
}

QStringList visibleNames(const TherapistPage &page)
{
    QStringList names;
    const QAbstractItemModel *m = page.patientProxy();
    for (int r = 0; r < m->rowCount(); ++r)
        names << m->index(r, PatientListModel::NameColumn).data().toString();
    return names;
}

} // namespace

TEST_CASE("therapist: the search narrows the patient list as you type", "[app][therapist]")
{
    Clinic c;
    c.addPatient(QStringLiteral("Demo Anna"));
    c.addPatient(QStringLiteral("Demo Bert"));
    c.addPatient(QStringLiteral("Carla Ruiz"));
    c.show();
    QAbstractItemModelTester tester(c.page->patientModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(c.page->patientProxy(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(visibleNames(*c.page)
          == QStringList{QStringLiteral("Carla Ruiz"), QStringLiteral("Demo Anna"), QStringLiteral("Demo Bert")});

    QTest::keyClick(c.page.get(), Qt::Key_F, Qt::ControlModifier);
    REQUIRE(QApplication::focusWidget() == c.page->searchEdit());
    QTest::keyClicks(c.page->searchEdit(), QStringLiteral("demo"));
    CHECK(visibleNames(*c.page) == QStringList{QStringLiteral("Demo Anna"), QStringLiteral("Demo Bert")});
    QTest::keyClicks(c.page->searchEdit(), QStringLiteral(" BE"));
    CHECK(visibleNames(*c.page) == QStringList{QStringLiteral("Demo Bert")});
    QTest::keyClick(c.page->searchEdit(), Qt::Key_Return);
    CHECK(c.page->patientView()->hasFocus());
    c.page->searchEdit()->clear();
    CHECK(visibleNames(*c.page).size() == 3);
}

TEST_CASE("therapist: add, rename and archive a patient; archived patients keep everything", "[app][therapist]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"));
    c.show();

    SECTION("an empty name is refused and nothing is added")
    {
        const auto added = c.page->addPatient(QStringLiteral("   "));
        REQUIRE_FALSE(added.ok());
        CHECK(added.error().message.contains(QStringLiteral("name")));
        CHECK(c.store->patients(true)->size() == 1);
    }

    const auto dora = c.page->addPatient(QStringLiteral("  Dora   Lind "));
    REQUIRE(dora.ok());
    CHECK(c.store->patient(*dora)->value().name == QStringLiteral("Dora Lind"));
    CHECK(c.page->currentPatient() == *dora);
    CHECK(visibleNames(*c.page).contains(QStringLiteral("Dora Lind")));

    REQUIRE(c.page->renameCurrentPatient(QStringLiteral("Dora Lindqvist")).ok());
    CHECK(c.store->patient(*dora)->value().name == QStringLiteral("Dora Lindqvist"));
    CHECK_FALSE(c.page->renameCurrentPatient(QString()).ok());
    CHECK(c.store->patient(*dora)->value().name == QStringLiteral("Dora Lindqvist"));

    REQUIRE(c.page->openPatient(anna));
    const int programsBefore = int(c.store->programs(anna)->size());
    REQUIRE(c.page->setCurrentArchived(true).ok());
    CHECK(c.store->patient(anna)->value().archived);
    CHECK_FALSE(visibleNames(*c.page).contains(QStringLiteral("Demo Anna")));
    CHECK(c.store->programs(anna)->size() == programsBefore); // nothing of theirs is deleted

    c.page->showArchivedBox()->setChecked(true);
    CHECK(visibleNames(*c.page).contains(QStringLiteral("Demo Anna (archived)")));
    REQUIRE(c.page->openPatient(anna));
    REQUIRE(c.page->setCurrentArchived(false).ok());
    CHECK_FALSE(c.store->patient(anna)->value().archived);
}

TEST_CASE("therapist: a dated note is kept; an empty one is refused", "[app][therapist]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"));
    c.show();
    REQUIRE(c.page->openPatient(anna));
    const QDate date = QDate::currentDate().addDays(-3);
    REQUIRE(c.page->addNote(date, QStringLiteral("  Hip flexor less tender.  ")).ok());
    CHECK_FALSE(c.page->addNote(date, QStringLiteral(" \n ")).ok());
    const auto notes = c.store->notes(anna);
    REQUIRE(notes.ok());
    REQUIRE(notes->size() == 1);
    CHECK(notes->first().body == QStringLiteral("Hip flexor less tender."));
    CHECK(notes->first().writtenAt.toLocalTime().date() == date);
    CHECK(c.page->notesList()->count() == 1);
}

TEST_CASE("therapist: a note is edited with F2 and deleted with Delete after asking; a refused edit changes nothing",
          "[app][therapist][notes]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"));
    c.show();
    REQUIRE(c.page->openPatient(anna));
    c.page->showNotesTab();
    const QDate older = QDate::currentDate().addDays(-10);
    const QDate newer = QDate::currentDate().addDays(-2);
    REQUIRE(c.page->addNote(older, QStringLiteral("Hip flexor tender on the left.")).ok());
    REQUIRE(c.page->addNote(newer, QStringLiteral("Bridge without pain.")).ok());
    const QList<PatientNote> before = *c.store->notes(anna); // oldest first
    REQUIRE(before.size() == 2);
    const PatientNote &olderNote = before[0];

    QListWidget *list = c.page->notesList();
    QPlainTextEdit *text = c.page->noteTextEdit();
    REQUIRE(list->count() == 2);
    list->setFocus();
    list->setCurrentRow(1); // newest first: the older note is the second row
    QTest::keyClick(list, Qt::Key_F2);
    REQUIRE(c.page->editedNote() == olderNote.id);
    CHECK(text->toPlainText() == olderNote.body);
    CHECK(c.page->noteDateEdit()->date() == older);
    CHECK(QApplication::focusWidget() == text);
    CHECK(c.page->noteButton()->text() == QStringLiteral("Save &changes"));

    SECTION("an empty body is refused with a message and the stored note stays as it was")
    {
        text->setPlainText(QStringLiteral(" \n "));
        c.page->noteDateEdit()->setDate(older.addDays(1));
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);
        CHECK(c.page->noteProblemLabel()->isVisibleTo(c.page.get()));
        CHECK(c.page->noteProblemLabel()->text().contains(QStringLiteral("not changed")));
        CHECK(c.page->noteProblemLabel()->text().contains(QStringLiteral("empty")));
        CHECK(*c.store->notes(anna) == before);
        CHECK(c.page->editedNote() == olderNote.id); // still editing: the therapist can fix it
        // Esc leaves the note as it is.
        QTest::keyClick(text, Qt::Key_Escape);
        CHECK(c.page->editedNote() == 0);
        CHECK(text->toPlainText().isEmpty());
        CHECK(c.page->noteButton()->text() == QStringLiteral("Add &note"));
        CHECK(*c.store->notes(anna) == before);
    }

    SECTION("the changed body and date reach the store; the other note stays")
    {
        text->setPlainText(QStringLiteral("  Hip flexor no longer tender.  "));
        c.page->noteDateEdit()->setDate(older.addDays(-3));
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);
        CHECK_FALSE(c.page->noteProblemLabel()->isVisibleTo(c.page.get()));
        const auto after = c.store->notes(anna);
        REQUIRE(after->size() == 2);
        CHECK(after->at(0).id == olderNote.id);
        CHECK(after->at(0).patientId == anna);
        CHECK(after->at(0).body == QStringLiteral("Hip flexor no longer tender."));
        CHECK(after->at(0).writtenAt.toLocalTime().date() == older.addDays(-3));
        CHECK(after->at(1) == before[1]);
        CHECK(c.page->editedNote() == 0);
        CHECK(text->toPlainText().isEmpty());
        REQUIRE(list->count() == 2);
        CHECK(list->currentItem()->text().contains(QStringLiteral("Hip flexor no longer tender.")));
    }

    SECTION("Delete asks first: Cancel keeps the note, Yes deletes it and ends its editing")
    {
        list->setFocus();
        list->setCurrentRow(1);
        clickInNextMessageBox(c.page.get(), QMessageBox::Cancel);
        QTest::keyClick(list, Qt::Key_Delete);
        CHECK(*c.store->notes(anna) == before);
        CHECK(list->count() == 2);

        // The page is the active window again once the question has closed.
        QApplication::setActiveWindow(c.page.get());
        REQUIRE(QTest::qWaitForWindowActive(c.page.get()));
        list->setFocus();
        clickInNextMessageBox(c.page.get(), QMessageBox::Yes);
        QTest::keyClick(list, Qt::Key_Delete);
        const auto after = c.store->notes(anna);
        REQUIRE(after->size() == 1);
        CHECK(after->first() == before[1]);
        CHECK(list->count() == 1);
        CHECK(c.page->editedNote() == 0);
        CHECK(text->toPlainText().isEmpty());
    }
}

TEST_CASE("therapist: program edits are undone and redone from the keyboard and saved to the store",
          "[app][therapist][program-editor]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"));
    c.show();
    REQUIRE(c.page->openPatient(anna));
    c.page->showProgramTab();
    ProgramEditor *editor = c.page->programEditor();
    ProgramItemsModel *model = editor->model();
    const Program original = model->program();
    REQUIRE(original.id != 0);
    QTableView *items = editor->itemsView();
    items->setFocus();
    items->setCurrentIndex(model->index(0, ProgramItemsModel::SetsColumn));

    // Alt+Down moves the first item down; Delete removes the (new) first one.
    QTest::keyClick(items, Qt::Key_Down, Qt::AltModifier);
    CHECK(model->program().items[1].exerciseId == original.items[0].exerciseId);
    items->setCurrentIndex(model->index(0, ProgramItemsModel::SetsColumn));
    QTest::keyClick(items, Qt::Key_Delete);
    CHECK(model->rowCount() == original.items.size() - 1);
    REQUIRE(model->setData(model->index(0, ProgramItemsModel::DaysPerWeekColumn), 3));
    CHECK(editor->hasUnsavedChanges());

    QTest::keyClick(items, Qt::Key_Z, Qt::ControlModifier);
    CHECK(model->program().items[0].rx.daysPerWeek == 7);
    QTest::keyClick(items, Qt::Key_Z, Qt::ControlModifier);
    CHECK(model->rowCount() == original.items.size());
    QTest::keyClick(items, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(model->rowCount() == original.items.size() - 1);
    QTest::keyClick(items, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(model->program().items[0].rx.daysPerWeek == 3);

    // Nothing reached the store before Save.
    CHECK(c.storedProgram(original.id).items.size() == original.items.size());
    QTest::keyClick(items, Qt::Key_S, Qt::ControlModifier);
    CHECK_FALSE(editor->hasUnsavedChanges());
    const Program saved = c.storedProgram(original.id);
    REQUIRE(saved.items.size() == original.items.size() - 1);
    CHECK(saved.items[0].rx.daysPerWeek == 3);
    CHECK(saved.items[0].id == original.items[0].id); // kept items keep their ids (history refers to them)

    SECTION("a program with problems is not saved, and the store keeps the last good one")
    {
        editor->nameEdit()->setText(QString());
        const auto result = editor->save();
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().text() == QStringLiteral("name: the program needs a name"));
        CHECK(editor->problemsText().contains(QStringLiteral("the program needs a name")));
        CHECK(c.storedProgram(original.id).name == original.name);
        CHECK(c.storedProgram(original.id).items == saved.items);
    }

    SECTION("a template replaces the items in one undo step")
    {
        editor->templateBox()->setCurrentIndex(
            editor->templateBox()->findText(QStringLiteral("Iliopsoas: hip strength")));
        REQUIRE(editor->applySelectedTemplate());
        CHECK(model->program().name == QStringLiteral("Iliopsoas: hip strength"));
        for (const ProgramItem &item : model->program().items)
            CHECK(model->exercise(item.exerciseId)->phase == Phase::HipStrength);
        REQUIRE(editor->save().ok());
        CHECK(c.storedProgram(original.id).items.size() == model->program().items.size());
        editor->undoStack()->undo();
        CHECK(model->rowCount() == original.items.size() - 1);
    }
}

TEST_CASE("therapist: a known history shows its figures, calendar and prescribed against done",
          "[app][therapist][history]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"), false);
    writeKnownHistory(*c.store, anna);
    c.show();
    REQUIRE(c.page->openPatient(anna));
    HistoryView *h = c.page->historyView();

    CHECK(h->doseTile()->text().contains(QStringLiteral(">18 %<"))); // 10 of 56 units
    CHECK(h->doseTile()->text().contains(QStringLiteral("last 7 days: 21 %")));
    CHECK(h->daysTile()->text().contains(QStringLiteral(">5 of 30<"))); // 3 session days, 2 next mornings
    CHECK(h->painTile()->text().contains(QStringLiteral(">2.0<")));
    // The stop 5 days ago and yesterday's worse next morning: the card counts the sessions of the flags list.
    CHECK(h->flagsTile()->text().contains(QStringLiteral(">2<")));
    REQUIRE(h->sessionModel()->rowCount() == 3);
    CHECK(h->painChart()->lines().at(0).points.size() == 3);

    const QDate flaggedDay = QDate::currentDate().addDays(-5);
    CHECK(h->calendar()->dateTextFormat(flaggedDay).fontWeight() == QFont::Bold);
    CHECK(h->calendar()->dateTextFormat(flaggedDay.addDays(1)).fontWeight() != QFont::Bold);
    REQUIRE(h->showDate(flaggedDay));
    REQUIRE(h->outcomeTable()->rowCount() == 1);
    CHECK(h->outcomeTable()->item(0, 2)->text() == QStringLiteral("2 of 4 (50 %)"));
    CHECK(h->outcomeTable()->item(0, 3)->text().contains(QStringLiteral("stopped by the pain rule")));
    CHECK_FALSE(h->showDate(flaggedDay.addDays(1)));

    REQUIRE(h->risesTable()->rowCount() == 1);
    CHECK(h->risesTable()->item(0, 2)->text() == QStringLiteral("1"));
    CHECK(h->flagsTable()->rowCount() == 2);
    CHECK(h->calendar()->dateTextFormat(QDate::currentDate().addDays(-1)).fontWeight() == QFont::Bold);
}

TEST_CASE("therapist: an accepted proposal is decided only with its saved change; Revert or undo leave it pending",
          "[app][therapist][proposals]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"));
    const Program program = c.store->programs(anna)->first();
    const auto bridge = std::find_if(program.items.cbegin(), program.items.cend(), [](const ProgramItem &i) {
        return i.exerciseId == QStringLiteral("marching-resisted-bridge");
    });
    REQUIRE(bridge != program.items.cend());
    // A session in which the pain rule stopped the bridge.
    auto session = c.store->startSession(anna, program.id, QDateTime::currentDateTimeUtc().addDays(-1));
    REQUIRE(session.ok());
    SessionEvent stop;
    stop.sessionId = session->id;
    stop.atMs = session->startedAt.toMSecsSinceEpoch() + 60'000;
    stop.kind = EventKind::PainStop;
    stop.programItemId = bridge->id;
    stop.exerciseId = bridge->exerciseId;
    stop.pain = 4;
    stop.detail = toCode(PainStopReason::RoseAboveStart);
    REQUIRE(c.store->appendEvent(stop).ok());
    REQUIRE(c.store->finishSession(session->id, SessionStatus::Partial, session->startedAt.addSecs(600), true).ok());
    Proposal regress;
    regress.programItemId = bridge->id;
    regress.sessionId = session->id;
    regress.kind = ProposalKind::Regress;
    regress.reason = QStringLiteral("The pain rule stopped the bridge.");
    regress.createdAt = session->startedAt.addSecs(600);
    REQUIRE(c.store->addProposal(regress).ok());
    Proposal progress = regress;
    progress.programItemId = program.items.first().id;
    progress.kind = ProposalKind::Progress;
    progress.reason = QStringLiteral("Done without pain.");
    REQUIRE(c.store->addProposal(progress).ok());

    c.show();
    REQUIRE(c.page->openPatient(anna));
    HistoryView *h = c.page->historyView();
    REQUIRE(h->proposalsTable()->rowCount() == 2);
    CHECK(h->flagsTile()->text().contains(QStringLiteral("2 pending proposal")));

    const qint64 regressId = h->pendingProposals().at(0).id;
    REQUIRE(h->decide(0, ProposalStatus::Accepted).ok());
    // Go back a step: the isometric hold is already in the program, so the bridge leaves it, unsaved until Save.
    ProgramEditor *editor = c.page->programEditor();
    CHECK(c.page->tabs()->currentIndex() == 1);
    CHECK(editor->hasUnsavedChanges());
    CHECK(editor->model()->rowCount() == program.items.size() - 1);
    CHECK(editor->model()->acceptedProposals() == QList<qint64>{regressId});
    CHECK(c.storedProgram(program.id).items.size() == program.items.size());
    // Nothing is decided before the change is saved; the list says where the proposal is.
    CHECK(c.store->proposals(anna, ProposalStatus::Pending)->size() == 2);
    CHECK(h->proposalsTable()->item(0, 2)->text().contains(QStringLiteral("accepted in the editor, not saved")));
    CHECK_FALSE(h->proposalsTable()->item(1, 2)->text().contains(QStringLiteral("accepted in the editor")));

    SECTION("Revert leaves the program and the proposal as they were")
    {
        editor->revert();
        CHECK_FALSE(editor->hasUnsavedChanges());
        CHECK(editor->model()->acceptedProposals().isEmpty());
        CHECK(c.store->proposals(anna, ProposalStatus::Pending)->size() == 2);
        CHECK(c.store->proposals(anna, ProposalStatus::Accepted)->isEmpty());
        CHECK(h->proposalsTable()->rowCount() == 2);
        CHECK_FALSE(h->proposalsTable()->item(0, 2)->text().contains(QStringLiteral("accepted in the editor")));
        CHECK(c.storedProgram(program.id).items.size() == program.items.size());
    }
    SECTION("undoing the accepted change takes the acceptance back too")
    {
        editor->model()->undoStack()->undo();
        CHECK(editor->model()->acceptedProposals().isEmpty());
        CHECK(editor->model()->rowCount() == program.items.size());
        editor->model()->undoStack()->redo();
        CHECK(editor->model()->acceptedProposals() == QList<qint64>{regressId});
    }
    SECTION("Save stores the change and the decision together")
    {
        REQUIRE(editor->save().ok());
        CHECK(c.storedProgram(program.id).items.size() == program.items.size() - 1);
        const auto accepted = c.store->proposals(anna, ProposalStatus::Accepted);
        REQUIRE(accepted->size() == 1);
        CHECK(accepted->first().id == regressId);
        CHECK(accepted->first().decidedAt.isValid());
        CHECK(h->proposalsTable()->rowCount() == 1);
        CHECK(editor->model()->acceptedProposals().isEmpty());

        REQUIRE(h->decide(0, ProposalStatus::Declined).ok());
        CHECK(c.store->proposals(anna, ProposalStatus::Declined)->size() == 1);
        CHECK(c.store->proposals(anna, ProposalStatus::Pending)->isEmpty());
        CHECK(h->proposalsTable()->rowCount() == 0);
        CHECK_FALSE(h->decide(0, ProposalStatus::Declined).ok());
    }
}

TEST_CASE("therapist: a custom exercise is checked like a catalog entry and stored as the therapist's own",
          "[app][therapist][program-editor]")
{
    Clinic c;
    const auto before = c.store->exercises();
    REQUIRE(before.ok());
    CustomExerciseDialog dialog(*c.store, *before);
    dialog.nameEdit()->setText(QStringLiteral("Standing hip flexor march"));

    SECTION("no steps: refused with the field, nothing stored")
    {
        const auto result = dialog.saveExercise();
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().location.startsWith(QStringLiteral("steps")));
        CHECK(dialog.problemLabel()->text().contains(QStringLiteral("steps")));
        CHECK(c.store->exercises()->size() == before->size());
    }

    dialog.stepsEdit()->setPlainText(
        QStringLiteral("Stand tall, hands on hips | Tall\nLift one knee to hip height | Lift"));
    const auto saved = dialog.saveExercise();
    REQUIRE(saved.ok());
    CHECK(saved->id == QStringLiteral("own-standing-hip-flexor-march"));
    const auto stored = c.store->exercise(saved->id);
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK((*stored)->origin == ExerciseOrigin::Custom);
    CHECK((*stored)->steps.size() == 2);
    CHECK((*stored)->steps[1].cue == QStringLiteral("Lift"));
    CHECK((*stored)->dosage.reps == Range{8, 15, 10});
}

TEST_CASE("therapist: a custom exercise is edited from the catalog under its id; bundled ones are not editable",
          "[app][therapist][program-editor]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"));
    const auto catalog = c.store->exercises();
    REQUIRE(catalog.ok());
    Exercise own;
    {
        CustomExerciseDialog dialog(*c.store, *catalog);
        dialog.nameEdit()->setText(QStringLiteral("Standing hip flexor march"));
        dialog.stepsEdit()->setPlainText(
            QStringLiteral("Stand tall, hands on hips | Tall\nLift one knee to hip height"));
        auto saved = dialog.saveExercise();
        REQUIRE(saved.ok());
        own = *saved;
    }
    const int count = int(c.store->exercises()->size());

    SECTION("the dialog shows the stored exercise field for field; a refused change writes nothing")
    {
        CustomExerciseDialog dialog(*c.store, *c.store->exercises());
        dialog.editExercise(own);
        CHECK(dialog.windowTitle() == QStringLiteral("Edit custom exercise"));
        CHECK(dialog.exerciseFromFields() == own);
        dialog.stepsEdit()->clear();
        const auto refused = dialog.saveExercise();
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().location.startsWith(QStringLiteral("steps")));
        CHECK(c.store->exercise(own.id)->value() == own);
    }

    c.show();
    REQUIRE(c.page->openPatient(anna));
    c.page->showProgramTab();
    ProgramEditor *editor = c.page->programEditor();
    QTreeView *view = editor->catalogView();
    const auto *catalogModel = qobject_cast<CatalogModel *>(view->model());
    REQUIRE(catalogModel != nullptr);
    view->setFocus();

    const Exercise &bundled = catalog->first();
    REQUIRE(bundled.origin == ExerciseOrigin::Bundled);
    view->setCurrentIndex(catalogModel->indexOf(bundled.id));
    CHECK_FALSE(editor->editCustomButton()->isEnabled());
    CHECK_FALSE(editor->editSelectedCustomExercise());

    view->setCurrentIndex(catalogModel->indexOf(own.id));
    CHECK(editor->editCustomButton()->isEnabled());
    bool answered = false;
    answerNextDialog(c.page.get(), [&](QWidget *modal) {
        auto *dialog = qobject_cast<CustomExerciseDialog *>(modal);
        CHECK(dialog != nullptr);
        if (!dialog)
            return;
        answered = true;
        CHECK(dialog->nameEdit()->text() == own.name);
        CHECK(dialog->stepsEdit()->toPlainText()
              == QStringLiteral("Stand tall, hands on hips | Tall\nLift one knee to hip height"));
        dialog->nameEdit()->setText(QStringLiteral("Slow standing march"));
        dialog->mistakesEdit()->setPlainText(QStringLiteral("Leaning back"));
        dialog->accept();
    });
    QTest::keyClick(view, Qt::Key_F2);
    CHECK(answered);

    const auto stored = c.store->exercise(own.id);
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK((*stored)->name == QStringLiteral("Slow standing march"));
    CHECK((*stored)->mistakes == QStringList{QStringLiteral("Leaning back")});
    CHECK((*stored)->steps == own.steps);
    CHECK((*stored)->origin == ExerciseOrigin::Custom);
    CHECK(int(c.store->exercises()->size()) == count); // the same exercise, no new one
    CHECK(view->currentIndex().data(CatalogModel::ExerciseIdRole).toString() == own.id);
    CHECK(view->currentIndex().data().toString().contains(QStringLiteral("Slow standing march")));
}

TEST_CASE("therapist: a program is stopped and restarted, its history kept; every prescription it had is listed",
          "[app][therapist][program-editor]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"));
    c.show();
    REQUIRE(c.page->openPatient(anna));
    c.page->showProgramTab();
    ProgramEditor *editor = c.page->programEditor();
    ProgramItemsModel *model = editor->model();
    const Program original = model->program();
    REQUIRE(original.active);
    CHECK(c.page->stopProgramButton()->text().remove(u'&').contains(QStringLiteral("Stop")));

    SECTION("unsaved changes: refused, nothing stored")
    {
        REQUIRE(model->setData(model->index(0, ProgramItemsModel::DaysPerWeekColumn), 3));
        const auto refused = c.page->setEditedProgramActive(false);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().text().contains(QStringLiteral("not saved")));
        CHECK(c.storedProgram(original.id).active);
    }
    SECTION("stopped, then restarted")
    {
        REQUIRE(c.page->setEditedProgramActive(false).ok());
        CHECK_FALSE(c.storedProgram(original.id).active);
        CHECK_FALSE(model->program().active);
        CHECK(c.page->stopProgramButton()->text().remove(u'&').contains(QStringLiteral("Restart")));
        CHECK(c.page->programBox()->currentText().contains(QStringLiteral("stopped")));
        // Saving another edit keeps it stopped.
        REQUIRE(model->setData(model->index(0, ProgramItemsModel::DaysPerWeekColumn), 3));
        REQUIRE(editor->save().ok());
        CHECK_FALSE(c.storedProgram(original.id).active);
        REQUIRE(c.page->setEditedProgramActive(true).ok());
        CHECK(c.storedProgram(original.id).active);
        CHECK(c.storedProgram(original.id).items.size() == original.items.size());
    }
    SECTION("the prescription history lists the first doses and each change, newest first")
    {
        REQUIRE(model->setData(model->index(0, ProgramItemsModel::SetsColumn), original.items[0].rx.sets + 1));
        REQUIRE(editor->save().ok());
        const auto versions = c.store->programItemVersions(original.id);
        REQUIRE(versions.ok());
        const auto changes = prescriptionChanges(*versions, *c.store->exercises());
        REQUIRE(changes.size() == original.items.size() + 1);
        CHECK(changes.first().what == QStringLiteral("dose changed"));
        CHECK(changes.first().programItemId == original.items[0].id);
        CHECK(changes.first().dose.startsWith(QString::number(original.items[0].rx.sets + 1)));
        CHECK(std::count_if(changes.cbegin(), changes.cend(),
                            [](const PrescriptionChange &ch) { return ch.what == QStringLiteral("added"); })
              == original.items.size());
        PrescriptionHistoryDialog dialog(original.name, changes);
        CHECK(dialog.table()->rowCount() == changes.size());
        CHECK(dialog.windowTitle().contains(original.name));
    }
}

TEST_CASE("therapist: Edit > Undo takes back a rename, an archive, a note's edit and a note's deletion",
          "[app][therapist][undo]")
{
    Clinic c;
    const qint64 anna = c.addPatient(QStringLiteral("Demo Anna"));
    c.show();
    REQUIRE(c.page->openPatient(anna));
    c.page->showHistoryTab();
    QAction *undo = c.page->pageActions().undo;
    QAction *redo = c.page->pageActions().redo;
    const auto name = [&] { return c.store->patient(anna)->value().name; };

    SECTION("a rename, undone and redone")
    {
        REQUIRE(c.page->renameCurrentPatient(QStringLiteral("Anna Berg")).ok());
        REQUIRE(undo->isEnabled());
        CHECK(undo->text().contains(QStringLiteral("Anna Berg")));
        undo->trigger();
        CHECK(name() == QStringLiteral("Demo Anna"));
        CHECK(visibleNames(*c.page).contains(QStringLiteral("Demo Anna")));
        redo->trigger();
        CHECK(name() == QStringLiteral("Anna Berg"));
    }
    SECTION("an archive, undone")
    {
        REQUIRE(c.page->setCurrentArchived(true).ok());
        undo->trigger();
        CHECK_FALSE(c.store->patient(anna)->value().archived);
        CHECK(visibleNames(*c.page).contains(QStringLiteral("Demo Anna")));
    }
    SECTION("a note's edit and its deletion, undone")
    {
        c.page->showNotesTab();
        REQUIRE(c.page->addNote(QDate(2026, 11, 2), QStringLiteral("First visit")).ok());
        const qint64 note = c.store->notes(anna)->first().id;
        REQUIRE(c.page->editNote(note, QDate(2026, 11, 2), QStringLiteral("First visit, left hip")).ok());
        undo->trigger();
        CHECK(c.store->notes(anna)->first().body == QStringLiteral("First visit"));
        REQUIRE(c.page->deleteNote(note).ok());
        CHECK(c.store->notes(anna)->isEmpty());
        undo->trigger();
        REQUIRE(c.store->notes(anna)->size() == 1);
        CHECK(c.store->notes(anna)->first().body == QStringLiteral("First visit"));
        CHECK(c.store->notes(anna)->first().writtenAt.toLocalTime().date() == QDate(2026, 11, 2));
        CHECK(c.page->notesList()->count() == 1);
    }
    SECTION("on the Program tab, Undo is the program editor's")
    {
        REQUIRE(c.page->renameCurrentPatient(QStringLiteral("Anna Berg")).ok());
        c.page->showProgramTab();
        CHECK(c.page->undoStack() == c.page->programEditor()->undoStack());
        CHECK_FALSE(undo->isEnabled());
        c.page->showHistoryTab();
        CHECK(undo->isEnabled());
    }
}
