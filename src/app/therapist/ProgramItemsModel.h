#pragma once
// One program being edited: its items as a table (exercise, phase, dose
// fields) and its settings (name, pain rule, progression criterion). Every
// change goes through the model's QUndoStack, so Ctrl+Z takes back any edit
// made in the table, by the buttons, by a template or by a drag.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"
#include "rehabit/engine/Progression.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

class QUndoStack;

namespace rehabit {

class ProgramItemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ExerciseColumn,
        PhaseColumn,
        SetsColumn,
        RepsColumn,
        HoldColumn,
        DurationColumn,
        RestBetweenSetsColumn,
        SidesColumn,
        DaysPerWeekColumn,
        LoadColumn,
        ColumnCount
    };
    enum Role {
        ExerciseIdRole = Qt::UserRole + 1, ///< the item's exercise id
        MinimumRole,                       ///< the smallest value a number column accepts
        MaximumRole,                       ///< the largest
    };

    explicit ProgramItemsModel(QObject *parent = nullptr);
    ~ProgramItemsModel() override;

    QUndoStack *undoStack() const { return m_undo; }

    /// The exercises items may refer to (names, phases, kinds, defaults).
    void setExercises(const QList<Exercise> &exercises);
    const Exercise *exercise(const QString &id) const;

    /// Starts editing `program` afresh: the undo history is cleared and the
    /// state counts as saved.
    void setProgram(const Program &program);
    const Program &program() const { return m_program; }
    /// After a save: takes the ids (program, items) and times the store gave,
    /// without touching the undo history. `stored` has the same items in the same order.
    void setSavedIds(const Program &stored);

    // --- edits (each one an undoable command) --------------------------------
    /// Adds the exercise at its catalog dose at `row` (-1: at the end).
    bool addExercise(const QString &exerciseId, int row = -1);
    bool removeItem(int row);
    /// Moves the item at `from` so that it ends at `to`.
    bool moveItem(int from, int to);
    void setProgramName(const QString &name);
    void setPainRule(PainRuleKind rule);
    void setProgressionSessions(int sessions);
    /// Replaces name and items with those of a template; the pain rule and the
    /// progression criterion stay (they are the therapist's choice).
    void applyTemplate(const Program &templ);
    /// Makes the change an accepted proposal describes (new dose, the
    /// exercise replaced by its easier or harder step, or the item left out),
    /// as one undo step. `proposalId` (the stored proposal, 0: none) counts as
    /// accepted while that step is done: Save stores the decision with the
    /// change, and undo or Revert leave it pending. False if the program has
    /// no item with that id, or the proposal is in this edit already.
    bool applyProposal(const ProgressionProposal &proposal, qint64 proposalId = 0);
    /// The stored proposals accepted in this edit, not saved yet (ascending ids).
    QList<qint64> acceptedProposals() const;
    /// After a save that stored those decisions: they are no longer this edit's.
    void markAcceptedProposalsSaved();
    /// Whether the item at `row` is the change of an accepted proposal (shown in bold).
    bool isChangedByProposal(int row) const;

    // --- raw changes, used by the undo commands only -------------------------
    void insertItemRaw(int row, const ProgramItem &item);
    ProgramItem removeItemRaw(int row);
    void moveItemRaw(int from, int to);
    void setPrescriptionRaw(int row, const Prescription &rx);
    void setSettingsRaw(const QString &name, PainRuleKind rule, int progressionSessions);
    void setItemsRaw(const QList<ProgramItem> &items);
    void setProposalAcceptedRaw(qint64 proposalId, const QString &exerciseId, bool accepted);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    /// The mime type of a dragged item row (its row number as text).
    static QString itemRowMimeType();

Q_SIGNALS:
    /// Name, pain rule or progression criterion changed (also by undo).
    void settingsChanged();
    /// A proposal was accepted into this edit, or that was undone.
    void acceptedProposalsChanged();

private:
    /// One undo step that sets name, pain rule and criterion (nothing if unchanged).
    void pushSettings(const QString &name, PainRuleKind rule, int progressionSessions, const QString &text);
    /// The value the column shows and edits, as an int (sides as int(Sides)).
    static std::optional<int> field(const Prescription &rx, int column);
    static bool setField(Prescription &rx, int column, const QVariant &value);
    static std::pair<int, int> fieldRange(int column);

    QUndoStack *m_undo;
    Program m_program;
    QList<Exercise> m_exercises;
    QHash<QString, qsizetype> m_byId;
    QHash<qint64, QString> m_accepted; ///< proposal id -> the exercise it changed (empty: it removed one)
    QSet<qint64> m_savedDecisions;     ///< accepted in this edit and stored by a save
};

} // namespace rehabit
