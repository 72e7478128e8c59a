// The therapist's program editor: the item model under QAbstractItemModelTester,
// every kind of edit undone and redone, and the checks that keep a bad
// program out of the store.

#include "RehabitCatch.h"

#include "KnownHistory.h"

#include "therapist/ProgramCheck.h"
#include "therapist/ProgramItemsModel.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/ProgramTemplates.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QUndoStack>

using namespace rehabit;

namespace {

QStringList ids(const Program &p)
{
    QStringList out;
    for (const ProgramItem &item : p.items)
        out << item.exerciseId;
    return out;
}

struct Fixture {
    QList<Exercise> exercises = knownhistory::catalog();
    ProgramItemsModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
    Program daily = ProgramTemplates::dailyProgram(1, exercises, QDateTime::currentDateTimeUtc());

    Fixture()
    {
        model.setExercises(exercises);
        model.setProgram(daily);
    }
    const Exercise *byId(const QString &id) const { return model.exercise(id); }
};

} // namespace

TEST_CASE("program editor: the items table shows each item's exercise, phase and dose", "[app][program-editor]")
{
    Fixture f;
    REQUIRE(f.model.rowCount() == f.daily.items.size());
    const QString first = f.daily.items.first().exerciseId;
    CHECK(f.model.index(0, ProgramItemsModel::ExerciseColumn).data().toString() == f.byId(first)->name);
    CHECK(f.model.index(0, ProgramItemsModel::PhaseColumn).data().toString() == phaseName(f.byId(first)->phase));
    CHECK(f.model.index(0, ProgramItemsModel::SetsColumn).data().toInt() == f.daily.items.first().rx.sets);
    CHECK(f.model.undoStack()->isClean());
}

TEST_CASE("program editor: a dose edit is undone and redone", "[app][program-editor]")
{
    Fixture f;
    const QModelIndex sets = f.model.index(1, ProgramItemsModel::SetsColumn);
    const int before = sets.data().toInt();
    REQUIRE(f.model.setData(sets, before + 2));
    CHECK(f.model.program().items[1].rx.sets == before + 2);
    CHECK_FALSE(f.model.undoStack()->isClean());
    f.model.undoStack()->undo();
    CHECK(f.model.program().items[1].rx.sets == before);
    CHECK(f.model.undoStack()->isClean());
    f.model.undoStack()->redo();
    CHECK(f.model.program().items[1].rx.sets == before + 2);

    SECTION("out of range values are refused and leave the item alone")
    {
        CHECK_FALSE(f.model.setData(f.model.index(1, ProgramItemsModel::DaysPerWeekColumn), 8));
        CHECK_FALSE(f.model.setData(f.model.index(1, ProgramItemsModel::SetsColumn), 0));
        CHECK_FALSE(f.model.setData(f.model.index(1, ProgramItemsModel::RepsColumn), QStringLiteral("many")));
        CHECK(f.model.program().items[1].rx.sets == before + 2);
        CHECK(f.model.undoStack()->count() == 1);
    }
}

TEST_CASE("program editor: add, remove, move and template are each one undo step", "[app][program-editor]")
{
    Fixture f;
    const QStringList original = ids(f.daily);
    const QString extra = QStringLiteral("thomas-test");
    REQUIRE(f.byId(extra) != nullptr);

    REQUIRE(f.model.addExercise(extra, 0));
    CHECK(ids(f.model.program()).first() == extra);
    REQUIRE(f.model.moveItem(0, 2));
    CHECK(ids(f.model.program()).at(2) == extra);
    REQUIRE(f.model.removeItem(2));
    CHECK(ids(f.model.program()) == original);
    f.model.setPainRule(PainRuleKind::PainMonitoring);
    f.model.setProgressionSessions(5);
    f.model.setProgramName(QStringLiteral("After surgery"));
    const Program flex = [&] {
        Program p = f.daily;
        p.name = QStringLiteral("Flexibility only");
        p.items = {f.daily.items.first()};
        return p;
    }();
    f.model.applyTemplate(flex);
    CHECK(f.model.program().name == flex.name);
    CHECK(ids(f.model.program()) == ids(flex));
    CHECK(f.model.program().painRule == PainRuleKind::PainMonitoring); // the therapist's choice stays
    CHECK(f.model.undoStack()->count() == 7);

    f.model.undoStack()->undo(); // template
    CHECK(ids(f.model.program()) == original);
    CHECK(f.model.program().name == QStringLiteral("After surgery"));
    f.model.undoStack()->setIndex(0);
    CHECK(ids(f.model.program()) == original);
    CHECK(f.model.program().painRule == PainRuleKind::Strict);
    CHECK(f.model.program().progressionSessions == f.daily.progressionSessions);
    CHECK(f.model.program().name == f.daily.name);
    f.model.undoStack()->setIndex(2); // add + move redone
    CHECK(ids(f.model.program()).at(2) == extra);
}

TEST_CASE("program editor: dragging an item row moves it, one undo step", "[app][program-editor]")
{
    Fixture f;
    const QStringList original = ids(f.daily);
    std::unique_ptr<QMimeData> mime(f.model.mimeData({f.model.index(0, 0)}));
    REQUIRE(mime);
    // Dropped between rows 2 and 3: it lands as row 2 once it left row 0.
    CHECK_FALSE(f.model.dropMimeData(mime.get(), Qt::MoveAction, 3, 0, {}));
    QStringList expected = original;
    expected.move(0, 2);
    CHECK(ids(f.model.program()) == expected);
    f.model.undoStack()->undo();
    CHECK(ids(f.model.program()) == original);
}

TEST_CASE("program editor: the checks name the item and the field", "[app][program-editor]")
{
    Fixture f;
    const auto lookup = [&f](const QString &id) { return f.model.exercise(id); };
    CHECK(ProgramCheck::problems(f.daily, lookup).isEmpty());

    Program p = f.daily;
    p.name = QStringLiteral("  ");
    p.items[0].rx.reps = 0;
    p.items[0].rx.holdSeconds = 0;
    p.items << p.items[1];
    p.items << ProgramItem{0, 0, QStringLiteral("no-such-exercise"), {}};
    const auto problems = ProgramCheck::problems(p, lookup);
    QStringList texts;
    for (const auto &problem : problems)
        texts << problem.error.text();
    INFO(texts.join(u'\n').toStdString());
    const QString firstName = f.byId(p.items[0].exerciseId)->name;
    CHECK(texts.contains(QStringLiteral("name: the program needs a name")));
    CHECK(
        texts.contains(QStringLiteral("item 1 (%1), reps: this exercise is done in reps: at least 1").arg(firstName)));
    CHECK(texts.contains(
        QStringLiteral("item %1: the exercise no-such-exercise is not in the catalog").arg(p.items.size())));
    CHECK(std::any_of(problems.cbegin(), problems.cend(), [&](const ProgramProblem &x) {
        return x.row == p.items.size() - 2 && x.error.message.contains(QStringLiteral("already item 2"));
    }));

    Program empty = f.daily;
    empty.items.clear();
    CHECK(ProgramCheck::problems(empty, lookup).first().error.text()
          == QStringLiteral("exercises: add at least one exercise"));
}
