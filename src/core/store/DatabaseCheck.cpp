#include "DatabaseCheck.h"

#include "SchemaMigrator.h"
#include "SqlScript.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QMap>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <atomic>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QString SchemaObjectsSql =
    u"SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    u"ORDER BY type, name"_s;
const QString ColumnsSql = u"SELECT name, \"notnull\" FROM pragma_table_info(?) ORDER BY cid"_s;
const QString UserVersionSql = u"PRAGMA user_version"_s;
const QString IntegrityCheckSql = u"PRAGMA integrity_check"_s;
const QString ForeignKeyCheckSql = u"PRAGMA foreign_key_check"_s;
const QString LogTable = u"session_event"_s;
const QString LogGapsSql = u"SELECT session_id, COUNT(*), MAX(seq) FROM session_event GROUP BY session_id "
                           u"HAVING MIN(seq) <> 1 OR MAX(seq) <> COUNT(*) LIMIT ?"_s;
const QString LogOfSessionSql = u"SELECT seq FROM session_event WHERE session_id = ? ORDER BY seq"_s;

/// Findings reported per kind before "and more".
constexpr int Shown = 10;

std::atomic<quint64> connectionCounter{0};

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("rehabit::SqliteStore", text, nullptr, n);
}

struct SchemaObject {
    QString type; ///< table, index, trigger, view
    QString name;
    QString table;
    QString sql; ///< SqlScript::normalized
};

/// What a fresh database of one schema version holds.
struct ExpectedSchema {
    QMap<QString, SchemaObject> objects; ///< by type and name
    QHash<QString, QStringList> rules;   ///< table -> its CHECK expressions
    QHash<QString, QStringList> notNull; ///< table -> its NOT NULL columns
    QHash<QString, QStringList> columns; ///< table -> its columns, in order
    QString error;                       ///< why it could not be made
};

QString keyOf(const QString &type, const QString &name)
{
    return type + u'\x1f' + name;
}

/// Quotes an identifier of the program's own schema for SQL text.
QString quoted(const QString &identifier)
{
    return u'"' + QString(identifier).replace(u'"', u"\"\""_s) + u'"';
}

QMap<QString, SchemaObject> readObjects(const QSqlDatabase &db, QString *error)
{
    QMap<QString, SchemaObject> objects;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(SchemaObjectsSql)) {
        *error = query.lastError().databaseText();
        return objects;
    }
    while (query.next()) {
        SchemaObject o{query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                       SqlScript::normalized(query.value(3).toString())};
        objects.insert(keyOf(o.type, o.name), o);
    }
    if (query.lastError().isValid())
        *error = query.lastError().databaseText();
    return objects;
}

QList<QPair<QString, bool>> readColumns(const QSqlDatabase &db, const QString &table)
{
    QList<QPair<QString, bool>> columns;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(ColumnsSql);
    query.addBindValue(table);
    if (query.exec())
        while (query.next())
            columns.append({query.value(0).toString(), query.value(1).toInt() != 0});
    return columns;
}

/// Runs the numbered scripts up to `version` on an in-memory database.
ExpectedSchema makeExpected(int version)
{
    ExpectedSchema expected;
    const auto scripts = SchemaMigrator().scripts();
    if (!scripts) {
        expected.error = scripts.error().message;
        return expected;
    }
    const QString name = u"rehabit-expected-schema-"_s + QString::number(++connectionCounter);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(u":memory:"_s);
        if (!db.open()) {
            expected.error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            query.exec(u"BEGIN"_s); // one transaction: the scripts' statements run as one
            for (const SchemaScript &script : *scripts) {
                if (script.version > version || !expected.error.isEmpty())
                    break;
                QFile file(script.path);
                if (!file.open(QIODevice::ReadOnly)) {
                    expected.error = script.fileName + u": "_s + file.errorString();
                    break;
                }
                for (const QString &statement : SqlScript::statements(QString::fromUtf8(file.readAll()))) {
                    if (!query.exec(statement)) {
                        expected.error = script.fileName + u": "_s + query.lastError().databaseText();
                        break;
                    }
                }
            }
            query.exec(u"COMMIT"_s);
            query.finish();
            if (expected.error.isEmpty())
                expected.objects = readObjects(db, &expected.error);
            for (const SchemaObject &o : std::as_const(expected.objects)) {
                if (o.type != u"table"_s)
                    continue;
                expected.rules.insert(o.name, SqlScript::checkExpressions(o.sql));
                QStringList required, all;
                for (const auto &[column, notNull] : readColumns(db, o.name)) {
                    all << column;
                    if (notNull)
                        required << column;
                }
                expected.notNull.insert(o.name, required);
                expected.columns.insert(o.name, all);
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return expected;
}

/// The expected schema of a version, made once per program run.
const ExpectedSchema &expectedSchema(int version)
{
    static QMutex mutex;
    static QHash<int, ExpectedSchema> made;
    QMutexLocker locker(&mutex);
    auto it = made.find(version);
    if (it == made.end())
        it = made.insert(version, makeExpected(version));
    return *it;
}

QString typeText(const QString &type)
{
    if (type == u"table"_s)
        return tr("table");
    if (type == u"index"_s)
        return tr("index");
    if (type == u"trigger"_s)
        return tr("trigger");
    if (type == u"view"_s)
        return tr("view");
    return type;
}

/// The tables whose definition is the expected one: the only ones whose rows are checked.
QStringList compareSchema(const QSqlDatabase &db, int version, QStringList *problems)
{
    const ExpectedSchema &expected = expectedSchema(version);
    if (!expected.error.isEmpty()) {
        *problems << tr("the schema of version %1 could not be made to compare with (%2)")
                         .arg(QString::number(version), expected.error);
        return {};
    }
    QString error;
    const QMap<QString, SchemaObject> actual = readObjects(db, &error);
    if (!error.isEmpty()) {
        *problems << tr("its schema cannot be read (%1)").arg(error);
        return {};
    }
    if (actual.isEmpty()) {
        qsizetype tables = 0;
        for (const SchemaObject &o : expected.objects)
            tables += o.type == u"table"_s ? 1 : 0;
        *problems << tr("it has no tables at all (schema version %1 has %2)")
                         .arg(QString::number(version), QString::number(tables));
        return {};
    }
    // Tables first: a missing table says more than the indexes missing with it.
    QList<SchemaObject> wanted;
    for (const QString &type : {u"table"_s, u"index"_s, u"trigger"_s, u"view"_s})
        for (const SchemaObject &o : expected.objects)
            if (o.type == type)
                wanted << o;
    QStringList sameTables;
    for (const SchemaObject &want : std::as_const(wanted)) {
        const auto found = actual.constFind(keyOf(want.type, want.name));
        if (found == actual.cend()) {
            *problems << tr("the %1 %2 of schema version %3 is missing")
                             .arg(typeText(want.type), want.name, QString::number(version));
            continue;
        }
        if (found->sql == want.sql) {
            if (want.type == u"table"_s)
                sameTables << want.name;
            continue;
        }
        QString detail;
        if (want.type == u"table"_s) {
            QStringList have;
            for (const auto &[column, notNull] : readColumns(db, want.name))
                have << column;
            const QStringList &wanted = expected.columns.value(want.name);
            QStringList changes;
            for (const QString &column : wanted)
                if (!have.contains(column))
                    changes << tr("no column %1").arg(column);
            for (const QString &column : std::as_const(have))
                if (!wanted.contains(column))
                    changes << tr("a column %1 it should not have").arg(column);
            if (changes.isEmpty())
                changes << tr("its columns' types, rules or keys");
            detail = u" ("_s + changes.join(u", "_s) + u')';
        }
        *problems << tr("the %1 %2 differs from that of schema version %3%4")
                         .arg(typeText(want.type), want.name, QString::number(version), detail);
    }
    for (const SchemaObject &have : actual)
        if (!expected.objects.contains(keyOf(have.type, have.name)))
            *problems << tr("it has a %1 %2 that schema version %3 does not have")
                             .arg(typeText(have.type), have.name, QString::number(version));
    return sameTables;
}

/// Adds "and N more" when a query returned more rows than are shown.
void addMore(QStringList *problems, int found, const QString &what)
{
    if (found > Shown)
        *problems << tr("and more %1").arg(what);
}

/// The CHECK and NOT NULL rules of each table whose definition is the
/// expected one, row by row. The SQL is made from the program's own schema
/// (a fresh database of this version), never from the file's.
void checkRules(const QSqlDatabase &db, const ExpectedSchema &expected, const QStringList &tables,
                QStringList *problems)
{
    for (const QString &table : tables) {
        const QStringList &rules = expected.rules.value(table);
        const QStringList &required = expected.notNull.value(table);
        if (rules.isEmpty() && required.isEmpty())
            continue;
        QStringList tests;
        for (const QString &rule : rules)
            tests << u"NOT (%1)"_s.arg(rule);
        for (const QString &column : required)
            tests << u"%1 IS NULL"_s.arg(quoted(column));
        const QString sql = u"SELECT rowid, %1 FROM %2 WHERE %3 LIMIT %4"_s.arg(
            tests.join(u", "_s), quoted(table), tests.join(u" OR "_s), QString::number(Shown + 1));
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(sql)) {
            *problems
                << tr("the rules of table %1 could not be checked (%2)").arg(table, query.lastError().databaseText());
            continue;
        }
        int found = 0;
        while (query.next()) {
            if (++found > Shown)
                break;
            const QString row = query.value(0).toString();
            for (int i = 0; i < tests.size(); ++i) {
                if (query.value(i + 1).toInt() != 1)
                    continue;
                if (i < rules.size())
                    *problems << tr("row %1 of table %2 breaks the rule CHECK (%3)").arg(row, table, rules.at(i));
                else
                    *problems << tr("row %1 of table %2 has no %3, which every row must have")
                                     .arg(row, table, required.at(i - rules.size()));
            }
        }
        addMore(problems, found, tr("rows of table %1 break its rules").arg(table));
    }
}

/// Each session's events must be numbered 1, 2, 3 ... without a gap.
void checkLog(const QSqlDatabase &db, QStringList *problems)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(LogGapsSql);
    query.addBindValue(Shown + 1);
    if (!query.exec()) {
        *problems << tr("the numbering of the log could not be checked (%1)").arg(query.lastError().databaseText());
        return;
    }
    QList<std::array<qint64, 3>> sessions;
    while (query.next())
        sessions.append({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toLongLong()});
    query.finish();
    int shown = 0;
    for (const auto &[session, count, last] : std::as_const(sessions)) {
        if (++shown > Shown)
            break;
        QSqlQuery seqs(db);
        seqs.setForwardOnly(true);
        seqs.prepare(LogOfSessionSql);
        seqs.addBindValue(session);
        qint64 missing = 0;
        if (seqs.exec()) {
            qint64 expected = 1;
            while (seqs.next() && missing == 0) {
                if (seqs.value(0).toLongLong() != expected)
                    missing = expected;
                ++expected;
            }
        }
        *problems << tr("the log of session %1 has %2 events numbered up to %3: event %4 is missing")
                         .arg(QString::number(session), QString::number(count), QString::number(last),
                              QString::number(missing));
    }
    addMore(problems, int(sessions.size()), tr("sessions have gaps in their log"));
}

} // namespace

QStringList DatabaseCheck::schemaProblems(const QString &connectionName, int version)
{
    QStringList problems;
    compareSchema(QSqlDatabase::database(connectionName, false), version, &problems);
    return problems;
}

StoreHealth DatabaseCheck::run(const QString &connectionName)
{
    const QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    StoreHealth health;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(UserVersionSql) || !query.next()) {
        health.integrityMessages << query.lastError().databaseText();
        return health;
    }
    health.schemaVersion = query.value(0).toInt();
    if (!query.exec(IntegrityCheckSql)) {
        // A file damaged badly enough that the check cannot run is damaged.
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
    } else {
        while (query.next())
            health.foreignKeyProblems << tr("row %1 of table %2 refers to a missing row of %3")
                                             .arg(query.value(1).toString(), query.value(0).toString(),
                                                  query.value(2).toString());
    }
    query.finish();

    if (health.schemaVersion < 1 || health.schemaVersion > currentSchemaVersion()) {
        health.schemaProblems << tr("its schema version %1 is not one this program knows (1 to %2)")
                                     .arg(QString::number(health.schemaVersion),
                                          QString::number(currentSchemaVersion()));
        return health;
    }
    const QStringList sameTables = compareSchema(db, health.schemaVersion, &health.schemaProblems);
    checkRules(db, expectedSchema(health.schemaVersion), sameTables, &health.ruleProblems);
    if (sameTables.contains(LogTable))
        checkLog(db, &health.logProblems);
    return health;
}

QString DatabaseCheck::summary(const StoreHealth &health)
{
    const QStringList all = health.findings();
    constexpr qsizetype First = 3;
    if (all.size() > First)
        return all.first(First).join(u"; "_s) + tr("; and %n more problem(s)", int(all.size() - First));
    return all.join(u"; "_s);
}

} // namespace rehabit
