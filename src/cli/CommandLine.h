#pragma once
// rehabit-cli's commands. Each command parses its own options (so that
// "rehabit-cli COMMAND --help" explains that command), writes results to
// stdout, errors to stderr, and returns the process exit code.

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace rehabit::cli {

/// Exit codes, documented in docs/cli.md.
enum ExitCode {
    Ok = 0,
    Failed = 1,      ///< the command ran and found a problem (bad file, unhealthy database)
    UsageError = 2,  ///< the command line itself is wrong
};


class CommandLine {
public:
    CommandLine();
    int run(const QStringList &arguments);

private:
    int catalog(const QStringList &args);
    int check(const QStringList &args);
    int importCatalog(const QStringList &args);
    int usageError(const QString &message);
    std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args);

    QString m_dbPath;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace rehabit::cli
