// The system's clocks for the session runner.

#include "rehabit/engine/SessionClock.h"

#include "rehabit/platform/Clock.h"

#include <QDateTime>

#include <cstdlib>

namespace rehabit {

SystemSessionClock::SystemSessionClock()
{
    m_monotonic.start();
    m_wallOffset = Clock::currentMs() - m_monotonic.elapsed();
}

Moment SystemSessionClock::now() const
{
    const qint64 monotonic = m_monotonic.elapsed();
    const qint64 wall = Clock::currentMs();
    if (std::abs(wall - (m_wallOffset + monotonic)) > MaxWallSkewMs)
        m_wallOffset = wall - monotonic;
    return Moment{monotonic, m_wallOffset + monotonic};
}

} // namespace rehabit
