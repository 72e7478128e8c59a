#pragma once
// Patients, their programs and the prescribed items: plain values.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace rehabit {

/// How a program judges pain ratings (DOMAIN.md, "Pain").
enum class PainRuleKind {
    Strict,         ///< the article: any rise above the session's starting pain stops
    PainMonitoring, ///< Silbernagel: 0-2 safe, up to 5 acceptable, above 5 stop
};
QString toCode(PainRuleKind);
std::optional<PainRuleKind> painRuleFromCode(const QString &);

struct Patient {
    qint64 id = 0;
    QString name;
    QDateTime createdAt;
    bool archived = false;
    /// Global identity (text UUID without braces), the same in every database
    /// the row is copied to: a new one when the store adds the row, the
    /// record's own when Store::addPatientRecord adds it.
    QString uuid = {};
    /// 1 when written, one more at every change in place (Store::revisions()).
    int revision = 0;
    bool operator==(const Patient &) const = default;
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
    int positionSeconds = 3; ///< "get into position" countdown before a hold or timed bout
    Sides sides = Sides::EachSide;
    QString load;  ///< band colour, ball, ...
    QString tempo; ///< 4 digits, may be empty
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
    bool operator==(const ProgramItem &) const = default;
};

/// A dated note of the therapist's about a patient.
struct PatientNote {
    qint64 id = 0; ///< set by the store
    qint64 patientId = 0;
    QDateTime writtenAt; ///< the date the note is about (the therapist may change it)
    QString body;        ///< free text, not empty
    /// Global identity (text UUID without braces), the same in every database
    /// the row is copied to: a new one when the store adds the row, the
    /// record's own when Store::addPatientRecord adds it.
    QString uuid = {};
    /// 1 when written, one more at every change in place (Store::revisions()).
    int revision = 0;
    bool operator==(const PatientNote &) const = default;
};

/// A patient with what the patient list shows next to the name.
struct PatientSummary {
    Patient patient;
    int sessions = 0;        ///< sessions started, any status
    QDateTime lastSessionAt; ///< start of the newest session; invalid if none
    int flaggedSessions =
        0; ///< flagged sessions, all time (SessionReview::flagged: stop, rating above the limit, worse morning)
    int pendingProposals = 0;
    bool activeProgram = false; ///< the patient has at least one active program
};

/// One state of a program item: the prescription it had from validFrom on
/// (until the next version). A removed version records that the item was
/// taken out of the program at validFrom.
struct ProgramItemVersion {
    qint64 programId = 0;
    qint64 programItemId = 0;
    QDateTime validFrom;
    bool removed = false;
    int position = 0;
    QString exerciseId;
    Prescription rx;
    /// Global identity of this version (text UUID); set by the store when empty.
    QString uuid = {};
    bool operator==(const ProgramItemVersion &) const = default;
};

struct Program {
    qint64 id = 0;
    qint64 patientId = 0;
    QString name;
    PainRuleKind painRule = PainRuleKind::Strict;
    int progressionSessions = 3; ///< pain-free sessions at full dose before an item advances
    bool active = true;
    QDateTime createdAt;
    QDateTime deactivatedAt;  ///< when the therapist stopped it; invalid while active
    QList<ProgramItem> items; ///< the items in the program now, in order
    /// Global identity (text UUID without braces), the same in every database
    /// the row is copied to: a new one when the store adds the row, the
    /// record's own when Store::addPatientRecord adds it.
    QString uuid = {};
    /// 1 when written, one more at every change in place (Store::revisions()).
    int revision = 0;
    bool operator==(const Program &) const = default;
};

/// Checks what the database would refuse, with a path for the first problem:
/// counts and times >= 0, sets >= 1, days per week 1-7, tempo empty or four
/// digits, load at most 200 characters. `path` is put in front of the field
/// ("items[2].rx" gives "items[2].rx.daysPerWeek").
Result<void> validatePrescription(const Prescription &rx, const QString &path);
/// A program's own fields and every item (name not empty, progression
/// sessions >= 1, an exercise id on every item, no item id twice); locations
/// such as "name" or "items[2].rx.sets". Exercises are not looked up here.
Result<void> validateProgram(const Program &program);

} // namespace rehabit
