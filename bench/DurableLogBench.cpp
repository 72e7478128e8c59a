// The durable log of one rep: Store::appendEvent versus raw sqlite3.
#include "Benchmarks.h"

#include "rehabit/store/CatalogImport.h"
#include "rehabit/domain/ProgramTemplates.h"
#include "rehabit/store/Store.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace rehabit::bench {
namespace {

struct LogTarget {
    QString path;
    qint64 sessionId = 0;
    qint64 itemId = 0;
    QString exerciseId;
};

/// A new database with one patient, the daily program and a started
/// session, made by the store; closed again.
LogTarget makeLogDatabase(const BenchContext &context, const QString &name)
{
    LogTarget t;
    t.path = QDir(context.workDir).filePath(name);
    auto store = need(openSqliteStore(t.path), "create the log database");
    need(importBundledCatalog(*store), "import the bundled catalog");
    const QDateTime at = QDateTime::currentDateTimeUtc();
    const Patient patient = need(store->addPatient(u"Bench"_s, at), "add a patient");
    const Program program = need(
        store->addProgram(ProgramTemplates::dailyProgram(patient.id, need(store->exercises(), "read the catalog"), at)),
        "add a program");
    t.sessionId = need(store->startSession(patient.id, program.id, at), "start a session").id;
    t.itemId = program.items.first().id;
    t.exerciseId = program.items.first().exerciseId;
    return t;
}

} // namespace

void benchDurableLog(const BenchContext &context, const Emit &report)
{
    const int reps = context.pick(300, 3000);
    const LogTarget storeTarget = makeLogDatabase(context, u"log-store.sqlite"_s);
    const LogTarget rawTarget = makeLogDatabase(context, u"log-raw.sqlite"_s);

    auto store = need(openSqliteStore(storeTarget.path), "open the log database");
    SessionEvent event;
    event.sessionId = storeTarget.sessionId;
    event.kind = EventKind::RepDone;
    event.programItemId = storeTarget.itemId;
    event.exerciseId = storeTarget.exerciseId;
    event.setIndex = 1;
    event.side = Side::Left;

    // The floor: the same statements the store runs, prepared once, on a
    // connection with the store's pragmas.
    RawDb raw(rawTarget.path);
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec("PRAGMA synchronous = FULL");
    raw.exec("PRAGMA foreign_keys = ON");
    sqlite3_stmt *begin = raw.prepare("BEGIN IMMEDIATE");
    sqlite3_stmt *nextSeq = raw.prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM session_event WHERE session_id = ?");
    sqlite3_stmt *insert = raw.prepare(
        "INSERT INTO session_event (session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, rep_index, "
        "side, hold_ms, pain, pain_context, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *commit = raw.prepare("COMMIT");
    const QByteArray exercise = rawTarget.exerciseId.toUtf8();
    auto step = [&raw](sqlite3_stmt *s, int expected) {
        if (sqlite3_step(s) != expected)
            raw.fail("durable log floor");
        sqlite3_reset(s);
    };

    Samples storeUs, rawUs;
    // Alternate in blocks of ten so both see the same disk and neighbours.
    for (int block = 0; block < reps / 10; ++block) {
        for (int i = 0; i < 10; ++i) {
            event.repIndex = block * 10 + i + 1;
            event.atMs = QDateTime::currentMSecsSinceEpoch();
            Stopwatch w;
            need(store->appendEvent(event), "append an event");
            storeUs.add(w.elapsedUs());
        }
        for (int i = 0; i < 10; ++i) {
            Stopwatch w;
            step(begin, SQLITE_DONE);
            sqlite3_bind_int64(nextSeq, 1, rawTarget.sessionId);
            if (sqlite3_step(nextSeq) != SQLITE_ROW)
                raw.fail("next seq");
            const int seq = sqlite3_column_int(nextSeq, 0);
            sqlite3_reset(nextSeq);
            sqlite3_bind_int64(insert, 1, rawTarget.sessionId);
            sqlite3_bind_int(insert, 2, seq);
            sqlite3_bind_int64(insert, 3, QDateTime::currentMSecsSinceEpoch());
            sqlite3_bind_text(insert, 4, "rep-done", -1, SQLITE_STATIC);
            sqlite3_bind_int64(insert, 5, rawTarget.itemId);
            sqlite3_bind_text(insert, 6, exercise.constData(), -1, SQLITE_STATIC);
            sqlite3_bind_int(insert, 7, 1);
            sqlite3_bind_int(insert, 8, block * 10 + i + 1);
            sqlite3_bind_text(insert, 9, "left", -1, SQLITE_STATIC);
            sqlite3_bind_null(insert, 10);
            sqlite3_bind_null(insert, 11);
            sqlite3_bind_null(insert, 12);
            sqlite3_bind_text(insert, 13, "", -1, SQLITE_STATIC);
            step(insert, SQLITE_DONE);
            step(commit, SQLITE_DONE);
            rawUs.add(w.elapsedUs());
        }
    }
    for (sqlite3_stmt *s : {begin, nextSeq, insert, commit})
        sqlite3_finalize(s);

    Row row;
    row.figure = u"durable log of one rep (Store::appendEvent, WAL, synchronous=FULL)"_s;
    row.unit = u"µs"_s;
    row.measured = Figure::of(storeUs, true);
    row.floorName = u"BEGIN IMMEDIATE, next seq, INSERT, COMMIT through the raw sqlite3 C API"_s;
    row.floor = Figure::of(rawUs, true);
    row.note = u"%1 reps each, alternating in blocks of 10, on %2"_s.arg(reps).arg(context.workDir);
    report(row);
}

} // namespace rehabit::bench
