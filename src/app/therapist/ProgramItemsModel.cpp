#include "therapist/ProgramItemsModel.h"

#include "rehabit/domain/DosageText.h"

#include <QCoreApplication>
#include <QFont>
#include <QMimeData>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::ProgramItemsModel", text);
}

class AddItemCommand final : public QUndoCommand {
public:
    AddItemCommand(ProgramItemsModel *model, int row, ProgramItem item, const QString &name,
                   QUndoCommand *parent = nullptr)
        : QUndoCommand(parent)
        , m_model(model)
        , m_row(row)
        , m_item(std::move(item))
    {
        setText(tr("add %1").arg(name));
    }
    void redo() override { m_model->insertItemRaw(m_row, m_item); }
    void undo() override { m_model->removeItemRaw(m_row); }

private:
    ProgramItemsModel *m_model;
    int m_row;
    ProgramItem m_item;
};

class RemoveItemCommand final : public QUndoCommand {
public:
    RemoveItemCommand(ProgramItemsModel *model, int row, const QString &name, QUndoCommand *parent = nullptr)
        : QUndoCommand(parent)
        , m_model(model)
        , m_row(row)
    {
        setText(tr("remove %1").arg(name));
    }
    void redo() override { m_item = m_model->removeItemRaw(m_row); }
    void undo() override { m_model->insertItemRaw(m_row, m_item); }

private:
    ProgramItemsModel *m_model;
    int m_row;
    ProgramItem m_item;
};

class MoveItemCommand final : public QUndoCommand {
public:
    MoveItemCommand(ProgramItemsModel *model, int from, int to, const QString &name)
        : m_model(model)
        , m_from(from)
        , m_to(to)
    {
        setText(tr("move %1").arg(name));
    }
    void redo() override { m_model->moveItemRaw(m_from, m_to); }
    void undo() override { m_model->moveItemRaw(m_to, m_from); }

private:
    ProgramItemsModel *m_model;
    int m_from;
    int m_to;
};

class PrescriptionCommand final : public QUndoCommand {
public:
    PrescriptionCommand(ProgramItemsModel *model, int row, Prescription before, Prescription after, const QString &text,
                        QUndoCommand *parent = nullptr)
        : QUndoCommand(parent)
        , m_model(model)
        , m_row(row)
        , m_before(before)
        , m_after(after)
    {
        setText(text);
    }
    void redo() override { m_model->setPrescriptionRaw(m_row, m_after); }
    void undo() override { m_model->setPrescriptionRaw(m_row, m_before); }

private:
    ProgramItemsModel *m_model;
    int m_row;
    Prescription m_before;
    Prescription m_after;
};

/// Accepting a proposal: the change it makes (its children) and the mark that
/// the proposal is accepted in this edit, undone and redone together.
class AcceptProposalCommand final : public QUndoCommand {
public:
    AcceptProposalCommand(ProgramItemsModel *model, qint64 proposalId, QString exerciseId, const QString &text)
        : m_model(model)
        , m_proposalId(proposalId)
        , m_exerciseId(std::move(exerciseId))
    {
        setText(text);
    }
    void redo() override
    {
        QUndoCommand::redo();
        m_model->setProposalAcceptedRaw(m_proposalId, m_exerciseId, true);
    }
    void undo() override
    {
        QUndoCommand::undo();
        m_model->setProposalAcceptedRaw(m_proposalId, m_exerciseId, false);
    }

private:
    ProgramItemsModel *m_model;
    qint64 m_proposalId;
    QString m_exerciseId;
};

struct Settings {
    QString name;
    PainRuleKind rule = PainRuleKind::Strict;
    int progressionSessions = 3;
};

class SettingsCommand final : public QUndoCommand {
public:
    SettingsCommand(ProgramItemsModel *model, Settings before, Settings after, const QString &text)
        : m_model(model)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {
        setText(text);
    }
    void redo() override { m_model->setSettingsRaw(m_after.name, m_after.rule, m_after.progressionSessions); }
    void undo() override { m_model->setSettingsRaw(m_before.name, m_before.rule, m_before.progressionSessions); }

private:
    ProgramItemsModel *m_model;
    Settings m_before;
    Settings m_after;
};

class TemplateCommand final : public QUndoCommand {
public:
    TemplateCommand(ProgramItemsModel *model, const Program &before, const Program &templ)
        : m_model(model)
        , m_before(before)
        , m_after(before)
    {
        m_after.name = templ.name;
        m_after.items = templ.items;
        for (ProgramItem &item : m_after.items)
            item.id = 0; // new items: the template's are not this program's
        setText(tr("use the template \u201c%1\u201d").arg(templ.name));
    }
    void redo() override { apply(m_after); }
    void undo() override { apply(m_before); }

private:
    void apply(const Program &p)
    {
        m_model->setItemsRaw(p.items);
        m_model->setSettingsRaw(p.name, p.painRule, p.progressionSessions);
    }
    ProgramItemsModel *m_model;
    Program m_before;
    Program m_after;
};

} // namespace

ProgramItemsModel::ProgramItemsModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_undo(new QUndoStack(this))
{}

ProgramItemsModel::~ProgramItemsModel()
{
    // The stack announces its clearing; nobody may look at a model half gone.
    m_undo->blockSignals(true);
    delete m_undo;
}

void ProgramItemsModel::setExercises(const QList<Exercise> &exercises)
{
    beginResetModel();
    m_exercises = exercises;
    m_byId.clear();
    for (qsizetype i = 0; i < m_exercises.size(); ++i)
        m_byId.insert(m_exercises[i].id, i);
    endResetModel();
}

const Exercise *ProgramItemsModel::exercise(const QString &id) const
{
    const auto it = m_byId.constFind(id);
    return it == m_byId.cend() ? nullptr : &m_exercises[*it];
}

void ProgramItemsModel::setProgram(const Program &program)
{
    beginResetModel();
    m_program = program;
    endResetModel();
    m_undo->clear();
    m_undo->setClean();
    m_accepted.clear();
    m_savedDecisions.clear();
    Q_EMIT settingsChanged();
    Q_EMIT acceptedProposalsChanged();
}

void ProgramItemsModel::setSavedIds(const Program &stored)
{
    m_program.id = stored.id;
    m_program.createdAt = stored.createdAt;
    m_program.active = stored.active;
    for (int i = 0; i < m_program.items.size() && i < stored.items.size(); ++i)
        m_program.items[i].id = stored.items[i].id;
}

bool ProgramItemsModel::addExercise(const QString &exerciseId, int row)
{
    const Exercise *e = exercise(exerciseId);
    if (!e)
        return false;
    if (row < 0 || row > m_program.items.size())
        row = int(m_program.items.size());
    ProgramItem item;
    item.exerciseId = e->id;
    item.rx = defaultPrescription(*e);
    m_undo->push(new AddItemCommand(this, row, item, e->name));
    return true;
}

bool ProgramItemsModel::removeItem(int row)
{
    if (row < 0 || row >= m_program.items.size())
        return false;
    m_undo->push(new RemoveItemCommand(this, row, data(index(row, ExerciseColumn)).toString()));
    return true;
}

bool ProgramItemsModel::moveItem(int from, int to)
{
    const int n = int(m_program.items.size());
    if (from < 0 || from >= n || to < 0 || to >= n || from == to)
        return false;
    m_undo->push(new MoveItemCommand(this, from, to, data(index(from, ExerciseColumn)).toString()));
    return true;
}

void ProgramItemsModel::pushSettings(const QString &name, PainRuleKind rule, int progressionSessions,
                                     const QString &text)
{
    const Settings before{m_program.name, m_program.painRule, m_program.progressionSessions};
    const Settings after{name, rule, progressionSessions};
    if (after.name == before.name && after.rule == before.rule
        && after.progressionSessions == before.progressionSessions)
        return;
    m_undo->push(new SettingsCommand(this, before, after, text));
}

void ProgramItemsModel::setProgramName(const QString &name)
{
    pushSettings(name, m_program.painRule, m_program.progressionSessions, tr("rename the program"));
}

void ProgramItemsModel::setPainRule(PainRuleKind rule)
{
    pushSettings(m_program.name, rule, m_program.progressionSessions, tr("change the pain rule"));
}

void ProgramItemsModel::setProgressionSessions(int sessions)
{
    pushSettings(m_program.name, m_program.painRule, sessions, tr("change the progression criterion"));
}

void ProgramItemsModel::applyTemplate(const Program &templ)
{
    m_undo->push(new TemplateCommand(this, m_program, templ));
}

bool ProgramItemsModel::applyProposal(const ProgressionProposal &proposal, qint64 proposalId)
{
    if (proposalId > 0 && (m_accepted.contains(proposalId) || m_savedDecisions.contains(proposalId)))
        return false; // already in this edit
    int row = -1;
    for (int i = 0; i < m_program.items.size(); ++i)
        if (m_program.items[i].id == proposal.programItemId)
            row = i;
    if (row < 0)
        return false;
    const QString name = data(index(row, ExerciseColumn)).toString();
    const Exercise *next = exercise(proposal.proposedExerciseId);
    if (proposal.action == ProposalAction::ReplaceExercise && !next)
        return false;
    QString text;
    switch (proposal.action) {
    case ProposalAction::ChangeDose: text = tr("accept the proposal for %1").arg(name); break;
    case ProposalAction::RemoveItem: text = tr("remove %1").arg(name); break;
    case ProposalAction::ReplaceExercise: text = tr("replace %1 by %2").arg(name, next->name); break;
    }
    const QString changedExercise = proposal.action == ProposalAction::RemoveItem ? QString() : next->id;
    auto *accept = new AcceptProposalCommand(this, proposalId, changedExercise, text);
    switch (proposal.action) {
    case ProposalAction::ChangeDose:
        new PrescriptionCommand(this, row, m_program.items[row].rx, proposal.proposed, text, accept);
        break;
    case ProposalAction::RemoveItem: new RemoveItemCommand(this, row, name, accept); break;
    case ProposalAction::ReplaceExercise: {
        ProgramItem item;
        item.exerciseId = next->id;
        item.rx = proposal.proposed;
        new RemoveItemCommand(this, row, name, accept);
        new AddItemCommand(this, row, item, next->name, accept);
        break;
    }
    }
    m_undo->push(accept);
    return true;
}

QList<qint64> ProgramItemsModel::acceptedProposals() const
{
    QList<qint64> ids;
    for (auto it = m_accepted.cbegin(); it != m_accepted.cend(); ++it)
        if (it.key() > 0)
            ids << it.key();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ProgramItemsModel::markAcceptedProposalsSaved()
{
    for (auto it = m_accepted.cbegin(); it != m_accepted.cend(); ++it)
        m_savedDecisions.insert(it.key());
    m_accepted.clear();
    if (!m_program.items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole, Qt::ToolTipRole});
    Q_EMIT acceptedProposalsChanged();
}

void ProgramItemsModel::setProposalAcceptedRaw(qint64 proposalId, const QString &exerciseId, bool accepted)
{
    if (m_savedDecisions.contains(proposalId))
        return; // stored with an earlier save: undoing the change does not undo the decision
    if (accepted)
        m_accepted.insert(proposalId, exerciseId);
    else
        m_accepted.remove(proposalId);
    if (!m_program.items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::FontRole, Qt::ToolTipRole, Qt::BackgroundRole});
    Q_EMIT acceptedProposalsChanged();
}

bool ProgramItemsModel::isChangedByProposal(int row) const
{
    if (row < 0 || row >= m_program.items.size() || m_accepted.isEmpty())
        return false;
    for (auto it = m_accepted.cbegin(); it != m_accepted.cend(); ++it)
        if (!it.value().isEmpty() && it.value() == m_program.items[row].exerciseId)
            return true;
    return false;
}

void ProgramItemsModel::insertItemRaw(int row, const ProgramItem &item)
{
    beginInsertRows({}, row, row);
    m_program.items.insert(row, item);
    endInsertRows();
}

ProgramItem ProgramItemsModel::removeItemRaw(int row)
{
    beginRemoveRows({}, row, row);
    ProgramItem item = m_program.items.takeAt(row);
    endRemoveRows();
    return item;
}

void ProgramItemsModel::moveItemRaw(int from, int to)
{
    if (!beginMoveRows({}, from, from, {}, to > from ? to + 1 : to))
        return;
    m_program.items.move(from, to);
    endMoveRows();
}

void ProgramItemsModel::setPrescriptionRaw(int row, const Prescription &rx)
{
    m_program.items[row].rx = rx;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ProgramItemsModel::setSettingsRaw(const QString &name, PainRuleKind rule, int progressionSessions)
{
    m_program.name = name;
    m_program.painRule = rule;
    m_program.progressionSessions = progressionSessions;
    Q_EMIT settingsChanged();
}

void ProgramItemsModel::setItemsRaw(const QList<ProgramItem> &items)
{
    beginResetModel();
    m_program.items = items;
    endResetModel();
}

int ProgramItemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_program.items.size());
}

int ProgramItemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<int> ProgramItemsModel::field(const Prescription &rx, int column)
{
    switch (column) {
    case SetsColumn: return rx.sets;
    case RepsColumn: return rx.reps;
    case HoldColumn: return rx.holdSeconds;
    case DurationColumn: return rx.durationSeconds;
    case RestBetweenSetsColumn: return rx.restBetweenSetsSeconds;
    case SidesColumn: return int(rx.sides);
    case DaysPerWeekColumn: return rx.daysPerWeek;
    default: return std::nullopt;
    }
}

std::pair<int, int> ProgramItemsModel::fieldRange(int column)
{
    switch (column) {
    case SetsColumn: return {1, 20};
    case RepsColumn: return {0, 200};
    case HoldColumn: return {0, 600};
    case DurationColumn: return {0, 3600};
    case RestBetweenSetsColumn: return {0, 600};
    case SidesColumn: return {int(Sides::EachSide), int(Sides::Both)};
    case DaysPerWeekColumn: return {1, 7};
    default: return {0, 0};
    }
}

bool ProgramItemsModel::setField(Prescription &rx, int column, const QVariant &value)
{
    if (column == LoadColumn) {
        rx.load = value.toString().simplified();
        return true;
    }
    bool ok = false;
    const int v = value.toInt(&ok);
    const auto [lo, hi] = fieldRange(column);
    if (!ok || v < lo || v > hi)
        return false;
    switch (column) {
    case SetsColumn: rx.sets = v; break;
    case RepsColumn: rx.reps = v; break;
    case HoldColumn: rx.holdSeconds = v; break;
    case DurationColumn: rx.durationSeconds = v; break;
    case RestBetweenSetsColumn: rx.restBetweenSetsSeconds = v; break;
    case SidesColumn: rx.sides = Sides(v); break;
    case DaysPerWeekColumn: rx.daysPerWeek = v; break;
    default: return false;
    }
    return true;
}

QVariant ProgramItemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProgramItem &item = m_program.items[index.row()];
    const Exercise *e = exercise(item.exerciseId);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == ExerciseColumn)
            return e ? e->name : tr("(unknown exercise %1)").arg(item.exerciseId);
        if (column == PhaseColumn)
            return e ? phaseName(e->phase) : QString();
        if (column == SidesColumn)
            return DosageText::sidesText(item.rx.sides);
        if (column == LoadColumn)
            return item.rx.load;
        if (const auto v = field(item.rx, column))
            return *v;
        return {};
    case Qt::EditRole:
        if (column == LoadColumn)
            return item.rx.load;
        if (const auto v = field(item.rx, column))
            return *v;
        return {};
    case Qt::ToolTipRole:
        if (!e)
            return {};
        if (isChangedByProposal(index.row()))
            return tr("%1\nChanged by an accepted proposal: the acceptance is stored when you save the program; "
                      "Revert leaves the proposal pending.")
                .arg(DosageText::describe(item.rx, e->kind));
        return DosageText::describe(item.rx, e->kind);
    case Qt::FontRole:
        if (isChangedByProposal(index.row())) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if ((column >= SetsColumn && column <= RestBetweenSetsColumn) || column == DaysPerWeekColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ExerciseIdRole: return item.exerciseId;
    case MinimumRole: return field(item.rx, column) ? QVariant(fieldRange(column).first) : QVariant();
    case MaximumRole: return field(item.rx, column) ? QVariant(fieldRange(column).second) : QVariant();
    default: return {};
    }
}

bool ProgramItemsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int row = index.row();
    const Prescription before = m_program.items[row].rx;
    Prescription after = before;
    if (!setField(after, index.column(), value))
        return false;
    if (after == before)
        return true;
    const QString what = headerData(index.column(), Qt::Horizontal).toString().simplified().toLower();
    const QString name = data(this->index(row, ExerciseColumn)).toString();
    m_undo->push(new PrescriptionCommand(this, row, before, after, tr("change %1 of %2").arg(what, name)));
    return true;
}

QVariant ProgramItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ExerciseColumn: return tr("Exercise");
    case PhaseColumn: return tr("Phase");
    case SetsColumn: return tr("Sets");
    case RepsColumn: return tr("Reps");
    // Two lines, so that the table fits beside the catalog at 1280x800.
    case HoldColumn: return tr("Hold\n(s)");
    case DurationColumn: return tr("Time\n(s)");
    case RestBetweenSetsColumn: return tr("Rest between\nsets (s)");
    case SidesColumn: return tr("Sides");
    case DaysPerWeekColumn: return tr("Days per\nweek");
    case LoadColumn: return tr("Load");
    default: return {};
    }
}

Qt::ItemFlags ProgramItemsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled;
    if (index.column() != ExerciseColumn && index.column() != PhaseColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

Qt::DropActions ProgramItemsModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QString ProgramItemsModel::itemRowMimeType()
{
    return QStringLiteral("application/x-rehabit-program-item-row");
}

QStringList ProgramItemsModel::mimeTypes() const
{
    return {itemRowMimeType()};
}

QMimeData *ProgramItemsModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(itemRowMimeType(), QByteArray::number(indexes.first().row()));
    return mime;
}

bool ProgramItemsModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                        const QModelIndex &) const
{
    return data && action == Qt::MoveAction && data->hasFormat(itemRowMimeType());
}

bool ProgramItemsModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                     const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    bool ok = false;
    const int from = data->data(itemRowMimeType()).toInt(&ok);
    if (!ok || from < 0 || from >= m_program.items.size())
        return false;
    // Dropped on a row: take its place; between rows: go there; below the last: the end.
    int to = parent.isValid() ? parent.row() : (row < 0 ? int(m_program.items.size()) : row);
    if (to > from && !parent.isValid())
        --to; // the item leaves its own place first
    to = std::clamp(to, 0, int(m_program.items.size()) - 1);
    moveItem(from, to);
    return false; // the move is done here; the view must not remove anything
}

} // namespace rehabit
