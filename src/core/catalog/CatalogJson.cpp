// Reading the catalog format (docs/catalog-format.md). Parsing runs in two passes:
// JsonSyntax checks the bytes (exact "line:column" for syntax errors, duplicate
// keys), then CatalogValidator checks the content against the format and
// reports the first fault by its JSON path ("exercises[3].dosage.sets.max").
// Writing: CatalogJsonWriter.cpp.

#include "rehabit/catalog/CatalogJson.h"

#include "catalog/CatalogValidator.h"
#include "catalog/JsonSyntax.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

using catalog::CatalogValidator;
using catalog::JsonSyntax;

Error fileTooLarge(qint64 bytes)
{
    // In bytes: a rounded figure would read "32.0 MiB; at most 32 MiB" for one byte over.
    return Error{QCoreApplication::translate("rehabit::CatalogJson",
                                             "the file is %1 bytes; a catalog file may be at most %2 bytes (%3 MiB)")
                     .arg(bytes)
                     .arg(CatalogJson::MaxFileBytes)
                     .arg(CatalogJson::MaxFileBytes / (1024 * 1024)),
                 QString()};
}

} // namespace

Result<Catalog> CatalogJson::parse(const QByteArray &json)
{
    if (json.size() > MaxFileBytes)
        return fileTooLarge(json.size());
    if (auto syntaxError = JsonSyntax::check(json))
        return *syntaxError;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // JsonSyntax is stricter than QJsonDocument; should the two ever
        // disagree, Qt's own account is reported where Qt located it.
        return Error{parseError.errorString(), JsonSyntax::lineColumn(json, parseError.offset)};
    }
    CatalogValidator validator;
    auto catalog = validator.catalog(doc.object());
    if (!catalog)
        return *validator.error;
    return std::move(*catalog);
}

Result<Exercise> CatalogJson::parseExercise(const QJsonObject &entry)
{
    CatalogValidator validator;
    auto e = validator.exercise(entry, QString());
    if (!e)
        return *validator.error;
    return std::move(*e);
}

Result<Catalog> CatalogJson::parseFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{QCoreApplication::translate("rehabit::CatalogJson", "the file does not exist"), QString()};
    if (info.isDir())
        return Error{QCoreApplication::translate("rehabit::CatalogJson", "this is a folder, not a catalog file"),
                     QString()};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("rehabit::CatalogJson", "the file cannot be opened: %1")
                         .arg(file.errorString()),
                     QString()};
    // Refused by its size before anything is read; a device whose size is
    // unknown is read up to one byte past the limit.
    if (!file.isSequential() && file.size() > MaxFileBytes)
        return fileTooLarge(file.size());
    const QByteArray data = file.read(MaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return Error{
            QCoreApplication::translate("rehabit::CatalogJson", "the file cannot be read: %1").arg(file.errorString()),
            QString()};
    if (data.size() > MaxFileBytes)
        return fileTooLarge(data.size());
    return parse(data);
}

QByteArray CatalogJson::bundledBytes()
{
    QFile file(u":/rehabit/catalog/exercises.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Result<Catalog> CatalogJson::bundled()
{
    static const Result<Catalog> cached = []() -> Result<Catalog> {
        const QByteArray bytes = bundledBytes();
        if (bytes.isEmpty())
            return Error{QCoreApplication::translate(
                             "rehabit::CatalogJson",
                             "the bundled exercise catalog is missing from the program's resources: reinstall Rehabit"),
                         QString()};
        return parse(bytes);
    }();
    return cached;
}

} // namespace rehabit
