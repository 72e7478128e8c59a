#include "CommandLine.h"

#include "TerminalText.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Backups.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/store/DamageMark.h"
#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/DosageText.h"
#include "rehabit/store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
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
    {"check", QT_TRANSLATE_NOOP("rehabit::cli",
                                "Check the database: schema, integrity, rules, foreign keys, the log's numbering.")},
    {"import-catalog", QT_TRANSLATE_NOOP("rehabit::cli", "Add or update your own exercises from a catalog file.")},
    {"print", QT_TRANSLATE_NOOP("rehabit::cli",
                                "Print a patient's program handout, or the morning's batch, as PDF or to a printer.")},
    {"restore", QT_TRANSLATE_NOOP("rehabit::cli", "List the database's backups, or put one in place of the database.")},
    {"patients", QT_TRANSLATE_NOOP("rehabit::cli", "List the patients with their sessions, flags and proposals.")},
    {"history", QT_TRANSLATE_NOOP("rehabit::cli", "One patient's sessions, adherence, pain and flags.")},
    {"export", QT_TRANSLATE_NOOP("rehabit::cli", "Export one patient as CSV, JSON or a FHIR R4 Bundle.")},
    {"import", QT_TRANSLATE_NOOP("rehabit::cli", "Add a patient from a JSON export, as a new patient.")},
    {"demo-data", QT_TRANSLATE_NOOP("rehabit::cli", "Fill the database with clearly marked demo patients.")},
    {"backup-folder",
     QT_TRANSLATE_NOOP("rehabit::cli", "Show, set or clear a second folder for backups (another disk, a stick).")},
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

/// "2026-11-26 01:21:35 UTC": backup times as the CLI prints them.
QString utcText(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString kindText(BackupKind kind)
{
    switch (kind) {
    case BackupKind::Daily: return tr("daily");
    case BackupKind::BeforeUpgrade: return tr("before upgrade");
    case BackupKind::BeforeRestore: break;
    }
    return tr("before restore");
}

} // namespace

CommandLine::CommandLine()
    : m_out(stdout)
    , m_err(stderr)
{}

QString CommandLine::table(const QStringList &header, const QList<QStringList> &values)
{
    const QList<QStringList> rows = printableRows(values);
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
        parser.setApplicationDescription(
            tr("Rehabit from the command line: the exercise catalog, "
               "database checks, imports, printed handouts, the patients' history and exports.\n\nCommands:\n")
            +
            [] {
                QString list;
                for (const Command &c : commands)
                    list +=
                        QStringLiteral("  %1  %2\n").arg(QString::fromLatin1(c.name).leftJustified(16), tr(c.summary));
                return QString(list + tr("\nRun 'rehabit-cli COMMAND --help' for a command's options."));
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
    // Commands that write to the database ask writeAllowed() first (in
    // parseCommand); reading ones warn about a database marked damaged.
    m_writing = command == QLatin1String("catalog") || command == QLatin1String("import-catalog")
                || command == QLatin1String("import") || command == QLatin1String("demo-data");
    if (command == QLatin1String("patients"))
        return finishRead(patients(rest));
    if (command == QLatin1String("history"))
        return finishRead(history(rest));
    if (command == QLatin1String("export"))
        return finishRead(exportPatient(rest));
    if (command == QLatin1String("print"))
        return finishRead(print(rest));
    if (command == QLatin1String("catalog"))
        return catalog(rest);
    if (command == QLatin1String("check"))
        return check(rest);
    if (command == QLatin1String("import-catalog"))
        return importCatalog(rest);
    if (command == QLatin1String("restore"))
        return restore(rest);
    if (command == QLatin1String("import"))
        return importPatient(rest);
    if (command == QLatin1String("demo-data"))
        return demoData(rest);
    if (command == QLatin1String("backup-folder"))
        return backupFolderCommand(rest);
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
    m_dbGiven = parser.isSet(QStringLiteral("db"));
    m_dbPath = m_dbGiven ? parser.value(QStringLiteral("db")) : defaultDatabasePath();
    if (!databaseAllowed())
        return Failed;
    if (m_writing && !writeAllowed())
        return Failed;
    return std::nullopt;
}

std::unique_ptr<Store> CommandLine::openReadOnly()
{
    StoreOptions options;
    options.readOnly = true;
    auto store = openSqliteStore(m_dbPath, options);
    if (!store) {
        openFailed(store.error());
        return nullptr;
    }
    return std::move(*store);
}

/// "rehabit-cli --db PATH restore --latest", with --db only if it was given.
QString CommandLine::restoreCommand() const
{
    QString command = QStringLiteral("rehabit-cli ");
    if (m_dbGiven) {
        QString path = QDir::toNativeSeparators(m_dbPath);
        if (path.contains(u' ') || path.contains(u'\'') || path.contains(u'"'))
            path = u'\'' + path.replace(u'\'', QStringLiteral("'\\''")) + u'\'';
        command += QStringLiteral("--db %1 ").arg(path);
    }
    return command + QStringLiteral("restore --latest");
}

/// Prints why the database cannot be used and, for a damaged file with a
/// backup, the command that restores the newest backup. Returns Failed.
int CommandLine::openFailed(const Error &error)
{
    m_err << error.text() << u'\n';
    if (const auto backup = backupToOffer(m_dbPath))
        m_err << tr("A backup of %1 exists. To put it in place of the database (the damaged file is kept in %2), "
                    "run:\n  %3")
                     .arg(utcText(backup->takenAt), QDir::toNativeSeparators(backupFolder(m_dbPath)), restoreCommand())
              << u'\n';
    return Failed;
}

/// Every command that writes backs the database up first, once a UTC day,
/// into its backups folder and the second backup folder when one is set
/// (docs/storage.md). A backup that fails is reported and the command goes on.
void CommandLine::dailyBackup(bool databaseExisted)
{
    if (!databaseExisted)
        return; // a new database holds nothing to keep yet
    const DailyBackups done = writeDailyBackups(m_dbPath, Clock::nowUtc(), secondBackupFolder());
    if (!done.main)
        m_err << tr("Warning: today's backup was not written: %1").arg(done.main.error().text()) << u'\n';
    if (!done.secondFolder.isEmpty() && !done.second)
        m_err << tr("Warning: %1").arg(done.second.error().text()) << u'\n';
}

int CommandLine::catalog(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("rehabit-cli catalog: list every exercise of the catalog in the database "
                                        "(the bundled catalog is loaded first if it is new or newer)."));
    const QCommandLineOption format(QStringList{QStringLiteral("format")},
                                    tr("Output format: table (default) or json (see docs/cli.md)."), tr("FORMAT"),
                                    QStringLiteral("table"));
    parser.addOption(format);
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("table") && fmt != QLatin1String("json"))
        return usageError(tr("--format must be 'table' or 'json', not '%1'.").arg(fmt));
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("'catalog' takes no arguments."));

    const bool existed = QFileInfo(m_dbPath).size() > 0;
    auto store = openSqliteStore(m_dbPath);
    if (!store)
        return openFailed(store.error());
    if (!bundledCatalogIsCurrent(**store))
        dailyBackup(existed); // a newer bundled catalog is about to be written
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
    parser.setApplicationDescription(tr("rehabit-cli check: compare the schema with this version's, run SQLite's "
                                        "integrity_check, the schema's CHECK rules row by row, foreign_key_check and "
                                        "the log's numbering, and print the schema version. Exits 0 only when "
                                        "healthy. Reads the database only; a failed check marks it damaged "
                                        "(<database>.damaged) and a clean one removes that mark."));
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
    const auto count = [](const QStringList &problems) {
        return problems.isEmpty() ? tr("ok") : tr("%1 problem(s)").arg(problems.size());
    };
    m_out << tr("Database:        %1").arg(m_dbPath) << u'\n'
          << tr("Schema version:  %1 (this program writes %2)").arg(health->schemaVersion).arg(currentSchemaVersion())
          << u'\n' << tr("Schema:          %1").arg(count(health->schemaProblems)) << u'\n'
          << tr("Integrity:       %1").arg(health->integrityOk ? tr("ok") : tr("DAMAGED")) << u'\n'
          << tr("Rules (CHECK):   %1").arg(count(health->ruleProblems)) << u'\n'
          << tr("Foreign keys:    %1").arg(count(health->foreignKeyProblems)) << u'\n'
          << tr("Log numbering:   %1").arg(count(health->logProblems)) << u'\n';
    m_out.flush();
    const auto report = [&](const char *label, const QStringList &problems) {
        for (const QString &m : problems)
            m_err << QString::fromLatin1(label) << QStringLiteral(": ") << printable(m) << u'\n';
    };
    report("schema", health->schemaProblems);
    report("integrity_check", health->integrityMessages);
    report("rules", health->ruleProblems);
    report("foreign_key_check", health->foreignKeyProblems);
    report("log", health->logProblems);

    // The result marks the file damaged, or removes the mark (docs/storage.md, "The damaged mark").
    const bool wasMarked = damageMark(m_dbPath).has_value();
    const auto recorded = recordCheckResult(m_dbPath, *health, Clock::nowUtc());
    if (!recorded)
        m_err << tr("Warning: %1").arg(recorded.error().text()) << u'\n';
    else if (wasMarked && health->healthy())
        m_err << tr("The database passed the check: its damaged mark is removed, and it may be written again.")
              << u'\n';
    if (!health->healthy()) {
        if (recorded)
            m_err << tr("The database is marked damaged: no command writes to it until it is restored or passes "
                        "this check again; reading it still works, with a warning.")
                  << u'\n';
        if (const auto backup = latestBackup(m_dbPath))
            m_err << tr("The database %1 is damaged. A backup of %2 exists; to put it in place of the database "
                        "(the damaged file is kept in %3), close Rehabit and run:\n  %4")
                         .arg(QDir::toNativeSeparators(m_dbPath), utcText(backup->takenAt),
                              QDir::toNativeSeparators(backupFolder(m_dbPath)), restoreCommand())
                  << u'\n';
        else
            m_err << tr("The database %1 is damaged, and it has no backup in %2. Restore it from a copy of your own.")
                         .arg(QDir::toNativeSeparators(m_dbPath), QDir::toNativeSeparators(backupFolder(m_dbPath)))
                  << u'\n';
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

    if (!inputAllowed(files.first()))
        return Failed;
    const bool existed = QFileInfo(m_dbPath).size() > 0;
    auto store = openSqliteStore(m_dbPath);
    if (!store)
        return openFailed(store.error());
    dailyBackup(existed);
    if (auto bundled = importBundledCatalog(**store); !bundled) {
        m_err << bundled.error().text() << u'\n';
        return Failed;
    }
    const auto summary = importCatalogFile(**store, files.first(), ExerciseOrigin::Custom);
    if (!summary) {
        m_err << printable(files.first()) << QStringLiteral(": ") << errorText(summary.error()) << u'\n'
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

int CommandLine::restore(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("rehabit-cli restore: list the backups of the database, or put one in place of the database.\n\n"
           "Backups are kept in the folder 'backups' next to the database. Before anything is replaced, the backup "
           "is checked (integrity_check, schema version) and the current database file is kept in that folder as "
           "'<name>.before-restore-<time>.sqlite'. Refused while Rehabit or another rehabit-cli has the database "
           "open."));
    const QCommandLineOption list(QStringList{QStringLiteral("list")},
                                  tr("List the backups, newest first, with their time, kind, schema and size."));
    const QCommandLineOption latest(QStringList{QStringLiteral("latest")},
                                    tr("Restore the newest daily or before-upgrade backup."));
    parser.addOption(list);
    parser.addOption(latest);
    parser.addPositionalArgument(QStringLiteral("BACKUP_FILE"), tr("The backup file to restore."), tr("[BACKUP_FILE]"));
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QStringList files = parser.positionalArguments();
    const int choices = int(parser.isSet(list)) + int(parser.isSet(latest)) + int(!files.isEmpty());
    if (files.size() > 1)
        return usageError(tr("'restore' takes one BACKUP_FILE at most."));
    if (choices != 1)
        return usageError(tr("'restore' needs exactly one of --list, --latest or a BACKUP_FILE."));

    const QString database = QDir::toNativeSeparators(QFileInfo(m_dbPath).absoluteFilePath());
    const QString folder = QDir::toNativeSeparators(backupFolder(m_dbPath));
    if (parser.isSet(list)) {
        const QList<BackupInfo> backups = listBackups(m_dbPath);
        if (backups.isEmpty()) {
            m_out << tr("There are no backups of %1 in %2.").arg(database, folder) << u'\n';
            return Ok;
        }
        m_out << tr("Backups of %1 in %2, newest first:").arg(database, folder) << u'\n';
        QList<QStringList> rows;
        for (const BackupInfo &b : backups)
            rows << QStringList{utcText(b.takenAt), kindText(b.kind),
                                b.schemaVersion > 0 ? QString::number(b.schemaVersion) : QStringLiteral("-"),
                                QLocale::c().formattedDataSize(b.bytes), QFileInfo(b.path).fileName()};
        m_out << table({tr("TAKEN"), tr("KIND"), tr("SCHEMA"), tr("SIZE"), tr("FILE")}, rows);
        return Ok;
    }

    QString backup;
    if (parser.isSet(latest)) {
        const auto newest = latestBackup(m_dbPath);
        if (!newest) {
            m_err << tr("There is no backup of %1 in %2 to restore.").arg(database, folder) << u'\n';
            return Failed;
        }
        backup = newest->path;
    } else {
        backup = files.first();
        if (!inputAllowed(backup))
            return Failed;
    }
    const auto restored = restoreBackup(m_dbPath, backup, Clock::nowUtc());
    if (!restored) {
        m_err << restored.error().text() << u'\n';
        return Failed;
    }
    m_out << tr("Restored %1 from the backup %2.").arg(database, QDir::toNativeSeparators(restored->restoredFrom))
          << u'\n';
    if (!restored->safetyCopy.isEmpty())
        m_out << tr("The database as it was is kept as %1.").arg(QDir::toNativeSeparators(restored->safetyCopy))
              << u'\n';
    return Ok;
}

} // namespace rehabit::cli
