#pragma once
// The therapist's area: the patient list with search on the left; on the
// right the chosen patient's history, program editor and notes.

#include "rehabit/domain/Program.h"
#include "rehabit/domain/Result.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QUndoGroup;
class QUndoStack;

namespace rehabit {

class HistoryView;
struct RecordCommandHooks;
class PatientListModel;
class ProgramEditor;
class Store;

class TherapistPage : public QWidget {
    Q_OBJECT
public:
    explicit TherapistPage(Store &store, QWidget *parent = nullptr);
    ~TherapistPage() override;

    /// Reads the patient list again (keeps the chosen patient if still listed).
    Result<void> reload();
    /// Shows this patient (history first). False if not in the list.
    bool openPatient(qint64 patientId);
    qint64 currentPatient() const { return m_patientId; }

    Result<qint64> addPatient(const QString &name);
    Result<void> renameCurrentPatient(const QString &name);
    /// Archives (or restores) the chosen patient; nothing of theirs is deleted.
    Result<void> setCurrentArchived(bool archived);
    Result<void> addNote(QDate date, const QString &text);
    /// Changes the body and date of one of the current patient's notes; an
    /// empty body is refused and the note stays as it was.
    Result<void> editNote(qint64 noteId, QDate date, const QString &text);
    Result<void> deleteNote(qint64 noteId);
    /// Shows the program editor on this program of the current patient.
    bool editProgram(qint64 programId);
    /// Stops (false) or restarts (true) the program in the editor: a stopped
    /// program is neither done nor printed, and its history stays. Refused
    /// while the editor has unsaved changes or holds a new program.
    Result<void> setEditedProgramActive(bool active);
    /// Asks, then stops the program in the editor; restarts a stopped one.
    void askStopOrRestartProgram();
    /// Every prescription the program in the editor has had, in a dialog.
    void showPrescriptionHistory();
    QPushButton *stopProgramButton() const { return m_stopProgram; }
    QComboBox *programBox() const { return m_programs; }

    /// Asks for a name and adds the patient (the File menu's entry).
    void askAddPatient();
    void askRename();
    void askArchive();
    void focusSearch();
    void showHistoryTab();
    void showProgramTab();
    void showNotesTab();
    /// Puts the note chosen in the list into the note field for editing (F2,
    /// double click); the button then saves the changes instead of adding.
    void startEditingNote();
    void cancelEditingNote();
    /// Asks, then deletes the note chosen in the list (Delete).
    void askDeleteNote();
    /// The note being edited, 0 while the field is for a new note.
    qint64 editedNote() const { return m_editedNote; }

    QLineEdit *searchEdit() const { return m_search; }
    QCheckBox *showArchivedBox() const { return m_showArchived; }
    QTableView *patientView() const { return m_patients; }
    PatientListModel *patientModel() const { return m_model; }
    QSortFilterProxyModel *patientProxy() const { return m_proxy; }
    /// The chosen patient's history; made the first time it is asked for or
    /// the page is shown (start-up does without it), showing that patient.
    HistoryView *historyView();
    /// Whether the history reads on a worker thread (HistoryView::setBackgroundLoading).
    void setHistoryBackgroundLoading(bool on);
    ProgramEditor *programEditor() const { return m_editor; }
    QListWidget *notesList() const { return m_notes; }
    QPlainTextEdit *noteTextEdit() const { return m_noteText; }
    QDateEdit *noteDateEdit() const { return m_noteDate; }
    QPushButton *noteButton() const { return m_noteButton; }
    /// Why the last add, edit or delete of a note was refused (hidden when none was).
    QLabel *noteProblemLabel() const { return m_noteProblem; }
    QTabWidget *tabs() const { return m_tabs; }
    /// What Edit > Undo takes back: the program editor's stack while the
    /// Program tab is shown, else the record's (renames, archives, notes).
    QUndoStack *undoStack() const;
    /// Renames, archives and note edits or deletions, undoable (RecordCommands.h).
    QUndoStack *recordUndoStack() const { return m_recordUndo; }

    /// False if the user chose to stay because of unsaved program changes.
    bool confirmLeaveProgram();

    /// The page's commands with their shortcuts (active while the focus is
    /// in the page), for the main window's menus.
    struct Actions {
        QAction *addPatient;
        QAction *find;
        QAction *rename;
        QAction *archive;
        QAction *saveProgram;
        QAction *undo;
        QAction *redo;
        QAction *history;
        QAction *program;
        QAction *notes;
    };
    const Actions &pageActions() const { return m_actions; }
    /// New actions with the page's texts and shortcuts, connected to nothing:
    /// the main window's menus show them until the page is made.
    static Actions newActions(QObject *parent);

Q_SIGNALS:
    void patientsChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    /// What the record's undo commands call when they wrote (or failed to).
    RecordCommandHooks recordHooks();
    QWidget *buildPatientList();
    QWidget *buildProgramTab();
    void connectHistory();
    QWidget *buildNotesTab();
    QWidget *buildPatientPane(QWidget *programPage, QWidget *notesPage);
    void createActions();
    void showPatient(qint64 patientId);
    void reloadPrograms();
    void reloadNotes();
    void submitNote();
    /// The note selected in the list, nullptr if none is.
    const PatientNote *chosenNote() const;
    void showNoteProblem(const QString &text);
    QDateTime noteTime(QDate date) const;
    void showError(const QString &title, const Error &error);

    Store &m_store;
    qint64 m_patientId = 0;
    PatientListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QCheckBox *m_showArchived;
    QTableView *m_patients;
    QPushButton *m_archive;
    QLabel *m_heading;
    QTabWidget *m_tabs;
    QScrollArea *m_historyScroll = nullptr;
    HistoryView *m_history = nullptr; ///< made by historyView()
    bool m_historyInBackground = false;
    ProgramEditor *m_editor;
    QComboBox *m_programs;
    QPushButton *m_stopProgram = nullptr; ///< "Stop program" or "Restart program"
    QUndoStack *m_recordUndo = nullptr;   ///< renames, archives, note edits and deletions (RecordCommands)
    QUndoGroup *m_undoGroup = nullptr;    ///< Edit > Undo: the editor's stack on the Program tab, else m_recordUndo
    QPushButton *m_prescriptionHistory = nullptr; ///< opens PrescriptionHistoryDialog
    QListWidget *m_notes;
    QDateEdit *m_noteDate;
    QPlainTextEdit *m_noteText;
    QPushButton *m_noteButton;
    QPushButton *m_cancelNoteEdit;
    QLabel *m_noteProblem;
    QList<PatientNote> m_noteList; ///< as shown, newest first
    qint64 m_editedNote = 0;
    Actions m_actions{};
};

} // namespace rehabit
