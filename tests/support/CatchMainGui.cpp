// Test main for widget tests: a QApplication on the offscreen platform unless
// the caller chose one, so that ctest (and catch_discover_tests at build time)
// runs without a display. Built a second time with REHABIT_TEST_GUI_ONLY for
// tests that paint without widgets (the handouts): a QGuiApplication.
#if __has_include(<catch2/catch_session.hpp>)
#include <catch2/catch_session.hpp>
#else
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#endif

#include <QFile>
#include <QTemporaryDir>
#ifdef REHABIT_TEST_GUI_ONLY
#include <QGuiApplication>
using TestApplication = QGuiApplication;
#else
#include <QApplication>
using TestApplication = QApplication;
#endif

int main(int argc, char **argv)
{
    // Tests never read or write the user's own settings and data.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TestApplication app(argc, argv);
    TestApplication::setOrganizationName(QStringLiteral("RehabitTests"));
    TestApplication::setApplicationName(QStringLiteral("rehabit-tests"));
    return Catch::Session().run(argc, argv);
}
