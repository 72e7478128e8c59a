// checkOutputPath(), checkDatabasePath(), checkInputFile() and OutputFile on
// their own, without the CLI: which paths are the database's, which files are
// written in place, and what a refusal says.

#include "RehabitCatch.h"

#include "rehabit/platform/OutputFile.h"
#include "rehabit/store/OutputPath.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace rehabit;

namespace {

void touch(const QString &path, const QByteArray &bytes = "x")
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(bytes) == bytes.size());
}

/// /dev/full, or as root a node of its own in `dir`: a regression must not
/// replace the machine's device node (see tests/cli/CliOutputTest.cpp).
QString fullDevice(const QTemporaryDir &dir)
{
    if (::geteuid() != 0)
        return QStringLiteral("/dev/full");
    const QByteArray own = QFile::encodeName(dir.filePath(QStringLiteral("full")));
    if (::mknod(own.constData(), S_IFCHR | 0666, makedev(1, 7)) == 0) {
        const int fd = ::open(own.constData(), O_WRONLY); // fails on a file system mounted nodev
        if (fd >= 0) {
            ::close(fd);
            return QFile::decodeName(own);
        }
        ::unlink(own.constData());
    }
    WARN("running as root without the right to make a device node: testing /dev/full");
    return QStringLiteral("/dev/full");
}

} // namespace

TEST_CASE("checkOutputPath: the database and its files by any name or link are refused, other files are not")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("data/clinic.sqlite"));
    REQUIRE(QDir(dir.path()).mkpath(QStringLiteral("data/backups")));
    REQUIRE(QDir(dir.path()).mkdir(QStringLiteral("out")));
    touch(db);
    // The database reached through a link to its folder: its files are the same files.
    REQUIRE(QFile::link(dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("via"))));
    const QByteArray hard = QFile::encodeName(dir.filePath(QStringLiteral("out/copy.csv")));
    REQUIRE(::link(QFile::encodeName(db).constData(), hard.constData()) == 0);

    for (const QString &bad : QStringList{
             db, db + QStringLiteral("-wal"), db + QStringLiteral("-shm"), db + QStringLiteral("-journal"),
             db + QStringLiteral(".lock"), db + QStringLiteral(".checked"), db + QStringLiteral(".restore.tmp"),
             dir.filePath(QStringLiteral("via/clinic.sqlite-wal")),
             dir.filePath(QStringLiteral("out/../data/clinic.sqlite")), dir.filePath(QStringLiteral("out/copy.csv")),
             dir.filePath(QStringLiteral("data/backups")), dir.filePath(QStringLiteral("via/backups/new/x.pdf"))}) {
        INFO(bad.toStdString());
        const auto checked = checkOutputPath(bad, db);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().message.contains(bad));
        CHECK(checked.error().message.contains(QStringLiteral("Nothing was written")));
    }
    // The database given through the link: the same answers.
    CHECK_FALSE(checkOutputPath(db + QStringLiteral("-wal"), dir.filePath(QStringLiteral("via/clinic.sqlite"))).ok());

    for (const QString &good : QStringList{dir.filePath(QStringLiteral("out/export.csv")),
                                           dir.filePath(QStringLiteral("data/clinic.sqlite.csv")),
                                           dir.filePath(QStringLiteral("data/backups-of-mine/x.pdf")),
                                           dir.filePath(QStringLiteral("out/new/folder/x.pdf"))}) {
        INFO(good.toStdString());
        CHECK(checkOutputPath(good, db).ok());
    }
}

TEST_CASE("checkDatabasePath and checkInputFile refuse what is not a regular file")
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const QString file = dir.filePath(QStringLiteral("file.json"));
    touch(file);

    CHECK(checkDatabasePath(file).ok());
    CHECK(checkDatabasePath(dir.filePath(QStringLiteral("new.sqlite"))).ok());
    CHECK_FALSE(checkDatabasePath(fifo).ok());
    CHECK_FALSE(checkDatabasePath(dir.path()).ok());
    CHECK(checkDatabasePath(dir.path()).error().message.contains(QStringLiteral("a folder")));
    CHECK(checkDatabasePath(fifo).error().message.contains(QStringLiteral("named pipe")));

    CHECK(checkInputFile(file).ok());
    CHECK(checkInputFile(dir.filePath(QStringLiteral("missing.json"))).ok()); // the reader says it is missing
    CHECK(checkInputFile(dir.path()).ok());                                   // the reader says it is a folder
    CHECK_FALSE(checkInputFile(fifo).ok());
}

TEST_CASE("OutputFile writes a file whole, refuses a folder and a pipe nobody reads")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.txt"));
    REQUIRE(OutputFile::write(path, "first").ok());
    REQUIRE(OutputFile::write(path, "second").ok());
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll() == "second");
    CHECK(QDir(dir.path()).entryList(QDir::Files) == QStringList{QStringLiteral("a.txt")}); // no temporary left

    const auto folder = OutputFile::write(dir.path(), "x");
    REQUIRE_FALSE(folder.ok());
    CHECK(folder.error().message.contains(QStringLiteral("folder")));

    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const auto unread = OutputFile::write(fifo, "x");
    REQUIRE_FALSE(unread.ok());
    CHECK(unread.error().message.contains(QStringLiteral("no program reads")));
    struct stat st {};
    REQUIRE(::lstat(QFile::encodeName(fifo).constData(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));

    const auto full = OutputFile::write(fullDevice(dir), "x");
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().message == QStringLiteral("the disk is full; nothing was written."));
}

#endif // Q_OS_UNIX
