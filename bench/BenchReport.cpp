#include "BenchReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace rehabit::bench {

double Samples::median() const
{
    if (values.empty())
        return 0;
    std::vector<double> v = values;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double Samples::percentile(double p) const
{
    if (values.empty())
        return 0;
    std::vector<double> v = values;
    std::sort(v.begin(), v.end());
    const auto rank = size_t(std::ceil(p / 100.0 * double(v.size())));
    return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

double Samples::max() const
{
    return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

Figure Figure::of(const Samples &s, bool withP99)
{
    Figure f;
    f.median = s.median();
    if (withP99)
        f.p99 = s.percentile(99);
    f.count = int(s.values.size());
    return f;
}

std::optional<double> Row::ratio() const
{
    if (!floor || floor->median <= 0)
        return std::nullopt;
    return measured.median / floor->median;
}

std::optional<double> Row::p99Ratio() const
{
    if (!floor || !floor->p99 || !measured.p99 || *floor->p99 <= 0)
        return std::nullopt;
    return *measured.p99 / *floor->p99;
}

namespace {

QString number(double v)
{
    const double a = std::abs(v);
    return QString::number(v, 'f', a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}

QString figureText(const Figure &f, const QString &unit)
{
    QString s = number(f.median) + u' ' + unit;
    if (f.p99)
        s += u" (p99 "_s + number(*f.p99) + u')';
    if (f.peakMiB)
        s += u", "_s + number(*f.peakMiB) + u" MiB"_s;
    return s;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

} // namespace

void printRow(const Row &row)
{
    QTextStream &o = out();
    o << u"\n"_s << row.figure << u"\n    measured: "_s << figureText(row.measured, row.unit) << u"  n="_s
      << row.measured.count;
    if (row.floor)
        o << u"\n    floor:    "_s << figureText(*row.floor, row.unit) << u"  n="_s << row.floor->count << u"  ("_s
          << row.floorName << u')';
    else
        o << u"\n    floor:    0 ("_s << row.floorName << u')';
    if (const auto r = row.ratio()) {
        o << u"\n    ratio:    "_s << QString::number(*r, 'f', 2);
        if (const auto p = row.p99Ratio())
            o << u" (p99 "_s << QString::number(*p, 'f', 2) << u')';
        if (row.measured.peakMiB && row.floor->peakMiB && *row.floor->peakMiB > 0)
            o << u", memory "_s << QString::number(*row.measured.peakMiB / *row.floor->peakMiB, 'f', 2);
    }
    if (!row.note.isEmpty())
        o << u"\n    note:     "_s << row.note;
    o << Qt::endl;
}

void printTable(const QList<Row> &rows)
{
    QTextStream &o = out();
    o << u"\n| figure | measured | floor | ratio |\n|---|---|---|---|\n"_s;
    for (const Row &row : rows) {
        QString ratio = u"-"_s;
        if (const auto r = row.ratio()) {
            ratio = QString::number(*r, 'f', 2);
            if (const auto p = row.p99Ratio())
                ratio += u" (p99 "_s + QString::number(*p, 'f', 2) + u')';
            if (row.measured.peakMiB && row.floor->peakMiB && *row.floor->peakMiB > 0)
                ratio += u", mem "_s + QString::number(*row.measured.peakMiB / *row.floor->peakMiB, 'f', 2);
        }
        const QString floor = (row.floor ? figureText(*row.floor, row.unit) : u"0"_s) + u" ("_s + row.floorName + u')';
        o << u"| "_s << row.figure << u" | "_s << figureText(row.measured, row.unit) << u" | "_s << floor << u" | "_s
          << ratio << u" |\n"_s;
    }
    o.flush();
}

QByteArray toJson(const QList<Row> &rows, const QString &mode)
{
    auto figure = [](const Figure &f) {
        QJsonObject o{{u"median"_s, f.median}, {u"count"_s, f.count}};
        if (f.p99)
            o.insert(u"p99"_s, *f.p99);
        if (f.peakMiB)
            o.insert(u"peak_mib"_s, *f.peakMiB);
        return o;
    };
    QJsonArray list;
    for (const Row &row : rows) {
        QJsonObject o{{u"figure"_s, row.figure},
                      {u"unit"_s, row.unit},
                      {u"measured"_s, figure(row.measured)},
                      {u"floor_name"_s, row.floorName},
                      {u"note"_s, row.note}};
        if (row.floor)
            o.insert(u"floor"_s, figure(*row.floor));
        if (const auto r = row.ratio())
            o.insert(u"ratio"_s, *r);
        if (const auto r = row.p99Ratio())
            o.insert(u"p99_ratio"_s, *r);
        list.append(o);
    }
    return QJsonDocument(QJsonObject{{u"mode"_s, mode}, {u"rows"_s, list}}).toJson();
}

} // namespace rehabit::bench
