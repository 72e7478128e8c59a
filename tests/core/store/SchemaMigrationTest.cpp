// Schema scripts and migrations: the scripts are cut into statements
// correctly, run forward in one transaction (all or nothing), a verified
// backup can be written and checked, and the fixture of every earlier schema
// version opens at the current one.

#include "StoreTestSupport.h"

#include "DatabaseBackup.h"
#include "SchemaMigrator.h"
#include "SqlScript.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QUuid>

using namespace rehabit;
using namespace rehabit::test;

namespace {

/// A folder with copies of the bundled scripts plus the given extra ones.
void writeScripts(const QTemporaryDir &dir, const QMap<QString, QByteArray> &extra)
{
    const QDir bundled(SchemaMigrator::bundledScriptDirectory());
    for (const QString &name : bundled.entryList({QStringLiteral("*.sql")}, QDir::Files))
        REQUIRE(writeAll(dir.filePath(name), readAll(bundled.filePath(name))));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        REQUIRE(writeAll(dir.filePath(it.key()), it.value()));
}

QString nextScriptName(int version, const char *name)
{
    return QStringLiteral("%1_%2.sql").arg(version, 4, 10, QLatin1Char('0')).arg(QLatin1String(name));
}

} // namespace

TEST_CASE("SqlScript cuts a script into statements, keeping trigger bodies, strings and comments whole")
{
    const QString script = QStringLiteral(
        "-- a comment; with a semicolon\n"
        "CREATE TABLE t (a TEXT DEFAULT 'x;y', \"odd;name\" INTEGER);\n"
        "/* block; comment */\n"
        "CREATE TRIGGER t_no_delete BEFORE DELETE ON t\n"
        "BEGIN\n"
        "    SELECT RAISE(ABORT, 'no; never');\n"
        "    SELECT CASE WHEN 1 THEN 2 END;\n"
        "END;\n"
        "INSERT INTO t (a) VALUES ('it''s; fine');\n"
        "-- only a comment at the end;\n");
    const QStringList statements = SqlScript::statements(script);
    REQUIRE(statements.size() == 3);
    CHECK(statements.at(0).contains(QStringLiteral("'x;y'")));
    CHECK(statements.at(0).contains(QStringLiteral("\"odd;name\"")));
    CHECK(statements.at(1).startsWith(QStringLiteral("/* block; comment */")));
    CHECK(statements.at(1).endsWith(QStringLiteral("END")));
    CHECK(statements.at(1).contains(QStringLiteral("SELECT CASE WHEN 1 THEN 2 END;")));
    CHECK(statements.at(2) == QStringLiteral("INSERT INTO t (a) VALUES ('it''s; fine')"));
    CHECK(SqlScript::statements(QStringLiteral("  -- nothing\n /* at all */ ")).isEmpty());
}

TEST_CASE("The bundled schema scripts are numbered from 0001 without gaps")
{
    const SchemaMigrator migrator;
    const auto scripts = migrator.scripts();
    INFO(errorText(scripts));
    REQUIRE(scripts.ok());
    REQUIRE_FALSE(scripts->isEmpty());
    CHECK(scripts->first().fileName == QStringLiteral("0001_init.sql"));
    CHECK(migrator.targetVersion() == currentSchemaVersion());
    CHECK(scripts->last().version == currentSchemaVersion());
}

TEST_CASE("Misnumbered or misnamed script folders are refused")
{
    QTemporaryDir dir;
    const QString skipping = nextScriptName(currentSchemaVersion() + 2, "skips_one");
    writeScripts(dir, {{skipping, QByteArrayLiteral("CREATE TABLE x (a);")}});
    const SchemaMigrator gap(dir.path());
    REQUIRE_FALSE(gap.scripts().ok());
    CHECK(gap.scripts().error().message.contains(skipping));
    CHECK(gap.targetVersion() == 0);

    QTemporaryDir named;
    writeScripts(named, {{QStringLiteral("2_no_padding.sql"), QByteArrayLiteral("CREATE TABLE x (a);")}});
    CHECK_FALSE(SchemaMigrator(named.path()).scripts().ok());

    QTemporaryDir empty;
    CHECK_FALSE(SchemaMigrator(empty.path()).scripts().ok());
}

TEST_CASE("A migration runs its scripts forward in one transaction, or not at all")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    Populated ids;
    {
        auto store = openStore(path);
        ids = populate(*store);
    }
    const int from = currentSchemaVersion();
    const int to = from + 1;
    const QByteArray content = contentHash(path);

    SECTION("a failing script leaves the database as it was")
    {
        QTemporaryDir scripts;
        writeScripts(scripts, {{nextScriptName(to, "broken"),
                                QByteArrayLiteral("ALTER TABLE patient ADD COLUMN birth_year INTEGER;\n"
                                                  "INSERT INTO no_such_table VALUES (1);\n")}});
        const SchemaMigrator migrator(scripts.path());
        REQUIRE(migrator.targetVersion() == to);
        {
            RawDatabase raw(path);
            const auto migrated = migrator.migrate(raw.name(), from, path);
            REQUIRE_FALSE(migrated.ok());
            const QString message = migrated.error().text();
            INFO(message);
            CHECK(message.contains(nextScriptName(to, "broken")));
            CHECK(message.contains(QStringLiteral("statement 2")));
            CHECK(message.contains(QStringLiteral("left as it was")));
        }
        CHECK(contentHash(path) == content);
        RawDatabase raw(path, true);
        CHECK(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt() == from);
    }
    SECTION("a script that breaks a foreign key is rolled back")
    {
        QTemporaryDir scripts;
        writeScripts(scripts,
                     {{nextScriptName(to, "orphan"),
                       QByteArrayLiteral("CREATE TABLE note_link (session_id INTEGER REFERENCES session (id));\n"
                                                  "INSERT INTO note_link VALUES (424242);\n")}});
        {
            RawDatabase raw(path);
            // Off for this connection, as during a table rebuild: the check at the end still runs.
            REQUIRE(raw.exec(QStringLiteral("PRAGMA foreign_keys = OFF")).isEmpty());
            const auto migrated = SchemaMigrator(scripts.path()).migrate(raw.name(), from, path);
            REQUIRE_FALSE(migrated.ok());
            CHECK(migrated.error().text().contains(QStringLiteral("note_link")));
        }
        CHECK(contentHash(path) == content);
    }
    SECTION("a good script brings the database to the next version with its data")
    {
        QTemporaryDir scripts;
        writeScripts(scripts, {{nextScriptName(to, "birth_year"),
                                QByteArrayLiteral("ALTER TABLE patient ADD COLUMN birth_year INTEGER CHECK (birth_year > 1900);\n"
                                                  "CREATE INDEX patient_by_birth_year ON patient (birth_year);\n")}});
        {
            RawDatabase raw(path);
            REQUIRE(raw.exec(QStringLiteral("PRAGMA foreign_keys = ON")).isEmpty());
            const auto migrated = SchemaMigrator(scripts.path()).migrate(raw.name(), from, path);
            INFO(errorText(migrated));
            REQUIRE(migrated.ok());
        }
        RawDatabase raw(path, true);
        CHECK(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt() == to);
        CHECK(raw.scalar(QStringLiteral("PRAGMA application_id")).toLongLong() == SchemaMigrator::ApplicationId);
        CHECK(raw.column(QStringLiteral("PRAGMA integrity_check")) == QStringList{QStringLiteral("ok")});
        CHECK(raw.column(QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
        CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM session_event")).toInt() == ids.events);
        CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM patient WHERE birth_year IS NULL")).toInt() == 1);

        // This program knows only the bundled scripts: it now refuses the file.
        const auto opened = openSqliteStore(path);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().text().contains(QStringLiteral("newer")));
    }
}

TEST_CASE("A backup is a verified copy with the same content, written in the backup folder next to the database")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    {
        auto store = openStore(path);
        populate(*store);
    }
    const QByteArray content = contentHash(path);
    const QDateTime when = at(1'700'000'000'123);
    const QString expected = DatabaseBackup::path(path, BackupKind::BeforeUpgrade, currentSchemaVersion(), when);
    CHECK(QFileInfo(expected).absolutePath() == dir.filePath(QStringLiteral("backups")));
    CHECK(backupFolder(path) == dir.filePath(QStringLiteral("backups")));
    CHECK(QFileInfo(expected).fileName()
          == QStringLiteral("rehabit.sqlite.upgrade-v%1-20231114T221320123Z.sqlite").arg(currentSchemaVersion()));
    {
        RawDatabase raw(path);
        const auto backup = DatabaseBackup::write(raw.name(), path, BackupKind::BeforeUpgrade, when);
        INFO(errorText(backup));
        REQUIRE(backup.ok());
        CHECK(backup->path == expected);
        CHECK(backup->kind == BackupKind::BeforeUpgrade);
        CHECK(backup->schemaVersion == currentSchemaVersion());
        CHECK(backup->takenAt == when);
        CHECK(backup->bytes == QFileInfo(expected).size());
        // The same name twice is refused rather than overwritten.
        CHECK_FALSE(DatabaseBackup::write(raw.name(), path, BackupKind::BeforeUpgrade, when).ok());
    }
    CHECK(contentHash(expected) == content);
    CHECK(DatabaseBackup::verify(expected, currentSchemaVersion()).ok());
    CHECK_FALSE(DatabaseBackup::verify(expected, currentSchemaVersion() + 1).ok());
    CHECK(verifyBackup(expected).ok());
    CHECK_FALSE(QFileInfo::exists(expected + QStringLiteral(".tmp")));
    // Verifying opened the copy immutable: no -wal or -shm file beside it.
    CHECK(QDir(backupFolder(path)).entryList(QDir::Files) == QStringList{QFileInfo(expected).fileName()});
    const auto listed = listBackups(path);
    REQUIRE(listed.size() == 1);
    CHECK(listed.first().path == expected);
    CHECK(listed.first().takenAt == when);
    CHECK(latestBackup(path).has_value());
    // The original is untouched by its backup.
    CHECK(contentHash(path) == content);

    // A restore is a copy back: the store opens it with everything in it.
    const QString restored = dir.filePath(QStringLiteral("restored.sqlite"));
    REQUIRE(QFile::copy(expected, restored));
    {
        auto store = openStore(restored);
        CHECK(store->check()->healthy());
    }
    CHECK(contentHash(restored) == content);

    const QString garbage = dir.filePath(QStringLiteral("garbage.sqlite"));
    REQUIRE(writeAll(garbage, QByteArray(4096, 'x')));
    CHECK_FALSE(DatabaseBackup::verify(garbage, currentSchemaVersion()).ok());
    CHECK_FALSE(verifyBackup(garbage).ok());
}

TEST_CASE("The fixture of every schema version opens at the current version with its rows")
{
    // One fixture per released schema version (tests/data/databases/README.md);
    // a version that needs migrating is backed up first.
    struct Fixture {
        const char *file;
        int version;
    };
    const Fixture fixtures[] = {
        {"schema-v1.sqlite", 1}, {"schema-v2.sqlite", 2}, {"schema-v3.sqlite", 3}, {"schema-v4.sqlite", 4}};
    for (const Fixture &fixture : fixtures) {
        INFO(fixture.file);
        QTemporaryDir dir;
        const QString source = QStringLiteral(REHABIT_TEST_DATA_DIR "/databases/") + QLatin1String(fixture.file);
        REQUIRE(QFileInfo::exists(source));
        const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
        REQUIRE(writeAll(path, readAll(source)));
        QMap<QString, int> counts;
        const QStringList
            tables{
                QStringLiteral("exercise"),     QStringLiteral("patient"), QStringLiteral("program"),
                                                                                          QStringLiteral("program_item"), QStringLiteral("session"), QStringLiteral("session_event"),
                                                                                                                                                            QStringLiteral("proposal")};
        {
            RawDatabase raw(path, true);
            REQUIRE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt() == fixture.version);
            for (const QString &table : tables)
                counts[table] = raw.scalar(QStringLiteral("SELECT count(*) FROM ") + table).toInt();
        }
        CHECK(counts.value(QStringLiteral("session_event")) == 5);
        {
            auto store = openStore(path);
            CHECK(store->schemaVersion() == currentSchemaVersion());
            const auto health = store->check();
            REQUIRE(health.ok());
            CHECK(health->healthy());
        }
        RawDatabase raw(path, true);
        CHECK(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt() == currentSchemaVersion());
        CHECK(raw.column(QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
        for (const QString &table : tables)
            CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM ") + table).toInt() == counts.value(table));
        const bool migrated = fixture.version < currentSchemaVersion();
        CHECK(listBackups(path).size() == (migrated ? 1 : 0));
    }
}

TEST_CASE("A version 1 database gets one item version per item when it is migrated")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    REQUIRE(writeAll(path, readAll(QStringLiteral(REHABIT_TEST_DATA_DIR "/databases/schema-v1.sqlite"))));
    auto store = openStore(path);
    const auto patients = store->patients(true).value();
    REQUIRE(patients.size() == 1);
    const Program program = store->programs(patients.first().id).value().first();
    const auto versions = store->programItemVersions(program.id);
    REQUIRE(versions.ok());
    REQUIRE(versions->size() == program.items.size());
    for (qsizetype i = 0; i < program.items.size(); ++i) {
        CHECK(versions->at(i).programItemId == program.items.at(i).id);
        CHECK(versions->at(i).rx == program.items.at(i).rx);
        CHECK(versions->at(i).validFrom == program.createdAt);
    }
}

TEST_CASE("A version 2 database gets a UUID for every row and revision 1 when it is migrated, after a backup")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    REQUIRE(writeAll(path, readAll(QStringLiteral(REHABIT_TEST_DATA_DIR "/databases/schema-v2.sqlite"))));
    StoreOptions options;
    options.author = QStringLiteral("migration tester");
    {
        auto store = openStore(path, options);
        CHECK(store->schemaVersion() == currentSchemaVersion());
        const auto patients = store->patients(true).value();
        REQUIRE(patients.size() == 1);
        const PatientRecord r = store->patientRecord(patients.first().id)->value();
        QStringList uuids{r.patient.uuid};
        for (const Program &p : r.programs)
            uuids << p.uuid;
        for (const ProgramItemVersion &v : r.itemVersions)
            uuids << v.uuid;
        for (const SessionHistory &s : r.sessions)
            uuids << s.record.uuid;
        for (const Proposal &p : r.proposals)
            uuids << p.uuid;
        CHECK(uuids.size() >= 5);
        for (const QString &uuid : std::as_const(uuids)) {
            INFO(uuid.toStdString());
            CHECK(uuid.size() == 36);
            CHECK_FALSE(QUuid(uuid).isNull());
            CHECK(QUuid(uuid).version() == QUuid::Random);
        }
        CHECK(QSet<QString>(uuids.cbegin(), uuids.cend()).size() == uuids.size());
        CHECK(r.patient.revision == 1);
        CHECK(store->revisions(r.patient.uuid)->isEmpty());
        CHECK(store->patientByUuid(r.patient.uuid)->value().id == r.patient.id);

        // A migrated row changes in place like a new one, keeping its first revision.
        const auto renamed = store->renamePatient(r.patient.id, QStringLiteral("Renamed after migration"));
        REQUIRE(renamed.ok());
        CHECK(renamed->revision == 2);
        const auto revisions = store->revisions(r.patient.uuid).value();
        REQUIRE(revisions.size() == 1);
        CHECK(revisions.first().revision == 1);
        CHECK(revisions.first().revisedAt == r.patient.createdAt);
        CHECK(revisions.first().revisedBy.isEmpty()); // nobody is known before version 3
        CHECK(revisions.first().content.value(QStringLiteral("name")).toString() == r.patient.name);
    }
    // The file was copied and checked before its schema changed.
    const auto backups = listBackups(path);
    REQUIRE(backups.size() == 1);
    CHECK(backups.first().kind == BackupKind::BeforeUpgrade);
    RawDatabase backup(backups.first().path, true);
    CHECK(backup.scalar(QStringLiteral("PRAGMA user_version")).toInt() == 2);
    RawDatabase raw(path, true);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM patient WHERE uuid IS NULL")).toInt() == 0);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM session WHERE uuid IS NULL")).toInt() == 0);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM program_item WHERE uuid IS NULL")).toInt() == 0);
    CHECK(raw.scalar(
        QStringLiteral("SELECT count(*) FROM proposal WHERE status <> 'pending' AND decision_uuid IS NULL")).toInt()
        == 0);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM exercise WHERE origin = 'custom' AND uuid IS NULL")).toInt()
                     == 0);
    RawDatabase writer(path);
    CHECK(writer.exec(QStringLiteral("DELETE FROM row_revision")).contains(QStringLiteral("append-only")));
    CHECK(
        writer.exec(QStringLiteral("UPDATE row_revision SET content = '{}'")).contains(QStringLiteral("append-only")));
}
