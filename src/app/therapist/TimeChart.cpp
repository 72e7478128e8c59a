#include "therapist/TimeChart.h"

#include "rehabit/platform/Clock.h"

#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPalette>
#include <QValueAxis>

namespace rehabit {
namespace {

qreal msOf(QDate date)
{
    return qreal(date.startOfDay().toMSecsSinceEpoch());
}

} // namespace

TimeChart::TimeChart(const QString &title, const QString &yTitle, double yMin, double yMax, QWidget *parent)
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
    setMinimumHeight(170);
    setAccessibleName(title);
    setLines({});
}

void TimeChart::setReference(double value, const QString &name)
{
    m_reference = std::pair{value, name};
    setLines(m_lines);
}

void TimeChart::setLines(const QList<ChartLine> &lines, QDate from, QDate to)
{
    m_lines = lines;
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

    QDate first = from;
    QDate last = to;
    for (const ChartLine &line : lines) {
        if (line.points.isEmpty())
            continue;
        if (!from.isValid() && (!first.isValid() || line.points.first().date < first))
            first = line.points.first().date;
        if (!to.isValid() && (!last.isValid() || line.points.last().date > last))
            last = line.points.last().date;
    }
    if (!first.isValid())
        first = Clock::today().addDays(-30);
    if (!last.isValid() || last <= first)
        last = first.addDays(1);
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
    if (m_reference) {
        auto *ref = new QLineSeries;
        ref->setName(m_reference->second);
        ref->append(msOf(first), m_reference->first);
        ref->append(msOf(last), m_reference->first);
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
