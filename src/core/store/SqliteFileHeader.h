#pragma once
// SqliteFileHeader: what the first 100 bytes of a file say, read with QFile
// before SQLite opens it, so that a file which is not ours is refused without
// SQLite touching it.

#include <QString>
#include <QtGlobal>

namespace rehabit {

class SqliteFileHeader {
public:
    enum class Kind {
        Missing,   ///< no such file
        Empty,     ///< 0 bytes: SQLite treats it as a new database
        NotSqlite, ///< anything without the SQLite magic string
        Sqlite,
        Unreadable, ///< exists but cannot be read (errorString says why)
    };

    static constexpr int Size = 100;

    static SqliteFileHeader read(const QString &path);

    Kind kind = Kind::Missing;
    quint32 applicationId = 0; ///< bytes 68-71, big-endian (PRAGMA application_id)
    quint32 userVersion = 0;   ///< bytes 60-63, big-endian (PRAGMA user_version)
    bool walMode = false;      ///< bytes 18-19 are 2: the file is in WAL mode
    quint32 pageSize = 0;      ///< bytes 16-17 (1 means 65536)
    quint32 pageCount = 0;     ///< bytes 28-31, the in-header database size; 0 if not valid
    qint64 fileSize = 0;
    QString errorString;

    /// The file is shorter than the pages its header records: it was cut
    /// short (only meaningful when no WAL file holds newer pages).
    bool isTruncated() const { return pageCount > 0 && fileSize < qint64(pageCount) * pageSize; }

    // The header in the main file can lag behind a WAL file that was not yet
    // checkpointed; SQLite's own answer (PRAGMA application_id, user_version)
    // decides. The header is only used to refuse early.
};

} // namespace rehabit
