#pragma once
// The exercise catalog as a two-level tree: phases (in the article's order),
// each with its exercises in session order.

#include "rehabit/domain/Exercise.h"

#include <QAbstractItemModel>
#include <QList>

namespace rehabit {

class CatalogModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        ExerciseIdRole = Qt::UserRole + 1, ///< QString id of an exercise row; empty for a phase row
        PhaseRole,                         ///< int(Phase) of both kinds of row
    };

    explicit CatalogModel(QObject *parent = nullptr);

    void setExercises(const QList<Exercise> &exercises);
    /// The exercise at `index`, or nullptr for a phase row.
    const Exercise *exercise(const QModelIndex &index) const;
    /// Index of the exercise with this id, invalid if there is none.
    QModelIndex indexOf(const QString &exerciseId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct PhaseGroup {
        Phase phase;
        QList<Exercise> exercises;
    };
    static constexpr quintptr PhaseRow = 0; ///< internalId of a phase row; exercise rows hold group + 1

    QList<PhaseGroup> m_groups;
};

} // namespace rehabit
