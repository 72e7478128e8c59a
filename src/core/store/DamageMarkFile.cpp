#include "DamageMarkFile.h"

#include "QuickCheckStamp.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

const QString Format = u"rehabit-damaged-mark"_s;
constexpr qsizetype MaxFindings = 10;
constexpr qint64 MaxBytes = 64 * 1024;

} // namespace

QString DamageMarkFile::pathFor(const QString &database)
{
    return database + u".damaged"_s;
}

std::optional<DamageMark> DamageMarkFile::read(const QString &database)
{
    if (!QFileInfo(database).isFile() || !QFileInfo::exists(pathFor(database)))
        return std::nullopt;
    DamageMark mark;
    QFile file(pathFor(database));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(file.read(MaxBytes)).object();
        if (o.value(u"format"_s).toString() == Format) {
            mark.markedAt = QDateTime::fromString(o.value(u"marked_at"_s).toString(), Qt::ISODateWithMs);
            mark.foundBy = o.value(u"found_by"_s).toString();
            for (const QJsonValue &v : o.value(u"findings"_s).toArray())
                if (mark.findings.size() < MaxFindings)
                    mark.findings << v.toString();
        }
    }
    return mark;
}

bool DamageMarkFile::write(const QString &database, const DamageMark &mark)
{
    QJsonArray findings;
    for (const QString &f : mark.findings.first(std::min(mark.findings.size(), MaxFindings)))
        findings.append(f);
    const QJsonObject o{{u"format"_s, Format},
                        {u"marked_at"_s, mark.markedAt.toUTC().toString(Qt::ISODateWithMs)},
                        {u"found_by"_s, mark.foundBy},
                        {u"findings"_s, findings}};
    QSaveFile file(pathFor(database));
    const bool written = file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(o).toJson()) >= 0 && file.commit();
    QuickCheckStamp::remove(database);
    return written;
}

bool DamageMarkFile::remove(const QString &database)
{
    const QString path = pathFor(database);
    return !QFileInfo::exists(path) || QFile::remove(path);
}

// --- rehabit/store/DamageMark.h ---------------------------------------------------

std::optional<DamageMark> damageMark(const QString &databasePath)
{
    return DamageMarkFile::read(QFileInfo(databasePath).absoluteFilePath());
}

Result<void> recordCheckResult(const QString &databasePath, const StoreHealth &health, const QDateTime &now)
{
    const QString database = QFileInfo(databasePath).absoluteFilePath();
    const QString path = QDir::toNativeSeparators(DamageMarkFile::pathFor(database));
    if (health.healthy()) {
        if (!DamageMarkFile::remove(database))
            return Error{QCoreApplication::translate("rehabit::SqliteStore",
                                                     "The mark %1 cannot be removed, so programs still take the "
                                                     "database for damaged: remove that file yourself.")
                             .arg(path),
                         QString()};
        return {};
    }
    const DamageMark mark{now, u"check"_s, health.findings()};
    if (!DamageMarkFile::write(database, mark))
        return Error{QCoreApplication::translate("rehabit::SqliteStore",
                                                 "The database could not be marked damaged: %1 cannot be written "
                                                 "in its folder.")
                         .arg(path),
                     QString()};
    return {};
}

} // namespace rehabit
