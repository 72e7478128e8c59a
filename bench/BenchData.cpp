#include "BenchData.h"

#include "rehabit/CatalogImport.h"
#include "rehabit/ProgramTemplates.h"
#include "rehabit/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace rehabit::bench {

void fatal(const QString &message)
{
    QTextStream(stderr) << u"rehabit-bench: "_s << message << Qt::endl;
    std::exit(1);
}

void need(const Result<void> &result, const char *what)
{
    if (!result)
        fatal(QString::fromUtf8(what) + u": "_s + result.error().text());
}

RawDb::RawDb(const QString &path)
{
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr)
        != SQLITE_OK)
        fail("open");
    exec("PRAGMA busy_timeout = 5000");
}

RawDb::~RawDb() { sqlite3_close_v2(m_db); }

void RawDb::fail(const char *what) const
{
    fatal(u"sqlite3 %1: %2"_s.arg(QString::fromUtf8(what), QString::fromUtf8(sqlite3_errmsg(m_db))));
}

void RawDb::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message);
        sqlite3_free(message);
        fatal(u"sqlite3 %1: %2"_s.arg(QString::fromUtf8(sql), text));
    }
}

sqlite3_stmt *RawDb::prepare(const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
        fail(sql);
    return statement;
}

namespace {

struct ItemRef {
    qint64 id;
    QByteArray exerciseId;
};

struct EventWriter {
    RawDb &db;
    sqlite3_stmt *insert;
    qint64 sessionId = 0;
    int seq = 0;
    qint64 count = 0;

    void add(qint64 atMs, const char *kind, const ItemRef *item, int set, int rep, int pain, const char *context,
             const char *detail)
    {
        sqlite3_reset(insert);
        sqlite3_bind_int64(insert, 1, sessionId);
        sqlite3_bind_int(insert, 2, ++seq);
        sqlite3_bind_int64(insert, 3, atMs);
        sqlite3_bind_text(insert, 4, kind, -1, SQLITE_STATIC);
        if (item) {
            sqlite3_bind_int64(insert, 5, item->id);
            sqlite3_bind_text(insert, 6, item->exerciseId.constData(), -1, SQLITE_STATIC);
        } else {
            sqlite3_bind_null(insert, 5);
            sqlite3_bind_null(insert, 6);
        }
        sqlite3_bind_int(insert, 7, set);
        sqlite3_bind_int(insert, 8, rep);
        if (pain >= 0) {
            sqlite3_bind_int(insert, 9, pain);
            sqlite3_bind_text(insert, 10, context, -1, SQLITE_STATIC);
        } else {
            sqlite3_bind_null(insert, 9);
            sqlite3_bind_null(insert, 10);
        }
        sqlite3_bind_text(insert, 11, detail, -1, SQLITE_STATIC);
        if (sqlite3_step(insert) != SQLITE_DONE)
            db.fail("insert event");
        ++count;
    }
};

QString isoMs(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); }

} // namespace

GeneratedDatabase generateDatabase(const BenchContext &context, const QString &name, const DataShape &shape)
{
    GeneratedDatabase out;
    out.path = QDir(context.workDir).filePath(u"%1-%2p-%3d-%4reps.sqlite"_s.arg(name).arg(shape.patients).arg(shape.days).arg(shape.reps));
    const QString complete = out.path + u".complete"_s;
    if (QFileInfo::exists(complete) && QFileInfo::exists(out.path)) {
        // Made by an earlier run: the figures are read back from the marker.
        QFile marker(complete);
        if (marker.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> f = marker.readAll().trimmed().split(' ');
            if (f.size() == 5) {
                out.sessions = f[0].toLongLong();
                out.events = f[1].toLongLong();
                out.reps = f[2].toLongLong();
                out.painRatings = f[3].toLongLong();
                out.generateSeconds = f[4].toDouble();
                out.bytes = QFileInfo(out.path).size();
                return out;
            }
        }
    }
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u".complete"_s})
        QFile::remove(out.path + suffix);

    Stopwatch watch;
    const QDateTime created = QDateTime(QDate(2025, 1, 1), QTime(8, 0), Qt::UTC);
    QList<QList<ItemRef>> items; // per patient
    QList<qint64> patientIds, programIds;
    {
        std::unique_ptr<Store> store = need(openSqliteStore(out.path), "create the database");
        need(importBundledCatalog(*store), "import the bundled catalog");
        const QList<Exercise> catalog = need(store->exercises(), "read the catalog");
        for (int p = 0; p < shape.patients; ++p) {
            const Patient patient = need(store->addPatient(u"Patient %1"_s.arg(p + 1), created), "add a patient");
            const Program program =
                need(store->addProgram(ProgramTemplates::dailyProgram(patient.id, catalog, created)), "add a program");
            QList<ItemRef> refs;
            for (const ProgramItem &i : program.items)
                refs.append(ItemRef{i.id, i.exerciseId.toUtf8()});
            items.append(refs);
            patientIds.append(patient.id);
            programIds.append(program.id);
        }
    }

    RawDb db(out.path);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = OFF"); // generation only; the measured databases are written by then
    db.exec("BEGIN IMMEDIATE");
    sqlite3_stmt *session = db.prepare(
        "INSERT INTO session (patient_id, program_id, started_at, ended_at, status, flagged) "
        "VALUES (?, ?, ?, ?, 'completed', 0)");
    sqlite3_stmt *insert = db.prepare(
        "INSERT INTO session_event (session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, "
        "rep_index, pain, pain_context, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    EventWriter w{db, insert};
    const qint64 sessions = qint64(shape.patients) * shape.days;
    const qint64 baseReps = sessions ? shape.reps / sessions : 0;
    const qint64 extraReps = sessions ? shape.reps % sessions : 0;
    qint64 index = 0;
    quint32 seed = 20250101;
    auto noise = [&seed](int range) {
        seed = seed * 1664525u + 1013904223u;
        return int((seed >> 16) % quint32(range));
    };
    // Day by day, so that rows are in time order as the real log would be.
    for (int d = 0; d < shape.days; ++d) {
        for (int p = 0; p < shape.patients; ++p, ++index) {
            const qint64 startMs = created.toMSecsSinceEpoch() + qint64(d) * 86'400'000 + qint64(p) * 60'000;
            qint64 at = startMs;
            const qint64 reps = baseReps + (index < extraReps ? 1 : 0);
            const QList<ItemRef> &its = items[p];
            // pain falls slowly over the year, with day-to-day noise
            const int basePain = std::max(0, 6 - d * 6 / std::max(1, shape.days) + noise(3) - 1);
            sqlite3_reset(session);
            sqlite3_bind_int64(session, 1, patientIds[p]);
            sqlite3_bind_int64(session, 2, programIds[p]);
            const QByteArray started = isoMs(startMs).toUtf8();
            sqlite3_bind_text(session, 3, started.constData(), -1, SQLITE_TRANSIENT);
            const qint64 endMs = startMs + 120'000 + reps * 6'000 + its.size() * 60'000;
            const QByteArray ended = isoMs(endMs).toUtf8();
            sqlite3_bind_text(session, 4, ended.constData(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(session) != SQLITE_DONE)
                db.fail("insert session");
            w.sessionId = sqlite3_last_insert_rowid(db.handle());
            w.seq = 0;
            w.add(at, "session-started", nullptr, 0, 0, -1, nullptr, "");
            w.add(at += 4000, "pain-rated", nullptr, 0, 0, basePain, "before-session", "");
            ++out.painRatings;
            for (qsizetype i = 0; i < its.size(); ++i) {
                const ItemRef &item = its[i];
                const qint64 itemReps = reps / its.size() + (i < reps % its.size() ? 1 : 0);
                w.add(at += 30'000, "exercise-started", &item, 0, 0, -1, nullptr, "");
                w.add(at += 3000, "set-started", &item, 1, 0, -1, nullptr, "");
                for (int r = 1; r <= itemReps; ++r)
                    w.add(at += 6000, "rep-done", &item, 1, r, -1, nullptr, "");
                w.add(at += 10, "set-finished", &item, 1, 0, -1, nullptr, "");
                w.add(at += 10, "exercise-finished", &item, 0, 0, -1, nullptr, "");
                w.add(at += 4000, "pain-rated", &item, 0, 0, std::min(10, basePain + noise(2)), "after-exercise", "");
                ++out.painRatings;
                out.reps += itemReps;
            }
            w.add(at += 4000, "pain-rated", nullptr, 0, 0, basePain, "after-session", "");
            ++out.painRatings;
            w.add(at += 10, "session-ended", nullptr, 0, 0, -1, nullptr, "complete");
            ++out.sessions;
        }
    }
    sqlite3_finalize(session);
    sqlite3_finalize(insert);
    db.exec("COMMIT");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    out.events = w.count;
    out.generateSeconds = watch.elapsedMs() / 1000.0;
    out.bytes = QFileInfo(out.path).size();
    QFile marker(complete);
    if (marker.open(QIODevice::WriteOnly))
        marker.write(u"%1 %2 %3 %4 %5"_s.arg(out.sessions).arg(out.events).arg(out.reps).arg(out.painRatings)
                         .arg(out.generateSeconds).toUtf8());
    return out;
}

} // namespace rehabit::bench
