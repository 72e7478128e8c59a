// Test main for widget tests: a QApplication on the offscreen platform unless
// the caller chose one, so that ctest (and catch_discover_tests at build time)
// runs without a display.
#if __has_include(<catch2/catch_session.hpp>)
#include <catch2/catch_session.hpp>
#else
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#endif

#include <QApplication>

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RehabitTests"));
    QApplication::setApplicationName(QStringLiteral("rehabit-tests"));
    return Catch::Session().run(argc, argv);
}
