#include "shell/ModuleLibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QLoggingCategory>

#include <map>
#include <memory>

namespace rehabit {
namespace {

Q_LOGGING_CATEGORY(lcModules, "rehabit.modules")

QStringList &searchPathOverride()
{
    static QStringList paths;
    return paths;
}

/// The libraries loaded so far, by file path. Never unloaded (objects they made may still live):
/// destroying a QLibrary at exit leaves its library loaded, and frees the QLibrary itself.
std::map<QString, std::unique_ptr<QLibrary>> &loadedLibraries()
{
    static std::map<QString, std::unique_ptr<QLibrary>> libraries;
    return libraries;
}

QLibrary *load(const QString &file)
{
    auto &loaded = loadedLibraries();
    if (const auto it = loaded.find(file); it != loaded.end())
        return it->second.get();
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
    return loaded.emplace(file, std::move(library)).first->second.get();
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
