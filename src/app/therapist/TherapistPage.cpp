#include "therapist/TherapistPage.h"

#include "therapist/HistoryView.h"
#include "therapist/PatientListModel.h"
#include "therapist/PrescriptionHistoryDialog.h"
#include "therapist/RecordCommands.h"
#include "therapist/ProgramEditor.h"
#include "therapist/ProgramItemsModel.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Store.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextCursor>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace rehabit {

TherapistPage::TherapistPage(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new PatientListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit)
    , m_showArchived(new QCheckBox(tr("Show arc&hived")))
    , m_patients(new QTableView)
    , m_archive(new QPushButton(tr("Archi&ve")))
    , m_heading(new QLabel)
    , m_tabs(new QTabWidget)
    , m_editor(new ProgramEditor(store))
    , m_programs(new QComboBox)
    , m_notes(new QListWidget)
    , m_noteDate(new QDateEdit)
    , m_noteText(new QPlainTextEdit)
    , m_noteButton(new QPushButton(tr("Add &note")))
    , m_cancelNoteEdit(new QPushButton(tr("Cancel editing")))
    , m_noteProblem(new QLabel)
{
    QWidget *leftPane = buildPatientList();
    QWidget *programPage = buildProgramTab();
    QWidget *notesPage = buildNotesTab();
    QWidget *rightPane = buildPatientPane(programPage, notesPage);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("therapistSplitter"));
    split->addWidget(leftPane);
    split->addWidget(rightPane);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    split->setSizes({480, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_recordUndo = new QUndoStack(this);
    m_undoGroup = new QUndoGroup(this);
    m_undoGroup->addStack(m_editor->undoStack());
    m_undoGroup->addStack(m_recordUndo);
    m_undoGroup->setActiveStack(m_recordUndo);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this](int index) { m_undoGroup->setActiveStack(index == 1 ? m_editor->undoStack() : m_recordUndo); });
    createActions();

    const auto exercises = m_editor->reloadExercises();
    if (!exercises)
        m_heading->setText(exercises.error().text());
}

/// The left pane: search, the patient list, "show archived" and the list's buttons.
QWidget *TherapistPage::buildPatientList()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(PatientListModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(PatientListModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_search->setPlaceholderText(tr("Search patients (Ctrl+F)"));
    // The clear button comes with the page's first show (showEvent): its icon
    // is a lookup in the desktop's icon theme that start-up need not wait for.
    m_search->setAccessibleName(tr("Search patients"));
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.simplified());
        if (m_proxy->rowCount() > 0 && !m_patients->currentIndex().isValid())
            m_patients->setCurrentIndex(m_proxy->index(0, 0));
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() > 0) {
            if (!m_patients->currentIndex().isValid())
                m_patients->setCurrentIndex(m_proxy->index(0, 0));
            m_patients->setFocus();
        }
    });
    m_patients->setModel(m_proxy);
    m_patients->setSortingEnabled(true);
    m_patients->sortByColumn(PatientListModel::NameColumn, Qt::AscendingOrder);
    m_patients->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_patients->setSelectionMode(QAbstractItemView::SingleSelection);
    m_patients->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_patients->verticalHeader()->setVisible(false);
    // Every column as wide as its header or values, names whole; the last one takes what is left.
    m_patients->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_patients->horizontalHeader()->setStretchLastSection(true);
    m_patients->verticalHeader()->setDefaultSectionSize(m_patients->fontMetrics().height() + 8);
    m_patients->setAccessibleName(tr("Patients"));
    m_patients->setMinimumWidth(200);
    connect(m_patients->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showPatient(current.data(PatientListModel::PatientIdRole).toLongLong());
            });
    connect(m_showArchived, &QCheckBox::toggled, this, [this] { (void)reload(); });

    auto *add = new QPushButton(tr("&Add\u2026"));
    add->setToolTip(tr("A new patient (Ctrl+Shift+N)"));
    auto *rename = new QPushButton(tr("Re&name\u2026"));
    rename->setToolTip(tr("F2"));
    connect(add, &QPushButton::clicked, this, &TherapistPage::askAddPatient);
    connect(rename, &QPushButton::clicked, this, &TherapistPage::askRename);
    connect(m_archive, &QPushButton::clicked, this, &TherapistPage::askArchive);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(rename);
    listButtons->addWidget(m_archive);
    auto *left = new QVBoxLayout;
    left->setContentsMargins(0, 0, 0, 0);
    left->addWidget(m_search);
    left->addWidget(m_patients, 1);
    left->addWidget(m_showArchived);
    left->addLayout(listButtons);
    auto *leftPane = new QWidget;
    leftPane->setLayout(left);
    return leftPane;
}

/// The Program tab: the program chooser and the program editor.
QWidget *TherapistPage::buildProgramTab()
{
    auto *programLabel = new QLabel(tr("Pro&gram:"));
    programLabel->setBuddy(m_programs);
    m_programs->setAccessibleName(tr("Program"));
    m_programs->setMinimumContentsLength(24);
    auto *newProgram = new QPushButton(tr("Ne&w program"));
    connect(m_programs, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_programs->itemData(index).toLongLong();
        if (id == m_editor->model()->program().id)
            return;
        if (!confirmLeaveProgram() || !editProgram(id)) {
            m_programs->setCurrentIndex(m_programs->findData(m_editor->model()->program().id));
        }
    });
    connect(newProgram, &QPushButton::clicked, this, [this] {
        if (m_patientId && confirmLeaveProgram())
            m_editor->editNewProgram(m_patientId);
    });
    connect(m_editor, &ProgramEditor::saved, this, [this](const Program &program) {
        reloadPrograms();
        m_programs->setCurrentIndex(m_programs->findData(program.id));
        if (m_history)
            (void)m_history->reload();
        (void)reload();
    });
    m_stopProgram = new QPushButton(tr("S&top program\u2026"));
    m_stopProgram->setToolTip(tr("A stopped program is no longer done or printed; its history stays, and it can be "
                                 "restarted"));
    m_prescriptionHistory = new QPushButton(tr("Prescription &history\u2026"));
    m_prescriptionHistory->setToolTip(tr("Every dose this program's exercises have had"));
    connect(m_stopProgram, &QPushButton::clicked, this, &TherapistPage::askStopOrRestartProgram);
    connect(m_prescriptionHistory, &QPushButton::clicked, this, &TherapistPage::showPrescriptionHistory);
    const auto showProgramState = [this] {
        const Program &p = m_editor->model()->program();
        m_stopProgram->setText(p.active ? tr("S&top program\u2026") : tr("Res&tart program"));
        m_stopProgram->setEnabled(p.id != 0);
        m_prescriptionHistory->setEnabled(p.id != 0);
    };
    connect(m_editor->model(), &ProgramItemsModel::settingsChanged, this, showProgramState);
    showProgramState();
    auto *programTop = new QHBoxLayout;
    programTop->addWidget(programLabel);
    programTop->addWidget(m_programs, 1);
    programTop->addWidget(newProgram);
    programTop->addWidget(m_stopProgram);
    programTop->addWidget(m_prescriptionHistory);
    auto *programPage = new QWidget;
    auto *programLayout = new QVBoxLayout(programPage);
    programLayout->addLayout(programTop);
    programLayout->addWidget(m_editor, 1);
    return programPage;
}

/// What the history's proposals do to the list and the program editor.
void TherapistPage::connectHistory()
{
    connect(m_history, &HistoryView::proposalDecided, this, [this] { (void)reload(); });
    connect(m_history, &HistoryView::changeAccepted, this,
            [this](const ProgressionProposal &change, qint64 proposalId) {
                if (m_editor->model()->program().id != change.programId
                    && !(confirmLeaveProgram() && editProgram(change.programId)))
                    return;
                m_editor->model()->applyProposal(change, proposalId);
                showProgramTab();
            });
    connect(m_editor->model(), &ProgramItemsModel::acceptedProposalsChanged, m_history,
            [this] { m_history->setProposalsInEditor(m_editor->model()->acceptedProposals()); });
}

/// The right pane: the patient's name over the History, Program and Notes tabs.
QWidget *TherapistPage::buildPatientPane(QWidget *programPage, QWidget *notesPage)
{
    // On a small screen the history scrolls rather than forcing a large window.
    // The history itself is made when the page is first shown (historyView()).
    m_historyScroll = new QScrollArea;
    m_historyScroll->setWidgetResizable(true);
    m_historyScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(m_historyScroll, tr("&History"));
    m_tabs->addTab(programPage, tr("Pro&gram"));
    m_tabs->addTab(notesPage, tr("N&otes"));

    QFont big = m_heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_heading->setFont(big);
    auto *right = new QVBoxLayout;
    right->setContentsMargins(0, 0, 0, 0);
    right->addWidget(m_heading);
    right->addWidget(m_tabs, 1);
    auto *rightPane = new QWidget;
    rightPane->setLayout(right);
    return rightPane;
}

TherapistPage::Actions TherapistPage::newActions(QObject *parent)
{
    const auto action = [parent](const QString &text, const QList<QKeySequence> &keys) {
        auto *a = new QAction(text, parent);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        return a;
    };
    Actions a{};
    a.addPatient = action(tr("&New patient\u2026"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)});
    // The main window's File menu offers it everywhere.
    a.addPatient->setShortcutContext(Qt::WindowShortcut);
    a.addPatient->setStatusTip(tr("A therapist's patient, listed in the Patients tab, whose program you write there "
                                  "(someone who trains on this computer is File > New profile)"));
    a.find = action(tr("&Find patient"), {QKeySequence::Find});
    // These two keys belong to the patient list (F2 edits a cell in the program editor).
    a.rename = action(tr("&Rename patient\u2026"), {QKeySequence(Qt::Key_F2)});
    a.archive = action(tr("&Archive or restore patient\u2026"), {QKeySequence(Qt::CTRL | Qt::Key_Delete)});
    a.rename->setShortcutContext(Qt::WidgetShortcut);
    a.archive->setShortcutContext(Qt::WidgetShortcut);
    a.saveProgram = ProgramEditor::newSaveAction(parent);
    a.undo = action(tr("&Undo"), {QKeySequence::Undo});
    a.redo = action(tr("&Redo"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    a.undo->setEnabled(false);
    a.redo->setEnabled(false);
    a.history = action(tr("Patient &history"), {QKeySequence(Qt::ALT | Qt::Key_1)});
    a.program = action(tr("Patient &program"), {QKeySequence(Qt::ALT | Qt::Key_2)});
    a.notes = action(tr("Patient n&otes"), {QKeySequence(Qt::ALT | Qt::Key_3)});
    return a;
}

/// The page's commands (pageActions()) and the undo actions' state.
void TherapistPage::createActions()
{
    QAction *editorSave = m_editor->saveAction();
    m_actions = newActions(this);
    delete std::exchange(m_actions.saveProgram, editorSave);
    const auto connectAction = [this](QAction *a, QWidget *owner, auto slot) {
        connect(a, &QAction::triggered, this, slot);
        owner->addAction(a);
    };
    connectAction(m_actions.addPatient, this, [this] { askAddPatient(); });
    connectAction(m_actions.find, this, [this] { focusSearch(); });
    connectAction(m_actions.rename, m_patients, [this] { askRename(); });
    connectAction(m_actions.archive, m_patients, [this] { askArchive(); });
    connectAction(m_actions.undo, this, [this] { undoStack()->undo(); });
    connectAction(m_actions.redo, this, [this] { undoStack()->redo(); });
    connectAction(m_actions.history, this, [this] { showHistoryTab(); });
    connectAction(m_actions.program, this, [this] { showProgramTab(); });
    connectAction(m_actions.notes, this, [this] { showNotesTab(); });
    const auto showUndoState = [this] {
        m_actions.undo->setEnabled(undoStack()->canUndo());
        m_actions.undo->setText(undoStack()->canUndo() ? tr("&Undo %1").arg(undoStack()->undoText()) : tr("&Undo"));
        m_actions.redo->setEnabled(undoStack()->canRedo());
        m_actions.redo->setText(undoStack()->canRedo() ? tr("&Redo %1").arg(undoStack()->redoText()) : tr("&Redo"));
    };
    connect(m_undoGroup, &QUndoGroup::indexChanged, this, showUndoState);
    connect(m_undoGroup, &QUndoGroup::cleanChanged, this, showUndoState);
    connect(m_undoGroup, &QUndoGroup::activeStackChanged, this, showUndoState);
    showUndoState();
}

HistoryView *TherapistPage::historyView()
{
    if (!m_history) {
        m_history = new HistoryView(m_store);
        m_history->setBackgroundLoading(m_historyInBackground);
        connectHistory();
        m_historyScroll->setWidget(m_history);
        if (m_patientId)
            (void)m_history->showPatient(m_patientId); // a read error is shown in the history itself
    }
    return m_history;
}

void TherapistPage::setHistoryBackgroundLoading(bool on)
{
    m_historyInBackground = on;
    if (m_history)
        m_history->setBackgroundLoading(on);
}

void TherapistPage::showEvent(QShowEvent *event)
{
    m_search->setClearButtonEnabled(true);
    historyView();
    QWidget::showEvent(event);
}

QUndoStack *TherapistPage::undoStack() const
{
    return m_undoGroup->activeStack() ? m_undoGroup->activeStack() : m_recordUndo;
}

TherapistPage::~TherapistPage()
{
    // The editor's stack goes with the editor, before the group: nothing may
    // follow the group's or the tabs' signals while the page comes apart.
    m_undoGroup->disconnect(this);
    m_tabs->disconnect(this);
    delete m_undoGroup;
}

RecordCommandHooks TherapistPage::recordHooks()
{
    return {[this](qint64 patientId) {
                (void)reload();
                if (patientId == m_patientId) {
                    const int row = m_model->rowOf(patientId);
                    if (const PatientSummary *s = row >= 0 ? m_model->summary(m_model->index(row, 0)) : nullptr) {
                        m_heading->setText(s->patient.name);
                        m_archive->setText(s->patient.archived ? tr("Resto&re") : tr("Archi&ve"));
                    }
                    reloadNotes();
                }
                Q_EMIT patientsChanged();
            },
            [this](const QString &title, const Error &error) { showError(title, error); }};
}

void TherapistPage::showError(const QString &title, const Error &error)
{
    QMessageBox::warning(this, title, error.text());
}

Result<void> TherapistPage::reload()
{
    auto patients = m_store.patientSummaries(m_showArchived->isChecked());
    if (!patients)
        return patients.error();
    const qint64 keep = m_patientId;
    m_model->setPatients(*patients);
    const int row = m_model->rowOf(keep);
    if (row >= 0) {
        const QModelIndex at = m_proxy->mapFromSource(m_model->index(row, 0));
        const QSignalBlocker block(m_patients->selectionModel());
        m_patients->setCurrentIndex(at);
    } else if (m_proxy->rowCount() > 0) {
        m_patients->setCurrentIndex(m_proxy->index(0, 0));
    } else {
        showPatient(0);
    }
    return {};
}

bool TherapistPage::openPatient(qint64 patientId)
{
    const int row = m_model->rowOf(patientId);
    if (row < 0)
        return false;
    const QModelIndex at = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!at.isValid()) {
        m_search->clear();
        return openPatient(patientId);
    }
    m_patients->setCurrentIndex(at);
    if (m_patientId != patientId)
        showPatient(patientId);
    return m_patientId == patientId;
}

bool TherapistPage::confirmLeaveProgram()
{
    if (!m_editor->hasUnsavedChanges())
        return true;
    const auto answer =
        QMessageBox::question(this, tr("Unsaved program changes"),
                              tr("The program \u201c%1\u201d has changes that are not saved. Save them now?")
                                  .arg(m_editor->model()->program().name),
                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        if (auto saved = m_editor->save(); !saved) {
            showProgramTab();
            showError(tr("The program was not saved"), saved.error());
            return false;
        }
    }
    return true;
}

void TherapistPage::showPatient(qint64 patientId)
{
    if (patientId == m_patientId && patientId != 0)
        return;
    if (!confirmLeaveProgram()) {
        // Stay on the patient whose program is being edited.
        const int row = m_model->rowOf(m_patientId);
        const QSignalBlocker block(m_patients->selectionModel());
        if (row >= 0)
            m_patients->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
        return;
    }
    m_patientId = patientId;
    const int row = m_model->rowOf(patientId);
    const PatientSummary *s = row >= 0 ? m_model->summary(m_model->index(row, 0)) : nullptr;
    m_heading->setText(s ? s->patient.name : tr("No patient chosen"));
    m_archive->setText(s && s->patient.archived ? tr("Resto&re") : tr("Archi&ve"));
    m_tabs->setEnabled(s != nullptr);
    if (m_history)
        (void)m_history->showPatient(patientId); // a read error is shown in the history itself
    reloadPrograms();
    if (m_programs->count() > 0)
        editProgram(m_programs->itemData(0).toLongLong());
    else
        m_editor->editNewProgram(patientId);
    cancelEditingNote();
    reloadNotes();
}

void TherapistPage::reloadPrograms()
{
    m_programs->clear();
    if (!m_patientId)
        return;
    const auto programs = m_store.programs(m_patientId);
    if (!programs) {
        showError(tr("Cannot read the programs"), programs.error());
        return;
    }
    // Active programs first, newest first within each group.
    QList<Program> sorted = *programs;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Program &a, const Program &b) {
        if (a.active != b.active)
            return a.active;
        return a.createdAt > b.createdAt;
    });
    for (const Program &p : sorted) {
        const QString since = QLocale().toString(p.createdAt.toLocalTime().date(), QLocale::ShortFormat);
        m_programs->addItem(p.active ? tr("%1 (since %2)").arg(p.name, since) : tr("%1 (stopped)").arg(p.name), p.id);
    }
}

Result<void> TherapistPage::setEditedProgramActive(bool active)
{
    const Program &edited = m_editor->model()->program();
    if (edited.id == 0)
        return Error{tr("Save the new program first."), {}};
    if (m_editor->hasUnsavedChanges())
        return Error{tr("The program has changes that are not saved: save or revert them first."), {}};
    const auto stored = m_store.setProgramActive(edited.id, active, Clock::nowUtc());
    if (!stored)
        return stored.error();
    reloadPrograms();
    m_editor->editProgram(*stored);
    m_programs->setCurrentIndex(m_programs->findData(stored->id));
    if (m_history)
        (void)m_history->reload();
    return reload();
}

void TherapistPage::askStopOrRestartProgram()
{
    const Program &p = m_editor->model()->program();
    if (p.active
        && QMessageBox::question(this, tr("Stop the program"),
                                 tr("Stop \u201c%1\u201d? It is no longer done or printed from today; everything "
                                    "logged stays, and you can restart it here.")
                                     .arg(p.name))
               != QMessageBox::Yes)
        return;
    if (auto r = setEditedProgramActive(!p.active); !r)
        showError(p.active ? tr("The program was not stopped") : tr("The program was not restarted"), r.error());
}

void TherapistPage::showPrescriptionHistory()
{
    const Program &p = m_editor->model()->program();
    if (p.id == 0)
        return;
    const auto versions = m_store.programItemVersions(p.id);
    const auto exercises = m_store.exercises();
    if (!versions || !exercises) {
        showError(tr("Cannot read the prescription history"), !versions ? versions.error() : exercises.error());
        return;
    }
    PrescriptionHistoryDialog dialog(p.name, prescriptionChanges(*versions, *exercises), this);
    dialog.exec();
}

bool TherapistPage::editProgram(qint64 programId)
{
    const auto program = m_store.program(programId);
    if (!program || !*program || (*program)->patientId != m_patientId)
        return false;
    m_editor->editProgram(**program);
    m_programs->setCurrentIndex(m_programs->findData(programId));
    return true;
}

Result<qint64> TherapistPage::addPatient(const QString &name)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return Error{tr("Please type the patient\u2019s name."), {}};
    auto patient = m_store.addPatient(trimmed, Clock::nowUtc());
    if (!patient)
        return patient.error();
    m_search->clear();
    if (auto r = reload(); !r)
        return r.error();
    openPatient(patient->id);
    showProgramTab();
    Q_EMIT patientsChanged();
    return patient->id;
}

Result<void> TherapistPage::renameCurrentPatient(const QString &name)
{
    if (!m_patientId)
        return Error{tr("Choose a patient first."), {}};
    const auto before = m_store.patient(m_patientId);
    if (!before || !*before)
        return before ? Error{tr("There is no patient %1.").arg(m_patientId), {}} : before.error();
    auto renamed = m_store.renamePatient(m_patientId, name);
    if (!renamed)
        return renamed.error();
    if (renamed->name != (*before)->name)
        m_recordUndo->push(renamePatientCommand(m_store, recordHooks(), m_patientId, (*before)->name, renamed->name));
    m_heading->setText(renamed->name);
    if (auto r = reload(); !r)
        return r.error();
    Q_EMIT patientsChanged();
    return {};
}

Result<void> TherapistPage::setCurrentArchived(bool archived)
{
    if (!m_patientId)
        return Error{tr("Choose a patient first."), {}};
    auto changed = m_store.setPatientArchived(m_patientId, archived);
    if (!changed)
        return changed.error();
    m_recordUndo->push(archivePatientCommand(m_store, recordHooks(), m_patientId, archived));
    if (auto r = reload(); !r)
        return r.error();
    m_archive->setText(archived && m_showArchived->isChecked() ? tr("Resto&re") : tr("Archi&ve"));
    Q_EMIT patientsChanged();
    return {};
}

void TherapistPage::askAddPatient()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New patient"), tr("Name of the patient (Patients tab):"),
                                               QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    if (auto r = addPatient(name); !r)
        showError(tr("The patient was not added"), r.error());
}

void TherapistPage::askRename()
{
    if (!m_patientId)
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename patient"), tr("Name:"), QLineEdit::Normal, m_heading->text(), &ok);
    if (!ok)
        return;
    if (auto r = renameCurrentPatient(name); !r)
        showError(tr("The patient was not renamed"), r.error());
}

void TherapistPage::askArchive()
{
    const int row = m_model->rowOf(m_patientId);
    if (row < 0)
        return;
    const Patient &p = m_model->summary(m_model->index(row, 0))->patient;
    if (!p.archived) {
        const auto answer = QMessageBox::question(
            this, tr("Archive patient"),
            tr("Archive %1? The patient leaves the list; nothing of theirs is deleted. Tick \u201cShow archived\u201d "
               "to see them again and restore them.")
                .arg(p.name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    if (auto r = setCurrentArchived(!p.archived); !r)
        showError(tr("The patient was not changed"), r.error());
}

void TherapistPage::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void TherapistPage::showHistoryTab()
{
    m_tabs->setCurrentIndex(0);
}

void TherapistPage::showProgramTab()
{
    m_tabs->setCurrentIndex(1);
}

void TherapistPage::showNotesTab()
{
    m_tabs->setCurrentIndex(2);
    m_noteText->setFocus();
}

} // namespace rehabit
