#pragma once
// SqliteStore: the embedded Store on one SQLite file (docs/storage.md).
// Private to the core: others use Store and openSqliteStore().

#include "rehabit/store/Store.h"

#include "DatabaseLock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
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

    /// Whether the file at path exists and is refused because its content is
    /// damaged, cut short or not a Rehabit database: what a restore from a
    /// backup repairs. Reads only (quick_check included); takes no lock.
    static bool restoreRepairs(const QString &path);

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
    Result<Program> setProgramActive(qint64 programId, bool active, const QDateTime &at) override;
    Result<QList<ProgramItemVersion>> programItemVersions(qint64 programId) const override;
    Result<QList<SessionHistory>> sessionHistories(qint64 patientId) const override;
    Result<QList<SessionEvent>> painEvents(qint64 patientId) const override;
    Result<QList<SessionSummary>> sessionSummaries(qint64 patientId) const override;
    Result<QList<SessionEvent>> painRatings(qint64 patientId) const override;
    Result<std::optional<PatientRecord>> patientRecord(qint64 patientId) const override;
    Result<qint64> addPatientRecord(const PatientRecord &record) override;

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

    Result<StoreHealth> check() const override;

private:
    SqliteStore(QString path, StoreOptions options, std::unique_ptr<DatabaseLock> lock);

    /// The calling thread's connection: its name, opened and configured on
    /// first use (QSqlDatabase::database(name) fetches it; none is kept).
    Result<QString> connectionName() const;
    Error failure(const QString &what, const QSqlError &error) const;
    Error failure(const QString &what, const QString &reason) const;
    Result<void> writable(const QString &what) const;

    Result<void> initialize();
    Result<Program> readProgram(QSqlQuery &row) const;
    Result<QList<ProgramItem>> programItems(qint64 programId) const;
    Result<std::optional<Proposal>> proposalById(qint64 id) const;
    Result<std::optional<PatientNote>> noteById(qint64 id) const;
    Result<Patient> requirePatient(qint64 id, const QString &what) const;
    /// One UPDATE or DELETE in its own transaction that must change exactly
    /// one row; `missing` is the reason given when it changes none.
    /// Runs a query whose columns are those of eventFromRow() and reads every row.
    Result<QList<SessionEvent>> readEvents(const QString &what, const QString &sql, const QVariantList &values) const;
    Result<void> updateOneRow(const QString &what, const QString &sql, const QVariantList &values,
                              const QString &missing);
    /// Inserts new custom exercises after the existing ones, inside the
    /// caller's open transaction.
    Result<void> insertCustomExercises(const QList<Exercise> &exercises);

    QString m_path;
    StoreOptions m_options;
    QString m_connectionPrefix;
    std::unique_ptr<DatabaseLock> m_lock;
    /// When quick_check last passed on this file (invalid: not checked on
    /// open, or damage was met since: no QuickCheckStamp is written on close).
    mutable QDateTime m_checkedAt;
    int m_schemaVersion = 0;
    mutable QMutex m_connectionsMutex;
    mutable QStringList m_connectionNames;
};

} // namespace rehabit
