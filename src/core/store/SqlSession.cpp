#include "SqlSession.h"

#include <QCoreApplication>
#include <QSqlDatabase>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QString CommitSql = u"COMMIT"_s;
const QString RollbackSql = u"ROLLBACK"_s;

} // namespace

SqlStatement::SqlStatement(const QString &connectionName, const QString &sql)
    : m_query(QSqlDatabase::database(connectionName, false))
{
    m_query.setForwardOnly(true);
    m_prepared = m_query.prepare(sql);
}

bool SqlStatement::exec(const QVariantList &values)
{
    if (!m_prepared)
        return false;
    for (qsizetype i = 0; i < values.size(); ++i)
        m_query.bindValue(int(i), values.at(i));
    return m_query.exec();
}

SqlSession::SqlSession(Result<QString> connection, const SqlDialect &dialect, QString what)
    : m_connection(std::move(connection))
    , m_dialect(dialect)
    , m_what(std::move(what))
{}

Result<void> SqlSession::connected() const
{
    if (!m_connection)
        return m_connection.error();
    return {};
}

QSqlQuery SqlSession::newQuery() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection.value(), false));
    query.setForwardOnly(true);
    return query;
}

bool SqlSession::run(QSqlQuery &query, const QString &sql, const QVariantList &binds)
{
    if (!query.prepare(sql))
        return false;
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(int(i), binds.at(i));
    return query.exec();
}

Result<QVariant> SqlSession::value(const QString &sql, const QVariantList &binds) const
{
    if (!m_connection)
        return m_connection.error();
    QSqlQuery query = newQuery();
    if (!run(query, sql, binds))
        return failure(query.lastError());
    if (!query.next()) {
        if (query.lastError().isValid())
            return failure(query.lastError());
        return QVariant();
    }
    return query.value(0);
}

Result<SqlWritten> SqlSession::exec(const QString &sql, const QVariantList &binds) const
{
    if (!m_connection)
        return m_connection.error();
    QSqlQuery query = newQuery();
    if (!run(query, sql, binds))
        return failure(query.lastError());
    return SqlWritten{query.lastInsertId().toLongLong(), query.numRowsAffected()};
}

Result<void> SqlSession::begin() const
{
    QSqlQuery query = newQuery();
    if (!query.exec(m_dialect.beginWrite))
        return failure(query.lastError());
    return {};
}

Result<void> SqlSession::commit() const
{
    QSqlQuery query = newQuery();
    if (!query.exec(CommitSql)) {
        const QSqlError error = query.lastError();
        rollback();
        return failure(error);
    }
    return {};
}

void SqlSession::rollback() const
{
    QSqlQuery query = newQuery();
    // A failed COMMIT may already have ended the transaction; the database
    // then answers "no transaction is active", which changes nothing.
    query.exec(RollbackSql);
}

Error SqlSession::failure(const QSqlError &error) const
{
    return m_dialect.driverError(m_what, error);
}

Error SqlSession::refuse(const QString &reason) const
{
    return m_dialect.refusal(m_what, reason);
}

Error SqlSession::refuse(const QString &reason, const QString &location) const
{
    return Error{QCoreApplication::translate("rehabit::SqliteStore", "%1: %2").arg(m_what, reason), location};
}

} // namespace rehabit
