// rehabit-cli backup-folder: the second folder for backups (another disk, a
// stick), kept in the settings the app shares (docs/cli.md, docs/storage.md).
#include "CommandLine.h"

#include "TerminalText.h"

#include "rehabit/store/Backups.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace rehabit::cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::cli", text);
}

QString shown(const QString &path)
{
    return printable(QDir::toNativeSeparators(path));
}

} // namespace

int CommandLine::backupFolderCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("rehabit-cli backup-folder: a second folder for the daily backups, on another disk or a stick, so that "
           "losing this computer's disk does not lose the record.\n\n"
           "  backup-folder show        the folder set, whether it is there, and its newest backup\n"
           "  backup-folder set PATH    back up into PATH too (it must exist; it may not be the database's folder "
           "or its backups folder)\n"
           "  backup-folder clear       back up into the backups folder only\n\n"
           "The setting is the app's (File > Second backup folder), for every database. Each day's backup is "
           "copied there, checked like the main one and rotated by the same rule; when the folder is not there "
           "(a stick not plugged in) the copy is skipped with a warning and made at the next start."));
    parser.addPositionalArgument(u"ACTION"_s, tr("show, set or clear."), tr("show|set PATH|clear"));
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0);
    if (action == u"show"_s && words.size() == 1) {
        const QString folder = secondBackupFolder();
        if (folder.isEmpty()) {
            m_out << tr("No second backup folder is set: backups go to %1 only.").arg(shown(backupFolder(m_dbPath)))
                  << u'\n';
            return Ok;
        }
        m_out << tr("Second backup folder: %1").arg(shown(folder)) << u'\n';
        if (const auto usable = checkSecondBackupFolder(folder, m_dbPath); !usable) {
            m_out << tr("Not usable now: %1").arg(printable(usable.error().text())) << u'\n';
            return Ok;
        }
        const QList<BackupInfo> there = listSecondFolderBackups(folder, m_dbPath);
        const QString database = shown(QFileInfo(m_dbPath).absoluteFilePath());
        const QString own = shown(secondBackupFolderFor(folder, m_dbPath));
        if (there.isEmpty())
            m_out << tr("It holds no backup of %1 yet (they go to %2).").arg(database, own) << u'\n';
        else
            m_out << tr("It holds %1 backup(s) of %2 in %3; the newest: %4.")
                         .arg(there.size())
                         .arg(database, own, shown(QFileInfo(there.first().path).fileName()))
                  << u'\n';
        if (onSameDisk(folder, m_dbPath))
            m_out << tr("Note: it is on the same disk as the database; a folder on another disk or a stick keeps the "
                        "record if this disk is lost.")
                  << u'\n';
        return Ok;
    }
    if (action == u"clear"_s && words.size() == 1) {
        if (const auto cleared = setSecondBackupFolder(QString(), m_dbPath); !cleared) {
            m_err << errorText(cleared.error()) << u'\n';
            return Failed;
        }
        m_out << tr("No second backup folder is set now: backups go to %1 only.").arg(shown(backupFolder(m_dbPath)))
              << u'\n';
        return Ok;
    }
    if (action == u"set"_s && words.size() == 2) {
        const auto set = setSecondBackupFolder(words.at(1), m_dbPath);
        if (!set) {
            m_err << errorText(set.error()) << u'\n' << tr("The second backup folder is unchanged.") << u'\n';
            return Failed;
        }
        m_out << tr("Second backup folder: %1. Each day's backup is copied there too, checked and rotated like the "
                    "main ones.")
                     .arg(shown(*set))
              << u'\n';
        if (onSameDisk(*set, m_dbPath))
            m_err << tr("Note: %1 is on the same disk as the database %2; a folder on another disk or a stick keeps "
                        "the record if this disk is lost.")
                         .arg(shown(*set), shown(QFileInfo(m_dbPath).absoluteFilePath()))
                  << u'\n';
        return Ok;
    }
    return usageError(tr("'backup-folder' needs 'show', 'set PATH' or 'clear'."));
}

} // namespace rehabit::cli
