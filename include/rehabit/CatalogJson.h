#pragma once
// The catalog file format (docs/catalog-format.md, resources/catalog/exercises.schema.json):
// parse and validate a whole file before anything is written, and write entries back.

#include "rehabit/Exercise.h"
#include "rehabit/Result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

namespace rehabit {

class CatalogJson {
public:
    /// Files above this size are refused before parsing.
    static constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

    /// Validates the whole document. On failure the error's location is
    /// "line:column" for a syntax error or a JSON path such as
    /// "exercises[3].dosage.sets.max" for content, and the message says
    /// what was expected.
    static Result<Catalog> parse(const QByteArray &json);

    /// Reads and parses a file (size limit, unreadable file, then parse()).
    static Result<Catalog> parseFile(const QString &path);

    /// The catalog bundled in the program's resources.
    static Result<Catalog> bundled();
    static QByteArray bundledBytes();

    /// One entry in the catalog-file form (lossless: parse(toJson(e)) == e).
    static QJsonObject toJson(const Exercise &exercise);
    static QByteArray toDocument(const Catalog &catalog);

    /// One entry in the CLI's documented shape:
    /// {id, name, phase, category, kind, sides, dosage: {sets, reps, hold_seconds,
    ///  duration_seconds} with each {min, max, default} or null}.
    static QJsonObject toCliJson(const Exercise &exercise);
};

} // namespace rehabit
