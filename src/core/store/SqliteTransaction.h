#pragma once
// SqliteTransaction: a write transaction on a named connection. It starts with
// BEGIN IMMEDIATE (the write lock is taken at once, so a second connection
// waits for busy_timeout instead of failing later with SQLITE_BUSY_SNAPSHOT),
// ends with COMMIT, and rolls back on any error or when it goes out of scope
// uncommitted. The statements are run as SQL, not through
// QSqlDatabase::transaction(), which would issue a deferred BEGIN.

#include <QSqlError>
#include <QString>

#include <optional>

namespace rehabit {

class SqliteTransaction {
public:
    explicit SqliteTransaction(QString connectionName);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;

    /// BEGIN IMMEDIATE; the error if it failed.
    std::optional<QSqlError> begin();
    /// COMMIT; on failure the transaction is rolled back and the error returned.
    /// Every QSqlQuery used in the transaction must be finished or destroyed first.
    std::optional<QSqlError> commit();
    /// ROLLBACK, if the transaction is open.
    void rollback();
    bool isOpen() const { return m_open; }

private:
    QString m_connectionName;
    bool m_open = false;
};

} // namespace rehabit
