#pragma once
// Dosage in plain words, as a person reads it on screen or on paper:
// "2 sets of 20 reps, hold each 10 seconds, both sides at once".

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"

#include <QString>

namespace rehabit {

class DosageText {
public:
    /// A catalog entry's dosage with the article's ranges:
    /// "2-3 sets of 10 reps on each side, hold each 3-5 seconds".
    static QString describe(const Exercise &exercise);

    /// What a program prescribes, with single numbers:
    /// "2 sets of 10 reps on each side, hold each 3 seconds".
    static QString describe(const Prescription &rx, WorkKind kind);

    /// "each side", "alternating sides", "both sides at once".
    static QString sidesText(Sides sides);
};

} // namespace rehabit
