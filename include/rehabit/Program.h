#pragma once
// Patients, their programs and the prescribed items: plain values.

#include "rehabit/Exercise.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace rehabit {

/// How a program judges pain ratings (DOMAIN.md, "Pain").
enum class PainRuleKind {
    Strict,          ///< the article: any rise above the session's starting pain stops
    PainMonitoring,  ///< Silbernagel: 0-2 safe, up to 5 acceptable, above 5 stop
};
QString toCode(PainRuleKind);
std::optional<PainRuleKind> painRuleFromCode(const QString &);

struct Patient {
    qint64 id = 0;
    QString name;
    QDateTime createdAt;
    bool archived = false;
};

/// What is prescribed for one exercise in one program. Zero means "none"
/// (a timed item has reps == 0, a reps item has holdSeconds == 0).
struct Prescription {
    int sets = 1;
    int reps = 0;
    int holdSeconds = 0;
    int durationSeconds = 0;
    int followUpSeconds = 0;
    int restBetweenRepsSeconds = 0;
    int restBetweenSetsSeconds = 0;
    int restAfterSeconds = 0;
    int positionSeconds = 3;   ///< "get into position" countdown before a hold or timed bout
    Sides sides = Sides::EachSide;
    QString load;              ///< band colour, ball, ...
    QString tempo;             ///< 4 digits, may be empty
    int daysPerWeek = 7;
    bool operator==(const Prescription &) const = default;
};

/// The defaults of a catalog entry as a prescription.
Prescription defaultPrescription(const Exercise &);

struct ProgramItem {
    qint64 id = 0;
    int position = 0;
    QString exerciseId;
    Prescription rx;
};

struct Program {
    qint64 id = 0;
    qint64 patientId = 0;
    QString name;
    PainRuleKind painRule = PainRuleKind::Strict;
    int progressionSessions = 3;  ///< pain-free sessions at full dose before an item advances
    bool active = true;
    QDateTime createdAt;
    QList<ProgramItem> items;
};

} // namespace rehabit
