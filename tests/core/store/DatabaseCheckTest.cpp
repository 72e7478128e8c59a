// What check() verifies beyond SQLite's integrity_check (issue 18, items 6-9):
// the schema against a fresh database of its version, the schema's CHECK
// rules row by row, foreign keys and the log's numbering; restore installs
// only a backup that passes; a file that fails is marked damaged and not
// written; a refused open leaves every byte and the folder as they were;
// read-only media are read, and a write there is refused with a true message.

#include "ReadOnlyPlace.h"
#include "StoreTestSupport.h"

#include "DatabaseCheck.h"
#include "SqlScript.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Backups.h"
#include "rehabit/store/DamageMark.h"

#include <QDir>
#include <QFileInfo>

#include <functional>

using namespace rehabit;
using namespace rehabit::test;

namespace {

StoreOptions readOnly()
{
    StoreOptions options;
    options.readOnly = true;
    return options;
}

StoreHealth checked(const QString &path)
{
    auto store = openStore(path, readOnly());
    const auto health = store->check();
    INFO(errorText(health));
    REQUIRE(health.ok());
    return *health;
}

/// A kind of breakage SQLite's integrity_check on a read-only connection does not see.
struct Breakage {
    const char *name;
    std::function<void(RawDatabase &)> apply;
    QStringList StoreHealth::*found; ///< where check() must report it
    const char *says;                ///< and what the finding says
};

QList<Breakage> breakages()
{
    const auto run = [](const char *sql) {
        return [sql](RawDatabase &raw) { REQUIRE(raw.exec(QString::fromLatin1(sql)).isEmpty()); };
    };
    // An event as the store writes it, but for the column changed.
    const auto event = [](const char *seq, const char *session, const char *pain) {
        return [=](RawDatabase &raw) {
            REQUIRE(raw.exec(QStringLiteral("PRAGMA ignore_check_constraints = ON")).isEmpty());
            REQUIRE(raw.exec(QStringLiteral("INSERT INTO session_event (session_id, seq, at_ms, kind, pain, "
                                            "pain_context) VALUES (%1, %2, 1700000900000, 'pain-rated', %3, 'during')")
                                 .arg(QLatin1String(session), QLatin1String(seq), QLatin1String(pain)))
                        .isEmpty());
        };
    };
    return {
        {"a row with pain 42", event("6", "1", "42"), &StoreHealth::ruleProblems, "pain BETWEEN 0 AND 10"},
        {"a gap in the log", event("8", "1", "3"), &StoreHealth::logProblems, "event 6 is missing"},
        {"an event of a session that does not exist", event("1", "99", "3"), &StoreHealth::foreignKeyProblems,
         "session"},
        {"no proposal table", run("DROP TABLE proposal"), &StoreHealth::schemaProblems, "table proposal"},
        {"an index of its own", run("CREATE INDEX my_report ON patient (name)"), &StoreHealth::schemaProblems,
         "my_report"},
        {"a changed rule", run("PRAGMA writable_schema = ON; ") /* replaced below */, &StoreHealth::schemaProblems,
         "session_event"},
    };
}

/// Applies one breakage to a copy of `good` named after it.
QString broken(const QTemporaryDir &dir, const QString &good, const Breakage &b)
{
    const QString path = dir.filePath(QString::fromLatin1(b.name).replace(u' ', u'-') + QStringLiteral(".sqlite"));
    REQUIRE(writeAll(path, readAll(good)));
    RawDatabase raw(path);
    if (QByteArray(b.name) == "a changed rule") {
        // What another tool's ALTER would leave: the log without its pain rule.
        REQUIRE(raw.exec(QStringLiteral("PRAGMA writable_schema = ON")).isEmpty());
        REQUIRE(raw.exec(QStringLiteral("UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (pain BETWEEN 0 AND 10)', "
                                        "'') WHERE name = 'session_event'"))
                    .isEmpty());
        REQUIRE(raw.exec(QStringLiteral("PRAGMA writable_schema = OFF")).isEmpty());
    } else {
        b.apply(raw);
    }
    return path;
}

} // namespace

TEST_CASE("SqlScript finds the CHECK expressions of a table and compares statements without comments")
{
    const QString table = QStringLiteral("CREATE TABLE t (\n  a INTEGER CHECK (a >= 0), -- a comment (with CHECK (x))\n"
                                         "  b TEXT CHECK (b IN ('x)', 'y')),\n  CHECK (a < 10 OR (b IS NULL))\n)");
    CHECK(SqlScript::checkExpressions(table)
          == QStringList{QStringLiteral("a >= 0"), QStringLiteral("b IN ('x)', 'y')"),
                         QStringLiteral("a < 10 OR (b IS NULL)")});
    CHECK(SqlScript::normalized(QStringLiteral("CREATE  TABLE t ( a ,\n b ) -- note"))
          == QStringLiteral("CREATE TABLE t (a, b)"));
    CHECK(SqlScript::normalized(QStringLiteral("SELECT 'a  b'")) == QStringLiteral("SELECT 'a  b'"));
}

TEST_CASE("check() passes a healthy database and every schema version's fixture")
{
    QTemporaryDir dir;
    const StoreHealth fresh = checked(makePopulated(dir, QStringLiteral("good.sqlite")));
    INFO(fresh.findings().join(u'\n'));
    CHECK(fresh.healthy());
    for (int version = 1; version <= currentSchemaVersion(); ++version) {
        INFO("schema-v" << version);
        const QString fixture = QStringLiteral(REHABIT_TEST_DATA_DIR "/databases/schema-v%1.sqlite").arg(version);
        const QString copy = dir.filePath(QStringLiteral("v%1.sqlite").arg(version));
        REQUIRE(writeAll(copy, readAll(fixture)));
        const StoreHealth health = checked(copy);
        INFO(health.findings().join(u'\n'));
        CHECK(health.healthy());
        CHECK(health.schemaVersion == version);
        // and once migrated to this version
        openStore(copy);
        const StoreHealth migrated = checked(copy);
        INFO(migrated.findings().join(u'\n'));
        CHECK(migrated.healthy());
    }
}

TEST_CASE("check() finds what SQLite's integrity_check on a read-only connection does not")
{
    QTemporaryDir dir;
    const QString good = makePopulated(dir, QStringLiteral("good.sqlite"));
    for (const Breakage &b : breakages()) {
        INFO(b.name);
        const QString path = broken(dir, good, b);
        {
            // What check did before: integrity_check and foreign_key_check alone.
            RawDatabase raw(path, true);
            CHECK(raw.scalar(QStringLiteral("PRAGMA integrity_check")).toString() == QStringLiteral("ok"));
        }
        const QByteArray before = fileHash(path);
        const StoreHealth health = checked(path);
        INFO(health.findings().join(u'\n'));
        CHECK_FALSE(health.healthy());
        const QStringList &found = health.*(b.found);
        REQUIRE_FALSE(found.isEmpty());
        CHECK(found.join(u'\n').contains(QLatin1String(b.says)));
        CHECK(fileHash(path) == before);
    }
}

TEST_CASE("check() calls a file with Rehabit's id and no tables broken, and a write to it is refused untouched")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no-tables.sqlite"));
    {
        RawDatabase raw(path);
        REQUIRE(raw.exec(QStringLiteral("PRAGMA application_id = 1380467284")).isEmpty()); // "RHBT"
        REQUIRE(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(currentSchemaVersion())).isEmpty());
    }
    const StoreHealth health = checked(path);
    CHECK_FALSE(health.healthy());
    REQUIRE(health.schemaProblems.size() == 1);
    CHECK(health.schemaProblems.first().contains(QStringLiteral("no tables")));

    // Before: the refused open had switched the file to WAL and left a stamp.
    const QByteArray before = fileHash(path);
    const QStringList files = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    const auto opened = openSqliteStore(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().text().contains(QStringLiteral("no tables")));
    CHECK(fileHash(path) == before);
    CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name) == files);
}

TEST_CASE("restore installs only a backup that passes the whole check")
{
    QTemporaryDir dir;
    const QString good = makePopulated(dir, QStringLiteral("good.sqlite"));
    const QString database = makePopulated(dir, QStringLiteral("rehabit.sqlite"));
    qint64 ms = 1'700'300'000'000;
    for (const Breakage &b : breakages()) {
        INFO(b.name);
        const QString backup = broken(dir, good, b);
        const QByteArray before = fileHash(database);
        const auto verified = verifyBackup(backup);
        REQUIRE_FALSE(verified.ok());
        CHECK(verified.error().text().contains(QStringLiteral("failed its check")));
        const auto restored = restoreBackup(database, backup, at(ms += 1000));
        REQUIRE_FALSE(restored.ok());
        CHECK(restored.error().text().contains(QStringLiteral("Nothing was changed")));
        CHECK(fileHash(database) == before);
        CHECK_FALSE(QFileInfo::exists(database + QStringLiteral(".restore.tmp")));
    }
    CHECK(restoreBackup(database, good, at(ms + 1000)).ok());
}

TEST_CASE("A database that fails check is marked damaged: not written, read with the mark, unmarked by a restore or "
          "a clean check")
{
    QTemporaryDir dir;
    const QString path = makePopulated(dir, QStringLiteral("rehabit.sqlite"));
    const auto backup = writeBackup(path, BackupKind::Daily, at(1'700'000'000'000));
    REQUIRE(backup.ok());
    const QString good = dir.filePath(QStringLiteral("good.sqlite"));
    REQUIRE(writeAll(good, readAll(path)));
    const Breakage pain = breakages().first();
    REQUIRE(writeAll(path, readAll(broken(dir, good, pain))));

    // The quick check at open sees nothing wrong; the whole check does, and marks it.
    const StoreHealth health = checked(path);
    REQUIRE_FALSE(health.healthy());
    CHECK_FALSE(damageMark(path).has_value());
    REQUIRE(recordCheckResult(path, health, at(1'700'000'500'000)).ok());
    const auto mark = damageMark(path);
    REQUIRE(mark.has_value());
    CHECK(mark->foundBy == QStringLiteral("check"));
    CHECK(mark->findings.join(u'\n').contains(QStringLiteral("pain BETWEEN 0 AND 10")));

    // Every write is refused, leaving the file and the folder as they were.
    const QByteArray before = fileHash(path);
    const QStringList files = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    const auto opened = openSqliteStore(path);
    REQUIRE_FALSE(opened.ok());
    const QString message = opened.error().text();
    INFO(message);
    CHECK(message.contains(QStringLiteral("marked")));
    CHECK(message.contains(QStringLiteral("restore")));
    CHECK(message.contains(QStringLiteral("check")));
    CHECK_FALSE(checkWritable(path).ok());
    CHECK(fileHash(path) == before);
    CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name) == files);
    // Reading still works; a restore is offered.
    CHECK(openSqliteStore(path, readOnly()).ok());
    REQUIRE(backupToOffer(path).has_value());

    SECTION("a restore removes the mark")
    {
        REQUIRE(restoreBackup(path, backupToOffer(path)->path, at(1'700'000'600'000)).ok());
        CHECK_FALSE(damageMark(path).has_value());
        CHECK(openSqliteStore(path).ok());
    }
    SECTION("a clean check removes the mark")
    {
        REQUIRE(writeAll(path, readAll(good))); // repaired by other means
        CHECK_FALSE(openSqliteStore(path).ok());
        const StoreHealth clean = checked(path);
        REQUIRE(clean.healthy());
        REQUIRE(recordCheckResult(path, clean, at(1'700'000'700'000)).ok());
        CHECK_FALSE(damageMark(path).has_value());
        CHECK(openSqliteStore(path).ok());
    }
}

TEST_CASE("A refused open leaves every byte and the folder as they were, for every kind of refusal")
{
    QTemporaryDir dir;
    const QString good = makePopulated(dir, QStringLiteral("good.sqlite"));
    const auto make = [&](const char *name, const std::function<void(const QString &)> &prepare) {
        const QString folder = dir.filePath(QString::fromLatin1(name));
        REQUIRE(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/rehabit.sqlite");
        prepare(path);
        return path;
    };
    const auto rehabitIdOnly = [](int version) {
        return [version](const QString &path) {
            RawDatabase raw(path);
            REQUIRE(raw.exec(QStringLiteral("PRAGMA application_id = 1380467284")).isEmpty());
            REQUIRE(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)).isEmpty());
        };
    };
    const QList<QPair<const char *, QString>> cases{
        {"wrong id", make("wrong-id",
                          [&](const QString &path) {
                              REQUIRE(writeAll(path, readAll(good)));
                              RawDatabase raw(path);
                              REQUIRE(raw.exec(QStringLiteral("PRAGMA application_id = 1195724872")).isEmpty());
                          })},
        {"newer schema", make("newer",
                              [&](const QString &path) {
                                  REQUIRE(writeAll(path, readAll(good)));
                                  RawDatabase raw(path);
                                  REQUIRE(raw.exec(QStringLiteral("PRAGMA user_version = 99")).isEmpty());
                              })},
        {"no tables, no version", make("no-tables-v0", rehabitIdOnly(0))},
        {"no tables, this version", make("no-tables", rehabitIdOnly(currentSchemaVersion()))},
        {"a table missing, version 1",
         make("missing-v1",
              [&](const QString &path) {
                  REQUIRE(writeAll(path, readAll(QStringLiteral(REHABIT_TEST_DATA_DIR "/databases/schema-v1.sqlite"))));
                  RawDatabase raw(path);
                  REQUIRE(raw.exec(QStringLiteral("DROP TABLE proposal")).isEmpty());
              })},
        {"a broken reference, version 1: not upgraded, not switched to WAL",
         make("broken-v1",
              [&](const QString &path) {
                  REQUIRE(writeAll(path, readAll(QStringLiteral(REHABIT_TEST_DATA_DIR "/databases/schema-v1.sqlite"))));
                  RawDatabase raw(path);
                  REQUIRE(raw.exec(QStringLiteral("PRAGMA journal_mode = DELETE")).isEmpty());
                  REQUIRE(raw.exec(QStringLiteral("UPDATE program SET patient_id = 9999")).isEmpty());
              })},
        {"damaged mark", make("marked",
                              [&](const QString &path) {
                                  REQUIRE(writeAll(path, readAll(good)));
                                  StoreHealth bad;
                                  bad.integrityOk = true;
                                  bad.logProblems << QStringLiteral("a test's finding");
                                  REQUIRE(recordCheckResult(path, bad, at(1'700'000'000'000)).ok());
                              })},
        {"not a database",
         make("text",
              [](const QString &path) { REQUIRE(writeAll(path, QByteArrayLiteral("my notes, not a database\n"))); })},
    };
    for (const auto &[name, path] : cases) {
        INFO(name);
        const QString folder = QFileInfo(path).absolutePath();
        const QByteArray before = fileHash(path);
        const QStringList files = QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const auto opened = openSqliteStore(path);
            REQUIRE_FALSE(opened.ok());
            INFO(opened.error().text());
            CHECK(opened.error().text().contains(QDir::toNativeSeparators(path)));
            CHECK(fileHash(path) == before);
            CHECK(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot) == files);
        }
    }
}

TEST_CASE("Read-only media: a read-only open reads the database, needing no -wal or -shm, and a write is refused")
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("media"));
    REQUIRE(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/rehabit.sqlite");
    {
        auto store = openStore(path);
        populate(*store);
    }
    QFile::remove(path + QStringLiteral(".checked"));
    const QByteArray before = fileHash(path);
    const QStringList files = QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    ReadOnlyPlace place(folder);
    // Say how the read-only media were made, and fail where they cannot be:
    // a test that passes without trying proves nothing.
    WARN("read-only media made by " << place.how().toStdString());
    REQUIRE(place.ok());
    {
        auto reader = openSqliteStore(path, readOnly());
        INFO(errorText(reader));
        REQUIRE(reader.ok());
        const auto health = (*reader)->check();
        REQUIRE(health.ok());
        CHECK(health->healthy());
        CHECK((*reader)->patients(false)->size() == 1);
    }
    const auto writer = openSqliteStore(path);
    REQUIRE_FALSE(writer.ok());
    const QString message = writer.error().text();
    INFO(message);
    CHECK(message.contains(QStringLiteral("read-only")));
    for (const char *command : {"'rehabit-cli check'", "'patients'", "'history'", "'export'"})
        CHECK(message.contains(QLatin1String(command)));
    CHECK_FALSE(checkWritable(path).ok());
    // A new database there: said so, without promising that it can be read.
    const auto made = openSqliteStore(folder + QStringLiteral("/new.sqlite"));
    REQUIRE_FALSE(made.ok());
    CHECK(made.error().text().contains(QStringLiteral("cannot be made")));
    CHECK_FALSE(made.error().text().contains(QStringLiteral("can still read")));
    // A clean check on read-only media has nothing to record.
    CHECK(recordCheckResult(path, checked(path), Clock::nowUtc()).ok());
    CHECK(fileHash(path) == before);
    CHECK(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot) == files);
}

TEST_CASE("Restoring a copy with its WAL installs the rows the WAL holds, in one file")
{
    QTemporaryDir dir;
    const QString source = makePopulated(dir, QStringLiteral("source.sqlite"));
    const QString copy = dir.filePath(QStringLiteral("kept.sqlite"));
    {
        // Committed, and still in the WAL while the store is open: what a
        // before-restore copy of a running database holds.
        auto store = openStore(source);
        REQUIRE(store->addPatient(QStringLiteral("Ben in the WAL"), at(1'700'000'900'000)).ok());
        REQUIRE(QFileInfo(source + QStringLiteral("-wal")).size() > 0);
        REQUIRE(writeAll(copy, readAll(source)));
        REQUIRE(writeAll(copy + QStringLiteral("-wal"), readAll(source + QStringLiteral("-wal"))));
    }
    const QByteArray verified = contentHash(copy); // read with its WAL, as the restore verifies it
    const QString database = makePopulated(dir, QStringLiteral("rehabit.sqlite"));
    const auto restored = restoreBackup(database, copy, at(1'700'001'000'000));
    INFO(errorText(restored));
    REQUIRE(restored.ok());
    CHECK_FALSE(QFileInfo::exists(database + QStringLiteral("-wal")));
    CHECK(contentHash(database) == verified);
    auto store = openStore(database);
    const auto patients = store->patients(false);
    REQUIRE(patients.ok());
    QStringList names;
    for (const Patient &p : *patients)
        names << p.name;
    CHECK(names.contains(QStringLiteral("Ben in the WAL")));
    CHECK_FALSE(QFileInfo::exists(database + QStringLiteral(".restore.tmp")));
    CHECK_FALSE(QFileInfo::exists(database + QStringLiteral(".restore.tmp-wal")));
}
