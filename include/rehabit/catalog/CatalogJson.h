#pragma once
// The catalog file format (docs/catalog-format.md, resources/catalog/exercises.schema.json):
// parse and validate a whole file before anything is written, and write entries back.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

namespace rehabit {

class CatalogJson {
public:
    /// Files above this size are refused before parsing.
    static constexpr qint64 MaxFileBytes = 32 * 1024 * 1024;

    /// Validates the whole document. On failure the error's location is
    /// "line:column" for a syntax error or a JSON path such as
    /// "exercises[3].dosage.sets.max" for content, and the message says
    /// what was expected. The first error found is returned.
    /// The origin is not part of the file: every entry comes back as
    /// ExerciseOrigin::Bundled, and Store::importCatalog() records the origin
    /// it is given.
    static Result<Catalog> parse(const QByteArray &json);

    /// Reads and parses a file (size limit, unreadable file, then parse()).
    /// Locations are those of parse(); errors about the file as a whole
    /// (missing, unreadable, too large) have an empty location. The path is
    /// never part of the error: the caller prints it in front.
    static Result<Catalog> parseFile(const QString &path);

    /// The catalog bundled in the program's resources.
    static Result<Catalog> bundled();
    static QByteArray bundledBytes();

    /// One entry in the catalog-file form (lossless: parseExercise(toJson(e)) == e,
    /// the origin apart, see parse()).
    static QJsonObject toJson(const Exercise &exercise);
    /// A whole catalog file, keys in the documented order, UTF-8, indented
    /// (lossless: parse(toDocument(c)) == c for a valid catalog of bundled entries).
    static QByteArray toDocument(const Catalog &catalog);

    /// Validates one entry in the catalog-file form (as written by toJson(),
    /// for example kept by a store). Error locations are paths inside the
    /// entry ("dosage.sets.max").
    static Result<Exercise> parseExercise(const QJsonObject &entry);
    /// An exercise of the therapist's own, checked like an entry of a catalog
    /// file, with the same paths ("dosage.sets.max"). Returns it as a catalog
    /// entry reads back (every backend calls it before it stores one).
    static Result<Exercise> validCustomExercise(const Exercise &exercise) { return parseExercise(toJson(exercise)); }

    /// One entry in the CLI's documented shape:
    /// {id, name, phase, category, kind, sides, dosage: {sets, reps, hold_seconds,
    ///  duration_seconds} with each {min, max, default} or null}.
    static QJsonObject toCliJson(const Exercise &exercise);
};

} // namespace rehabit
