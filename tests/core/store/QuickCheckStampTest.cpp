// quick_check on open is skipped only for a file exactly as the store left
// it at a clean close, checked less than a day ago (QuickCheckStamp); any
// other file is checked, and damaged files are refused as before.

#include "StoreTestSupport.h"

#include "QuickCheckStamp.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace rehabit;
using namespace rehabit::test;

namespace {

/// Zeroes the page holding the root of session_event, in place.
QByteArray zeroEventRootPage(const QString &path)
{
    qsizetype rootPage = 0;
    {
        RawDatabase raw(path, true);
        rootPage =
            raw.scalar(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = 'session_event'")).toLongLong();
    }
    REQUIRE(rootPage > 1);
    QByteArray bytes = readAll(path);
    const qsizetype pageSize = 4096;
    bytes.replace((rootPage - 1) * pageSize, pageSize, QByteArray(pageSize, '\0'));
    REQUIRE(writeAll(path, bytes));
    return bytes;
}

QDateTime modified(const QString &path)
{
    return QFileInfo(path).lastModified();
}

void setModified(const QString &path, const QDateTime &time)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadWrite));
    REQUIRE(file.setFileTime(time, QFileDevice::FileModificationTime));
}

void setCheckedAt(const QString &database, const QDateTime &time)
{
    QFile file(QuickCheckStamp::pathFor(database));
    REQUIRE(file.open(QIODevice::ReadOnly));
    QJsonObject stamp = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    stamp.insert(QStringLiteral("checked_at"), time.toUTC().toString(Qt::ISODateWithMs));
    REQUIRE(writeAll(QuickCheckStamp::pathFor(database), QJsonDocument(stamp).toJson()));
}

} // namespace

TEST_CASE("A clean close stamps the file, and the stamp is gone while the store is open")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("stamped.sqlite"));
    {
        auto store = openStore(path);
        populate(*store);
        CHECK_FALSE(QFileInfo::exists(QuickCheckStamp::pathFor(path)));
    }
    REQUIRE(QFileInfo::exists(QuickCheckStamp::pathFor(path)));
    CHECK(QuickCheckStamp::validCheck(path, QDateTime::currentDateTimeUtc()).isValid());
    {
        // Open again: a program killed now leaves no stamp behind, so the
        // next open checks the whole file.
        auto store = openStore(path);
        CHECK_FALSE(QFileInfo::exists(QuickCheckStamp::pathFor(path)));
    }
    CHECK(QFileInfo::exists(QuickCheckStamp::pathFor(path)));
}

TEST_CASE("A file changed since the stamp is checked on open and refused when damaged")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("changed.sqlite"));
    {
        auto store = openStore(path);
        populate(*store);
    }
    const QDateTime stamped = modified(path);
    const QByteArray damaged = zeroEventRootPage(path);
    // Another program's write: same size, a later modification time.
    setModified(path, stamped.addSecs(5));
    const auto opened = openSqliteStore(path);
    REQUIRE_FALSE(opened.ok());
    INFO(opened.error().text());
    CHECK(opened.error().text().contains(QStringLiteral("damaged")));
    CHECK(readAll(path) == damaged);
}

TEST_CASE("Damage the stamp cannot see is found when read, and the file is checked at the next open")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("silent.sqlite"));
    {
        auto store = openStore(path);
        populate(*store);
    }
    // A failing disk: the bytes change, the size and the time do not.
    const QDateTime stamped = modified(path);
    const QByteArray damaged = zeroEventRootPage(path);
    setModified(path, stamped);
    REQUIRE(QuickCheckStamp::validCheck(path, QDateTime::currentDateTimeUtc()).isValid());
    {
        auto store = openStore(path); // quick_check skipped: the stamp matches
        const auto events = store->events(1);
        REQUIRE_FALSE(events.ok());
        INFO(events.error().text());
        CHECK(events.error().text().contains(QStringLiteral("damaged")));
    }
    // Damage was met: no stamp, so the next open checks and refuses.
    CHECK_FALSE(QFileInfo::exists(QuickCheckStamp::pathFor(path)));
    const auto reopened = openSqliteStore(path);
    REQUIRE_FALSE(reopened.ok());
    CHECK(reopened.error().text().contains(QStringLiteral("damaged")));
}

TEST_CASE("A stamp older than a day does not skip the check")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        auto store = openStore(path);
        populate(*store);
    }
    const QDateTime stamped = modified(path);
    zeroEventRootPage(path);
    setModified(path, stamped);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    setCheckedAt(path, now.addSecs(-QuickCheckStamp::MaxAgeSeconds + 600));
    CHECK(QuickCheckStamp::validCheck(path, now).isValid());
    setCheckedAt(path, now.addSecs(-QuickCheckStamp::MaxAgeSeconds - 1));
    CHECK_FALSE(QuickCheckStamp::validCheck(path, now).isValid());
    const auto opened = openSqliteStore(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().text().contains(QStringLiteral("damaged")));
}

TEST_CASE("Without quick_check on open, or read-only, no stamp is written")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("unchecked.sqlite"));
    StoreOptions noCheck;
    noCheck.quickCheckOnOpen = false;
    {
        auto store = openStore(path, noCheck);
        populate(*store);
    }
    CHECK_FALSE(QFileInfo::exists(QuickCheckStamp::pathFor(path)));
    StoreOptions readOnly;
    readOnly.readOnly = true;
    {
        auto store = openStore(path, readOnly);
    }
    CHECK_FALSE(QFileInfo::exists(QuickCheckStamp::pathFor(path)));
}
