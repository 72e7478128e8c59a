// rehabit-cli's refusals of paths (docs/cli.md, "What every command
// refuses"): an output onto the database, its files or its backups; a --db
// or an input file that is not a regular file. Each runs before anything is
// opened, locked or written, and prints why.
#include "CommandLine.h"

#include "TerminalText.h"

#include "rehabit/store/OutputPath.h"

namespace rehabit::cli {

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

} // namespace rehabit::cli
