#include "SqliteStore.h"

#include "DatabaseBackup.h"
#include "QuickCheckStamp.h"
#include "SchemaMigrator.h"
#include "SqliteError.h"
#include "SqliteFileHeader.h"
#include "SqliteSupport.h"
#include "SqliteTransaction.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Backups.h"
#include "rehabit/catalog/CatalogJson.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QSet>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <functional>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

constexpr int BusyTimeoutMs = 5000;
const QString DriverName = u"QSQLITE"_s;

// --- connection set-up -------------------------------------------------------
// Per connection; journal_mode=WAL is stored in the file and set once on open.
const QStringList ReadWritePragmas = {
    u"PRAGMA foreign_keys = ON"_s,
    u"PRAGMA synchronous = FULL"_s,
    u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs),
};
const QStringList ReadOnlyPragmas = {
    u"PRAGMA query_only = ON"_s,
    u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs),
};
const QString JournalModeWalSql = u"PRAGMA journal_mode = WAL"_s;

// --- inspection and health (read only) ---------------------------------------
const QString ApplicationIdSql = u"PRAGMA application_id"_s;
const QString UserVersionSql = u"PRAGMA user_version"_s;
const QString SchemaObjectCountSql = u"SELECT count(*) FROM sqlite_master"_s;
const QString QuickCheckSql = u"PRAGMA quick_check"_s;
const QString IntegrityCheckSql = u"PRAGMA integrity_check"_s;
const QString ForeignKeyCheckSql = u"PRAGMA foreign_key_check"_s;

// --- catalog ----------------------------------------------------------------
const QString SelectCatalogMetaSql =
    u"SELECT bundled_version, source_title, source_publisher, source_authors FROM catalog_meta WHERE id = 1"_s;
const QString UpdateCatalogMetaSql =
    u"UPDATE catalog_meta SET bundled_version = ?, source_title = ?, source_publisher = ?, source_authors = ?, "
    u"imported_at = ? WHERE id = 1"_s;
const QString SelectExerciseStateSql = u"SELECT id, origin, sort_order, definition FROM exercise"_s;
const QString InsertExerciseSql =
    u"INSERT INTO exercise (name, phase, category, kind, sides, sort_order, "
    u"sets_min, sets_max, sets_default, reps_min, reps_max, reps_default, "
    u"hold_seconds_min, hold_seconds_max, hold_seconds_default, "
    u"duration_seconds_min, duration_seconds_max, duration_seconds_default, definition, updated_at, id, origin) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString UpdateExerciseSql =
    u"UPDATE exercise SET name = ?, phase = ?, category = ?, kind = ?, sides = ?, sort_order = ?, "
    u"sets_min = ?, sets_max = ?, sets_default = ?, reps_min = ?, reps_max = ?, reps_default = ?, "
    u"hold_seconds_min = ?, hold_seconds_max = ?, hold_seconds_default = ?, "
    u"duration_seconds_min = ?, duration_seconds_max = ?, duration_seconds_default = ?, definition = ?, "
    u"updated_at = ? WHERE id = ? AND origin = ?"_s;
const QString SelectExercisesSql = u"SELECT id, origin, definition FROM exercise "
                                   u"ORDER BY CASE origin WHEN 'bundled' THEN 0 ELSE 1 END, sort_order, id"_s;
const QString SelectExerciseSql = u"SELECT id, origin, definition FROM exercise WHERE id = ?"_s;
const QString NextCustomOrderSql = u"SELECT COALESCE(MAX(sort_order) + 1, 0) FROM exercise WHERE origin = 'custom'"_s;

// --- patients and programs ---------------------------------------------------
const QString InsertPatientSql = u"INSERT INTO patient (name, created_at, archived) VALUES (?, ?, 0)"_s;
const QString SelectPatientsSql =
    u"SELECT id, name, created_at, archived FROM patient WHERE archived = 0 OR ? = 1 ORDER BY id"_s;
const QString SelectPatientSql = u"SELECT id, name, created_at, archived FROM patient WHERE id = ?"_s;
const QString InsertProgramSql =
    u"INSERT INTO program (patient_id, name, pain_rule, progression_sessions, active, created_at, deactivated_at) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s;
const QString InsertProgramItemSql =
    u"INSERT INTO program_item (program_id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, "
    u"follow_up_seconds, rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, "
    u"position_seconds, sides, load, tempo, days_per_week) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectProgramsSql =
    u"SELECT id, patient_id, name, pain_rule, progression_sessions, active, created_at, deactivated_at FROM program "
    u"WHERE patient_id = ? ORDER BY created_at, id"_s;
const QString SelectProgramSql =
    u"SELECT id, patient_id, name, pain_rule, progression_sessions, active, created_at, deactivated_at FROM program "
    u"WHERE id = ?"_s;
const QString SelectProgramItemsSql =
    u"SELECT id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, follow_up_seconds, "
    u"rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, position_seconds, sides, load, "
    u"tempo, days_per_week FROM program_item WHERE program_id = ? AND removed_at IS NULL ORDER BY position"_s;

// --- sessions and the log ----------------------------------------------------
const QString ProgramOfPatientSql = u"SELECT count(*) FROM program WHERE id = ? AND patient_id = ?"_s;
const QString InsertSessionSql =
    u"INSERT INTO session (patient_id, program_id, started_at, status, flagged) VALUES (?, ?, ?, 'in-progress', 0)"_s;
const QString SelectSessionsSql =
    u"SELECT id, patient_id, program_id, started_at, ended_at, status, flagged FROM session "
    u"WHERE patient_id = ? ORDER BY started_at, id"_s;
const QString SelectSessionSql =
    u"SELECT id, patient_id, program_id, started_at, ended_at, status, flagged FROM session WHERE id = ?"_s;
const QString SelectInterruptedSessionsSql =
    u"SELECT id, patient_id, program_id, started_at, ended_at, status, flagged FROM session "
    u"WHERE status = 'in-progress' ORDER BY started_at, id"_s;
const QString FinishSessionSql =
    u"UPDATE session SET status = ?, ended_at = ?, flagged = ? WHERE id = ? AND status = 'in-progress'"_s;
const QString SessionStatusSql = u"SELECT status FROM session WHERE id = ?"_s;
const QString NextEventSeqSql = u"SELECT COALESCE(MAX(seq), 0) + 1 FROM session_event WHERE session_id = ?"_s;
const QString InsertEventSql =
    u"INSERT INTO session_event (session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, rep_index, "
    u"side, hold_ms, pain, pain_context, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectEventsSql =
    u"SELECT id, session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, rep_index, side, hold_ms, "
    u"pain, pain_context, detail FROM session_event WHERE session_id = ? ORDER BY seq"_s;

// --- proposals ---------------------------------------------------------------
const QString InsertProposalSql =
    u"INSERT INTO proposal (program_item_id, session_id, kind, reason, created_at, status) "
    u"VALUES (?, ?, ?, ?, ?, 'pending')"_s;
const QString SelectProposalsSql =
    u"SELECT p.id, p.program_item_id, p.session_id, p.kind, p.reason, p.created_at, p.status, p.decided_at "
    u"FROM proposal p JOIN program_item i ON i.id = p.program_item_id JOIN program g ON g.id = i.program_id "
    u"WHERE g.patient_id = ? AND (? IS NULL OR p.status = ?) ORDER BY p.created_at, p.id"_s;
const QString SelectProposalSql =
    u"SELECT p.id, p.program_item_id, p.session_id, p.kind, p.reason, p.created_at, p.status, p.decided_at "
    u"FROM proposal p WHERE p.id = ?"_s;
const QString DecideProposalSql =
    u"UPDATE proposal SET status = ?, decided_at = ? WHERE id = ? AND status = 'pending'"_s;
const QString ProposalStatusSql = u"SELECT status FROM proposal WHERE id = ?"_s;

std::atomic<quint64> instanceCounter{0};
std::atomic<quint64> threadCounter{0};
std::atomic<quint64> inspectionCounter{0};

/// A number for the calling thread, never reused while the program runs
/// (thread ids and QThread addresses can be).
quint64 threadKey()
{
    thread_local const quint64 key = ++threadCounter;
    return key;
}

QString originCode(ExerciseOrigin origin)
{
    return origin == ExerciseOrigin::Bundled ? BundledCode : CustomCode;
}

void appendRange(QVariantList &values, const std::optional<Range> &range)
{
    if (range)
        values << range->min << range->max << range->def;
    else
        values << QVariant() << QVariant() << QVariant();
}

/// The column values of an exercise row, in the order of InsertExerciseSql
/// and UpdateExerciseSql.
QVariantList exerciseValues(const Exercise &e, int sortOrder, const QString &now, ExerciseOrigin origin)
{
    QVariantList values{text(e.name), toCode(e.phase), text(e.category), toCode(e.kind), toCode(e.sides), sortOrder};
    appendRange(values, e.dosage.sets);
    appendRange(values, e.dosage.reps);
    appendRange(values, e.dosage.holdSeconds);
    appendRange(values, e.dosage.durationSeconds);
    values << QString::fromUtf8(QJsonDocument(CatalogJson::toJson(e)).toJson(QJsonDocument::Compact)) << now << e.id
           << originCode(origin);
    return values;
}

/// What a read-only look at an existing file found, before anything writes.
struct FileState {
    quint32 applicationId = 0;
    int userVersion = 0;
    int schemaObjects = 0;
    QStringList damage; ///< quick_check rows other than "ok"
    bool isNew() const { return applicationId == 0 && userVersion == 0 && schemaObjects == 0; }
    bool isRehabit() const { return applicationId == SchemaMigrator::ApplicationId; }
};

Error damagedError(const QString &path, const QString &detail)
{
    const auto backup = latestBackup(path);
    if (!backup)
        return Error{
            SqliteStore::tr("The database %1 is damaged (%2). Nothing was changed. Restore it from a backup copy.")
                .arg(shown(path), detail),
            QString()};
    return Error{SqliteStore::tr("The database %1 is damaged (%2). Nothing was changed. Restore it from a backup; "
                                 "the newest is %3.")
                     .arg(shown(path), detail, shown(backup->path)),
                 QString()};
}

Error notRehabitError(const QString &path)
{
    return Error{SqliteStore::tr("%1 is a SQLite database of another program, not a Rehabit database. Nothing was "
                                 "changed; choose another file.")
                     .arg(shown(path)),
                 QString()};
}

Error notSqliteError(const QString &path)
{
    return Error{SqliteStore::tr("%1 is not a Rehabit database: it is not a SQLite database file at all. Nothing was "
                                 "changed; choose another file.")
                     .arg(shown(path)),
                 QString()};
}

Error newerSchemaError(const QString &path, int version)
{
    return Error{
        SqliteStore::tr("The database %1 has schema version %2, written by a newer Rehabit; this program knows "
                        "versions up to %3. Nothing was changed: update Rehabit to open it.")
            .arg(shown(path), QString::number(version), QString::number(currentSchemaVersion())),
        QString()};
}

/// An error of the inspecting connection; `repairable` tells whether the
/// file's content is the problem (a restore from a backup would help).
Error inspectionError(const QString &path, const QSqlError &error, bool *repairable)
{
    switch (SqliteError::primaryCode(error)) {
    case SqliteError::NotADatabase: *repairable = true; return notSqliteError(path);
    case SqliteError::Corrupt: *repairable = true; return damagedError(path, error.databaseText());
    default:
        *repairable = false;
        return SqliteError::toError(SqliteStore::tr("The database %1 cannot be read").arg(shown(path)), error,
                                    QString());
    }
}

/// The first few problems quick_check or integrity_check reported, on one line.
QString damageSummary(const QStringList &rows)
{
    QStringList lines;
    for (const QString &row : rows)
        for (const QString &line : row.split(u'\n', Qt::SkipEmptyParts))
            if (!line.startsWith(u"***"_s))
                lines << line.trimmed();
    constexpr qsizetype Shown = 3;
    if (lines.size() > Shown)
        return lines.first(Shown).join(u"; "_s)
               + SqliteStore::tr("; and %n more problem(s)", nullptr, int(lines.size() - Shown));
    return lines.join(u"; "_s);
}

/// Reads application_id, user_version and the number of schema objects on a
/// read-only connection of its own, and runs quick_check on a Rehabit
/// database this program can open when quickCheck is set. Nothing is
/// written, not even a checkpoint on close: without a WAL file the main file
/// is the whole database and is opened immutable (no -wal or -shm file is
/// created); with one, SQLite must read it and a plain read-only connection is used.
Result<FileState> inspect(const QString &path, bool quickCheck, bool *repairable)
{
    const QString name = u"rehabit-sqlite-inspect-"_s + QString::number(++inspectionCounter);
    const bool hasWal = QFileInfo(path + u"-wal"_s).size() > 0;
    const QString uri =
        QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + (hasWal ? u"?mode=ro"_s : u"?mode=ro&immutable=1"_s);
    Result<FileState> result = FileState{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(DriverName, name);
        db.setDatabaseName(uri);
        db.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        if (!db.open()) {
            result = inspectionError(path, db.lastError(), repairable);
        } else {
            FileState state;
            QSqlQuery query(db);
            query.setForwardOnly(true);
            bool ok = query.exec(ApplicationIdSql) && query.next();
            if (ok) {
                state.applicationId = quint32(query.value(0).toLongLong());
                ok = query.exec(UserVersionSql) && query.next();
            }
            if (ok) {
                state.userVersion = query.value(0).toInt();
                ok = query.exec(SchemaObjectCountSql) && query.next();
            }
            if (ok) {
                state.schemaObjects = query.value(0).toInt();
                if (quickCheck && state.isRehabit() && state.userVersion <= currentSchemaVersion()) {
                    ok = query.exec(QuickCheckSql);
                    while (ok && query.next())
                        state.damage << query.value(0).toString();
                    if (state.damage == QStringList{u"ok"_s})
                        state.damage.clear();
                }
            }
            if (ok)
                result = state;
            else
                result = inspectionError(path, query.lastError(), repairable);
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

/// Why a file is not opened, and whether replacing it by a backup is the remedy.
struct Refusal {
    Error error;
    bool restoreRepairs = false;
};

/// The folder and the file's permissions.
std::optional<Refusal> checkPlace(const QString &absolute, const StoreOptions &options)
{
    const QFileInfo info(absolute);
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists())
        return Refusal{Error{
            SqliteStore::tr("The folder %1 does not exist, so the database %2 cannot be opened. Create the folder, "
                            "or choose another database file.")
                .arg(shown(folder.absoluteFilePath()), info.fileName()),
            QString()}};
    if (!folder.isDir())
        return Refusal{Error{SqliteStore::tr("%1 is not a folder, so the database %2 cannot be opened there.")
                                 .arg(shown(folder.absoluteFilePath()), info.fileName()),
                             QString()}};
    if (info.exists()) {
        if (info.isDir())
            return Refusal{
                Error{SqliteStore::tr("%1 is a folder, not a database file.").arg(shown(absolute)), QString()}};
        if (!info.isReadable())
            return Refusal{
                Error{SqliteStore::tr("The database %1 cannot be read: check its permissions.").arg(shown(absolute)),
                      QString()}};
        constexpr auto anyWrite = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
        if (!options.readOnly && (!info.isWritable() || !(info.permissions() & anyWrite)))
            return Refusal{Error{
                SqliteStore::tr("The database %1 is read-only. Nothing was changed. Make the file writable to use "
                                "it ('rehabit-cli check' can still examine it).")
                    .arg(shown(absolute)),
                QString()}};
    } else if (options.readOnly) {
        return Refusal{Error{SqliteStore::tr("The database %1 does not exist.").arg(shown(absolute)), QString()}};
    }
    return std::nullopt;
}

/// What the first 100 bytes say.
std::optional<Refusal> checkHeader(const QString &absolute, const SqliteFileHeader &header, const StoreOptions &options)
{
    switch (header.kind) {
    case SqliteFileHeader::Kind::Unreadable:
        return Refusal{Error{
            SqliteStore::tr("The database %1 cannot be read: %2").arg(shown(absolute), header.errorString), QString()}};
    case SqliteFileHeader::Kind::NotSqlite: return Refusal{notSqliteError(absolute), true};
    case SqliteFileHeader::Kind::Empty:
        if (options.readOnly)
            return Refusal{
                Error{SqliteStore::tr("The database %1 is empty: it holds no Rehabit data yet.").arg(shown(absolute)),
                      QString()}};
        break;
    case SqliteFileHeader::Kind::Sqlite:
        if (header.applicationId != 0 && header.applicationId != SchemaMigrator::ApplicationId)
            return Refusal{notRehabitError(absolute), true};
        // Without a WAL file holding newer pages the main file must be as
        // long as its header says; SQLite itself would read the missing end as zeros.
        if (header.isTruncated() && QFileInfo(absolute + u"-wal"_s).size() == 0)
            return Refusal{
                damagedError(absolute,
                             SqliteStore::tr("the file is %1 bytes long, but its header records %2 pages of %3 "
                                             "bytes: it was cut short")
                                 .arg(QString::number(header.fileSize), QString::number(header.pageCount),
                                      QString::number(header.pageSize))),
                true};
        break;
    case SqliteFileHeader::Kind::Missing: break;
    }
    return std::nullopt;
}

/// What a read-only SQLite connection found.
std::optional<Refusal> checkState(const QString &absolute, const FileState &state, const StoreOptions &options)
{
    if (state.isNew()) {
        if (options.readOnly)
            return Refusal{
                Error{SqliteStore::tr("The database %1 is empty: it holds no Rehabit data yet.").arg(shown(absolute)),
                      QString()}};
        return std::nullopt;
    }
    if (!state.isRehabit())
        return Refusal{notRehabitError(absolute), true};
    // A newer Rehabit's file is not damaged: the remedy is updating Rehabit,
    // and an older backup would lose what the newer program wrote.
    if (state.userVersion > currentSchemaVersion())
        return Refusal{newerSchemaError(absolute, state.userVersion)};
    if (state.userVersion < 1)
        return Refusal{damagedError(absolute, SqliteStore::tr("it has no schema version")), true};
    if (!state.damage.isEmpty())
        return Refusal{damagedError(absolute, damageSummary(state.damage)), true};
    return std::nullopt;
}

} // namespace

// --- opening -----------------------------------------------------------------

SqliteStore::SqliteStore(QString path, StoreOptions options, std::unique_ptr<DatabaseLock> lock)
    : m_path(std::move(path))
    , m_options(options)
    , m_connectionPrefix(u"rehabit-sqlite-%1-"_s.arg(++instanceCounter))
    , m_lock(std::move(lock))
{}

SqliteStore::~SqliteStore()
{
    QStringList names;
    {
        QMutexLocker locker(&m_connectionsMutex);
        names.swap(m_connectionNames);
    }
    // Closing the last connection checkpoints the WAL into the file; the
    // lock is released after that (m_lock is destroyed after this body).
    for (const QString &name : std::as_const(names))
        QSqlDatabase::removeDatabase(name);
    // Only after a clean close (no WAL left), so that the next open can tell
    // whether anything touched the file since (QuickCheckStamp).
    if (m_checkedAt.isValid())
        QuickCheckStamp::write(m_path, m_checkedAt);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path, const StoreOptions &options)
{
    if (path.trimmed().isEmpty())
        return Error{tr("No database file was given."), QString()};
    const QString absolute = QFileInfo(path).absoluteFilePath();

    // Checks that need no SQLite at all, then a look at the header. Nothing
    // is created here: a missing folder of an explicit path is the user's to create.
    if (auto refused = checkPlace(absolute, options))
        return refused->error;
    const SqliteFileHeader header = SqliteFileHeader::read(absolute);
    if (auto refused = checkHeader(absolute, header, options))
        return refused->error;

    std::unique_ptr<DatabaseLock> lock;
    if (!options.readOnly) {
        auto acquired = DatabaseLock::acquire(absolute);
        if (!acquired)
            return acquired.error();
        lock = std::move(acquired).value();
    }

    // quick_check is skipped when the file is exactly as this program left it
    // after a clean close less than a day after the last passing check
    // (QuickCheckStamp); checkedAt is when it last passed.
    const bool checking = !options.readOnly && options.quickCheckOnOpen;
    QDateTime checkedAt;
    if (header.kind == SqliteFileHeader::Kind::Sqlite) {
        bool quickCheck = false;
        if (checking) {
            checkedAt = QuickCheckStamp::validCheck(absolute, Clock::nowUtc());
            quickCheck = !checkedAt.isValid();
        }
        bool repairable = false;
        const auto inspected = inspect(absolute, quickCheck, &repairable);
        if (!inspected)
            return inspected.error();
        if (auto refused = checkState(absolute, *inspected, options))
            return refused->error;
    }

    std::unique_ptr<SqliteStore> store(new SqliteStore(absolute, options, std::move(lock)));
    if (checking) {
        // A new file, or one that passed quick_check just now. The stamp is
        // written again when the store closes cleanly.
        if (!checkedAt.isValid())
            checkedAt = Clock::nowUtc();
        store->m_checkedAt = checkedAt;
        QuickCheckStamp::remove(absolute);
    }
    if (auto ready = store->initialize(); !ready)
        return ready.error();
    return store;
}

bool SqliteStore::restoreRepairs(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo(absolute).isFile())
        return false;
    // As a read-only open sees it (a read-only file is not damaged), plus the quick check.
    StoreOptions options;
    options.readOnly = true;
    if (auto refused = checkPlace(absolute, options))
        return refused->restoreRepairs;
    const SqliteFileHeader header = SqliteFileHeader::read(absolute);
    if (auto refused = checkHeader(absolute, header, options))
        return refused->restoreRepairs;
    if (header.kind != SqliteFileHeader::Kind::Sqlite)
        return false;
    bool repairable = false;
    const auto inspected = inspect(absolute, true, &repairable);
    if (!inspected)
        return repairable;
    if (auto refused = checkState(absolute, *inspected, options))
        return refused->restoreRepairs;
    return false;
}

Result<void> SqliteStore::initialize()
{
    const QString what = tr("The database %1 cannot be opened").arg(shown(m_path));
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!query.exec(UserVersionSql) || !query.next())
        return SqliteError::toError(what, query.lastError(), QString());
    const int version = query.value(0).toInt();
    query.finish();
    m_schemaVersion = version;
    if (m_options.readOnly)
        return {};

    if (!query.exec(JournalModeWalSql) || !query.next())
        return SqliteError::toError(what, query.lastError(), QString());
    const QString mode = query.value(0).toString();
    query.finish();
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return Error{tr("%1: it cannot use write-ahead logging (journal mode is %2). Keep the database on a local "
                        "disk.")
                         .arg(what, mode),
                     QString()};

    const SchemaMigrator migrator;
    const int target = migrator.targetVersion();
    if (version == target)
        return {};
    if (version >= 1) {
        // An existing database is copied and the copy checked before its
        // schema changes.
        auto backup = DatabaseBackup::write(*name, m_path, BackupKind::BeforeUpgrade, Clock::nowUtc());
        if (!backup)
            return Error{backup.error().message + u' ' + tr("The database was not upgraded."), QString()};
    }
    if (auto migrated = migrator.migrate(*name, version, m_path); !migrated)
        return migrated.error();
    m_schemaVersion = target;
    return {};
}

Result<QString> SqliteStore::connectionName() const
{
    const QString name = m_connectionPrefix + QString::number(threadKey());
    if (QSqlDatabase::contains(name))
        return name;
    std::optional<Error> error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(DriverName, name);
        db.setDatabaseName(m_path);
        if (m_options.readOnly)
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        else
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        const QString what = tr("The database %1 cannot be opened").arg(shown(m_path));
        if (!db.open()) {
            error = SqliteError::toError(what, db.lastError(), QString());
        } else {
            QSqlQuery query(db);
            for (const QString &pragma : m_options.readOnly ? ReadOnlyPragmas : ReadWritePragmas) {
                if (!query.exec(pragma)) {
                    error = SqliteError::toError(what, query.lastError(), QString());
                    break;
                }
            }
            query.finish();
            if (error)
                db.close();
        }
    }
    if (error) {
        QSqlDatabase::removeDatabase(name);
        return *error;
    }
    QMutexLocker locker(&m_connectionsMutex);
    m_connectionNames << name;
    return name;
}

Error SqliteStore::failure(const QString &what, const QSqlError &error) const
{
    Error e = SqliteError::toError(what, error, shown(m_path));
    const int code = SqliteError::primaryCode(error);
    if (code == SqliteError::Corrupt || code == SqliteError::NotADatabase) {
        // The next open must run quick_check again: no stamp on close.
        m_checkedAt = QDateTime();
        const auto backup = latestBackup(m_path);
        e.message += u' '
                     + (!backup ? tr("Stop using this database and restore it from a backup copy.")
                                : tr("Stop using this database and restore it from a backup; the newest is %1.")
                                      .arg(shown(backup->path)));
    }
    return e;
}

Error SqliteStore::failure(const QString &what, const QString &reason) const
{
    return Error{tr("%1: %2").arg(what, reason), shown(m_path)};
}

Result<void> SqliteStore::writable(const QString &what) const
{
    if (m_options.readOnly)
        return failure(what, tr("the database was opened read-only"));
    return {};
}

QString SqliteStore::description() const
{
    if (m_options.readOnly)
        return tr("SQLite database %1 (read-only)").arg(shown(m_path));
    return tr("SQLite database %1").arg(shown(m_path));
}

int SqliteStore::schemaVersion() const
{
    return m_schemaVersion;
}

// --- catalog -----------------------------------------------------------------

namespace {

struct StoredExercise {
    ExerciseOrigin origin = ExerciseOrigin::Bundled;
    int sortOrder = 0;
    std::optional<Exercise> definition; ///< nullopt if the stored JSON cannot be read
};

} // namespace

Result<CatalogImportSummary> SqliteStore::importCatalog(const Catalog &catalog, ExerciseOrigin origin)
{
    const QString what = tr("The catalog was not imported");
    if (auto ok = writable(what); !ok)
        return ok.error();
    const auto name = connectionName();
    if (!name)
        return name.error();

    // Ids must be unique within the catalog (CatalogJson checks files; a
    // Catalog built in code is checked here).
    {
        QHash<QString, qsizetype> seen;
        for (qsizetype i = 0; i < catalog.exercises.size(); ++i) {
            const QString &id = catalog.exercises.at(i).id;
            if (seen.contains(id))
                return Error{tr("the id %1 is already used by exercises[%2]: every id must be unique")
                                 .arg(id, QString::number(seen.value(id))),
                             u"exercises[%1].id"_s.arg(i)};
            seen.insert(id, i);
        }
    }

    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);

    CatalogImportSummary summary;
    summary.catalogVersion = catalog.version;
    bool writes = false;
    {
        QSqlQuery query = newQuery(*name);

        QHash<QString, StoredExercise> stored;
        int nextCustomOrder = 0;
        if (!run(query, SelectExerciseStateSql))
            return failure(what, query.lastError());
        while (query.next()) {
            StoredExercise s;
            s.origin = query.value(1).toString() == CustomCode ? ExerciseOrigin::Custom : ExerciseOrigin::Bundled;
            s.sortOrder = query.value(2).toInt();
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(query.value(3).toString().toUtf8(), &parseError);
            if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
                if (auto parsed = CatalogJson::parseExercise(doc.object()))
                    s.definition = std::move(parsed).value();
            }
            if (s.origin == ExerciseOrigin::Custom)
                nextCustomOrder = std::max(nextCustomOrder, s.sortOrder + 1);
            stored.insert(query.value(0).toString(), std::move(s));
        }

        int storedVersion = 0;
        QJsonArray storedAuthors;
        QString storedTitle;
        QString storedPublisher;
        if (origin == ExerciseOrigin::Bundled) {
            if (!run(query, SelectCatalogMetaSql) || !query.next())
                return failure(what, query.lastError());
            storedVersion = query.value(0).toInt();
            storedTitle = query.value(1).toString();
            storedPublisher = query.value(2).toString();
            storedAuthors = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).array();
            if (catalog.version < storedVersion) {
                // An older program meeting a newer catalog leaves it alone.
                summary.unchanged = int(catalog.exercises.size());
                summary.catalogVersion = storedVersion;
                return summary;
            }
        }

        const QString now = timeText(Clock::nowUtc());
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
            if (!run(query, insert ? InsertExerciseSql : UpdateExerciseSql, exerciseValues(e, sortOrder, now, origin)))
                return failure(tr("The exercise %1 was not imported").arg(e.id), query.lastError());
            ++(insert ? summary.added : summary.updated);
            writes = true;
        }

        if (origin == ExerciseOrigin::Bundled) {
            const QJsonArray authors = QJsonArray::fromStringList(catalog.sourceAuthors);
            if (catalog.version != storedVersion || catalog.source != storedTitle
                || catalog.sourcePublisher != storedPublisher || authors != storedAuthors || writes) {
                const QVariantList values{catalog.version, text(catalog.source), text(catalog.sourcePublisher),
                                          QString::fromUtf8(QJsonDocument(authors).toJson(QJsonDocument::Compact)),
                                          now};
                if (!run(query, UpdateCatalogMetaSql, values))
                    return failure(what, query.lastError());
                writes = true;
            }
        }
    }
    if (!writes) {
        transaction.rollback(); // an identical import writes nothing
        return summary;
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return summary;
}

Result<void> SqliteStore::insertCustomExercises(const QList<Exercise> &exercises)
{
    const QString what = tr("The custom exercises were not added");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, NextCustomOrderSql) || !query.next())
        return failure(what, query.lastError());
    int order = query.value(0).toInt();
    const QString now = timeText(Clock::nowUtc());
    for (const Exercise &e : exercises)
        if (!run(query, InsertExerciseSql, exerciseValues(e, order++, now, ExerciseOrigin::Custom)))
            return failure(tr("The exercise %1 was not added").arg(e.id), query.lastError());
    return {};
}

Result<QList<Exercise>> SqliteStore::exercises() const
{
    const QString what = tr("The exercises could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectExercisesSql))
        return failure(what, query.lastError());
    QList<Exercise> result;
    while (query.next()) {
        auto e = exerciseFromRow(query, 0);
        if (!e)
            return failure(what, e.error().message);
        result.append(std::move(e).value());
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    // Bundled before custom and in catalog order (the SQL order), by phase.
    std::stable_sort(result.begin(), result.end(),
                     [](const Exercise &a, const Exercise &b) { return int(a.phase) < int(b.phase); });
    return result;
}

Result<std::optional<Exercise>> SqliteStore::exercise(const QString &id) const
{
    const QString what = tr("The exercise %1 could not be read").arg(id);
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectExerciseSql, {id}))
        return failure(what, query.lastError());
    if (!query.next()) {
        if (query.lastError().isValid())
            return failure(what, query.lastError());
        return std::optional<Exercise>();
    }
    auto e = exerciseFromRow(query, 0);
    if (!e)
        return failure(what, e.error().message);
    return std::optional<Exercise>(std::move(e).value());
}

Result<int> SqliteStore::catalogVersion() const
{
    const QString what = tr("The catalog version could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectCatalogMetaSql) || !query.next())
        return failure(what, query.lastError());
    return query.value(0).toInt();
}

// --- patients and programs ---------------------------------------------------

namespace {} // namespace

Result<Patient> SqliteStore::addPatient(const QString &name, const QDateTime &at)
{
    const QString what = tr("The patient was not saved");
    if (auto ok = writable(what); !ok)
        return ok.error();
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return failure(what, tr("a patient needs a name"));
    if (!at.isValid())
        return failure(what, tr("the time is not valid"));
    const auto connection = connectionName();
    if (!connection)
        return connection.error();
    SqliteTransaction transaction(*connection);
    if (auto error = transaction.begin())
        return failure(what, *error);
    Patient patient;
    patient.name = trimmed;
    patient.createdAt = timeValue(timeText(at));
    {
        QSqlQuery query = newQuery(*connection);
        if (!run(query, InsertPatientSql, {trimmed, timeText(at)}))
            return failure(what, query.lastError());
        patient.id = query.lastInsertId().toLongLong();
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return patient;
}

Result<QList<Patient>> SqliteStore::patients(bool includeArchived) const
{
    const QString what = tr("The patients could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectPatientsSql, {includeArchived ? 1 : 0}))
        return failure(what, query.lastError());
    QList<Patient> result;
    while (query.next())
        result.append(patientFromRow(query));
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    return result;
}

Result<std::optional<Patient>> SqliteStore::patient(qint64 id) const
{
    const QString what = tr("The patient could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectPatientSql, {id}))
        return failure(what, query.lastError());
    if (query.next())
        return std::optional<Patient>(patientFromRow(query));
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    return std::optional<Patient>();
}

Result<Program> SqliteStore::addProgram(const Program &program)
{
    const QString what = tr("The program was not saved");
    if (auto ok = writable(what); !ok)
        return ok.error();
    if (program.name.trimmed().isEmpty())
        return failure(what, tr("a program needs a name"));
    if (!program.createdAt.isValid())
        return failure(what, tr("the time is not valid"));
    const auto name = connectionName();
    if (!name)
        return name.error();

    if (auto valid = validateProgram(program); !valid)
        return Error{tr("%1: %2").arg(what, valid.error().message), valid.error().location};
    Program saved = program;
    saved.name = program.name.trimmed();
    saved.createdAt = timeValue(timeText(program.createdAt));
    if (!saved.active)
        saved.deactivatedAt =
            timeValue(timeText(program.deactivatedAt.isValid() ? program.deactivatedAt : program.createdAt));
    else
        saved.deactivatedAt = QDateTime();
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, InsertProgramSql,
                 {program.patientId, saved.name, toCode(program.painRule), program.progressionSessions,
                  program.active ? 1 : 0, timeText(program.createdAt),
                  program.active ? QVariant()
                                 : QVariant(timeText(program.deactivatedAt.isValid() ? program.deactivatedAt
                                                                                     : program.createdAt))}))
            return failure(what, query.lastError());
        saved.id = query.lastInsertId().toLongLong();
        for (qsizetype i = 0; i < saved.items.size(); ++i) {
            ProgramItem &item = saved.items[i];
            item.position = int(i);
            const QVariantList values =
                QVariantList{saved.id, item.position, item.exerciseId} + prescriptionValues(item.rx);
            if (!run(query, InsertProgramItemSql, values))
                return failure(
                    tr("The program was not saved (item %1, %2)").arg(QString::number(i + 1), item.exerciseId),
                    query.lastError());
            item.id = query.lastInsertId().toLongLong();
            if (!insertItemVersion(query, ProgramItemVersion{saved.id, item.id, saved.createdAt, false, item.position,
                                                             item.exerciseId, item.rx}))
                return failure(what, query.lastError());
        }
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return saved;
}

Result<Program> SqliteStore::readProgram(QSqlQuery &row) const
{
    Program p;
    p.id = row.value(0).toLongLong();
    p.patientId = row.value(1).toLongLong();
    p.name = row.value(2).toString();
    const auto rule = painRuleFromCode(row.value(3).toString());
    if (!rule)
        return failure(tr("The program %1 could not be read").arg(p.id),
                       tr("unknown pain rule %1").arg(row.value(3).toString()));
    p.painRule = *rule;
    p.progressionSessions = row.value(4).toInt();
    p.active = row.value(5).toInt() != 0;
    p.createdAt = timeValue(row.value(6));
    p.deactivatedAt = timeValue(row.value(7));
    return p;
}

Result<QList<ProgramItem>> SqliteStore::programItems(qint64 programId) const
{
    const QString what = tr("The program %1 could not be read").arg(programId);
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectProgramItemsSql, {programId}))
        return failure(what, query.lastError());
    QList<ProgramItem> items;
    while (query.next()) {
        ProgramItem item;
        item.id = query.value(0).toLongLong();
        item.position = query.value(1).toInt();
        item.exerciseId = query.value(2).toString();
        const auto rx = prescriptionFromRow(query, 3);
        if (!rx)
            return failure(what, tr("unknown sides %1").arg(query.value(12).toString()));
        item.rx = *rx;
        items.append(item);
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    return items;
}

Result<QList<Program>> SqliteStore::programs(qint64 patientId) const
{
    const QString what = tr("The programs could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QList<Program> result;
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, SelectProgramsSql, {patientId}))
            return failure(what, query.lastError());
        while (query.next()) {
            auto p = readProgram(query);
            if (!p)
                return p.error();
            result.append(std::move(p).value());
        }
        if (query.lastError().isValid())
            return failure(what, query.lastError());
    }
    for (Program &p : result) {
        auto items = programItems(p.id);
        if (!items)
            return items.error();
        p.items = std::move(items).value();
    }
    return result;
}

Result<std::optional<Program>> SqliteStore::program(qint64 id) const
{
    const QString what = tr("The program %1 could not be read").arg(id);
    const auto name = connectionName();
    if (!name)
        return name.error();
    std::optional<Program> result;
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, SelectProgramSql, {id}))
            return failure(what, query.lastError());
        if (!query.next()) {
            if (query.lastError().isValid())
                return failure(what, query.lastError());
            return std::optional<Program>();
        }
        auto p = readProgram(query);
        if (!p)
            return p.error();
        result = std::move(p).value();
    }
    auto items = programItems(id);
    if (!items)
        return items.error();
    result->items = std::move(items).value();
    return result;
}

// --- sessions and the log ----------------------------------------------------

Result<SessionRecord> SqliteStore::startSession(qint64 patientId, qint64 programId, const QDateTime &at)
{
    const QString what = tr("The session was not started");
    if (auto ok = writable(what); !ok)
        return ok.error();
    if (!at.isValid())
        return failure(what, tr("the time is not valid"));
    const auto name = connectionName();
    if (!name)
        return name.error();
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    SessionRecord record;
    record.patientId = patientId;
    record.programId = programId;
    record.startedAt = timeValue(timeText(at));
    record.status = SessionStatus::InProgress;
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, ProgramOfPatientSql, {programId, patientId}) || !query.next())
            return failure(what, query.lastError());
        if (query.value(0).toInt() == 0)
            return failure(what, tr("program %1 is not a program of patient %2")
                                     .arg(QString::number(programId), QString::number(patientId)));
        if (!run(query, InsertSessionSql, {patientId, programId, timeText(at)}))
            return failure(what, query.lastError());
        record.id = query.lastInsertId().toLongLong();
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return record;
}

Result<SessionEvent> SqliteStore::appendEvent(const SessionEvent &event)
{
    const QString what = tr("The event was not saved");
    if (auto ok = writable(what); !ok)
        return ok.error();
    const auto name = connectionName();
    if (!name)
        return name.error();
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    SessionEvent stored = event;
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, NextEventSeqSql, {event.sessionId}) || !query.next())
            return failure(what, query.lastError());
        stored.seq = query.value(0).toInt();
        const QVariantList values = QVariantList{event.sessionId, stored.seq} + eventValues(event);
        if (!run(query, InsertEventSql, values))
            return failure(what, query.lastError());
        stored.id = query.lastInsertId().toLongLong();
    }
    // Saved means committed: the event is returned only after COMMIT returned.
    if (auto error = transaction.commit())
        return failure(what, *error);
    return stored;
}

Result<QList<SessionEvent>> SqliteStore::readEvents(const QString &what, const QString &sql,
                                                    const QVariantList &values) const
{
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, sql, values))
        return failure(what, query.lastError());
    QList<SessionEvent> result;
    while (query.next()) {
        const auto e = eventFromRow(query);
        if (!e)
            return failure(
                what,
                tr("unknown code in event %1 (kind %2)").arg(query.value(0).toString(), query.value(4).toString()));
        result.append(*e);
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    return result;
}

Result<QList<SessionEvent>> SqliteStore::events(qint64 sessionId) const
{
    return readEvents(tr("The events of session %1 could not be read").arg(sessionId), SelectEventsSql, {sessionId});
}

namespace {

Result<QList<SessionRecord>> readSessions(QSqlQuery &query, const std::function<Error(const QString &)> &damaged)
{
    QList<SessionRecord> result;
    while (query.next()) {
        const auto s = sessionFromRow(query);
        if (!s)
            return damaged(query.value(5).toString());
        result.append(*s);
    }
    return result;
}

} // namespace

Result<QList<SessionRecord>> SqliteStore::sessions(qint64 patientId) const
{
    const QString what = tr("The sessions could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectSessionsSql, {patientId}))
        return failure(what, query.lastError());
    auto result =
        readSessions(query, [&](const QString &code) { return failure(what, tr("unknown status %1").arg(code)); });
    if (result && query.lastError().isValid())
        return failure(what, query.lastError());
    return result;
}

Result<std::optional<SessionRecord>> SqliteStore::session(qint64 sessionId) const
{
    const QString what = tr("The session %1 could not be read").arg(sessionId);
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectSessionSql, {sessionId}))
        return failure(what, query.lastError());
    auto result =
        readSessions(query, [&](const QString &code) { return failure(what, tr("unknown status %1").arg(code)); });
    if (!result)
        return result.error();
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    if (result->isEmpty())
        return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(result->first());
}

Result<QList<SessionRecord>> SqliteStore::interruptedSessions() const
{
    const QString what = tr("The interrupted sessions could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectInterruptedSessionsSql))
        return failure(what, query.lastError());
    auto result =
        readSessions(query, [&](const QString &code) { return failure(what, tr("unknown status %1").arg(code)); });
    if (result && query.lastError().isValid())
        return failure(what, query.lastError());
    return result;
}

Result<void> SqliteStore::finishSession(qint64 sessionId, SessionStatus status, const QDateTime &at, bool flagged)
{
    const QString what = tr("The end of session %1 was not saved").arg(sessionId);
    if (auto ok = writable(what); !ok)
        return ok.error();
    if (status == SessionStatus::InProgress)
        return failure(what, tr("a finished session needs a status other than in progress"));
    if (!at.isValid())
        return failure(what, tr("the time is not valid"));
    const auto name = connectionName();
    if (!name)
        return name.error();
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, FinishSessionSql, {toCode(status), timeText(at), flagged ? 1 : 0, sessionId}))
            return failure(what, query.lastError());
        if (query.numRowsAffected() != 1) {
            if (!run(query, SessionStatusSql, {sessionId}))
                return failure(what, query.lastError());
            if (!query.next())
                return failure(what, tr("there is no session %1").arg(sessionId));
            return failure(what, tr("the session was already finished (%1)").arg(query.value(0).toString()));
        }
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return {};
}

// --- proposals ---------------------------------------------------------------

Result<Proposal> SqliteStore::addProposal(const Proposal &proposal)
{
    const QString what = tr("The proposal was not saved");
    if (auto ok = writable(what); !ok)
        return ok.error();
    if (proposal.reason.trimmed().isEmpty())
        return failure(what, tr("a proposal needs a reason"));
    if (!proposal.createdAt.isValid())
        return failure(what, tr("the time is not valid"));
    const auto name = connectionName();
    if (!name)
        return name.error();
    Proposal saved = proposal;
    saved.reason = proposal.reason.trimmed();
    saved.createdAt = timeValue(timeText(proposal.createdAt));
    saved.status = ProposalStatus::Pending;
    saved.decidedAt = QDateTime();
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, InsertProposalSql,
                 {proposal.programItemId, idOrNull(proposal.sessionId), toCode(proposal.kind), saved.reason,
                  timeText(proposal.createdAt)}))
            return failure(what, query.lastError());
        saved.id = query.lastInsertId().toLongLong();
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    return saved;
}

Result<QList<Proposal>> SqliteStore::proposals(qint64 patientId, std::optional<ProposalStatus> status) const
{
    const QString what = tr("The proposals could not be read");
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    const QVariant statusValue = optionalCode(status);
    if (!run(query, SelectProposalsSql, {patientId, statusValue, statusValue}))
        return failure(what, query.lastError());
    QList<Proposal> result;
    while (query.next()) {
        const auto p = proposalFromRow(query);
        if (!p)
            return failure(what, tr("unknown kind or status in proposal %1").arg(query.value(0).toString()));
        result.append(*p);
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    return result;
}

Result<std::optional<Proposal>> SqliteStore::proposalById(qint64 id) const
{
    const QString what = tr("The proposal %1 could not be read").arg(id);
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectProposalSql, {id}))
        return failure(what, query.lastError());
    if (!query.next()) {
        if (query.lastError().isValid())
            return failure(what, query.lastError());
        return std::optional<Proposal>();
    }
    const auto p = proposalFromRow(query);
    if (!p)
        return failure(what, tr("unknown kind or status in proposal %1").arg(id));
    return std::optional<Proposal>(*p);
}

Result<Proposal> SqliteStore::decideProposal(qint64 proposalId, ProposalStatus decision, const QDateTime &at)
{
    const QString what = tr("The decision on proposal %1 was not saved").arg(proposalId);
    if (auto ok = writable(what); !ok)
        return ok.error();
    if (decision == ProposalStatus::Pending)
        return failure(what, tr("a decision is to accept or to decline"));
    if (!at.isValid())
        return failure(what, tr("the time is not valid"));
    const auto name = connectionName();
    if (!name)
        return name.error();
    SqliteTransaction transaction(*name);
    if (auto error = transaction.begin())
        return failure(what, *error);
    {
        QSqlQuery query = newQuery(*name);
        if (!run(query, DecideProposalSql, {toCode(decision), timeText(at), proposalId}))
            return failure(what, query.lastError());
        if (query.numRowsAffected() != 1) {
            if (!run(query, ProposalStatusSql, {proposalId}))
                return failure(what, query.lastError());
            if (!query.next())
                return failure(what, tr("there is no proposal %1").arg(proposalId));
            return failure(what, tr("the proposal was already decided (%1)").arg(query.value(0).toString()));
        }
    }
    if (auto error = transaction.commit())
        return failure(what, *error);
    auto decided = proposalById(proposalId);
    if (!decided)
        return decided.error();
    if (!decided->has_value())
        return failure(what, tr("there is no proposal %1").arg(proposalId));
    return **decided;
}

// --- health ------------------------------------------------------------------

Result<StoreHealth> SqliteStore::check() const
{
    const QString what = tr("The database could not be checked");
    const auto name = connectionName();
    if (!name)
        return name.error();
    StoreHealth health;
    QSqlQuery query = newQuery(*name);
    if (!query.exec(UserVersionSql) || !query.next())
        return failure(what, query.lastError());
    health.schemaVersion = query.value(0).toInt();
    if (!query.exec(IntegrityCheckSql)) {
        // A file damaged badly enough that the check cannot run is damaged.
        health.integrityOk = false;
        health.integrityMessages << query.lastError().databaseText();
        return health;
    }
    while (query.next()) {
        const QString row = query.value(0).toString();
        if (row != u"ok"_s)
            health.integrityMessages << row;
    }
    if (query.lastError().isValid())
        health.integrityMessages << query.lastError().databaseText();
    health.integrityOk = health.integrityMessages.isEmpty();
    if (!query.exec(ForeignKeyCheckSql)) {
        health.foreignKeyProblems << query.lastError().databaseText();
        return health;
    }
    while (query.next())
        health.foreignKeyProblems << tr("row %1 of table %2 refers to a missing row of %3")
                                         .arg(query.value(1).toString(), query.value(0).toString(),
                                              query.value(2).toString());
    return health;
}

// --- free functions of Store.h -----------------------------------------------

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

} // namespace rehabit

namespace rehabit {

std::optional<BackupInfo> backupToOffer(const QString &databasePath)
{
    auto backup = latestBackup(databasePath);
    if (!backup || !SqliteStore::restoreRepairs(databasePath))
        return std::nullopt;
    return backup;
}

} // namespace rehabit
