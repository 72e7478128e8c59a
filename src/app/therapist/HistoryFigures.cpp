#include "therapist/HistoryFigures.h"

#include "rehabit/domain/DosageText.h"
#include "rehabit/engine/PainRule.h"
#include "rehabit/store/Store.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>

#include <algorithm>

namespace rehabit {

namespace {
/// Fewer days than this on a line: its points are drawn as dots too.
constexpr qsizetype kSparseLine = 10;
} // namespace
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::HistoryFigures", text);
}

QString nameOf(const QList<Exercise> &exercises, const QString &id)
{
    for (const Exercise &e : exercises)
        if (e.id == id)
            return e.name;
    return id;
}

QList<DatedValue> dated(const QList<DailyPain> &days)
{
    QList<DatedValue> out;
    out.reserve(days.size());
    for (const DailyPain &d : days)
        out << DatedValue{d.day, double(d.pain)};
    return out;
}

QString reasonText(const PainFlag &f)
{
    if (f.kind == PainFlagKind::NextMorningRise)
        return tr("next morning above the pain before the session: less load next time");
    if (f.kind == PainFlagKind::PainAboveLimit)
        return tr("a rating above %1/10, the highest of the session (Rehabit flags every such session)")
            .arg(kPainFlagAbove);
    if (f.detail == toCode(PainStopReason::RoseAboveStart))
        return tr("rose above the starting pain (strict rule)");
    if (f.detail == toCode(PainStopReason::AboveFive))
        return tr("above 5 (pain-monitoring model)");
    return f.detail;
}

} // namespace

QList<ItemOutcome> HistoryFigures::outcome(const PatientHistory &history, const SessionReview &session,
                                           const QList<Exercise> &exercises)
{
    // The prescription as it was when the session started.
    QHash<qint64, Prescription> rxOf;
    if (const std::optional<Program> program = history.programOf(session.record))
        for (const ProgramItem &item : program->items)
            rxOf.insert(item.id, item.rx);
    QList<ItemOutcome> out;
    for (const ExerciseDose &d : session.exercises) {
        ItemOutcome o;
        o.exerciseName = nameOf(exercises, d.exerciseId);
        const auto e =
            std::find_if(exercises.cbegin(), exercises.cend(), [&](const Exercise &x) { return x.id == d.exerciseId; });
        if (e != exercises.cend() && rxOf.contains(d.programItemId))
            o.prescribed = DosageText::describe(rxOf.value(d.programItemId), e->kind);
        o.prescribedUnits = d.prescribed;
        o.doneUnits = d.done;
        o.highestPain = d.maxPain;
        o.painStop = d.painStop;
        o.skipped = d.skipped;
        out << o;
    }
    return out;
}

HistoryFigures HistoryFigures::compute(const PatientHistory &h, const QList<Exercise> &exercises, QDate asOf)
{
    HistoryFigures f;
    f.first = h.firstDay();
    f.review = ReviewFigures::of(h, asOf);
    for (const SessionReview &s : h.sessions())
        f.sessions.prepend(SessionRow{s.record.id, s.record.startedAt, s.record.status, s.flagged, s.dose.share(),
                                      s.painBefore, s.painAfter, s.painNextMorning});

    const auto line = [&h](PainContext context) { return dated(h.daily(h.painSeries(context), false)); };
    f.painLines = {
        ChartLine{tr("Before"), line(PainContext::BeforeSession), QColor(0x1f, 0x77, 0xb4), Qt::SolidLine, false},
        ChartLine{tr("After"), line(PainContext::AfterSession), QColor(0xd6, 0x27, 0x28), Qt::SolidLine, false},
        ChartLine{tr("Next morning"), line(PainContext::NextMorning), QColor(0x7f, 0x7f, 0x7f), Qt::DashLine, false},
    };
    // A line needs two days to be drawn: with few days, each day is a dot too (one day is one dot).
    for (ChartLine &l : f.painLines)
        l.markers = l.points.size() < kSparseLine;

    for (const PainRise &r : h.painRises()) {
        const QString name = nameOf(exercises, r.exerciseId);
        f.rises << RiseRow{r.exerciseId,       name,         r.sessionsWorked,
                           r.sessionsWithRise, r.painStops,  r.ratingsAbove5After,
                           r.nextMorningRises, r.largestRise};
        QList<PainPoint> ratings;
        for (const PainPoint &p : h.painSeries(std::nullopt, r.exerciseId))
            if (p.context == PainContext::During || p.context == PainContext::AfterExercise)
                ratings << p;
        if (!ratings.isEmpty())
            f.exercisePain << ChartLine{name, dated(h.daily(ratings, true)), {}, Qt::SolidLine, true};
    }
    std::sort(f.exercisePain.begin(), f.exercisePain.end(),
              [](const ChartLine &a, const ChartLine &b) { return a.name < b.name; });

    for (const PainFlag &flag : h.flags()) {
        QString pain;
        if (flag.pain)
            pain = flag.start ? tr("%1 (started at %2)").arg(*flag.pain).arg(*flag.start) : QString::number(*flag.pain);
        f.flags.prepend(FlagRow{flag.sessionId, QDateTime::fromMSecsSinceEpoch(flag.atMs),
                                flag.exerciseId.isEmpty() ? QString() : nameOf(exercises, flag.exerciseId), pain,
                                reasonText(flag)});
    }
    return f;
}

HistoryPage HistoryPage::load(const Store &store, qint64 patientId, QDate asOf)
{
    HistoryPage page;
    page.patientId = patientId;
    if (!patientId)
        return page;
    auto exercises = store.exercises();
    if (!exercises) {
        page.error = exercises.error();
        return page;
    }
    page.exercises = std::move(exercises).value();
    auto input = HistoryInput::read(store, patientId);
    if (!input) {
        page.error = input.error();
        return page;
    }
    if (!*input) {
        page.error = Error{tr("There is no patient %1.").arg(patientId), {}};
        return page;
    }
    auto history = PatientHistory::build(**input, page.exercises, QTimeZone::systemTimeZone());
    if (!history) {
        page.error = history.error();
        return page;
    }
    page.history = std::move(history).value();
    page.figures = HistoryFigures::compute(*page.history, page.exercises, asOf);
    return page;
}

} // namespace rehabit
