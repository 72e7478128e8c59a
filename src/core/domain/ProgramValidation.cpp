#include "rehabit/domain/Program.h"

#include "rehabit/domain/Validation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::Program", text);
}

QString joined(const QString &path, const QString &field)
{
    return path.isEmpty() ? field : path + u'.' + field;
}

} // namespace

Result<void> validatePrescription(const Prescription &rx, const QString &path)
{
    struct Count {
        const char *field;
        int value;
        int min;
    };
    const Count counts[] = {
        {"sets", rx.sets, 1},
        {"reps", rx.reps, 0},
        {"holdSeconds", rx.holdSeconds, 0},
        {"durationSeconds", rx.durationSeconds, 0},
        {"followUpSeconds", rx.followUpSeconds, 0},
        {"restBetweenRepsSeconds", rx.restBetweenRepsSeconds, 0},
        {"restBetweenSetsSeconds", rx.restBetweenSetsSeconds, 0},
        {"restAfterSeconds", rx.restAfterSeconds, 0},
        {"positionSeconds", rx.positionSeconds, 0},
    };
    constexpr int MaxCount = 10000;
    for (const Count &c : counts) {
        if (c.value < c.min || c.value > MaxCount)
            return Error{tr("must be a whole number from %1 to %2, not %3")
                             .arg(QString::number(c.min), QString::number(MaxCount), QString::number(c.value)),
                         joined(path, QLatin1StringView(c.field))};
    }
    if (rx.daysPerWeek < 1 || rx.daysPerWeek > 7)
        return Error{tr("days per week must be from 1 to 7, not %1").arg(rx.daysPerWeek),
                     joined(path, u"daysPerWeek"_s)};
    static const QRegularExpression tempo(u"^[0-9]{4}$"_s);
    if (!rx.tempo.isEmpty() && !tempo.match(rx.tempo).hasMatch())
        return Error{tr("the tempo must be empty or four digits (eccentric, pause, concentric, pause), not \"%1\"")
                         .arg(rx.tempo),
                     joined(path, u"tempo"_s)};
    constexpr int MaxLoad = 200;
    if (rx.load.size() > MaxLoad)
        return Error{tr("the load must be at most %1 characters").arg(MaxLoad), joined(path, u"load"_s)};
    return {};
}

Result<void> validateProgram(const Program &program)
{
    if (auto name = validOneLineText(program.name.trimmed(), tr("a program needs a name")); !name)
        return Error{name.error().message, u"name"_s};
    if (program.progressionSessions < 1 || program.progressionSessions > 100)
        return Error{
            tr("the sessions before progression must be from 1 to 100, not %1").arg(program.progressionSessions),
            u"progressionSessions"_s};
    if (!program.createdAt.isValid())
        return Error{tr("the creation time is not valid"), u"createdAt"_s};
    QSet<qint64> ids;
    for (qsizetype i = 0; i < program.items.size(); ++i) {
        const ProgramItem &item = program.items.at(i);
        const QString path = u"items[%1]"_s.arg(i);
        if (item.exerciseId.isEmpty())
            return Error{tr("every item needs an exercise"), path + u".exerciseId"_s};
        if (item.id != 0) {
            if (ids.contains(item.id))
                return Error{tr("the item id %1 is used twice").arg(item.id), path + u".id"_s};
            ids.insert(item.id);
        }
        if (auto ok = validatePrescription(item.rx, path + u".rx"_s); !ok)
            return ok;
    }
    return {};
}

} // namespace rehabit
