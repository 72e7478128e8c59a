#pragma once
// Helpers of the store tests: raw SQLite connections that bypass the store,
// file and content hashes, a populated database, and child processes that
// run this test program again in one of its hidden roles.

#include "RehabitCatch.h"
#include "TestFiles.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/store/Store.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QVariant>

#include <atomic>
#include <memory>

namespace rehabit::test {

/// SHA-256 of a file's bytes; empty if it cannot be read.
inline QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

inline QByteArray readAll(const QString &path)
{
    return readBytes(path);
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    return writeBytes(path, bytes);
}

/// A SQLite connection of the test's own, not through the store: what a
/// user's sqlite3 or a report tool sees.
class RawDatabase {
public:
    explicit RawDatabase(const QString &path, bool readOnly = false)
        : m_name(QStringLiteral("rehabit-test-raw-%1").arg(++counter()))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        if (readOnly)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        m_open = db.open();
    }
    ~RawDatabase()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawDatabase(const RawDatabase &) = delete;
    RawDatabase &operator=(const RawDatabase &) = delete;

    bool isOpen() const { return m_open; }
    const QString &name() const { return m_name; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    /// Runs one statement with bound values; the error text, empty on success.
    QString exec(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery query(db());
        if (!query.prepare(sql))
            return query.lastError().text();
        for (qsizetype i = 0; i < values.size(); ++i)
            query.bindValue(int(i), values.at(i));
        return query.exec() ? QString() : query.lastError().text();
    }

    /// The first column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery query(db());
        if (!query.prepare(sql))
            return {};
        for (qsizetype i = 0; i < values.size(); ++i)
            query.bindValue(int(i), values.at(i));
        if (!query.exec() || !query.next())
            return {};
        return query.value(0);
    }

    QStringList column(const QString &sql) const
    {
        QStringList rows;
        QSqlQuery query(db());
        if (query.exec(sql))
            while (query.next())
                rows << query.value(0).toString();
        return rows;
    }

private:
    static int &counter()
    {
        static int n = 0;
        return n;
    }
    QString m_name;
    bool m_open = false;
};

/// A hash of everything the database holds: application_id, user_version,
/// the schema, and every row of every table in rowid order. Read-only.
inline QByteArray contentHash(const QString &path)
{
    RawDatabase raw(path, true);
    if (!raw.isOpen())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(raw.scalar(QStringLiteral("PRAGMA application_id")).toString().toUtf8());
    hash.addData(raw.scalar(QStringLiteral("PRAGMA user_version")).toString().toUtf8());
    QSqlQuery schema(raw.db());
    QStringList tables;
    if (!schema.exec(QStringLiteral("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")))
        return {};
    while (schema.next()) {
        for (int i = 0; i < 3; ++i)
            hash.addData(QByteArray(schema.value(i).toString().toUtf8() + '\x1f'));
        if (schema.value(0).toString() == QStringLiteral("table"))
            tables << schema.value(1).toString();
    }
    for (const QString &table : std::as_const(tables)) {
        QSqlQuery rows(raw.db());
        // Table names come from sqlite_master of a test database.
        if (!rows.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY rowid").arg(table)))
            return {};
        while (rows.next()) {
            const int columns = rows.record().count();
            for (int c = 0; c < columns; ++c) {
                const QVariant v = rows.value(c);
                hash.addData(v.isNull() ? QByteArray("\x00N", 2) : v.toString().toUtf8());
                hash.addData(QByteArray("\x1e", 1));
            }
            hash.addData(QByteArray("\x1d", 1));
        }
    }
    return hash.result();
}

/// The error of a failed result, for INFO() before a REQUIRE(result.ok()).
template <typename T>
QString errorText(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().text();
}

inline Catalog bundledCatalog()
{
    const auto catalog = CatalogJson::bundled();
    REQUIRE(catalog.ok());
    return *catalog;
}

inline std::unique_ptr<Store> openStore(const QString &path, const StoreOptions &options = {})
{
    auto opened = openSqliteStore(path, options);
    INFO(errorText(opened));
    REQUIRE(opened.ok());
    return std::move(opened).value();
}

inline QDateTime at(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
}

/// Ids made by populate().
struct Populated {
    qint64 patientId = 0;
    qint64 programId = 0;
    qint64 sessionId = 0;
    qint64 firstItemId = 0;
    int events = 0;
};

/// The bundled catalog, one patient with a program of the first three
/// exercises, a session with a few events including a pain rating, and a
/// pending proposal.
inline Populated populate(Store &store)
{
    Populated ids;
    const Catalog catalog = bundledCatalog();
    REQUIRE(store.importCatalog(catalog, ExerciseOrigin::Bundled).ok());
    const auto patient = store.addPatient(QStringLiteral("Ana Test"), at(1'700'000'000'000));
    REQUIRE(patient.ok());
    ids.patientId = patient->id;
    Program program;
    program.patientId = ids.patientId;
    program.name = QStringLiteral("Hip flexor program");
    program.createdAt = at(1'700'000'001'000);
    for (int i = 0; i < 3; ++i) {
        ProgramItem item;
        item.exerciseId = catalog.exercises.at(i).id;
        item.rx = defaultPrescription(catalog.exercises.at(i));
        program.items << item;
    }
    const auto saved = store.addProgram(program);
    INFO(errorText(saved));
    REQUIRE(saved.ok());
    ids.programId = saved->id;
    ids.firstItemId = saved->items.first().id;
    const auto session = store.startSession(ids.patientId, ids.programId, at(1'700'000'002'000));
    REQUIRE(session.ok());
    ids.sessionId = session->id;
    const EventKind kinds[] = {EventKind::SessionStarted, EventKind::ExerciseStarted, EventKind::SetStarted,
                               EventKind::RepDone, EventKind::PainRated};
    qint64 ms = 1'700'000'002'000;
    for (const EventKind kind : kinds) {
        SessionEvent e;
        e.sessionId = ids.sessionId;
        e.atMs = ms += 1000;
        e.kind = kind;
        if (kind != EventKind::SessionStarted) {
            e.programItemId = ids.firstItemId;
            e.exerciseId = program.items.first().exerciseId;
        }
        if (kind == EventKind::PainRated) {
            e.pain = 2;
            e.painContext = PainContext::During;
        }
        REQUIRE(store.appendEvent(e).ok());
        ++ids.events;
    }
    Proposal proposal;
    proposal.programItemId = ids.firstItemId;
    proposal.sessionId = ids.sessionId;
    proposal.kind = ProposalKind::Progress;
    proposal.reason = QStringLiteral("Three pain-free sessions at full dose");
    proposal.createdAt = at(1'700'000'100'000);
    REQUIRE(store.addProposal(proposal).ok());
    return ids;
}

/// A closed, populated Rehabit database (WAL checkpointed into the file).
inline QString makePopulated(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    auto store = openStore(path);
    populate(*store);
    return path;
}

/// This test program run again as a child process in one of its hidden
/// roles (StoreChildRoles.cpp), told what to do through the environment.
inline void startChild(QProcess &process, const QString &testName, const QMap<QString, QString> &environment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QCoreApplication::applicationFilePath(), {testName});
}

/// Reads the child's stdout until a line starting with prefix arrives; the line, or empty on timeout / exit.
inline QString waitForLine(QProcess &process, const QString &prefix, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        while (process.canReadLine()) {
            const QString line = QString::fromUtf8(process.readLine()).trimmed();
            if (line.startsWith(prefix))
                return line;
        }
        if (process.state() == QProcess::NotRunning)
            return {};
        process.waitForReadyRead(100);
    }
    return {};
}

} // namespace rehabit::test
