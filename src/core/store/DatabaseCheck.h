#pragma once
// DatabaseCheck: what `rehabit-cli check`, a backup's verification and a
// restore require of a Rehabit database (docs/storage.md, "What check
// verifies"), on a connection the caller opened:
//
// - the schema: every table, index and trigger that a fresh database of the
//   file's schema version has (made in memory by the same numbered scripts),
//   with the same definition, and nothing else;
// - PRAGMA integrity_check;
// - the schema's CHECK and NOT NULL rules, row by row, by query (on a
//   read-only connection SQLite does not parse CHECK constraints, so its
//   integrity_check cannot verify them);
// - PRAGMA foreign_key_check;
// - the append-only log's numbering: each session's events are 1, 2, 3 ...
//   without a gap.
//
// Reads only. Private to the store.

#include "rehabit/store/Store.h"

#include <QString>
#include <QStringList>

namespace rehabit {

class DatabaseCheck {
public:
    /// How the schema on the connection differs from that of a fresh
    /// database of `version` (a table missing, a column or rule changed, an
    /// object this version does not make); empty when it is the same. Reads
    /// sqlite_schema only: cheap enough for every open.
    static QStringList schemaProblems(const QString &connectionName, int version);

    /// Every check above. The schema version is read from the connection.
    static StoreHealth run(const QString &connectionName);

    /// The first few findings of a failed check, on one line.
    static QString summary(const StoreHealth &health);
};

} // namespace rehabit
