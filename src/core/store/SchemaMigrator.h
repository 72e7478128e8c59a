#pragma once
// SchemaMigrator: the numbered schema scripts (NNNN_name.sql, from 0001) of
// one SQL dialect, run forward in one transaction.

#include "rehabit/domain/Result.h"

#include <QList>
#include <QString>

namespace rehabit {

struct SchemaScript {
    int version = 0;  ///< NNNN: the schema version after the script ran
    QString fileName; ///< "0001_init.sql"
    QString path;
};

class SchemaMigrator {
public:
    /// PRAGMA application_id of every Rehabit database: "RHBT".
    static constexpr quint32 ApplicationId = 0x52484254;

    /// ":/rehabit/sql/sqlite", the scripts compiled into the core.
    static QString bundledScriptDirectory();

    explicit SchemaMigrator(QString scriptDirectory = bundledScriptDirectory());

    /// The scripts in version order, checked: numbered 1, 2, ... N without
    /// gaps or duplicates, names NNNN_lowercase_words.sql.
    Result<QList<SchemaScript>> scripts() const;

    /// The highest script number (the schema version a migration ends at);
    /// 0 if the scripts are missing or misnumbered.
    int targetVersion() const;

    /// Runs the scripts after fromVersion in one transaction (BEGIN IMMEDIATE
    /// ... COMMIT) on the named connection, checks foreign keys, and sets
    /// application_id and user_version inside the same transaction. On any
    /// error everything is rolled back and the database is as it was; the
    /// message names the script and the statement.
    Result<void> migrate(const QString &connectionName, int fromVersion, const QString &databasePath) const;

private:
    QString m_directory;
};

} // namespace rehabit
