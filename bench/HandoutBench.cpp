// PDF handouts: the real renderer versus QPdfWriter printing a QTextDocument
// with the same text and no images.
#include "Benchmarks.h"

#include "print/Handout.h"
#include "print/HandoutRenderer.h"

#include "rehabit/store/CatalogImport.h"
#include "rehabit/domain/DosageText.h"
#include "rehabit/domain/ProgramTemplates.h"
#include "rehabit/store/Store.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QPdfWriter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace rehabit::bench {
namespace {

/// The handout's text as one QTextDocument: header, every exercise with its
/// steps, key cue and dose, and the weekly log sheet as a table. No images.
void writeFloorPdf(const print::Handout &handout, QIODevice &out)
{
    QString html = u"<h1>%1</h1><p>%2 &middot; %3 &middot; %4</p>"_s.arg(
        handout.clinic.clinicName.toHtmlEscaped(), handout.patient.name.toHtmlEscaped(),
        handout.date.toString(Qt::ISODate), handout.clinic.therapist.toHtmlEscaped());
    for (const print::HandoutItem &item : handout.items) {
        html += u"<h2>%1</h2><ol>"_s.arg(item.exercise.name.toHtmlEscaped());
        for (const Step &step : item.exercise.steps)
            html += u"<li>%1</li>"_s.arg(step.text.toHtmlEscaped());
        html += u"</ol><p><b>%1</b></p><p>%2 sets, %3 reps, hold %4 s, %5</p>"_s.arg(
            print::keyCue(item.exercise).toHtmlEscaped(), QString::number(item.rx.sets), QString::number(item.rx.reps),
            QString::number(item.rx.holdSeconds), print::frequencyText(item.rx.daysPerWeek).toHtmlEscaped());
        for (const QString &note : item.exercise.safety)
            html += u"<p><i>%1</i></p>"_s.arg(note.toHtmlEscaped());
    }
    html += u"<h2>Log</h2><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><th>Exercise</th>"_s;
    for (int d = 0; d < 7; ++d)
        html += u"<th>%1</th>"_s.arg(handout.date.addDays(d).toString(u"ddd d"_s));
    html += u"</tr>"_s;
    for (const print::HandoutItem &item : handout.items) {
        html += u"<tr><td>%1</td>"_s.arg(item.exercise.name.toHtmlEscaped());
        for (int d = 0; d < 7; ++d)
            html += u"<td>&nbsp;</td>"_s;
        html += u"</tr>"_s;
    }
    html += u"</table>"_s;
    QTextDocument doc;
    doc.setHtml(html);
    QPdfWriter writer(&out);
    writer.setPageSize(print::pageSize(handout.clinic.paper));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    doc.print(&writer);
}

} // namespace

void benchHandouts(const BenchContext &context, const Emit &report)
{
    const int batch = context.pick(20, 100);
    const QString path = QDir(context.workDir).filePath(u"handouts.sqlite"_s);
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u".checked"_s})
        QFile::remove(path + suffix);
    auto store = need(openSqliteStore(path), "create the handout database");
    need(importBundledCatalog(*store), "import the bundled catalog");
    const QList<Exercise> catalog = need(store->exercises(), "read the catalog");
    const QDateTime created = QDateTime::currentDateTimeUtc();
    QList<qint64> patients;
    for (int i = 0; i < batch; ++i) {
        const Patient p = need(store->addPatient(u"Patient %1"_s.arg(i + 1), created), "add a patient");
        need(store->addProgram(ProgramTemplates::dailyProgram(p.id, catalog, created)), "add a program");
        patients.append(p.id);
    }
    print::ClinicDetails clinic;
    clinic.clinicName = u"Bench Physiotherapy"_s;
    clinic.therapist = u"A. Therapist"_s;
    clinic.paper = print::Paper::A4;
    const QDate day(2026, 11, 25);
    const print::Handout handout = need(print::handoutFor(*store, patients.first(), clinic, day), "make a handout");

    // One handout, into memory.
    Samples one, oneFloor;
    qint64 bytes = 0, floorBytes = 0;
    int pages = 0;
    const int runs = context.pick(5, 30);
    for (int i = 0; i < runs + 1; ++i) { // the first of each warms fonts and drawings
        QBuffer a;
        Stopwatch w;
        pages = need(print::HandoutRenderer::writePdf(handout, print::Paper::A4, a), "write the handout").pageCount;
        const double ms = w.elapsedMs();
        bytes = a.size();
        QBuffer b;
        b.open(QIODevice::WriteOnly);
        Stopwatch f;
        writeFloorPdf(handout, b);
        const double floorMs = f.elapsedMs();
        floorBytes = b.size();
        if (i > 0) {
            one.add(ms);
            oneFloor.add(floorMs);
        }
    }
    Row row;
    row.figure = u"PDF handout of a %1-exercise program"_s.arg(handout.items.size());
    row.unit = u"ms"_s;
    row.measured = Figure::of(one, false);
    row.floorName = u"QPdfWriter printing a QTextDocument of the same text, no images"_s;
    row.floor = Figure::of(oneFloor, false);
    row.note = u"HandoutRenderer::writePdf into a QBuffer: %1 pages, %2 kB (the floor: %3 kB)"_s.arg(pages)
                   .arg(bytes / 1024)
                   .arg(floorBytes / 1024);
    report(row);

    // The morning batch: 100 patients, each read from the store and saved as a file.
    const QDir out(QDir(context.workDir).filePath(u"handouts"_s));
    QDir().mkpath(out.path());
    Samples batchMs, batchFloor;
    for (int r = 0; r < context.pick(1, 2); ++r) {
        Stopwatch w;
        for (qint64 id : std::as_const(patients)) {
            const print::Handout h = need(print::handoutFor(*store, id, clinic, day), "make a handout");
            need(print::HandoutRenderer::savePdf(h, print::Paper::A4, out.filePath(u"patient-%1.pdf"_s.arg(id))),
                 "save a handout");
        }
        batchMs.add(w.elapsedMs());
        Stopwatch f;
        for (qint64 id : std::as_const(patients)) {
            const print::Handout h = need(print::handoutFor(*store, id, clinic, day), "make a handout");
            QFile file(out.filePath(u"floor-%1.pdf"_s.arg(id)));
            if (!file.open(QIODevice::WriteOnly))
                fatal(u"cannot write %1"_s.arg(file.fileName()));
            writeFloorPdf(h, file);
        }
        batchFloor.add(f.elapsedMs());
    }
    Row b;
    b.figure = u"%1 PDF handouts in a batch"_s.arg(batch);
    b.unit = u"ms"_s;
    b.measured = Figure::of(batchMs, false);
    b.floorName = u"the same, each a QTextDocument through QPdfWriter, no images"_s;
    b.floor = Figure::of(batchFloor, false);
    b.note =
        u"per patient: handoutFor() from the store, then HandoutRenderer::savePdf (atomic, QSaveFile) versus a plain "
        u"QFile"_s;
    report(b);
}

} // namespace rehabit::bench
