#pragma once
// Helpers of the catalog tests: the bundled file as a JSON tree, one value
// changed at a JSON path, and parsing the result.

#include "rehabit/catalog/CatalogJson.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <variant>

namespace rehabit::test {

inline QString testDataPath(const QString &relative)
{
    return QStringLiteral(REHABIT_TEST_DATA_DIR "/") + relative;
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline QJsonObject bundledObject()
{
    return QJsonDocument::fromJson(CatalogJson::bundledBytes()).object();
}

inline QByteArray bytesOf(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

/// One step of a JSON path: a key or an array index.
using PathStep = std::variant<QString, int>;

/// Sets (or, with an undefined value, removes) the value at path.
inline QJsonValue withValue(const QJsonValue &node, const QList<PathStep> &path, const QJsonValue &value,
                            qsizetype at = 0)
{
    if (at == path.size())
        return value;
    const PathStep &step = path.at(at);
    if (const auto *key = std::get_if<QString>(&step)) {
        QJsonObject o = node.toObject();
        const QJsonValue child = withValue(o.value(*key), path, value, at + 1);
        if (child.isUndefined())
            o.remove(*key);
        else
            o.insert(*key, child);
        return o;
    }
    const int index = std::get<int>(step);
    QJsonArray a = node.toArray();
    const QJsonValue child = withValue(a.at(index), path, value, at + 1);
    if (child.isUndefined())
        a.removeAt(index);
    else
        a.replace(index, child);
    return a;
}

/// The bundled catalog with one value changed, parsed.
inline Result<Catalog> parseChanged(const QList<PathStep> &path, const QJsonValue &value)
{
    return CatalogJson::parse(bytesOf(withValue(bundledObject(), path, value).toObject()));
}

inline QJsonObject range(int min, int max, int def)
{
    return QJsonObject{{QStringLiteral("min"), min}, {QStringLiteral("max"), max}, {QStringLiteral("default"), def}};
}

inline QString k(const char *key)
{
    return QString::fromLatin1(key);
}

} // namespace rehabit::test
