#pragma once
// A line chart over dates, fed by plain values: the history's pain chart
// (0-10) and adherence chart (0-100 %) are two of these. The drawing is the
// charts module's (Qt Charts; LineChartPlot), loaded the first time a chart is
// shown; until then the chart only keeps its lines. Without the module the
// chart says in words that the charts are not installed.

#include "therapist/LineChartPlot.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace rehabit {

class TimeChart : public QWidget {
    Q_OBJECT
public:
    /// `yTitle` names the value axis, which runs from `yMin` to `yMax`.
    TimeChart(const QString &title, const QString &yTitle, double yMin, double yMax, QWidget *parent = nullptr);

    /// Replaces every line; the date axis spans `from`..`to` (or the data if invalid).
    void setLines(const QList<ChartLine> &lines, QDate from = {}, QDate to = {});
    /// A horizontal dashed reference line (for example 80 % adherence); none if not set.
    void setReference(double value, const QString &name);

    const QList<ChartLine> &lines() const { return m_lines; }
    /// The date axis' span for the lines shown.
    QDate firstDate() const { return m_first; }
    QDate lastDate() const { return m_last; }

    /// Draws with the charts module now rather than when first shown; false if
    /// the module is not installed (the chart then says so).
    bool loadPlot();
    /// The module's chart, once loaded (null before, or without the module).
    LineChartPlot *plot() const { return m_plot; }
    /// The words shown instead of the chart when the module is missing (null otherwise).
    QLabel *missingLabel() const { return m_missing; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void replot();

    QString m_title;
    QString m_yTitle;
    double m_yMin;
    double m_yMax;
    QList<ChartLine> m_lines;
    QDate m_from;
    QDate m_to;
    QDate m_first;
    QDate m_last;
    std::optional<ChartReference> m_reference;
    LineChartPlot *m_plot = nullptr; ///< a child widget, made by the module
    QLabel *m_missing = nullptr;
};

} // namespace rehabit
