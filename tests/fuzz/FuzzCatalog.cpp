// libFuzzer target: the catalog loader (CatalogJson::parse), which reads
// files a user chooses. Every input must end in a Catalog or an Error with a
// location; no crash, no sanitizer report. A catalog that parses must also
// survive the documented round trip: parse(toDocument(c)) == c.
#include "rehabit/catalog/CatalogJson.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const rehabit::Result<rehabit::Catalog> catalog = rehabit::CatalogJson::parse(bytes);
    if (!catalog) {
        if (catalog.error().message.isEmpty()) {
            std::fputs("a refused catalog came back without a message\n", stderr);
            std::abort();
        }
        return 0;
    }
    const rehabit::Result<rehabit::Catalog> again =
        rehabit::CatalogJson::parse(rehabit::CatalogJson::toDocument(*catalog));
    if (!again || !(*again == *catalog)) {
        std::fprintf(stderr, "the round trip changed the catalog: %s\n",
                     again ? "different content" : qPrintable(again.error().text()));
        std::abort();
    }
    return 0;
}
