#include "rehabit/platform/Clock.h"

#include <atomic>

namespace rehabit {

namespace {

const SystemClock &systemClock()
{
    static const SystemClock clock;
    return clock;
}

std::atomic<const Clock *> &installed()
{
    static std::atomic<const Clock *> clock{nullptr};
    return clock;
}

} // namespace

const Clock &Clock::instance()
{
    const Clock *clock = installed().load(std::memory_order_acquire);
    return clock ? *clock : systemClock();
}

void Clock::install(const Clock *clock)
{
    installed().store(clock, std::memory_order_release);
}

qint64 Clock::currentMs()
{
    return instance().nowMs();
}

QDateTime Clock::nowUtc()
{
    return QDateTime::fromMSecsSinceEpoch(currentMs(), Qt::UTC);
}

QDateTime Clock::nowLocal()
{
    return QDateTime::fromMSecsSinceEpoch(currentMs());
}

QDate Clock::today()
{
    return nowLocal().date();
}

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

FixedClock::FixedClock(const QDateTime &at)
    : m_ms(at.toMSecsSinceEpoch())
    , m_previous(&Clock::instance() == static_cast<const Clock *>(&systemClock()) ? nullptr : &Clock::instance())
{
    Clock::install(this);
}

FixedClock::~FixedClock()
{
    Clock::install(m_previous);
}

} // namespace rehabit
