#include "therapist/ProgramCheck.h"

#include "therapist/ProgramItemsModel.h"

#include <QCoreApplication>
#include <QHash>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::ProgramCheck", text);
}

} // namespace

QList<ProgramProblem> ProgramCheck::problems(const Program &program, const ExerciseLookup &exercise)
{
    QList<ProgramProblem> out;
    const auto add = [&out](int row, int column, const QString &location, const QString &message) {
        out << ProgramProblem{row, column, Error{message, location}};
    };
    if (program.name.trimmed().isEmpty())
        add(-1, -1, tr("name"), tr("the program needs a name"));
    if (program.progressionSessions < 1 || program.progressionSessions > 30)
        add(-1, -1, tr("progression"),
            tr("advance after 1 to 30 pain-free sessions, not %1").arg(program.progressionSessions));
    if (program.items.isEmpty())
        add(-1, -1, tr("exercises"), tr("add at least one exercise"));

    QHash<QString, int> firstRow;
    for (int row = 0; row < program.items.size(); ++row) {
        const ProgramItem &item = program.items[row];
        const Prescription &rx = item.rx;
        const Exercise *e = exercise(item.exerciseId);
        const QString where = e ? tr("item %1 (%2)").arg(row + 1).arg(e->name) : tr("item %1").arg(row + 1);
        const auto field = [&](const QString &name) -> QString { return where + QStringLiteral(", ") + name; };
        if (!e) {
            add(row, ProgramItemsModel::ExerciseColumn, where,
                tr("the exercise %1 is not in the catalog").arg(item.exerciseId));
            continue;
        }
        if (const auto seen = firstRow.constFind(item.exerciseId); seen != firstRow.cend())
            add(row, ProgramItemsModel::ExerciseColumn, where,
                tr("this exercise is already item %1; change that item's dose instead").arg(*seen + 1));
        else
            firstRow.insert(item.exerciseId, row);
        if (rx.sets < 1)
            add(row, ProgramItemsModel::SetsColumn, field(tr("sets")), tr("at least 1 set"));
        if ((e->kind == WorkKind::Reps || e->kind == WorkKind::Holds) && rx.reps < 1)
            add(row, ProgramItemsModel::RepsColumn, field(tr("reps")), tr("this exercise is done in reps: at least 1"));
        if (e->kind == WorkKind::Holds && rx.holdSeconds < 1)
            add(row, ProgramItemsModel::HoldColumn, field(tr("hold")), tr("each rep is a hold: at least 1 second"));
        if (e->kind == WorkKind::Timed && rx.durationSeconds < 1)
            add(row, ProgramItemsModel::DurationColumn, field(tr("time")),
                tr("a timed exercise needs at least 1 second"));
        if (rx.daysPerWeek < 1 || rx.daysPerWeek > 7)
            add(row, ProgramItemsModel::DaysPerWeekColumn, field(tr("days per week")),
                tr("1 to 7 days a week, not %1").arg(rx.daysPerWeek));
    }
    return out;
}

} // namespace rehabit
