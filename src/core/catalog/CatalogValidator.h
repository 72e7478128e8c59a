#pragma once
// Checks the content of one catalog document or entry against the format
// (docs/catalog-format.md) after JsonSyntax has checked its bytes, and stops
// at the first fault, reported by its JSON path ("exercises[3].dosage.sets.max").
// The checks of one value (text, integer, range, code ...) and of the whole
// document are in CatalogValidator.cpp; those of one exercise entry in
// CatalogValidatorEntry.cpp.

#include "catalog/JsonSyntax.h"
#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace rehabit::catalog {

class CatalogValidator {
public:
    /// The first fault found; set once, never overwritten.
    std::optional<Error> error;

    std::optional<Catalog> catalog(const QJsonObject &root);
    std::optional<Exercise> exercise(const QJsonObject &o, const QString &path);

    /// "text" -> "\"text\"".
    static QString quoted(const QString &s);
    /// A value as a person reads it in "found ...": "ten" quoted, numbers as
    /// written, "an object", "an array".
    static QString describe(const QJsonValue &v);

private:
    struct Key {
        const char *name;
        bool required;
    };

    void fail(const QString &path, const QString &message)
    {
        if (!error)
            error = Error{message, path};
    }
    static QString at(const QString &path, const char *key) { return JsonSyntax::pathMember(path, QLatin1String(key)); }

    // One value (CatalogValidator.cpp).
    bool keys(const QJsonObject &o, const QString &path, std::initializer_list<Key> allowed);
    std::optional<QJsonObject> object(const QJsonValue &v, const QString &path);
    std::optional<QJsonArray> array(const QJsonValue &v, const QString &path, int minItems, int maxItems);
    std::optional<QString> text(const QJsonValue &v, const QString &path, int maxLength);
    std::optional<int> integer(const QJsonValue &v, const QString &path, int min, int max);
    std::optional<Range> range(const QJsonValue &v, const QString &path, int limit);
    bool optionalRange(const QJsonValue &v, const QString &path, int limit, std::optional<Range> &out);
    std::optional<QStringList> texts(const QJsonValue &v, const QString &path, int minItems, int maxItems,
                                     int maxLength, bool unique);
    template <typename E>
    std::optional<E> code(const QJsonValue &v, const QString &path, std::optional<E> (*fromCode)(const QString &),
                          std::initializer_list<const char *> codes);

    // The parts of one exercise entry, in the order of the format
    // (CatalogValidatorEntry.cpp). Each fills its part of e or fails.
    bool readIdentity(const QJsonObject &o, const QString &path, Exercise &e);
    bool readDosage(const QJsonObject &o, const QString &path, Exercise &e);
    bool dosageMatchesKind(const Exercise &e, const QJsonObject &dosage, const QString &path);
    bool readRest(const QJsonObject &o, const QString &path, Exercise &e);
    bool readFollowUp(const QJsonObject &o, const QString &path, Exercise &e);
    bool readSteps(const QJsonObject &o, const QString &path, Exercise &e);
    bool readVariants(const QJsonObject &o, const QString &path, Exercise &e);
    bool readReferences(const QJsonObject &o, const QString &path, Exercise &e);
    bool readSourceNote(const QJsonObject &o, const QString &path, Exercise &e);
    bool readUnspecified(const QJsonObject &o, const QString &path, Exercise &e);
    bool readIllustration(const QJsonObject &o, const QString &path, Exercise &e);
};

template <typename E>
std::optional<E> CatalogValidator::code(const QJsonValue &v, const QString &path,
                                        std::optional<E> (*fromCode)(const QString &),
                                        std::initializer_list<const char *> codes)
{
    if (v.isString())
        if (const auto e = fromCode(v.toString()))
            return e;
    QStringList shown;
    for (const char *c : codes)
        shown << quoted(QLatin1String(c));
    fail(path, QCoreApplication::translate("rehabit::CatalogJson", "expected one of %1, found %2")
                   .arg(shown.join(QLatin1String(", ")), describe(v)));
    return std::nullopt;
}

} // namespace rehabit::catalog
