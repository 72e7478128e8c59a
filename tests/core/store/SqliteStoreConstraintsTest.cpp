// What the SQLite file shows any SQL client (the sqlite3 tool, a report
// tool): CHECK constraints refuse out-of-range values, triggers keep the
// session log append-only, the exercise columns repeat the dosage, and a
// bundled catalog update leaves the rows of history and custom exercises as
// they were. What every backend does is the contract's (contract/).

#include "StoreTestSupport.h"

using namespace rehabit;
using namespace rehabit::test;

namespace {

struct Fixture {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    std::unique_ptr<Store> store = openStore(path);
    Populated ids = populate(*store);
    int eventCount() const { return int(store->events(ids.sessionId).value().size()); }
};

} // namespace

TEST_CASE("CHECK constraints refuse out-of-range values from any SQL client")
{
    Fixture f;
    RawDatabase raw(f.path);
    REQUIRE(raw.exec(QStringLiteral("PRAGMA foreign_keys = ON")).isEmpty());
    const QString insertEvent = QStringLiteral(
        "INSERT INTO session_event (session_id, seq, at_ms, kind, set_index, rep_index, hold_ms, pain, pain_context, side) "
        "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)");
    const auto event = [&](int seq, const QString &kind, int set, int rep, QVariant hold, QVariant pain,
                           QVariant context, QVariant side) {
        return raw.exec(insertEvent, {f.ids.sessionId, seq, kind, set, rep, hold, pain, context, side});
    };
    const QString rated = QStringLiteral("pain-rated");
    const QString during = QStringLiteral("during");
    CHECK(event(100, rated, 0, 0, {}, 11, during, {}).contains(QStringLiteral("CHECK constraint failed")));
    CHECK(event(100, rated, 0, 0, {}, -1, during, {}).contains(QStringLiteral("CHECK constraint failed")));
    CHECK(event(100, rated, 0, 0, {}, 3, QStringLiteral("tomorrow"), {}).contains(QStringLiteral("CHECK")));
    CHECK(event(100, QStringLiteral("rep-done"), -1, 0, {}, {}, {}, {}).contains(QStringLiteral("CHECK")));
    CHECK(event(100, QStringLiteral("rep-done"), 0, -1, {}, {}, {}, {}).contains(QStringLiteral("CHECK")));
    CHECK(event(100, QStringLiteral("hold-ended"), 0, 0, -1, {}, {}, {}).contains(QStringLiteral("CHECK")));
    CHECK(event(100, QStringLiteral("rep-done"), 0, 0, {}, {}, {},
                                    QStringLiteral("up")).contains(QStringLiteral("CHECK")));
    CHECK(event(100, QStringLiteral("jumped"), 0, 0, {}, {}, {}, {}).contains(QStringLiteral("CHECK")));
    CHECK(event(0, QStringLiteral("rep-done"), 0, 0, {}, {}, {}, {}).contains(QStringLiteral("CHECK")));
    CHECK(event(1, QStringLiteral("rep-done"), 0, 0, {}, {}, {}, {}).contains(QStringLiteral("UNIQUE")));
    CHECK(event(100, rated, 0, 0, {}, 10, during, QStringLiteral("left")).isEmpty()); // the edge is allowed

    const QString insertItem = QStringLiteral(
        "INSERT INTO program_item (program_id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, "
        "follow_up_seconds, rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, "
        "position_seconds, sides, days_per_week) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 3, 'each-side', ?)");
    const QString exerciseId = bundledCatalog().exercises.first().id;
    const auto item = [&](int position, int sets, int reps, int hold, int days) {
        return raw.exec(insertItem, {f.ids.programId, position, exerciseId, sets, reps, hold, days});
    };
    CHECK(item(10, -1, 10, 0, 7).contains(QStringLiteral("CHECK")));
    CHECK(item(10, 2, -10, 0, 7).contains(QStringLiteral("CHECK")));
    CHECK(item(10, 2, 10, -3, 7).contains(QStringLiteral("CHECK")));
    CHECK(item(10, 2, 10, 0, 0).contains(QStringLiteral("CHECK")));
    CHECK(item(10, 2, 10, 0, 8).contains(QStringLiteral("CHECK")));
    CHECK(item(0, 2, 10, 0, 7).contains(QStringLiteral("UNIQUE"))); // position 0 is taken
    CHECK(item(10, 2, 10, 0, 7).isEmpty());

    CHECK(raw.exec(QStringLiteral("UPDATE program SET progression_sessions = 0")).contains(QStringLiteral("CHECK")));
    CHECK(raw.exec(QStringLiteral("UPDATE program SET pain_rule = 'lenient'")).contains(QStringLiteral("CHECK")));
    CHECK(raw.exec(QStringLiteral("UPDATE session SET status = 'paused'")).contains(QStringLiteral("CHECK")));
    CHECK(raw.exec(QStringLiteral("UPDATE proposal SET kind = 'sideways'")).contains(QStringLiteral("CHECK")));
    CHECK(raw.exec(QStringLiteral("INSERT INTO exercise (id, origin, name, phase, category, kind, sides, sort_order, "
                                  "definition, updated_at) VALUES ('Not_Kebab', 'custom', 'x', 'flexibility', 'x', "
                                  "'reps', 'both', 0, '{}', 'now')"))
                       .contains(QStringLiteral("CHECK")));
}

TEST_CASE("Logged events can be neither changed nor deleted")
{
    Fixture f;
    RawDatabase raw(f.path);
    const QString update =
        raw.exec(QStringLiteral("UPDATE session_event SET pain = 0 WHERE session_id = ?"), {f.ids.sessionId});
    CHECK(update.contains(QStringLiteral("append-only")));
    const QString remove =
        raw.exec(QStringLiteral("DELETE FROM session_event WHERE session_id = ?"), {f.ids.sessionId});
    CHECK(remove.contains(QStringLiteral("append-only")));
    // A session with events cannot be deleted from under them either.
    RawDatabase withKeys(f.path);
    REQUIRE(withKeys.exec(QStringLiteral("PRAGMA foreign_keys = ON")).isEmpty());
    CHECK(withKeys.exec(
        QStringLiteral("DELETE FROM session WHERE id = ?"), {f.ids.sessionId}).contains(QStringLiteral("FOREIGN KEY")));
    CHECK(f.eventCount() == f.ids.events);
}

TEST_CASE("The exercise columns for SQL users repeat the dosage")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rehabit.sqlite"));
    auto store = openStore(path);
    const Catalog catalog = bundledCatalog();
    REQUIRE(store->importCatalog(catalog, ExerciseOrigin::Bundled).ok());
    RawDatabase raw(path, true);
    for (const Exercise &e : catalog.exercises) {
        const QVariant sets = raw.scalar(QStringLiteral("SELECT sets_default FROM exercise WHERE id = ?"), {e.id});
        if (e.dosage.sets)
            CHECK(sets.toInt() == e.dosage.sets->def);
        else
            CHECK(sets.isNull());
    }
}

TEST_CASE("A newer bundled catalog leaves the rows of history and of custom exercises as they were")
{
    Fixture f;
    Catalog custom = bundledCatalog();
    custom.exercises = {custom.exercises.at(1)};
    custom.exercises[0].id = QStringLiteral("my-own-stretch");
    REQUIRE(f.store->importCatalog(custom, ExerciseOrigin::Custom).ok());
    RawDatabase raw(f.path, true);
    const auto historyHash = [&raw] {
        QStringList rows;
        for (const char *table : {"patient", "program", "program_item", "session", "session_event", "proposal"})
            rows << raw.column(QStringLiteral("SELECT group_concat(quote(id)) FROM %1").arg(QLatin1String(table)));
        rows << raw.column(
            QStringLiteral("SELECT definition || updated_at FROM exercise WHERE origin = 'custom' ORDER BY id"));
        return rows;
    };
    const QStringList historyBefore = historyHash();
    Catalog newer = bundledCatalog();
    newer.version += 1;
    newer.exercises[1].name += QStringLiteral(" (revised)");
    Exercise clash = newer.exercises.at(3);
    clash.id = custom.exercises.first().id;
    newer.exercises.append(clash);
    const auto summary = f.store->importCatalog(newer, ExerciseOrigin::Bundled);
    REQUIRE(summary.ok());
    CHECK(summary->updated == 1);
    CHECK(historyHash() == historyBefore);
}

TEST_CASE("A custom exercise has a UUID in the file, and a change keeps its earlier revision")
{
    Fixture f;
    Exercise mine = bundledCatalog().exercises.at(1);
    mine.id = QStringLiteral("my-own-stretch");
    mine.origin = ExerciseOrigin::Custom;
    mine.references.clear();
    REQUIRE(f.store->saveCustomExercise(mine).ok());
    RawDatabase raw(f.path, true);
    const QString select = QStringLiteral("SELECT %1 FROM exercise WHERE id = 'my-own-stretch'");
    const QString uuid = raw.scalar(select.arg(QStringLiteral("uuid"))).toString();
    CHECK(uuid.size() == 36);
    CHECK(raw.scalar(select.arg(QStringLiteral("revision"))).toInt() == 1);
    CHECK(raw.scalar(
        QStringLiteral("SELECT count(*) FROM exercise WHERE origin = 'bundled' AND uuid IS NOT NULL")).toInt() == 0);

    const QString oldName = mine.name;
    mine.name = QStringLiteral("Renamed by the therapist");
    REQUIRE(f.store->saveCustomExercise(mine).ok());
    CHECK(raw.scalar(select.arg(QStringLiteral("revision"))).toInt() == 2);
    CHECK(raw.scalar(select.arg(QStringLiteral("uuid"))).toString() == uuid);
    const auto revisions = f.store->revisions(uuid);
    REQUIRE(revisions.ok());
    REQUIRE(revisions->size() == 1);
    CHECK(revisions->first().kind == QStringLiteral("exercise"));
    CHECK(revisions->first().revision == 1);
    const QJsonObject definition = revisions->first().content.value(QStringLiteral("definition")).toObject();
    CHECK(definition.value(QStringLiteral("name")).toString() == oldName);
}
