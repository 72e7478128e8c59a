#include "shell/ModuleLibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLibrary>
#include <QLoggingCategory>

#include <memory>

namespace rehabit {
namespace {

Q_LOGGING_CATEGORY(lcModules, "rehabit.modules")

QStringList &searchPathOverride()
{
    static QStringList paths;
    return paths;
}

/// The libraries loaded so far, by file path; never unloaded (objects they made may still live).
QHash<QString, QLibrary *> &loadedLibraries()
{
    static QHash<QString, QLibrary *> libraries;
    return libraries;
}

QLibrary *load(const QString &file)
{
    auto &loaded = loadedLibraries();
    if (QLibrary *library = loaded.value(file))
        return library;
    auto library = std::make_unique<QLibrary>(file);
    if (!library->load()) {
        qCWarning(lcModules, "cannot load %s: %s", qUtf8Printable(file), qUtf8Printable(library->errorString()));
        return nullptr;
    }
    using Version = int (*)();
    const auto version = reinterpret_cast<Version>(library->resolve(kModuleInterfaceSymbol));
    if (!version || version() != kModuleInterfaceVersion) {
        qCWarning(lcModules, "%s was built for another version of Rehabit; not used", qUtf8Printable(file));
        return nullptr; // stays loaded by the system, unused
    }
    return loaded.insert(file, library.release()).value();
}

} // namespace

QStringList moduleSearchPaths()
{
    if (!searchPathOverride().isEmpty())
        return searchPathOverride();
    const QDir bin(QCoreApplication::applicationDirPath());
    return {QDir::cleanPath(bin.filePath(QStringLiteral(REHABIT_MODULE_DIR))), bin.absolutePath()};
}

void setModuleSearchPaths(const QStringList &paths)
{
    searchPathOverride() = paths;
}

QFunctionPointer moduleFunction(const QString &name, const char *symbol)
{
    for (const QString &dir : moduleSearchPaths()) {
        const QString file = QDir(dir).filePath(name + QStringLiteral(".so"));
        if (!QFileInfo::exists(file))
            continue;
        QLibrary *library = load(file);
        if (!library)
            return nullptr;
        const QFunctionPointer function = library->resolve(symbol);
        if (!function)
            qCWarning(lcModules, "%s has no function %s", qUtf8Printable(file), symbol);
        return function;
    }
    qCWarning(lcModules, "the module %s is not installed (looked in %s)", qUtf8Printable(name),
              qUtf8Printable(moduleSearchPaths().join(QStringLiteral(", "))));
    return nullptr;
}

} // namespace rehabit
