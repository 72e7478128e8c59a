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

/// Where the comment or quoted text starting at i ends (one past it), or i
/// when none starts there. `quoted` tells which of the two it was.
qsizetype skipCommentOrQuote(const QString &text, qsizetype i, bool *quoted)
{
    const qsizetype n = text.size();
    const QChar c = text.at(i);
    const QChar next = i + 1 < n ? text.at(i + 1) : QChar();
    *quoted = false;
    if (c == u'-' && next == u'-') {
        const qsizetype end = text.indexOf(u'\n', i);
        return end < 0 ? n : end;
    }
    if (c == u'/' && next == u'*') {
        const qsizetype end = text.indexOf(u"*/", i + 2);
        return end < 0 ? n : end + 2;
    }
    if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
        *quoted = true;
        const QChar close = c == u'[' ? QChar(u']') : c;
        const qsizetype end = text.indexOf(close, i + 1);
        return end < 0 ? n : end + 1;
    }
    return i;
}

} // namespace

QString SqlScript::normalized(const QString &statement)
{
    QString out;
    bool space = false;
    const auto emit = [&](QStringView piece) {
        const QChar first = piece.front();
        if (space && !out.isEmpty() && !out.endsWith(u'(') && first != u')' && first != u',')
            out += u' ';
        space = false;
        out += piece;
    };
    const qsizetype n = statement.size();
    qsizetype i = 0;
    while (i < n) {
        bool quoted = false;
        const qsizetype end = skipCommentOrQuote(statement, i, &quoted);
        if (end > i) {
            if (quoted)
                emit(QStringView(statement).sliced(i, end - i));
            else
                space = true; // a comment reads as white space
            i = end;
        } else if (statement.at(i).isSpace()) {
            space = true;
            ++i;
        } else {
            emit(QStringView(statement).sliced(i, 1));
            ++i;
        }
    }
    return out;
}

QStringList SqlScript::checkExpressions(const QString &createTable)
{
    QStringList result;
    const qsizetype n = createTable.size();
    qsizetype i = 0;
    bool expectOpen = false; // CHECK was read; its '(' comes next
    qsizetype start = -1;    // where the expression began
    int depth = 0;           // parentheses open inside it
    while (i < n) {
        bool quoted = false;
        const qsizetype end = skipCommentOrQuote(createTable, i, &quoted);
        if (end > i) {
            i = end;
            continue;
        }
        const QChar c = createTable.at(i);
        if (start >= 0) {
            if (c == u'(') {
                ++depth;
            } else if (c == u')' && --depth == 0) {
                result << normalized(createTable.sliced(start, i - start));
                start = -1;
            }
            ++i;
        } else if (isWordStart(c)) {
            qsizetype wordEnd = i + 1;
            while (wordEnd < n && isWordPart(createTable.at(wordEnd)))
                ++wordEnd;
            expectOpen = QStringView(createTable).sliced(i, wordEnd - i).compare(u"CHECK", Qt::CaseInsensitive) == 0;
            i = wordEnd;
        } else if (c.isSpace()) {
            ++i;
        } else {
            if (expectOpen && c == u'(') {
                start = i + 1;
                depth = 1;
            }
            expectOpen = false;
            ++i;
        }
    }
    return result;
}

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
