#pragma once
// A Qt Charts line chart over dates, fed by plain values: the history's pain
// chart (0-10) and adherence chart (0-100 %) are two of these.

#include <QChartView>
#include <QColor>
#include <QDate>
#include <QList>
#include <QString>

namespace rehabit {

struct DatedValue {
    QDate date;
    double value = 0;
    bool operator==(const DatedValue &) const = default;
};

struct ChartLine {
    QString name;             ///< the legend entry
    QList<DatedValue> points; ///< oldest first; days without a value are simply absent
    QColor color;             ///< invalid: the chart theme's
    Qt::PenStyle style = Qt::SolidLine;
    bool markers = false; ///< draw each point (for sparse lines)
};

class TimeChart : public QChartView {
    Q_OBJECT
public:
    /// `yTitle` names the value axis, which runs from `yMin` to `yMax`.
    TimeChart(const QString &title, const QString &yTitle, double yMin, double yMax, QWidget *parent = nullptr);

    /// Replaces every line; the date axis spans `from`..`to` (or the data if invalid).
    void setLines(const QList<ChartLine> &lines, QDate from = {}, QDate to = {});
    /// A horizontal dashed reference line (for example 80 % adherence); none if not set.
    void setReference(double value, const QString &name);

    const QList<ChartLine> &lines() const { return m_lines; }

private:
    QList<ChartLine> m_lines;
    std::optional<std::pair<double, QString>> m_reference;
    double m_yMin;
    double m_yMax;
    QString m_yTitle;
};

} // namespace rehabit
