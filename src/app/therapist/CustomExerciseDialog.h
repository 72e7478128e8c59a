#pragma once
// An exercise written by the therapist, with the same fields and the same
// checks as a catalog entry. It is stored as the user's own (origin custom),
// which a bundled catalog update never changes.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Result.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace rehabit {

class Store;

class CustomExerciseDialog : public QDialog {
    Q_OBJECT
public:
    /// `existing` are the exercises already stored (for a free id).
    CustomExerciseDialog(Store &store, const QList<Exercise> &existing, QWidget *parent = nullptr);

    /// Edits this stored custom exercise instead of writing a new one: the
    /// fields show it, and Save stores it under the same id. Fields the dialog
    /// does not show (variants, references, follow-up) are kept as they are.
    void editExercise(const Exercise &exercise);

    /// The entry as the fields describe it now (not checked).
    Exercise exerciseFromFields() const;
    /// Checks the fields as a catalog entry and stores the exercise; on a
    /// problem nothing is written, the message is shown and returned.
    Result<Exercise> saveExercise();
    /// The exercise as stored by the last successful saveExercise().
    const Exercise &savedExercise() const { return m_saved; }

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *kindBox() const { return m_kind; }
    QPlainTextEdit *stepsEdit() const { return m_steps; }
    QPlainTextEdit *safetyEdit() const { return m_safety; }
    QLabel *problemLabel() const { return m_problem; }
    QPlainTextEdit *mistakesEdit() const { return m_mistakes; }

    void accept() override;

private:
    struct RangeFields {
        QCheckBox *given;
        QSpinBox *min;
        QSpinBox *max;
        QSpinBox *def;
    };
    RangeFields rangeFields(int maximum);
    static std::optional<Range> rangeOf(const RangeFields &f);
    static void showRange(const RangeFields &f, const std::optional<Range> &range);
    QString freeId(const QString &name) const;

    Store &m_store;
    QStringList m_takenIds;
    QLineEdit *m_name;
    QComboBox *m_phase;
    QLineEdit *m_category;
    QComboBox *m_kind;
    QComboBox *m_sides;
    RangeFields m_sets;
    RangeFields m_reps;
    RangeFields m_hold;
    RangeFields m_duration;
    QSpinBox *m_restReps;
    QSpinBox *m_restSets;
    QSpinBox *m_restAfter;
    QLineEdit *m_equipment;
    QPlainTextEdit *m_steps;
    QPlainTextEdit *m_mistakes;
    QPlainTextEdit *m_safety;
    QLineEdit *m_note;
    QLabel *m_problem;
    Exercise m_saved;
    std::optional<Exercise> m_edited; ///< the stored exercise being edited, none for a new one
};

} // namespace rehabit
