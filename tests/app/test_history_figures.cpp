// The history's figures on a small history with known answers
// (KnownHistory.h), and the session list model.

#include "RehabitCatch.h"

#include "KnownHistory.h"

#include "therapist/HistoryFigures.h"
#include "therapist/SessionListModel.h"

#include "rehabit/CatalogJson.h"

#include <QAbstractItemModelTester>

using namespace rehabit;

namespace {

QList<Exercise> catalog()
{
    auto c = CatalogJson::bundled();
    REQUIRE(c.ok());
    return c->exercises;
}

} // namespace

TEST_CASE("history figures: adherence, pain and rises of a known history", "[app][history]")
{
    const QDate today = QDate::currentDate();
    const HistoryFigures f =
        HistoryFigures::compute(knownhistory::histories(), {knownhistory::program()}, catalog(), today);

    REQUIRE(f.sessions.size() == 3);
    CHECK(f.sessions[0].startedAt == knownhistory::at(1, 9)); // newest first
    CHECK(f.sessions[1].doseShare == Approx(0.5));
    CHECK(f.sessions[1].flagged);
    CHECK(f.sessions[2].before == 2);
    CHECK(f.sessions[0].nextMorning == 3);
    CHECK_FALSE(f.sessions[1].nextMorning.has_value());

    // 4 units a day from 13 days ago: 14 days x 4 = 56 prescribed, 10 done.
    CHECK(f.last30.doseShare == Approx(10.0 / 56));
    CHECK(f.last30.daysWithData == 3);
    CHECK(f.last30.days == 30);
    CHECK(f.last7.doseShare == Approx(6.0 / 28));
    CHECK(f.last7.daysWithData == 2);
    REQUIRE(f.painLast7.has_value());
    CHECK(*f.painLast7 == Approx(2.0));
    REQUIRE(f.painPrevious30.has_value());
    CHECK(*f.painPrevious30 == Approx(2.0));

    REQUIRE(f.painLines.size() == 3);
    CHECK(f.painLines[0].points.size() == 3); // before
    CHECK(f.painLines[1].points.last().value == 1); // after, newest
    CHECK(f.painLines[2].points.size() == 2); // next morning
    REQUIRE(f.exercisePain.size() == 1);
    CHECK(f.exercisePain[0].points == QList<DatedValue>{{today.addDays(-5), 5}});

    REQUIRE(f.rises.size() == 1);
    CHECK(f.rises[0].exerciseId == knownhistory::Exercise);
    CHECK(f.rises[0].sessions == 3);
    CHECK(f.rises[0].risesDuring == 1);
    CHECK(f.rises[0].risesNextMorning == 1);

    REQUIRE(f.flags.size() == 1);
    CHECK(f.flags[0].pain == 5);
    CHECK(f.flags[0].reason.contains(QStringLiteral("starting pain")));

    // Weeks from the Monday of the first session to today, each a share.
    REQUIRE_FALSE(f.weeks.isEmpty());
    CHECK(f.weeks.first().from.dayOfWeek() == 1);
    CHECK(f.weeks.last().to == today);
    int daysWithData = 0;
    for (const Adherence &w : f.weeks)
        daysWithData += w.daysWithData;
    CHECK(daysWithData == 3);
}

TEST_CASE("history figures: prescribed against done per exercise of one session", "[app][history]")
{
    const auto histories = knownhistory::histories();
    const auto items = HistoryFigures::outcome(histories[1], knownhistory::program(), catalog());
    REQUIRE(items.size() == 1);
    CHECK(items[0].prescribedUnits == 4);
    CHECK(items[0].doneUnits == 2);
    CHECK(items[0].highestPain == 5);
    CHECK(items[0].painStop);
    CHECK(items[0].prescribed.contains(QStringLiteral("4")));
}

TEST_CASE("history figures: no sessions give empty figures, not made-up ones", "[app][history]")
{
    const HistoryFigures f = HistoryFigures::compute({}, {knownhistory::program()}, catalog(), QDate::currentDate());
    CHECK(f.sessions.isEmpty());
    CHECK(f.last30.doseShare == 0);
    CHECK(f.last30.daysWithData == 0);
    CHECK_FALSE(f.painLast7.has_value());
    CHECK(f.weeks.isEmpty());
    CHECK(f.rises.isEmpty());
}

TEST_CASE("session list model: rows, dates and the model tester", "[app][history]")
{
    SessionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const HistoryFigures f = HistoryFigures::compute(knownhistory::histories(), {knownhistory::program()}, catalog(),
                                                     QDate::currentDate());
    model.setSessions(f.sessions);
    REQUIRE(model.rowCount() == 3);
    CHECK(model.rowOfDate(QDate::currentDate().addDays(-5)) == 1);
    CHECK(model.rowOfDate(QDate::currentDate()) == -1);
    CHECK(model.index(1, SessionListModel::DoseColumn).data().toString() == QStringLiteral("50 %"));
    CHECK(model.index(1, SessionListModel::StatusColumn).data().toString().contains(QStringLiteral("flagged")));
    CHECK(model.index(1, SessionListModel::NextMorningColumn).data().toString() == QStringLiteral("\u2013"));
    model.setSessions({});
    CHECK(model.rowCount() == 0);
}
