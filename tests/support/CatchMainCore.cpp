// Test main for core tests: a QCoreApplication, then Catch2.
#if __has_include(<catch2/catch_session.hpp>)
#include <catch2/catch_session.hpp>
#else
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#endif

#include <QFile>
#include <QTemporaryDir>
#include <QCoreApplication>

int main(int argc, char **argv)
{
    // Tests never read or write the user's own settings and data.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RehabitTests"));
    QCoreApplication::setApplicationName(QStringLiteral("rehabit-tests"));
    return Catch::Session().run(argc, argv);
}
