// rehabit-cli restore, and what every command says about a damaged database:
// the file named and what is wrong, its bytes unchanged, and the restore
// command named when a backup exists.

#include "CliTestSupport.h"
#include "TestFiles.h"

#include "rehabit/store/Backups.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/store/Store.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtEndian>

using namespace rehabit;
using namespace rehabit::test;

namespace {

/// A database with the bundled catalog, closed (its WAL checkpointed into the file).
void makeDatabase(const QString &path)
{
    auto store = openSqliteStore(path);
    REQUIRE(store.ok());
    REQUIRE(importBundledCatalog(**store).ok());
}

int exerciseCount(const QString &db)
{
    const Run r = cli(
        {QStringLiteral("--db"), db, QStringLiteral("catalog"), QStringLiteral("--format"), QStringLiteral("json")});
    REQUIRE(r.exitCode == 0);
    return int(QJsonDocument::fromJson(r.out.toUtf8()).array().size());
}

} // namespace

TEST_CASE("restore: help, and usage errors exit 2")
{
    const Run top = cli({QStringLiteral("--help")});
    CHECK(top.out.contains(QStringLiteral("restore")));
    const Run help = cli({QStringLiteral("restore"), QStringLiteral("--help")});
    CHECK(help.exitCode == 0);
    for (const char *option : {"--list", "--latest", "BACKUP_FILE", "--db", "before-restore"})
        CHECK(help.out.contains(QLatin1String(option)));
    const QList<QStringList> wrong{
        {QStringLiteral("restore")},
         {QStringLiteral("restore"), QStringLiteral("--list"), QStringLiteral("--latest")},
                         {QStringLiteral("restore"), QStringLiteral("--latest"), QStringLiteral("a.sqlite")},
                                         {QStringLiteral("restore"), QStringLiteral("a.sqlite"),
                                                                                    QStringLiteral("b.sqlite")},
                                         };
    for (const QStringList &args : wrong) {
        INFO(args.join(QLatin1Char(' ')));
        const Run r = cli(args);
        CHECK(r.exitCode == 2);
        CHECK(r.out.isEmpty());
        CHECK(r.err.contains(QStringLiteral("restore")));
    }
}

TEST_CASE("restore --list and --latest: the newest backup replaces the database, which is kept")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    const QString folder = dir.filePath(QStringLiteral("backups"));

    const Run empty = cli({QStringLiteral("--db"), db, QStringLiteral("restore"), QStringLiteral("--list")});
    CHECK(empty.exitCode == 0);
    CHECK(empty.out.contains(QStringLiteral("There are no backups")));
    const Run nothing = cli({QStringLiteral("--db"), db, QStringLiteral("restore"), QStringLiteral("--latest")});
    CHECK(nothing.exitCode == 1);
    CHECK(nothing.err.contains(QDir::toNativeSeparators(folder)));

    // A new database gets no backup; the first writing command on an existing one does, before it writes.
    REQUIRE(cli({QStringLiteral("--db"), db, QStringLiteral("catalog")}).exitCode == 0);
    CHECK_FALSE(QFileInfo::exists(folder));
    const Run imported =
        cli({QStringLiteral("--db"), db, QStringLiteral("import-catalog"), dataFile("catalogs/good/custom-two.json")});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.err.isEmpty());
    REQUIRE(listBackups(db).size() == 1);
    const BackupInfo backup = listBackups(db).first();
    CHECK(backup.kind == BackupKind::Daily);
    CHECK(exerciseCount(db) == 10);
    // The same day again: no second backup.
    REQUIRE(
        cli({QStringLiteral("--db"), db, QStringLiteral("import-catalog"), dataFile("catalogs/good/custom-two.json")})
                 .exitCode
            == 0);
    CHECK(listBackups(db).size() == 1);

    const Run listed = cli({QStringLiteral("--db"), db, QStringLiteral("restore"), QStringLiteral("--list")});
    CHECK(listed.exitCode == 0);
    CHECK(listed.out.contains(QFileInfo(backup.path).fileName()));
    CHECK(listed.out.contains(backup.takenAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    CHECK(listed.out.contains(QStringLiteral("daily")));

    const QByteArray before = readBytes(db);
    const Run restored = cli({QStringLiteral("--db"), db, QStringLiteral("restore"), QStringLiteral("--latest")});
    INFO(restored.err);
    REQUIRE(restored.exitCode == 0);
    CHECK(restored.out.contains(QFileInfo(backup.path).fileName()));
    CHECK(restored.out.contains(QStringLiteral("before-restore")));
    CHECK(exerciseCount(db) == 8); // as it was before the import
    const auto kept = listBackups(db);
    REQUIRE(kept.size() == 2);
    CHECK(kept.first().kind == BackupKind::BeforeRestore);
    CHECK(readBytes(kept.first().path) == before);

    // An explicit file: the copy kept before the restore brings the import back.
    const Run undo = cli({QStringLiteral("--db"), db, QStringLiteral("restore"), kept.first().path});
    INFO(undo.err);
    REQUIRE(undo.exitCode == 0);
    CHECK(exerciseCount(db) == 10);
}

TEST_CASE("restore is refused while another program has the database open, and a bad backup changes nothing")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("held.sqlite"));
    makeDatabase(db);
    REQUIRE(writeBackup(db, BackupKind::Daily, QDateTime::currentDateTimeUtc()).ok());
    const QByteArray before = fileHash(db);
    {
        auto holder = openSqliteStore(db);
        REQUIRE(holder.ok());
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("restore"), QStringLiteral("--latest")});
        CHECK(r.exitCode == 1);
        CHECK(r.out.isEmpty());
        CHECK(r.err.contains(QString::number(QCoreApplication::applicationPid())));
        CHECK(r.err.contains(QStringLiteral("not restored")));
    }
    CHECK(fileHash(db) == before);
    CHECK(listBackups(db).size() == 1);

    const QString garbage = dir.filePath(QStringLiteral("garbage-backup.sqlite"));
    REQUIRE(writeBytes(garbage, QByteArray(8192, 'x')));
    const Run bad = cli({QStringLiteral("--db"), db, QStringLiteral("restore"), garbage});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(garbage));
    CHECK(bad.err.contains(QStringLiteral("Nothing was changed")));
    const Run missing =
        cli({QStringLiteral("--db"), db, QStringLiteral("restore"), dir.filePath(QStringLiteral("none"))});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains(QStringLiteral("does not exist")));
    CHECK(fileHash(db) == before);
    CHECK(listBackups(db).size() == 1);
}

TEST_CASE("Damaged databases: every command names the file and the problem, changes no byte, and names the restore")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("rehabit.sqlite"));
    makeDatabase(db);
    const QByteArray good = readBytes(db);
    REQUIRE(good.size() > 8 * 4096);

    QByteArray zeroed = good;
    zeroed.replace(4096, 4096, QByteArray(4096, '\0'));
    QByteArray newer = good;
    qToBigEndian<quint32>(999, reinterpret_cast<uchar *>(newer.data()) + 60); // PRAGMA user_version in the header
    struct Case {
        const char *name;
        QByteArray bytes;
        const char *says;  ///< what the message says is wrong
        bool restoreHelps; ///< a restore is the remedy (not for a newer schema or a read-only file)
    };
    const QList<Case> cases{
        {"garbage", QByteArray(32768, '\x5a'), "not a SQLite database", true},
        {"truncated", good.left(good.size() / 2), "cut short", true},
        {"zeroed page", zeroed, "damaged", true},
        {"newer schema", newer, "newer", false},
        {"read-only file", good, "read-only", false},
    };
    const QString restoreCommand = QStringLiteral("rehabit-cli --db %1 restore --latest").arg(db);
    for (const bool withBackup : {false, true}) {
        if (withBackup) {
            REQUIRE(writeBytes(db, good));
            REQUIRE(writeBackup(db, BackupKind::Daily, QDateTime::currentDateTimeUtc()).ok());
        }
        for (const Case &c : cases) {
            INFO(c.name << (withBackup ? ", with a backup" : ", without a backup"));
            // Each case is another file put in place of the database by hand:
            // the damaged mark 'check' left for the one before would stand.
            QFile::remove(db + QStringLiteral(".damaged"));
            REQUIRE(writeBytes(db, c.bytes));
            const bool readOnly = QByteArray(c.name) == "read-only file";
            if (readOnly)
                REQUIRE(QFile::setPermissions(db, QFileDevice::ReadOwner));
            const QByteArray before = fileHash(db);
            for (const char *command : {"catalog", "import-catalog", "check"}) {
                INFO(command);
                if (readOnly && QByteArray(command) == "check")
                    continue; // checking only reads: a read-only file is checked, not refused
                QStringList args{QStringLiteral("--db"), db, QString::fromLatin1(command)};
                if (QByteArray(command) == "import-catalog")
                    args << dataFile("catalogs/good/custom-two.json");
                const Run r = cli(args);
                INFO(r.err);
                CHECK(r.exitCode == 1);
                CHECK(r.err.contains(db));
                CHECK(r.err.contains(QLatin1String(c.says), Qt::CaseInsensitive));
                CHECK(r.err.contains(restoreCommand) == (withBackup && c.restoreHelps));
                CHECK(fileHash(db) == before);
            }
            if (readOnly)
                REQUIRE(QFile::setPermissions(db, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
            if (!withBackup || !c.restoreHelps)
                continue;
            // What the message says to do works.
            const Run restored =
                cli({QStringLiteral("--db"), db, QStringLiteral("restore"), QStringLiteral("--latest")});
            INFO(restored.err);
            REQUIRE(restored.exitCode == 0);
            const Run check = cli({QStringLiteral("--db"), db, QStringLiteral("check")});
            CHECK(check.exitCode == 0);
            CHECK(readBytes(listBackups(db).first().path) == c.bytes); // the damaged file, kept
        }
    }
    SECTION("a folder that does not exist")
    {
        const QString nowhere = dir.filePath(QStringLiteral("nowhere/rehabit.sqlite"));
        for (const char *command : {"catalog", "check", "restore"}) {
            INFO(command);
            QStringList args{QStringLiteral("--db"), nowhere, QString::fromLatin1(command)};
            if (QByteArray(command) == "restore")
                args << QStringLiteral("--latest");
            const Run r = cli(args);
            CHECK(r.exitCode == 1);
            CHECK(r.err.contains(dir.filePath(QStringLiteral("nowhere"))));
            CHECK_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("nowhere"))));
        }
    }
}
