#include "DatabaseBackup.h"

#include "SqliteError.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QString VacuumIntoSql = u"VACUUM INTO ?"_s;
const QString IntegrityCheckSql = u"PRAGMA integrity_check"_s;
const QString UserVersionSql = u"PRAGMA user_version"_s;
const QString BackupInfix = u".backup-v"_s;
const QString TemporarySuffix = u".tmp"_s;

QAtomicInteger<quint64> verifyConnectionCounter;

QString shown(const QString &path) { return QDir::toNativeSeparators(path); }

} // namespace

QString DatabaseBackup::backupPath(const QString &databasePath, int schemaVersion, const QDateTime &at)
{
    return databasePath + BackupInfix + QString::number(schemaVersion) + u'-'
        + at.toUTC().toString(u"yyyyMMdd'T'HHmmsszzz'Z'"_s) + u".sqlite"_s;
}

QStringList DatabaseBackup::existingBackups(const QString &databasePath)
{
    const QFileInfo info(databasePath);
    const QDir dir = info.absoluteDir();
    const QStringList names = dir.entryList({info.fileName() + BackupInfix + u"*.sqlite"_s}, QDir::Files, QDir::Name);
    QStringList paths;
    // The names end in a sortable UTC time: newest last in name order.
    for (auto it = names.crbegin(); it != names.crend(); ++it)
        paths << dir.filePath(*it);
    return paths;
}

Result<void> DatabaseBackup::verify(const QString &path, int expectedSchemaVersion)
{
    const QString name = u"rehabit-backup-verify-"_s + QString::number(++verifyConnectionCounter);
    Result<void> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        const QString what =
            QCoreApplication::translate("rehabit::SqliteStore", "The backup %1 could not be checked").arg(shown(path));
        if (!db.open()) {
            result = SqliteError::toError(what, db.lastError(), QString());
        } else {
            QSqlQuery query(db);
            QStringList problems;
            int version = -1;
            if (!query.exec(IntegrityCheckSql)) {
                result = SqliteError::toError(what, query.lastError(), QString());
            } else {
                while (query.next())
                    problems << query.value(0).toString();
                if (problems == QStringList{u"ok"_s})
                    problems.clear();
                if (query.exec(UserVersionSql) && query.next())
                    version = query.value(0).toInt();
                if (!problems.isEmpty())
                    result = Error{QCoreApplication::translate("rehabit::SqliteStore",
                                                               "The backup %1 failed its integrity check: %2")
                                       .arg(shown(path), problems.first()),
                                   QString()};
                else if (version != expectedSchemaVersion)
                    result = Error{QCoreApplication::translate("rehabit::SqliteStore",
                                                               "The backup %1 has schema version %2 instead of %3.")
                                       .arg(shown(path), QString::number(version), QString::number(expectedSchemaVersion)),
                                   QString()};
            }
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Result<QString> DatabaseBackup::write(const QString &connectionName, const QString &databasePath, int schemaVersion,
                                      const QDateTime &at)
{
    const QString finalPath = backupPath(databasePath, schemaVersion, at);
    const QString temporaryPath = finalPath + TemporarySuffix;
    const QString what = QCoreApplication::translate("rehabit::SqliteStore",
                                                     "The backup of %1 taken before the upgrade could not be written")
                             .arg(shown(databasePath));
    if (QFileInfo::exists(finalPath))
        return Error{QCoreApplication::translate("rehabit::SqliteStore", "%1: %2 already exists.").arg(what, shown(finalPath)),
                     QString()};
    // A temporary copy left by an interrupted attempt is never a backup.
    if (QFileInfo::exists(temporaryPath) && !QFile::remove(temporaryPath))
        return Error{QCoreApplication::translate("rehabit::SqliteStore", "%1: the unfinished copy %2 cannot be removed.")
                         .arg(what, shown(temporaryPath)),
                     QString()};
    {
        QSqlQuery query(QSqlDatabase::database(connectionName, false));
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
    if (auto verified = verify(temporaryPath, schemaVersion); !verified) {
        QFile::remove(temporaryPath);
        return Error{what + u": "_s + verified.error().message, QString()};
    }
    if (!QFile::rename(temporaryPath, finalPath)) {
        QFile::remove(temporaryPath);
        return Error{QCoreApplication::translate("rehabit::SqliteStore", "%1: %2 cannot be renamed to %3.")
                         .arg(what, shown(temporaryPath), shown(finalPath)),
                     QString()};
    }
    return finalPath;
}

} // namespace rehabit
