#pragma once
// The name and version a catalog file declares ("format", "format_version"),
// shared by the reader (CatalogValidator) and the writer (CatalogJsonWriter.cpp).

#include <QString>

namespace rehabit::catalog {

inline constexpr int FormatVersion = 1;

inline QString formatName()
{
    return QStringLiteral("rehabit-catalog");
}

} // namespace rehabit::catalog
