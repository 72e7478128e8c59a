#pragma once
// The therapist's program editor: catalog on the left, the program's items
// on the right as an editable table, the pain rule and the progression
// criterion on top, templates from the article, custom exercises. Every edit
// is undoable (the model's QUndoStack). Saving is explicit: nothing reaches
// the store until Save, and Save writes the whole program in one transaction
// or nothing.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Result.h"

#include <QWidget>

class QAction;
class QComboBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTreeView;
class QUndoStack;

namespace rehabit {

class CatalogModel;
class ProgramItemsModel;
class Store;

class ProgramEditor : public QWidget {
    Q_OBJECT
public:
    explicit ProgramEditor(Store &store, QWidget *parent = nullptr);

    /// The templates a program can start from: the article's whole daily
    /// program and one per phase ("Iliopsoas: flexibility", ...), at the
    /// catalog's default dose. Bundled exercises only.
    static QList<Program> templates(const QList<Exercise> &catalog, qint64 patientId, const QDateTime &at);

    /// Reads the catalog (bundled and custom) from the store.
    Result<void> reloadExercises();
    /// Edits this program (from the store, or new with id 0).
    void editProgram(const Program &program);
    /// A new, empty program for the patient, named after the first template.
    void editNewProgram(qint64 patientId);

    /// Checks and writes the program. On any problem nothing is written and
    /// the problems are shown; returns the first.
    Result<Program> save();
    /// Back to the last saved state (the undo history stays, so it can be undone).
    void revert();

    bool hasUnsavedChanges() const;
    QString problemsText() const;

    ProgramItemsModel *model() const { return m_model; }
    QUndoStack *undoStack() const;
    QTableView *itemsView() const { return m_items; }
    QTreeView *catalogView() const { return m_catalog; }
    QComboBox *templateBox() const { return m_templates; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *painRuleBox() const { return m_painRule; }
    QSpinBox *progressionBox() const { return m_progression; }
    /// Save (Ctrl+S while the focus is in the editor).
    QAction *saveAction() const { return m_saveAction; }
    /// A new action with the save action's text and shortcut, connected to nothing
    /// (the main window's menu shows it until the therapist's page exists).
    static QAction *newSaveAction(QObject *parent);

    /// Adds the exercise selected in the catalog after the current item.
    bool addSelectedExercise();
    bool removeCurrentItem();
    bool moveCurrentItem(int delta);
    bool applySelectedTemplate();
    /// Opens the custom-exercise dialog; the new exercise is stored at once
    /// (it is a catalog entry, not part of the program) and selected.
    void newCustomExercise();
    /// Opens the custom exercise chosen in the catalog in the custom-exercise
    /// dialog (F2 in the catalog); Save stores it under the same id. False,
    /// and nothing opens, for a bundled exercise or a phase row.
    bool editSelectedCustomExercise();
    /// The custom exercise chosen in the catalog, nullptr if a bundled one
    /// (not editable) or none is chosen.
    const Exercise *selectedCustomExercise() const;
    QPushButton *editCustomButton() const { return m_editCustom; }

Q_SIGNALS:
    /// A program was written to the store.
    void saved(const rehabit::Program &program);
    /// Unsaved changes appeared or went away.
    void modifiedChanged(bool modified);

private:
    QFormLayout *buildSettingsForm();
    QWidget *buildCatalogPane();
    QWidget *buildItemsPane();
    QHBoxLayout *buildStateRow();
    void createActions();
    void showSettings();
    void showState();
    void runCustomExerciseDialog(const Exercise *edited);

    Store &m_store;
    QList<Exercise> m_exercises;
    ProgramItemsModel *m_model;
    CatalogModel *m_catalogModel;
    QTreeView *m_catalog;
    QTableView *m_items;
    QComboBox *m_templates;
    QLineEdit *m_name;
    QComboBox *m_painRule;
    QSpinBox *m_progression;
    QLabel *m_problems;
    QLabel *m_state;
    QPushButton *m_save;
    QPushButton *m_revert;
    QPushButton *m_editCustom;
    QAction *m_saveAction = nullptr;
    Program m_saved; ///< as last read from or written to the store
};

} // namespace rehabit
