#pragma once
// The rows rehabit-bench prints: a figure, its floor measured in the same
// run, and their ratio; as a table or as JSON.

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace rehabit::bench {

/// Samples of one measurement, in one unit.
struct Samples {
    std::vector<double> values;
    void add(double v) { values.push_back(v); }
    bool empty() const { return values.empty(); }
    double median() const;
    /// Nearest-rank percentile, p in (0, 100].
    double percentile(double p) const;
    double max() const;
};

struct Figure {
    double median = 0;
    std::optional<double> p99;
    std::optional<double> peakMiB; ///< peak resident memory, where measured
    int count = 0;
    static Figure of(const Samples &s, bool withP99);
};

struct Row {
    QString figure; ///< what is measured
    QString unit;   ///< "ms", "µs"
    Figure measured;
    QString floorName;           ///< what the floor is
    std::optional<Figure> floor; ///< empty: the floor is 0 (hold timing)
    QString note;                ///< method, sizes, caveats
    /// measured.median / floor.median (empty without a floor)
    std::optional<double> ratio() const;
    std::optional<double> p99Ratio() const;
};

/// Prints one row as soon as it is measured (a full run takes a while).
void printRow(const Row &row);
void printTable(const QList<Row> &rows);
QByteArray toJson(const QList<Row> &rows, const QString &mode);

} // namespace rehabit::bench
