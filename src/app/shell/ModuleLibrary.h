#pragma once
// The app's optional parts that start-up does without: the session's sound and
// speech (Qt Multimedia, TextToSpeech), the therapist's charts (Qt Charts) and
// the print dialogs (Qt PrintSupport) are shared modules, each loaded with
// QLibrary the first time it is needed, so that their libraries are not loaded
// (nor relocated) before the window shows. A module exports plain C functions
// that hand out objects behind the small abstract interfaces of rehabit_gui
// (CueAudio, LineChartPlot, PrintDialogs); it uses no code of rehabit_gui.
//
// Where they are looked for: <dir of the executable>/REHABIT_MODULE_DIR (the
// install's <libdir>/rehabit, as a path from its <bindir>; the build tree has
// the same layout), then the executable's own folder.

#include <QFunctionPointer>
#include <QString>
#include <QStringList>

namespace rehabit {

/// Bumped whenever a module interface changes: a module built for another
/// version is refused (and taken as missing) rather than called.
inline constexpr int kModuleInterfaceVersion = 1;

/// Every module exports this: `extern "C" int rehabit_module_interface()`,
/// returning the kModuleInterfaceVersion it was built with.
inline constexpr char kModuleInterfaceSymbol[] = "rehabit_module_interface";

/// The modules' base names (the files are `<name>.so`).
inline constexpr char kAudioModule[] = "rehabit_audio";
inline constexpr char kChartsModule[] = "rehabit_charts";
inline constexpr char kPrintingModule[] = "rehabit_printing";

/// The folders searched for modules, in order.
QStringList moduleSearchPaths();
/// Search these folders instead (tests); an empty list restores the default.
void setModuleSearchPaths(const QStringList &paths);

/// The function `symbol` of the module `name`, which is loaded the first time
/// (and stays loaded). Null when the module is not installed, cannot be loaded
/// or was built for another interface version; a warning in the log says why.
QFunctionPointer moduleFunction(const QString &name, const char *symbol);

} // namespace rehabit
