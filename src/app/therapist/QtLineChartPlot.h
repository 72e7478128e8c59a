#pragma once
// The charts module's line chart over dates (built into rehabit_charts with Qt
// Charts, not into rehabit_gui; see shell/ModuleLibrary.h and TimeChart).

#include "therapist/LineChartPlot.h"

#include <QChartView>

namespace rehabit {

class QtLineChartPlot final : public QChartView, public LineChartPlot {
public:
    QtLineChartPlot(const QString &title, const QString &yTitle, double yMin, double yMax, QWidget *parent = nullptr);

    QWidget *widget() override { return this; }
    void plot(const QList<ChartLine> &lines, QDate first, QDate last,
              const std::optional<ChartReference> &reference) override;

private:
    double m_yMin;
    double m_yMax;
    QString m_yTitle;
};

} // namespace rehabit
