#pragma once
// What is wrong with a program before it may be saved, item by item, in words
// a therapist can act on ("Item 2, Prone leg lift: a hold needs at least 1 second").

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Result.h"

#include <QList>

#include <functional>

namespace rehabit {

struct ProgramProblem {
    int row = -1;    ///< the item's row, -1 for the program as a whole
    int column = -1; ///< ProgramItemsModel::Column of the field, -1 for the item as a whole
    Error error;     ///< location: "name", "item 2 (Prone leg lift), reps", ...
};

class ProgramCheck {
public:
    using ExerciseLookup = std::function<const Exercise *(const QString &id)>;
    /// Every problem, in the order of the editor's fields; empty if the program may be saved.
    static QList<ProgramProblem> problems(const Program &program, const ExerciseLookup &exercise);
};

} // namespace rehabit
