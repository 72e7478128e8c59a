#include "therapist/QtLineChartPlot.h"

#include "shell/ModuleLibrary.h"

#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPalette>
#include <QValueAxis>

#include <algorithm>
#include <type_traits>

namespace rehabit {
namespace {

qreal msOf(QDate date)
{
    return qreal(date.startOfDay().toMSecsSinceEpoch());
}

} // namespace

QtLineChartPlot::QtLineChartPlot(const QString &title, const QString &yTitle, double yMin, double yMax, QWidget *parent)
    // Our chart from the start: QChartView(parent) would make a default chart,
    // and setChart() would hand that one back to nobody (LeakSanitizer).
    : QChartView(new QChart, parent)
    , m_yMin(yMin)
    , m_yMax(yMax)
    , m_yTitle(yTitle)
{
    QChart *c = chart();
    c->setTitle(title);
    // Follow the system palette rather than a fixed chart theme.
    const QPalette pal = QApplication::palette();
    c->setBackgroundBrush(pal.base());
    c->setTitleBrush(pal.text());
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(title);
}

void QtLineChartPlot::plot(const QList<ChartLine> &lines, QDate first, QDate last,
                           const std::optional<ChartReference> &reference)
{
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes()) {
        c->removeAxis(axis); // the chart gives up its ownership: the axis is ours to delete
        delete axis;
    }

    const QPalette pal = QApplication::palette();
    auto *x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("d MMM"));
    x->setLabelsBrush(pal.text());
    x->setGridLineColor(pal.color(QPalette::Mid));
    auto *y = new QValueAxis;
    y->setRange(m_yMin, m_yMax);
    y->setTitleText(m_yTitle);
    y->setTitleBrush(pal.text());
    y->setLabelsBrush(pal.text());
    y->setLabelFormat(QStringLiteral("%d"));
    y->setGridLineColor(pal.color(QPalette::Mid));
    if (m_yMax - m_yMin <= 10)
        y->setTickCount(int(m_yMax - m_yMin) / 2 + 1);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    x->setRange(first.startOfDay(), last.startOfDay());
    x->setTickCount(std::clamp(int(first.daysTo(last)) / 7 + 1, 2, 5));

    for (const ChartLine &line : lines) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        QList<QPointF> points;
        points.reserve(line.points.size());
        for (const DatedValue &p : line.points)
            points << QPointF(msOf(p.date), p.value);
        series->replace(points);
        QPen pen = series->pen();
        if (line.color.isValid())
            pen.setColor(line.color);
        pen.setStyle(line.style);
        pen.setWidthF(2);
        series->setPen(pen);
        series->setPointsVisible(line.markers);
        c->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    if (reference) {
        auto *ref = new QLineSeries;
        ref->setName(reference->name);
        ref->append(msOf(first), reference->value);
        ref->append(msOf(last), reference->value);
        QPen pen(pal.color(QPalette::Text));
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1);
        ref->setPen(pen);
        c->addSeries(ref);
        ref->attachAxis(x);
        ref->attachAxis(y);
    }
}

} // namespace rehabit

// The module's entry points (shell/ModuleLibrary.h).
extern "C" Q_DECL_EXPORT int rehabit_module_interface()
{
    return rehabit::kModuleInterfaceVersion;
}

extern "C" Q_DECL_EXPORT rehabit::LineChartPlot *rehabit_make_line_chart_plot(const QString &title,
                                                                              const QString &yTitle, double yMin,
                                                                              double yMax, QWidget *parent)
{
    return new rehabit::QtLineChartPlot(title, yTitle, yMin, yMax, parent);
}
static_assert(std::is_same_v<decltype(&rehabit_make_line_chart_plot), rehabit::MakeLineChartPlot>);
