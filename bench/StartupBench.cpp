// Start-up: the real app as a child process versus an empty QWidget window.
#include "Benchmarks.h"

#include "rehabit/store/Backups.h"
#include "rehabit/store/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QThread>

#include <QCoreApplication>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <vector>

extern char **environ;

using namespace Qt::StringLiterals;

namespace rehabit::bench {
namespace {

struct ChildRun {
    double ms = 0;
    double peakMiB = 0;
};

/// Spawns the program, waits for it with wait4 (its own rusage, not the
/// largest child's so far as RUSAGE_CHILDREN would give) and times spawn to exit.
ChildRun runChild(const QStringList &arguments, const QProcessEnvironment &environment)
{
    std::vector<QByteArray> argStore, envStore;
    for (const QString &a : arguments)
        argStore.push_back(QFile::encodeName(a));
    for (const QString &e : environment.toStringList())
        envStore.push_back(e.toLocal8Bit());
    std::vector<char *> argv, envp;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    Stopwatch watch;
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        fatal(u"cannot start %1"_s.arg(arguments.first()));
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid)
        fatal(u"cannot wait for %1"_s.arg(arguments.first()));
    ChildRun run;
    run.ms = watch.elapsedMs();
    run.peakMiB = double(usage.ru_maxrss) / 1024.0; // kB on Linux
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fatal(u"%1 failed (status %2); run it by hand to see why"_s.arg(arguments.join(u' ')).arg(status));
    return run;
}

/// An X server for the Xvfb rows: the session's own display if there is
/// one, otherwise a private Xvfb started for the run.
class XDisplay {
public:
    XDisplay()
    {
        const QString own = qEnvironmentVariable("DISPLAY");
        if (!own.isEmpty()) {
            m_display = own;
            m_described = u"the session's display %1"_s.arg(own);
            return;
        }
        const QString xvfb = QStandardPaths::findExecutable(u"Xvfb"_s);
        if (xvfb.isEmpty())
            return;
        for (int n = 90 + int(QCoreApplication::applicationPid() % 50); n < 200; ++n) {
            if (QFileInfo::exists(u"/tmp/.X11-unix/X%1"_s.arg(n)) || QFileInfo::exists(u"/tmp/.X%1-lock"_s.arg(n)))
                continue;
            m_server.start(xvfb, {u":%1"_s.arg(n), u"-screen"_s, u"0"_s, u"1280x1024x24"_s, u"-nolisten"_s, u"tcp"_s});
            if (!m_server.waitForStarted(5000))
                return;
            for (int i = 0; i < 100 && !QFileInfo::exists(u"/tmp/.X11-unix/X%1"_s.arg(n)); ++i)
                QThread::msleep(50);
            if (m_server.state() != QProcess::Running)
                continue;
            m_display = u":%1"_s.arg(n);
            m_described = u"Xvfb %1, 1280x1024x24"_s.arg(m_display);
            return;
        }
    }
    ~XDisplay()
    {
        if (m_server.state() == QProcess::Running) {
            m_server.terminate();
            m_server.waitForFinished(5000);
        }
    }
    QString display() const { return m_display; }
    QString described() const { return m_described; }

private:
    QProcess m_server;
    QString m_display;
    QString m_described;
};

struct Platform {
    QString name;
    QProcessEnvironment environment;
};

/// The stamp that lets the store skip quick_check (src/core/store/QuickCheckStamp).
void forgetQuickCheck(const QString &dbPath)
{
    QFile::remove(dbPath + u".checked"_s);
}

/// Today's daily backup, so that the next start writes one (docs/storage.md, "Backups").
void forgetDailyBackups(const QString &dbPath)
{
    for (const BackupInfo &backup : listBackups(dbPath))
        if (backup.kind == BackupKind::Daily)
            QFile::remove(backup.path);
}

enum class StartKind {
    Again,      ///< the stamp is there and today's backup written: a later start of the day
    FirstOfDay, ///< quick_check runs (no stamp); today's backup exists
    BackupDue,  ///< quick_check runs and today's backup is due
};

Row compareStartup(const BenchContext &context, const QString &figure, const QString &dbPath, const Platform &platform,
                   int runs, const QString &note, StartKind kind = StartKind::Again)
{
    const QStringList app{context.binDir + u"/rehabit"_s, u"--exit-after-show"_s, u"--db"_s, dbPath};
    const QStringList floor{context.binDir + u"/rehabit-bench-empty-window"_s};
    runChild(app, platform.environment); // warm the page cache and fonts for both
    runChild(floor, platform.environment);
    Samples appMs, floorMs, appMem, floorMem;
    for (int i = 0; i < runs; ++i) {
        if (kind != StartKind::Again)
            forgetQuickCheck(dbPath);
        if (kind == StartKind::BackupDue)
            forgetDailyBackups(dbPath);
        const ChildRun a = runChild(app, platform.environment);
        const ChildRun f = runChild(floor, platform.environment);
        appMs.add(a.ms);
        appMem.add(a.peakMiB);
        floorMs.add(f.ms);
        floorMem.add(f.peakMiB);
    }
    Row row;
    row.figure = figure + u", "_s + platform.name;
    row.unit = u"ms"_s;
    row.measured = Figure::of(appMs, false);
    row.measured.peakMiB = appMem.max();
    row.floorName = u"empty QWidget window, "_s + platform.name;
    row.floor = Figure::of(floorMs, false);
    row.floor->peakMiB = floorMem.max();
    row.note = note;
    return row;
}

/// Opening the store alone, in this process: what start-up spends on the
/// database, with quick_check (the first open of a day, or of a file changed
/// since the store closed it) and without (the file as the store left it).
QList<Row> compareStoreOpen(const BenchContext &context, const QString &label, const GeneratedDatabase &db)
{
    const int runs = context.pick(3, 10);
    Samples checked, stamped, without;
    StoreOptions noCheck;
    noCheck.quickCheckOnOpen = false;
    for (int i = 0; i < runs; ++i) {
        forgetQuickCheck(db.path);
        {
            Stopwatch w;
            auto store = need(openSqliteStore(db.path), "open the database");
            checked.add(w.elapsedMs());
        }
        {
            Stopwatch w;
            auto store = need(openSqliteStore(db.path), "open the database");
            stamped.add(w.elapsedMs());
        }
        {
            Stopwatch w;
            auto store = need(openSqliteStore(db.path, noCheck), "open the database");
            without.add(w.elapsedMs());
        }
    }
    const QString size = u"%1 database, %2 MB"_s.arg(label).arg(double(db.bytes) / 1e6, 0, 'f', 1);
    Row a;
    a.figure = u"open the store, first open of the day: quick_check (%1)"_s.arg(size);
    a.unit = u"ms"_s;
    a.measured = Figure::of(checked, false);
    a.floorName = u"the same open with StoreOptions::quickCheckOnOpen off"_s;
    a.floor = Figure::of(without, false);
    a.note =
        u"in-process openSqliteStore(), warm page cache; the difference is PRAGMA quick_check reading the whole file"_s;
    Row b = a;
    b.figure = u"open the store, file as the store left it: quick_check skipped (%1)"_s.arg(size);
    b.measured = Figure::of(stamped, false);
    b.note =
        u"QuickCheckStamp: same size and modification time as at the last clean close, checked less than a day ago"_s;
    return {a, b};
}

} // namespace

void benchStartup(const BenchContext &context, const Emit &report)
{
    const int runs = context.pick(5, 20);
    const GeneratedDatabase home = generateDatabase(context, u"home"_s, DataShape{1, 365, 365 * 120});
    const QString homeNote = u"a year of home logging: 1 patient, %1 sessions, %2 events, %3 MB"_s.arg(home.sessions)
                                 .arg(home.events)
                                 .arg(double(home.bytes) / 1e6, 0, 'f', 1);

    QProcessEnvironment base = QProcessEnvironment::systemEnvironment();
    base.remove(u"QT_QPA_PLATFORM"_s);
    base.remove(u"DISPLAY"_s);
    base.remove(u"WAYLAND_DISPLAY"_s);
    // The app's own settings (geometry) go to the scratch folder, not the user's.
    base.insert(u"XDG_CONFIG_HOME"_s, context.workDir + u"/config"_s);
    base.insert(u"XDG_DATA_HOME"_s, context.workDir + u"/data"_s);
    base.insert(u"XDG_RUNTIME_DIR"_s, context.workDir + u"/runtime"_s);
    QDir().mkpath(context.workDir + u"/runtime"_s);
    QFile::setPermissions(context.workDir + u"/runtime"_s,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    Platform offscreen{u"offscreen"_s, base};
    offscreen.environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    report(compareStartup(context, u"start to a shown main window (home database)"_s, home.path, offscreen, runs,
                          homeNote));
    report(compareStartup(context, u"start to a shown main window (home database), first start of the day"_s, home.path,
                          offscreen, runs, homeNote, StartKind::FirstOfDay));

    XDisplay x;
    if (x.display().isEmpty()) {
        Row skipped;
        skipped.figure = u"start to a shown main window (home database), xcb"_s;
        skipped.unit = u"ms"_s;
        skipped.floorName = u"not measured"_s;
        skipped.note = u"no X display and no Xvfb found: install xvfb"_s;
        report(skipped);
    } else {
        Platform xcb{u"xcb on "_s + x.described(), base};
        xcb.environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        xcb.environment.insert(u"DISPLAY"_s, x.display());
        report(
            compareStartup(context, u"start to a shown main window (home database)"_s, home.path, xcb, runs, homeNote));
    }

    const GeneratedDatabase clinic = generateDatabase(context, u"clinic"_s, clinicShape(context));
    const QString clinicNote =
        u"clinic database: 100 patients, %1 sessions, %2 events, %3 reps, %4 MB"_s.arg(clinic.sessions)
            .arg(clinic.events)
            .arg(clinic.reps)
            .arg(double(clinic.bytes) / 1e6, 0, 'f', 1);
    report(compareStartup(context, u"start to a shown main window (clinic database)"_s, clinic.path, offscreen,
                          context.pick(3, 10), clinicNote));
    report(compareStartup(context, u"start to a shown main window (clinic database), first start of the day"_s,
                          clinic.path, offscreen, context.pick(3, 10), clinicNote, StartKind::FirstOfDay));
    // The daily backup is written after the window is shown, on a thread of
    // its own; --exit-after-show leaves before it starts, so this row is the
    // time to the window while a backup is due (it was the backup's time too).
    report(compareStartup(context,
                          u"start to a shown main window (clinic database), first start of the day, backup due"_s,
                          clinic.path, offscreen, context.pick(3, 10), clinicNote, StartKind::BackupDue));
    for (const QString &label : {u"home"_s, u"clinic"_s})
        for (const Row &row : compareStoreOpen(context, label, label == u"home"_s ? home : clinic))
            report(row);
}

} // namespace rehabit::bench
