#include "rehabit/platform/ApplicationIdentity.h"

#include <QCoreApplication>

namespace rehabit {

void applyApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("Rehabit"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REHABIT_VERSION));
}

QString settingsOrganization()
{
    return QStringLiteral("Rehabit");
}

} // namespace rehabit
