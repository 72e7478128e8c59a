// Test main for core tests: a QCoreApplication, then Catch2.
#if __has_include(<catch2/catch_session.hpp>)
#include <catch2/catch_session.hpp>
#else
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#endif

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RehabitTests"));
    QCoreApplication::setApplicationName(QStringLiteral("rehabit-tests"));
    return Catch::Session().run(argc, argv);
}
