#pragma once
// What the benchmarks share: the run's settings, a thin wrapper over the raw
// SQLite C API (the floors), and the populated databases they measure.

#include "rehabit/domain/Result.h"

#include <QElapsedTimer>
#include <QString>

#include <sqlite3.h>

#include <memory>

namespace rehabit::bench {

struct BenchContext {
    bool quick = false;
    QString workDir; ///< scratch files (on the disk the user's data would be on)
    QString binDir;  ///< where rehabit and rehabit-bench-empty-window are
    int pick(int quickValue, int fullValue) const { return quick ? quickValue : fullValue; }
};

/// Microseconds on the monotonic clock.
class Stopwatch {
public:
    Stopwatch() { m_timer.start(); }
    double elapsedUs() const { return double(m_timer.nsecsElapsed()) / 1000.0; }
    double elapsedMs() const { return double(m_timer.nsecsElapsed()) / 1e6; }

private:
    QElapsedTimer m_timer;
};

/// A raw sqlite3 connection; every failure is fatal for the benchmark (it
/// prints SQLite's message and exits: a bench that measured a failure
/// would report nonsense).
class RawDb {
public:
    explicit RawDb(const QString &path);
    ~RawDb();
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;

    sqlite3 *handle() const { return m_db; }
    void exec(const char *sql);
    sqlite3_stmt *prepare(const char *sql);
    [[noreturn]] void fail(const char *what) const;

private:
    sqlite3 *m_db = nullptr;
};

[[noreturn]] void fatal(const QString &message);

/// Unwraps a Result or exits with its message.
template <typename T>
T need(Result<T> result, const char *what)
{
    if (!result)
        fatal(QString::fromUtf8(what) + QStringLiteral(": ") + result.error().text());
    return std::move(result).value();
}
void need(const Result<void> &result, const char *what);

/// The shape of a generated database.
struct DataShape {
    int patients = 1;
    int days = 365;
    qint64 reps = 0; ///< rep-done events in all, spread evenly over the sessions
};

/// The clinic of QUALITY.md: 100 patients, a year, 1,000,000 reps (quick:
/// 100 patients, 30 days, 100,000 reps).
inline DataShape clinicShape(const BenchContext &context)
{
    return context.quick ? DataShape{100, 30, 100'000} : DataShape{100, 365, 1'000'000};
}

struct GeneratedDatabase {
    QString path;
    qint64 sessions = 0;
    qint64 events = 0;
    qint64 reps = 0;
    qint64 painRatings = 0;
    qint64 bytes = 0;
    double generateSeconds = 0;
};

/// Creates (or reuses, when a file of this shape exists in the work folder)
/// a database with `shape.patients` patients, each with the article's daily
/// program and one completed session a day for `shape.days` days. The
/// schema, patients and programs come from the real store
/// (openSqliteStore, importBundledCatalog, addPatient, addProgram); the
/// sessions and their events are inserted in one transaction through the
/// raw C API, because the store commits every event durably by design
/// (one fsync each: a million of them would take an hour). Each session
/// logs what the runner logs for a finished session of reps: session-started,
/// the starting pain, per item exercise-started, set-started, its reps
/// (rep-done), set-finished, exercise-finished and the pain after it, then the
/// pain after the session and session-ended.
GeneratedDatabase generateDatabase(const BenchContext &context, const QString &name, const DataShape &shape);

} // namespace rehabit::bench
