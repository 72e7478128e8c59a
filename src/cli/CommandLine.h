#pragma once
// rehabit-cli's commands. Each command parses its own options (so that
// "rehabit-cli COMMAND --help" explains that command), writes results to
// stdout, errors to stderr, and returns the process exit code.

#include "rehabit/domain/Result.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

#include "rehabit/domain/PatientRecord.h"
#include "rehabit/review/History.h"

class QDate;

namespace rehabit {
class Store;
namespace print {
struct ClinicDetails;
struct Handout;
enum class Paper;
} // namespace print
} // namespace rehabit

namespace rehabit::cli {

/// Exit codes, documented in docs/cli.md.
enum ExitCode {
    Ok = 0,
    Failed = 1,     ///< the command ran and found a problem (bad file, unhealthy database)
    UsageError = 2, ///< the command line itself is wrong
};

class CommandLine {
public:
    CommandLine();
    int run(const QStringList &arguments);

    /// True when the command needs Qt Gui (fonts and painting): 'print'.
    /// main() then starts a QGuiApplication instead of a QCoreApplication.
    static bool needsGui(const QStringList &arguments);

private:
    int catalog(const QStringList &args);
    int check(const QStringList &args);
    int importCatalog(const QStringList &args);
    int print(const QStringList &args); // PrintCommand.cpp
    /// One patient's handout (PATIENT an id or a UUID) to OUT (a PDF) or, when OUT is empty, to PRINTER.
    int printPatient(const Store &store, const QString &patient, const print::ClinicDetails &details, const QDate &day,
                     print::Paper paper, const QString &out, const QString &printer);
    /// CUPS's lp and lpstat are installed and know PRINTER; else says why and returns false.
    bool printerReady(const QString &printer);
    int sendToPrinter(const print::Handout &handout, print::Paper paper, const QString &printer);
    /// Every patient due on DAY: one PDF each into OUTDIR, or (PRINTER not empty) each sent to PRINTER.
    int printAllDue(const Store &store, const print::ClinicDetails &details, const QDate &day, print::Paper paper,
                    const QString &outDir, const QString &printer);
    int restore(const QStringList &args);
    int openFailed(const Error &error);
    void dailyBackup(bool databaseExisted);
    QString restoreCommand() const;
    // The therapist's review (ReviewCommands.cpp).
    int patients(const QStringList &args);
    int history(const QStringList &args);
    int exportPatient(const QStringList &args);
    int importPatient(const QStringList &args);
    int demoData(const QStringList &args);
    int backupFolderCommand(const QStringList &args); // BackupCommands.cpp
    /// Opens m_dbPath (and loads the bundled catalog when `catalog`); prints the error and returns nullptr on failure.
    std::unique_ptr<Store> openStore(bool readOnly, bool catalog);
    struct LoadedPatient {
        std::optional<PatientRecord> record; ///< always set
        QList<Exercise> exercises;
    };
    /// One patient's record and the exercises, read only; prints the error and returns nullopt on failure.
    /// key: the patient's id or UUID (as --patient gives it).
    std::optional<LoadedPatient> loadPatient(const QString &key);
    /// The id of the patient `key` names (an id or a UUID, as --patient gives
    /// it): 0 if there is no such patient; prints the error and returns nullopt on failure.
    std::optional<qint64> patientIdOf(const Store &store, const QString &key);
    /// One patient's history through the store's review queries (not the
    /// whole record), read only; prints the error and returns nullopt on failure.
    std::optional<PatientHistory> readHistory(const QString &key);
    /// The history as the table of 'history'.
    static QString historyTable(const PatientHistory &history, const ReviewFigures &figures);
    int usageError(const QString &message);
    std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args);
    /// Opens m_dbPath read-only (no lock, no migration, nothing written); on
    /// error prints it and returns null.
    std::unique_ptr<Store> openReadOnly();

    // Refusals of paths (PathChecks.cpp): each prints why and returns false.
    /// `out` is not the database, one of its files or in its backups folder.
    bool outputAllowed(const QString &out);
    /// m_dbPath is a regular file or does not exist yet.
    bool databaseAllowed();
    /// `file` is not a device, named pipe or socket.
    bool inputAllowed(const QString &file);
    /// A writing command may write m_dbPath: it is not marked damaged and
    /// not on read-only media (checkWritable). Asked before anything else.
    bool writeAllowed();
    /// A reading command's exit code: its output stands, but a database
    /// marked damaged adds a warning and makes it 1.
    int finishRead(int code);

    /// Column-aligned plain text table; control characters in cells are escaped.
    static QString table(const QStringList &header, const QList<QStringList> &rows);

    QString m_dbPath;
    bool m_dbGiven = false; ///< --db was on the command line
    bool m_writing = false; ///< the command writes to the database (run() says which)
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace rehabit::cli
