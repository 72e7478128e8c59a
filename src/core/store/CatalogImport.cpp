#include "rehabit/store/CatalogImport.h"

#include "rehabit/catalog/CatalogJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace rehabit {

Result<CatalogImportSummary> importCatalogFile(Store &store, const QString &path, ExerciseOrigin origin)
{
    // The whole file is validated before the store sees any of it.
    const auto catalog = CatalogJson::parseFile(path);
    if (!catalog)
        return catalog.error();
    return store.importCatalog(*catalog, origin);
}

namespace {

// What the store would answer to an import of the bundled catalog when it
// already holds this version or a newer one: nothing written, every entry
// unchanged. Reading only the file's version and its number of entries
// (QJsonDocument, without CatalogJson's syntax pass and validation) and the
// stored version spares every start the parse and validation of the file and
// the comparison of each stored definition. nullopt: the import must run.
std::optional<CatalogImportSummary> storedIsCurrent(const Store &store)
{
    const QJsonObject root = QJsonDocument::fromJson(CatalogJson::bundledBytes()).object();
    const int bundledVersion = root.value(u"catalog_version").toInt();
    if (bundledVersion < 1)
        return std::nullopt; // let the full parse report what is wrong
    const auto stored = store.catalogVersion();
    if (!stored || *stored < bundledVersion)
        return std::nullopt;
    CatalogImportSummary summary;
    summary.unchanged = int(root.value(u"exercises").toArray().size());
    summary.catalogVersion = *stored;
    return summary;
}

} // namespace

bool bundledCatalogIsCurrent(const Store &store)
{
    return storedIsCurrent(store).has_value();
}

Result<CatalogImportSummary> importBundledCatalog(Store &store)
{
    if (auto current = storedIsCurrent(store))
        return *current;
    const auto catalog = CatalogJson::bundled();
    if (!catalog)
        return catalog.error();
    return store.importCatalog(*catalog, ExerciseOrigin::Bundled);
}

} // namespace rehabit
