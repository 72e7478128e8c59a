#include "rehabit/store/CatalogImport.h"

#include "rehabit/catalog/CatalogJson.h"

namespace rehabit {

Result<CatalogImportSummary> importCatalogFile(Store &store, const QString &path, ExerciseOrigin origin)
{
    // The whole file is validated before the store sees any of it.
    const auto catalog = CatalogJson::parseFile(path);
    if (!catalog)
        return catalog.error();
    return store.importCatalog(*catalog, origin);
}

Result<CatalogImportSummary> importBundledCatalog(Store &store)
{
    const auto catalog = CatalogJson::bundled();
    if (!catalog)
        return catalog.error();
    return store.importCatalog(*catalog, ExerciseOrigin::Bundled);
}

} // namespace rehabit
