#pragma once
// An exercise drawing (SVG), scaled to fit and centred, keeping its aspect
// ratio, on a white card (the drawings are made for a light background).

#include <QSvgRenderer>
#include <QWidget>

namespace rehabit {

class IllustrationView : public QWidget {
    Q_OBJECT
public:
    explicit IllustrationView(QWidget *parent = nullptr);

    /// Loads a drawing; an empty or unreadable path shows nothing.
    void setFile(const QString &path);
    QString file() const { return m_file; }
    bool hasDrawing() const { return m_renderer.isValid(); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_file;
    QSvgRenderer m_renderer;
};

} // namespace rehabit
