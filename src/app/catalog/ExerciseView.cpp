#include "catalog/ExerciseView.h"

#include "rehabit/domain/DosageText.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QStringList>
#include <QSvgRenderer>
#include <QUrl>

#include <algorithm>

namespace rehabit {
namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString section(const QString &title, const QString &body)
{
    return QStringLiteral("<h3>%1</h3>%2").arg(esc(title), body);
}

QString bulletList(const QStringList &items)
{
    QString html = QStringLiteral("<ul>");
    for (const QString &item : items)
        html += QStringLiteral("<li>%1</li>").arg(esc(item));
    return html + QStringLiteral("</ul>");
}

} // namespace

ExerciseView::ExerciseView(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(16);
    setAccessibleName(tr("Exercise details"));
    showNothing();
}

void ExerciseView::showNothing()
{
    setHtml(QStringLiteral("<p>%1</p>").arg(esc(tr("Choose an exercise on the left to see how to do it."))));
}

void ExerciseView::showExercise(const Exercise &exercise)
{
    // The drawing is rendered at the width it is shown, so it stays sharp.
    const QString file = illustrationPath(exercise);
    QSvgRenderer svg(file);
    if (!file.isEmpty() && svg.isValid()) {
        const qreal ratio = devicePixelRatioF();
        const int width = std::clamp(viewport()->width() - 48, 240, 720);
        const QSize size = svg.defaultSize().scaled(width, width, Qt::KeepAspectRatio);
        QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(ratio);
        image.fill(Qt::white); // the drawings are made for a light background, also in a dark theme
        QPainter painter(&image);
        svg.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        painter.end();
        document()->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("rehabit:illustration")), image);
    }
    setHtml(html(exercise));
}

QString ExerciseView::illustrationPath(const Exercise &exercise)
{
    if (exercise.illustration.isEmpty())
        return {};
    const QString path = QStringLiteral(":/rehabit/illustrations/") + exercise.illustration;
    return QFile::exists(path) ? path : QString();
}

QString ExerciseView::html(const Exercise &e)
{
    QString h;
    h += QStringLiteral("<h1>%1</h1>").arg(esc(e.name));
    h += QStringLiteral("<p>%1 &middot; %2%3</p>")
             .arg(esc(phaseName(e.phase)), esc(e.category),
                  e.origin == ExerciseOrigin::Custom ? QStringLiteral(" &middot; ") + esc(tr("your own exercise"))
                                                     : QString());
    h += QStringLiteral("<p style=\"font-size:large\"><b>%1</b></p>").arg(esc(DosageText::describe(e)));
    if (e.followUp)
        h += QStringLiteral("<p>%1</p>")
                 .arg(esc(tr("Then %1 for %2\u2013%3 seconds: %4")
                              .arg(e.followUp->name.toLower())
                              .arg(e.followUp->seconds.min)
                              .arg(e.followUp->seconds.max)
                              .arg(e.followUp->cue)));
    if (!illustrationPath(e).isEmpty())
        h += QStringLiteral("<p><img src=\"rehabit:illustration\" alt=\"%1\"></p>")
                 .arg(esc(tr("Drawing of %1: start and end positions").arg(e.name)));
    if (!e.equipment.isEmpty())
        h += QStringLiteral("<p>%1 %2</p>").arg(esc(tr("You need:")), esc(e.equipment.join(QStringLiteral(", "))));

    if (!e.steps.isEmpty()) {
        QString steps = QStringLiteral("<ol>");
        for (const Step &s : e.steps) {
            steps += QStringLiteral("<li>%1").arg(esc(s.text));
            if (!s.cue.isEmpty())
                steps += QStringLiteral("<br><i>%1 %2</i>").arg(esc(tr("Cue:")), esc(s.cue));
            steps += QStringLiteral("</li>");
        }
        h += section(tr("How to do it"), steps + QStringLiteral("</ol>"));
    }
    if (!e.safety.isEmpty())
        h += section(tr("Safety"), bulletList(e.safety));
    if (!e.mistakes.isEmpty())
        h += section(tr("Common mistakes"), bulletList(e.mistakes));
    if (!e.variants.isEmpty()) {
        QString variants = QStringLiteral("<ul>");
        for (const Variant &v : e.variants)
            variants += QStringLiteral("<li><b>%1</b> (%2): %3</li>").arg(esc(v.name), esc(v.when), esc(v.description));
        h += section(tr("Variants"), variants + QStringLiteral("</ul>"));
    }
    if (!e.sourceNote.isEmpty())
        h += section(tr("Note on the numbers"), QStringLiteral("<p>%1</p>").arg(esc(e.sourceNote)));
    if (!e.references.isEmpty()) {
        QString refs;
        for (const Reference &r : e.references)
            refs += QStringLiteral("<p>[%1] %2</p>").arg(r.number).arg(esc(r.citation));
        h += section(tr("References (numbered as in the article)"), refs);
    }
    return h;
}

} // namespace rehabit
