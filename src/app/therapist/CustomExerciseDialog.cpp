#include "therapist/CustomExerciseDialog.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/DosageText.h"
#include "rehabit/store/Store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rehabit {
namespace {

QStringList lines(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const QString &line : edit->toPlainText().split(u'\n')) {
        const QString t = line.trimmed();
        if (!t.isEmpty())
            out << t;
    }
    return out;
}

QSpinBox *seconds(int max)
{
    auto *spin = new QSpinBox;
    spin->setRange(0, max);
    spin->setSuffix(CustomExerciseDialog::tr(" s"));
    return spin;
}

} // namespace

CustomExerciseDialog::RangeFields CustomExerciseDialog::rangeFields(int maximum)
{
    RangeFields f{new QCheckBox, new QSpinBox, new QSpinBox, new QSpinBox};
    for (QSpinBox *spin : {f.min, f.max, f.def}) {
        spin->setRange(0, maximum);
        spin->setEnabled(false);
        connect(f.given, &QCheckBox::toggled, spin, &QWidget::setEnabled);
    }
    return f;
}

CustomExerciseDialog::CustomExerciseDialog(Store &store, const QList<Exercise> &existing, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_name(new QLineEdit)
    , m_phase(new QComboBox)
    , m_category(new QLineEdit)
    , m_kind(new QComboBox)
    , m_sides(new QComboBox)
    , m_sets(rangeFields(10))
    , m_reps(rangeFields(100))
    , m_hold(rangeFields(600))
    , m_duration(rangeFields(1800))
    , m_restReps(seconds(600))
    , m_restSets(seconds(600))
    , m_restAfter(seconds(600))
    , m_equipment(new QLineEdit)
    , m_steps(new QPlainTextEdit)
    , m_mistakes(new QPlainTextEdit)
    , m_safety(new QPlainTextEdit)
    , m_note(new QLineEdit)
    , m_problem(new QLabel)
{
    setWindowTitle(tr("New custom exercise"));
    for (const Exercise &e : existing)
        m_takenIds << e.id;

    for (const Phase p : {Phase::Assessment, Phase::Flexibility, Phase::CoreStability, Phase::HipStrength})
        m_phase->addItem(phaseName(p), int(p));
    m_phase->setCurrentIndex(m_phase->findData(int(Phase::HipStrength)));
    m_kind->addItem(tr("Reps"), int(WorkKind::Reps));
    m_kind->addItem(tr("Holds (each rep held)"), int(WorkKind::Holds));
    m_kind->addItem(tr("Timed"), int(WorkKind::Timed));
    m_kind->addItem(tr("Assessment (a result per side)"), int(WorkKind::Assessment));
    for (const Sides s : {Sides::EachSide, Sides::Alternating, Sides::Both})
        m_sides->addItem(DosageText::sidesText(s), int(s));
    m_name->setMaxLength(120);
    m_category->setText(tr("own exercise"));
    m_equipment->setPlaceholderText(tr("band, bench \u2013 separated by commas; empty if none"));
    m_steps->setPlaceholderText(tr("One step per line. After a | the short cue said during the step, for example:\n"
                                   "Lie on your back, knees bent | Knees bent\nLift the hips | Squeeze"));
    m_mistakes->setPlaceholderText(tr("One common mistake per line (may be empty)"));
    m_safety->setPlaceholderText(tr("At least one safety note, one per line, for example:\nStop if it hurts."));
    m_safety->setPlainText(tr("None of these exercises should create or worsen your pain: stop if it does."));
    for (QPlainTextEdit *edit : {m_steps, m_mistakes, m_safety}) {
        edit->setTabChangesFocus(true);
        edit->setMinimumHeight(70);
    }
    m_note->setPlaceholderText(tr("Where the dose comes from (optional)"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setAccessibleName(tr("Problem"));

    auto *dose = new QGroupBox(tr("Dose: tick what applies; range and default"));
    auto *grid = new QGridLayout(dose);
    grid->addWidget(new QLabel(tr("minimum")), 0, 2);
    grid->addWidget(new QLabel(tr("maximum")), 0, 3);
    grid->addWidget(new QLabel(tr("default")), 0, 4);
    int row = 1;
    for (const auto &[label, f] : {std::pair{tr("&Sets"), &m_sets}, std::pair{tr("&Reps"), &m_reps},
                                   std::pair{tr("&Hold (s)"), &m_hold}, std::pair{tr("&Time (s)"), &m_duration}}) {
        f->given->setText(label);
        grid->addWidget(f->given, row, 0);
        grid->addWidget(f->min, row, 2);
        grid->addWidget(f->max, row, 3);
        grid->addWidget(f->def, row, 4);
        ++row;
    }
    m_sets.given->setChecked(true);
    m_sets.min->setValue(1);
    m_sets.max->setValue(3);
    m_sets.def->setValue(2);
    m_reps.given->setChecked(true);
    m_reps.min->setValue(8);
    m_reps.max->setValue(15);
    m_reps.def->setValue(10);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Phase:"), m_phase);
    form->addRow(tr("Cate&gory:"), m_category);
    form->addRow(tr("&Kind of work:"), m_kind);
    form->addRow(tr("Si&des:"), m_sides);
    form->addRow(dose);
    auto *rest = new QHBoxLayout;
    rest->addWidget(new QLabel(tr("between reps")));
    rest->addWidget(m_restReps);
    rest->addWidget(new QLabel(tr("between sets")));
    rest->addWidget(m_restSets);
    rest->addWidget(new QLabel(tr("after the exercise")));
    rest->addWidget(m_restAfter);
    form->addRow(tr("Rest:"), rest);
    form->addRow(tr("&Equipment:"), m_equipment);
    form->addRow(tr("S&teps:"), m_steps);
    form->addRow(tr("&Mistakes:"), m_mistakes);
    form->addRow(tr("Sa&fety:"), m_safety);
    form->addRow(tr("Source n&ote:"), m_note);

    auto *fields = new QWidget;
    fields->setLayout(form);
    auto *scroll = new QScrollArea;
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomExerciseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(640, 720);
}

std::optional<Range> CustomExerciseDialog::rangeOf(const RangeFields &f)
{
    if (!f.given->isChecked())
        return std::nullopt;
    return Range{f.min->value(), f.max->value(), f.def->value()};
}

void CustomExerciseDialog::showRange(const RangeFields &f, const std::optional<Range> &range)
{
    f.given->setChecked(range.has_value());
    if (!range)
        return;
    f.min->setValue(range->min);
    f.max->setValue(range->max);
    f.def->setValue(range->def);
}

void CustomExerciseDialog::editExercise(const Exercise &exercise)
{
    m_edited = exercise;
    setWindowTitle(tr("Edit custom exercise"));
    m_name->setText(exercise.name);
    m_phase->setCurrentIndex(m_phase->findData(int(exercise.phase)));
    m_category->setText(exercise.category);
    m_kind->setCurrentIndex(m_kind->findData(int(exercise.kind)));
    m_sides->setCurrentIndex(m_sides->findData(int(exercise.sides)));
    showRange(m_sets, exercise.dosage.sets);
    showRange(m_reps, exercise.dosage.reps);
    showRange(m_hold, exercise.dosage.holdSeconds);
    showRange(m_duration, exercise.dosage.durationSeconds);
    m_restReps->setValue(exercise.rest.betweenRepsSeconds);
    m_restSets->setValue(exercise.rest.betweenSetsSeconds);
    m_restAfter->setValue(exercise.rest.afterExerciseSeconds);
    m_equipment->setText(exercise.equipment.join(QStringLiteral(", ")));
    QStringList steps;
    for (const Step &step : exercise.steps)
        steps << (step.cue == step.text ? step.text : step.text + QStringLiteral(" | ") + step.cue);
    m_steps->setPlainText(steps.join(u'\n'));
    m_mistakes->setPlainText(exercise.mistakes.join(u'\n'));
    m_safety->setPlainText(exercise.safety.join(u'\n'));
    m_note->setText(exercise.sourceNote);
    m_problem->clear();
}

QString CustomExerciseDialog::freeId(const QString &name) const
{
    QString base = name.normalized(QString::NormalizationForm_KD).toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    if (base.isEmpty())
        base = QStringLiteral("exercise");
    base = QStringLiteral("own-") + base.left(60);
    QString id = base;
    for (int n = 2; m_takenIds.contains(id); ++n)
        id = base + u'-' + QString::number(n);
    return id;
}

Exercise CustomExerciseDialog::exerciseFromFields() const
{
    // An edited exercise keeps its id and what the dialog does not show.
    Exercise e = m_edited.value_or(Exercise{});
    e.name = m_name->text().simplified();
    if (!m_edited)
        e.id = freeId(e.name);
    e.phase = Phase(m_phase->currentData().toInt());
    e.category = m_category->text().simplified();
    e.kind = WorkKind(m_kind->currentData().toInt());
    e.sides = Sides(m_sides->currentData().toInt());
    e.dosage.sets = rangeOf(m_sets);
    e.dosage.reps = rangeOf(m_reps);
    e.dosage.holdSeconds = rangeOf(m_hold);
    e.dosage.durationSeconds = rangeOf(m_duration);
    e.rest = Rest{m_restReps->value(), m_restSets->value(), m_restAfter->value()};
    e.equipment.clear();
    e.steps.clear();
    for (const QString &item : m_equipment->text().split(u',')) {
        if (!item.trimmed().isEmpty())
            e.equipment << item.trimmed();
    }
    for (const QString &line : lines(m_steps)) {
        const qsizetype bar = line.indexOf(u'|');
        const QString text = (bar < 0 ? line : line.left(bar)).trimmed();
        const QString cue = bar < 0 ? text : line.mid(bar + 1).trimmed();
        e.steps << Step{text, cue};
    }
    e.mistakes = lines(m_mistakes);
    e.safety = lines(m_safety);
    e.sourceNote = m_note->text().simplified();
    e.origin = ExerciseOrigin::Custom;
    return e;
}

Result<Exercise> CustomExerciseDialog::saveExercise()
{
    const Exercise e = exerciseFromFields();
    auto result = [&]() -> Result<Exercise> {
        if (e.name.isEmpty())
            return Error{tr("type a name for the exercise"), tr("name")};
        // The same checks as a catalog file, with the same locations ("dosage.sets.max").
        if (auto checked = CatalogJson::parseExercise(CatalogJson::toJson(e)); !checked)
            return checked.error();
        return m_store.saveCustomExercise(e);
    }();
    if (!result) {
        m_problem->setText(tr("Not saved: %1").arg(result.error().text()));
        return result;
    }
    m_saved = *result;
    m_problem->clear();
    return result;
}

void CustomExerciseDialog::accept()
{
    if (saveExercise())
        QDialog::accept();
}

} // namespace rehabit
