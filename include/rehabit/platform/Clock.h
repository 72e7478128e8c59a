#pragma once
// Clock: the one place where Rehabit reads the wall clock (what time and what
// day it is), so that a test can set the time. The session runner's timing
// uses SessionClock (monotonic + wall, engine/SessionClock.h), which reads its
// wall part from here too.
//
// Rehabit's own design, after KeePassXC's Clock/MockClock: the app and the CLI
// use the system clock; a test installs a FixedClock for its scope.

#include <QDate>
#include <QDateTime>

namespace rehabit {

class Clock {
public:
    virtual ~Clock() = default;

    /// Milliseconds since the epoch.
    virtual qint64 nowMs() const = 0;

    // --- the app-wide clock ---------------------------------------------------
    /// The current time in UTC (what the store writes).
    static QDateTime nowUtc();
    /// Today in the local time zone (what a person calls "today").
    static QDate today();
    /// The current local time (what a person reads on screen).
    static QDateTime nowLocal();
    /// Milliseconds since the epoch.
    static qint64 currentMs();

    /// The clock the static functions above read: the system clock unless a
    /// test installed another one.
    static const Clock &instance();

protected:
    Clock() = default;
    Clock(const Clock &) = default;
    Clock &operator=(const Clock &) = default;

    /// Installs `clock` as the app-wide clock (nullptr: the system clock
    /// again). Only for FixedClock.
    static void install(const Clock *clock);
};

/// The wall clock of the computer.
class SystemClock final : public Clock {
public:
    qint64 nowMs() const override;
};

/// A clock that stands still until moved; while it exists it is the
/// app-wide clock (tests, and the CLI's fixed "as of" day if ever needed).
class FixedClock final : public Clock {
public:
    explicit FixedClock(const QDateTime &at);
    ~FixedClock() override;
    FixedClock(const FixedClock &) = delete;
    FixedClock &operator=(const FixedClock &) = delete;

    qint64 nowMs() const override { return m_ms; }
    void set(const QDateTime &at) { m_ms = at.toMSecsSinceEpoch(); }
    void advanceMs(qint64 ms) { m_ms += ms; }
    void advanceDays(int days) { m_ms += qint64(days) * 86'400'000; }

private:
    qint64 m_ms = 0;
    const Clock *m_previous = nullptr;
};

} // namespace rehabit
