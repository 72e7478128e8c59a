// Catalog files: parse + validate, and import into a store, versus
// QJsonDocument alone on the same file.
#include "Benchmarks.h"

#include "rehabit/store/CatalogImport.h"
#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/store/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace rehabit::bench {
namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        fatal(u"cannot read %1"_s.arg(path));
    return f.readAll();
}

/// QJsonDocument alone on the file: read it and parse it.
double floorMs(const QString &path)
{
    Stopwatch w;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(path), &error);
    if (doc.isNull())
        fatal(u"QJsonDocument cannot parse %1: %2"_s.arg(path, error.errorString()));
    return w.elapsedMs();
}

/// A valid catalog of `count` entries: the bundled entries cloned under new
/// ids, each kept short (one step, one safety note, no mistakes,
/// variants, references or equipment): 1,000 (the format's maximum) are
/// 2.3 MB, 10,000 are 23 MB.
QString writeSyntheticCatalog(const BenchContext &context, int count)
{
    Catalog catalog = need(CatalogJson::bundled(), "read the bundled catalog");
    const QList<Exercise> bundled = catalog.exercises;
    catalog.exercises.clear();
    for (int i = 0; i < count; ++i) {
        Exercise e = bundled[i % bundled.size()];
        e.id = u"synthetic-%1-%2"_s.arg(e.id).arg(i + 1);
        e.name = u"%1 %2"_s.arg(e.name).arg(i + 1);
        e.steps = e.steps.mid(0, 1);
        e.mistakes.clear();
        e.safety = e.safety.mid(0, 1);
        e.variants.clear();
        e.references.clear();
        e.equipment.clear();
        e.illustration.clear();
        catalog.exercises.append(e);
    }
    const QString path = QDir(context.workDir).filePath(u"synthetic-%1.json"_s.arg(count));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(CatalogJson::toDocument(catalog)) < 0)
        fatal(u"cannot write %1"_s.arg(path));
    return path;
}

void compare(const BenchContext &context, const Emit &report, const QString &label, const QString &path, int runs,
             int importRuns)
{
    const qint64 bytes = QFileInfo(path).size();
    Samples parse, floor;
    for (int i = 0; i < runs; ++i) {
        Stopwatch w;
        const Catalog c = need(CatalogJson::parseFile(path), "parse the catalog");
        parse.add(w.elapsedMs());
        floor.add(floorMs(path));
    }
    Row p;
    p.figure = u"catalog parse and validate, %1"_s.arg(label);
    p.unit = u"ms"_s;
    p.measured = Figure::of(parse, false);
    p.floorName = u"QJsonDocument::fromJson alone on the same file"_s;
    p.floor = Figure::of(floor, false);
    p.note =
        u"%1 bytes; CatalogJson::parseFile (read, syntax pass with line:column, QJsonDocument, every field checked)"_s
            .arg(bytes);
    report(p);

    Samples import, importFloor;
    for (int i = 0; i < importRuns; ++i) {
        const QString db = QDir(context.workDir).filePath(u"import-%1-%2.sqlite"_s.arg(bytes).arg(i));
        {
            auto store = need(openSqliteStore(db), "create a database to import into");
            Stopwatch w;
            need(importCatalogFile(*store, path, ExerciseOrigin::Bundled), "import the catalog");
            import.add(w.elapsedMs());
        }
        importFloor.add(floorMs(path));
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(db + suffix);
    }
    Row im = p;
    im.figure = u"catalog import into an empty store, %1"_s.arg(label);
    im.measured = Figure::of(import, false);
    im.floor = Figure::of(importFloor, false);
    im.note = u"importCatalogFile: parse and validate, then one BEGIN IMMEDIATE ... COMMIT (synchronous=FULL) "
              u"writing every entry"_s;
    report(im);
}

/// A file the format refuses: the time to the refusal, against parsing it.
void compareRefusal(const Emit &report, const QString &label, const QString &path, int runs)
{
    Samples refuse, floor;
    QString message;
    for (int i = 0; i < runs; ++i) {
        Stopwatch w;
        const Result<Catalog> c = CatalogJson::parseFile(path);
        refuse.add(w.elapsedMs());
        if (c)
            fatal(u"the catalog %1 was expected to be refused"_s.arg(path));
        message = c.error().text();
        floor.add(floorMs(path));
    }
    Row row;
    row.figure = u"catalog refused, %1"_s.arg(label);
    row.unit = u"ms"_s;
    row.measured = Figure::of(refuse, false);
    row.floorName = u"QJsonDocument::fromJson alone on the same file"_s;
    row.floor = Figure::of(floor, false);
    row.note = u"%1 bytes; CatalogJson::parseFile says: %2"_s.arg(QFileInfo(path).size()).arg(message);
    report(row);
}

} // namespace

void benchCatalogImport(const BenchContext &context, const Emit &report)
{
    const QString bundled = QDir(context.workDir).filePath(u"bundled.json"_s);
    {
        QFile f(bundled);
        if (!f.open(QIODevice::WriteOnly) || f.write(CatalogJson::bundledBytes()) < 0)
            fatal(u"cannot write %1"_s.arg(bundled));
    }
    compare(context, report, u"bundled (8 entries)"_s, bundled, context.pick(50, 500), context.pick(5, 20));
    // QUALITY.md's synthetic catalog: 10,000 entries, the format's maximum
    // (docs/catalog-format.md); one entry more is refused.
    compare(context, report, u"synthetic (10,000 entries, the format's maximum)"_s,
            writeSyntheticCatalog(context, 10'000), context.pick(2, 5), context.pick(1, 3));
    compareRefusal(report, u"synthetic (10,001 entries)"_s, writeSyntheticCatalog(context, 10'001), context.pick(2, 5));
}

} // namespace rehabit::bench
