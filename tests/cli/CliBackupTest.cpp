// Backups made by rehabit-cli (docs/cli.md, "Backups"): every command that
// writes into an existing database makes the day's verified backup first,
// also in the second backup folder when one is set (backup-folder), and a
// second folder that is not there is a warning, not a failure.

#include "CliTestSupport.h"

#include "rehabit/store/Backups.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/store/Store.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace rehabit;
using namespace rehabit::test;

namespace {

Run withDb(const QString &db, QStringList args)
{
    args.prepend(db);
    args.prepend(QStringLiteral("--db"));
    return cli(args);
}

int patientCount(const QString &db)
{
    const Run r = withDb(db, {QStringLiteral("patients"), QStringLiteral("--format"), QStringLiteral("json")});
    REQUIRE(r.exitCode == 0);
    return int(QJsonDocument::fromJson(r.out.toUtf8()).array().size());
}

Run demo(const QString &db)
{
    return withDb(db, {QStringLiteral("demo-data"), QStringLiteral("--patients"), QStringLiteral("1"),
                       QStringLiteral("--days"), QStringLiteral("2")});
}

void removeBackups(const QString &db)
{
    for (const BackupInfo &b : listBackups(db))
        REQUIRE(QFile::remove(b.path));
}

/// The settings are the test process's (XDG_CONFIG_HOME of the test main), shared by its tests.
struct ClearedSecondFolder {
    ClearedSecondFolder() { CHECK(cli({QStringLiteral("backup-folder"), QStringLiteral("clear")}).exitCode == 0); }
    ~ClearedSecondFolder() { cli({QStringLiteral("backup-folder"), QStringLiteral("clear")}); }
};

} // namespace

TEST_CASE("demo-data and import back an existing database up before they write, once a day, and a new one is not")
{
    ClearedSecondFolder cleared;
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));

    // A new database: nothing to keep yet.
    const Run first = demo(db);
    INFO(first.err.toStdString());
    REQUIRE(first.exitCode == 0);
    CHECK(listBackups(db).isEmpty());

    // demo-data into it: the backup holds the database as it was (one patient).
    const Run second = demo(db);
    REQUIRE(second.exitCode == 0);
    REQUIRE(listBackups(db).size() == 1);
    const BackupInfo beforeDemo = listBackups(db).first();
    CHECK(beforeDemo.kind == BackupKind::Daily);
    CHECK(verifyBackup(beforeDemo.path).ok());
    CHECK(patientCount(beforeDemo.path) == 1);
    CHECK(patientCount(db) == 2);
    // The same day again: no second backup.
    REQUIRE(demo(db).exitCode == 0);
    CHECK(listBackups(db).size() == 1);

    // import, on a day without a backup yet: the backup holds the three patients before it.
    const QString json = dir.filePath(QStringLiteral("p.json"));
    REQUIRE(withDb(db, {QStringLiteral("export"), QStringLiteral("--patient"), QStringLiteral("1"),
                        QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"), json})
                .exitCode
            == 0);
    removeBackups(db);
    // (An export of this database: imported again only as a copy, --as-new-patient.)
    const Run imported = withDb(db, {QStringLiteral("import"), QStringLiteral("--as-new-patient"), json});
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.err.isEmpty());
    REQUIRE(listBackups(db).size() == 1);
    CHECK(verifyBackup(listBackups(db).first().path).ok());
    CHECK(patientCount(listBackups(db).first().path) == 3);
    CHECK(patientCount(db) == 4);
}

TEST_CASE("backup-folder: set, show and clear, and refused for the database's folder, its backups and a missing folder")
{
    ClearedSecondFolder cleared;
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    REQUIRE(demo(db).exitCode == 0);
    const QString stick = dir.filePath(QStringLiteral("stick"));
    REQUIRE(QDir().mkpath(stick));

    const Run none = withDb(db, {QStringLiteral("backup-folder"), QStringLiteral("show")});
    CHECK(none.exitCode == 0);
    CHECK(none.out.contains(QStringLiteral("No second backup folder is set")));
    for (const QStringList &wrong : {QStringList{QStringLiteral("backup-folder")},
                                     QStringList{QStringLiteral("backup-folder"), QStringLiteral("set")},
                                     QStringList{QStringLiteral("backup-folder"), QStringLiteral("move"), stick}}) {
        INFO(wrong.join(u' ').toStdString());
        CHECK(cli(wrong).exitCode == 2);
    }
    REQUIRE(QDir().mkpath(backupFolder(db)));
    for (const QString &bad : {dir.path(), backupFolder(db), dir.filePath(QStringLiteral("missing"))}) {
        INFO(bad.toStdString());
        const Run refused = withDb(db, {QStringLiteral("backup-folder"), QStringLiteral("set"), bad});
        CHECK(refused.exitCode == 1);
        CHECK(refused.err.contains(QDir::toNativeSeparators(QFileInfo(bad).absoluteFilePath())));
        CHECK(refused.err.contains(QStringLiteral("unchanged")));
        CHECK(withDb(db, {QStringLiteral("backup-folder"), QStringLiteral("show")})
                  .out.contains(QStringLiteral("No second backup folder is set")));
    }

    const Run set = withDb(db, {QStringLiteral("backup-folder"), QStringLiteral("set"), stick});
    INFO(set.err.toStdString());
    REQUIRE(set.exitCode == 0);
    CHECK(set.out.contains(QDir::toNativeSeparators(stick)));
    CHECK(set.err.contains(QStringLiteral("same disk"))); // the test's folders share one disk
    const Run shown = withDb(db, {QStringLiteral("backup-folder"), QStringLiteral("show")});
    CHECK(shown.out.contains(QDir::toNativeSeparators(stick)));
    CHECK(shown.out.contains(QStringLiteral("no backup")));

    const Run cleared2 = cli({QStringLiteral("backup-folder"), QStringLiteral("clear")});
    CHECK(cleared2.exitCode == 0);
    CHECK(withDb(db, {QStringLiteral("backup-folder"), QStringLiteral("show")})
              .out.contains(QStringLiteral("No second backup folder is set")));
}

TEST_CASE("Writing commands copy the day's backup to the second folder, checked, and without the folder a warning")
{
    ClearedSecondFolder cleared;
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    REQUIRE(demo(db).exitCode == 0);
    const QString stick = dir.filePath(QStringLiteral("stick"));
    REQUIRE(QDir().mkpath(stick));
    REQUIRE(withDb(db, {QStringLiteral("backup-folder"), QStringLiteral("set"), stick}).exitCode == 0);

    const Run written = demo(db);
    INFO(written.err.toStdString());
    REQUIRE(written.exitCode == 0);
    REQUIRE(listBackups(db).size() == 1);
    const QList<BackupInfo> onStick = listSecondFolderBackups(stick, db);
    REQUIRE(onStick.size() == 1);
    CHECK(QFileInfo(onStick.first().path).fileName() == QFileInfo(listBackups(db).first().path).fileName());
    CHECK(verifyBackup(onStick.first().path).ok());
    CHECK(patientCount(onStick.first().path) == 1);

    // The stick unplugged: the main backup is still written, the copy skipped with a warning.
    REQUIRE(QDir(stick).removeRecursively());
    removeBackups(db);
    const Run unplugged = demo(db);
    INFO(unplugged.err.toStdString());
    CHECK(unplugged.exitCode == 0);
    CHECK(unplugged.err.contains(QStringLiteral("Warning:")));
    CHECK(unplugged.err.contains(QDir::toNativeSeparators(stick)));
    CHECK(unplugged.err.contains(QStringLiteral("plugged in")));
    CHECK(listBackups(db).size() == 1);
    CHECK_FALSE(QFileInfo::exists(stick));
    CHECK(patientCount(db) == 3);
}

TEST_CASE("catalog backs the database up only when it is about to write a newer bundled catalog")
{
    ClearedSecondFolder cleared;
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("clinic.sqlite"));
    REQUIRE(demo(db).exitCode == 0);

    // The bundled catalog is current: a listing, no backup.
    REQUIRE(withDb(db, {QStringLiteral("catalog")}).exitCode == 0);
    CHECK(listBackups(db).isEmpty());

    // As if this program brought a newer bundled catalog than the database holds.
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("older-catalog"));
        raw.setDatabaseName(db);
        REQUIRE(raw.open());
        QSqlQuery query(raw);
        REQUIRE(query.exec(QStringLiteral("UPDATE catalog_meta SET bundled_version = 0")));
        query.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("older-catalog"));
    const Run listed = withDb(db, {QStringLiteral("catalog")});
    INFO(listed.err.toStdString());
    REQUIRE(listed.exitCode == 0);
    REQUIRE(listBackups(db).size() == 1);
    CHECK(verifyBackup(listBackups(db).first().path).ok());
}
