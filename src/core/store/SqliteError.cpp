#include "SqliteError.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace rehabit {

int SqliteError::primaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : 0;
}

QString SqliteError::reason(const QSqlError &error)
{
    switch (primaryCode(error)) {
    case Busy:
    case Locked:
        return QCoreApplication::translate("rehabit::SqliteStore",
                                           "another program kept the database busy; try again in a moment");
    case ReadOnly: return QCoreApplication::translate("rehabit::SqliteStore", "the database file cannot be written");
    case IoError: return QCoreApplication::translate("rehabit::SqliteStore", "the disk reported an error");
    case Corrupt: return QCoreApplication::translate("rehabit::SqliteStore", "the database file is damaged");
    case Full: return QCoreApplication::translate("rehabit::SqliteStore", "the disk is full");
    case CantOpen: return QCoreApplication::translate("rehabit::SqliteStore", "the database file cannot be opened");
    case Constraint: return QCoreApplication::translate("rehabit::SqliteStore", "the database refused the values");
    case NotADatabase: return QCoreApplication::translate("rehabit::SqliteStore", "the file is not a SQLite database");
    default: return QCoreApplication::translate("rehabit::SqliteStore", "the database reported an error");
    }
}

Error SqliteError::toError(const QString &what, const QSqlError &error, const QString &location)
{
    QString detail = error.databaseText().trimmed();
    if (detail.isEmpty())
        detail = error.driverText().trimmed();
    if (detail.isEmpty())
        return Error{QCoreApplication::translate("rehabit::SqliteStore", "%1: %2.").arg(what, reason(error)), location};
    return Error{
        QCoreApplication::translate("rehabit::SqliteStore", "%1: %2 (SQLite: %3).").arg(what, reason(error), detail),
        location};
}

} // namespace rehabit
