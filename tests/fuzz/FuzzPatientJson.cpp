// libFuzzer target: the patient import (PatientJson::parse), which reads a
// JSON export that may come from another clinic, a mail attachment or a
// damaged disk. Every input must end in a record or an Error; no crash, no
// sanitizer report. A record that parses must survive the round trip:
// toJson(parse(toJson(r))) == toJson(r).
#include "rehabit/exchange/PatientExport.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const rehabit::Result<rehabit::PatientRecord> record = rehabit::PatientJson::parse(bytes);
    if (!record) {
        if (record.error().message.isEmpty()) {
            std::fputs("a refused patient file came back without a message\n", stderr);
            std::abort();
        }
        return 0;
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(1'750'000'000'000, Qt::UTC);
    const QByteArray written = rehabit::PatientJson::toJson(*record, at);
    const rehabit::Result<rehabit::PatientRecord> again = rehabit::PatientJson::parse(written);
    if (!again) {
        std::fprintf(stderr, "a written record does not parse: %s\n", qPrintable(again.error().text()));
        std::abort();
    }
    if (rehabit::PatientJson::toJson(*again, at) != written) {
        std::fputs("the round trip changed the record\n", stderr);
        std::abort();
    }
    return 0;
}
