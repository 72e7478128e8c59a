#include "DatabaseBackup.h"

#include "DatabaseCheck.h"
#include "DurableFile.h"
#include "SchemaMigrator.h"
#include "SqliteError.h"

#include "rehabit/store/Store.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QString VacuumIntoSql = u"VACUUM INTO ?"_s;
const QString UserVersionSql = u"PRAGMA user_version"_s;
const QString ApplicationIdSql = u"PRAGMA application_id"_s;
const QString FolderName = u"backups"_s;
const QString TemporarySuffix = u".tmp"_s;
const QString TimeFormat = u"yyyyMMdd'T'HHmmsszzz'Z'"_s;
const QString DailyCode = u"daily"_s;
const QString UpgradeCode = u"upgrade"_s;
const QString BeforeRestoreCode = u"before-restore"_s;

QAtomicInteger<quint64> connectionCounter;

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::SqliteStore", text);
}

QString kindCode(BackupKind kind)
{
    switch (kind) {
    case BackupKind::Daily: return DailyCode;
    case BackupKind::BeforeUpgrade: return UpgradeCode;
    case BackupKind::BeforeRestore: break;
    }
    return BeforeRestoreCode;
}

/// A read-only connection of its own on a file, removed when it goes out of scope.
class ReadOnlyConnection {
public:
    explicit ReadOnlyConnection(const QString &path)
        : m_name(u"rehabit-backup-"_s + QString::number(++connectionCounter))
    {
        // Without a -wal file the file is the whole database: immutable, so
        // that SQLite creates no -wal or -shm file next to it.
        const bool hasWal = QFileInfo(path + u"-wal"_s).size() > 0;
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded)
                           + (hasWal ? u"?mode=ro"_s : u"?mode=ro&immutable=1"_s));
        db.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY"_s);
        m_open = db.open();
        if (!m_open)
            m_error = db.lastError();
    }
    ~ReadOnlyConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    ReadOnlyConnection(const ReadOnlyConnection &) = delete;
    ReadOnlyConnection &operator=(const ReadOnlyConnection &) = delete;

    bool isOpen() const { return m_open; }
    const QString &name() const { return m_name; }
    const QSqlError &openError() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_open = false;
    QSqlError m_error;
};

} // namespace

QString DatabaseBackup::folder(const QString &databasePath)
{
    return QFileInfo(databasePath).absoluteDir().filePath(FolderName);
}

QString DatabaseBackup::path(const QString &databasePath, BackupKind kind, int schemaVersion, const QDateTime &at)
{
    return pathIn(folder(databasePath), databasePath, kind, schemaVersion, at);
}

QString DatabaseBackup::pathIn(const QString &folder, const QString &databasePath, BackupKind kind, int schemaVersion,
                               const QDateTime &at)
{
    const QString time = at.toUTC().toString(TimeFormat);
    const QString name = QFileInfo(databasePath).fileName() + u'.' + kindCode(kind)
                         + (kind == BackupKind::BeforeRestore ? QString() : u"-v"_s + QString::number(schemaVersion))
                         + u'-' + time + u".sqlite"_s;
    return QDir(folder).filePath(name);
}

std::optional<BackupInfo> DatabaseBackup::parse(const QString &databasePath, const QFileInfo &file)
{
    const QString prefix = QFileInfo(databasePath).fileName() + u'.';
    const QString name = file.fileName();
    if (!name.startsWith(prefix))
        return std::nullopt;
    static const QRegularExpression pattern(
        u"^(daily|upgrade)-v([0-9]{1,9})-([0-9]{8}T[0-9]{9}Z)\\.sqlite$|^before-restore-([0-9]{8}T[0-9]{9}Z)\\.sqlite$"_s);
    const QRegularExpressionMatch match = pattern.match(QStringView(name).mid(prefix.size()));
    if (!match.hasMatch())
        return std::nullopt;
    BackupInfo info;
    info.path = file.absoluteFilePath();
    info.bytes = file.size();
    if (match.hasCaptured(4)) {
        info.kind = BackupKind::BeforeRestore;
        info.takenAt = QDateTime::fromString(match.captured(4), TimeFormat);
    } else {
        info.kind = match.captured(1) == DailyCode ? BackupKind::Daily : BackupKind::BeforeUpgrade;
        info.schemaVersion = match.captured(2).toInt();
        info.takenAt = QDateTime::fromString(match.captured(3), TimeFormat);
    }
    // The names are UTC; fromString reads them as local time.
    info.takenAt.setTimeSpec(Qt::UTC);
    if (!info.takenAt.isValid())
        return std::nullopt;
    return info;
}

QList<BackupInfo> DatabaseBackup::list(const QString &databasePath)
{
    return listIn(folder(databasePath), databasePath);
}

QList<BackupInfo> DatabaseBackup::listIn(const QString &folder, const QString &databasePath)
{
    const QDir dir(folder);
    QList<BackupInfo> backups;
    const QFileInfoList files =
        dir.entryInfoList({QFileInfo(databasePath).fileName() + u".*.sqlite"_s}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files)
        if (auto info = parse(databasePath, file))
            backups << *info;
    std::stable_sort(backups.begin(), backups.end(),
                     [](const BackupInfo &a, const BackupInfo &b) { return a.takenAt > b.takenAt; });
    return backups;
}

Result<int> DatabaseBackup::verify(const QString &path, std::optional<int> expectedVersion)
{
    const QString what = tr("The backup %1 could not be checked").arg(shown(path));
    const QFileInfo info(path);
    if (!info.exists())
        return Error{tr("The backup %1 does not exist.").arg(shown(path)), QString()};
    if (!info.isFile())
        return Error{tr("The backup %1 is not a file.").arg(shown(path)), QString()};
    QFile header(path);
    if (!header.open(QIODevice::ReadOnly))
        return Error{tr("The backup %1 cannot be read: %2").arg(shown(path), header.errorString()), QString()};
    static constexpr char Magic[] = "SQLite format 3"; // and its NUL byte
    if (!header.read(sizeof Magic).startsWith(QByteArray(Magic, sizeof Magic)))
        return Error{tr("The backup %1 is not a SQLite database file.").arg(shown(path)), QString()};
    header.close();

    // SQLite's "damaged" and "not a database" answers at any step mean the file is no sound backup.
    const auto failed = [&](const QSqlError &error) -> Error {
        const int code = SqliteError::primaryCode(error);
        if (code == SqliteError::Corrupt || code == SqliteError::NotADatabase)
            return Error{tr("The backup %1 is damaged: it failed its integrity check (SQLite: %2).")
                             .arg(shown(path), error.databaseText()),
                         QString()};
        return SqliteError::toError(what, error, QString());
    };
    ReadOnlyConnection connection(path);
    if (!connection.isOpen())
        return failed(connection.openError());
    QSqlQuery query(connection.db());
    query.setForwardOnly(true);
    if (!query.exec(ApplicationIdSql) || !query.next())
        return failed(query.lastError());
    if (quint32(query.value(0).toLongLong()) != SchemaMigrator::ApplicationId)
        return Error{tr("The backup %1 is not a Rehabit database.").arg(shown(path)), QString()};
    if (!query.exec(UserVersionSql) || !query.next())
        return failed(query.lastError());
    const int version = query.value(0).toInt();
    if (expectedVersion && version != *expectedVersion)
        return Error{tr("The backup %1 has schema version %2 instead of %3.")
                         .arg(shown(path), QString::number(version), QString::number(*expectedVersion)),
                     QString()};
    if (version > currentSchemaVersion())
        return Error{tr("The backup %1 has schema version %2, written by a newer Rehabit; this program knows "
                        "versions up to %3.")
                         .arg(shown(path), QString::number(version), QString::number(currentSchemaVersion())),
                     QString()};
    if (version < 1)
        return Error{tr("The backup %1 has no schema version.").arg(shown(path)), QString()};
    query.finish();
    // The whole check of rehabit-cli check: schema, integrity, the schema's
    // rules row by row, foreign keys, the log's numbering (DatabaseCheck).
    const StoreHealth health = DatabaseCheck::run(connection.name());
    if (!health.healthy())
        return Error{
            tr("The backup %1 is damaged: it failed its check (%2).").arg(shown(path), DatabaseCheck::summary(health)),
            QString()};
    return version;
}

QString DatabaseBackup::cancelledMessage()
{
    return tr("The backup was stopped before it was finished; no file was left under a backup's name.");
}

Result<BackupInfo> DatabaseBackup::write(const QString &connectionName, const QString &databasePath, BackupKind kind,
                                         const QDateTime &at, const BackupControl *control, const QString &targetFolder)
{
    const auto cancelled = [control] { return control && control->cancelled && control->cancelled(); };
    const auto report = [control](BackupStep step, const QString &file, qint64 bytes) {
        if (control && control->progress)
            control->progress(BackupProgress{step, file, bytes});
    };
    const QString what =
        kind == BackupKind::BeforeUpgrade
            ? tr("The backup of %1 taken before the upgrade could not be written").arg(shown(databasePath))
            : tr("The backup of %1 could not be written").arg(shown(databasePath));
    const QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    int version = 0;
    {
        QSqlQuery query(db);
        if (!query.exec(UserVersionSql) || !query.next())
            return SqliteError::toError(what, query.lastError(), QString());
        version = query.value(0).toInt();
    }
    const QString backupDir = targetFolder.isEmpty() ? folder(databasePath) : targetFolder;
    const QString finalPath = pathIn(backupDir, databasePath, kind, version, at);
    const QString temporaryPath = finalPath + TemporarySuffix;
    if (targetFolder.isEmpty() && !QDir().mkpath(backupDir))
        return Error{tr("%1: the folder %2 cannot be created.").arg(what, shown(backupDir)), QString()};
    if (!QFileInfo(backupDir).isDir())
        return Error{tr("%1: the folder %2 does not exist.").arg(what, shown(backupDir)), QString()};
    if (QFileInfo::exists(finalPath))
        return Error{tr("%1: %2 already exists.").arg(what, shown(finalPath)), QString()};
    // A temporary copy left by an interrupted attempt is never a backup.
    if (QFileInfo::exists(temporaryPath) && !QFile::remove(temporaryPath))
        return Error{tr("%1: the unfinished copy %2 cannot be removed.").arg(what, shown(temporaryPath)), QString()};
    if (cancelled())
        return Error{cancelledMessage(), QString()};
    report(BackupStep::Copying, temporaryPath, QFileInfo(databasePath).size());
    {
        // One statement: a read transaction of its own, so the copy is the
        // database as one commit left it, whatever other connections write.
        QSqlQuery query(db);
        if (!query.prepare(VacuumIntoSql)) {
            const QSqlError error = query.lastError();
            QFile::remove(temporaryPath);
            return SqliteError::toError(what, error, QString());
        }
        query.addBindValue(temporaryPath);
        if (!query.exec()) {
            const QSqlError error = query.lastError();
            QFile::remove(temporaryPath);
            return SqliteError::toError(what, error, QString());
        }
    }
    if (cancelled()) {
        QFile::remove(temporaryPath);
        return Error{cancelledMessage(), QString()};
    }
    report(BackupStep::Checking, temporaryPath, QFileInfo(temporaryPath).size());
    if (auto verified = verify(temporaryPath, version); !verified) {
        QFile::remove(temporaryPath);
        return Error{what + u": "_s + verified.error().message, QString()};
    }
    if (cancelled()) {
        QFile::remove(temporaryPath);
        return Error{cancelledMessage(), QString()};
    }
    QString reason;
    if (!DurableFile::replace(temporaryPath, finalPath, &reason)) {
        QFile::remove(temporaryPath);
        return Error{
            tr("%1: %2 cannot be renamed to %3 (%4).").arg(what, shown(temporaryPath), shown(finalPath), reason),
            QString()};
    }
    BackupInfo info;
    info.path = finalPath;
    info.kind = kind;
    info.schemaVersion = version;
    info.takenAt = QDateTime::fromString(at.toUTC().toString(TimeFormat), TimeFormat);
    info.takenAt.setTimeSpec(Qt::UTC);
    info.bytes = QFileInfo(finalPath).size();
    return info;
}

// --- rehabit/store/Backups.h ---------------------------------------------------------

QString backupFolder(const QString &databasePath)
{
    return DatabaseBackup::folder(databasePath);
}

QList<BackupInfo> listBackups(const QString &databasePath)
{
    return DatabaseBackup::list(databasePath);
}

std::optional<BackupInfo> latestBackup(const QString &databasePath)
{
    for (const BackupInfo &backup : DatabaseBackup::list(databasePath))
        if (backup.kind != BackupKind::BeforeRestore)
            return backup;
    return std::nullopt;
}

Result<BackupInfo> writeBackup(const QString &databasePath, BackupKind kind, const QDateTime &at)
{
    return DatabaseBackup::writeFromFile(databasePath, kind, at, nullptr, QString());
}

Result<BackupInfo> DatabaseBackup::writeFromFile(const QString &databasePath, BackupKind kind, const QDateTime &at,
                                                 const BackupControl *control, const QString &folder)
{
    const QString absolute = QFileInfo(databasePath).absoluteFilePath();
    if (kind == BackupKind::BeforeRestore)
        return Error{tr("A copy before a restore is written by the restore itself."), QString()};
    if (!QFileInfo(absolute).isFile())
        return Error{tr("The database %1 does not exist, so it cannot be backed up.").arg(shown(absolute)), QString()};
    const QString name = u"rehabit-backup-source-"_s + QString::number(++connectionCounter);
    Result<BackupInfo> result = Error{QString(), QString()};
    {
        // Read-only, not immutable: other connections may be writing, and
        // the snapshot must include what they committed (through the WAL).
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(absolute);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!db.open()) {
            result = SqliteError::toError(tr("The backup of %1 could not be written").arg(shown(absolute)),
                                          db.lastError(), QString());
        } else {
            {
                // VACUUM INTO syncs its copy as this connection would sync the database.
                QSqlQuery pragma(db);
                pragma.exec(u"PRAGMA synchronous = FULL"_s);
            }
            result = DatabaseBackup::write(name, absolute, kind, at, control, folder);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QList<BackupInfo> rotationSurplus(const QList<BackupInfo> &backups, const BackupRotation &rotation)
{
    QList<BackupInfo> daily;
    for (const BackupInfo &backup : backups)
        if (backup.kind == BackupKind::Daily)
            daily << backup;
    std::stable_sort(daily.begin(), daily.end(),
                     [](const BackupInfo &a, const BackupInfo &b) { return a.takenAt > b.takenAt; });
    QList<bool> keep(daily.size(), false);
    // Newest first: the first backup met in a new period is that period's newest.
    const auto keepPerPeriod = [&](int periods, auto periodOf) {
        int kept = 0;
        std::optional<qint64> last;
        for (qsizetype i = 0; i < daily.size() && kept < periods; ++i) {
            const qint64 period = periodOf(daily.at(i).takenAt.toUTC().date());
            if (last == period)
                continue;
            last = period;
            keep[i] = true;
            ++kept;
        }
    };
    keepPerPeriod(rotation.days, [](const QDate &d) { return d.toJulianDay(); });
    keepPerPeriod(rotation.weeks, [](const QDate &d) {
        int year = 0;
        const int week = d.weekNumber(&year);
        return qint64(year) * 100 + week;
    });
    keepPerPeriod(rotation.months, [](const QDate &d) { return qint64(d.year()) * 100 + d.month(); });
    QList<BackupInfo> surplus;
    for (qsizetype i = 0; i < daily.size(); ++i)
        if (!keep.at(i))
            surplus << daily.at(i);
    return surplus;
}

Result<void> verifyBackup(const QString &backupPath)
{
    auto verified = DatabaseBackup::verify(QFileInfo(backupPath).absoluteFilePath(), std::nullopt);
    if (!verified)
        return verified.error();
    return {};
}

QString DatabaseBackup::restoreCopyPath(const QString &databasePath)
{
    return databasePath + QStringLiteral(".restore.tmp");
}

} // namespace rehabit
