#include "QuickCheckStamp.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QString Format = u"rehabit-quick-check-stamp"_s;

bool walHasContent(const QString &database)
{
    return QFileInfo(database + u"-wal"_s).size() > 0;
}

qint64 modifiedMs(const QFileInfo &info)
{
    return info.lastModified().toMSecsSinceEpoch();
}

} // namespace

QString QuickCheckStamp::pathFor(const QString &database)
{
    return database + u".checked"_s;
}

QDateTime QuickCheckStamp::validCheck(const QString &database, const QDateTime &now)
{
    QFile file(pathFor(database));
    if (!file.open(QIODevice::ReadOnly) || file.size() > 4096)
        return {};
    const QJsonObject stamp = QJsonDocument::fromJson(file.readAll()).object();
    const QFileInfo info(database);
    if (stamp.value(u"format"_s).toString() != Format || !info.exists() || walHasContent(database))
        return {};
    if (stamp.value(u"size"_s).toInteger(-1) != info.size()
        || stamp.value(u"modified_ms"_s).toInteger(-1) != modifiedMs(info))
        return {};
    const QDateTime checked = QDateTime::fromString(stamp.value(u"checked_at"_s).toString(), Qt::ISODateWithMs);
    if (!checked.isValid() || checked > now || checked.secsTo(now) >= MaxAgeSeconds)
        return {};
    return checked;
}

bool QuickCheckStamp::write(const QString &database, const QDateTime &checkedAt)
{
    const QFileInfo info(database);
    if (!checkedAt.isValid() || !info.exists() || walHasContent(database))
        return false;
    const QJsonObject stamp{{u"format"_s, Format},
                            {u"size"_s, info.size()},
                            {u"modified_ms"_s, modifiedMs(info)},
                            {u"checked_at"_s, checkedAt.toUTC().toString(Qt::ISODateWithMs)}};
    QSaveFile file(pathFor(database));
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(stamp).toJson()) >= 0 && file.commit();
}

void QuickCheckStamp::remove(const QString &database)
{
    QFile::remove(pathFor(database));
}

} // namespace rehabit
