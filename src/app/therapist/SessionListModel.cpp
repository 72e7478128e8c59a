#include "therapist/SessionListModel.h"

#include <QFont>
#include <QLocale>

namespace rehabit {

SessionListModel::SessionListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SessionListModel::setSessions(const QList<SessionRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int SessionListModel::rowOfDate(QDate date) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].startedAt.toLocalTime().date() == date)
            return i;
    return -1;
}

int SessionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SessionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SessionListModel::statusText(SessionStatus status)
{
    switch (status) {
    case SessionStatus::InProgress: return tr("in progress");
    case SessionStatus::Completed: return tr("completed");
    case SessionStatus::Partial: return tr("partial");
    case SessionStatus::Aborted: return tr("stopped");
    }
    return {};
}

QVariant SessionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SessionRow &r = m_rows[index.row()];
    const auto pain = [](const std::optional<int> &p) -> QVariant {
        return p ? QVariant(*p) : QVariant(QStringLiteral("\u2013"));
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DateColumn: return QLocale().toString(r.startedAt.toLocalTime(), QLocale::ShortFormat);
        case StatusColumn: return r.flagged ? tr("%1, flagged").arg(statusText(r.status)) : statusText(r.status);
        case DoseColumn: return tr("%1 %").arg(qRound(r.doseShare * 100));
        case BeforeColumn: return pain(r.before);
        case AfterColumn: return pain(r.after);
        case NextMorningColumn: return pain(r.nextMorning);
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() >= DoseColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (r.flagged && index.column() == StatusColumn) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case SessionIdRole: return r.sessionId;
    case DateRole: return r.startedAt.toLocalTime().date();
    default: return {};
    }
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn: return tr("Date");
    case StatusColumn: return tr("Status");
    case DoseColumn: return tr("Dose done");
    case BeforeColumn: return tr("Pain before");
    case AfterColumn: return tr("After");
    case NextMorningColumn: return tr("Next morning");
    default: return {};
    }
}

} // namespace rehabit
