// The app's modules (shell/ModuleLibrary.h): found in the build tree as in an
// install, each one's factory works, and the chart says so in words when its
// module is missing. (The audio module: CuePlayerTest; printing: HandoutActionsTest.)

#include "RehabitCatch.h"

#include "athlete/audio/CueAudio.h"
#include "handouts/PrintDialogs.h"
#include "shell/ModuleLibrary.h"
#include "therapist/TimeChart.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QTemporaryDir>

using namespace rehabit;

namespace {

/// Restores the default search path when a test ends, however it ends.
struct SearchOnly {
    explicit SearchOnly(const QStringList &paths) { setModuleSearchPaths(paths); }
    ~SearchOnly() { setModuleSearchPaths({}); }
};

} // namespace

TEST_CASE("the modules are found next to the program, in <libdir>/rehabit", "[app][modules]")
{
    const QStringList paths = moduleSearchPaths();
    REQUIRE(paths.size() == 2);
    CHECK(paths.at(0).endsWith(QStringLiteral("/rehabit")));
    CHECK(QDir::cleanPath(paths.at(0)).startsWith(QDir::cleanPath(QStringLiteral(REHABIT_BINARY_DIR))));
    for (const char *name : {kAudioModule, kChartsModule, kPrintingModule}) {
        INFO(name);
        CHECK(QFileInfo::exists(QDir(paths.at(0)).filePath(QString::fromLatin1(name) + QStringLiteral(".so"))));
    }
    CHECK(moduleFunction(QString::fromLatin1(kAudioModule), kMakeCueAudioSymbol) != nullptr);
    CHECK(moduleFunction(QString::fromLatin1(kChartsModule), kMakeLineChartPlotSymbol) != nullptr);
    CHECK(moduleFunction(QString::fromLatin1(kPrintingModule), kPrintDialogsSymbol) != nullptr);
    CHECK(moduleFunction(QString::fromLatin1(kChartsModule), "no_such_function") == nullptr);
    CHECK(moduleFunction(QStringLiteral("rehabit_no_such_module"), kMakeCueAudioSymbol) == nullptr);
}

TEST_CASE("a chart keeps its lines until shown, then draws them with the charts module", "[app][modules]")
{
    TimeChart chart(QStringLiteral("Pain"), QStringLiteral("pain"), 0, 10);
    const QList<ChartLine> lines{
        {QStringLiteral("pain"), {{QDate(2026, 11, 1), 2}, {QDate(2026, 11, 20), 4}}, {}, Qt::SolidLine, false}};
    chart.setLines(lines);
    chart.setReference(5, QStringLiteral("limit"));
    CHECK(chart.plot() == nullptr); // nothing loaded before it is shown
    CHECK(chart.firstDate() == QDate(2026, 11, 1));
    CHECK(chart.lastDate() == QDate(2026, 11, 20));

    chart.show();
    REQUIRE(chart.plot() != nullptr);
    CHECK(chart.missingLabel() == nullptr);
    QWidget *view = chart.plot()->widget();
    CHECK(view->parent() == &chart);
    CHECK(view->inherits("QChartView"));
    CHECK(view->accessibleName() == QStringLiteral("Pain"));
    REQUIRE(chart.lines().size() == 1);
    CHECK(chart.lines().at(0).points == lines.at(0).points);
    chart.setLines({}, QDate(2026, 10, 1), QDate(2026, 12, 1));
    CHECK(chart.lines().isEmpty());
    CHECK(chart.firstDate() == QDate(2026, 10, 1));
}

TEST_CASE("without the charts module a chart says the charts are not installed", "[app][modules]")
{
    QTemporaryDir empty;
    const SearchOnly only({empty.path()});
    TimeChart chart(QStringLiteral("Adherence per week"), QStringLiteral("%"), 0, 100);
    chart.setLines({{QStringLiteral("done"), {{QDate(2026, 11, 2), 80}}, {}, Qt::SolidLine, true}});
    CHECK_FALSE(chart.loadPlot());
    chart.show();
    CHECK(chart.plot() == nullptr);
    REQUIRE(chart.missingLabel() != nullptr);
    CHECK(chart.missingLabel()->text().contains(QStringLiteral("Adherence per week: the charts are not installed")));
    CHECK(chart.lines().size() == 1); // the figures are still there for the rest of the page
}
