// One patient's pain trend from a clinic database of 1,000,000 reps.
#include "Benchmarks.h"

#include "rehabit/Store.h"

using namespace Qt::StringLiterals;

namespace rehabit::bench {
namespace {

struct PainPoint {
    qint64 atMs;
    int pain;
};

/// Through the store's API as it stands: the patient's sessions, then each
/// session's log, keeping the pain ratings.
QList<PainPoint> storeTrend(const Store &store, qint64 patientId)
{
    QList<PainPoint> points;
    for (const SessionRecord &s : need(store.sessions(patientId), "read the sessions"))
        for (const SessionEvent &e : need(store.events(s.id), "read the events"))
            if (e.pain)
                points.append(PainPoint{e.atMs, *e.pain});
    return points;
}

/// The same SQL the store runs (SqliteStore's SelectSessionsSql and
/// SelectEventsSql), through the raw C API, with the same columns read.
QList<PainPoint> rawSameSql(RawDb &db, sqlite3_stmt *sessions, sqlite3_stmt *events, qint64 patientId)
{
    QList<PainPoint> points;
    sqlite3_bind_int64(sessions, 1, patientId);
    while (sqlite3_step(sessions) == SQLITE_ROW) {
        sqlite3_bind_int64(events, 1, sqlite3_column_int64(sessions, 0));
        int rc;
        while ((rc = sqlite3_step(events)) == SQLITE_ROW) {
            // every column, as the store reads them
            for (int c = 0; c < 14; ++c)
                (void)sqlite3_column_value(events, c);
            if (sqlite3_column_type(events, 11) != SQLITE_NULL)
                points.append(PainPoint{sqlite3_column_int64(events, 3), sqlite3_column_int(events, 11)});
        }
        if (rc != SQLITE_DONE)
            db.fail("events");
        sqlite3_reset(events);
    }
    sqlite3_reset(sessions);
    return points;
}

/// One query for the trend: what a history API needs.
QList<PainPoint> rawOneQuery(RawDb &db, sqlite3_stmt *trend, qint64 patientId)
{
    QList<PainPoint> points;
    sqlite3_bind_int64(trend, 1, patientId);
    int rc;
    while ((rc = sqlite3_step(trend)) == SQLITE_ROW)
        points.append(PainPoint{sqlite3_column_int64(trend, 0), sqlite3_column_int(trend, 1)});
    if (rc != SQLITE_DONE)
        db.fail("trend");
    sqlite3_reset(trend);
    return points;
}

} // namespace

void benchPainTrend(const BenchContext &context, const Emit &report)
{
    const GeneratedDatabase clinic = generateDatabase(context, u"clinic"_s, clinicShape(context));
    const QString shape = u"clinic database: 100 patients, %1 sessions, %2 events, %3 reps, %4 MB"_s
                              .arg(clinic.sessions).arg(clinic.events).arg(clinic.reps)
                              .arg(double(clinic.bytes) / 1e6, 0, 'f', 1);
    const int runs = context.pick(5, 20);
    const qint64 patient = 42;

    StoreOptions options;
    options.readOnly = true;
    auto store = need(openSqliteStore(clinic.path, options), "open the clinic database");
    RawDb raw(clinic.path);
    sqlite3_stmt *sessions = raw.prepare(
        "SELECT id, patient_id, program_id, started_at, ended_at, status, flagged FROM session "
        "WHERE patient_id = ? ORDER BY started_at, id");
    sqlite3_stmt *events = raw.prepare(
        "SELECT id, session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, rep_index, side, hold_ms, "
        "pain, pain_context, detail FROM session_event WHERE session_id = ? ORDER BY seq");
    sqlite3_stmt *trend = raw.prepare(
        "SELECT e.at_ms, e.pain FROM session s JOIN session_event e ON e.session_id = s.id "
        "WHERE s.patient_id = ? AND e.pain IS NOT NULL ORDER BY e.at_ms");

    // Warm the page cache for all three, then interleave.
    const qsizetype expected = storeTrend(*store, patient).size();
    if (rawSameSql(raw, sessions, events, patient).size() != expected || rawOneQuery(raw, trend, patient).size() != expected)
        fatal(u"the pain trend differs between the store and raw SQL"_s);
    Samples storeMs, sameMs, oneMs;
    for (int i = 0; i < runs; ++i) {
        Stopwatch a;
        (void)storeTrend(*store, patient);
        storeMs.add(a.elapsedMs());
        Stopwatch b;
        (void)rawSameSql(raw, sessions, events, patient);
        sameMs.add(b.elapsedMs());
        Stopwatch c;
        (void)rawOneQuery(raw, trend, patient);
        oneMs.add(c.elapsedMs());
    }
    for (sqlite3_stmt *s : {sessions, events, trend})
        sqlite3_finalize(s);

    Row row;
    row.figure = u"pain trend of one patient (%1 ratings): Store::sessions + Store::events"_s.arg(expected);
    row.unit = u"ms"_s;
    row.measured = Figure::of(storeMs, false);
    row.floorName = u"the same SQL through the raw sqlite3 C API"_s;
    row.floor = Figure::of(sameMs, false);
    row.note = shape + u"; warm cache"_s;
    report(row);

    Row one = row;
    one.figure = u"pain trend of one patient: Store::sessions + Store::events versus one SQL query"_s;
    one.floorName = u"one SELECT joining session and session_event, raw sqlite3"_s;
    one.floor = Figure::of(oneMs, false);
    one.note = u"what a history query in the store would cost; "_s + shape;
    report(one);
}

} // namespace rehabit::bench
