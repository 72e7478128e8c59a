#include "catalog/IllustrationView.h"

#include <QPainter>

namespace rehabit {

IllustrationView::IllustrationView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumSize(240, 110);
}

void IllustrationView::setFile(const QString &path)
{
    if (path == m_file)
        return;
    m_file = path;
    if (path.isEmpty() || !m_renderer.load(path))
        m_renderer.load(QByteArray());
    setAccessibleDescription(hasDrawing() ? tr("Drawing of the exercise: start and end positions") : QString());
    update();
}

QSize IllustrationView::sizeHint() const
{
    return hasDrawing() ? m_renderer.defaultSize() : QSize(320, 140);
}

void IllustrationView::paintEvent(QPaintEvent *)
{
    if (!hasDrawing())
        return;
    const QSizeF size =
        QSizeF(m_renderer.defaultSize()).scaled(QSizeF(rect().size()) - QSizeF(8, 8), Qt::KeepAspectRatio);
    const QRectF target(QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawRoundedRect(target.adjusted(-4, -4, 4, 4), 6, 6);
    m_renderer.render(&painter, target);
}

} // namespace rehabit
