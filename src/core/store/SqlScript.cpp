#include "SqlScript.h"

namespace rehabit {
namespace {

bool isWordStart(QChar c)
{
    return c.isLetter() || c == u'_';
}
bool isWordPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

} // namespace

QStringList SqlScript::statements(const QString &script)
{
    QStringList result;
    QString current;
    bool hasContent = false; // something other than white space and comments
    int depth = 0;           // open BEGIN / CASE blocks
    const qsizetype n = script.size();

    const auto finish = [&] {
        if (hasContent)
            result << current.trimmed();
        current.clear();
        hasContent = false;
        depth = 0;
    };

    qsizetype i = 0;
    while (i < n) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < n ? script.at(i + 1) : QChar();
        if (c == u'-' && next == u'-') { // comment to the end of the line
            const qsizetype end = script.indexOf(u'\n', i);
            const qsizetype stop = end < 0 ? n : end;
            current += QStringView(script).sliced(i, stop - i);
            i = stop;
        } else if (c == u'/' && next == u'*') {
            const qsizetype end = script.indexOf(u"*/", i + 2);
            const qsizetype stop = end < 0 ? n : end + 2;
            current += QStringView(script).sliced(i, stop - i);
            i = stop;
        } else if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
            // A quoted string or identifier; '' inside a string closes and
            // reopens it, which reads the same.
            const QChar close = c == u'[' ? QChar(u']') : c;
            const qsizetype end = script.indexOf(close, i + 1);
            const qsizetype stop = end < 0 ? n : end + 1;
            current += QStringView(script).sliced(i, stop - i);
            hasContent = true;
            i = stop;
        } else if (isWordStart(c)) {
            qsizetype end = i + 1;
            while (end < n && isWordPart(script.at(end)))
                ++end;
            const QStringView word = QStringView(script).sliced(i, end - i);
            if (word.compare(u"BEGIN", Qt::CaseInsensitive) == 0 || word.compare(u"CASE", Qt::CaseInsensitive) == 0)
                ++depth;
            else if (word.compare(u"END", Qt::CaseInsensitive) == 0 && depth > 0)
                --depth;
            current += word;
            hasContent = true;
            i = end;
        } else if (c == u';' && depth == 0) {
            finish();
            ++i;
        } else {
            current += c;
            if (!c.isSpace())
                hasContent = true;
            ++i;
        }
    }
    finish();
    return result;
}

} // namespace rehabit
