#include "catalog/JsonSyntax.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace rehabit::catalog {
namespace {

bool isPlainKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key.at(i).unicode();
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!(letter || (digit && i > 0)))
            return false;
    }
    return true;
}

constexpr bool isContinuation(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/// Length of a valid UTF-8 sequence at data[i..n), or 0 if it is not valid
/// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
int utf8Length(const char *data, qsizetype i, qsizetype n)
{
    const auto b = [&](qsizetype k) { return static_cast<unsigned char>(data[k]); };
    const unsigned char lead = b(i);
    int len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        len = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        len = 3;
        if (lead == 0xE0)
            lo = 0xA0;
        else if (lead == 0xED)
            hi = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        len = 4;
        if (lead == 0xF0)
            lo = 0x90;
        else if (lead == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > n)
        return 0;
    if (b(i + 1) < lo || b(i + 1) > hi)
        return 0;
    for (int k = 2; k < len; ++k)
        if (!isContinuation(b(i + k)))
            return 0;
    return len;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

/// What the decimal text of a number says exactly, before any rounding.
struct DecimalShape {
    bool isZero = true;  ///< every digit is 0
    bool isWhole = true; ///< no digit other than 0 after the decimal point, once the exponent is applied
    /// The value is 0.DIGITS x 10^pointPosition (DIGITS without leading zeros).
    qint64 pointPosition = 0;
};

DecimalShape decimalShape(QByteArrayView integerDigits, QByteArrayView fractionDigits, qint64 exponent)
{
    // The digits of both parts as one sequence, read in place.
    const qsizetype count = integerDigits.size() + fractionDigits.size();
    const auto digit = [&](qsizetype k) {
        return k < integerDigits.size() ? integerDigits.at(k) : fractionDigits.at(k - integerDigits.size());
    };
    qsizetype first = 0;
    while (first < count && digit(first) == '0')
        ++first;
    DecimalShape shape;
    if (first == count)
        return shape;
    qsizetype last = count;
    while (digit(last - 1) == '0')
        --last;
    shape.isZero = false;
    shape.pointPosition = integerDigits.size() + exponent - first;
    shape.isWhole = shape.pointPosition >= last - first;
    return shape;
}

class Scanner {
public:
    explicit Scanner(const QByteArray &json)
        : m_json(json)
        , m_p(json.constData())
        , m_n(json.size())
    {}

    std::optional<Error> run();

private:
    struct Frame {
        bool isObject = false;
        qsizetype index = 0;               ///< element index (arrays)
        QString key;                       ///< current member key (objects)
        QHash<QByteArray, qsizetype> keys; ///< decoded key -> offset where it first appeared
    };
    /// What the scanner expects next; each has its step below, run() loops
    /// over them until the document is Done or an error is found.
    enum class State { Value, ObjectStart, ObjectKey, AfterKey, ArrayStart, AfterValue, Done };

    bool atEnd() const { return m_i >= m_n; }
    char peek() const { return m_p[m_i]; }
    void skipWhitespace()
    {
        while (m_i < m_n && (m_p[m_i] == ' ' || m_p[m_i] == '\t' || m_p[m_i] == '\n' || m_p[m_i] == '\r'))
            ++m_i;
    }

    std::optional<Error> fail(qsizetype offset, const QString &message) const
    {
        return Error{message, JsonSyntax::lineColumn(m_json, offset)};
    }
    /// "found 'x'", "found the end of the file", "found the invalid UTF-8 byte 0xFF"
    QString found(qsizetype offset) const;
    std::optional<Error> expected(const QString &what) const
    {
        //: %1 is what the file should have here, %2 what it has, e.g. "expected ':' after the key, found '}'"
        return fail(m_i,
                    QCoreApplication::translate("rehabit::CatalogJson", "expected %1, found %2").arg(what, found(m_i)));
    }

    std::optional<Error> start();
    std::optional<Error> objectKey(); ///< ObjectStart (a key or '}') and ObjectKey (a key after ',')
    std::optional<Error> afterKey();
    void arrayStart();
    std::optional<Error> value();
    std::optional<Error> afterValue();

    std::optional<Error> push(bool isObject);
    std::optional<Error> string(QByteArray *decoded);
    std::optional<Error> number();
    std::optional<Error> literal();
    QString path() const;
    QString valuePath() const; ///< the path of the value being read

    const QByteArray &m_json;
    const char *m_p;
    qsizetype m_n;
    qsizetype m_i = 0;
    QList<Frame> m_stack;
    State m_state = State::Value;
};

QString Scanner::found(qsizetype offset) const
{
    if (offset >= m_n)
        return QCoreApplication::translate("rehabit::CatalogJson", "the end of the file");
    const auto c = static_cast<unsigned char>(m_p[offset]);
    if (c < 0x20 || c == 0x7F)
        return QCoreApplication::translate("rehabit::CatalogJson", "the control character U+%1")
            .arg(QString::number(c, 16).rightJustified(4, u'0').toUpper());
    if (c < 0x80)
        return u"'"_s + QLatin1Char(char(c)) + u"'"_s;
    const int len = utf8Length(m_p, offset, m_n);
    if (len == 0)
        return QCoreApplication::translate("rehabit::CatalogJson",
                                           "the byte 0x%1, which is not UTF-8 (save the file as UTF-8)")
            .arg(QString::number(c, 16).toUpper());
    return u"'"_s + QString::fromUtf8(m_p + offset, len) + u"'"_s;
}

QString Scanner::path() const
{
    // Each frame's position is the key or index held by the frame above it.
    QString p;
    for (qsizetype k = 0; k + 1 < m_stack.size(); ++k) {
        const Frame &parent = m_stack.at(k);
        p = parent.isObject ? JsonSyntax::pathMember(p, parent.key) : JsonSyntax::pathIndex(p, parent.index);
    }
    return p;
}

QString Scanner::valuePath() const
{
    if (m_stack.isEmpty())
        return QString();
    const Frame &frame = m_stack.last();
    return frame.isObject ? JsonSyntax::pathMember(path(), frame.key) : JsonSyntax::pathIndex(path(), frame.index);
}

std::optional<Error> Scanner::push(bool isObject)
{
    if (m_stack.size() >= JsonSyntax::MaxDepth)
        return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson",
                                                     "the document is nested too deeply: more than %1 levels "
                                                     "of objects and arrays")
                             .arg(JsonSyntax::MaxDepth));
    Frame frame;
    frame.isObject = isObject;
    m_stack.append(std::move(frame));
    ++m_i;
    return std::nullopt;
}

std::optional<Error> Scanner::string(QByteArray *decoded)
{
    const qsizetype start = m_i;
    ++m_i; // opening quote
    for (;;) {
        if (atEnd())
            return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson",
                                                         "the file ends inside the text that starts at %1: "
                                                         "expected a closing '\"'")
                                 .arg(JsonSyntax::lineColumn(m_json, start)));
        const auto c = static_cast<unsigned char>(peek());
        if (c == '"') {
            ++m_i;
            return std::nullopt;
        }
        if (c == '\\') {
            const qsizetype escape = m_i;
            ++m_i;
            if (atEnd())
                return expected(QCoreApplication::translate("rehabit::CatalogJson", "an escape after '\\'"));
            const char e = peek();
            const char *simple = "\"\\/bfnrt";
            const char *plain = "\"\\/\b\f\n\r\t";
            bool done = false;
            for (int k = 0; simple[k]; ++k) {
                if (e == simple[k]) {
                    if (decoded)
                        decoded->append(plain[k]);
                    ++m_i;
                    done = true;
                    break;
                }
            }
            if (done)
                continue;
            if (e != 'u')
                return fail(escape, QCoreApplication::translate("rehabit::CatalogJson",
                                                                "invalid escape: expected one of \\\", \\\\, \\/, "
                                                                "\\b, \\f, \\n, \\r, \\t or \\u and 4 hex digits "
                                                                "after '\\', found %1 (write a backslash as \\\\)")
                                        .arg(found(m_i)));
            const auto readHex = [this](char32_t &out) -> bool {
                // m_i is at the 'u'
                if (m_i + 5 > m_n)
                    return false;
                char32_t v = 0;
                for (int k = 1; k <= 4; ++k) {
                    const int h = hexValue(m_p[m_i + k]);
                    if (h < 0)
                        return false;
                    v = v * 16 + char32_t(h);
                }
                out = v;
                m_i += 5;
                return true;
            };
            char32_t cp = 0;
            if (!readHex(cp))
                return fail(escape, QCoreApplication::translate("rehabit::CatalogJson",
                                                                "invalid escape: expected 4 hex digits after '\\u'"));
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return fail(escape, QCoreApplication::translate("rehabit::CatalogJson",
                                                                "invalid escape: '\\u%1' is the second half of a "
                                                                "UTF-16 surrogate pair without its first half")
                                        .arg(QString::number(cp, 16).toUpper()));
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                char32_t low = 0;
                if (m_i + 1 >= m_n || m_p[m_i] != '\\' || m_p[m_i + 1] != 'u' || (++m_i, !readHex(low)) || low < 0xDC00
                    || low > 0xDFFF)
                    return fail(escape, QCoreApplication::translate("rehabit::CatalogJson",
                                                                    "invalid escape: '\\u%1' is the first half of "
                                                                    "a UTF-16 surrogate pair and must be followed "
                                                                    "by its second half '\\uDC00' to '\\uDFFF'")
                                            .arg(QString::number(cp, 16).toUpper()));
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            if (decoded)
                appendUtf8(*decoded, cp);
            continue;
        }
        if (c == '\n' || c == '\r')
            return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson",
                                                         "the text that starts at %1 is not closed before the "
                                                         "end of the line: expected a closing '\"' (write a line "
                                                         "break inside a text as \\n)")
                                 .arg(JsonSyntax::lineColumn(m_json, start)));
        if (c < 0x20)
            return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson",
                                                         "a text may not contain %1 as it is: write it as an "
                                                         "escape such as \\t or \\u%2")
                                 .arg(found(m_i), QString::number(c, 16).rightJustified(4, u'0').toUpper()));
        const int len = utf8Length(m_p, m_i, m_n);
        if (len == 0)
            return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson", "invalid UTF-8 in a text: found %1")
                                 .arg(found(m_i)));
        if (decoded)
            decoded->append(m_p + m_i, len);
        m_i += len;
    }
}

std::optional<Error> Scanner::number()
{
    const qsizetype start = m_i;
    const auto digit = [this] { return !atEnd() && peek() >= '0' && peek() <= '9'; };
    if (peek() == '-')
        ++m_i;
    if (!digit())
        return expected(QCoreApplication::translate("rehabit::CatalogJson", "a digit"));
    const qsizetype integerStart = m_i;
    if (peek() == '0') {
        ++m_i;
        if (digit())
            return fail(start, QCoreApplication::translate("rehabit::CatalogJson",
                                                           "a number may not start with 0 (write 7, not 07)"));
    } else {
        while (digit())
            ++m_i;
    }
    const QByteArrayView integerDigits(m_p + integerStart, m_i - integerStart);
    QByteArrayView fractionDigits;
    if (!atEnd() && peek() == '.') {
        ++m_i;
        if (!digit())
            return expected(QCoreApplication::translate("rehabit::CatalogJson", "a digit after the decimal point"));
        const qsizetype fractionStart = m_i;
        while (digit())
            ++m_i;
        fractionDigits = QByteArrayView(m_p + fractionStart, m_i - fractionStart);
    }
    qint64 exponent = 0;
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
        ++m_i;
        bool negative = false;
        if (!atEnd() && (peek() == '+' || peek() == '-'))
            negative = m_p[m_i++] == '-';
        if (!digit())
            return expected(QCoreApplication::translate("rehabit::CatalogJson", "a digit in the exponent"));
        while (digit())
            exponent = std::min<qint64>(exponent * 10 + (m_p[m_i++] - '0'), qint64(1) << 40);
        if (negative)
            exponent = -exponent;
    }
    bool ok = false;
    const double value = QByteArrayView(m_p + start, m_i - start).toDouble(&ok);
    if (ok && std::isfinite(value) && fractionDigits.isEmpty() && exponent == 0)
        return std::nullopt; // a whole number as written, the common case
    const DecimalShape shape = decimalShape(integerDigits, fractionDigits, exponent);
    if (shape.isZero)
        return std::nullopt;
    const QString text = QString::fromLatin1(m_p + start, m_i - start);
    if (!std::isfinite(value) || (!ok && shape.pointPosition > 0))
        return fail(start, QCoreApplication::translate("rehabit::CatalogJson", "the number %1 is too large").arg(text));
    if (value == 0.0 || !ok)
        return fail(start, QCoreApplication::translate("rehabit::CatalogJson",
                                                       "the number %1 is too close to 0 to be represented")
                               .arg(text));
    // Every number of these formats is a whole number. One that is not, but
    // has more digits than a double holds, would be read as a whole number
    // (0.99999999999999999999 as 1) and pass: refused where it stands.
    if (!shape.isWhole && value == std::trunc(value))
        return Error{QCoreApplication::translate("rehabit::CatalogJson",
                                                 "the number %1 (at %2) is not a whole number, but it has too many "
                                                 "digits to be told from %3: write the whole number you mean")
                         .arg(text, JsonSyntax::lineColumn(m_json, start), QString::number(value, 'f', 0)),
                     valuePath()};
    return std::nullopt;
}

std::optional<Error> Scanner::literal()
{
    qsizetype end = m_i;
    while (end < m_n && ((m_p[end] >= 'a' && m_p[end] <= 'z') || (m_p[end] >= 'A' && m_p[end] <= 'Z')))
        ++end;
    const QByteArrayView word(m_p + m_i, end - m_i);
    if (word == "true" || word == "false" || word == "null") {
        m_i = end;
        return std::nullopt;
    }
    if (!word.isEmpty()) {
        const QString shown = u"'"_s + QString::fromLatin1(word.first(qMin(word.size(), qsizetype(40)))) + u"'"_s;
        if (word.size() < 5
            && (QByteArrayView("true").startsWith(word) || QByteArrayView("false").startsWith(word)
                || QByteArrayView("null").startsWith(word)))
            return fail(m_i,
                        QCoreApplication::translate("rehabit::CatalogJson", "expected true, false or null, found %1")
                            .arg(shown));
        return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson",
                                                     "expected a value (a text in double quotes, a number, an "
                                                     "object, an array, true, false or null), found %1")
                             .arg(shown));
    }
    return expected(QCoreApplication::translate("rehabit::CatalogJson",
                                                "a value (a text in double quotes, a number, an object, "
                                                "an array, true, false or null)"));
}

std::optional<Error> Scanner::run()
{
    if (auto e = start())
        return e;
    while (m_state != State::Done) {
        std::optional<Error> e;
        switch (m_state) {
        case State::ObjectStart:
        case State::ObjectKey: e = objectKey(); break;
        case State::AfterKey: e = afterKey(); break;
        case State::ArrayStart: arrayStart(); break;
        case State::Value: e = value(); break;
        case State::AfterValue: e = afterValue(); break;
        case State::Done: break;
        }
        if (e)
            return e;
    }
    return std::nullopt;
}

std::optional<Error> Scanner::start()
{
    // An optional UTF-8 byte order mark, as some editors write.
    if (m_json.startsWith("\xEF\xBB\xBF"))
        m_i = 3;
    skipWhitespace();
    if (atEnd())
        return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson",
                                                     "the file is empty: expected a JSON object starting "
                                                     "with '{'"));
    if (peek() != '{')
        return expected(QCoreApplication::translate("rehabit::CatalogJson", "'{' at the start of the file"));
    if (auto e = push(true))
        return e;
    m_state = State::ObjectStart;
    return std::nullopt;
}

std::optional<Error> Scanner::objectKey()
{
    skipWhitespace();
    if (m_state == State::ObjectStart && !atEnd() && peek() == '}') {
        ++m_i;
        m_stack.removeLast();
        m_state = State::AfterValue;
        return std::nullopt;
    }
    if (atEnd() || peek() != '"') {
        if (m_state == State::ObjectKey && !atEnd() && peek() == '}')
            return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson",
                                                         "expected a key in double quotes after ',', "
                                                         "found '}' (remove the last ',')"));
        return expected(m_state == State::ObjectStart
                            ? QCoreApplication::translate("rehabit::CatalogJson", "a key in double quotes or '}'")
                            : QCoreApplication::translate("rehabit::CatalogJson", "a key in double quotes"));
    }
    const qsizetype keyStart = m_i;
    QByteArray key;
    if (auto e = string(&key))
        return e;
    Frame &frame = m_stack.last();
    frame.key = QString::fromUtf8(key);
    if (const auto first = frame.keys.constFind(key); first != frame.keys.cend()) {
        return Error{
            QCoreApplication::translate("rehabit::CatalogJson",
                                        "the key \"%1\" appears twice in the same object, at %2 "
                                        "and at %3: remove one")
                .arg(frame.key, JsonSyntax::lineColumn(m_json, *first), JsonSyntax::lineColumn(m_json, keyStart)),
            JsonSyntax::pathMember(path(), frame.key)};
    }
    frame.keys.insert(key, keyStart);
    m_state = State::AfterKey;
    return std::nullopt;
}

std::optional<Error> Scanner::afterKey()
{
    skipWhitespace();
    if (atEnd() || peek() != ':')
        return expected(QCoreApplication::translate("rehabit::CatalogJson", "':' after the key"));
    ++m_i;
    m_state = State::Value;
    return std::nullopt;
}

void Scanner::arrayStart()
{
    skipWhitespace();
    if (!atEnd() && peek() == ']') {
        ++m_i;
        m_stack.removeLast();
        m_state = State::AfterValue;
        return;
    }
    m_state = State::Value;
}

std::optional<Error> Scanner::value()
{
    skipWhitespace();
    if (atEnd())
        return expected(QCoreApplication::translate("rehabit::CatalogJson", "a value"));
    const char c = peek();
    if (c == '{') {
        m_state = State::ObjectStart;
        return push(true);
    }
    if (c == '[') {
        m_state = State::ArrayStart;
        return push(false);
    }
    m_state = State::AfterValue;
    if (c == '"')
        return string(nullptr);
    if (c == '-' || (c >= '0' && c <= '9'))
        return number();
    return literal();
}

std::optional<Error> Scanner::afterValue()
{
    skipWhitespace();
    if (m_stack.isEmpty()) {
        if (!atEnd())
            return fail(m_i, QCoreApplication::translate("rehabit::CatalogJson",
                                                         "expected the end of the file after the top-level "
                                                         "object, found %1")
                                 .arg(found(m_i)));
        m_state = State::Done;
        return std::nullopt;
    }
    Frame &frame = m_stack.last();
    if (!atEnd() && peek() == ',') {
        ++m_i;
        if (frame.isObject) {
            m_state = State::ObjectKey;
            return std::nullopt;
        }
        ++frame.index;
        skipWhitespace();
        if (!atEnd() && peek() == ']')
            return fail(m_i,
                        QCoreApplication::translate("rehabit::CatalogJson", "expected a value after ',', found ']' "
                                                                            "(remove the last ',')"));
        m_state = State::Value;
        return std::nullopt;
    }
    if (!atEnd() && peek() == (frame.isObject ? '}' : ']')) {
        ++m_i;
        m_stack.removeLast();
        return std::nullopt;
    }
    return expected(frame.isObject ? QCoreApplication::translate("rehabit::CatalogJson", "',' or '}'")
                                   : QCoreApplication::translate("rehabit::CatalogJson", "',' or ']'"));
}

} // namespace

std::optional<Error> JsonSyntax::check(const QByteArray &json)
{
    return Scanner(json).run();
}

QString JsonSyntax::lineColumn(const QByteArray &json, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, json.size());
    qsizetype line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (json.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    if (lineStart == 0 && json.startsWith("\xEF\xBB\xBF"))
        lineStart = qMin(qsizetype(3), offset);
    qsizetype column = 1;
    for (qsizetype i = lineStart; i < offset; ++i)
        if (!isContinuation(static_cast<unsigned char>(json.at(i))))
            ++column;
    return QString::number(line) + u':' + QString::number(column);
}

QString JsonSyntax::pathIndex(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString JsonSyntax::pathMember(const QString &path, const QString &key)
{
    if (!isPlainKey(key)) {
        QString quoted = key;
        quoted.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
        return path + u"[\""_s + quoted + u"\"]"_s;
    }
    return path.isEmpty() ? key : path + u'.' + key;
}

} // namespace rehabit::catalog
