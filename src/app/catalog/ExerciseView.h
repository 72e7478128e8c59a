#pragma once
// One catalog entry, easy to read: dosage in plain words, steps with their
// cues, mistakes, safety notes, variants, references and the source note.

#include "rehabit/domain/Exercise.h"

#include <QTextBrowser>

namespace rehabit {

class ExerciseView : public QTextBrowser {
    Q_OBJECT
public:
    explicit ExerciseView(QWidget *parent = nullptr);

    void showExercise(const Exercise &exercise);
    void showNothing();

    /// The HTML shown for an entry (rich text subset of QTextDocument).
    static QString html(const Exercise &exercise);
    /// The resource path of the entry's drawing, empty if it has none.
    static QString illustrationPath(const Exercise &exercise);
};

} // namespace rehabit
