#pragma once
// The names the app and the CLI share, so that both find the same database
// (QStandardPaths::AppDataLocation) and the same settings.

#include <QString>

namespace rehabit {

/// Sets the application name ("Rehabit") and version on QCoreApplication.
/// Leaves the organization empty, so AppDataLocation is ~/.local/share/Rehabit.
void applyApplicationIdentity();

/// "Rehabit", used for QSettings(organization, application).
QString settingsOrganization();

} // namespace rehabit
