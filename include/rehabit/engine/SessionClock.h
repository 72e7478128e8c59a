#pragma once
// The clocks the session runner reads: a monotonic clock for timing and the
// wall clock for the log. Tests give the runner a clock they move by hand.

#include "rehabit/engine/SessionEngine.h"

#include <QElapsedTimer>

namespace rehabit {

class SessionClock {
public:
    virtual ~SessionClock() = default;
    /// Monotonic ms (never jumps: not changed by NTP or the user) and wall
    /// ms since the epoch, read together.
    virtual Moment now() const = 0;

protected:
    SessionClock() = default;
    SessionClock(const SessionClock &) = default;
    SessionClock &operator=(const SessionClock &) = default;
};

/// QElapsedTimer (the system's monotonic clock) and the wall clock
/// (QDateTime::currentMSecsSinceEpoch()). The wall time is the monotonic time
/// plus an offset taken once, so that two moments a hold apart are exactly a
/// hold apart in the log too (two separate clock reads would differ by a
/// millisecond now and then). When the wall clock moves away from it by more
/// than a second (the clock was set, the computer slept), the offset is taken
/// again.
class SystemSessionClock final : public SessionClock {
public:
    static constexpr qint64 MaxWallSkewMs = 1000;

    SystemSessionClock();
    Moment now() const override;

private:
    QElapsedTimer m_monotonic;
    mutable qint64 m_wallOffset = 0;
};

} // namespace rehabit
