#pragma once
// Demo patients for trying the app and for benchmarks (rehabit-cli
// demo-data). Clearly marked: every name starts with "Demo". Each patient
// gets the article's daily program (ProgramTemplates) and, day by day, a
// session played through the pure SessionEngine with a simulated clock and
// a simulated athlete: every event is one the engine logs, pain stops and
// flags come from the program's pain rule, proposals from Progression, as
// in the app. Pure: the record is built in memory and written by
// Store::addPatientRecord in one transaction.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/PatientRecord.h"
#include "rehabit/domain/Result.h"

#include <QDate>
#include <QList>

namespace rehabit {

struct DemoOptions {
    int days = 90;    ///< days of history, ending on lastDay
    quint32 seed = 1; ///< the same seed gives the same patients
    QDate lastDay;    ///< the last day with a session; invalid = yesterday (UTC)
};

class DemoData {
public:
    /// Patient number `index` (0, 1, 2 ...) of a demo set. Fails only when
    /// the catalog lacks the article's exercises.
    static Result<PatientRecord> patient(int index, const DemoOptions &options, const QList<Exercise> &catalog);
};

} // namespace rehabit
