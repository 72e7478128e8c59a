#include "SqliteStore.h"

#include "QuickCheckStamp.h"
#include "SchemaMigrator.h"
#include "SqliteError.h"
#include "SqliteRows.h"
#include "SqliteStatements.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/Validation.h"
#include "rehabit/platform/Clock.h"
#include "rehabit/store/Backups.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

std::atomic<quint64> instanceCounter{0};
std::atomic<quint64> threadCounter{0};

/// A number for the calling thread, never reused while the program runs
/// (thread ids and QThread addresses can be).
quint64 threadKey()
{
    thread_local const quint64 key = ++threadCounter;
    return key;
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

// --- opening, connections, errors ----------------------------------------------

SqliteStore::SqliteStore(SqliteDatabaseFile file, QString author)
    : m_file(std::move(file))
    , m_author(std::move(author))
    , m_connectionPrefix(u"rehabit-sqlite-%1-"_s.arg(++instanceCounter))
    , m_checkedAt(m_file.checkedAt())
{
    m_dialect.beginWrite = u"BEGIN IMMEDIATE"_s;
    m_dialect.driverError = [this](const QString &what, const QSqlError &error) { return driverFailure(what, error); };
    m_dialect.refusal = [this](const QString &what, const QString &reason) { return refusal(what, reason); };
}

SqliteStore::~SqliteStore()
{
    QStringList names;
    {
        QMutexLocker locker(&m_connectionsMutex);
        names.swap(m_connectionNames);
    }
    // Closing the last connection checkpoints the WAL into the file; the
    // lock is released after that (m_file is destroyed after this body).
    for (const QString &name : std::as_const(names))
        QSqlDatabase::removeDatabase(name);
    // Only after a clean close (no WAL left), so that the next open can tell
    // whether anything touched the file since (QuickCheckStamp).
    if (m_checkedAt.isValid())
        QuickCheckStamp::write(m_file.path(), m_checkedAt);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path, const StoreOptions &options)
{
    auto file = SqliteDatabaseFile::open(path, options);
    if (!file)
        return file.error();
    QString author = options.author;
    if (author.isEmpty())
        author = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(file).value(), author));
    const auto name = store->connectionName();
    if (!name)
        return name.error();
    auto version = store->m_file.prepare(*name);
    if (!version) {
        store->m_checkedAt = {}; // a refused open writes nothing, not even the stamp
        return version.error();
    }
    store->m_schemaVersion = *version;
    return store;
}

Result<QString> SqliteStore::connectionName() const
{
    const QString name = m_connectionPrefix + QString::number(threadKey());
    if (QSqlDatabase::contains(name))
        return name;
    if (auto opened = m_file.openConnection(name); !opened)
        return opened.error();
    QMutexLocker locker(&m_connectionsMutex);
    m_connectionNames << name;
    return name;
}

SqlSession SqliteStore::sql(const QString &what) const
{
    return SqlSession(connectionName(), m_dialect, what);
}

Result<SqlSession> SqliteStore::sqlWriting(const QString &what) const
{
    if (m_file.readOnly())
        return refusal(what, tr("the database was opened read-only"));
    SqlSession session = sql(what);
    if (auto connected = session.connected(); !connected)
        return connected.error();
    return session;
}

Error SqliteStore::driverFailure(const QString &what, const QSqlError &error) const
{
    Error e = SqliteError::toError(what, error, shown(m_file.path()));
    const int code = SqliteError::primaryCode(error);
    if (code == SqliteError::Corrupt || code == SqliteError::NotADatabase) {
        // The next open must run quick_check again: no stamp on close.
        m_checkedAt = QDateTime();
        const auto backup = latestBackup(m_file.path());
        e.message += u' '
                     + (!backup ? tr("Stop using this database and restore it from a backup copy.")
                                : tr("Stop using this database and restore it from a backup; the newest is %1.")
                                      .arg(shown(backup->path)));
    }
    return e;
}

Error SqliteStore::refusal(const QString &what, const QString &reason) const
{
    return Error{tr("%1: %2").arg(what, reason), shown(m_file.path())};
}

Error SqliteStore::refusedInput(const QString &what, const Error &reason)
{
    return Error{tr("%1: %2").arg(what, reason.message), reason.location};
}

QString SqliteStore::description() const
{
    if (m_file.readOnly())
        return tr("SQLite database %1 (read-only)").arg(shown(m_file.path()));
    return tr("SQLite database %1").arg(shown(m_file.path()));
}

int SqliteStore::schemaVersion() const
{
    return m_schemaVersion;
}

// --- catalog -----------------------------------------------------------------

namespace {

struct StoredExercise {
    QString id;
    ExerciseOrigin origin = ExerciseOrigin::Bundled;
    int sortOrder = 0;
    std::optional<Exercise> definition; ///< nullopt if the stored JSON cannot be read
};

Result<StoredExercise> storedExerciseFromRow(const QSqlQuery &row)
{
    StoredExercise s;
    s.id = row.value(0).toString();
    s.origin = row.value(1).toString() == originCode(ExerciseOrigin::Custom) ? ExerciseOrigin::Custom
                                                                             : ExerciseOrigin::Bundled;
    s.sortOrder = row.value(2).toInt();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(row.value(3).toString().toUtf8(), &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        if (auto parsed = CatalogJson::parseExercise(doc.object()))
            s.definition = std::move(parsed).value();
    }
    return s;
}

struct CatalogMeta {
    int version = 0;
    QString title;
    QString publisher;
    QJsonArray authors;
};

Result<CatalogMeta> catalogMetaFromRow(const QSqlQuery &row)
{
    return CatalogMeta{row.value(0).toInt(), row.value(1).toString(), row.value(2).toString(),
                       QJsonDocument::fromJson(row.value(3).toString().toUtf8()).array()};
}

} // namespace

Result<CatalogImportSummary> SqliteStore::importCatalog(const Catalog &catalog, ExerciseOrigin origin)
{
    const QString what = tr("The catalog was not imported");
    auto sql = sqlWriting(what);
    if (!sql)
        return sql.error();
    // Ids must be unique within the catalog (CatalogJson checks files; a
    // Catalog built in code is checked here).
    if (auto unique = validateCatalogIds(catalog); !unique)
        return unique.error();

    return sql->write([&]() -> Result<CatalogImportSummary> {
        CatalogImportSummary summary;
        summary.catalogVersion = catalog.version;
        const auto rows = sql->all<StoredExercise>(statement::SelectExerciseStates, {}, storedExerciseFromRow);
        if (!rows)
            return rows.error();
        QHash<QString, StoredExercise> stored;
        int nextCustomOrder = 0;
        for (const StoredExercise &s : *rows) {
            if (s.origin == ExerciseOrigin::Custom)
                nextCustomOrder = std::max(nextCustomOrder, s.sortOrder + 1);
            stored.insert(s.id, s);
        }
        CatalogMeta meta;
        if (origin == ExerciseOrigin::Bundled) {
            const auto found = sql->one<CatalogMeta>(statement::SelectCatalogMeta, {}, catalogMetaFromRow);
            if (!found)
                return found.error();
            if (!found->has_value())
                return sql->refuse(tr("the catalog's table is empty"));
            meta = **found;
            if (catalog.version < meta.version) {
                // An older program meeting a newer catalog leaves it alone.
                summary.unchanged = int(catalog.exercises.size());
                summary.catalogVersion = meta.version;
                return summary;
            }
        }

        const QString now = timeText(Clock::nowUtc());
        bool writes = false;
        for (qsizetype i = 0; i < catalog.exercises.size(); ++i) {
            Exercise e = catalog.exercises.at(i);
            e.origin = ExerciseOrigin::Bundled; // as CatalogJson::parseExercise() returns it
            const auto found = stored.constFind(e.id);
            if (found != stored.cend() && found->origin != origin) {
                if (origin == ExerciseOrigin::Custom)
                    return Error{tr("%1 is the id of an exercise bundled with Rehabit; an exercise of your own needs "
                                    "another id. Nothing was imported.")
                                     .arg(e.id),
                                 u"exercises[%1].id"_s.arg(i)};
                // A bundled import never touches the user's own exercises.
                summary.skippedIds << e.id;
                continue;
            }
            int sortOrder = int(i);
            if (origin == ExerciseOrigin::Custom)
                sortOrder = found != stored.cend() ? found->sortOrder : nextCustomOrder++;
            if (found != stored.cend() && found->sortOrder == sortOrder && found->definition == e) {
                ++summary.unchanged;
                continue;
            }
            const bool insert = found == stored.cend();
            const SqlSession one = this->sql(tr("The exercise %1 was not imported").arg(e.id));
            if (!insert)
                if (auto kept = one.exec(statement::KeepExerciseRevision, {e.id}); !kept)
                    return kept.error();
            const QVariantList values =
                exerciseValues(e, sortOrder, now)
                + (insert ? QVariantList{e.id, originCode(origin),
                                         origin == ExerciseOrigin::Custom ? QVariant(newUuid()) : QVariant(), now,
                                         m_author}
                          : QVariantList{m_author, e.id, originCode(origin)});
            if (auto written = one.exec(insert ? statement::InsertExercise : statement::UpdateExercise, values);
                !written)
                return written.error();
            ++(insert ? summary.added : summary.updated);
            writes = true;
        }

        if (origin == ExerciseOrigin::Bundled) {
            const QJsonArray authors = QJsonArray::fromStringList(catalog.sourceAuthors);
            if (catalog.version != meta.version || catalog.source != meta.title
                || catalog.sourcePublisher != meta.publisher || authors != meta.authors || writes) {
                const QVariantList values{catalog.version, text(catalog.source), text(catalog.sourcePublisher),
                                          QString::fromUtf8(QJsonDocument(authors).toJson(QJsonDocument::Compact)),
                                          now};
                if (auto written = sql->exec(statement::UpdateCatalogMeta, values); !written)
                    return written.error();
            }
        }
        return summary;
    });
}

Result<void> SqliteStore::insertCustomExercises(const SqlSession &sql, const QList<Exercise> &exercises)
{
    const auto next = sql.value(statement::NextCustomOrder);
    if (!next)
        return next.error();
    int order = next->toInt();
    const QString now = timeText(Clock::nowUtc());
    for (const Exercise &e : exercises) {
        const SqlSession one = this->sql(tr("The exercise %1 was not added").arg(e.id));
        const QVariantList values = exerciseValues(e, order++, now)
                                    + QVariantList{e.id, originCode(ExerciseOrigin::Custom), newUuid(), now, m_author};
        if (auto written = one.exec(statement::InsertExercise, values); !written)
            return written.error();
    }
    return {};
}

Result<QList<Exercise>> SqliteStore::exercises() const
{
    auto result =
        sql(tr("The exercises could not be read")).all<Exercise>(statement::SelectExercises, {}, exerciseFromRow);
    if (!result)
        return result;
    // Bundled before custom and in catalog order (the SQL order), by phase.
    std::stable_sort(result->begin(), result->end(),
                     [](const Exercise &a, const Exercise &b) { return int(a.phase) < int(b.phase); });
    return result;
}

Result<std::optional<Exercise>> SqliteStore::exercise(const QString &id) const
{
    return sql(tr("The exercise %1 could not be read").arg(id))
        .one<Exercise>(statement::SelectExercise, {id}, exerciseFromRow);
}

Result<int> SqliteStore::catalogVersion() const
{
    const SqlSession sql = this->sql(tr("The catalog version could not be read"));
    const auto meta = sql.one<CatalogMeta>(statement::SelectCatalogMeta, {}, catalogMetaFromRow);
    if (!meta)
        return meta.error();
    if (!meta->has_value())
        return sql.refuse(tr("the catalog's table is empty"));
    return (*meta)->version;
}

Result<Exercise> SqliteStore::saveCustomExercise(const Exercise &exercise)
{
    const QString what = tr("The exercise was not saved");
    if (m_file.readOnly())
        return refusal(what, tr("the database was opened read-only"));
    // The same checks as an entry of a catalog file, with the same paths.
    auto checked = CatalogJson::validCustomExercise(exercise);
    if (!checked)
        return refusedInput(what, checked.error());
    Catalog one;
    one.exercises << *checked;
    auto imported = importCatalog(one, ExerciseOrigin::Custom);
    if (!imported) {
        Error e = imported.error();
        if (e.location == u"exercises[0].id"_s)
            e.location = u"id"_s;
        return e;
    }
    auto saved = this->exercise(exercise.id);
    if (!saved)
        return saved.error();
    if (!saved->has_value())
        return refusal(what, tr("the exercise %1 is missing after saving it").arg(exercise.id));
    return **saved;
}

// --- patients ------------------------------------------------------------------

Result<Patient> SqliteStore::addPatient(const QString &name, const QDateTime &at)
{
    const QString what = tr("The patient was not saved");
    auto sql = sqlWriting(what);
    if (!sql)
        return sql.error();
    const auto valid = validPatientName(name);
    if (!valid)
        return sql->refuse(valid.error().message);
    if (!at.isValid())
        return sql->refuse(tr("the time is not valid"));
    return sql->write([&]() -> Result<Patient> {
        Patient patient;
        patient.uuid = newUuid();
        patient.revision = 1;
        const auto written =
            sql->exec(statement::InsertPatient, {*valid, timeText(at), 0, patient.uuid, 1, timeText(at), m_author});
        if (!written)
            return written.error();
        patient.id = written->lastInsertId;
        patient.name = *valid;
        patient.createdAt = storedTime(at);
        return patient;
    });
}

Result<QList<Patient>> SqliteStore::patients(bool includeArchived) const
{
    return sql(tr("The patients could not be read"))
        .all<Patient>(statement::SelectPatients, {includeArchived ? 1 : 0}, patientFromRow);
}

Result<std::optional<Patient>> SqliteStore::patient(qint64 id) const
{
    return sql(tr("The patient could not be read")).one<Patient>(statement::SelectPatient, {id}, patientFromRow);
}

Result<std::optional<Patient>> SqliteStore::patientByUuid(const QString &uuid) const
{
    const QUuid parsed(uuid);
    if (parsed.isNull())
        return std::optional<Patient>();
    return sql(tr("The patient could not be read"))
        .one<Patient>(statement::SelectPatientByUuid, {parsed.toString(QUuid::WithoutBraces)}, patientFromRow);
}

Result<QList<RowRevision>> SqliteStore::revisions(const QString &rowUuid) const
{
    const QUuid parsed(rowUuid);
    if (parsed.isNull())
        return QList<RowRevision>();
    return sql(tr("The revisions of %1 could not be read").arg(rowUuid))
        .all<RowRevision>(statement::SelectRevisions, {parsed.toString(QUuid::WithoutBraces)}, revisionFromRow);
}

QVariantList SqliteStore::revisedNow() const
{
    return {timeText(Clock::nowUtc()), m_author};
}

Result<Patient> SqliteStore::requirePatient(qint64 id, const QString &what) const
{
    auto found = patient(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return refusal(what, tr("there is no patient %1").arg(id));
    return **found;
}

Result<void> SqliteStore::updateOneRow(const QString &what, const QString &keepRevision, const QString &statement,
                                       const QVariantList &values, qint64 id, const QString &missing)
{
    auto sql = sqlWriting(what);
    if (!sql)
        return sql.error();
    return sql->write([&]() -> Result<void> {
        if (!keepRevision.isEmpty())
            if (auto kept = sql->exec(keepRevision, {id}); !kept)
                return kept.error();
        const auto written = sql->exec(statement, values + QVariantList{id});
        if (!written)
            return written.error();
        if (written->rowsAffected != 1)
            return sql->refuse(missing);
        return {};
    });
}

// --- free functions of Store.h and Backups.h ---------------------------------

QString defaultDatabasePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(u"rehabit.sqlite"_s);
}

Result<std::unique_ptr<Store>> openSqliteStore(const QString &path, const StoreOptions &options)
{
    auto opened = SqliteStore::open(path, options);
    if (!opened)
        return opened.error();
    return std::unique_ptr<Store>(std::move(opened).value());
}

int currentSchemaVersion()
{
    static const int version = SchemaMigrator().targetVersion();
    return version;
}

std::optional<BackupInfo> backupToOffer(const QString &databasePath)
{
    auto backup = latestBackup(databasePath);
    if (!backup || !SqliteDatabaseFile::restoreRepairs(databasePath))
        return std::nullopt;
    return backup;
}

} // namespace rehabit
