// rehabit-bench: prints every figure of QUALITY.md's performance table
// against its floor, measured in the same run (docs/benchmarks.md).
#include "Benchmarks.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace rehabit::bench;

int main(int argc, char **argv)
{
    // The PDF rows need a QGuiApplication; nothing is shown.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"rehabit-bench"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Measures QUALITY.md's performance figures, each against its floor in the same run."_s);
    parser.addHelpOption();
    const QCommandLineOption quick(u"quick"_s, u"Fewer samples and smaller data: under a minute."_s);
    const QCommandLineOption json(u"json"_s, u"Also write the rows as JSON to FILE."_s, u"FILE"_s);
    const QCommandLineOption only(
        u"only"_s, u"Run only these groups (comma-separated): startup, log, pain, catalog, hold, pdf."_s, u"GROUPS"_s);
    const QCommandLineOption work(u"work-dir"_s,
                                  u"Keep scratch databases in DIR, and reuse generated ones from an earlier run "
                                  u"(default: a temporary folder in the build's cache, removed at the end)."_s,
                                  u"DIR"_s);
    parser.addOptions({quick, json, only, work});
    parser.process(app);

    BenchContext context;
    context.quick = parser.isSet(quick);
    context.binDir = QCoreApplication::applicationDirPath();
    // Scratch files go next to the binary, on the disk a user's data would
    // be on: /tmp may be a RAM disk, where fsync costs nothing.
    std::unique_ptr<QTemporaryDir> temporary;
    if (parser.isSet(work)) {
        context.workDir = QDir(parser.value(work)).absolutePath();
        if (!QDir().mkpath(context.workDir))
            fatal(u"cannot create %1"_s.arg(context.workDir));
    } else {
        temporary = std::make_unique<QTemporaryDir>(context.binDir + u"/bench-XXXXXX"_s);
        if (!temporary->isValid())
            fatal(u"cannot create a scratch folder in %1"_s.arg(context.binDir));
        context.workDir = temporary->path();
    }

    QStringList groups{u"startup"_s, u"log"_s, u"pain"_s, u"catalog"_s, u"hold"_s, u"pdf"_s};
    if (parser.isSet(only))
        groups = parser.value(only).split(u',', Qt::SkipEmptyParts);

    // Qt wants a private runtime folder (fonts, the platform plugin); one of our own.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QString runtime = context.workDir + u"/runtime"_s;
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    }
    QTextStream(stdout) << u"rehabit-bench, %1 run; Qt %2, SQLite %3; scratch files in %4\n"_s.arg(
        context.quick ? u"quick"_s : u"full"_s, QString::fromLatin1(qVersion()),
        QString::fromLatin1(sqlite3_libversion()), context.workDir)
                        << Qt::flush;

    QList<Row> rows;
    const Emit report = [&rows](const Row &row) {
        rows.append(row);
        printRow(row);
    };
    for (const QString &group : std::as_const(groups)) {
        if (group == u"startup"_s)
            benchStartup(context, report);
        else if (group == u"log"_s)
            benchDurableLog(context, report);
        else if (group == u"pain"_s)
            benchPainTrend(context, report);
        else if (group == u"catalog"_s)
            benchCatalogImport(context, report);
        else if (group == u"hold"_s)
            benchHoldTimer(context, report);
        else if (group == u"pdf"_s)
            benchHandouts(context, report);
        else
            fatal(u"unknown group %1 (startup, log, pain, catalog, hold, pdf)"_s.arg(group));
    }
    printTable(rows);
    if (parser.isSet(json)) {
        QFile file(parser.value(json));
        if (!file.open(QIODevice::WriteOnly) || file.write(toJson(rows, context.quick ? u"quick"_s : u"full"_s)) < 0)
            fatal(u"cannot write %1"_s.arg(parser.value(json)));
    }
    return 0;
}
