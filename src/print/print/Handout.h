#pragma once
// A printable handout: what the patient takes home. The data only; the
// drawing is HandoutRenderer's. Shared by the app and rehabit-cli.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Result.h"

#include <QDate>
#include <QList>
#include <QPageSize>
#include <QString>

#include <optional>

namespace rehabit {
class Store;
}

namespace rehabit::print {

enum class Paper { A4, Letter };

/// "a4", "letter".
QString toCode(Paper paper);
std::optional<Paper> paperFromCode(const QString &code);
QPageSize pageSize(Paper paper);
/// Letter where the system locale measures in US units, A4 elsewhere.
Paper defaultPaper();

/// The clinic's details printed in the header, and the paper the handouts
/// use. Kept in the settings the app and the CLI share (QSettings
/// "Rehabit"/"Rehabit", group "handout").
struct ClinicDetails {
    QString clinicName;
    QString logoFile; ///< PNG, JPEG or SVG; may be empty
    QString therapist;
    Paper paper = defaultPaper();
    bool operator==(const ClinicDetails &) const = default;
};

ClinicDetails loadClinicDetails();
void saveClinicDetails(const ClinicDetails &details);

struct HandoutItem {
    Exercise exercise;
    Prescription rx; ///< the program's prescribed dose, not the catalog default
};

struct Handout {
    ClinicDetails clinic;
    Patient patient;
    Program program;
    QList<HandoutItem> items; ///< in program order
    QDate date;               ///< printed in the header; the log sheet's week starts here
};

/// The patient's active program: the newest active one that has items.
/// Errors: unknown patient, a patient without an active program, an item
/// whose exercise is missing from the catalog.
Result<Handout> handoutFor(const Store &store, qint64 patientId, const ClinicDetails &clinic, const QDate &date);

/// The cue printed as "key cue": the cue of the last step that has one (other
/// than the follow-up's), the same words the session says when the work starts.
QString keyCue(const Exercise &exercise);

/// The file name of a patient's handout, the same in the app and rehabit-cli:
/// "2026-11-26-patient-3-ana-ruiz.pdf". Sorts by date, then patient; ASCII
/// only (accents dropped, "Zoë Ødegård" gives "zoe-degard"), so it is safe on every
/// file system and in every mail attachment.
QString handoutFileName(const Patient &patient, const QDate &date);

/// "Every day", "3 days a week".
QString frequencyText(int daysPerWeek);

/// Patients due for a session on `day` (the morning batch of `print --all-due`):
/// not archived, with an active program that has items, and with fewer days
/// with a session of that program in the week of `day` (Monday to the day
/// before `day`, local time, any session that was started) than the program
/// calls for (the largest days-per-week of its items). With the default of
/// 7 days a week, every active patient is due every day.
Result<QList<Patient>> duePatients(const Store &store, const QDate &day);

} // namespace rehabit::print
