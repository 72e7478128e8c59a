#include "therapist/ProgramEditor.h"

#include "catalog/CatalogModel.h"
#include "therapist/CustomExerciseDialog.h"
#include "therapist/ProgramCheck.h"
#include "therapist/ProgramItemsModel.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/domain/DosageText.h"
#include "rehabit/domain/ProgramTemplates.h"
#include "rehabit/store/Store.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace rehabit {
namespace {

/// Number fields get a spin box within the model's range; sides a list.
class ItemDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.column() == ProgramItemsModel::SidesColumn) {
            auto *box = new QComboBox(parent);
            for (const Sides s : {Sides::EachSide, Sides::Alternating, Sides::Both})
                box->addItem(DosageText::sidesText(s), int(s));
            return box;
        }
        const QVariant min = index.data(ProgramItemsModel::MinimumRole);
        if (min.isValid()) {
            auto *spin = new QSpinBox(parent);
            spin->setRange(min.toInt(), index.data(ProgramItemsModel::MaximumRole).toInt());
            spin->setFrame(false);
            return spin;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *box = qobject_cast<QComboBox *>(editor)) {
            box->setCurrentIndex(box->findData(index.data(Qt::EditRole)));
            return;
        }
        QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *box = qobject_cast<QComboBox *>(editor)) {
            model->setData(index, box->currentData());
            return;
        }
        QStyledItemDelegate::setModelData(editor, model, index);
    }
};

Program onlyPhase(const Program &daily, const QList<Exercise> &catalog, Phase phase, const QString &name)
{
    Program p = daily;
    p.name = name;
    p.items.clear();
    for (const ProgramItem &item : daily.items) {
        const auto e =
            std::find_if(catalog.cbegin(), catalog.cend(), [&](const Exercise &x) { return x.id == item.exerciseId; });
        if (e != catalog.cend() && e->phase == phase)
            p.items << item;
    }
    for (int i = 0; i < p.items.size(); ++i)
        p.items[i].position = i + 1;
    return p;
}

} // namespace

QList<Program> ProgramEditor::templates(const QList<Exercise> &catalog, qint64 patientId, const QDateTime &at)
{
    const Program daily = ProgramTemplates::dailyProgram(patientId, catalog, at);
    return {
        daily,
        onlyPhase(daily, catalog, Phase::Flexibility, tr("Iliopsoas: flexibility")),
        onlyPhase(daily, catalog, Phase::CoreStability, tr("Iliopsoas: core stability")),
        onlyPhase(daily, catalog, Phase::HipStrength, tr("Iliopsoas: hip strength")),
    };
}

ProgramEditor::ProgramEditor(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new ProgramItemsModel(this))
    , m_catalogModel(new CatalogModel(this))
    , m_catalog(new QTreeView)
    , m_items(new QTableView)
    , m_templates(new QComboBox)
    , m_name(new QLineEdit)
    , m_painRule(new QComboBox)
    , m_progression(new QSpinBox)
    , m_problems(new QLabel)
    , m_state(new QLabel)
    , m_save(new QPushButton(tr("&Save program")))
    , m_revert(new QPushButton(tr("Re&vert")))
{
    QFormLayout *form = buildSettingsForm();
    QWidget *catalogPane = buildCatalogPane();
    QWidget *itemsPane = buildItemsPane();
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(catalogPane);
    split->addWidget(itemsPane);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    split->setSizes({200, 800});

    QHBoxLayout *bottom = buildStateRow();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addWidget(m_problems);
    layout->addLayout(bottom);

    connect(m_model, &ProgramItemsModel::settingsChanged, this, &ProgramEditor::showSettings);
    connect(m_model->undoStack(), &QUndoStack::indexChanged, this, &ProgramEditor::showState);
    connect(m_model->undoStack(), &QUndoStack::cleanChanged, this,
            [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
    createActions();
    showState();
}

/// The program's name, pain rule, progression criterion and the template chooser.
QFormLayout *ProgramEditor::buildSettingsForm()
{
    m_name->setMaxLength(120);
    m_name->setAccessibleName(tr("Program name"));
    m_painRule->addItem(tr("Strict (the article): any rise above the starting pain stops"), int(PainRuleKind::Strict));
    m_painRule->addItem(tr("Pain-monitoring model: 0\u20132 safe, up to 5 acceptable, above 5 stops"),
                        int(PainRuleKind::PainMonitoring));
    m_painRule->setAccessibleName(tr("Pain rule"));
    for (QComboBox *box : {m_painRule, m_templates}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(16);
    }
    m_progression->setRange(1, 30);
    m_progression->setSuffix(tr(" pain-free sessions at full dose"));
    m_progression->setAccessibleName(tr("Progression criterion"));
    auto *useTemplate = new QPushButton(tr("&Use template"));
    m_templates->setAccessibleName(tr("Template"));
    auto *templateRow = new QHBoxLayout;
    templateRow->addWidget(m_templates, 1);
    templateRow->addWidget(useTemplate);
    auto *form = new QFormLayout;
    auto *nameLabel = new QLabel(tr("&Name:"));
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, m_name);
    auto *ruleLabel = new QLabel(tr("Pain &rule:"));
    ruleLabel->setBuddy(m_painRule);
    form->addRow(ruleLabel, m_painRule);
    auto *progressionLabel = new QLabel(tr("Ad&vance an item after:"));
    progressionLabel->setBuddy(m_progression);
    form->addRow(progressionLabel, m_progression);
    auto *templateLabel = new QLabel(tr("Start from a &template:"));
    templateLabel->setBuddy(m_templates);
    form->addRow(templateLabel, templateRow);
    connect(m_name, &QLineEdit::editingFinished, this,
            [this] { m_model->setProgramName(m_name->text().simplified()); });
    connect(m_painRule, &QComboBox::activated, this,
            [this] { m_model->setPainRule(PainRuleKind(m_painRule->currentData().toInt())); });
    connect(m_progression, &QSpinBox::editingFinished, this,
            [this] { m_model->setProgressionSessions(m_progression->value()); });
    connect(useTemplate, &QPushButton::clicked, this, &ProgramEditor::applySelectedTemplate);
    return form;
}

/// The catalog to add from, with the buttons for custom exercises.
QWidget *ProgramEditor::buildCatalogPane()
{
    m_catalog->setModel(m_catalogModel);
    m_catalog->setHeaderHidden(true);
    m_catalog->setRootIsDecorated(false);
    m_catalog->setItemsExpandable(false);
    m_catalog->setAccessibleName(tr("Catalog exercises"));
    m_catalog->setMinimumWidth(160);
    auto *add = new QPushButton(tr("&Add to program"));
    add->setToolTip(tr("Adds the chosen exercise at its catalog dose (Enter in the catalog)"));
    auto *custom = new QPushButton(tr("New &custom exercise\u2026"));
    m_editCustom = new QPushButton(tr("Ed&it custom exercise\u2026"));
    m_editCustom->setToolTip(tr("Changes the chosen exercise of your own (F2 in the catalog); the bundled "
                                "exercises cannot be changed"));
    auto *catalogBox = new QVBoxLayout;
    auto *catalogLabel = new QLabel(tr("Ca&talog"));
    catalogLabel->setBuddy(m_catalog);
    catalogBox->addWidget(catalogLabel);
    catalogBox->addWidget(m_catalog, 1);
    catalogBox->addWidget(add);
    catalogBox->addWidget(custom);
    catalogBox->addWidget(m_editCustom);
    auto *catalogPane = new QWidget;
    catalogPane->setLayout(catalogBox);
    catalogBox->setContentsMargins(0, 0, 0, 0);
    connect(add, &QPushButton::clicked, this, &ProgramEditor::addSelectedExercise);
    connect(m_catalog, &QTreeView::activated, this, &ProgramEditor::addSelectedExercise);
    connect(custom, &QPushButton::clicked, this, &ProgramEditor::newCustomExercise);
    connect(m_editCustom, &QPushButton::clicked, this, &ProgramEditor::editSelectedCustomExercise);
    connect(m_catalog->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { m_editCustom->setEnabled(selectedCustomExercise() != nullptr); });
    m_editCustom->setEnabled(false);
    auto *editCustom = new QAction(m_catalog);
    editCustom->setShortcut(QKeySequence(Qt::Key_F2));
    editCustom->setShortcutContext(Qt::WidgetShortcut);
    connect(editCustom, &QAction::triggered, this, &ProgramEditor::editSelectedCustomExercise);
    m_catalog->addAction(editCustom);
    return catalogPane;
}

/// The program's items (edited in place, dragged to reorder) and their buttons.
QWidget *ProgramEditor::buildItemsPane()
{
    m_items->setModel(m_model);
    m_items->setItemDelegate(new ItemDelegate(m_items));
    m_items->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_items->setSelectionMode(QAbstractItemView::SingleSelection);
    m_items->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_items->setDragEnabled(true);
    m_items->setAcceptDrops(true);
    m_items->setDropIndicatorShown(true);
    m_items->setDragDropMode(QAbstractItemView::DragDrop);
    m_items->setDefaultDropAction(Qt::MoveAction);
    m_items->verticalHeader()->setVisible(true);
    m_items->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_items->horizontalHeader()->setSectionResizeMode(ProgramItemsModel::ExerciseColumn, QHeaderView::Stretch);
    m_items->setAccessibleName(tr("Program items"));
    auto *remove = new QPushButton(tr("&Remove"));
    remove->setToolTip(tr("Removes the chosen item (Delete)"));
    auto *up = new QPushButton(tr("Move &up"));
    up->setToolTip(tr("Alt+Up"));
    auto *down = new QPushButton(tr("Move &down"));
    down->setToolTip(tr("Alt+Down"));
    auto *itemButtons = new QHBoxLayout;
    itemButtons->addWidget(remove);
    itemButtons->addWidget(up);
    itemButtons->addWidget(down);
    itemButtons->addStretch();
    auto *itemsLabel = new QLabel(tr("&Program items \u2013 sessions run the phases in the article\u2019s order "
                                     "(flexibility, core stability, hip strength); within a phase, in this order"));
    itemsLabel->setWordWrap(true);
    itemsLabel->setBuddy(m_items);
    auto *itemsBox = new QVBoxLayout;
    itemsBox->setContentsMargins(0, 0, 0, 0);
    itemsBox->addWidget(itemsLabel);
    itemsBox->addWidget(m_items, 1);
    itemsBox->addLayout(itemButtons);
    auto *itemsPane = new QWidget;
    itemsPane->setLayout(itemsBox);
    connect(remove, &QPushButton::clicked, this, &ProgramEditor::removeCurrentItem);
    connect(up, &QPushButton::clicked, this, [this] { moveCurrentItem(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveCurrentItem(+1); });
    return itemsPane;
}

/// The state line, the problems' label settings, Revert and Save.
QHBoxLayout *ProgramEditor::buildStateRow()
{
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setAccessibleName(tr("Problems"));
    m_state->setWordWrap(true);
    m_save->setToolTip(tr("Writes the program to the database (Ctrl+S). Nothing is saved before."));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_state, 1);
    bottom->addWidget(m_revert);
    bottom->addWidget(m_save);
    connect(m_save, &QPushButton::clicked, this, [this] { (void)save(); });
    connect(m_revert, &QPushButton::clicked, this, &ProgramEditor::revert);
    return bottom;
}

QAction *ProgramEditor::newSaveAction(QObject *parent)
{
    auto *a = new QAction(tr("&Save program"), parent);
    a->setShortcut(QKeySequence::Save);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    return a;
}

/// Ctrl+S, Delete in the items, Alt+Up and Alt+Down.
void ProgramEditor::createActions()
{
    m_saveAction = newSaveAction(this);
    connect(m_saveAction, &QAction::triggered, this, [this] { (void)save(); });
    addAction(m_saveAction);
    auto *deleteItem = new QAction(m_items);
    deleteItem->setShortcut(QKeySequence::Delete);
    deleteItem->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteItem, &QAction::triggered, this, &ProgramEditor::removeCurrentItem);
    m_items->addAction(deleteItem);
    for (const auto &[keys, delta] :
         {std::pair{QKeySequence(Qt::ALT | Qt::Key_Up), -1}, std::pair{QKeySequence(Qt::ALT | Qt::Key_Down), +1}}) {
        auto *a = new QAction(this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, [this, d = delta] { moveCurrentItem(d); });
        addAction(a);
    }
}

QUndoStack *ProgramEditor::undoStack() const
{
    return m_model->undoStack();
}

Result<void> ProgramEditor::reloadExercises()
{
    auto exercises = m_store.exercises();
    if (!exercises)
        return exercises.error();
    m_exercises = std::move(exercises).value();
    m_model->setExercises(m_exercises);
    m_catalogModel->setExercises(m_exercises);
    m_catalog->expandAll();
    const QString current = m_templates->currentText();
    m_templates->clear();
    for (const Program &t : templates(m_exercises, 0, Clock::nowUtc())) {
        QStringList names;
        for (const ProgramItem &item : t.items)
            if (const Exercise *e = m_model->exercise(item.exerciseId))
                names << e->name;
        m_templates->addItem(t.name);
        m_templates->setItemData(m_templates->count() - 1, names.join(u'\n'), Qt::ToolTipRole);
    }
    m_templates->setCurrentIndex(std::max(0, m_templates->findText(current)));
    m_editCustom->setEnabled(selectedCustomExercise() != nullptr);
    return {};
}

void ProgramEditor::editProgram(const Program &program)
{
    m_saved = program;
    m_model->setProgram(program);
    showState();
}

void ProgramEditor::editNewProgram(qint64 patientId)
{
    Program p;
    p.patientId = patientId;
    p.name = tr("New program");
    editProgram(p);
}

bool ProgramEditor::hasUnsavedChanges() const
{
    return !m_model->undoStack()->isClean();
}

void ProgramEditor::showSettings()
{
    const Program &p = m_model->program();
    if (m_name->text() != p.name)
        m_name->setText(p.name);
    m_painRule->setCurrentIndex(m_painRule->findData(int(p.painRule)));
    m_progression->setValue(p.progressionSessions);
}

QString ProgramEditor::problemsText() const
{
    const auto problems =
        ProgramCheck::problems(m_model->program(), [this](const QString &id) { return m_model->exercise(id); });
    QStringList lines;
    for (const ProgramProblem &p : problems)
        lines << p.error.text();
    return lines.join(u'\n');
}

void ProgramEditor::showState()
{
    const QString problems = problemsText();
    m_problems->setText(problems.isEmpty() ? QString() : tr("Cannot be saved yet:\n%1").arg(problems));
    m_problems->setVisible(!problems.isEmpty());
    const bool modified = hasUnsavedChanges();
    const bool isNew = m_model->program().id == 0;
    if (isNew)
        m_state->setText(tr("A new program, not saved yet. Changes are saved only when you press Save (Ctrl+S)."));
    else if (modified)
        m_state->setText(tr("Unsaved changes. They are saved only when you press Save (Ctrl+S); "
                            "Ctrl+Z undoes them one by one."));
    else
        m_state->setText(tr("Saved. Changes are saved only when you press Save (Ctrl+S)."));
    m_save->setEnabled(modified || isNew);
    m_revert->setEnabled(modified);
}

Result<Program> ProgramEditor::save()
{
    // The value in the name field counts even if the field still has the focus.
    m_model->setProgramName(m_name->text().simplified());
    const auto problems =
        ProgramCheck::problems(m_model->program(), [this](const QString &id) { return m_model->exercise(id); });
    if (!problems.isEmpty()) {
        showState();
        const ProgramProblem &first = problems.first();
        if (first.row >= 0)
            m_items->setCurrentIndex(m_model->index(first.row, std::max(0, first.column)));
        return first.error;
    }
    Program program = m_model->program();
    for (int i = 0; i < program.items.size(); ++i)
        program.items[i].position = i;
    if (!program.createdAt.isValid())
        program.createdAt = Clock::nowUtc();
    // The proposals accepted into this edit are decided with it, in one transaction.
    auto written = program.id == 0
                       ? m_store.addProgram(program)
                       : m_store.updateProgramAccepting(program, m_model->acceptedProposals(), Clock::nowUtc());
    if (!written) {
        m_problems->setText(tr("The program was not saved: %1").arg(written.error().text()));
        m_problems->setVisible(true);
        return written.error();
    }
    // The store set the ids; keep the undo history but mark this state saved.
    m_saved = *written;
    m_model->setSavedIds(*written);
    m_model->markAcceptedProposalsSaved();
    m_model->undoStack()->setClean();
    showState();
    Q_EMIT saved(*written);
    return written;
}

void ProgramEditor::revert()
{
    editProgram(m_saved);
}

bool ProgramEditor::addSelectedExercise()
{
    const QString id = m_catalog->currentIndex().data(CatalogModel::ExerciseIdRole).toString();
    if (id.isEmpty())
        return false;
    const int current = m_items->currentIndex().isValid() ? m_items->currentIndex().row() + 1 : -1;
    if (!m_model->addExercise(id, current))
        return false;
    const int row = current < 0 ? m_model->rowCount() - 1 : current;
    m_items->setCurrentIndex(m_model->index(row, ProgramItemsModel::SetsColumn));
    return true;
}

bool ProgramEditor::removeCurrentItem()
{
    const QModelIndex current = m_items->currentIndex();
    if (!current.isValid() || !m_model->removeItem(current.row()))
        return false;
    const int row = std::min(current.row(), m_model->rowCount() - 1);
    if (row >= 0)
        m_items->setCurrentIndex(m_model->index(row, current.column()));
    return true;
}

bool ProgramEditor::moveCurrentItem(int delta)
{
    const QModelIndex current = m_items->currentIndex();
    if (!current.isValid())
        return false;
    const int to = current.row() + delta;
    if (!m_model->moveItem(current.row(), to))
        return false;
    m_items->setCurrentIndex(m_model->index(to, current.column()));
    return true;
}

bool ProgramEditor::applySelectedTemplate()
{
    const auto all = templates(m_exercises, m_model->program().patientId, Clock::nowUtc());
    const int i = m_templates->currentIndex();
    if (i < 0 || i >= all.size())
        return false;
    m_model->applyTemplate(all[i]);
    return true;
}

void ProgramEditor::newCustomExercise()
{
    runCustomExerciseDialog(nullptr);
}

const Exercise *ProgramEditor::selectedCustomExercise() const
{
    const Exercise *e = m_catalogModel->exercise(m_catalog->currentIndex());
    return e && e->origin == ExerciseOrigin::Custom ? e : nullptr;
}

bool ProgramEditor::editSelectedCustomExercise()
{
    const Exercise *e = selectedCustomExercise();
    if (!e)
        return false;
    runCustomExerciseDialog(e);
    return true;
}

void ProgramEditor::runCustomExerciseDialog(const Exercise *edited)
{
    CustomExerciseDialog dialog(m_store, m_exercises, this);
    if (edited)
        dialog.editExercise(*edited);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString id = dialog.savedExercise().id;
    if (auto r = reloadExercises(); !r) {
        m_problems->setText(r.error().text());
        m_problems->setVisible(true);
        return;
    }
    m_catalog->setCurrentIndex(m_catalogModel->indexOf(id));
}

} // namespace rehabit
