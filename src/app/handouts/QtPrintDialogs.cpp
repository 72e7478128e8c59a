// The printing module (rehabit_printing): the print preview and its printer,
// with Qt PrintSupport, which rehabit_gui does not link (PrintDialogs.h).
#include "handouts/PrintDialogs.h"

#include "shell/ModuleLibrary.h"

#include <QPrintPreviewDialog>
#include <QPrinter>

#include <type_traits>

namespace rehabit {
namespace {

void setUp(QPrinter &printer, const PrintJob &job)
{
    printer.setPageSize(job.pageSize);
    printer.setPageMargins(job.marginsMm, QPageLayout::Millimeter);
    printer.setDocName(job.documentName);
}

class QtPrintDialogs final : public PrintDialogs {
public:
    void preview(QWidget *parent, const PrintJob &job, QByteArray &geometry, const Paint &paint) override
    {
        QPrinter printer(QPrinter::HighResolution);
        setUp(printer, job);
        printer.setOutputFileName(QString());

        QPrintPreviewDialog dialog(&printer, parent);
        dialog.setWindowTitle(job.dialogTitle);
        if (!dialog.restoreGeometry(geometry))
            dialog.resize(900, 1000);
        QObject::connect(&dialog, &QPrintPreviewDialog::paintRequested, &dialog,
                         [&paint](QPrinter *target) { paint(*target); });
        dialog.exec();
        geometry = dialog.saveGeometry();
    }

    bool printToPdf(const PrintJob &job, const QString &path, const Paint &paint) override
    {
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(path);
        setUp(printer, job);
        return paint(printer);
    }
};

} // namespace
} // namespace rehabit

// The module's entry points (shell/ModuleLibrary.h).
extern "C" Q_DECL_EXPORT int rehabit_module_interface()
{
    return rehabit::kModuleInterfaceVersion;
}

extern "C" Q_DECL_EXPORT rehabit::PrintDialogs *rehabit_print_dialogs()
{
    static rehabit::QtPrintDialogs dialogs;
    return &dialogs;
}
static_assert(std::is_same_v<decltype(&rehabit_print_dialogs), rehabit::GetPrintDialogs>);
