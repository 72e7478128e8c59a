#pragma once
// Draws a Handout on paper: the header (clinic, logo, patient, date,
// therapist), the safety line, one block per exercise (drawing, steps, key
// cue, prescribed dose, safety note) and the weekly log sheet. Pages are
// broken here, block by block: no exercise is ever split across two pages.
//
// Qt Gui only (QPainter, QTextDocument, QPdfWriter, QSvgRenderer): a
// QGuiApplication must exist. The app hands it a QPrinter; rehabit-cli and
// rehabit-bench a QPdfWriter through writePdf().

#include "print/Handout.h"

#include "rehabit/domain/Result.h"

#include <QList>
#include <QString>

class QIODevice;
class QPagedPaintDevice;

namespace rehabit::print {

/// Where everything went, for tests and callers that report it.
struct HandoutLayout {
    int pageCount = 0;
    QList<int> exercisePages; ///< 1-based page of each item's block, in program order
    QList<int> logSheetPages; ///< 1-based pages of the weekly log sheet
};

class HandoutRenderer {
public:
    /// Paints on any paged device (QPrinter, QPdfWriter) at its page size
    /// and margins. The device must not be painted on yet.
    static Result<HandoutLayout> paint(const Handout &handout, QPagedPaintDevice &device);

    /// Renders one handout as PDF into `out` (open for writing, or openable:
    /// then it is opened WriteOnly). 15 mm margins. This is the function
    /// rehabit-bench times.
    static Result<HandoutLayout> writePdf(const Handout &handout, Paper paper, QIODevice &out);

    /// writePdf() into `path` through OutputFile: a file atomically (on any
    /// error the file that was there before is left as it was, and no partial
    /// file appears), a character device or named pipe in place.
    static Result<HandoutLayout> savePdf(const Handout &handout, Paper paper, const QString &path);
};

} // namespace rehabit::print
