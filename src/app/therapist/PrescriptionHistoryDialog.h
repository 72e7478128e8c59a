#pragma once
// Every prescription a program's items have had, as the store keeps them
// (Store::programItemVersions): when each dose started, what changed, and
// which items were removed. Read only: the program editor makes changes.

#include "rehabit/domain/Exercise.h"
#include "rehabit/domain/Program.h"

#include <QDialog>

class QTableWidget;

namespace rehabit {

/// One line of the history, newest first within an item.
struct PrescriptionChange {
    qint64 programItemId = 0;
    QDateTime from;
    QString exercise; ///< its name (the id when the catalog no longer has it)
    QString dose;     ///< in words; empty for a removal
    QString what;     ///< "added", "dose changed", "exercise replaced", "moved", "removed"
};

/// The changes of `versions` (one program's, as the store orders them: by item, then time).
QList<PrescriptionChange> prescriptionChanges(const QList<ProgramItemVersion> &versions,
                                              const QList<Exercise> &exercises);

class PrescriptionHistoryDialog : public QDialog {
    Q_OBJECT
public:
    PrescriptionHistoryDialog(const QString &programName, const QList<PrescriptionChange> &changes,
                              QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace rehabit
