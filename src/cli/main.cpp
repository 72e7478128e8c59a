// rehabit-cli: the same core as the app, without widgets.
#include "CommandLine.h"

#include "rehabit/ApplicationIdentity.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    rehabit::applyApplicationIdentity();
    return rehabit::cli::CommandLine().run(QCoreApplication::arguments());
}
