#include "therapist/PrescriptionHistoryDialog.h"

#include "rehabit/domain/DosageText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace rehabit {

QList<PrescriptionChange> prescriptionChanges(const QList<ProgramItemVersion> &versions,
                                              const QList<Exercise> &exercises)
{
    const auto exerciseOf = [&exercises](const QString &id) -> const Exercise * {
        const auto it =
            std::find_if(exercises.cbegin(), exercises.cend(), [&id](const Exercise &e) { return e.id == id; });
        return it == exercises.cend() ? nullptr : &*it;
    };
    QList<ProgramItemVersion> sorted = versions;
    std::stable_sort(sorted.begin(), sorted.end(), [](const ProgramItemVersion &a, const ProgramItemVersion &b) {
        return a.programItemId != b.programItemId ? a.programItemId < b.programItemId : a.validFrom < b.validFrom;
    });
    QList<PrescriptionChange> changes;
    const ProgramItemVersion *previous = nullptr;
    for (const ProgramItemVersion &v : std::as_const(sorted)) {
        const bool first = !previous || previous->programItemId != v.programItemId;
        const Exercise *e = exerciseOf(v.exerciseId);
        PrescriptionChange c;
        c.programItemId = v.programItemId;
        c.from = v.validFrom;
        c.exercise = e ? e->name : v.exerciseId;
        if (!v.removed && e)
            c.dose = DosageText::describe(v.rx, e->kind);
        if (v.removed)
            c.what = PrescriptionHistoryDialog::tr("removed");
        else if (first || previous->removed)
            c.what = PrescriptionHistoryDialog::tr("added");
        else if (previous->exerciseId != v.exerciseId)
            c.what = PrescriptionHistoryDialog::tr("exercise replaced");
        else if (previous->rx != v.rx)
            c.what = PrescriptionHistoryDialog::tr("dose changed");
        else
            c.what = PrescriptionHistoryDialog::tr("moved");
        changes << c;
        previous = &v;
    }
    // Newest first, so the current prescriptions lead.
    std::stable_sort(changes.begin(), changes.end(),
                     [](const PrescriptionChange &a, const PrescriptionChange &b) { return a.from > b.from; });
    return changes;
}

PrescriptionHistoryDialog::PrescriptionHistoryDialog(const QString &programName,
                                                     const QList<PrescriptionChange> &changes, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(int(changes.size()), 4, this))
{
    setWindowTitle(tr("Prescription history: %1").arg(programName));
    auto *intro = new QLabel(tr("Every dose this program's exercises have had, newest first. The database keeps every "
                                "version; change the program in the editor."));
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("From"), tr("Exercise"), tr("Change"), tr("Dose")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(true);
    m_table->setAccessibleName(tr("Prescription history"));
    const QLocale locale;
    for (int row = 0; row < changes.size(); ++row) {
        const PrescriptionChange &c = changes[row];
        const QStringList cells{locale.toString(c.from.toLocalTime(), QLocale::ShortFormat), c.exercise, c.what,
                                c.dose};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_table->resizeRowsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, 460);
}

} // namespace rehabit
