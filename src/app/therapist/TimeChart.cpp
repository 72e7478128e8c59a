#include "therapist/TimeChart.h"

#include "shell/ModuleLibrary.h"

#include "rehabit/platform/Clock.h"

#include <QLabel>
#include <QVBoxLayout>

namespace rehabit {

TimeChart::TimeChart(const QString &title, const QString &yTitle, double yMin, double yMax, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_yTitle(yTitle)
    , m_yMin(yMin)
    , m_yMax(yMax)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    setMinimumHeight(170);
    setAccessibleName(title);
    setLines({});
}

void TimeChart::setReference(double value, const QString &name)
{
    m_reference = ChartReference{value, name};
    replot();
}

void TimeChart::setLines(const QList<ChartLine> &lines, QDate from, QDate to)
{
    m_lines = lines;
    m_from = from;
    m_to = to;
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
    m_first = first;
    m_last = last;
    replot();
}

bool TimeChart::loadPlot()
{
    if (m_plot)
        return true;
    if (m_missing)
        return false;
    const auto make = reinterpret_cast<MakeLineChartPlot>(
        moduleFunction(QString::fromLatin1(kChartsModule), kMakeLineChartPlotSymbol));
    if (make)
        m_plot = make(m_title, m_yTitle, m_yMin, m_yMax, this);
    if (!m_plot) {
        m_missing = new QLabel(tr("%1: the charts are not installed with this copy of Rehabit "
                                  "(the module %2 was not found). The figures above and the tables below are "
                                  "complete.")
                                   .arg(m_title, QString::fromLatin1(kChartsModule)),
                               this);
        m_missing->setWordWrap(true);
        m_missing->setAlignment(Qt::AlignCenter);
        layout()->addWidget(m_missing);
        return false;
    }
    layout()->addWidget(m_plot->widget());
    replot();
    return true;
}

void TimeChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadPlot();
}

void TimeChart::replot()
{
    if (m_plot)
        m_plot->plot(m_lines, m_first, m_last, m_reference);
}

} // namespace rehabit
