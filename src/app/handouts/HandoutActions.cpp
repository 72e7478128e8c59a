#include "handouts/HandoutActions.h"

#include "handouts/ClinicDetailsDialog.h"
#include "handouts/PrintDialogs.h"
#include "shell/ModuleLibrary.h"

#include "print/HandoutRenderer.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/platform/ApplicationIdentity.h"
#include "rehabit/store/OutputPath.h"
#include "rehabit/store/Store.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace rehabit {
namespace {

QSettings settings()
{
    return QSettings(settingsOrganization(), QCoreApplication::applicationName());
}

} // namespace

HandoutActions::HandoutActions(Store &store, std::function<qint64()> currentPatient, QWidget *window)
    : QObject(window)
    , m_store(store)
    , m_currentPatient(std::move(currentPatient))
    , m_window(window)
    , m_databasePath(defaultDatabasePath())
{
    m_print = new QAction(tr("&Print handout\u2026"), this);
    m_print->setShortcut(QKeySequence::Print);
    m_print->setStatusTip(tr("Preview and print the program of the patient shown as a handout"));
    connect(m_print, &QAction::triggered, this, &HandoutActions::printPreview);

    m_savePdf = new QAction(tr("Save handout as P&DF\u2026"), this);
    m_savePdf->setShortcut(QKeySequence(tr("Ctrl+Shift+P")));
    m_savePdf->setStatusTip(tr("Save the program of the patient shown as a PDF handout"));
    connect(m_savePdf, &QAction::triggered, this, &HandoutActions::savePdf);

    m_clinic = new QAction(tr("C&linic details\u2026"), this);
    m_clinic->setStatusTip(tr("Clinic name, logo, therapist and paper printed on the handouts"));
    connect(m_clinic, &QAction::triggered, this, &HandoutActions::editClinicDetails);
}

void HandoutActions::addTo(QMenu *menu)
{
    menu->addSeparator();
    menu->addAction(m_print);
    menu->addAction(m_savePdf);
    menu->addAction(m_clinic);
}

Result<print::Handout> HandoutActions::currentHandout() const
{
    const qint64 patient = m_currentPatient();
    if (patient <= 0)
        return Error{tr("There is no profile yet: create one, then print its handout."), {}};
    return print::handoutFor(m_store, patient, print::loadClinicDetails(), Clock::today());
}

PrintDialogs *HandoutActions::printDialogs()
{
    const auto get =
        reinterpret_cast<GetPrintDialogs>(moduleFunction(QString::fromLatin1(kPrintingModule), kPrintDialogsSymbol));
    return get ? get() : nullptr;
}

PrintJob HandoutActions::printJob(const print::Handout &handout)
{
    return PrintJob{tr("Handout: %1").arg(handout.patient.name), tr("Print handout: %1").arg(handout.patient.name),
                    print::pageSize(handout.clinic.paper), QMarginsF(15, 15, 15, 15)};
}

void HandoutActions::printPreview()
{
    const auto handout = currentHandout();
    if (!handout) {
        showError(tr("The handout cannot be printed"), handout.error());
        return;
    }
    PrintDialogs *dialogs = printDialogs();
    if (!dialogs) {
        QMessageBox::information(m_window, tr("Printing is not installed"), printingMissingText());
        return;
    }
    QSettings s = settings();
    QByteArray geometry = s.value(QStringLiteral("window/printPreview")).toByteArray();
    std::optional<Error> failure;
    dialogs->preview(m_window, printJob(*handout), geometry, [&](QPagedPaintDevice &target) {
        auto painted = print::HandoutRenderer::paint(*handout, target);
        if (!painted)
            failure = painted.error();
        return painted.ok();
    });
    s.setValue(QStringLiteral("window/printPreview"), geometry);
    if (failure)
        showError(tr("The handout was not printed"), *failure);
}

QString HandoutActions::printingMissingText()
{
    return tr("This copy of Rehabit was installed without its printing module (%1), so it cannot print. "
              "\"Save handout as PDF\" works: print the PDF from another program.")
        .arg(QString::fromLatin1(kPrintingModule));
}

void HandoutActions::savePdf()
{
    const auto handout = currentHandout();
    if (!handout) {
        showError(tr("The handout cannot be saved"), handout.error());
        return;
    }
    QSettings s = settings();
    const QString dir = s.value(QStringLiteral("handout/lastPdfDir"),
                                QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                            .toString();
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Save the handout of %1 as PDF").arg(handout->patient.name),
        QDir(dir).filePath(print::handoutFileName(handout->patient, handout->date)), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    s.setValue(QStringLiteral("handout/lastPdfDir"), QFileInfo(path).absolutePath());
    const auto saved = savePdfTo(path);
    if (!saved) {
        showError(tr("The handout was not saved"), saved.error());
        return;
    }
    QMessageBox done(
        QMessageBox::Information, tr("Handout saved"),
        tr("The handout of %1 was saved to %2.").arg(handout->patient.name, QDir::toNativeSeparators(path)),
        QMessageBox::Close, m_window);
    QPushButton *open = done.addButton(tr("&Open PDF"), QMessageBox::ActionRole);
    done.setDefaultButton(open);
    done.exec();
    if (done.clickedButton() == open)
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

Result<print::HandoutLayout> HandoutActions::savePdfTo(const QString &path)
{
    if (const auto allowed = checkOutputPath(path, m_databasePath); !allowed)
        return allowed.error();
    const auto handout = currentHandout();
    if (!handout)
        return handout.error();
    return print::HandoutRenderer::savePdf(*handout, handout->clinic.paper, path);
}

void HandoutActions::editClinicDetails()
{
    ClinicDetailsDialog dialog(print::loadClinicDetails(), m_window);
    if (dialog.exec() == QDialog::Accepted)
        print::saveClinicDetails(dialog.details());
}

void HandoutActions::showError(const QString &title, const Error &error)
{
    QMessageBox::warning(m_window, title, error.text());
}

} // namespace rehabit
