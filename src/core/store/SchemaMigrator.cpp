#include "SchemaMigrator.h"

#include "SqlScript.h"
#include "SqliteError.h"
#include "SqliteTransaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

// PRAGMA values cannot be bound; both numbers come from this program, never
// from a user or a file.
const QString SetApplicationIdSql = u"PRAGMA application_id = %1"_s;
const QString SetUserVersionSql = u"PRAGMA user_version = %1"_s;
const QString ForeignKeyCheckSql = u"PRAGMA foreign_key_check"_s;

QString migrationFailed(int target)
{
    return QCoreApplication::translate("rehabit::SqliteStore",
                                       "The database could not be brought to schema version %1; it was left as it was")
        .arg(target);
}

} // namespace

QString SchemaMigrator::bundledScriptDirectory()
{
    return u":/rehabit/sql/sqlite"_s;
}

SchemaMigrator::SchemaMigrator(QString scriptDirectory)
    : m_directory(std::move(scriptDirectory))
{}

Result<QList<SchemaScript>> SchemaMigrator::scripts() const
{
    static const QRegularExpression pattern(u"^(\\d{4})_[a-z0-9_]+\\.sql$"_s);
    const QDir dir(m_directory);
    QList<SchemaScript> found;
    for (const QString &name : dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name)) {
        const auto match = pattern.match(name);
        if (!match.hasMatch())
            return Error{
                QCoreApplication::translate("rehabit::SqliteStore", "The schema script %1 is not named NNNN_name.sql.")
                    .arg(name),
                QDir::toNativeSeparators(m_directory)};
        found.append(SchemaScript{match.captured(1).toInt(), name, dir.filePath(name)});
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.version < b.version; });
    if (found.isEmpty())
        return Error{QCoreApplication::translate("rehabit::SqliteStore", "No schema scripts were found."),
                     QDir::toNativeSeparators(m_directory)};
    for (qsizetype i = 0; i < found.size(); ++i) {
        if (found.at(i).version != i + 1)
            return Error{
                QCoreApplication::translate("rehabit::SqliteStore",
                                            "The schema scripts must be numbered 0001, 0002, ... without gaps; "
                                            "%1 is out of place.")
                    .arg(found.at(i).fileName),
                QDir::toNativeSeparators(m_directory)};
    }
    return found;
}

int SchemaMigrator::targetVersion() const
{
    const auto found = scripts();
    return found ? int(found->size()) : 0;
}

Result<void> SchemaMigrator::migrate(const QString &connectionName, int fromVersion, const QString &databasePath) const
{
    const auto found = scripts();
    if (!found)
        return found.error();
    const int target = int(found->size());
    const QString location = QDir::toNativeSeparators(databasePath);
    if (fromVersion < 0 || fromVersion > target)
        return Error{
            QCoreApplication::translate("rehabit::SqliteStore",
                                        "The database has schema version %1; this program knows versions up to %2.")
                .arg(fromVersion)
                .arg(target),
            location};
    if (fromVersion == target)
        return {};

    // Read every script before the transaction starts.
    QList<QPair<SchemaScript, QStringList>> work;
    for (const SchemaScript &script : *found) {
        if (script.version <= fromVersion)
            continue;
        QFile file(script.path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{QCoreApplication::translate("rehabit::SqliteStore", "The schema script %1 cannot be read: %2")
                             .arg(script.fileName, file.errorString()),
                         location};
        work.append({script, SqlScript::statements(QString::fromUtf8(file.readAll()))});
    }

    SqliteTransaction transaction(connectionName);
    if (auto error = transaction.begin())
        return SqliteError::toError(migrationFailed(target), *error, location);
    {
        QSqlQuery query(QSqlDatabase::database(connectionName, false));
        for (const auto &[script, statements] : work) {
            for (qsizetype i = 0; i < statements.size(); ++i) {
                if (!query.exec(statements.at(i))) {
                    const QString what = QCoreApplication::translate("rehabit::SqliteStore", "%1 (%2, statement %3)")
                                             .arg(migrationFailed(target), script.fileName, QString::number(i + 1));
                    return SqliteError::toError(what, query.lastError(), location);
                }
            }
        }
        if (!query.exec(ForeignKeyCheckSql))
            return SqliteError::toError(migrationFailed(target), query.lastError(), location);
        if (query.next())
            return Error{
                QCoreApplication::translate("rehabit::SqliteStore",
                                            "%1: after the upgrade a row of table %2 refers to a missing row of %3.")
                    .arg(migrationFailed(target), query.value(0).toString(), query.value(2).toString()),
                location};
        query.finish();
        if (!query.exec(SetApplicationIdSql.arg(ApplicationId)) || !query.exec(SetUserVersionSql.arg(target)))
            return SqliteError::toError(migrationFailed(target), query.lastError(), location);
    }
    if (auto error = transaction.commit())
        return SqliteError::toError(migrationFailed(target), *error, location);
    return {};
}

} // namespace rehabit
