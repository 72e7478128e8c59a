// One patient's pain trend from a clinic database of 1,000,000 reps, the way
// the app and rehabit-cli history get it: Store::patientRecord() (whose bulk
// is Store::sessionHistories(): the sessions, then every event of the
// patient in one indexed query) and PatientHistory::build().painSeries().
#include "Benchmarks.h"

#include "rehabit/review/History.h"
#include "rehabit/store/Store.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace rehabit::bench {
namespace {

/// SqliteStore's SelectSessionsSql and SelectPatientEventsSql, through the
/// raw C API, every column read as the store reads it; returns the number
/// of pain ratings seen.
qsizetype rawSameSql(RawDb &db, sqlite3_stmt *sessions, sqlite3_stmt *events, qint64 patientId)
{
    sqlite3_bind_int64(sessions, 1, patientId);
    int rc;
    while ((rc = sqlite3_step(sessions)) == SQLITE_ROW)
        for (int c = 0; c < 7; ++c)
            (void)sqlite3_column_value(sessions, c);
    if (rc != SQLITE_DONE)
        db.fail("sessions");
    sqlite3_reset(sessions);
    qsizetype pain = 0;
    sqlite3_bind_int64(events, 1, patientId);
    while ((rc = sqlite3_step(events)) == SQLITE_ROW) {
        for (int c = 0; c < 14; ++c)
            (void)sqlite3_column_value(events, c);
        if (sqlite3_column_type(events, 11) != SQLITE_NULL)
            ++pain;
    }
    if (rc != SQLITE_DONE)
        db.fail("events");
    sqlite3_reset(events);
    return pain;
}

/// Only what a trend needs: one SELECT of the pain rows.
qsizetype rawOneQuery(RawDb &db, sqlite3_stmt *trend, qint64 patientId)
{
    qsizetype points = 0;
    sqlite3_bind_int64(trend, 1, patientId);
    int rc;
    while ((rc = sqlite3_step(trend)) == SQLITE_ROW) {
        (void)sqlite3_column_int64(trend, 0);
        (void)sqlite3_column_int(trend, 1);
        ++points;
    }
    if (rc != SQLITE_DONE)
        db.fail("trend");
    sqlite3_reset(trend);
    return points;
}

} // namespace

void benchPainTrend(const BenchContext &context, const Emit &report)
{
    const GeneratedDatabase clinic = generateDatabase(context, u"clinic"_s, clinicShape(context));
    const QString shape =
        u"clinic database: 100 patients, %1 sessions, %2 events, %3 reps, %4 MB"_s.arg(clinic.sessions)
            .arg(clinic.events)
            .arg(clinic.reps)
            .arg(double(clinic.bytes) / 1e6, 0, 'f', 1);
    const int runs = context.pick(5, 20);
    const qint64 patient = 42;

    StoreOptions options;
    options.readOnly = true;
    auto store = need(openSqliteStore(clinic.path, options), "open the clinic database");
    const QList<Exercise> exercises = need(store->exercises(), "read the catalog");
    RawDb raw(clinic.path);
    sqlite3_stmt *sessions =
        raw.prepare("SELECT id, patient_id, program_id, started_at, ended_at, status, flagged FROM session "
                    "WHERE patient_id = ? ORDER BY started_at, id");
    sqlite3_stmt *events =
        raw.prepare("SELECT e.id, e.session_id, e.seq, e.at_ms, e.kind, e.program_item_id, e.exercise_id, e.set_index, "
                    "e.rep_index, e.side, e.hold_ms, e.pain, e.pain_context, e.detail "
                    "FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? "
                    "ORDER BY s.started_at, s.id, e.seq");
    sqlite3_stmt *trend =
        raw.prepare("SELECT e.at_ms, e.pain FROM session s JOIN session_event e ON e.session_id = s.id "
                    "WHERE s.patient_id = ? AND e.pain IS NOT NULL ORDER BY e.at_ms");

    auto storeTrend = [&] {
        const std::optional<PatientRecord> record = need(store->patientRecord(patient), "read the patient");
        if (!record)
            fatal(u"no patient %1 in the clinic database"_s.arg(patient));
        const PatientHistory history =
            need(PatientHistory::build(*record, exercises, QTimeZone::systemTimeZone()), "build the history");
        return history.painSeries().size();
    };
    // Warm the page cache for all, check they agree, then interleave.
    const qsizetype expected = storeTrend();
    if (rawSameSql(raw, sessions, events, patient) != expected || rawOneQuery(raw, trend, patient) != expected)
        fatal(u"the pain trend differs between the store and raw SQL"_s);
    Samples trendMs, historiesMs, sameMs, oneMs;
    for (int i = 0; i < runs; ++i) {
        Stopwatch a;
        (void)storeTrend();
        trendMs.add(a.elapsedMs());
        Stopwatch h;
        (void)need(store->sessionHistories(patient), "read the sessions");
        historiesMs.add(h.elapsedMs());
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
    row.figure = u"pain trend of one patient (%1 ratings): patientRecord + PatientHistory::painSeries"_s.arg(expected);
    row.unit = u"ms"_s;
    row.measured = Figure::of(trendMs, false);
    row.floorName = u"the store's two SELECTs (sessions, the patient's events) through the raw sqlite3 C API"_s;
    row.floor = Figure::of(sameMs, false);
    row.note = shape + u"; warm cache; the record also reads the patient, notes, programs, versions and proposals"_s;
    report(row);

    Row histories = row;
    histories.figure = u"the same patient's sessions and events: Store::sessionHistories"_s;
    histories.measured = Figure::of(historiesMs, false);
    histories.note = u"the SQL of the row above through Qt SQL, QVariant and the event values"_s;
    report(histories);

    Row one = row;
    one.figure = u"pain trend of one patient versus one SELECT of the pain rows"_s;
    one.floorName = u"SELECT at_ms, pain ... WHERE pain IS NOT NULL, raw sqlite3"_s;
    one.floor = Figure::of(oneMs, false);
    one.note = u"what a query of the pain rows alone would cost; "_s + shape;
    report(one);
}

} // namespace rehabit::bench
