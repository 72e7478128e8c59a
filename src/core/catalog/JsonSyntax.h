#pragma once
// Strict RFC 8259 syntax check of a catalog file, run before QJsonDocument
// builds the values. It exists for what QJsonDocument does not give:
// an exact "line:column" for every syntax error (QJsonParseError::offset
// points sometimes at, sometimes after the fault), strict UTF-8, no raw
// control characters in strings, no unpaired surrogate escapes, a small
// nesting limit, and duplicate keys, which QJsonDocument silently collapses
// into the last one.

#include "rehabit/domain/Result.h"

#include <QByteArray>

#include <optional>

namespace rehabit::catalog {

class JsonSyntax {
public:
    /// Deeper nesting is refused; a catalog needs 5 levels.
    static constexpr int MaxDepth = 64;

    /// nullopt if the document is a syntactically valid JSON object with no
    /// duplicate keys. Syntax errors are located as "line:column"; a duplicate
    /// key is located by its JSON path ("exercises[2].dosage.sets").
    static std::optional<Error> check(const QByteArray &json);

    /// "line:column" (both 1-based, the column counted in characters) of a
    /// byte offset into json; a UTF-8 byte order mark does not count.
    static QString lineColumn(const QByteArray &json, qsizetype offset);

    /// A JSON path: "exercises" + 3 -> "exercises[3]"; "exercises[3]" + "dosage"
    /// -> "exercises[3].dosage". Keys that are not plain words are quoted:
    /// dosage["hold seconds"].
    static QString pathIndex(const QString &path, qsizetype index);
    static QString pathMember(const QString &path, const QString &key);
};

} // namespace rehabit::catalog
