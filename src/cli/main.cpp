// rehabit-cli: the same core as the app, without widgets. Only the 'print'
// command needs Qt Gui (fonts, painting): it runs in a QGuiApplication on the
// offscreen platform, so that it works without a display (cron, ssh).
#include "CommandLine.h"

#include "rehabit/platform/ApplicationIdentity.h"

#include <QCoreApplication>
#include <QGuiApplication>

namespace {

template <typename Application>
int runIn(int argc, char **argv)
{
    Application app(argc, argv);
    rehabit::applyApplicationIdentity();
    return rehabit::cli::CommandLine().run(QCoreApplication::arguments());
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (rehabit::cli::CommandLine::needsGui(arguments)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        return runIn<QGuiApplication>(argc, argv);
    }
    return runIn<QCoreApplication>(argc, argv);
}
