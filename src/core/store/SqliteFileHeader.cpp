#include "SqliteFileHeader.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

namespace rehabit {

SqliteFileHeader SqliteFileHeader::read(const QString &path)
{
    SqliteFileHeader header;
    const QFileInfo info(path);
    if (!info.exists()) {
        header.kind = Kind::Missing;
        return header;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        header.kind = Kind::Unreadable;
        header.errorString = file.errorString();
        return header;
    }
    const QByteArray bytes = file.read(Size);
    if (file.error() != QFileDevice::NoError) {
        header.kind = Kind::Unreadable;
        header.errorString = file.errorString();
        return header;
    }
    if (bytes.isEmpty()) {
        header.kind = Kind::Empty;
        return header;
    }
    static constexpr char Magic[] = "SQLite format 3"; // followed by a NUL byte
    if (bytes.size() < Size || !bytes.startsWith(QByteArray(Magic, sizeof Magic))) {
        header.kind = Kind::NotSqlite;
        return header;
    }
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    header.kind = Kind::Sqlite;
    header.walMode = data[18] == 2 && data[19] == 2;
    header.fileSize = info.size();
    const quint32 pageSize = qFromBigEndian<quint16>(data + 16);
    header.pageSize = pageSize == 1 ? 65536 : pageSize;
    // The in-header size is valid when the change counter (bytes 24-27)
    // equals the version-valid-for number (bytes 92-95).
    if (qFromBigEndian<quint32>(data + 24) == qFromBigEndian<quint32>(data + 92))
        header.pageCount = qFromBigEndian<quint32>(data + 28);
    header.userVersion = qFromBigEndian<quint32>(data + 60);
    header.applicationId = qFromBigEndian<quint32>(data + 68);
    return header;
}

} // namespace rehabit
