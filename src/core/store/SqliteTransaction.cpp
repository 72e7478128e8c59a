#include "SqliteTransaction.h"

#include <QSqlDatabase>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QString BeginImmediateSql = u"BEGIN IMMEDIATE"_s;
const QString CommitSql = u"COMMIT"_s;
const QString RollbackSql = u"ROLLBACK"_s;

} // namespace

SqliteTransaction::SqliteTransaction(QString connectionName)
    : m_connectionName(std::move(connectionName))
{}

SqliteTransaction::~SqliteTransaction()
{
    rollback();
}

std::optional<QSqlError> SqliteTransaction::begin()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(BeginImmediateSql))
        return query.lastError();
    m_open = true;
    return std::nullopt;
}

std::optional<QSqlError> SqliteTransaction::commit()
{
    if (!m_open)
        return QSqlError(QString(), u"no transaction is open"_s, QSqlError::TransactionError);
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(CommitSql)) {
        const QSqlError error = query.lastError();
        rollback();
        return error;
    }
    m_open = false;
    return std::nullopt;
}

void SqliteTransaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // A failed COMMIT may already have ended the transaction; SQLite then
    // answers "no transaction is active", which changes nothing.
    query.exec(RollbackSql);
}

} // namespace rehabit
