#pragma once
// The printing module's side of HandoutActions: the print preview dialog and
// the QPrinter behind it (Qt PrintSupport, built into the module
// rehabit_printing, not into rehabit_gui; see shell/ModuleLibrary.h). A plain
// abstract class, all inline, so that the module uses no code of rehabit_gui:
// the pages are drawn by the caller's `paint` (HandoutRenderer), onto the
// printer as a QPagedPaintDevice.

#include <QByteArray>
#include <QMarginsF>
#include <QPageSize>
#include <QString>

#include <functional>

class QPagedPaintDevice;
class QWidget;

namespace rehabit {

/// One document to print.
struct PrintJob {
    QString documentName; ///< the printer's job name
    QString dialogTitle;  ///< the preview window's title
    QPageSize pageSize;
    QMarginsF marginsMm; ///< page margins in millimetres
};

class PrintDialogs {
public:
    /// Draws the pages on the device (the printer); false when drawing failed.
    using Paint = std::function<bool(QPagedPaintDevice &device)>;

    virtual ~PrintDialogs() = default;

    /// Shows the print preview of the pages `paint` draws, modal over `parent`,
    /// and prints from it if the user asks. `geometry` is the dialog's saved
    /// geometry (empty: a default size) and holds its last geometry afterwards.
    virtual void preview(QWidget *parent, const PrintJob &job, QByteArray &geometry, const Paint &paint) = 0;
    /// Prints straight to a PDF file through the same kind of printer the
    /// preview uses, without a dialog; false when `paint` failed.
    virtual bool printToPdf(const PrintJob &job, const QString &path, const Paint &paint) = 0;
};

/// The printing module's accessor, `extern "C"`: its one PrintDialogs, which
/// lives as long as the program.
using GetPrintDialogs = PrintDialogs *(*)();
inline constexpr char kPrintDialogsSymbol[] = "rehabit_print_dialogs";

} // namespace rehabit
