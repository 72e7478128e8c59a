#pragma once
// Store: everything Rehabit keeps, behind one interface. SQLite is the
// embedded default (SqliteStore, private to the core); a PostgreSQL backend
// for clinics implements the same interface. No QSql type appears here.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/PatientRecord.h"
#include "rehabit/domain/Program.h"
#include "rehabit/domain/Proposal.h"
#include "rehabit/domain/Result.h"
#include "rehabit/domain/SessionLog.h"
#include "rehabit/domain/SessionSummary.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace rehabit {

struct CatalogImportSummary {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int catalogVersion = 0;
    /// Bundled entries left out because an exercise of the user's own
    /// already has that id (a bundled import never touches custom exercises).
    QStringList skippedIds;
    bool changedAnything() const { return added + updated > 0; }
};

/// What Store::check() found (docs/storage.md, "What check verifies").
struct StoreHealth {
    int schemaVersion = 0;
    bool integrityOk = false;
    QStringList integrityMessages;  ///< integrity_check rows other than "ok"
    QStringList foreignKeyProblems; ///< one line per foreign_key_check row
    QStringList schemaProblems;     ///< tables, columns, indexes, triggers unlike a fresh database of its version
    QStringList ruleProblems;       ///< rows breaking a CHECK or NOT NULL rule of the schema
    QStringList logProblems;        ///< sessions whose events are not numbered 1, 2, 3 ... without a gap
    bool healthy() const
    {
        return integrityOk && foreignKeyProblems.isEmpty() && schemaProblems.isEmpty() && ruleProblems.isEmpty()
               && logProblems.isEmpty();
    }
    /// Every finding, integrity first.
    QStringList findings() const
    {
        return integrityMessages + foreignKeyProblems + schemaProblems + ruleProblems + logProblems;
    }
};

/// An earlier revision of a row that changes in place (a patient's name or
/// archive flag, a note, a session's end, a proposal's decision, a program,
/// a custom exercise): the fields as they were before the next revision.
struct RowRevision {
    QString rowUuid;
    QString kind; ///< "patient", "patient_note", "program", "session", "proposal", "exercise"
    int revision = 0;
    QDateTime revisedAt; ///< when this revision was written (may be invalid for rows older than schema 3)
    QString revisedBy;   ///< who wrote it (StoreOptions::author); empty if unknown
    QJsonObject content; ///< the fields that change in place, by column name
    bool operator==(const RowRevision &) const = default;
};

/// How Store::addPatientRecord treats the UUIDs of a record.
enum class RecordUuids {
    Keep, ///< the record's own: the same rows keep their identity in every database
    New,  ///< new ones throughout: a copy of a patient this database already has
};

class Store {
public:
    virtual ~Store() = default;
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// "SQLite database /home/ana/.local/share/Rehabit/rehabit.sqlite"
    virtual QString description() const = 0;
    virtual int schemaVersion() const = 0;

    // --- catalog -------------------------------------------------------------
    /// One transaction, idempotent. Bundled entries are inserted or updated;
    /// custom exercises and all history are never touched by a bundled import.
    /// A bundled catalog older than the one already stored writes nothing.
    /// A Custom import may update the user's own exercises but refuses the id
    /// of a bundled exercise (location "exercises[i].id") and then writes nothing.
    /// Entries are never removed: history refers to them.
    virtual Result<CatalogImportSummary> importCatalog(const Catalog &catalog, ExerciseOrigin origin) = 0;
    /// All exercises, in phase order then catalog order.
    virtual Result<QList<Exercise>> exercises() const = 0;
    virtual Result<std::optional<Exercise>> exercise(const QString &id) const = 0;
    /// The version of the bundled catalog last imported, 0 if none.
    virtual Result<int> catalogVersion() const = 0;
    /// Adds or updates one exercise written by the therapist (origin custom),
    /// with the same fields and checks as a catalog entry (CatalogJson): a
    /// bad field is refused with its path ("dosage.sets.max") and nothing is
    /// written. The id of a bundled exercise is refused (location "id").
    /// Custom exercises are never changed by a bundled catalog import.
    /// Returns the exercise as stored.
    virtual Result<Exercise> saveCustomExercise(const Exercise &exercise) = 0;

    // --- patients and programs ----------------------------------------------
    virtual Result<Patient> addPatient(const QString &name, const QDateTime &at) = 0;
    virtual Result<QList<Patient>> patients(bool includeArchived) const = 0;
    virtual Result<std::optional<Patient>> patient(qint64 id) const = 0;
    /// The patient of that UUID (text, with or without braces), if any.
    virtual Result<std::optional<Patient>> patientByUuid(const QString &uuid) const = 0;
    /// Inserts the program and its items in one transaction; returns it with ids set.
    /// Items are kept in list order: each item's position is set to its index.
    virtual Result<Program> addProgram(const Program &program) = 0;
    virtual Result<QList<Program>> programs(qint64 patientId) const = 0;
    virtual Result<std::optional<Program>> program(qint64 id) const = 0;

    /// Patients whose name contains `text`, ignoring case (Unicode case
    /// folding); all of them for an empty text. Ordered by name, then id.
    virtual Result<QList<Patient>> findPatients(const QString &text, bool includeArchived) const = 0;
    /// The patient list with what it shows per patient (sessions, last
    /// session, flags, pending proposals), ordered by name, then id.
    virtual Result<QList<PatientSummary>> patientSummaries(bool includeArchived) const = 0;
    /// A new name (trimmed, not empty). Returns the patient as stored.
    virtual Result<Patient> renamePatient(qint64 patientId, const QString &name) = 0;
    /// Archived patients leave the default list; nothing of theirs is deleted.
    virtual Result<Patient> setPatientArchived(qint64 patientId, bool archived) = 0;

    /// The therapist's dated notes on a patient, oldest first.
    virtual Result<QList<PatientNote>> notes(qint64 patientId) const = 0;
    /// body trimmed and not empty, writtenAt valid; returns it with its id.
    virtual Result<PatientNote> addNote(const PatientNote &note) = 0;
    /// Changes the body and date of the note note.id (its patient stays).
    virtual Result<PatientNote> updateNote(const PatientNote &note) = 0;
    virtual Result<void> deleteNote(qint64 noteId) = 0;

    /// Saves an edited program (program.id must exist; its patient and
    /// creation time stay): name, pain rule, progression sessions and the
    /// items in the given order. An item with the id of one of the program's
    /// items keeps that id (sessions, events and proposals refer to it); an
    /// item with id 0 is new; an item left out is removed from the program
    /// (kept in the database for the history). Every changed prescription is
    /// recorded with `at` (programItemVersions). Refused, with nothing
    /// written: an item id of another program, an unknown exercise, an
    /// invalid prescription (location "items[i].rx.daysPerWeek" etc.), an
    /// empty name, removing an item with a pending proposal, and any change
    /// while a session of the program is in progress. Returns it as stored.
    virtual Result<Program> updateProgram(const Program &program, const QDateTime &at) = 0;
    /// updateProgram() and the acceptance of these pending proposals of the
    /// program's items, in one transaction: the decision is stored only with
    /// the change it makes. Refused, with nothing written: a proposal that is
    /// unknown, already decided, or of another program's item (and every
    /// refusal of updateProgram()). Removing the item of an accepted proposal
    /// is allowed. Returns the program as stored.
    virtual Result<Program> updateProgramAccepting(const Program &program, const QList<qint64> &proposalIds,
                                                   const QDateTime &at) = 0;
    /// Stops (active = false) or restarts a program; history stays.
    virtual Result<Program> setProgramActive(qint64 programId, bool active, const QDateTime &at) = 0;
    /// Every prescription of the program's items over time, removed items
    /// included, by item then time.
    virtual Result<QList<ProgramItemVersion>> programItemVersions(qint64 programId) const = 0;

    /// One patient's sessions with their whole logs, oldest first, read in
    /// one indexed query (the history view and its charts).
    virtual Result<QList<SessionHistory>> sessionHistories(qint64 patientId) const = 0;
    /// One patient's events that carry a pain rating (pain-rated and
    /// pain-stop events), oldest first, without reading the rest of the log
    /// (a partial index): the pain charts of a long history.
    virtual Result<QList<SessionEvent>> painEvents(qint64 patientId) const = 0;
    /// One patient's sessions, oldest first (as sessions()), each with what
    /// its log did per program item, summed by the database in one query
    /// (SessionSummary): the review's prescribed against done, days with data
    /// and pain stops without reading the log row by row.
    virtual Result<QList<SessionSummary>> sessionSummaries(qint64 patientId) const = 0;
    /// The events of painEvents() with only what the review reads of them
    /// (session, seq, time, kind, item, exercise, rating, context, detail;
    /// no id, set, rep, side or hold): the pain trend, cheaper to carry.
    virtual Result<QList<SessionEvent>> painRatings(qint64 patientId) const = 0;
    /// Everything about one patient (the JSON export); nullopt if there is no such patient.
    virtual Result<std::optional<PatientRecord>> patientRecord(qint64 patientId) const = 0;
    /// Adds a whole patient record as a new patient in ONE transaction (the
    /// JSON import, the demo data): every id in the record is replaced by a
    /// new one and the references are mapped; custom exercises are added when
    /// missing and must equal the stored ones otherwise. Validates everything
    /// first and writes nothing on error (locations are paths in the names of
    /// the patient JSON file, docs/exports.md: "sessions[3].events[12].program_item_id").
    /// With RecordUuids::Keep the record's UUIDs are written (new ones where
    /// it has none), and a record one of whose UUIDs this store already has
    /// (a file imported before) is refused; with RecordUuids::New every row
    /// gets a new UUID (a copy beside the patient already there).
    /// Returns the new patient id.
    virtual Result<qint64> addPatientRecord(const PatientRecord &record, RecordUuids uuids) = 0;
    /// The patient who holds a row (the patient, a note, a program, an item
    /// version, a session, a proposal or its decision) of one of these UUIDs,
    /// the patient row itself first; nullopt when none is stored.
    virtual Result<std::optional<Patient>> patientHoldingAny(const QStringList &uuids) const = 0;

    // --- sessions and the append-only log -----------------------------------
    virtual Result<SessionRecord> startSession(qint64 patientId, qint64 programId, const QDateTime &at) = 0;
    /// Appends one event in its own transaction (BEGIN IMMEDIATE ... COMMIT).
    /// Returns the event with id and seq set, only after COMMIT returned.
    /// An event's key is its session's UUID and its seq: with seq 0 the store
    /// gives the next one; with a seq the writer assigned, an event already
    /// stored under that key with the same content is returned as stored
    /// (writing it twice is a no-op) and one with other content is refused.
    virtual Result<SessionEvent> appendEvent(const SessionEvent &event) = 0;
    virtual Result<QList<SessionEvent>> events(qint64 sessionId) const = 0;
    virtual Result<QList<SessionRecord>> sessions(qint64 patientId) const = 0;
    virtual Result<std::optional<SessionRecord>> session(qint64 sessionId) const = 0;
    /// Sessions still "in progress": the program stopped without ending them.
    virtual Result<QList<SessionRecord>> interruptedSessions() const = 0;
    virtual Result<void> finishSession(qint64 sessionId, SessionStatus status, const QDateTime &at, bool flagged) = 0;

    // --- proposals: progression and regression, decided by the therapist ---
    /// Records a pending proposal; returns it with id and status set.
    virtual Result<Proposal> addProposal(const Proposal &proposal) = 0;
    /// A patient's proposals, oldest first; only those with the given status if one is given.
    virtual Result<QList<Proposal>> proposals(qint64 patientId, std::optional<ProposalStatus> status) const = 0;
    /// Accepts or declines a pending proposal; returns it as stored.
    virtual Result<Proposal> decideProposal(qint64 proposalId, ProposalStatus decision, const QDateTime &at) = 0;

    // --- revisions -----------------------------------------------------------
    /// The earlier revisions of the row of that UUID, oldest first; empty for
    /// a row never changed in place (its current revision is the row itself).
    /// A deleted note's last version is kept here too.
    virtual Result<QList<RowRevision>> revisions(const QString &rowUuid) const = 0;

    // --- health --------------------------------------------------------------
    /// The whole check: the schema against a fresh database of its version,
    /// integrity_check, the schema's CHECK and NOT NULL rules row by row,
    /// foreign_key_check and the log's numbering. Reads only.
    virtual Result<StoreHealth> check() const = 0;

protected:
    Store() = default;
};

struct StoreOptions {
    bool readOnly = false; ///< open without writing anything (no migration, no lock)
    /// Before anything is written, a read-write open runs SQLite's
    /// quick_check and refuses a damaged file untouched. It reads the whole
    /// file (about 2 ms per MB from the page cache, more from disk), so it
    /// is skipped when the file is exactly as this store left it at a clean
    /// close less than a day after the last passing check (docs/storage.md,
    /// "Opening a file"). A caller that cannot wait may turn it off and run
    /// check() later; damage is then reported when a damaged part is read
    /// or written.
    bool quickCheckOnOpen = true;
    /// Who makes the changes: written with every revision (revised_by). Empty:
    /// the user name of the operating system (USER, or USERNAME on Windows).
    /// A clinic server puts the database role here.
    QString author;
};

/// The database file used when no --db is given: rehabit.sqlite in
/// QStandardPaths::AppDataLocation.
QString defaultDatabasePath();

/// Opens (creating if needed) a SQLite database, takes the per-file lock,
/// sets the pragmas and migrates it to the current schema. Files that are not
/// Rehabit databases, or have a newer schema, are refused untouched.
Result<std::unique_ptr<Store>> openSqliteStore(const QString &path, const StoreOptions &options = {});

/// The schema version this program writes.
int currentSchemaVersion();

} // namespace rehabit
