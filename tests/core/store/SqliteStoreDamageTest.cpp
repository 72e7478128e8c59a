// Files the store must refuse untouched: a newer schema, other programs'
// databases, garbage, truncated and zeroed files, a read-only file, a folder
// that does not exist. Each is refused with a clear message, no crash, and
// every byte of the file as it was.

#include "StoreTestSupport.h"

#include "DatabaseBackup.h"

#include "rehabit/store/Backups.h"
#include "rehabit/store/DamageMark.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

using namespace rehabit;
using namespace rehabit::test;

namespace {

/// The files of the folder, but for the damaged mark that damage found by
/// the quick check at open writes (DamageMarkFile) and the quick-check stamp
/// that marking removes.
QStringList filesBeside(const QString &path)
{
    QStringList files = QFileInfo(path).absoluteDir().entryList(QDir::Files, QDir::Name);
    files.removeIf([](const QString &name) {
        return name.endsWith(QStringLiteral(".damaged")) || name.endsWith(QStringLiteral(".checked"));
    });
    return files;
}

/// Opening must fail, leave the file's bytes as they were and create no
/// lock, journal or backup file; the message is returned.
QString refusedUntouched(const QString &path, const StoreOptions &options = {})
{
    const QByteArray before = readAll(path);
    const QStringList filesBefore = filesBeside(path);
    const auto opened = openSqliteStore(path, options);
    REQUIRE_FALSE(opened.ok());
    const QString message = opened.error().text();
    INFO(message);
    CHECK_FALSE(message.isEmpty());
    CHECK(readAll(path) == before);
    CHECK(filesBeside(path) == filesBefore);
    return message;
}

} // namespace

TEST_CASE("A database with a newer schema version is refused untouched")
{
    QTemporaryDir dir;
    const QString path = makePopulated(dir, QStringLiteral("newer.sqlite"));
    {
        RawDatabase raw(path);
        REQUIRE(raw.exec(QStringLiteral("PRAGMA user_version = 999")).isEmpty());
    }
    for (const bool readOnly : {false, true}) {
        StoreOptions options;
        options.readOnly = readOnly;
        const QString message = refusedUntouched(path, options);
        CHECK(message.contains(QStringLiteral("999")));
        CHECK(message.contains(QStringLiteral("newer")));
        CHECK(message.contains(QDir::toNativeSeparators(path)));
    }
}

TEST_CASE("The newer-version fixture is refused byte for byte untouched")
{
    QTemporaryDir dir;
    const QString fixture = QStringLiteral(REHABIT_TEST_DATA_DIR "/databases/newer-version.sqlite");
    REQUIRE(QFileInfo::exists(fixture));
    const QString path = dir.filePath(QStringLiteral("newer-version.sqlite"));
    REQUIRE(writeAll(path, readAll(fixture)));
    const QByteArray original = fileHash(fixture);
    REQUIRE(fileHash(path) == original);

    const QString message = refusedUntouched(path);
    CHECK(message.contains(QStringLiteral("newer")));
    CHECK(fileHash(path) == original);
    // Twice, in case the first attempt left something behind.
    refusedUntouched(path);
    CHECK(fileHash(path) == original);
}

TEST_CASE("A SQLite database of another program is refused untouched")
{
    QTemporaryDir dir;
    SECTION("tables and no application id")
    {
        const QString path = dir.filePath(QStringLiteral("other.sqlite"));
        {
            RawDatabase raw(path);
            REQUIRE(raw.exec(QStringLiteral("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")).isEmpty());
            REQUIRE(
                raw.exec(QStringLiteral("INSERT INTO contacts (name) VALUES (?)"), {QStringLiteral("Ana")}).isEmpty());
        }
        const QString message = refusedUntouched(path);
        CHECK(message.contains(QStringLiteral("another program")));
        StoreOptions options;
        options.readOnly = true;
        refusedUntouched(path, options);
    }
    SECTION("another program's application id")
    {
        const QString path = dir.filePath(QStringLiteral("foreign-id.sqlite"));
        {
            RawDatabase raw(path);
            REQUIRE(raw.exec(QStringLiteral("PRAGMA application_id = 1195724872")).isEmpty()); // "GPKG"
            REQUIRE(raw.exec(QStringLiteral("CREATE TABLE t (x)")).isEmpty());
        }
        CHECK(refusedUntouched(path).contains(QStringLiteral("another program")));
    }
    SECTION("a WAL database of another program")
    {
        const QString path = dir.filePath(QStringLiteral("other-wal.sqlite"));
        {
            RawDatabase raw(path);
            REQUIRE(raw.scalar(QStringLiteral("PRAGMA journal_mode = WAL")).toString() == QStringLiteral("wal"));
            REQUIRE(raw.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")).isEmpty());
        }
        CHECK(refusedUntouched(path).contains(QStringLiteral("another program")));
    }
}

TEST_CASE("Files that are not SQLite databases are refused untouched")
{
    QTemporaryDir dir;
    QRandomGenerator random(20240601);
    struct Case {
        const char *name;
        QByteArray bytes;
    };
    QByteArray garbage(64 * 1024, '\0');
    for (char &c : garbage)
        c = char(random.bounded(256));
    const QList<Case> cases{
        {"garbage.sqlite", garbage},
        {"text.sqlite", QByteArrayLiteral("These are my exercise notes, not a database.\n")},
         {"one-byte.sqlite", QByteArrayLiteral("S")},
          {"short-magic.sqlite", QByteArrayLiteral("SQLite format 3")}, {"json.sqlite", CatalogJson::bundledBytes()},
           {"zeros.sqlite", QByteArray(8192, '\0')},
         };
    for (const Case &c : cases) {
        INFO(c.name);
        const QString path = dir.filePath(QString::fromLatin1(c.name));
        REQUIRE(writeAll(path, c.bytes));
        const QString message = refusedUntouched(path);
        CHECK(message.contains(QStringLiteral("not a SQLite database")));
        StoreOptions options;
        options.readOnly = true;
        refusedUntouched(path, options);
    }
}

TEST_CASE("A valid SQLite header in front of garbage is refused untouched")
{
    QTemporaryDir dir;
    const QString good = makePopulated(dir, QStringLiteral("good.sqlite"));
    QByteArray bytes = readAll(good);
    QRandomGenerator random(7);
    for (qsizetype i = 100; i < bytes.size(); ++i)
        bytes[i] = char(random.bounded(256));
    const QString path = dir.filePath(QStringLiteral("header-then-garbage.sqlite"));
    REQUIRE(writeAll(path, bytes));
    const QString message = refusedUntouched(path);
    CHECK((message.contains(QStringLiteral("damaged")) || message.contains(QStringLiteral("not a SQLite database"))));
}

TEST_CASE("Truncated databases are refused untouched")
{
    QTemporaryDir dir;
    const QString good = makePopulated(dir, QStringLiteral("good.sqlite"));
    const QByteArray bytes = readAll(good);
    REQUIRE(bytes.size() > 8 * 4096);
    const qsizetype sizes[] = {
        1, 50, 99, 100, 512, 4096, 4096 + 1000, bytes.size() / 2, bytes.size() - 4096, bytes.size() - 1};
    for (const qsizetype size : sizes) {
        INFO("truncated to " << size << " of " << bytes.size() << " bytes");
        const QString path = dir.filePath(QStringLiteral("truncated-%1.sqlite").arg(size));
        REQUIRE(writeAll(path, bytes.left(size)));
        refusedUntouched(path);
    }
}

TEST_CASE("A database with zeroed pages is refused untouched, naming the newest backup")
{
    QTemporaryDir dir;
    const QString good = makePopulated(dir, QStringLiteral("good.sqlite"));
    const QByteArray bytes = readAll(good);
    const qsizetype pageSize = 4096;
    const qsizetype pages = bytes.size() / pageSize;
    REQUIRE(pages > 4);
    // Page 1 holds the header and the schema; the others tables and indexes.
    for (const qsizetype page : {qsizetype(1), qsizetype(2), pages / 2, pages}) {
        INFO("page " << page << " of " << pages);
        QByteArray damaged = bytes;
        damaged.replace((page - 1) * pageSize, pageSize, QByteArray(pageSize, '\0'));
        const QString path = dir.filePath(QStringLiteral("zeroed-%1.sqlite").arg(page));
        REQUIRE(writeAll(path, damaged));
        const QString message = refusedUntouched(path);
        if (page > 1) {
            CHECK(message.contains(QStringLiteral("damaged")));
            CHECK(damageMark(path).has_value()); // marked: not written until restored or checked clean
        }
    }

    SECTION("a backup next to it is offered")
    {
        const QString path = dir.filePath(QStringLiteral("with-backup.sqlite"));
        REQUIRE(writeAll(path, bytes));
        {
            RawDatabase raw(path);
            const auto backup = DatabaseBackup::write(raw.name(), path, BackupKind::Daily, at(1'700'000'000'000));
            INFO(errorText(backup));
            REQUIRE(backup.ok());
        }
        QByteArray damaged = readAll(path);
        damaged.replace(2 * pageSize, pageSize, QByteArray(pageSize, '\0'));
        REQUIRE(writeAll(path, damaged));
        const QString message = refusedUntouched(path);
        CHECK(message.contains(QStringLiteral("damaged")));
        CHECK(message.contains(QStringLiteral("backups/with-backup.sqlite.daily-v")));
    }
}

TEST_CASE("Without the quick check on open, damage is reported when it is read")
{
    QTemporaryDir dir;
    const QString good = makePopulated(dir, QStringLiteral("good.sqlite"));
    qsizetype rootPage = 0;
    {
        RawDatabase raw(good, true);
        rootPage =
            raw.scalar(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = 'session_event'")).toLongLong();
    }
    REQUIRE(rootPage > 1);
    QByteArray bytes = readAll(good);
    const qsizetype pageSize = 4096;
    bytes.replace((rootPage - 1) * pageSize, pageSize, QByteArray(pageSize, '\0'));
    const QString path = dir.filePath(QStringLiteral("damaged.sqlite"));
    REQUIRE(writeAll(path, bytes));

    CHECK(refusedUntouched(path).contains(QStringLiteral("damaged"))); // the default checks first
    // ... and marks the file damaged; without the mark (taken away here) the
    // next open with the quick check off goes on.
    REQUIRE(QFile::exists(path + QStringLiteral(".damaged")));
    CHECK(refusedUntouched(path).contains(QStringLiteral("marked")));
    REQUIRE(QFile::remove(path + QStringLiteral(".damaged")));
    StoreOptions options;
    options.quickCheckOnOpen = false;
    {
        auto store = openStore(path, options);
        const auto events = store->events(1);
        REQUIRE_FALSE(events.ok());
        INFO(events.error().text());
        CHECK(events.error().text().contains(QStringLiteral("damaged")));
        CHECK(events.error().text().contains(QStringLiteral("restore it from a backup")));
        const auto health = store->check();
        REQUIRE(health.ok());
        CHECK_FALSE(health->healthy());
    }
    CHECK(readAll(path) == bytes);
}

TEST_CASE("check() reports a damaged database opened read-only, changing nothing")
{
    QTemporaryDir dir;
    const QString good = makePopulated(dir, QStringLiteral("good.sqlite"));
    QByteArray bytes = readAll(good);
    const qsizetype pageSize = 4096;
    const qsizetype lastPage = bytes.size() / pageSize;
    bytes.replace((lastPage - 1) * pageSize, pageSize, QByteArray(pageSize, '\0'));
    const QString path = dir.filePath(QStringLiteral("damaged.sqlite"));
    REQUIRE(writeAll(path, bytes));
    const QByteArray before = fileHash(path);
    StoreOptions options;
    options.readOnly = true;
    {
        auto opened = openSqliteStore(path, options);
        // The header is intact, so the read-only open succeeds; check() finds the damage.
        REQUIRE(opened.ok());
        const auto health = (*opened)->check();
        REQUIRE(health.ok());
        CHECK_FALSE(health->healthy());
        CHECK_FALSE(health->integrityMessages.isEmpty());
    }
    CHECK(fileHash(path) == before);
}

TEST_CASE("A read-only file is refused for writing and still readable read-only")
{
    QTemporaryDir dir;
    const QString path = makePopulated(dir, QStringLiteral("read-only.sqlite"));
    REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const QString message = refusedUntouched(path);
    CHECK(message.contains(QStringLiteral("read-only")));
    CHECK(message.contains(QDir::toNativeSeparators(path)));

    const QByteArray before = fileHash(path);
    StoreOptions options;
    options.readOnly = true;
    {
        auto reader = openStore(path, options);
        CHECK(reader->check()->healthy());
    }
    CHECK(fileHash(path) == before);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

TEST_CASE("A database in a folder that does not exist is refused and the folder is not created")
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("nowhere"));
    const QString path = folder + QStringLiteral("/rehabit.sqlite");
    for (const bool readOnly : {false, true}) {
        StoreOptions options;
        options.readOnly = readOnly;
        const auto opened = openSqliteStore(path, options);
        REQUIRE_FALSE(opened.ok());
        const QString message = opened.error().text();
        INFO(message);
        CHECK(message.contains(QDir::toNativeSeparators(folder)));
        CHECK(message.contains(QStringLiteral("does not exist")));
        CHECK_FALSE(QFileInfo::exists(folder));
    }
}

TEST_CASE("A folder given as the database file is refused")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a-folder.sqlite"));
    REQUIRE(QDir().mkpath(path));
    const auto opened = openSqliteStore(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().text().contains(QStringLiteral("folder")));
    CHECK(QFileInfo(path).isDir());
}

TEST_CASE("For damaged files a restore from the newest backup is offered, and it repairs them")
{
    QTemporaryDir dir;
    const QString path = makePopulated(dir, QStringLiteral("rehabit.sqlite"));
    const QByteArray good = readAll(path);
    REQUIRE(writeBackup(path, BackupKind::Daily, at(1'700'000'000'000)).ok());
    const auto newest = writeBackup(path, BackupKind::Daily, at(1'700'100'000'000));
    REQUIRE(newest.ok());
    const QByteArray content = contentHash(newest->path);

    QRandomGenerator random(99);
    QByteArray garbage(64 * 1024, '\0');
    for (char &c : garbage)
        c = char(random.bounded(256));
    QByteArray zeroed = good;
    zeroed.replace(2 * 4096, 4096, QByteArray(4096, '\0'));
    QByteArray otherProgram;
    {
        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        RawDatabase raw(other);
        REQUIRE(raw.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")).isEmpty());
        REQUIRE(raw.exec(QStringLiteral("INSERT INTO notes VALUES ('x')")).isEmpty());
        otherProgram = readAll(other);
    }
    QByteArray newer;
    {
        const QString copy = dir.filePath(QStringLiteral("newer.sqlite"));
        REQUIRE(writeAll(copy, good));
        {
            RawDatabase raw(copy);
            REQUIRE(raw.exec(QStringLiteral("PRAGMA user_version = 999")).isEmpty());
        }
        newer = readAll(copy);
    }
    struct Case {
        const char *name;
        QByteArray bytes;
        bool offered;
    };
    const QList<Case> cases{
        {"garbage", garbage, true},     {"truncated", good.left(good.size() / 2), true},
        {"zeroed page", zeroed, true},  {"another program's database", otherProgram, true},
        {"newer schema", newer, false}, {"read-only file", good, false},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        REQUIRE(writeAll(path, c.bytes));
        const bool readOnly = QByteArray(c.name) == "read-only file";
        if (readOnly)
            REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner));
        const QStringList filesBefore = filesBeside(path);

        const QString message = refusedUntouched(path);
        CHECK(message.contains(QDir::toNativeSeparators(path)));
        const auto offer = backupToOffer(path);
        CHECK(offer.has_value() == c.offered);
        if (offer)
            CHECK(offer->path == newest->path);
        CHECK(readAll(path) == c.bytes);
        CHECK(filesBeside(path) == filesBefore);
        if (readOnly)
            REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        if (!c.offered)
            continue;

        const auto restored = restoreBackup(path, offer->path, at(1'700'200'000'000 + c.bytes.size()));
        INFO(errorText(restored));
        REQUIRE(restored.ok());
        CHECK(readAll(restored->safetyCopy) == c.bytes); // the damaged file is kept as it was
        CHECK(contentHash(path) == content);
        auto store = openStore(path);
        CHECK(store->check()->healthy());
    }
    SECTION("no backup, nothing offered")
    {
        const QString lone = dir.filePath(QStringLiteral("lone.sqlite"));
        REQUIRE(writeAll(lone, garbage));
        CHECK_FALSE(backupToOffer(lone).has_value());
        CHECK(readAll(lone) == garbage);
    }
    SECTION("a missing folder: nothing offered, nothing created")
    {
        const QString nowhere = dir.filePath(QStringLiteral("nowhere/rehabit.sqlite"));
        CHECK_FALSE(backupToOffer(nowhere).has_value());
        CHECK_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("nowhere"))));
    }
}
