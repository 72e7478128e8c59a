#include "print/HandoutRenderer.h"

#include "rehabit/domain/DosageText.h"
#include "rehabit/platform/OutputFile.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QFileInfo>
#include <QImageReader>
#include <QLocale>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QBuffer>
#include <QSvgRenderer>
#include <QTextDocument>

#include <algorithm>
#include <functional>
#include <memory>

namespace rehabit::print {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::print", text);
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

const QColor ink(0x11, 0x11, 0x11);   // text: near black
const QColor rule(0x44, 0x44, 0x44);  // borders and lines
const QColor shade(0xe4, 0xe4, 0xe4); // title bars: light grey, also on a black-and-white printer

/// Units: the device's pixels. pt() and mm() convert.
struct Page {
    double dpi = 72;
    double width = 0; ///< the printable area between the margins
    double height = 0;
    double pt(double points) const { return points * dpi / 72.0; }
    double mm(double millimetres) const { return millimetres * dpi / 25.4; }
};

QFont font(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    // Emoji in names and notes: Symbola's outlines embed in a PDF; colour
    // bitmap emoji fonts, which font fallback would pick, print as boxes.
    f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Symbola")});
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

/// Rich text laid out once at a fixed width: measured, then drawn.
class Text {
public:
    Text(QPaintDevice &device, const QString &html, const QFont &f, double width, Qt::Alignment align = Qt::AlignLeft)
        : m_doc(std::make_unique<QTextDocument>())
    {
        m_doc->documentLayout()->setPaintDevice(&device);
        m_doc->setUseDesignMetrics(true);
        m_doc->setDocumentMargin(0);
        m_doc->setDefaultFont(f);
        QTextOption option = m_doc->defaultTextOption();
        option.setAlignment(align);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        m_doc->setDefaultTextOption(option);
        m_doc->setHtml(html);
        m_doc->setTextWidth(width);
    }
    double height() const { return m_doc->size().height(); }
    void draw(QPainter &p, QPointF at) const
    {
        p.save();
        p.translate(at);
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette.setColor(QPalette::Text, ink);
        m_doc->documentLayout()->draw(&p, context);
        p.restore();
    }

private:
    std::unique_ptr<QTextDocument> m_doc;
};

/// A drawing (SVG or bitmap) drawn into a box, keeping its proportions.
class Picture {
public:
    bool load(const QString &path)
    {
        if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)
            || path.endsWith(QLatin1String(".svgz"), Qt::CaseInsensitive)) {
            m_svg = std::make_unique<QSvgRenderer>(path);
            if (!m_svg->isValid()) {
                m_svg.reset();
                return false;
            }
            m_size = m_svg->viewBoxF().size();
            return !m_size.isEmpty();
        }
        QImageReader reader(path);
        reader.setAutoTransform(true);
        m_image = reader.read();
        m_size = m_image.size();
        return !m_image.isNull();
    }
    bool isNull() const { return m_size.isEmpty(); }
    /// Height for a given width.
    double heightFor(double width) const { return isNull() ? 0 : width * m_size.height() / m_size.width(); }
    QRectF fit(const QRectF &box) const
    {
        const QSizeF s = m_size.scaled(box.size(), Qt::KeepAspectRatio);
        return QRectF(box.topLeft(), s);
    }
    void draw(QPainter &p, const QRectF &box) const
    {
        const QRectF target = fit(box);
        if (m_svg)
            m_svg->render(&p, target);
        else if (!m_image.isNull())
            p.drawImage(target, m_image);
    }

private:
    std::unique_ptr<QSvgRenderer> m_svg;
    QImage m_image;
    QSizeF m_size;
};

/// Something drawn at a place on a page.
struct Placed {
    int page = 0; // 0-based
    double y = 0;
    std::function<void(QPainter &, double y)> draw;
};

class Composer {
public:
    Composer(const Handout &h, QPagedPaintDevice &device)
        : m_h(h)
        , m_device(device)
    {
        const double dpi = device.logicalDpiY();
        const QRectF area = device.pageLayout().paintRectPixels(int(dpi));
        m_page.dpi = dpi;
        m_page.width = area.width();
        m_page.height = area.height();
        m_footerHeight = m_page.pt(26);
    }

    Result<HandoutLayout> run()
    {
        if (m_page.width < m_page.mm(100) || m_page.height < m_page.mm(120))
            return Error{tr("The page is too small for a handout (the printable area is %1 \u00d7 %2 mm).")
                             .arg(qRound(m_page.width * 25.4 / m_page.dpi))
                             .arg(qRound(m_page.height * 25.4 / m_page.dpi)),
                         {}};
        if (!m_h.clinic.logoFile.isEmpty() && !m_logo.load(m_h.clinic.logoFile))
            return Error{tr("The clinic logo cannot be read. Choose another file in the clinic details, or "
                            "clear it."),
                         m_h.clinic.logoFile};
        layoutHeader();
        for (qsizetype i = 0; i < m_h.items.size(); ++i) {
            auto placed = layoutExercise(int(i));
            if (!placed)
                return placed.error();
            m_layout.exercisePages.append(*placed + 1);
        }
        layoutLogSheet();
        m_layout.pageCount = m_pageIndex + 1;
        if (auto painted = paint(); !painted)
            return painted.error();
        return m_layout;
    }

private:
    double bodyHeight() const { return m_page.height - m_footerHeight; }
    /// `text` cut with an ellipsis to fit `lines` lines of `width` in `f`: a
    /// name or clinic of any length keeps the header, the safety box and the
    /// footer where they belong.
    QString fitted(const QString &text, const QFont &f, double width, int lines = 1) const
    {
        return QFontMetricsF(f, &m_device).elidedText(text, Qt::ElideRight, width * lines);
    }
    double remaining() const { return bodyHeight() - m_y; }
    void newPage()
    {
        ++m_pageIndex;
        m_y = 0;
    }
    void place(double height, std::function<void(QPainter &, double)> draw)
    {
        m_placed.append({m_pageIndex, m_y, std::move(draw)});
        m_y += height;
    }

    void layoutHeader()
    {
        const double w = m_page.width;
        const double logoBox = m_page.mm(18);
        const bool logo = !m_logo.isNull();
        const double logoWidth = logo ? std::min(m_page.mm(40), logoBox * 1.0 / m_logo.heightFor(1.0)) : 0;
        const double logoHeight = logo ? std::min(logoBox, m_logo.heightFor(logoWidth)) : 0;
        const double gap = m_page.mm(4);
        const double detailsWidth = w * 0.38;
        const double titleX = logo ? logoWidth + gap : 0;
        const double titleWidth = w - detailsWidth - gap - titleX;

        QString title;
        if (!m_h.clinic.clinicName.trimmed().isEmpty())
            title += QStringLiteral("<div style=\"font-size:16pt; font-weight:bold\">%1</div>")
                         .arg(esc(fitted(m_h.clinic.clinicName.trimmed(), font(16, true), titleWidth, 2)));
        title += QStringLiteral("<div style=\"font-size:13pt\">%1</div>").arg(esc(tr("Your home exercise program")));
        auto titleText = std::make_shared<Text>(m_device, title, font(13), titleWidth);

        QString rows;
        const double valueWidth = detailsWidth * 0.7;
        const auto row = [&rows, valueWidth, this](const QString &label, const QString &value) {
            rows += QStringLiteral("<tr><td width=\"30%\">%1</td><td><b>%2</b></td></tr>")
                        .arg(esc(label), esc(fitted(value, font(10.5, true), valueWidth, 2)));
        };
        row(tr("Patient:"), m_h.patient.name);
        row(tr("Date:"), QLocale().toString(m_h.date, tr("d MMMM yyyy")));
        if (!m_h.clinic.therapist.trimmed().isEmpty())
            row(tr("Therapist:"), m_h.clinic.therapist.trimmed());
        row(tr("Program:"), m_h.program.name);
        auto details = std::make_shared<Text>(
            m_device, QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"1\">%1</table>").arg(rows),
            font(10.5), detailsWidth);

        const double height = std::max({logoHeight, titleText->height(), details->height()});
        place(height, [=, this](QPainter &p, double y) {
            if (logo)
                m_logo.draw(p, QRectF(0, y, logoWidth, logoHeight));
            titleText->draw(p, QPointF(titleX, y));
            details->draw(p, QPointF(w - detailsWidth, y));
        });
        const double ruleGap = m_page.mm(3);
        place(2 * ruleGap, [=, this](QPainter &p, double y) {
            p.setPen(QPen(ink, m_page.pt(1.5)));
            p.drawLine(QPointF(0, y + ruleGap), QPointF(w, y + ruleGap));
        });

        // The article's safety line, boxed, before any exercise.
        const double pad = m_page.mm(3);
        auto safety = std::make_shared<Text>(
            m_device,
            QStringLiteral("<b>%1</b> %2 %3<br>%4")
                .arg(esc(tr("Safety first.")), esc(tr("Stop any exercise that creates or worsens your pain.")),
                     esc(tr("If these exercises do not help, see a doctor or physical therapist.")),
                     esc(tr("Pain is rated from 0 (no pain) to 10 (the worst pain imaginable)."))),
            font(11), w - 2 * pad);
        const double boxHeight = safety->height() + 2 * pad;
        place(boxHeight + m_page.mm(6), [=, this](QPainter &p, double y) {
            p.setPen(QPen(ink, m_page.pt(2)));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(0, y, w, boxHeight));
            safety->draw(p, QPointF(pad, y + pad));
        });
    }

    /// One exercise as one block; returns its page. Shrinks the drawing when
    /// the block would not fit on an empty page.
    Result<int> layoutExercise(int index)
    {
        const HandoutItem &item = m_h.items.at(index);
        const Exercise &e = item.exercise;
        const double w = m_page.width;
        const double pad = m_page.mm(3);
        const double inner = w - 2 * pad;

        auto title =
            std::make_shared<Text>(m_device, QStringLiteral("<b>%1.&nbsp;&nbsp;%2</b>").arg(index + 1).arg(esc(e.name)),
                                   font(13.5), inner * 0.78);
        auto phase = std::make_shared<Text>(m_device, esc(phaseName(e.phase)), font(9), inner * 0.2, Qt::AlignRight);
        const double titleBar = title->height() + m_page.mm(3);

        QString dose = QStringLiteral("<b>%1</b> %2").arg(esc(tr("Dose:")), esc(DosageText::describe(item.rx, e.kind)));
        QStringList extras{
            QStringLiteral("<b>%1</b> %2").arg(esc(tr("How often:")), esc(frequencyText(item.rx.daysPerWeek)))};
        if (!item.rx.load.trimmed().isEmpty())
            extras << QStringLiteral("<b>%1</b> %2").arg(esc(tr("Load:")), esc(item.rx.load.trimmed()));
        if (item.rx.restBetweenSetsSeconds > 0 && item.rx.sets > 1)
            extras << esc(tr("Rest %1 seconds between sets").arg(item.rx.restBetweenSetsSeconds));
        if (!e.equipment.isEmpty())
            extras << QStringLiteral("<b>%1</b> %2")
                          .arg(esc(tr("You need:")), esc(e.equipment.join(QStringLiteral(", "))));
        QString doseHtml = QStringLiteral("<div style=\"font-size:12.5pt\">%1</div>").arg(dose);
        if (e.followUp && item.rx.followUpSeconds > 0)
            doseHtml += QStringLiteral("<div style=\"font-size:11pt\">%1</div>")
                            .arg(esc(tr("Then %1 for %2 seconds: %3")
                                         .arg(e.followUp->name.toLower())
                                         .arg(item.rx.followUpSeconds)
                                         .arg(e.followUp->cue)));
        doseHtml += QStringLiteral("<div style=\"font-size:10pt\">%1</div>")
                        .arg(extras.join(QStringLiteral(" &nbsp;&middot;&nbsp; ")));
        auto doseText = std::make_shared<Text>(m_device, doseHtml, font(11), inner);

        const QString cue = keyCue(e);
        const QString cueHtml =
            cue.isEmpty() ? QString()
                          : QStringLiteral("<b>%1</b><br><i>\u201c%2\u201d</i>").arg(esc(tr("Key cue:")), esc(cue));
        std::shared_ptr<Text> safety;
        if (!e.safety.isEmpty())
            safety = std::make_shared<Text>(
                m_device, QStringLiteral("<b>%1</b> %2").arg(esc(tr("Safety:")), esc(e.safety.join(u' '))), font(10),
                inner);

        auto drawing = std::make_shared<Picture>();
        if (!e.illustration.isEmpty())
            drawing->load(QStringLiteral(":/rehabit/illustrations/") + e.illustration);

        QString steps = QStringLiteral("<ol style=\"margin-left:0; -qt-list-indent:1\">");
        for (const Step &s : e.steps)
            steps += QStringLiteral("<li style=\"margin-bottom:2pt\">%1</li>").arg(esc(s.text));
        steps += QStringLiteral("</ol>");
        // The steps are the article's words, with its ranges ("hold 10-20 seconds"); the dose
        // above is the prescription. Say which counts, so that the page does not contradict itself.
        const bool stepsGiveNumbers = std::any_of(e.steps.cbegin(), e.steps.cend(), [](const Step &s) {
            return std::any_of(s.text.cbegin(), s.text.cend(), [](QChar c) { return c.isDigit(); });
        });
        if (stepsGiveNumbers)
            steps += QStringLiteral("<p style=\"font-size:9pt\"><i>%1</i></p>")
                         .arg(esc(tr("Times and counts in the steps are the article's usual range; do the dose "
                                     "above, which is yours.")));

        const double gap = m_page.mm(2.5);
        for (const double share : {0.42, 0.34, 0.26}) {
            // Left: the drawing with the key cue under it; right: the steps.
            // Without a drawing the key cue stands above the steps.
            const double leftWidth = drawing->isNull() ? 0 : inner * share;
            const double drawHeight = drawing->heightFor(leftWidth);
            const double stepsX = leftWidth > 0 ? leftWidth + m_page.mm(5) : 0;
            std::shared_ptr<Text> cueText;
            if (!cueHtml.isEmpty())
                cueText = std::make_shared<Text>(m_device, cueHtml, font(11.5), leftWidth > 0 ? leftWidth : inner);
            auto stepsText = std::make_shared<Text>(m_device, steps, font(10.5), inner - stepsX);
            const double cueHeight = cueText ? cueText->height() + gap : 0;
            const double middle =
                leftWidth > 0 ? std::max(drawHeight + cueHeight, stepsText->height()) : cueHeight + stepsText->height();
            const double safetyHeight = safety ? safety->height() + gap : 0;
            const double height = titleBar + gap + doseText->height() + gap + middle + safetyHeight + pad;
            if (height > bodyHeight())
                continue;
            if (height > remaining())
                newPage();
            const int page = m_pageIndex;
            place(height + m_page.mm(5), [=, this](QPainter &p, double y) {
                p.setPen(Qt::NoPen);
                p.setBrush(shade);
                p.drawRect(QRectF(0, y, w, titleBar));
                title->draw(p, QPointF(pad, y + m_page.mm(1.5)));
                phase->draw(p, QPointF(pad + inner * 0.8, y + (titleBar - phase->height()) / 2));
                double at = y + titleBar + gap;
                doseText->draw(p, QPointF(pad, at));
                at += doseText->height() + gap;
                if (leftWidth > 0) {
                    const QRectF box(pad, at, leftWidth, drawHeight);
                    drawing->draw(p, box);
                    p.setPen(QPen(rule, m_page.pt(0.5)));
                    p.setBrush(Qt::NoBrush);
                    p.drawRect(drawing->fit(box));
                    if (cueText)
                        cueText->draw(p, QPointF(pad, at + drawHeight + gap));
                    stepsText->draw(p, QPointF(pad + stepsX, at));
                } else {
                    if (cueText)
                        cueText->draw(p, QPointF(pad, at));
                    stepsText->draw(p, QPointF(pad, at + cueHeight));
                }
                at += middle + gap;
                if (safety)
                    safety->draw(p, QPointF(pad, at));
                p.setPen(QPen(rule, m_page.pt(1)));
                p.setBrush(Qt::NoBrush);
                p.drawRect(QRectF(0, y, w, height));
            });
            return page;
        }
        return Error{tr("The exercise \u201c%1\u201d is too long to print on one page; shorten its steps.").arg(e.name),
                     {}};
    }

    /// A week from the handout's date: a row per exercise, a column per day.
    void layoutLogSheet()
    {
        newPage();
        const double w = m_page.width;
        auto heading = std::make_shared<Text>(
            m_device,
            QStringLiteral("<div style=\"font-size:15pt; font-weight:bold\">%1</div><div>%2</div>")
                .arg(esc(tr("Weekly log: %1").arg(fitted(m_h.patient.name, font(15, true), w * 0.8))),
                     esc(tr("Each day, tick \u201cDone\u201d when you have done the exercise and write your pain "
                            "during it, from 0 (no pain) to 10 (the worst pain imaginable). Bring this sheet to "
                            "your next visit."))),
            font(10.5), w);
        place(heading->height() + m_page.mm(4), [heading](QPainter &p, double y) { heading->draw(p, QPointF(0, y)); });

        const double nameWidth = w * 0.27;
        const double dayWidth = (w - nameWidth) / 7;
        const double cellPad = m_page.mm(1.5);
        QStringList days;
        for (int d = 0; d < 7; ++d) {
            const QDate date = m_h.date.addDays(d);
            days << QStringLiteral("<b>%1</b><br>%2")
                        .arg(esc(QLocale().dayName(date.dayOfWeek(), QLocale::ShortFormat)),
                             esc(QLocale().toString(date, tr("d MMM"))));
        }
        auto header = [=, this]() {
            QList<std::shared_ptr<Text>> cells;
            for (const QString &d : days)
                cells << std::make_shared<Text>(m_device, d, font(9.5), dayWidth - 2 * cellPad, Qt::AlignHCenter);
            auto exerciseLabel = std::make_shared<Text>(m_device, QStringLiteral("<b>%1</b>").arg(esc(tr("Exercise"))),
                                                        font(9.5), nameWidth - 2 * cellPad);
            double h = exerciseLabel->height();
            for (const auto &c : cells)
                h = std::max(h, c->height());
            h += 2 * cellPad;
            place(h, [=, this](QPainter &p, double y) {
                p.setPen(QPen(rule, m_page.pt(0.75)));
                p.setBrush(shade);
                p.drawRect(QRectF(0, y, w, h));
                exerciseLabel->draw(p, QPointF(cellPad, y + cellPad));
                for (int d = 0; d < 7; ++d) {
                    const double x = nameWidth + d * dayWidth;
                    p.drawLine(QPointF(x, y), QPointF(x, y + h));
                    cells.at(d)->draw(p, QPointF(x + cellPad, y + cellPad));
                }
            });
        };
        m_layout.logSheetPages.append(m_pageIndex + 1);
        header();

        const auto bodyRow = [&](const QString &html, bool withTick) {
            auto label = std::make_shared<Text>(m_device, html, font(10), nameWidth - 2 * cellPad);
            const double h = std::max(label->height() + 2 * cellPad, m_page.mm(withTick ? 20 : 13));
            if (h > remaining()) {
                newPage();
                m_layout.logSheetPages.append(m_pageIndex + 1);
                header();
            }
            place(h, [=, this](QPainter &p, double y) { drawLogRow(p, y, h, *label, nameWidth, dayWidth, withTick); });
        };
        for (const HandoutItem &item : m_h.items)
            bodyRow(QStringLiteral("<b>%1</b><br><span style=\"font-size:8.5pt\">%2</span>")
                        .arg(esc(item.exercise.name), esc(DosageText::describe(item.rx, item.exercise.kind))),
                    true);
        bodyRow(QStringLiteral("<b>%1</b><br><span style=\"font-size:8.5pt\">%2</span>")
                    .arg(esc(tr("Pain next morning")), esc(tr("0\u201310, on waking"))),
                false);

        // Ruled space for notes, where the page has room for some.
        const double gap = m_page.mm(6);
        const double lineGap = m_page.mm(8);
        const int lines = int(std::min(remaining() - gap - m_page.mm(8), m_page.mm(64)) / lineGap);
        if (lines >= 3) {
            auto label = std::make_shared<Text>(
                m_device, QStringLiteral("<b>%1</b>").arg(esc(tr("Notes for your next visit"))), font(10.5), w);
            place(gap + label->height() + lines * lineGap, [=, this](QPainter &p, double y) {
                label->draw(p, QPointF(0, y + gap));
                p.setPen(QPen(rule, m_page.pt(0.5)));
                for (int i = 1; i <= lines; ++i) {
                    const double at = y + gap + label->height() + i * lineGap;
                    p.drawLine(QPointF(0, at), QPointF(w, at));
                }
            });
        }
    }

    void drawLogRow(QPainter &p, double y, double h, const Text &label, double nameWidth, double dayWidth,
                    bool withTick) const
    {
        const double cellPad = m_page.mm(1.5);
        const double w = m_page.width;
        p.setPen(QPen(rule, m_page.pt(0.75)));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(0, y, w, h));
        label.draw(p, QPointF(cellPad, y + cellPad));
        const QFont small = font(8);
        p.setFont(small);
        const double box = m_page.mm(3.6);
        for (int d = 0; d < 7; ++d) {
            const double x = nameWidth + d * dayWidth;
            p.setPen(QPen(rule, m_page.pt(0.75)));
            p.drawLine(QPointF(x, y), QPointF(x, y + h));
            p.setPen(QPen(ink, m_page.pt(0.75)));
            double at = y + cellPad;
            if (withTick) {
                p.drawRect(QRectF(x + cellPad, at, box, box));
                p.drawText(QRectF(x + cellPad + box + m_page.mm(1), at - m_page.mm(0.5), dayWidth, box + m_page.mm(1)),
                           Qt::AlignLeft | Qt::AlignVCenter, tr("Done"));
                at += box + m_page.mm(2.5);
            }
            const QRectF painRow(x + cellPad, at, dayWidth - 2 * cellPad, y + h - cellPad - at);
            p.drawText(painRow, Qt::AlignLeft | Qt::AlignBottom, tr("Pain"));
            const double lineStart = x + cellPad + m_page.mm(7.5);
            p.drawLine(QPointF(lineStart, painRow.bottom() - m_page.mm(0.6)),
                       QPointF(x + dayWidth - cellPad, painRow.bottom() - m_page.mm(0.6)));
        }
    }

    void drawFooter(QPainter &p, int pageIndex) const
    {
        const double top = m_page.height - m_footerHeight + m_page.pt(10);
        p.setPen(QPen(rule, m_page.pt(0.5)));
        p.drawLine(QPointF(0, top), QPointF(m_page.width, top));
        p.setPen(ink);
        p.setFont(font(8.5));
        QStringList left{m_h.patient.name, m_h.program.name};
        if (!m_h.clinic.clinicName.trimmed().isEmpty())
            left.prepend(m_h.clinic.clinicName.trimmed());
        const QRectF area(0, top + m_page.pt(3), m_page.width, m_page.pt(12));
        const QString pageText = tr("Page %1 of %2").arg(pageIndex + 1).arg(m_layout.pageCount);
        const double leftWidth =
            m_page.width - QFontMetricsF(p.font(), &m_device).horizontalAdvance(pageText) - m_page.mm(5);
        p.drawText(area, Qt::AlignLeft | Qt::AlignAbsolute | Qt::AlignTop,
                   fitted(left.join(QStringLiteral(" \u00b7 ")), p.font(), leftWidth));
        p.drawText(area, Qt::AlignRight | Qt::AlignAbsolute | Qt::AlignTop, pageText);
    }

    Result<void> paint()
    {
        QPainter p;
        if (!p.begin(&m_device))
            return Error{tr("Cannot start drawing the handout on this printer or file."), {}};
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        int page = 0;
        for (const Placed &item : std::as_const(m_placed)) {
            while (page < item.page) {
                drawFooter(p, page);
                if (!m_device.newPage()) {
                    p.end();
                    return Error{tr("The printer or file refused a new page."), {}};
                }
                ++page;
            }
            item.draw(p, item.y);
        }
        drawFooter(p, page);
        if (!p.end())
            return Error{tr("The handout could not be finished on this printer or file."), {}};
        return {};
    }

    const Handout &m_h;
    QPagedPaintDevice &m_device;
    Page m_page;
    double m_footerHeight = 0;
    Picture m_logo;
    QList<Placed> m_placed;
    HandoutLayout m_layout;
    int m_pageIndex = 0;
    double m_y = 0;
};

} // namespace

Result<HandoutLayout> HandoutRenderer::paint(const Handout &handout, QPagedPaintDevice &device)
{
    return Composer(handout, device).run();
}

Result<HandoutLayout> HandoutRenderer::writePdf(const Handout &handout, Paper paper, QIODevice &out)
{
    if (!out.isOpen() && !out.open(QIODevice::WriteOnly))
        return Error{tr("Cannot write the PDF: %1").arg(out.errorString()), {}};
    QPdfWriter writer(&out);
    writer.setPageSize(pageSize(paper));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(tr("Home exercise program: %1").arg(handout.patient.name));
    writer.setCreator(QStringLiteral("Rehabit"));
    return paint(handout, writer);
}

Result<HandoutLayout> HandoutRenderer::savePdf(const Handout &handout, Paper paper, const QString &path)
{
    // Rendered in memory (a handout is a few hundred kB), then written as every
    // output is: atomically to a file, in place to a device or pipe.
    QBuffer pdf;
    pdf.open(QIODevice::WriteOnly);
    auto layout = writePdf(handout, paper, pdf);
    if (!layout) {
        // Where the problem is: the logo file, say, else the PDF being written.
        return layout.error().location.isEmpty() ? Error{layout.error().message, path} : layout.error();
    }
    if (const auto written = OutputFile::write(path, pdf.data()); !written)
        return written.error();
    return layout;
}

} // namespace rehabit::print
