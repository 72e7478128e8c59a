// One definition of each figure: the app's history (HistoryPage, what the
// history view's worker loads) and rehabit-cli history --format json give
// the same figures for the same patient and as-of day.

#include "RehabitCatch.h"

#include "therapist/HistoryFigures.h"

#include "rehabit/store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace rehabit;

namespace {

QByteArray runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(REHABIT_CLI), args);
    REQUIRE(p.waitForFinished(120000));
    INFO(p.readAllStandardError().toStdString());
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    REQUIRE(p.exitCode() == 0);
    return p.readAllStandardOutput();
}

void checkPeriod(const QJsonObject &json, const AdherencePeriod &period)
{
    CHECK(json.value(QStringLiteral("first")).toString() == period.first.toString(Qt::ISODate));
    CHECK(json.value(QStringLiteral("last")).toString() == period.last.toString(Qt::ISODate));
    CHECK(json.value(QStringLiteral("days")).toInt() == period.days());
    CHECK(json.value(QStringLiteral("done_units")).toInt() == period.done);
    CHECK(json.value(QStringLiteral("dose_share")).toDouble() == Approx(period.doseShare()).margin(0.0005));
    CHECK(json.value(QStringLiteral("days_with_data")).toInt() == period.daysWithData);
    CHECK(json.value(QStringLiteral("sessions")).toInt() == period.sessions);
}

} // namespace

TEST_CASE("The history view and rehabit-cli history give the same figures for a patient and an as-of day",
          "[app][history]")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("demo.sqlite"));
    (void)runCli({QStringLiteral("--db"), db,
        QStringLiteral("demo-data"),
            QStringLiteral("--patients"),
                QStringLiteral("1"), QStringLiteral("--days"),
                                         QStringLiteral("40"), QStringLiteral("--seed"),
                                                                   QStringLiteral("3"),
                                                                       QStringLiteral("--last-day"),
                                                                                      QStringLiteral("2025-06-30")});
    // As of the last day of data, a day within it, and a day after it.
    for (const char *day : {"2025-06-30", "2025-06-12", "2025-07-20"}) {
        const QDate asOf = QDate::fromString(QLatin1String(day), Qt::ISODate);
        INFO(day);
        const QJsonObject cli = QJsonDocument::fromJson(
            runCli({QStringLiteral("--db"), db,
                QStringLiteral("history"),
                    QStringLiteral("--patient"),
                        QStringLiteral("1"), QStringLiteral("--format"),
                                                            QStringLiteral("json"), QStringLiteral("--as-of"),
                                                                                                   QLatin1String(day)}))
                        .object();
        StoreOptions options;
        options.readOnly = true;
        auto store = openSqliteStore(db, options);
        REQUIRE(store.ok());
        const HistoryPage page = HistoryPage::load(**store, 1, asOf);
        REQUIRE_FALSE(page.error.has_value());
        const ReviewFigures &app = page.figures.review;

        CHECK(cli.value(QStringLiteral("as_of")).toString() == QLatin1String(day));
        const QJsonObject adherence = cli.value(QStringLiteral("adherence")).toObject();
        checkPeriod(adherence.value(QStringLiteral("last_30_days")).toObject(), app.last30);
        checkPeriod(adherence.value(QStringLiteral("last_7_days")).toObject(), app.last7);
        const QJsonArray weeks = adherence.value(QStringLiteral("weeks")).toArray();
        REQUIRE(weeks.size() == std::min<qsizetype>(8, app.weeks.size()));
        for (qsizetype i = 0; i < weeks.size(); ++i)
            checkPeriod(weeks.at(i).toObject(), app.weeks.at(app.weeks.size() - weeks.size() + i));
        const QJsonObject pain = cli.value(QStringLiteral("pain_before_session")).toObject();
        const QJsonValue last7 = pain.value(QStringLiteral("last_7_days"));
        CHECK(last7.isNull() == !app.painLast7.has_value());
        if (app.painLast7)
            CHECK(last7.toDouble() == Approx(*app.painLast7).margin(0.005));
        CHECK(cli.value(QStringLiteral("flagged_sessions_last_30_days")).toInt() == app.flaggedLast30);

        // The sessions, their dose and pain, and the flags, as the view lists them (newest first).
        const QJsonArray sessions = cli.value(QStringLiteral("sessions")).toArray();
        REQUIRE(sessions.size() == page.figures.sessions.size());
        for (qsizetype i = 0; i < sessions.size(); ++i) {
            const QJsonObject s = sessions.at(sessions.size() - 1 - i).toObject();
            const SessionRow &row = page.figures.sessions.at(i);
            CHECK(qint64(s.value(QStringLiteral("id")).toDouble()) == row.sessionId);
            const int prescribed = s.value(QStringLiteral("prescribed")).toInt();
            CHECK(row.doseShare
                  == Approx(prescribed ? double(s.value(QStringLiteral("done")).toInt()) / prescribed : 0.0));
            CHECK(s.value(QStringLiteral("pain_before")).toInt(-1) == row.before.value_or(-1));
            CHECK(s.value(QStringLiteral("pain_after")).toInt(-1) == row.after.value_or(-1));
        }
        CHECK(cli.value(QStringLiteral("flags")).toArray().size() == page.figures.flags.size());
        CHECK(cli.value(QStringLiteral("pain_rises")).toArray().size() == page.figures.rises.size());
    }
}
