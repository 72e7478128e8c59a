#include "CommandLine.h"

#include "rehabit/CatalogImport.h"
#include "rehabit/CatalogJson.h"
#include "rehabit/DosageText.h"
#include "rehabit/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>

namespace rehabit::cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::cli", text);
}

struct Command {
    const char *name;
    const char *summary;
};

constexpr Command commands[] = {
    {"catalog", QT_TRANSLATE_NOOP("rehabit::cli", "List the exercise catalog (bundled and your own).")},
    {"check", QT_TRANSLATE_NOOP("rehabit::cli", "Check the database: integrity, foreign keys, schema version.")},
    {"import-catalog", QT_TRANSLATE_NOOP("rehabit::cli", "Add or update your own exercises from a catalog file.")},
    {"print", QT_TRANSLATE_NOOP("rehabit::cli", "Print a patient's program handout, or the morning's batch, as PDF or to a printer.")},
};

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringList{QStringLiteral("db")},
                              tr("Use the database file PATH instead of the default (%1).").arg(defaultDatabasePath()),
                              tr("PATH"));
}

/// The first argument that is not an option (nor the value of --db) names the command.
qsizetype commandIndex(const QStringList &args)
{
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--db")) {
            ++i;
            continue;
        }
        if (!a.startsWith(u'-'))
            return i;
    }
    return -1;
}

/// Column-aligned plain text table.
QString table(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &h : header)
        widths << h.size();
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    QString text;
    const auto line = [&](const QStringList &cells) {
        QString l;
        for (qsizetype c = 0; c < cells.size(); ++c)
            l += c + 1 < cells.size() ? cells.at(c).leftJustified(widths.at(c) + 2) : cells.at(c);
        text += l + u'\n';
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
    return text;
}

} // namespace

CommandLine::CommandLine()
    : m_out(stdout)
    , m_err(stderr)
{
}

int CommandLine::usageError(const QString &message)
{
    m_err << QCoreApplication::applicationName().toLower() << QStringLiteral("-cli: ") << message << u'\n'
          << tr("Try 'rehabit-cli --help'.") << u'\n';
    m_err.flush();
    return UsageError;
}

bool CommandLine::needsGui(const QStringList &arguments)
{
    const qsizetype at = commandIndex(arguments);
    return at >= 0 && arguments.at(at) == QLatin1String("print");
}

int CommandLine::run(const QStringList &arguments)
{
    const qsizetype at = commandIndex(arguments);
    if (at < 0) {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr("Rehabit from the command line: the exercise catalog, "
                                            "database checks, imports and printed handouts.\n\nCommands:\n")
                                         + [] {
                                               QString list;
                                               for (const Command &c : commands)
                                                   list += QStringLiteral("  %1  %2\n")
                                                               .arg(QString::fromLatin1(c.name).leftJustified(16),
                                                                    tr(c.summary));
                                               return list + tr("\nRun 'rehabit-cli COMMAND --help' for a command's options.");
                                           }());
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(dbOption());
        parser.addPositionalArgument(QStringLiteral("command"), tr("The command to run (see above)."));
        if (!parser.parse(arguments))
            return usageError(parser.errorText());
        if (parser.isSet(QStringLiteral("version"))) {
            m_out << QCoreApplication::applicationName() << u' ' << QCoreApplication::applicationVersion() << u'\n';
            return Ok;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            m_out << parser.helpText();
            return Ok;
        }
        return usageError(tr("no command given."));
    }

    const QString command = arguments.at(at);
    QStringList rest = arguments;
    rest.removeAt(at);
    if (command == QLatin1String("catalog"))
        return catalog(rest);
    if (command == QLatin1String("check"))
        return check(rest);
    if (command == QLatin1String("import-catalog"))
        return importCatalog(rest);
    if (command == QLatin1String("print"))
        return print(rest);
    return usageError(tr("unknown command '%1'.").arg(command));
}

/// Adds --help and --db, parses, and sets m_dbPath. Returns an exit code when
/// the command must not run (its help was shown, or the arguments are wrong).
std::optional<int> CommandLine::parseCommand(QCommandLineParser &parser, const QStringList &args)
{
    parser.addHelpOption();
    parser.addOption(dbOption());
    if (!parser.parse(args))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        return Ok;
    }
    m_dbPath = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : defaultDatabasePath();
    return std::nullopt;
}

std::unique_ptr<Store> CommandLine::openReadOnly()
{
    StoreOptions options;
    options.readOnly = true;
    auto store = openSqliteStore(m_dbPath, options);
    if (!store) {
        m_err << store.error().text() << u'\n';
        return nullptr;
    }
    return std::move(*store);
}

int CommandLine::catalog(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("rehabit-cli catalog: list every exercise of the catalog in the database "
                                        "(the bundled catalog is loaded first if it is new or newer)."));
    const QCommandLineOption format(QStringList{QStringLiteral("format")},
                                    tr("Output format: table (default) or json (see docs/cli.md)."),
                                    tr("FORMAT"), QStringLiteral("table"));
    parser.addOption(format);
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("table") && fmt != QLatin1String("json"))
        return usageError(tr("--format must be 'table' or 'json', not '%1'.").arg(fmt));
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("'catalog' takes no arguments."));

    auto store = openSqliteStore(m_dbPath);
    if (!store) {
        m_err << store.error().text() << u'\n';
        return Failed;
    }
    if (auto imported = importBundledCatalog(**store); !imported) {
        m_err << imported.error().text() << u'\n';
        return Failed;
    }
    const auto exercises = (*store)->exercises();
    if (!exercises) {
        m_err << exercises.error().text() << u'\n';
        return Failed;
    }

    if (fmt == QLatin1String("json")) {
        QJsonArray array;
        for (const Exercise &e : *exercises)
            array.append(CatalogJson::toCliJson(e));
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return Ok;
    }
    QList<QStringList> rows;
    for (const Exercise &e : *exercises)
        rows << QStringList{e.id, e.name, phaseName(e.phase), DosageText::describe(e)};
    m_out << table({tr("ID"), tr("NAME"), tr("PHASE"), tr("DOSAGE")}, rows);
    return Ok;
}

int CommandLine::check(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("rehabit-cli check: run SQLite's integrity_check and foreign_key_check and "
                                        "print the schema version. Reads only; exits 0 only when healthy."));
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("'check' takes no arguments."));

    const auto store = openReadOnly();
    if (!store)
        return Failed;
    const auto health = store->check();
    if (!health) {
        m_err << health.error().text() << u'\n';
        return Failed;
    }
    m_out << tr("Database:        %1").arg(m_dbPath) << u'\n'
          << tr("Schema version:  %1 (this program writes %2)").arg(health->schemaVersion).arg(currentSchemaVersion())
          << u'\n'
          << tr("Integrity:       %1").arg(health->integrityOk ? tr("ok") : tr("DAMAGED")) << u'\n'
          << tr("Foreign keys:    %1")
                 .arg(health->foreignKeyProblems.isEmpty() ? tr("ok")
                                                           : tr("%1 problem(s)").arg(health->foreignKeyProblems.size()))
          << u'\n';
    m_out.flush();
    for (const QString &m : health->integrityMessages)
        m_err << tr("integrity_check: %1").arg(m) << u'\n';
    for (const QString &m : health->foreignKeyProblems)
        m_err << tr("foreign_key_check: %1").arg(m) << u'\n';
    if (!health->healthy()) {
        m_err << tr("The database is damaged. Restore it from a backup.") << u'\n';
        return Failed;
    }
    return Ok;
}

int CommandLine::importCatalog(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("rehabit-cli import-catalog: add or update your own exercises from a catalog "
                                        "file (format: docs/catalog-format.md). The whole file is checked first; "
                                        "on any error nothing is written."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The catalog file (JSON)."));
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return usageError(tr("'import-catalog' needs exactly one FILE."));

    auto store = openSqliteStore(m_dbPath);
    if (!store) {
        m_err << store.error().text() << u'\n';
        return Failed;
    }
    if (auto bundled = importBundledCatalog(**store); !bundled) {
        m_err << bundled.error().text() << u'\n';
        return Failed;
    }
    const auto summary = importCatalogFile(**store, files.first(), ExerciseOrigin::Custom);
    if (!summary) {
        m_err << files.first() << QStringLiteral(": ") << summary.error().text() << u'\n'
              << tr("Nothing was imported.") << u'\n';
        return Failed;
    }
    m_out << tr("Imported %1: %2 added, %3 updated, %4 unchanged.")
                 .arg(files.first())
                 .arg(summary->added)
                 .arg(summary->updated)
                 .arg(summary->unchanged)
          << u'\n';
    return Ok;
}

} // namespace rehabit::cli
