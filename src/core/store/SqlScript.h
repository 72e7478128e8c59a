#pragma once
// SqlScript: a schema script cut into the statements QSqlQuery runs one at a time.

#include <QString>
#include <QStringList>

namespace rehabit {

class SqlScript {
public:
    /// The statements of a script, without their final ';' and without
    /// statements that hold nothing but comments. A ';' ends a statement
    /// unless it is inside a quoted string or identifier, a comment, or a
    /// BEGIN ... END / CASE ... END block (trigger bodies).
    static QStringList statements(const QString &script);
};

} // namespace rehabit
