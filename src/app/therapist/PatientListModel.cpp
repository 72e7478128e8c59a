#include "therapist/PatientListModel.h"

#include "rehabit/domain/SessionLog.h"

#include <QFont>
#include <QLocale>

namespace rehabit {

PatientListModel::PatientListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PatientListModel::setPatients(const QList<PatientSummary> &patients)
{
    beginResetModel();
    m_patients = patients;
    endResetModel();
}

const PatientSummary *PatientListModel::summary(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_patients.size())
        return nullptr;
    return &m_patients[index.row()];
}

int PatientListModel::rowOf(qint64 patientId) const
{
    for (int i = 0; i < m_patients.size(); ++i)
        if (m_patients[i].patient.id == patientId)
            return i;
    return -1;
}

int PatientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_patients.size());
}

int PatientListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PatientListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PatientSummary &s = m_patients[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return s.patient.archived ? tr("%1 (archived)").arg(s.patient.name) : s.patient.name;
        case SessionsColumn: return s.sessions;
        case LastSessionColumn:
            return s.lastSessionAt.isValid()
                       ? QLocale().toString(s.lastSessionAt.toLocalTime().date(), QLocale::ShortFormat)
                       : tr("none");
        case FlagsColumn: return s.flaggedSessions;
        case ProposalsColumn: return s.pendingProposals;
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case NameColumn: return s.patient.name.toLower();
        case SessionsColumn: return s.sessions;
        case LastSessionColumn: return s.lastSessionAt.isValid() ? s.lastSessionAt.toMSecsSinceEpoch() : qint64(0);
        case FlagsColumn: return s.flaggedSessions;
        case ProposalsColumn: return s.pendingProposals;
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if ((index.column() == FlagsColumn && s.flaggedSessions > 0)
            || (index.column() == ProposalsColumn && s.pendingProposals > 0)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == FlagsColumn)
            return tr("Sessions in which a pain rule fired");
        if (index.column() == ProposalsColumn)
            return tr("Progression or regression proposals waiting for your decision");
        return {};
    case PatientIdRole: return s.patient.id;
    case ArchivedRole: return s.patient.archived;
    default: return {};
    }
}

QVariant PatientListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == FlagsColumn)
        return tr("Flagged sessions since the first one: a stop by the pain rule, a rating above %1/10, or a next "
                  "morning worse than before the session")
            .arg(kPainFlagAbove);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case SessionsColumn: return tr("Sessions");
    case LastSessionColumn: return tr("Last\nsession");
    case FlagsColumn: return tr("Flagged\n(all time)");
    case ProposalsColumn: return tr("Proposals\n(pending)");
    default: return {};
    }
}

} // namespace rehabit
