#pragma once
// One patient's record out of Rehabit and back in (docs/exports.md):
//   JSON: a full, lossless copy (format "rehabit-patient", version 1), and
//         its import into another database, validated whole first;
//   CSV:  one row per logged event, or one row per session, safe to open
//         in a spreadsheet;
//   FHIR: an R4 Bundle (Patient, Observation per pain rating, CarePlan and
//         ServiceRequest per program, Procedure per session).

#include "rehabit/domain/Exercise.h"
#include "rehabit/review/History.h"
#include "rehabit/domain/PatientRecord.h"
#include "rehabit/domain/Result.h"
#include "rehabit/store/Store.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace rehabit {

class PatientJson {
public:
    /// 2 adds the "uuid" keys (global identity); files of version 1 are read too.
    static constexpr int FormatVersion = 2;
    /// Files above this size are refused before parsing (a year of daily
    /// sessions is about 3 MB).
    static constexpr qint64 MaxFileBytes = 256 * 1024 * 1024;

    /// The whole record, UTF-8, indented. Ids are those of the source
    /// database; they only tie the parts together (an import assigns new ones).
    /// UUIDs are global: an import keeps them (docs/exports.md).
    static QByteArray toJson(const PatientRecord &record, const QDateTime &exportedAt);

    /// Validates the whole document: syntax errors located "line:column",
    /// content errors by JSON path ("sessions[3].events[12].pain"), unknown
    /// keys refused. Does not look at any database (Store::addPatientRecord
    /// checks the references to exercises).
    static Result<PatientRecord> parse(const QByteArray &json);
    /// Reads and parses a file; errors about the file as a whole have an empty location.
    static Result<PatientRecord> parseFile(const QString &path);
};

class PatientCsv {
public:
    /// One cell: a text that begins with = + - @ tab, carriage return or NUL
    /// gets a leading apostrophe (so a spreadsheet shows it as text and never
    /// runs it as a formula); a cell with a comma, quote, CR or LF, or one so
    /// escaped, is put in double quotes with its quotes doubled (RFC 4180).
    static QString cell(const QString &text);
    static QString row(const QStringList &cells);

    /// One row per logged event, oldest first; CRLF line ends, UTF-8 with a
    /// byte order mark (spreadsheets then read the names right).
    static QByteArray events(const PatientRecord &record, const QList<Exercise> &exercises);
    /// One row per session: prescribed against done, pain before, after and
    /// next morning, pain stops.
    static QByteArray sessions(const PatientHistory &history, const QList<Exercise> &exercises);
    static QStringList eventColumns();
    static QStringList sessionColumns();
};

class PatientFhir {
public:
    static constexpr const char *ExtensionBase = "https://rehabit.invalid/fhir/StructureDefinition/";
    /// A FHIR R4 Bundle of type "collection", UTF-8 JSON. Resource ids are
    /// deterministic (the same record gives the same bundle).
    static QByteArray bundle(const PatientRecord &record, const QList<Exercise> &exercises, const QDateTime &at);
};

/// What importPatientFile did.
struct PatientImport {
    qint64 patientId = 0; ///< the new patient; 0 when nothing was imported
    /// With RecordUuids::Keep: the patient of this database who already has
    /// the record's patient or one of its sessions (or another of its rows),
    /// by UUID: the file was imported before. Nothing was imported; the
    /// caller may ask whether to import it again as a copy (RecordUuids::New).
    std::optional<Patient> alreadyHere;
};

/// Parses the file (PatientJson::parseFile) and adds it as a new patient
/// (Store::addPatientRecord): one transaction, nothing written on any error.
/// With RecordUuids::Keep a record this database already has is not
/// imported (PatientImport::alreadyHere); RecordUuids::New imports it as a
/// copy whose rows all get new UUIDs.
Result<PatientImport> importPatientFile(Store &store, const QString &path, RecordUuids uuids = RecordUuids::Keep);

} // namespace rehabit
