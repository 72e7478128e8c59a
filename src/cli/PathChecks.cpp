// rehabit-cli's refusals of paths (docs/cli.md, "What every command
// refuses"): an output onto the database, its files or its backups; a --db
// or an input file that is not a regular file. Each runs before anything is
// opened, locked or written, and prints why.
#include "CommandLine.h"

#include "TerminalText.h"

#include "rehabit/store/DamageMark.h"
#include "rehabit/store/OutputPath.h"

#include <QCoreApplication>
#include <QDir>

namespace rehabit::cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::cli", text);
}

} // namespace

bool CommandLine::outputAllowed(const QString &out)
{
    const auto allowed = checkOutputPath(out, m_dbPath);
    if (!allowed)
        m_err << errorText(allowed.error()) << u'\n';
    return allowed.ok();
}

bool CommandLine::databaseAllowed()
{
    const auto allowed = checkDatabasePath(m_dbPath);
    if (!allowed)
        m_err << errorText(allowed.error()) << u'\n';
    return allowed.ok();
}

bool CommandLine::inputAllowed(const QString &file)
{
    const auto allowed = checkInputFile(file);
    if (!allowed)
        m_err << errorText(allowed.error()) << u'\n';
    return allowed.ok();
}

bool CommandLine::writeAllowed()
{
    const auto writable = checkWritable(m_dbPath);
    if (!writable)
        openFailed(writable.error());
    return writable.ok();
}

int CommandLine::finishRead(int code)
{
    if (m_dbPath.isEmpty() || code == UsageError)
        return code; // --help, or a wrong command line: nothing was read
    const auto mark = damageMark(m_dbPath);
    if (!mark)
        return code;
    m_out.flush();
    m_err << tr("Warning: the database %1 is marked damaged (%2): what was printed may be wrong or incomplete. "
                "Restore it from a backup, or run 'rehabit-cli check' to check it again.")
                 .arg(printable(QDir::toNativeSeparators(m_dbPath)),
                      mark->findings.isEmpty()
                          ? tr("see %1").arg(QDir::toNativeSeparators(m_dbPath) + QStringLiteral(".damaged"))
                          : printable(mark->findings.first()))
          << u'\n';
    m_err.flush();
    return Failed;
}

} // namespace rehabit::cli
