// The history's figures on a small history with known answers
// (KnownHistory.h), and the session list model.

#include "RehabitCatch.h"

#include "KnownHistory.h"

#include "therapist/HistoryFigures.h"
#include "therapist/SessionListModel.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QTimeZone>

#include <QAbstractItemModelTester>

using namespace rehabit;

namespace {

PatientHistory knownPatient(const QList<SessionHistory> &sessions = knownhistory::histories())
{
    PatientRecord record;
    record.patient.id = 1;
    record.patient.name = QStringLiteral("Demo Known");
    record.patient.createdAt = knownhistory::at(13, 8);
    record.programs = {knownhistory::program()};
    record.sessions = sessions;
    auto h = PatientHistory::build(record, knownhistory::catalog(), QTimeZone::systemTimeZone());
    REQUIRE(h.ok());
    return *h;
}

} // namespace

TEST_CASE("history figures: adherence, pain and rises of a known history", "[app][history]")
{
    const QDate today = QDate::currentDate();
    const HistoryFigures f = HistoryFigures::compute(knownPatient(), knownhistory::catalog(), today);

    REQUIRE(f.sessions.size() == 3);
    CHECK(f.sessions[0].startedAt == knownhistory::at(1, 9)); // newest first
    CHECK(f.sessions[1].doseShare == Approx(0.5));
    CHECK(f.sessions[1].flagged);
    CHECK(f.sessions[2].before == 2);
    CHECK(f.sessions[0].nextMorning == 3);
    CHECK_FALSE(f.sessions[1].nextMorning.has_value());

    // 4 units a day from 13 days ago: 14 days x 4 = 56 prescribed, 10 done.
    // Days with data: the three session days and the two next mornings.
    CHECK(f.review.last30.doseShare() == Approx(10.0 / 56));
    CHECK(f.review.last30.daysWithData == 5);
    CHECK(f.review.last30.days() == 30);
    CHECK(f.review.last7.doseShare() == Approx(6.0 / 28));
    CHECK(f.review.last7.daysWithData == 3);
    REQUIRE(f.review.painLast7.has_value());
    CHECK(*f.review.painLast7 == Approx(2.0));
    REQUIRE(f.review.painPrevious30.has_value());
    CHECK(*f.review.painPrevious30 == Approx(2.0));

    REQUIRE(f.painLines.size() == 3);
    CHECK(f.painLines[0].points.size() == 3);       // before
    CHECK(f.painLines[1].points.last().value == 1); // after, newest
    CHECK(f.painLines[2].points.size() == 2);       // next morning
    REQUIRE(f.exercisePain.size() == 1);
    CHECK(f.exercisePain[0].points == QList<DatedValue>{{today.addDays(-5), 5}});

    REQUIRE(f.rises.size() == 1);
    CHECK(f.rises[0].exerciseId == knownhistory::Exercise);
    CHECK(f.rises[0].sessions == 3);
    CHECK(f.rises[0].rises == 1);
    CHECK(f.rises[0].painStops == 1);
    CHECK(f.rises[0].nextMorningRises == 1);
    CHECK(f.rises[0].largestRise == 2);

    // Newest first: the next-morning rise after yesterday's session, then the pain stop.
    REQUIRE(f.flags.size() == 2);
    CHECK(f.flags[0].reason.contains(QStringLiteral("next morning")));
    CHECK(f.flags[0].pain == QStringLiteral("3 (started at 1)"));
    CHECK(f.flags[1].exerciseName == QStringLiteral("Learning to brace"));
    CHECK(f.flags[1].pain == QStringLiteral("5 (started at 3)"));
    CHECK(f.flags[1].reason.contains(QStringLiteral("starting pain")));

    // Weeks from the Monday of the program's first day to today.
    REQUIRE_FALSE(f.review.weeks.isEmpty());
    CHECK(f.review.weeks.last().last == today);
    int done = 0;
    for (const AdherencePeriod &w : f.review.weeks)
        done += w.done;
    CHECK(done == 10);
}

TEST_CASE("history figures: prescribed against done per exercise of one session", "[app][history]")
{
    const PatientHistory h = knownPatient();
    REQUIRE(h.sessions().size() == 3);
    const auto items = HistoryFigures::outcome(h, h.sessions()[1], knownhistory::catalog());
    REQUIRE(items.size() == 1);
    CHECK(items[0].prescribedUnits == 4);
    CHECK(items[0].doneUnits == 2);
    CHECK(items[0].highestPain == 5);
    CHECK(items[0].painStop);
    CHECK(items[0].prescribed.contains(QStringLiteral("4")));
}

TEST_CASE("history figures: no sessions give empty figures, not made-up ones", "[app][history]")
{
    const HistoryFigures f = HistoryFigures::compute(knownPatient({}), knownhistory::catalog(), QDate::currentDate());
    CHECK(f.sessions.isEmpty());
    CHECK(f.review.last30.doseShare() == 0);
    CHECK(f.review.last30.daysWithData == 0);
    CHECK_FALSE(f.review.painLast7.has_value());
    CHECK(f.rises.isEmpty());
    CHECK(f.flags.isEmpty());
    for (const ChartLine &line : f.painLines)
        CHECK(line.points.isEmpty());
}

TEST_CASE("session list model: rows, dates and the model tester", "[app][history]")
{
    SessionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const HistoryFigures f = HistoryFigures::compute(knownPatient(), knownhistory::catalog(), QDate::currentDate());
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

TEST_CASE("history figures: a chart with few days still shows what there is, each day as a dot", "[app][history]")
{
    // Only the first session: one day, so one point per line, which a line alone would not draw.
    const HistoryFigures one = HistoryFigures::compute(knownPatient(knownhistory::histories().mid(0, 1)),
                                                       knownhistory::catalog(), QDate::currentDate());
    REQUIRE(one.painLines.size() == 3);
    CHECK(one.painLines[0].points.size() == 1);
    CHECK(one.painLines[0].markers);
    CHECK(one.painLines[1].markers);
    // A line of ten days (ten days ago to yesterday) is a line.
    QList<SessionHistory> many;
    for (int i = 0; i < 10; ++i) {
        SessionHistory s = knownhistory::histories().first();
        s.record.id = 100 + i;
        const qint64 shift = qint64(i) * 86'400'000;
        s.record.startedAt = s.record.startedAt.addMSecs(shift);
        s.record.endedAt = s.record.endedAt.addMSecs(shift);
        for (SessionEvent &e : s.events) {
            e.sessionId = s.record.id;
            e.atMs += shift;
        }
        many << s;
    }
    const HistoryFigures full =
        HistoryFigures::compute(knownPatient(many), knownhistory::catalog(), QDate::currentDate());
    CHECK(full.painLines[0].points.size() == 10);
    CHECK_FALSE(full.painLines[0].markers);
}
