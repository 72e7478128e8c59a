#include "SqliteDatabaseFile.h"

#include "DamageMarkFile.h"
#include "DatabaseBackup.h"
#include "DatabaseCheck.h"
#include "QuickCheckStamp.h"
#include "SchemaMigrator.h"
#include "SqliteError.h"
#include "SqliteFileHeader.h"
#include "SqliteStatements.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Backups.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>

#include <atomic>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace rehabit {
namespace statement = sqlite::statement;
namespace {

constexpr int BusyTimeoutMs = 5000;
const QString DriverName = u"QSQLITE"_s;

std::atomic<quint64> inspectionCounter{0};

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

/// What a read-only look at an existing file found, before anything writes.
struct FileState {
    quint32 applicationId = 0;
    int userVersion = 0;
    int schemaObjects = 0;
    QStringList damage;         ///< quick_check rows other than "ok"
    QStringList schemaProblems; ///< how the schema differs from a fresh database of its version
    bool isNew() const { return applicationId == 0 && userVersion == 0 && schemaObjects == 0; }
    bool isRehabit() const { return applicationId == SchemaMigrator::ApplicationId; }
};

Error damagedError(const QString &path, const QString &detail)
{
    const auto backup = latestBackup(path);
    if (!backup)
        return Error{SqliteDatabaseFile::tr(
                         "The database %1 is damaged (%2). Nothing was changed. Restore it from a backup copy.")
                         .arg(shown(path), detail),
                     QString()};
    return Error{
        SqliteDatabaseFile::tr("The database %1 is damaged (%2). Nothing was changed. Restore it from a backup; "
                               "the newest is %3.")
            .arg(shown(path), detail, shown(backup->path)),
        QString()};
}

Error notRehabitError(const QString &path)
{
    return Error{
        SqliteDatabaseFile::tr("%1 is a SQLite database of another program, not a Rehabit database. Nothing was "
                               "changed; choose another file.")
            .arg(shown(path)),
        QString()};
}

Error notSqliteError(const QString &path)
{
    return Error{
        SqliteDatabaseFile::tr("%1 is not a Rehabit database: it is not a SQLite database file at all. Nothing was "
                               "changed; choose another file.")
            .arg(shown(path)),
        QString()};
}

Error newerSchemaError(const QString &path, int version)
{
    return Error{
        SqliteDatabaseFile::tr("The database %1 has schema version %2, written by a newer Rehabit; this program knows "
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
        return SqliteError::toError(SqliteDatabaseFile::tr("The database %1 cannot be read").arg(shown(path)), error,
                                    QString());
    }
}

/// The problems quick_check or integrity_check reported, one a line,
/// without SQLite's "*** in database main ***" headings.
QStringList damageLines(const QStringList &rows)
{
    QStringList lines;
    for (const QString &row : rows)
        for (const QString &line : row.split(u'\n', Qt::SkipEmptyParts))
            if (!line.startsWith(u"***"_s))
                lines << line.trimmed();
    return lines;
}

/// The first few problems quick_check or integrity_check reported, on one line.
QString damageSummary(const QStringList &rows)
{
    const QStringList lines = damageLines(rows);
    constexpr qsizetype Shown = 3;
    if (lines.size() > Shown)
        return lines.first(Shown).join(u"; "_s)
               + SqliteDatabaseFile::tr("; and %n more problem(s)", nullptr, int(lines.size() - Shown));
    return lines.join(u"; "_s);
}

/// A read-only SQLite URI of the file; `immutable` tells SQLite that no one
/// changes it, so it needs no -wal or -shm file.
QString readOnlyUri(const QString &path, bool immutable)
{
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded)
           + (immutable ? u"?mode=ro&immutable=1"_s : u"?mode=ro"_s);
}

/// Reads application_id, user_version and the number of schema objects on a
/// read-only connection of its own, compares the schema with a fresh one of
/// its version when compareSchema is set, and runs quick_check on a Rehabit
/// database this program can open when quickCheck is set. Nothing is
/// written, not even a checkpoint on close: without a WAL file the main file
/// is the whole database and is opened immutable (no -wal or -shm file is
/// created); with one, SQLite must read it and a plain read-only connection is used.
Result<FileState> inspect(const QString &path, bool quickCheck, bool compareSchema, bool *repairable)
{
    const QString name = u"rehabit-sqlite-inspect-"_s + QString::number(++inspectionCounter);
    const bool hasWal = QFileInfo(path + u"-wal"_s).size() > 0;
    const QString uri = readOnlyUri(path, !hasWal);
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
            bool ok = query.exec(statement::ApplicationId) && query.next();
            if (ok) {
                state.applicationId = quint32(query.value(0).toLongLong());
                ok = query.exec(statement::UserVersion) && query.next();
            }
            if (ok) {
                state.userVersion = query.value(0).toInt();
                ok = query.exec(statement::SchemaObjectCount) && query.next();
            }
            if (ok) {
                state.schemaObjects = query.value(0).toInt();
                const bool known =
                    state.isRehabit() && state.userVersion >= 1 && state.userVersion <= currentSchemaVersion();
                query.finish();
                if (known && compareSchema)
                    state.schemaProblems = DatabaseCheck::schemaProblems(name, state.userVersion);
                if (quickCheck && known) {
                    ok = query.exec(statement::QuickCheck);
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

/// Why a file or folder cannot be written, if it cannot.
enum class WriteBlock { None, ReadOnlyMedia, Immutable, Permissions };

WriteBlock writeBlock(const QString &path, bool isFile)
{
    // A file with no write permission bit at all counts as read-only even for root.
    constexpr auto anyWrite = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    if (isFile && !(QFileInfo(path).permissions() & anyWrite))
        return WriteBlock::Permissions;
#ifdef Q_OS_UNIX
    if (::access(QFile::encodeName(path).constData(), W_OK) == 0)
        return WriteBlock::None;
    switch (errno) {
    case EROFS: return WriteBlock::ReadOnlyMedia;
    case EPERM: return WriteBlock::Immutable; // chattr +i: not even root may write
    default: return WriteBlock::Permissions;
    }
#else
    return QFileInfo(path).isWritable() ? WriteBlock::None : WriteBlock::Permissions;
#endif
}

Error readOnlyError(const QString &database, const QString &blocked, WriteBlock why)
{
    QString what;
    switch (why) {
    case WriteBlock::ReadOnlyMedia:
        what = SqliteDatabaseFile::tr("The database %1 is on read-only media (%2 is on a file system mounted "
                                      "read-only).")
                   .arg(shown(database), shown(blocked));
        break;
    case WriteBlock::Immutable:
        what = SqliteDatabaseFile::tr("The database %1 is read-only: %2 is marked immutable (chattr +i), so not "
                                      "even an administrator may write it.")
                   .arg(shown(database), shown(blocked));
        break;
    case WriteBlock::None:
    case WriteBlock::Permissions:
        what = SqliteDatabaseFile::tr("The database %1 is read-only: %2 cannot be written with its permissions.")
                   .arg(shown(database), shown(blocked));
        break;
    }
    if (!QFileInfo::exists(database)) {
        const QString reason = why == WriteBlock::ReadOnlyMedia ? SqliteDatabaseFile::tr("it is on read-only media")
                               : why == WriteBlock::Immutable   ? SqliteDatabaseFile::tr("it is marked immutable")
                                                                : SqliteDatabaseFile::tr("its permissions forbid it");
        return Error{SqliteDatabaseFile::tr("The database %1 cannot be made: the folder %2 cannot be written (%3). "
                                            "Nothing was created; choose a folder that can be written.")
                         .arg(shown(database), shown(blocked), reason),
                     QString()};
    }
    return Error{what + u' '
                     + SqliteDatabaseFile::tr("Nothing was changed. 'rehabit-cli check', 'patients', 'history' and "
                                              "'export' can still read it; to change it, make it writable or copy it "
                                              "to a folder that can be written."),
                 QString()};
}

/// The file (if it exists) and its folder can be written: SQLite writes its
/// journal and the lock beside the file.
std::optional<Error> checkWritePlace(const QString &absolute)
{
    const QFileInfo info(absolute);
    if (info.exists()) {
        if (const WriteBlock why = writeBlock(absolute, true); why != WriteBlock::None)
            return readOnlyError(absolute, absolute, why);
    }
    const QString folder = info.absolutePath();
    if (const WriteBlock why = writeBlock(folder, false); why != WriteBlock::None)
        return readOnlyError(absolute, folder, why);
    return std::nullopt;
}

/// The store reads a file it cannot change, and no other program can either:
/// SQLite is told (immutable), so it needs no -wal or -shm file beside it.
bool onReadOnlyPlace(const QString &absolute)
{
    return writeBlock(absolute, true) != WriteBlock::None
           || writeBlock(QFileInfo(absolute).absolutePath(), false) != WriteBlock::None;
}

Error markedError(const QString &path, const DamageMark &mark)
{
    const QString by = mark.foundBy == u"quick-check"_s ? SqliteDatabaseFile::tr("the quick check at open")
                                                        : SqliteDatabaseFile::tr("'rehabit-cli check'");
    const QString when = mark.markedAt.isValid() ? mark.markedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)
                                                 : SqliteDatabaseFile::tr("an unknown time");
    const QString found =
        mark.findings.isEmpty()
            ? QString()
            : u" ("_s + mark.findings.first(std::min<qsizetype>(3, mark.findings.size())).join(u"; "_s) + u')';
    return Error{
        SqliteDatabaseFile::tr("The database %1 was found damaged by %2 on %3%4, and is marked so in %5. Nothing was "
                               "changed: nothing is written to it until it is repaired. Restore it from a backup "
                               "('rehabit-cli restore --latest'); or, if the file was repaired, run 'rehabit-cli "
                               "check': a clean check removes the mark. Reading it still works.")
            .arg(shown(path), by, when, found, shown(DamageMarkFile::pathFor(path))),
        QString()};
}

/// The folder and the file's permissions.
std::optional<Refusal> checkPlace(const QString &absolute, const StoreOptions &options)
{
    const QFileInfo info(absolute);
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists())
        return Refusal{
            Error{SqliteDatabaseFile::tr(
                      "The folder %1 does not exist, so the database %2 cannot be opened. Create the folder, "
                      "or choose another database file.")
                      .arg(shown(folder.absoluteFilePath()), info.fileName()),
                  QString()}};
    if (!folder.isDir())
        return Refusal{Error{SqliteDatabaseFile::tr("%1 is not a folder, so the database %2 cannot be opened there.")
                                 .arg(shown(folder.absoluteFilePath()), info.fileName()),
                             QString()}};
    if (info.exists()) {
        if (info.isDir())
            return Refusal{
                Error{SqliteDatabaseFile::tr("%1 is a folder, not a database file.").arg(shown(absolute)), QString()}};
        if (!info.isReadable())
            return Refusal{Error{
                SqliteDatabaseFile::tr("The database %1 cannot be read: check its permissions.").arg(shown(absolute)),
                QString()}};
    } else if (options.readOnly) {
        return Refusal{
            Error{SqliteDatabaseFile::tr("The database %1 does not exist.").arg(shown(absolute)), QString()}};
    }
    if (!options.readOnly) {
        if (const auto mark = DamageMarkFile::read(absolute))
            return Refusal{markedError(absolute, *mark), true};
        if (auto blocked = checkWritePlace(absolute))
            return Refusal{*blocked};
    }
    return std::nullopt;
}

/// What the first 100 bytes say.
std::optional<Refusal> checkHeader(const QString &absolute, const SqliteFileHeader &header, const StoreOptions &options)
{
    switch (header.kind) {
    case SqliteFileHeader::Kind::Unreadable:
        return Refusal{
            Error{SqliteDatabaseFile::tr("The database %1 cannot be read: %2").arg(shown(absolute), header.errorString),
                  QString()}};
    case SqliteFileHeader::Kind::NotSqlite: return Refusal{notSqliteError(absolute), true};
    case SqliteFileHeader::Kind::Empty:
        if (options.readOnly)
            return Refusal{Error{
                SqliteDatabaseFile::tr("The database %1 is empty: it holds no Rehabit data yet.").arg(shown(absolute)),
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
                             SqliteDatabaseFile::tr("the file is %1 bytes long, but its header records %2 pages of %3 "
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
            return Refusal{Error{
                SqliteDatabaseFile::tr("The database %1 is empty: it holds no Rehabit data yet.").arg(shown(absolute)),
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
        return Refusal{damagedError(absolute, SqliteDatabaseFile::tr("it has no schema version")), true};
    if (!state.damage.isEmpty())
        return Refusal{damagedError(absolute, damageSummary(state.damage)), true};
    // Read-only opens go on: 'check' reports the differences in full.
    if (!options.readOnly && !state.schemaProblems.isEmpty())
        return Refusal{
            damagedError(absolute, SqliteDatabaseFile::tr("it does not have the schema of version %1: %2")
                                       .arg(QString::number(state.userVersion), damageSummary(state.schemaProblems))),
            true};
    return std::nullopt;
}

} // namespace

Result<SqliteDatabaseFile> SqliteDatabaseFile::open(const QString &path, const StoreOptions &options)
{
    if (path.trimmed().isEmpty())
        return Error{tr("No database file was given."), QString()};
    SqliteDatabaseFile file;
    file.m_path = QFileInfo(path).absoluteFilePath();
    file.m_readOnly = options.readOnly;
    const QString &absolute = file.m_path;

    // Checks that need no SQLite at all, then a look at the header. Nothing
    // is created here: a missing folder of an explicit path is the user's to create.
    if (auto refused = checkPlace(absolute, options))
        return refused->error;
    const SqliteFileHeader header = SqliteFileHeader::read(absolute);
    if (auto refused = checkHeader(absolute, header, options))
        return refused->error;

    if (!options.readOnly) {
        auto acquired = DatabaseLock::acquire(absolute);
        if (!acquired)
            return acquired.error();
        file.m_lock = std::move(acquired).value();
    }

    // quick_check is skipped when the file is exactly as this program left it
    // after a clean close less than a day after the last passing check
    // (QuickCheckStamp); checkedAt is when it last passed.
    const bool checking = !options.readOnly && options.quickCheckOnOpen;
    if (header.kind == SqliteFileHeader::Kind::Sqlite) {
        bool quickCheck = false;
        if (checking) {
            file.m_checkedAt = QuickCheckStamp::validCheck(absolute, Clock::nowUtc());
            quickCheck = !file.m_checkedAt.isValid();
        }
        bool repairable = false;
        // The schema is compared with a fresh one's when the quick check
        // runs: a valid stamp says the file is as this program left it.
        const auto inspected = inspect(absolute, quickCheck, quickCheck, &repairable);
        if (!inspected)
            return inspected.error();
        if (auto refused = checkState(absolute, *inspected, options)) {
            // Damage the quick check found marks the file (DamageMarkFile):
            // no program writes to it until a restore or a clean full check.
            if (!inspected->damage.isEmpty())
                DamageMarkFile::write(absolute,
                                      DamageMark{Clock::nowUtc(), u"quick-check"_s, damageLines(inspected->damage)});
            return refused->error;
        }
    } else if (!options.readOnly) {
        // A new database: a mark left from a file of this name that is gone is not its own.
        DamageMarkFile::remove(absolute);
    }
    // Read-only media (or a file no one may write): SQLite reads it as
    // immutable, needing no -wal or -shm file, when no WAL holds pages.
    file.m_immutable = options.readOnly && onReadOnlyPlace(absolute) && QFileInfo(absolute + u"-wal"_s).size() == 0;
    if (checking) {
        // A new file, or one that passed quick_check just now. The stamp is
        // written again when the store closes cleanly.
        if (!file.m_checkedAt.isValid())
            file.m_checkedAt = Clock::nowUtc();
        QuickCheckStamp::remove(absolute);
    }
    if (!options.readOnly) {
        // With the lock held no restore is running: a copy of one is what a
        // killed restore left (as large as the backup), never used again.
        const QString staleCopy = DatabaseBackup::restoreCopyPath(absolute);
        if (QFileInfo(staleCopy).isFile())
            QFile::remove(staleCopy);
    }
    return file;
}

bool SqliteDatabaseFile::restoreRepairs(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo(absolute).isFile())
        return false;
    // As a read-only open sees it (a read-only file is not damaged), plus the quick check.
    StoreOptions options;
    options.readOnly = true;
    if (auto refused = checkPlace(absolute, options))
        return refused->restoreRepairs;
    if (DamageMarkFile::read(absolute))
        return true;
    const SqliteFileHeader header = SqliteFileHeader::read(absolute);
    if (auto refused = checkHeader(absolute, header, options))
        return refused->restoreRepairs;
    if (header.kind != SqliteFileHeader::Kind::Sqlite)
        return false;
    bool repairable = false;
    const auto inspected = inspect(absolute, true, true, &repairable);
    if (!inspected)
        return repairable;
    if (auto refused = checkState(absolute, *inspected, options))
        return refused->restoreRepairs;
    return !inspected->schemaProblems.isEmpty();
}

Result<void> SqliteDatabaseFile::openConnection(const QString &name) const
{
    std::optional<Error> error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(DriverName, name);
        db.setDatabaseName(m_immutable ? readOnlyUri(m_path, true) : m_path);
        if (m_immutable)
            db.setConnectOptions(
                u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        else if (m_readOnly)
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        else
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        const QString what = tr("The database %1 cannot be opened").arg(shown(m_path));
        if (!db.open()) {
            error = SqliteError::toError(what, db.lastError(), QString());
        } else {
            QSqlQuery query(db);
            for (const QString &pragma : m_readOnly ? statement::ReadOnlyPragmas : statement::ReadWritePragmas) {
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
    return {};
}

Result<int> SqliteDatabaseFile::prepare(const QString &connectionName) const
{
    const QString what = tr("The database %1 cannot be opened").arg(shown(m_path));
    QSqlQuery query(QSqlDatabase::database(connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(statement::UserVersion) || !query.next())
        return SqliteError::toError(what, query.lastError(), QString());
    const int version = query.value(0).toInt();
    query.finish();
    if (m_readOnly)
        return version;

    const SchemaMigrator migrator;
    const int target = migrator.targetVersion();
    if (version >= 1 && version < target) {
        // An upgrade starts from a file that passes the checks of its own version: one that
        // fails them is refused before anything is written (not even the switch to WAL).
        const StoreHealth health = DatabaseCheck::run(connectionName);
        if (!health.healthy())
            return Error{tr("%1: it fails the checks of its schema version %2, so it was not upgraded and nothing "
                            "was changed. %3")
                             .arg(what)
                             .arg(version)
                             .arg(DatabaseCheck::summary(health)),
                         QString()};
    }
    if (!query.exec(statement::JournalModeWal) || !query.next())
        return SqliteError::toError(what, query.lastError(), QString());
    const QString mode = query.value(0).toString();
    query.finish();
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return Error{tr("%1: it cannot use write-ahead logging (journal mode is %2). Keep the database on a local "
                        "disk.")
                         .arg(what, mode),
                     QString()};

    if (version == target)
        return version;
    if (version >= 1) {
        // An existing database is copied and the copy checked before its
        // schema changes.
        auto backup = DatabaseBackup::write(connectionName, m_path, BackupKind::BeforeUpgrade, Clock::nowUtc());
        if (!backup)
            return Error{backup.error().message + u' ' + tr("The database was not upgraded."), QString()};
    }
    if (auto migrated = migrator.migrate(connectionName, version, m_path); !migrated)
        return migrated.error();
    return target;
}

// --- rehabit/store/DamageMark.h ----------------------------------------------------

Result<void> checkWritable(const QString &databasePath)
{
    if (databasePath.trimmed().isEmpty())
        return Error{SqliteDatabaseFile::tr("No database file was given."), QString()};
    const QString absolute = QFileInfo(databasePath).absoluteFilePath();
    if (auto refused = checkPlace(absolute, StoreOptions{}))
        return refused->error;
    return {};
}

} // namespace rehabit
