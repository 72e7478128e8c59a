#pragma once
// The charts module's side of TimeChart: a Qt Charts line chart over dates
// (QtLineChartPlot, built into the module rehabit_charts; see
// shell/ModuleLibrary.h), fed by plain values. A plain abstract class, all
// inline, so that the module uses no code of rehabit_gui.

#include <QColor>
#include <QDate>
#include <QList>
#include <QString>

#include <optional>

class QWidget;

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

/// A horizontal dashed line across the chart (for example 80 % adherence).
struct ChartReference {
    double value = 0;
    QString name; ///< the legend entry
};

class LineChartPlot {
public:
    virtual ~LineChartPlot() = default;

    /// The chart's widget; it is the plot itself, owned by the parent it was made with.
    virtual QWidget *widget() = 0;
    /// Replaces every line; the date axis spans `first`..`last` (first < last).
    virtual void plot(const QList<ChartLine> &lines, QDate first, QDate last,
                      const std::optional<ChartReference> &reference) = 0;
};

/// The charts module's factory, `extern "C"`: a chart titled `title` whose
/// value axis, named `yTitle`, runs from `yMin` to `yMax`; a child of `parent`.
using MakeLineChartPlot = LineChartPlot *(*)(const QString &title, const QString &yTitle, double yMin, double yMax,
                                             QWidget *parent);
inline constexpr char kMakeLineChartPlotSymbol[] = "rehabit_make_line_chart_plot";

} // namespace rehabit
