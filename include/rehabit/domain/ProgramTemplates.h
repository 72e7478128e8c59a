#pragma once
// Programs built from the article, for a new profile and (later) for the
// therapist's program editor.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"

#include <QDateTime>
#include <QList>

namespace rehabit {

class ProgramTemplates {
public:
    /// The article's daily program: its flexibility, core stability and hip
    /// strength entries, in the article's order, at the catalog's default
    /// dosage. The Thomas test is an assessment, not a daily exercise, and is
    /// left out. Only bundled exercises are used.
    static Program dailyProgram(qint64 patientId, const QList<Exercise> &catalog, const QDateTime &at);
};

} // namespace rehabit
