// The catalog browser as a person uses it: the article's exercises grouped by
// phase, the selected one with its dosage in plain words, geometry remembered.

#include "RehabitCatch.h"

#include "catalog/CatalogModel.h"
#include "catalog/ExerciseView.h"
#include "shell/MainWindow.h"

#include "rehabit/store/CatalogImport.h"
#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/engine/SessionClock.h"
#include "rehabit/store/Store.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTreeView>

using namespace rehabit;

namespace {

struct OpenStore {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    OpenStore()
    {
        auto opened = openSqliteStore(dir.filePath(QStringLiteral("app.sqlite")));
        REQUIRE(opened.ok());
        store = std::move(opened).value();
        REQUIRE(importBundledCatalog(*store).ok());
    }
};

} // namespace

TEST_CASE("Catalog model groups the bundled exercises by phase and passes the model tester")
{
    const auto catalog = CatalogJson::bundled();
    REQUIRE(catalog.ok());
    CatalogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setExercises(catalog->exercises);

    REQUIRE(model.rowCount() == 4);
    CHECK(model.index(0, 0).data().toString() == QStringLiteral("Assessment"));
    CHECK(model.index(1, 0).data().toString() == QStringLiteral("Flexibility"));
    CHECK(model.index(2, 0).data().toString() == QStringLiteral("Core stability"));
    CHECK(model.index(3, 0).data().toString() == QStringLiteral("Hip strength"));
    int exercises = 0;
    for (int g = 0; g < model.rowCount(); ++g)
        exercises += model.rowCount(model.index(g, 0));
    CHECK(exercises == 8);

    const QModelIndex brace = model.indexOf(QStringLiteral("learning-to-brace"));
    REQUIRE(brace.isValid());
    CHECK(brace.parent() == model.index(2, 0));
    CHECK(brace.data(CatalogModel::ExerciseIdRole).toString() == QStringLiteral("learning-to-brace"));
    CHECK(model.exercise(model.index(0, 0)) == nullptr); // a phase row is not an exercise
    CHECK_FALSE(model.flags(model.index(0, 0)).testFlag(Qt::ItemIsSelectable));

    model.setExercises({}); // the tester checks the reset too
    CHECK(model.rowCount() == 0);
}

TEST_CASE("Main window shows the catalog from the database and the chosen exercise in plain words")
{
    OpenStore s;
    SystemSessionClock clock;
    MainWindow window(*s.store, clock);
    REQUIRE(window.createProfile(QStringLiteral("Ana")).ok());
    window.show();
    CHECK(window.exerciseView() == nullptr); // made when the Exercises tab is first shown (start-up)
    window.showCatalog();
    REQUIRE(window.exerciseView() != nullptr);
    CHECK(window.exerciseView()->isVisible());

    // Opens on the first exercise, never on an empty page.
    CHECK(window.exerciseView()->toPlainText().contains(QStringLiteral("Thomas test")));

    REQUIRE(window.selectExercise(QStringLiteral("learning-to-brace")));
    const QString text = window.exerciseView()->toPlainText();
    CHECK(text.contains(QStringLiteral("2 sets of 20 reps, hold each 10 seconds, both sides at once")));
    CHECK(text.contains(QStringLiteral("How to do it")));
    CHECK(text.contains(QStringLiteral("Cue:")));
    CHECK(text.contains(QStringLiteral("Safety")));
    CHECK(text.contains(QStringLiteral("[6]"))); // McGill's bracing reference

    REQUIRE(window.selectExercise(QStringLiteral("side-plank-clamshell")));
    CHECK(window.exerciseView()->toPlainText().contains(
        QStringLiteral("2 sets of 15 reps on each side, hold each 2 seconds")));
    CHECK_FALSE(window.selectExercise(QStringLiteral("no-such-exercise")));
}

TEST_CASE("Main window remembers its size and position")
{
    OpenStore s;
    SystemSessionClock clock;
    {
        MainWindow window(*s.store, clock);
        window.show();
        window.resize(913, 611);
        window.close();
    }
    MainWindow again(*s.store, clock);
    again.show();
    CHECK(again.size() == QSize(913, 611));
}
