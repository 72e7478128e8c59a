#pragma once
// SqlSession: the store's query kit, one per operation, over one Qt SQL
// connection. It reads all rows or one row into domain values, runs writes
// inside one transaction (rolled back on any error), and turns every failure
// into a rehabit::Error the same way, with the operation's words in front
// ("The patients could not be read: ..."). It knows no SQL dialect: the
// backend gives it the statement that opens a write transaction and the words
// for its driver's errors. Private to the store.

#include "rehabit/domain/Result.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <optional>
#include <type_traits>

namespace rehabit {

/// What a backend tells the kit about its database.
struct SqlDialect {
    /// Opens a write transaction that takes the write lock at once
    /// ("BEGIN IMMEDIATE" for SQLite, "BEGIN" for PostgreSQL).
    QString beginWrite;
    /// An error of the driver in words a person can act on.
    std::function<Error(const QString &what, const QSqlError &error)> driverError;
    /// A refusal that is not the driver's ("what: reason").
    std::function<Error(const QString &what, const QString &reason)> refusal;
};

/// What a write statement did.
struct SqlWritten {
    qint64 lastInsertId = 0;
    int rowsAffected = 0;
};

/// A statement prepared once and run many times with new values (bulk writes).
class SqlStatement {
public:
    SqlStatement(const QString &connectionName, const QString &sql);
    bool exec(const QVariantList &values);
    qint64 lastInsertId() const { return m_query.lastInsertId().toLongLong(); }
    QSqlError lastError() const { return m_query.lastError(); }

private:
    QSqlQuery m_query;
    bool m_prepared = false;
};

class SqlSession {
public:
    /// A row read into a value; an Error's message is the reason it could not be
    /// (the session puts the operation's words in front).
    template <typename T>
    using RowMapper = std::function<Result<T>(const QSqlQuery &row)>;

    /// connection: the connection's name, or why there is none.
    SqlSession(Result<QString> connection, const SqlDialect &dialect, QString what);

    const QString &what() const { return m_what; }
    /// The connection's name; only when connected().
    const QString &connectionName() const { return m_connection.value(); }
    Result<void> connected() const;

    /// Every row of the query, mapped.
    template <typename T>
    Result<QList<T>> all(const QString &sql, const QVariantList &binds, const RowMapper<T> &map) const
    {
        if (!m_connection)
            return m_connection.error();
        QSqlQuery query = newQuery();
        if (!run(query, sql, binds))
            return failure(query.lastError());
        QList<T> rows;
        while (query.next()) {
            Result<T> row = map(query);
            if (!row)
                return refuse(row.error().message);
            rows.append(std::move(row).value());
        }
        if (query.lastError().isValid())
            return failure(query.lastError());
        return rows;
    }

    /// The first row of the query, mapped; nullopt if there is none.
    template <typename T>
    Result<std::optional<T>> one(const QString &sql, const QVariantList &binds, const RowMapper<T> &map) const
    {
        if (!m_connection)
            return m_connection.error();
        QSqlQuery query = newQuery();
        if (!run(query, sql, binds))
            return failure(query.lastError());
        if (!query.next()) {
            if (query.lastError().isValid())
                return failure(query.lastError());
            return std::optional<T>();
        }
        Result<T> row = map(query);
        if (!row)
            return refuse(row.error().message);
        return std::optional<T>(std::move(row).value());
    }

    /// The first column of the first row; an invalid QVariant if there is no row.
    Result<QVariant> value(const QString &sql, const QVariantList &binds = {}) const;

    /// Runs one statement (inside write(), or alone).
    Result<SqlWritten> exec(const QString &sql, const QVariantList &binds = {}) const;

    /// Runs fn inside one write transaction: committed when fn returns a
    /// value, rolled back when it returns an Error or COMMIT fails. The value
    /// is returned only after COMMIT returned.
    template <typename F>
    auto write(F &&fn) const -> std::invoke_result_t<F>
    {
        using R = std::invoke_result_t<F>;
        if (!m_connection)
            return R(m_connection.error());
        if (auto begun = begin(); !begun)
            return R(begun.error());
        R result = fn();
        if (!result) {
            rollback();
            return result;
        }
        if (auto committed = commit(); !committed)
            return R(committed.error());
        return result;
    }

    /// The operation's failure for a driver error.
    Error failure(const QSqlError &error) const;
    /// The operation's refusal for a reason of the store's own.
    Error refuse(const QString &reason) const;
    /// The operation's refusal located in the input ("what: reason", location).
    Error refuse(const QString &reason, const QString &location) const;

private:
    QSqlQuery newQuery() const;
    static bool run(QSqlQuery &query, const QString &sql, const QVariantList &binds);
    Result<void> begin() const;
    Result<void> commit() const;
    void rollback() const;

    Result<QString> m_connection;
    const SqlDialect &m_dialect;
    QString m_what;
};

} // namespace rehabit
