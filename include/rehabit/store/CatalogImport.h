#pragma once
// Catalog files into a store: the whole file is parsed and validated first,
// and nothing is written when it has an error.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Result.h"
#include "rehabit/store/Store.h"

#include <QString>

namespace rehabit {

/// Parses and validates the file (CatalogJson::parseFile), then imports it
/// with Store::importCatalog(). Errors carry CatalogJson's locations
/// ("12:5", "exercises[3].dosage.sets.max"); the path is not part of the
/// error, the caller prints it in front.
Result<CatalogImportSummary> importCatalogFile(Store &store, const QString &path, ExerciseOrigin origin);

/// Imports the catalog bundled with the program (CatalogJson::bundled()).
/// Writes nothing when the store already holds this catalog or a newer one,
/// so the app and the CLI call it on every start. The catalog's version
/// decides: when the stored version is the bundled one's or newer, the file
/// is neither validated nor compared with the stored entries (a change to
/// the bundled file must raise its catalog_version to reach existing
/// databases).
Result<CatalogImportSummary> importBundledCatalog(Store &store);

/// True when importBundledCatalog() would write nothing: the store holds the
/// bundled catalog's version or a newer one (a read of the versions only).
bool bundledCatalogIsCurrent(const Store &store);

} // namespace rehabit
