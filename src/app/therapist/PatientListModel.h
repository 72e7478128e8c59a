#pragma once
// The therapist's patient list: one row per patient with what the list shows
// at a glance (sessions, last session, flagged sessions, pending proposals).
// Search is a QSortFilterProxyModel over the name column.

#include "rehabit/domain/PatientRecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace rehabit {

class PatientListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, SessionsColumn, LastSessionColumn, FlagsColumn, ProposalsColumn, ColumnCount };
    enum Role {
        PatientIdRole = Qt::UserRole + 1, ///< qint64
        ArchivedRole,                     ///< bool
        SortRole,                         ///< the value sorting uses (dates as ms)
    };

    explicit PatientListModel(QObject *parent = nullptr);

    void setPatients(const QList<PatientSummary> &patients);
    const PatientSummary *summary(const QModelIndex &index) const;
    /// The row of a patient, -1 if not listed.
    int rowOf(qint64 patientId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PatientSummary> m_patients;
};

} // namespace rehabit
