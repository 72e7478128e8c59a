// Backups and restores (docs/storage.md, "Backups"): one verified daily
// backup per day and its rotation; backups taken while a thread or another
// process logs events are whole snapshots whose restore gives back the
// database as it was at that moment; a restore keeps the replaced file, is
// refused while another program holds the database, and changes nothing
// when the backup is not sound.

#include "StoreTestSupport.h"

#include "DatabaseBackup.h"

#include "rehabit/store/Backups.h"

#include <QDir>
#include <QFileInfo>

#include <thread>

using namespace rehabit;
using namespace rehabit::test;

namespace {

QDateTime utc(int year, int month, int day, int hour = 9)
{
    return QDateTime(QDate(year, month, day), QTime(hour, 0), Qt::UTC);
}

BackupInfo daily(const QDateTime &at)
{
    BackupInfo info;
    info.kind = BackupKind::Daily;
    info.takenAt = at;
    info.path = at.toString(Qt::ISODate);
    return info;
}

QStringList dates(const QList<BackupInfo> &backups)
{
    QStringList result;
    for (const BackupInfo &b : backups)
        result << b.takenAt.date().toString(Qt::ISODate);
    return result;
}

/// Every row of a table in rowid order, one string per row; `where` filters.
QStringList tableRows(const QString &path, const QString &table, const QString &where = {})
{
    RawDatabase raw(path, true);
    REQUIRE(raw.isOpen());
    QSqlQuery query(raw.db());
    // Table names come from the test's own list.
    REQUIRE(query.exec(QStringLiteral("SELECT * FROM %1 %2 ORDER BY rowid").arg(table, where)));
    QStringList rows;
    while (query.next()) {
        QStringList cells;
        for (int c = 0; c < query.record().count(); ++c)
            cells << (query.value(c).isNull() ? QStringLiteral("<null>") : query.value(c).toString());
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

const QStringList
    Tables{QStringLiteral("catalog_meta"), QStringLiteral("exercise"),      QStringLiteral("patient"),
                                                                                           QStringLiteral("patient_note"), QStringLiteral("program"),       QStringLiteral("program_item"),
                                                                                                                                                                   QStringLiteral("session"),      QStringLiteral("session_event"), QStringLiteral("proposal")};

int eventCount(const QString &path)
{
    RawDatabase raw(path, true);
    return raw.scalar(QStringLiteral("SELECT count(*) FROM session_event")).toInt();
}

/// A backup taken while events were logged, and what had been acknowledged around it.
struct Taken {
    BackupInfo backup;
    int acknowledgedBefore = 0;
    int acknowledgedAfter = 0;
};

/// The backup holds the log as one commit left it (events 1..k with no gap,
/// k at least what was acknowledged before it started), passes its checks,
/// and restored into a new file it equals the source at that moment: every
/// table as the source has it now, the log cut at k. Returns k.
int checkSnapshot(const Taken &taken, const QString &source, const QTemporaryDir &dir, int index)
{
    const QString backup = taken.backup.path;
    INFO("backup " << index << ": " << backup.toStdString());
    CHECK(verifyBackup(backup).ok());
    {
        RawDatabase raw(backup, true);
        CHECK(raw.column(QStringLiteral("PRAGMA integrity_check")) == QStringList{QStringLiteral("ok")});
    }
    RawDatabase raw(backup, true);
    const int k = raw.scalar(QStringLiteral("SELECT max(seq) FROM session_event")).toInt();
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM session_event")).toInt() == k);
    CHECK(k >= taken.acknowledgedBefore);

    const QString target = dir.filePath(QStringLiteral("restored-%1.sqlite").arg(index));
    const auto restored = restoreBackup(target, backup, at(1'800'000'000'000 + index));
    INFO(errorText(restored));
    REQUIRE(restored.ok());
    CHECK(restored->safetyCopy.isEmpty()); // there was no file to keep
    CHECK(contentHash(target) == contentHash(backup));
    for (const QString &table : Tables) {
        INFO(table.toStdString());
        const QString where =
            table == QStringLiteral("session_event") ? QStringLiteral("WHERE seq <= %1").arg(k) : QString();
        CHECK(tableRows(target, table) == tableRows(source, table, where));
    }
    return k;
}

/// rehabit.sqlite in dir, populated and closed.
QString populatedDatabase(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    auto store = openStore(path);
    populate(*store);
    return path;
}

SessionEvent rep(qint64 sessionId, int index)
{
    SessionEvent e;
    e.sessionId = sessionId;
    e.atMs = 1'700'000'100'000 + index;
    e.kind = EventKind::RepDone;
    e.setIndex = 1;
    e.repIndex = index;
    e.side = Side::Left;
    return e;
}

} // namespace

TEST_CASE("The rotation keeps the newest daily backup of 7 days, 4 weeks and 6 months, and no other kind is rotated")
{
    SECTION("sixty days of one backup a day")
    {
        QList<BackupInfo> backups;
        for (int d = 0; d < 60; ++d)
            backups << daily(utc(2026, 1, 1).addDays(d));
        QList<BackupInfo> kept = backups;
        for (const BackupInfo &gone : rotationSurplus(backups, {}))
            kept.removeIf([&](const BackupInfo &b) { return b.path == gone.path; });
        // 2026-03-01 is a Sunday: its ISO week began on 2026-02-23.
        CHECK(dates(kept)
              == QStringList({QStringLiteral("2026-01-31"),
                  QStringLiteral("2026-02-08"),
                      QStringLiteral("2026-02-15"),
                          QStringLiteral("2026-02-22"),
                              QStringLiteral("2026-02-23"),
                                  QStringLiteral("2026-02-24"),
                                      QStringLiteral("2026-02-25"),
                                          QStringLiteral("2026-02-26"),
                                                         QStringLiteral("2026-02-27"),
                                                                        QStringLiteral("2026-02-28"),
                                                                                       QStringLiteral("2026-03-01")}));
    }
    SECTION("several backups on one day: only the newest of the day counts")
    {
        const QList<BackupInfo> backups{daily(utc(2026, 5, 2, 8)), daily(utc(2026, 5, 2, 20)),
                                        daily(utc(2026, 5, 1, 8))};
        const auto surplus = rotationSurplus(backups, {});
        REQUIRE(surplus.size() == 1);
        CHECK(surplus.first().takenAt == utc(2026, 5, 2, 8));
    }
    SECTION("gaps: days, weeks and months count only those that have a backup")
    {
        QList<BackupInfo> backups;
        for (int m = 1; m <= 12; ++m)
            backups << daily(utc(2025, m, 10));
        QList<BackupInfo> kept = backups;
        for (const BackupInfo &gone : rotationSurplus(backups, {}))
            kept.removeIf([&](const BackupInfo &b) { return b.path == gone.path; });
        // One backup a month: the last 7 days that have one are 7 months back.
        CHECK(dates(kept)
              == QStringList({QStringLiteral("2025-06-10"),
                  QStringLiteral("2025-07-10"),
                      QStringLiteral("2025-08-10"),
                                     QStringLiteral("2025-09-10"),
                                                    QStringLiteral("2025-10-10"),
                                                                   QStringLiteral("2025-11-10"),
                                                                                  QStringLiteral("2025-12-10")}));
    }
    SECTION("backups before an upgrade or a restore are never rotated")
    {
        QList<BackupInfo> backups;
        for (int d = 0; d < 30; ++d) {
            BackupInfo b = daily(utc(2026, 1, 1).addDays(d));
            b.kind = d % 2 ? BackupKind::BeforeUpgrade : BackupKind::BeforeRestore;
            backups << b;
        }
        CHECK(rotationSurplus(backups, {}).isEmpty());
    }
}

TEST_CASE("Daily backups: one per UTC day, verified, written to the backup folder and rotated")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    auto store = openStore(path);
    populate(*store);
    const QByteArray content = contentHash(path);

    // A backup before an upgrade, which the rotation must leave alone.
    {
        RawDatabase raw(path);
        REQUIRE(DatabaseBackup::write(raw.name(), path, BackupKind::BeforeUpgrade, utc(2026, 1, 1, 6)).ok());
    }
    // Sixty days of two starts a day while the store is open, as the app does.
    for (int d = 0; d < 60; ++d) {
        const QDateTime morning = utc(2026, 1, 1, 7).addDays(d);
        const auto first = writeDailyBackup(path, morning);
        INFO(errorText(first));
        REQUIRE(first.ok());
        REQUIRE(first->written.has_value());
        CHECK(first->written->takenAt == morning);
        CHECK(first->written->kind == BackupKind::Daily);
        const auto second = writeDailyBackup(path, morning.addSecs(10 * 3600));
        REQUIRE(second.ok());
        CHECK_FALSE(second->written.has_value());
        CHECK(second->removed.isEmpty());
    }
    const auto backups = listBackups(path);
    QStringList dailyDates;
    for (const BackupInfo &b : backups) {
        CHECK(QFileInfo(b.path).absolutePath() == dir.filePath(QStringLiteral("backups")));
        CHECK(b.bytes == QFileInfo(b.path).size());
        if (b.kind == BackupKind::Daily)
            dailyDates.prepend(b.takenAt.date().toString(Qt::ISODate));
        CHECK(verifyBackup(b.path).ok());
        CHECK(contentHash(b.path) == content);
    }
    CHECK(dailyDates
          == QStringList({QStringLiteral("2026-01-31"),
              QStringLiteral("2026-02-08"),
                  QStringLiteral("2026-02-15"),
                      QStringLiteral("2026-02-22"),
                          QStringLiteral("2026-02-23"),
                              QStringLiteral("2026-02-24"),
                                  QStringLiteral("2026-02-25"),
                                      QStringLiteral("2026-02-26"),
                                                     QStringLiteral("2026-02-27"),
                                                                    QStringLiteral("2026-02-28"),
                                                                                   QStringLiteral("2026-03-01")}));
    CHECK(backups.last().kind == BackupKind::BeforeUpgrade);
    CHECK(latestBackup(path)->takenAt == utc(2026, 3, 1, 7));
    // Nothing but finished backups in the folder: no temporary copies, no -wal or -shm files.
    CHECK(QDir(backupFolder(path)).entryList(QDir::Files).size() == backups.size());
    CHECK(contentHash(path) == content);
}

TEST_CASE("A backup of a database that does not exist, or is not a database, is refused and leaves no file")
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.sqlite"));
    const auto none = writeBackup(missing, BackupKind::Daily, utc(2026, 1, 1));
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().text().contains(QDir::toNativeSeparators(missing)));
    const QString garbage = dir.filePath(QStringLiteral("garbage.sqlite"));
    REQUIRE(writeAll(garbage, QByteArray(8192, 'g')));
    const auto refused = writeBackup(garbage, BackupKind::Daily, utc(2026, 1, 1));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().text().contains(QDir::toNativeSeparators(garbage)));
    CHECK(QDir(backupFolder(garbage)).entryList(QDir::Files).isEmpty());
    CHECK(readAll(garbage) == QByteArray(8192, 'g'));
}

TEST_CASE("Backups taken while a thread logs events are whole snapshots, and each restores to that moment")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    QList<Taken> taken;
    {
        auto store = openStore(path);
        const Populated ids = populate(*store);
        std::atomic<int> acknowledged{ids.events};
        std::atomic<bool> stop{false};
        std::atomic<bool> failed{false};
        QString failure; // written by the logger before it sets `failed`
        std::thread logger([&] {
            for (int i = 1; !stop.load(); ++i) {
                const auto stored = store->appendEvent(rep(ids.sessionId, i));
                if (!stored) {
                    failure = stored.error().text();
                    failed.store(true);
                    return;
                }
                acknowledged.store(stored->seq); // what a screen would now show as saved
            }
        });
        for (int i = 0; i < 8 && !failed.load(); ++i) {
            // Let the logger get ahead between backups.
            const int from = acknowledged.load();
            while (acknowledged.load() < from + 15 && !failed.load())
                std::this_thread::yield();
            Taken t;
            t.acknowledgedBefore = acknowledged.load();
            const auto backup = writeBackup(path, BackupKind::Daily, utc(2026, 2, 1 + i));
            t.acknowledgedAfter = acknowledged.load();
            INFO(errorText(backup));
            REQUIRE(backup.ok());
            t.backup = *backup;
            taken << t;
        }
        stop.store(true);
        logger.join();
        INFO(failure.toStdString());
        REQUIRE(failure.isEmpty());
    }
    REQUIRE(taken.size() == 8);
    int previous = 0;
    for (int i = 0; i < taken.size(); ++i) {
        const int k = checkSnapshot(taken.at(i), path, dir, i);
        // Committed before the backup ended: at most one event past the last acknowledged one.
        CHECK(k <= taken.at(i).acknowledgedAfter + 1);
        CHECK(k >= previous);
        previous = k;
    }
    CHECK(eventCount(path) > previous); // the log went on after the last backup

    // Restored over the database itself: the file as it was is kept.
    const QByteArray current = contentHash(path);
    const auto restored = restoreBackup(path, taken.at(3).backup.path, at(1'800'000'000'000));
    INFO(errorText(restored));
    REQUIRE(restored.ok());
    CHECK(contentHash(path) == contentHash(taken.at(3).backup.path));
    REQUIRE_FALSE(restored->safetyCopy.isEmpty());
    CHECK(contentHash(restored->safetyCopy) == current);
    auto reopened = openStore(path);
    CHECK(reopened->check()->healthy());
}

TEST_CASE("Backups taken while another process logs events are whole snapshots, and each restores to that moment")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    qint64 sessionId = 0;
    {
        auto store = openStore(path);
        sessionId = populate(*store).sessionId;
    }
    QProcess child;
    startChild(child, QStringLiteral("store child: log events until killed"),
                                     {{QStringLiteral("REHABIT_STORE_CHILD_DB"), path},
                                       {QStringLiteral("REHABIT_STORE_CHILD_SESSION"), QString::number(sessionId)}});
    REQUIRE(child.waitForStarted());
    REQUIRE(waitForLine(child, QStringLiteral("ready")) == QStringLiteral("ready"));
    int acknowledged = 0;
    QStringList otherLines;
    const auto readAcks = [&] {
        while (child.canReadLine()) {
            const QString line = QString::fromUtf8(child.readLine()).trimmed();
            if (line.startsWith(QStringLiteral("ack ")))
                acknowledged = std::max(acknowledged, line.mid(4).toInt());
            else
                otherLines << line;
        }
    };
    QList<Taken> taken;
    for (int i = 0; i < 6; ++i) {
        const int from = acknowledged;
        while (acknowledged < from + 15 && child.state() == QProcess::Running) {
            child.waitForReadyRead(1000);
            readAcks();
        }
        REQUIRE(child.state() == QProcess::Running);
        Taken t;
        t.acknowledgedBefore = acknowledged;
        const auto backup = writeBackup(path, BackupKind::Daily, utc(2026, 3, 1 + i));
        INFO(errorText(backup));
        REQUIRE(backup.ok());
        t.backup = *backup;
        taken << t;
    }
    child.kill(); // SIGKILL
    REQUIRE(child.waitForFinished(30000));
    readAcks();
    CHECK(otherLines.isEmpty()); // the logger never failed
    // The killed logger left its WAL behind; every acknowledged event is in the source.
    const int logged = eventCount(path) - 5;
    CHECK(logged >= acknowledged - 5);
    int previous = 0;
    for (int i = 0; i < taken.size(); ++i) {
        const int k = checkSnapshot(taken.at(i), path, dir, i);
        CHECK(k >= previous);
        previous = k;
    }

    // Restored over the killed logger's database: its stale lock is taken
    // over, its WAL is kept with the copy and not applied to the restored file.
    const QString wal = path + QStringLiteral("-wal");
    const bool hadWal = QFileInfo(wal).size() > 0;
    const QByteArray walBytes = readAll(wal);
    const QByteArray mainBytes = readAll(path);
    const auto sourceEvents = tableRows(path, QStringLiteral("session_event"));
    const auto restored = restoreBackup(path, taken.first().backup.path, at(1'800'000'000'000));
    INFO(errorText(restored));
    REQUIRE(restored.ok());
    CHECK(contentHash(path) == contentHash(taken.first().backup.path));
    CHECK_FALSE(QFileInfo::exists(wal));
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral("-shm")));
    REQUIRE_FALSE(restored->safetyCopy.isEmpty());
    CHECK(readAll(restored->safetyCopy) == mainBytes);
    if (hadWal)
        CHECK(readAll(restored->safetyCopy + QStringLiteral("-wal")) == walBytes);
    CHECK(tableRows(restored->safetyCopy, QStringLiteral("session_event")) == sourceEvents);
}

TEST_CASE("A restore is refused while another program holds the database, and nothing changes")
{
    QTemporaryDir dir;
    const QString path = populatedDatabase(dir);
    const auto backup = writeBackup(path, BackupKind::Daily, utc(2026, 1, 1));
    REQUIRE(backup.ok());
    QProcess holder;
    startChild(holder, QStringLiteral("store child: hold the lock"),
                                      {{QStringLiteral("REHABIT_STORE_CHILD_DB"), path}});
    REQUIRE(holder.waitForStarted());
    const QString locked = waitForLine(holder, QStringLiteral("locked "));
    REQUIRE_FALSE(locked.isEmpty());
    const QByteArray before = readAll(path);
    const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files, QDir::Name);

    const auto refused = restoreBackup(path, backup->path, utc(2026, 1, 2));
    REQUIRE_FALSE(refused.ok());
    INFO(refused.error().text());
    CHECK(refused.error().text().contains(locked.mid(7))); // the holder's process id
    CHECK(refused.error().text().contains(QStringLiteral("not restored")));
    CHECK(readAll(path) == before);
    CHECK(QDir(dir.path()).entryList(QDir::Files, QDir::Name) == filesBefore);
    CHECK(listBackups(path).size() == 1); // no copy of the current file either

    holder.closeWriteChannel();
    REQUIRE(holder.waitForFinished(30000));
    const auto done = restoreBackup(path, backup->path, utc(2026, 1, 2));
    INFO(errorText(done));
    CHECK(done.ok());
}

TEST_CASE("A backup that is not sound is refused before anything changes")
{
    QTemporaryDir dir;
    const QString path = populatedDatabase(dir);
    const auto good = writeBackup(path, BackupKind::Daily, utc(2026, 1, 1));
    REQUIRE(good.ok());
    const QByteArray goodBytes = readAll(good->path);
    const QString backups = backupFolder(path);

    struct Case {
        const char *name;
        QByteArray bytes;
        const char *says;
    };
    QByteArray zeroed = goodBytes;
    zeroed.replace(2 * 4096, 4096, QByteArray(4096, '\0'));
    QList<Case> cases{
        {"garbage", QByteArray(16384, '\x5a'), "not a SQLite database"},
        {"truncated", goodBytes.left(goodBytes.size() / 2), "damaged"},
        {"zeroed", zeroed, "damaged"},
    };
    {
        // A newer Rehabit's backup and another program's database.
        const QString newer = dir.filePath(QStringLiteral("newer.sqlite"));
        REQUIRE(writeAll(newer, goodBytes));
        {
            RawDatabase raw(newer);
            REQUIRE(raw.exec(QStringLiteral("PRAGMA user_version = 999")).isEmpty());
        }
        cases.append({"newer", readAll(newer), "newer"});
        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        {
            RawDatabase raw(other);
            REQUIRE(raw.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")).isEmpty());
        }
        cases.append({"other", readAll(other), "not a Rehabit database"});
    }
    const QByteArray before = readAll(path);
    for (const Case &c : cases) {
        INFO(c.name);
        const QString file = dir.filePath(QStringLiteral("%1-backup.sqlite").arg(QLatin1String(c.name)));
        REQUIRE(writeAll(file, c.bytes));
        const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
        const auto refused = restoreBackup(path, file, utc(2026, 1, 2));
        REQUIRE_FALSE(refused.ok());
        INFO(refused.error().text());
        CHECK(refused.error().text().contains(QDir::toNativeSeparators(file)));
        CHECK(refused.error().text().contains(QLatin1String(c.says)));
        CHECK(refused.error().text().contains(QStringLiteral("Nothing was changed")));
        CHECK(readAll(path) == before);
        CHECK(readAll(file) == c.bytes);
        CHECK(QDir(dir.path()).entryList(QDir::Files, QDir::Name) == filesBefore);
        CHECK(QDir(backups).entryList(QDir::Files).size() == 1);
    }
    SECTION("a file that does not exist, and the database itself")
    {
        const QString missing = dir.filePath(QStringLiteral("no-such-backup.sqlite"));
        const auto refused = restoreBackup(path, missing, utc(2026, 1, 2));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().text().contains(QStringLiteral("does not exist")));
        CHECK_FALSE(restoreBackup(path, path, utc(2026, 1, 2)).ok());
        CHECK(readAll(path) == before);
    }
}

TEST_CASE("A restore over a database keeps the old file, and one where the database is missing writes it")
{
    QTemporaryDir dir;
    const QString path = populatedDatabase(dir);
    const auto backup = writeBackup(path, BackupKind::Daily, utc(2026, 1, 1));
    REQUIRE(backup.ok());
    const QByteArray content = contentHash(path);
    {
        // Work done after the backup, which the restore takes away.
        auto store = openStore(path);
        const auto patient = store->addPatient(QStringLiteral("Second"), at(1'700'000'500'000));
        REQUIRE(patient.ok());
    }
    const QByteArray later = readAll(path);
    const auto first = restoreBackup(path, backup->path, utc(2026, 1, 3, 10));
    INFO(errorText(first));
    REQUIRE(first.ok());
    CHECK(first->restoredFrom == backup->path);
    CHECK(contentHash(path) == content);
    CHECK(readAll(first->safetyCopy) == later);
    CHECK(QFileInfo(first->safetyCopy).fileName()
          == QStringLiteral("rehabit.sqlite.before-restore-20260103T100000000Z.sqlite"));
    const auto listed = listBackups(path);
    REQUIRE(listed.size() == 2);
    CHECK(listed.first().kind == BackupKind::BeforeRestore);
    CHECK(latestBackup(path)->path == backup->path); // a copy before a restore is never "the latest backup"
    // Undoing the restore is restoring that copy.
    REQUIRE(restoreBackup(path, first->safetyCopy, utc(2026, 1, 3, 11)).ok());
    CHECK(readAll(path) == later);

    REQUIRE(QFile::remove(path));
    const auto second = restoreBackup(path, backup->path, utc(2026, 1, 4));
    REQUIRE(second.ok());
    CHECK(second->safetyCopy.isEmpty());
    CHECK(contentHash(path) == content);
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".restore.tmp")));
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".lock")));
}

namespace {

/// The names of the files in a folder (no subfolders).
QStringList fileNames(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files, QDir::Name);
}

QStringList dailyNames(const QList<BackupInfo> &backups)
{
    QStringList names;
    for (const BackupInfo &b : backups)
        if (b.kind == BackupKind::Daily)
            names << QFileInfo(b.path).fileName();
    return names;
}

} // namespace

TEST_CASE("Daily backups go to the second folder too: a checked copy of each, rotated by the same rule")
{
    QTemporaryDir dir;
    const QString path = populatedDatabase(dir);
    const QByteArray content = contentHash(path);
    const QString stick = dir.filePath(QStringLiteral("stick"));
    REQUIRE(QDir().mkpath(stick));
    auto store = openStore(path); // open, as the app and the CLI hold it

    for (int d = 0; d < 60; ++d) {
        const QDateTime morning = utc(2026, 1, 1, 7).addDays(d);
        const DailyBackups first = writeDailyBackups(path, morning, stick);
        INFO(errorText(first.main) << " / " << errorText(first.second));
        REQUIRE(first.main.ok());
        REQUIRE(first.second.ok());
        CHECK_FALSE(first.cancelled);
        CHECK(first.secondFolder == secondBackupFolderFor(stick, path));
        REQUIRE(first.main->written.has_value());
        REQUIRE(first.second->written.has_value());
        CHECK(QFileInfo(first.second->written->path).fileName() == QFileInfo(first.main->written->path).fileName());
        CHECK(QFileInfo(first.second->written->path).absolutePath() == secondBackupFolderFor(stick, path));
        CHECK(first.second->removed.size() == first.main->removed.size());
        const DailyBackups again = writeDailyBackups(path, morning.addSecs(3600), stick);
        REQUIRE(again.main.ok());
        REQUIRE(again.second.ok());
        CHECK_FALSE(again.main->written.has_value());
        CHECK_FALSE(again.second->written.has_value());
    }
    const QList<BackupInfo> onStick = listSecondFolderBackups(stick, path);
    CHECK(dailyNames(onStick) == dailyNames(listBackups(path)));
    CHECK(onStick.size() == 11); // the rotation of the 60-day test above, in the second folder too
    for (const BackupInfo &b : onStick) {
        INFO(b.path.toStdString());
        CHECK(verifyBackup(b.path).ok());
        CHECK(contentHash(b.path) == content);
    }
    // Only finished backups: no temporary copy, no -wal or -shm file.
    CHECK(fileNames(secondBackupFolderFor(stick, path)).size() == onStick.size());
    CHECK(QDir(stick).entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
          == QStringList{QFileInfo(secondBackupFolderFor(stick, path)).fileName()});
}

TEST_CASE("A missing second folder is skipped with a warning, the main backup is written, and the copy comes later")
{
    QTemporaryDir dir;
    const QString path = populatedDatabase(dir);
    const QString stick = dir.filePath(QStringLiteral("stick")); // not plugged in
    const QDateTime morning = utc(2026, 3, 2, 7);

    const DailyBackups unplugged = writeDailyBackups(path, morning, stick);
    REQUIRE(unplugged.main.ok());
    CHECK(unplugged.main->written.has_value());
    REQUIRE_FALSE(unplugged.second.ok());
    const QString warning = unplugged.second.error().text();
    CHECK(warning.contains(QDir::toNativeSeparators(stick)));
    CHECK(warning.contains(QStringLiteral("plugged in")));
    CHECK_FALSE(QFileInfo::exists(stick)); // never created: it would be the mount point, not the stick

    // Plugged in later the same day: today's backup is copied there, checked.
    REQUIRE(QDir().mkpath(stick));
    const DailyBackups plugged = writeDailyBackups(path, morning.addSecs(7200), stick);
    REQUIRE(plugged.main.ok());
    CHECK_FALSE(plugged.main->written.has_value());
    INFO(errorText(plugged.second));
    REQUIRE(plugged.second.ok());
    REQUIRE(plugged.second->written.has_value());
    CHECK(QFileInfo(plugged.second->written->path).fileName() == QFileInfo(unplugged.main->written->path).fileName());
    CHECK(verifyBackup(plugged.second->written->path).ok());
}

TEST_CASE("When the main backup fails, the second folder still gets a checked backup of its own")
{
    QTemporaryDir dir;
    const QString path = populatedDatabase(dir);
    // A file where the backups folder would be: the main backup cannot be written (even as root).
    REQUIRE(writeAll(backupFolder(path), QByteArray("not a folder")));
    const QString stick = dir.filePath(QStringLiteral("stick"));
    REQUIRE(QDir().mkpath(stick));

    const DailyBackups done = writeDailyBackups(path, utc(2026, 3, 2, 7), stick);
    REQUIRE_FALSE(done.main.ok());
    CHECK(done.main.error().text().contains(QDir::toNativeSeparators(backupFolder(path))));
    INFO(errorText(done.second));
    REQUIRE(done.second.ok());
    REQUIRE(done.second->written.has_value());
    CHECK(verifyBackup(done.second->written->path).ok());
    CHECK(contentHash(done.second->written->path) == contentHash(path));
}

TEST_CASE("The second folder may not be the database's folder or its backups folder, by any name")
{
    QTemporaryDir dir;
    const QString path = populatedDatabase(dir);
    REQUIRE(writeDailyBackup(path, utc(2026, 3, 2, 7)).ok()); // the backups folder exists
    const QString link = dir.filePath(QStringLiteral("link-to-here"));
    REQUIRE(QFile::link(dir.path(), link));
    const QString stick = dir.filePath(QStringLiteral("stick"));
    REQUIRE(QDir().mkpath(stick));
    REQUIRE(setSecondBackupFolder(stick, path).ok());

    const QStringList bads{dir.path(),
                           QString(dir.path() + QStringLiteral("/.")),
                           link,
                           backupFolder(path),
                           QString(link + QStringLiteral("/backups")),
                           dir.filePath(QStringLiteral("missing")),
                           path};
    for (const QString &bad : bads) {
        INFO(bad.toStdString());
        CHECK_FALSE(checkSecondBackupFolder(bad, path).ok());
        const auto refused = setSecondBackupFolder(bad, path);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().text().contains(QDir::toNativeSeparators(QFileInfo(bad).absoluteFilePath())));
        CHECK(secondBackupFolder() == stick); // unchanged
        // Set anyway (an old setting, another --db): the backup skips it with a warning.
        const DailyBackups done = writeDailyBackups(path, utc(2026, 3, 3, 7), bad);
        CHECK(done.main.ok());
        CHECK_FALSE(done.second.ok());
    }
    CHECK(onSameDisk(stick, path));
    const auto cleared = setSecondBackupFolder(QString(), path);
    REQUIRE(cleared.ok());
    CHECK(secondBackupFolder().isEmpty());
}

TEST_CASE("A daily backup stopped at any step leaves no file under a backup's name and no temporary file")
{
    const BackupStep steps[] = {BackupStep::Copying, BackupStep::Checking, BackupStep::CopyingToSecondFolder,
                                BackupStep::CheckingSecondFolder};
    for (const BackupStep stopAt : steps) {
        INFO("stopped at step " << int(stopAt));
        QTemporaryDir dir;
        const QString path = populatedDatabase(dir);
        const QString stick = dir.filePath(QStringLiteral("stick"));
        REQUIRE(QDir().mkpath(stick));
        QList<BackupStep> seen;
        bool stop = false;
        BackupControl control;
        control.progress = [&](const BackupProgress &p) {
            seen << p.step;
            CHECK(p.file.endsWith(QStringLiteral(".tmp")));
            CHECK(p.expectedBytes > 0);
            stop = stop || p.step == stopAt;
        };
        control.cancelled = [&] { return stop; };
        const DailyBackups done = writeDailyBackups(path, utc(2026, 3, 2, 7), stick, control);
        CHECK(done.cancelled);
        CHECK(seen.last() == stopAt);
        // Every file left in either folder is a finished, checked backup.
        for (const QString &folder : {backupFolder(path), secondBackupFolderFor(stick, path)})
            for (const QString &name : fileNames(folder)) {
                INFO(name.toStdString());
                CHECK_FALSE(name.endsWith(QStringLiteral(".tmp")));
                CHECK(verifyBackup(QDir(folder).filePath(name)).ok());
            }
        const bool mainDone = stopAt == BackupStep::CopyingToSecondFolder || stopAt == BackupStep::CheckingSecondFolder;
        CHECK(listBackups(path).size() == (mainDone ? 1 : 0));
        CHECK(fileNames(secondBackupFolderFor(stick, path)).isEmpty());
    }
}

TEST_CASE("Two databases of the same file name sharing a second folder keep their copies apart")
{
    QTemporaryDir dir;
    REQUIRE(QDir().mkpath(dir.filePath(QStringLiteral("home"))));
    REQUIRE(QDir().mkpath(dir.filePath(QStringLiteral("clinic"))));
    const QString home = dir.filePath(QStringLiteral("home/rehabit.sqlite"));
    const QString clinic = dir.filePath(QStringLiteral("clinic/rehabit.sqlite"));
    populate(*openStore(home));
    {
        auto store = openStore(clinic);
        populate(*store);
        REQUIRE(store->addPatient(QStringLiteral("Only in the clinic"), at(1'700'000'000'000)).ok());
    }
    REQUIRE(contentHash(home) != contentHash(clinic));
    const QString stick = dir.filePath(QStringLiteral("stick"));
    REQUIRE(QDir().mkpath(stick));
    CHECK(secondBackupFolderFor(stick, home) != secondBackupFolderFor(stick, clinic));

    const QDateTime morning = utc(2026, 3, 2, 7);
    for (const QString &db : {home, clinic}) {
        INFO(db.toStdString());
        const DailyBackups done = writeDailyBackups(db, morning, stick);
        REQUIRE(done.second.ok());
        REQUIRE(done.second->written.has_value()); // not taken for the other database's copy of the day
        CHECK(contentHash(done.second->written->path) == contentHash(db));
        CHECK(listSecondFolderBackups(stick, db).size() == 1);
    }
}

TEST_CASE("A temporary copy left by a killed backup is removed by the next daily backup, in both folders")
{
    QTemporaryDir dir;
    const QString path = populatedDatabase(dir);
    const QString stick = dir.filePath(QStringLiteral("stick"));
    REQUIRE(QDir().mkpath(backupFolder(path)));
    REQUIRE(QDir().mkpath(secondBackupFolderFor(stick, path)));
    // As a SIGKILL during VACUUM INTO or the copy leaves them: another time's name each.
    const QString killedHere =
        DatabaseBackup::path(path, BackupKind::Daily, currentSchemaVersion(), utc(2026, 3, 1, 7)) + QStringLiteral(".tmp");
    const QString killedThere = QDir(secondBackupFolderFor(stick, path)).filePath(QFileInfo(killedHere).fileName());
    const QString notOurs = dir.filePath(QStringLiteral("backups/other.sqlite.daily-v4-20260301T070000000Z.sqlite.tmp"));
    for (const QString &file : {killedHere, killedThere, notOurs})
        REQUIRE(writeAll(file, QByteArray(4096, 'x')));

    const DailyBackups done = writeDailyBackups(path, utc(2026, 3, 2, 7), stick);
    REQUIRE(done.main.ok());
    REQUIRE(done.second.ok());
    CHECK_FALSE(QFileInfo::exists(killedHere));
    CHECK_FALSE(QFileInfo::exists(killedThere));
    CHECK(QFileInfo::exists(notOurs)); // another database's: its own backup cleans it
}
