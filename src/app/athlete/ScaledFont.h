#pragma once
// The athlete's screens are read from the floor, metres away: their words are
// the widget's font made larger, the same way on every page.

#include <QFont>

namespace rehabit {

/// `font` at `factor` times its size, bold or not.
inline QFont scaled(QFont font, qreal factor, bool bold = false)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace rehabit
