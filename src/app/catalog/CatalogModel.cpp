#include "catalog/CatalogModel.h"

#include "rehabit/domain/DosageText.h"

#include <QFont>

namespace rehabit {

CatalogModel::CatalogModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void CatalogModel::setExercises(const QList<Exercise> &exercises)
{
    beginResetModel();
    m_groups.clear();
    for (const Phase phase : {Phase::Assessment, Phase::Flexibility, Phase::CoreStability, Phase::HipStrength}) {
        PhaseGroup group{phase, {}};
        for (const Exercise &e : exercises)
            if (e.phase == phase)
                group.exercises << e;
        if (!group.exercises.isEmpty())
            m_groups << group;
    }
    endResetModel();
}

const Exercise *CatalogModel::exercise(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == PhaseRow)
        return nullptr;
    const auto &group = m_groups.at(qsizetype(index.internalId() - 1));
    return &group.exercises.at(index.row());
}

QModelIndex CatalogModel::indexOf(const QString &exerciseId) const
{
    for (qsizetype g = 0; g < m_groups.size(); ++g)
        for (qsizetype r = 0; r < m_groups.at(g).exercises.size(); ++r)
            if (m_groups.at(g).exercises.at(r).id == exerciseId)
                return createIndex(int(r), 0, quintptr(g + 1));
    return {};
}

QModelIndex CatalogModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, PhaseRow);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex CatalogModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == PhaseRow)
        return {};
    return createIndex(int(child.internalId() - 1), 0, PhaseRow);
}

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != PhaseRow)
        return 0;
    return int(m_groups.at(parent.row()).exercises.size());
}

int CatalogModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == PhaseRow) {
        const Phase phase = m_groups.at(index.row()).phase;
        switch (role) {
        case Qt::DisplayRole: return phaseName(phase);
        case Qt::FontRole: {
            QFont font;
            font.setBold(true);
            return font;
        }
        case PhaseRole: return int(phase);
        case ExerciseIdRole: return QString();
        default: return {};
        }
    }
    const Exercise *e = exercise(index);
    switch (role) {
    case Qt::DisplayRole: return e->name;
    case Qt::ToolTipRole: return DosageText::describe(*e);
    case ExerciseIdRole: return e->id;
    case PhaseRole: return int(e->phase);
    default: return {};
    }
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Exercise");
    return {};
}

Qt::ItemFlags CatalogModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == PhaseRow)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace rehabit
