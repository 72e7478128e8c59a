// One patient's pain trend and history page from a clinic database of
// 1,000,000 reps, and the page on a demo patient-year: the way the app and
// rehabit-cli history get them since 2 December 2026 (Store::painRatings, and
// HistoryPage::load: Store::sessionSummaries + painRatings, not the whole
// record), beside the old way (Store::patientRecord() + PatientHistory::build)
// kept for comparison.
#include "Benchmarks.h"

#include "therapist/HistoryFigures.h"

#include "rehabit/demo/DemoData.h"
#include "rehabit/platform/Clock.h"
#include "rehabit/review/History.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/store/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace rehabit::bench {
namespace {

/// The SQLite store's SelectSessions and SelectPatientEvents, through the
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

// The SQL of the SQLite store's painRatings and sessionSummaries
// (SqliteStatements' SelectPainRatings and SelectSessionActivity), for the raw floors.
const char *const PainRatingsSql =
    "SELECT e.session_id, e.seq, e.at_ms, "
    "CASE e.kind WHEN 'pain-rated' THEN 0 WHEN 'pain-stop' THEN 1 ELSE e.kind END, e.program_item_id, "
    "e.exercise_id, e.pain, CASE e.pain_context WHEN 'before-session' THEN 0 WHEN 'during' THEN 1 "
    "WHEN 'after-exercise' THEN 2 WHEN 'after-session' THEN 3 WHEN 'next-morning' THEN 4 END, "
    "nullif(e.detail, '') "
    "FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? AND e.pain IS NOT NULL "
    "ORDER BY e.at_ms, e.session_id, e.seq";
const char *const SummariesSql =
    "SELECT e.session_id, group_concat(DISTINCT e.at_ms / 900000), "
    "group_concat(CASE WHEN e.program_item_id IS NOT NULL "
    "AND e.kind IN ('rep-done', 'timed-ended', 'assessment-result') "
    "THEN e.program_item_id || ':' || (CASE WHEN e.rep_index < 4096 THEN (e.set_index * 4096 + e.rep_index) * 16 "
    "+ (CASE e.kind WHEN 'rep-done' THEN 4 WHEN 'timed-ended' THEN 8 ELSE 12 END) "
    "+ (CASE e.side WHEN 'left' THEN 1 WHEN 'right' THEN 2 WHEN 'both' THEN 3 ELSE 0 END) "
    "ELSE e.kind || '/' || e.set_index || '/' || ifnull(e.side, '') || '/' || e.rep_index END) END), "
    "group_concat(CASE WHEN e.kind IN ('exercise-skipped', 'pain-stop') "
    "THEN ifnull(e.program_item_id, 0) || ':' "
    "|| (CASE WHEN e.kind = 'exercise-skipped' THEN 's' WHEN e.pain IS NULL THEN 'u' ELSE 'p' END) END) "
    "FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? "
    "GROUP BY s.started_at, s.id";

/// Runs one statement for a patient through the raw C API, every column read
/// as the store reads it (text as text); returns the rows.
qsizetype rawRows(RawDb &db, sqlite3_stmt *statement, qint64 patientId)
{
    sqlite3_bind_int64(statement, 1, patientId);
    qsizetype rows = 0;
    int rc;
    const int columns = sqlite3_column_count(statement);
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        for (int c = 0; c < columns; ++c)
            if (sqlite3_column_type(statement, c) == SQLITE_TEXT)
                (void)sqlite3_column_text(statement, c);
            else
                (void)sqlite3_column_int64(statement, c);
        ++rows;
    }
    if (rc != SQLITE_DONE)
        db.fail("rows");
    sqlite3_reset(statement);
    return rows;
}

/// The pain trend the new way: the rated events (Store::painRatings) into
/// the series the history uses (painPointsOf).
qsizetype painTrend(const Store &store, qint64 patientId)
{
    return painPointsOf(need(store.painRatings(patientId), "read the pain ratings")).size();
}

/// What the history view showed before 2 December 2026: the whole record, built and computed.
qsizetype oldPage(const Store &store, qint64 patientId, QDate asOf)
{
    const QList<Exercise> exercises = need(store.exercises(), "read the catalog");
    const std::optional<PatientRecord> record = need(store.patientRecord(patientId), "read the patient");
    if (!record)
        fatal(u"no patient %1"_s.arg(patientId));
    const PatientHistory h =
        need(PatientHistory::build(*record, exercises, QTimeZone::systemTimeZone()), "build the history");
    return HistoryFigures::compute(h, exercises, asOf).sessions.size();
}

qsizetype newPage(const Store &store, qint64 patientId, QDate asOf)
{
    const HistoryPage page = HistoryPage::load(store, patientId, asOf);
    if (page.error)
        fatal(u"the history page: "_s + page.error->text());
    return page.figures.sessions.size();
}

/// A database of one demo patient (rehabit-cli demo-data's generator: the
/// session engine played day by day, holds, missed days, pain stops), made
/// once per work folder. Per-patient reads are indexed, so one patient-year
/// costs what it costs among a hundred.
QString demoDatabase(const BenchContext &context, int days)
{
    const QString path =
        QDir(context.workDir).filePath(u"demo-1p-%1d-v%2.sqlite"_s.arg(days).arg(currentSchemaVersion()));
    if (QFileInfo::exists(path + u".complete"_s))
        return path;
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
        QFile::remove(path + suffix);
    std::unique_ptr<Store> store = need(openSqliteStore(path), "create the demo database");
    need(importBundledCatalog(*store), "import the bundled catalog");
    DemoOptions options;
    options.days = days;
    options.seed = 3;
    options.lastDay = QDate(2026, 11, 30);
    const PatientRecord record =
        need(DemoData::patient(0, options, need(store->exercises(), "read the catalog")), "make a demo patient");
    (void)need(store->addPatientRecord(record, RecordUuids::Keep), "add the demo patient");
    QFile marker(path + u".complete"_s);
    if (!marker.open(QIODevice::WriteOnly))
        fatal(u"cannot write "_s + marker.fileName());
    return path;
}

void benchPages(const BenchContext &context, const Emit &report, const QString &path, const QString &shape,
                qint64 patient, int runs)
{
    StoreOptions options;
    options.readOnly = true;
    auto store = need(openSqliteStore(path, options), "open the database");
    RawDb raw(path);
    sqlite3_stmt *summaries = raw.prepare(SummariesSql);
    sqlite3_stmt *pain = raw.prepare(PainRatingsSql);
    const QDate asOf = QDate(2026, 12, 2);
    if (oldPage(*store, patient, asOf) != newPage(*store, patient, asOf))
        fatal(u"the old and the new history page differ"_s);
    (void)rawRows(raw, summaries, patient);
    Samples oldMs, newMs, floorMs;
    for (int i = 0; i < runs; ++i) {
        Stopwatch a;
        (void)newPage(*store, patient, asOf);
        newMs.add(a.elapsedMs());
        Stopwatch b;
        (void)oldPage(*store, patient, asOf);
        oldMs.add(b.elapsedMs());
        Stopwatch c;
        (void)rawRows(raw, summaries, patient);
        (void)rawRows(raw, pain, patient);
        floorMs.add(c.elapsedMs());
    }
    for (sqlite3_stmt *s : {summaries, pain})
        sqlite3_finalize(s);
    Q_UNUSED(context)

    Row page;
    page.figure = u"a patient's history page (%1): HistoryPage::load, what the history view's worker runs"_s.arg(shape);
    page.unit = u"ms"_s;
    page.measured = Figure::of(newMs, false);
    page.floorName = u"its two queries of the log (session summaries, pain events) through the raw sqlite3 C API"_s;
    page.floor = Figure::of(floorMs, false);
    page.note = u"target: under 100 ms; warm cache; the page also reads the catalog, the patient, programs, "
                u"versions, sessions and proposals, and computes the figures for an as-of day"_s;
    report(page);

    Row before = page;
    before.figure =
        u"the same page the old way (%1): patientRecord + PatientHistory::build + HistoryFigures"_s.arg(shape);
    before.measured = Figure::of(oldMs, false);
    before.floorName = u"HistoryPage::load, measured above"_s;
    before.floor = Figure::of(newMs, false);
    before.note = u"what the view read until 2 December 2026: the ratio is the speed-up"_s;
    report(before);
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

    // The new way: the rated events alone, against the same SQL through the raw C API.
    sqlite3_stmt *painRows = raw.prepare(PainRatingsSql);
    if (painTrend(*store, patient) != expected || rawRows(raw, painRows, patient) < expected)
        fatal(u"the pain trend from Store::painRatings differs"_s);
    Samples newTrendMs, painRowsMs;
    for (int i = 0; i < runs; ++i) {
        Stopwatch a;
        (void)painTrend(*store, patient);
        newTrendMs.add(a.elapsedMs());
        Stopwatch b;
        (void)rawRows(raw, painRows, patient);
        painRowsMs.add(b.elapsedMs());
    }
    sqlite3_finalize(painRows);
    Row trendNow = row;
    trendNow.figure = u"pain trend of one patient (%1 ratings): Store::painRatings + painPointsOf"_s.arg(expected);
    trendNow.measured = Figure::of(newTrendMs, false);
    trendNow.floorName = u"the same SELECT of the rated events (painRatings' SQL) through the raw sqlite3 C API"_s;
    trendNow.floor = Figure::of(painRowsMs, false);
    trendNow.note = u"since 2 December 2026 the review reads these, not the whole record; "_s + shape;
    report(trendNow);

    benchPages(context, report, clinic.path, u"clinic patient, %1 days"_s.arg(clinicShape(context).days), patient,
               runs);
    const int demoDays = context.pick(90, 365);
    benchPages(context, report, demoDatabase(context, demoDays), u"demo patient, %1 days"_s.arg(demoDays), 1, runs);
}

} // namespace rehabit::bench
