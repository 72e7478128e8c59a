// rehabit-cli print: one patient's handout (PDF or printer), or the morning's
// batch of every patient due today (PDFs into a directory). Every PDF is
// written atomically; a printer gets the PDF through CUPS's lp.
#include "CommandLine.h"

#include "DateOption.h"
#include "TerminalText.h"

#include "print/Handout.h"
#include "print/HandoutRenderer.h"
#include "rehabit/platform/Clock.h"
#include "rehabit/store/Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>

namespace rehabit::cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::cli", text);
}

/// Runs a program, waits, returns its exit code (-1 if it did not start) and its stderr+stdout.
int runTool(const QString &program, const QStringList &args, QString *output)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return -1;
    p.waitForFinished(60000);
    *output = QString::fromLocal8Bit(p.readAllStandardError() + p.readAllStandardOutput()).trimmed();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

int CommandLine::print(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("rehabit-cli print: the patient's program handout (header, safety line, one block per exercise with its "
           "drawing, steps, key cue, prescribed dose and safety note, and a weekly log sheet).\n"
           "  rehabit-cli print --patient ID (--out FILE.pdf | --printer NAME) [--paper a4|letter]\n"
           "  rehabit-cli print --all-due (--out-dir DIR | --printer NAME) [--paper a4|letter]\n"
           "Due: an active patient whose active program still calls for a session this week (see docs/handouts.md). "
           "Clinic name, logo and therapist come from the app's clinic details unless given here."));
    const QCommandLineOption patient(QStringList{QStringLiteral("patient")}, tr("The patient's id or UUID."), tr("ID"));
    const QCommandLineOption allDue(QStringList{QStringLiteral("all-due")},
                                    tr("Every patient due for a session on the date (the morning's batch)."));
    const QCommandLineOption out(QStringList{QStringLiteral("out")}, tr("Write the PDF to FILE."), tr("FILE"));
    const QCommandLineOption printer(QStringList{QStringLiteral("printer")},
                                     tr("Send it (with --all-due: each one) to the CUPS printer NAME (through 'lp'; "
                                        "see 'lpstat -p')."),
                                     tr("NAME"));
    const QCommandLineOption outDir(QStringList{QStringLiteral("out-dir")},
                                    tr("With --all-due: write one PDF per patient into DIR (created if missing)."),
                                    tr("DIR"));
    const QCommandLineOption paper(QStringList{QStringLiteral("paper")},
                                   tr("Paper size: a4 or letter (default: the clinic details' paper, else "
                                      "the system locale's: %1).")
                                       .arg(print::toCode(print::defaultPaper())),
                                   tr("SIZE"));
    const QCommandLineOption date(QStringList{QStringLiteral("date")},
                                  tr("The handout's date, and the day --all-due looks at (default: today)."),
                                  tr("YYYY-MM-DD"));
    const QCommandLineOption clinic(QStringList{QStringLiteral("clinic")}, tr("Clinic name for the header."),
                                    tr("NAME"));
    const QCommandLineOption logo(QStringList{QStringLiteral("logo")}, tr("Clinic logo (PNG, JPEG or SVG)."),
                                  tr("FILE"));
    const QCommandLineOption therapist(QStringList{QStringLiteral("therapist")}, tr("Therapist's name for the header."),
                                       tr("NAME"));
    parser.addOptions({patient, allDue, out, printer, outDir, paper, date, clinic, logo, therapist});
    if (const auto stop = parseCommand(parser, args))
        return *stop;

    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("'print' takes no arguments (did you mean --patient ID?)."));
    if (parser.isSet(patient) == parser.isSet(allDue))
        return usageError(tr("'print' needs either --patient ID or --all-due."));
    print::ClinicDetails details = print::loadClinicDetails();
    print::Paper paperSize = details.paper;
    if (parser.isSet(paper)) {
        const auto p = print::paperFromCode(parser.value(paper));
        if (!p)
            return usageError(tr("--paper must be 'a4' or 'letter', not '%1'.").arg(parser.value(paper)));
        paperSize = *p;
    }
    QDate day = Clock::today();
    if (parser.isSet(date)) {
        // A handout may carry the date of the visit it is printed for, up to a year ahead.
        const auto given = dateOption(parser.value(date), DateReach::UpToAYearAhead);
        if (!given)
            return usageError(dateOptionError(QStringLiteral("--date"), parser.value(date), DateReach::UpToAYearAhead));
        day = *given;
    }
    qint64 patientId = 0;
    const QString patientUuid = parser.value(patient).trimmed();
    if (parser.isSet(patient)) {
        bool ok = false;
        patientId = patientUuid.toLongLong(&ok);
        if ((!ok || patientId <= 0) && QUuid(patientUuid).isNull())
            return usageError(tr("--patient must be a patient's id (a positive number) or UUID, not '%1'.")
                                  .arg(parser.value(patient)));
        if (parser.isSet(out) == parser.isSet(printer))
            return usageError(tr("'print --patient' needs either --out FILE.pdf or --printer NAME."));
        if (parser.isSet(outDir))
            return usageError(tr("--out-dir goes with --all-due; for one patient use --out FILE.pdf."));
    } else {
        if (parser.isSet(outDir) == parser.isSet(printer))
            return usageError(tr("'print --all-due' needs either --out-dir DIR or --printer NAME."));
        if (parser.isSet(out))
            return usageError(tr("'print --all-due' writes into --out-dir or to --printer; --out is for one patient."));
    }

    if (parser.isSet(clinic))
        details.clinicName = parser.value(clinic);
    if (parser.isSet(logo))
        details.logoFile = parser.value(logo);
    if (parser.isSet(therapist))
        details.therapist = parser.value(therapist);

    if (parser.isSet(out) && !outputAllowed(parser.value(out)))
        return Failed;
    if (parser.isSet(outDir) && !outputAllowed(parser.value(outDir)))
        return Failed;

    // Read-only: the front desk prints while the app may have the database open.
    const auto store = openReadOnly();
    if (!store)
        return Failed;

    if (parser.isSet(patient))
        return printPatient(*store, patientId > 0 ? QString::number(patientId) : patientUuid, details, day, paperSize,
                            parser.value(out), parser.value(printer));
    return printAllDue(*store, details, day, paperSize, parser.value(outDir), parser.value(printer));
}

int CommandLine::printPatient(const Store &store, const QString &patient, const print::ClinicDetails &details,
                              const QDate &day, print::Paper paper, const QString &out, const QString &printer)
{
    bool isId = false;
    qint64 patientId = patient.toLongLong(&isId);
    if (!isId || patientId <= 0) {
        const auto found = store.patientByUuid(patient);
        if (!found) {
            m_err << found.error().text() << u'\n';
            return Failed;
        }
        if (!found->has_value()) {
            m_err << tr("There is no patient %1.").arg(patient) << u'\n' << tr("Nothing was printed.") << u'\n';
            return Failed;
        }
        patientId = (*found)->id;
    }
    const auto handout = print::handoutFor(store, patientId, details, day);
    if (!handout) {
        m_err << handout.error().text() << u'\n' << tr("Nothing was printed.") << u'\n';
        return Failed;
    }
    if (out.isEmpty())
        return sendToPrinter(*handout, paper, printer);
    const auto layout = print::HandoutRenderer::savePdf(*handout, paper, out);
    if (!layout) {
        m_err << errorText(layout.error()) << u'\n';
        if (!layout.error().message.contains(QStringLiteral("nothing was written"), Qt::CaseInsensitive))
            m_err << tr("Nothing was written.") << u'\n';
        return Failed;
    }
    m_err << tr("Wrote %1 (%2 pages).").arg(out).arg(layout->pageCount) << u'\n';
    return Ok;
}

bool CommandLine::printerReady(const QString &printer)
{
    const QString lp = QStandardPaths::findExecutable(QStringLiteral("lp"));
    const QString lpstat = QStandardPaths::findExecutable(QStringLiteral("lpstat"));
    if (lp.isEmpty() || lpstat.isEmpty()) {
        m_err << tr("Printing to a printer needs CUPS's 'lp' and 'lpstat' commands (Debian package cups-client). "
                    "Use --out FILE.pdf instead, or install cups-client.")
              << u'\n';
        return false;
    }
    QString output;
    if (runTool(lpstat, {QStringLiteral("-p"), printer}, &output) != 0) {
        m_err << tr("There is no printer named '%1' (%2). 'lpstat -p' lists the printers.")
                     .arg(printer, output.isEmpty() ? tr("lpstat found none") : output)
              << u'\n' << tr("Nothing was printed.") << u'\n';
        return false;
    }
    return true;
}

int CommandLine::sendToPrinter(const print::Handout &handout, print::Paper paper, const QString &printer)
{
    if (!printerReady(printer))
        return Failed;
    const QString lp = QStandardPaths::findExecutable(QStringLiteral("lp"));
    QString output;
    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        m_err << tr("Cannot make a temporary directory for the PDF: %1").arg(tmp.errorString()) << u'\n';
        return Failed;
    }
    const QString pdf = tmp.filePath(QStringLiteral("handout.pdf"));
    const auto layout = print::HandoutRenderer::savePdf(handout, paper, pdf);
    if (!layout) {
        m_err << layout.error().text() << u'\n' << tr("Nothing was printed.") << u'\n';
        return Failed;
    }
    const QStringList lpArgs{QStringLiteral("-d"),
                             printer,
                             QStringLiteral("-t"),
                             tr("Handout: %1").arg(handout.patient.name),
                             QStringLiteral("-o"),
                             paper == print::Paper::Letter ? QStringLiteral("media=Letter")
                                                           : QStringLiteral("media=A4"),
                             pdf};
    if (runTool(lp, lpArgs, &output) != 0) {
        m_err << tr("The printer '%1' did not take the handout: %2").arg(printer, output) << u'\n';
        return Failed;
    }
    m_err << tr("Sent %1 pages to '%2'. %3").arg(layout->pageCount).arg(printer, output) << u'\n';
    return Ok;
}

int CommandLine::printAllDue(const Store &store, const print::ClinicDetails &details, const QDate &day,
                             print::Paper paper, const QString &outDir, const QString &printer)
{
    const bool toPrinter = !printer.isEmpty();
    const QFileInfo dirInfo(outDir);
    if (!toPrinter && (!QDir().mkpath(outDir) || !dirInfo.isDir())) {
        m_err << tr("Cannot use the output directory '%1': it cannot be created, or is not a directory.").arg(outDir)
              << u'\n';
        return Failed;
    }
    const auto due = print::duePatients(store, day);
    if (!due) {
        m_err << due.error().text() << u'\n';
        return Failed;
    }
    if (due->isEmpty()) {
        m_err << tr("No patient is due on %1: nothing to print.").arg(day.toString(Qt::ISODate)) << u'\n';
        return Ok;
    }
    // The printer is asked once, before the first handout.
    if (toPrinter && !printerReady(printer))
        return Failed;
    const QDir dir(outDir);
    int failed = 0;
    for (qsizetype i = 0; i < due->size(); ++i) {
        const Patient &p = due->at(i);
        const QString file = toPrinter ? QString() : dir.filePath(print::handoutFileName(p, day));
        m_err << QStringLiteral("[%1/%2] ").arg(i + 1).arg(due->size())
              << tr("%1 (patient %2): ").arg(printable(p.name)).arg(p.id);
        m_err.flush();
        if (!toPrinter && !outputAllowed(file)) {
            ++failed;
            continue;
        }
        const auto handout = print::handoutFor(store, p.id, details, day);
        if (toPrinter) {
            if (!handout) {
                ++failed;
                m_err << tr("FAILED: %1").arg(errorText(handout.error())) << u'\n';
            } else if (sendToPrinter(*handout, paper, printer) != Ok) {
                ++failed;
            }
            m_err.flush();
            continue;
        }
        const auto layout = handout ? print::HandoutRenderer::savePdf(*handout, paper, file)
                                    : Result<print::HandoutLayout>(handout.error());
        if (!layout) {
            ++failed;
            m_err << tr("FAILED: %1").arg(errorText(layout.error())) << u'\n';
            continue;
        }
        m_err << tr("%1 pages").arg(layout->pageCount) << u'\n';
        m_err.flush();
        m_out << file << u'\n';
        m_out.flush();
    }
    m_err << (toPrinter ? tr("%1 of %2 handouts sent to '%3'.") : tr("%1 of %2 handouts written into %3."))
                 .arg(due->size() - failed)
                 .arg(due->size())
                 .arg(toPrinter ? printer : outDir)
          << u'\n';
    return failed == 0 ? Ok : Failed;
}

} // namespace rehabit::cli
