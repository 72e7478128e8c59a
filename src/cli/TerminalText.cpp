#include "TerminalText.h"

using namespace Qt::StringLiterals;

namespace rehabit::cli {
namespace {

/// A message longer than this is cut: no message of Rehabit's own comes near it.
constexpr qsizetype MaxMessageLength = 4000;

QString cut(const QString &value, qsizetype length)
{
    return value.size() <= length ? value : value.left(length) + QChar(0x2026);
}

QString escaped(QChar c)
{
    switch (c.unicode()) {
    case u'\n': return u"\\n"_s;
    case u'\r': return u"\\r"_s;
    case u'\t': return u"\\t"_s;
    case 0: return u"\\0"_s;
    default: break;
    }
    if (c.unicode() < 0x100)
        return u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
    return u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0');
}

/// printable(), keeping line breaks and tabs (a message's own layout).
QString printableText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text)
        out += c.category() == QChar::Other_Control && c != u'\n' && c != u'\t' ? escaped(c) : QString(c);
    return out;
}

} // namespace

QString printable(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value)
        out += c.category() == QChar::Other_Control ? escaped(c) : QString(c);
    return out;
}

QList<QStringList> printableRows(const QList<QStringList> &rows)
{
    QList<QStringList> out;
    out.reserve(rows.size());
    for (const QStringList &row : rows) {
        QStringList cells;
        cells.reserve(row.size());
        for (const QString &cell : row)
            cells << printable(cell);
        out << cells;
    }
    return out;
}

QString echoed(const QString &value)
{
    return printable(cut(value, MaxEchoedLength));
}

QString errorText(const Error &error)
{
    // Values are quoted "like this" in the core's messages (keys, codes, texts).
    QString message;
    qsizetype i = 0;
    while (i < error.message.size()) {
        const qsizetype open = error.message.indexOf(u'"', i);
        const qsizetype close = open < 0 ? -1 : error.message.indexOf(u'"', open + 1);
        if (close < 0) {
            message += printableText(error.message.mid(i));
            break;
        }
        message += printableText(error.message.mid(i, open - i)) + u'"'
                   + echoed(error.message.mid(open + 1, close - open - 1)) + u'"';
        i = close + 1;
    }
    message = cut(message, MaxMessageLength);
    return error.location.isEmpty() ? message : echoed(error.location) + u": "_s + message;
}

} // namespace rehabit::cli
