#pragma once
// SqliteStore: the embedded Store on one SQLite file (docs/storage.md).
// Private to the core: others use Store and openSqliteStore().
//
// It reads as SQL + mapping: the statements are in SqliteStatements, the rows
// are mapped by SqliteRows, every query runs through an SqlSession (errors in
// words once), the checks that are not about storage are the domain's
// (Validation.h, validateProgram), and the file (header, lock, quick check,
// pragmas, migration) is SqliteDatabaseFile's. Its sources, by part:
// SqliteStore.cpp (connections, catalog, patients), SqliteStorePrograms.cpp,
// SqliteStoreSessions.cpp (sessions, the log, proposals, health),
// SqliteStoreReview.cpp (notes, search, history, records read) and
// SqliteStoreRecord.cpp (a whole record added).

#include "rehabit/store/Store.h"

#include "SqlSession.h"
#include "SqliteDatabaseFile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <memory>

namespace rehabit {

class SqliteStore final : public Store {
    Q_DECLARE_TR_FUNCTIONS(rehabit::SqliteStore)

public:
    /// The database file checks, the lock, the pragmas and the migration
    /// (see openSqliteStore() in Store.h).
    static Result<std::unique_ptr<SqliteStore>> open(const QString &path, const StoreOptions &options);

    ~SqliteStore() override;

    QString description() const override;
    int schemaVersion() const override;

    Result<CatalogImportSummary> importCatalog(const Catalog &catalog, ExerciseOrigin origin) override;
    Result<QList<Exercise>> exercises() const override;
    Result<std::optional<Exercise>> exercise(const QString &id) const override;
    Result<int> catalogVersion() const override;
    Result<Exercise> saveCustomExercise(const Exercise &exercise) override;

    Result<Patient> addPatient(const QString &name, const QDateTime &at) override;
    Result<QList<Patient>> patients(bool includeArchived) const override;
    Result<std::optional<Patient>> patient(qint64 id) const override;
    Result<std::optional<Patient>> patientByUuid(const QString &uuid) const override;
    Result<Program> addProgram(const Program &program) override;
    Result<QList<Program>> programs(qint64 patientId) const override;
    Result<std::optional<Program>> program(qint64 id) const override;

    Result<QList<Patient>> findPatients(const QString &text, bool includeArchived) const override;
    Result<QList<PatientSummary>> patientSummaries(bool includeArchived) const override;
    Result<Patient> renamePatient(qint64 patientId, const QString &name) override;
    Result<Patient> setPatientArchived(qint64 patientId, bool archived) override;
    Result<QList<PatientNote>> notes(qint64 patientId) const override;
    Result<PatientNote> addNote(const PatientNote &note) override;
    Result<PatientNote> updateNote(const PatientNote &note) override;
    Result<void> deleteNote(qint64 noteId) override;
    Result<Program> updateProgram(const Program &program, const QDateTime &at) override;
    Result<Program> updateProgramAccepting(const Program &program, const QList<qint64> &proposalIds,
                                           const QDateTime &at) override;
    Result<Program> setProgramActive(qint64 programId, bool active, const QDateTime &at) override;
    Result<QList<ProgramItemVersion>> programItemVersions(qint64 programId) const override;
    Result<QList<SessionHistory>> sessionHistories(qint64 patientId) const override;
    Result<QList<SessionEvent>> painEvents(qint64 patientId) const override;
    Result<QList<SessionSummary>> sessionSummaries(qint64 patientId) const override;
    Result<QList<SessionEvent>> painRatings(qint64 patientId) const override;
    Result<std::optional<PatientRecord>> patientRecord(qint64 patientId) const override;
    Result<qint64> addPatientRecord(const PatientRecord &record, RecordUuids uuids) override;
    Result<std::optional<Patient>> patientHoldingAny(const QStringList &uuids) const override;

    Result<SessionRecord> startSession(qint64 patientId, qint64 programId, const QDateTime &at) override;
    Result<SessionEvent> appendEvent(const SessionEvent &event) override;
    Result<QList<SessionEvent>> events(qint64 sessionId) const override;
    Result<QList<SessionRecord>> sessions(qint64 patientId) const override;
    Result<std::optional<SessionRecord>> session(qint64 sessionId) const override;
    Result<QList<SessionRecord>> interruptedSessions() const override;
    Result<void> finishSession(qint64 sessionId, SessionStatus status, const QDateTime &at, bool flagged) override;

    Result<Proposal> addProposal(const Proposal &proposal) override;
    Result<QList<Proposal>> proposals(qint64 patientId, std::optional<ProposalStatus> status) const override;
    Result<Proposal> decideProposal(qint64 proposalId, ProposalStatus decision, const QDateTime &at) override;

    Result<QList<RowRevision>> revisions(const QString &rowUuid) const override;

    Result<StoreHealth> check() const override;

private:
    SqliteStore(SqliteDatabaseFile file, QString author);

    /// The calling thread's connection: its name, opened and configured on
    /// first use (QSqlDatabase::database(name) fetches it; none is kept).
    Result<QString> connectionName() const;
    /// The query kit for one operation, `what` its words in errors.
    SqlSession sql(const QString &what) const;
    /// The same for an operation that writes: refused on a read-only store.
    Result<SqlSession> sqlWriting(const QString &what) const;
    Error driverFailure(const QString &what, const QSqlError &error) const;
    Error refusal(const QString &what, const QString &reason) const;
    /// "what: reason" located in the input (a field, a JSON path).
    static Error refusedInput(const QString &what, const Error &reason);

    /// Accepts or declines a pending proposal, inside the caller's write transaction.
    Result<void> writeDecision(const SqlSession &sql, qint64 proposalId, ProposalStatus decision,
                               const QDateTime &at) const;
    /// The items, versions and settings of updateProgram(), inside the caller's write transaction.
    Result<void> writeProgramEdit(const SqlSession &sql, const Program &program, const QDateTime &at) const;
    Result<QList<ProgramItem>> programItems(const SqlSession &sql, qint64 programId) const;
    Result<Program> withItems(const SqlSession &sql, Program program) const;
    Result<Patient> requirePatient(qint64 id, const QString &what) const;
    /// One UPDATE or DELETE of row `id` in its own transaction that must
    /// change exactly one row; `missing` is the reason given when it changes
    /// none. keepRevision (if not empty) first copies the row as it was into
    /// row_revision.
    Result<void> updateOneRow(const QString &what, const QString &keepRevision, const QString &statement,
                              const QVariantList &values, qint64 id, const QString &missing);
    /// The values that close an UPDATE of a revised row: revised_at (now), revised_by.
    QVariantList revisedNow() const;
    /// Inserts new custom exercises after the existing ones, inside the
    /// caller's open transaction.
    Result<void> insertCustomExercises(const SqlSession &sql, const QList<Exercise> &exercises);

    SqliteDatabaseFile m_file;
    QString m_author; ///< revised_by of every change (StoreOptions::author)
    SqlDialect m_dialect;
    QString m_connectionPrefix;
    /// When quick_check last passed on this file (invalid: not checked on
    /// open, or damage was met since: no QuickCheckStamp is written on close).
    mutable QDateTime m_checkedAt;
    int m_schemaVersion = 0;
    mutable QMutex m_connectionsMutex;
    mutable QStringList m_connectionNames;
};

} // namespace rehabit
