#include "rehabit/domain/DosageText.h"

#include <QCoreApplication>
#include <QStringList>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::DosageText", text);
}

/// "10", or "2-3" for a range; the plural follows the upper figure.
QString figure(const Range &r)
{
    return r.min == r.max ? QString::number(r.min) : QString::number(r.min) + u'\u2013' + QString::number(r.max);
}

// English plurals without a loaded translation: the singular only for exactly one.
QString sets(const QString &f, int n)
{
    return (n == 1 ? tr("%1 set") : tr("%1 sets")).arg(f);
}
QString reps(const QString &f, int n)
{
    return (n == 1 ? tr("%1 rep") : tr("%1 reps")).arg(f);
}
QString seconds(const QString &f, int n)
{
    return (n == 1 ? tr("%1 second") : tr("%1 seconds")).arg(f);
}

struct Parts {
    QString sets, reps, hold, duration; // already formatted figures
    int setsN = 0, repsN = 0, holdN = 0, durationN = 0;
};

QString compose(const Parts &p, WorkKind kind, Sides sides)
{
    if (kind == WorkKind::Assessment)
        return sides == Sides::Both ? tr("Test once and record the result")
                                    : tr("Test each side and record the result (positive or negative)");

    QStringList clauses;
    const QString setsText = sets(p.sets, p.setsN);
    if (kind == WorkKind::Timed) {
        const QString bout = tr("%1 each").arg(seconds(p.duration, p.durationN));
        clauses << (sides == Sides::EachSide ? tr("%1 on each side, %2").arg(setsText, bout)
                                             : tr("%1, %2").arg(setsText, bout));
    } else {
        QString repsText = reps(p.reps, p.repsN);
        if (sides == Sides::EachSide)
            repsText = tr("%1 on each side").arg(repsText);
        else if (sides == Sides::Alternating)
            repsText = tr("%1, alternating sides").arg(repsText);
        clauses << tr("%1 of %2").arg(setsText, repsText);
        if (kind == WorkKind::Holds && !p.hold.isEmpty())
            clauses << tr("hold each %1").arg(seconds(p.hold, p.holdN));
    }
    if (sides == Sides::Both)
        clauses << tr("both sides at once");
    return clauses.join(QStringLiteral(", "));
}

} // namespace

QString DosageText::describe(const Exercise &e)
{
    Parts p;
    const auto take = [](const std::optional<Range> &r, QString &text, int &n) {
        if (r) {
            text = figure(*r);
            n = r->max;
        }
    };
    take(e.dosage.sets, p.sets, p.setsN);
    take(e.dosage.reps, p.reps, p.repsN);
    take(e.dosage.holdSeconds, p.hold, p.holdN);
    take(e.dosage.durationSeconds, p.duration, p.durationN);
    if (p.sets.isEmpty()) {
        p.sets = QStringLiteral("1");
        p.setsN = 1;
    }
    return compose(p, e.kind, e.sides);
}

QString DosageText::describe(const Prescription &rx, WorkKind kind)
{
    Parts p;
    p.sets = QString::number(rx.sets);
    p.setsN = rx.sets;
    p.reps = QString::number(rx.reps);
    p.repsN = rx.reps;
    if (rx.holdSeconds > 0) {
        p.hold = QString::number(rx.holdSeconds);
        p.holdN = rx.holdSeconds;
    }
    p.duration = QString::number(rx.durationSeconds);
    p.durationN = rx.durationSeconds;
    return compose(p, kind, rx.sides);
}

QString DosageText::sidesText(Sides sides)
{
    switch (sides) {
    case Sides::EachSide: return tr("each side");
    case Sides::Alternating: return tr("alternating sides");
    case Sides::Both: return tr("both sides at once");
    }
    return {};
}

} // namespace rehabit
