// The app-wide clock: a FixedClock is what every reader of the time sees while
// it lives, and the system clock comes back afterwards.

#include "RehabitCatch.h"

#include "rehabit/platform/Clock.h"

using namespace rehabit;

TEST_CASE("clock: a fixed clock is the app-wide clock while it exists", "[clock]")
{
    const QDateTime at(QDate(2026, 3, 14), QTime(9, 30), Qt::UTC);
    {
        FixedClock fixed(at);
        CHECK(Clock::nowUtc() == at);
        CHECK(Clock::currentMs() == at.toMSecsSinceEpoch());
        CHECK(Clock::today() == at.toLocalTime().date());
        fixed.advanceDays(2);
        CHECK(Clock::nowUtc() == at.addDays(2));
        fixed.advanceMs(1500);
        CHECK(Clock::nowUtc() == at.addDays(2).addMSecs(1500));
        {
            FixedClock inner(at.addYears(1));
            CHECK(Clock::nowUtc() == at.addYears(1));
        }
        CHECK(Clock::nowUtc() == at.addDays(2).addMSecs(1500));
    }
    // The system clock again: within a minute of what Qt reads.
    const qint64 system = QDateTime::currentMSecsSinceEpoch();
    CHECK(std::abs(Clock::currentMs() - system) < 60'000);
    CHECK(Clock::nowUtc().timeSpec() == Qt::UTC);
}
