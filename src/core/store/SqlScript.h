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

    /// One statement as text to compare: comments removed, every run of
    /// white space one space, no space inside parentheses, trimmed. Quoted
    /// strings and identifiers are kept as they are.
    static QString normalized(const QString &statement);

    /// The expressions of the CHECK constraints of a CREATE TABLE statement
    /// (column and table constraints), each without its outer parentheses.
    static QStringList checkExpressions(const QString &createTable);
};

} // namespace rehabit
