// SqliteStore: the therapist's review summed where the log is kept
// (Store::sessionSummaries, Store::painRatings): a patient-year of log is one
// aggregate query, not a few hundred thousand rows through Qt SQL. The
// statements are SqliteStatements' SelectSessionActivity and
// SelectPainRatings; their rows are mapped here, the only place that reads
// them. The definitions are those of rehabit::summarizeSession
// (review/History.h); the store's contract tests check that the two agree
// on the same log.

#include "SqliteStore.h"

#include "SqliteRows.h"
#include "SqliteStatements.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

/// The pain contexts in the order of SelectPainRatings' numbers.
constexpr PainContext PainContexts[] = {PainContext::BeforeSession, PainContext::During, PainContext::AfterExercise,
                                        PainContext::AfterSession, PainContext::NextMorning};

/// The text of a group_concat, split at its commas.
QList<QStringView> parts(const QString &text)
{
    return QStringView(text).split(u',', Qt::SkipEmptyParts);
}

/// "item:value" into its item and value.
std::pair<qint64, QStringView> pair(QStringView part)
{
    const qsizetype colon = part.indexOf(u':');
    return {part.left(colon).toLongLong(), part.mid(colon + 1)};
}

ItemActivity &itemOf(SessionSummary &summary, qint64 itemId)
{
    for (ItemActivity &item : summary.items)
        if (item.programItemId == itemId)
            return item;
    summary.items << ItemActivity{itemId, 0, false, 0};
    return summary.items.last();
}

/// A row of SelectSessionActivity: the session's id in record.id, and what its
/// log did (items, quarter hours, pain stops); the rest of the record is not read.
Result<SessionSummary> activityFromRow(const QSqlQuery &row)
{
    SessionSummary summary;
    summary.record.id = row.value(0).toLongLong();
    const QString quarters = row.value(1).toString();
    for (const QStringView part : parts(quarters))
        summary.quarterHours << part.toLongLong();
    const QString units = row.value(2).toString();
    QHash<qint64, QSet<QStringView>> unitsOf; // views into `units`
    for (const QStringView part : parts(units)) {
        const auto [item, unit] = pair(part);
        unitsOf[item].insert(unit);
    }
    for (auto it = unitsOf.cbegin(); it != unitsOf.cend(); ++it)
        itemOf(summary, it.key()).unitsDone = int(it->size());
    const QString rare = row.value(3).toString();
    for (const QStringView part : parts(rare)) {
        const auto [item, code] = pair(part);
        if (code == u"s") {
            if (item != 0)
                itemOf(summary, item).skipped = true;
            continue;
        }
        ++summary.painStops;
        summary.painStopsWithoutRating += code == u"u" ? 1 : 0;
        if (item != 0)
            ++itemOf(summary, item).painStops;
    }
    std::sort(summary.quarterHours.begin(), summary.quarterHours.end());
    summary.quarterHours.erase(std::unique(summary.quarterHours.begin(), summary.quarterHours.end()),
                               summary.quarterHours.end());
    std::sort(summary.items.begin(), summary.items.end(),
              [](const ItemActivity &a, const ItemActivity &b) { return a.programItemId < b.programItemId; });
    return summary;
}

/// A row of SelectPainRatings: the nine columns the review reads.
Result<SessionEvent> painRatingFromRow(const QSqlQuery &row)
{
    SessionEvent e;
    e.sessionId = row.value(0).toLongLong();
    e.seq = row.value(1).toInt();
    e.atMs = row.value(2).toLongLong();
    const QVariant kindValue = row.value(3);
    if (kindValue.typeId() == QMetaType::QString) {
        const auto kind = eventKindFromCode(kindValue.toString());
        if (!kind)
            return Error{SqliteStore::tr("unknown event kind %1").arg(kindValue.toString()), QString()};
        e.kind = *kind;
    } else {
        e.kind = kindValue.toInt() == 0 ? EventKind::PainRated : EventKind::PainStop;
    }
    e.programItemId = row.value(4).toLongLong(); // NULL reads as 0
    e.exerciseId = row.value(5).toString();
    e.pain = row.value(6).toInt();
    if (const QVariant context = row.value(7); !context.isNull())
        e.painContext = PainContexts[std::clamp(context.toInt(), 0, 4)]; // the CHECK allows these five
    e.detail = row.value(8).toString();
    return e;
}

} // namespace

Result<QList<SessionSummary>> SqliteStore::sessionSummaries(qint64 patientId) const
{
    const SqlSession sql = this->sql(tr("The history of patient %1 could not be read").arg(patientId));
    auto sessions = sql.all<SessionRecord>(statement::SelectSessions, {patientId}, sessionFromRow);
    if (!sessions)
        return sessions.error();
    auto activity = sql.all<SessionSummary>(statement::SelectSessionActivity, {patientId}, activityFromRow);
    if (!activity)
        return activity.error();
    QHash<qint64, SessionSummary *> activityOf;
    for (SessionSummary &a : *activity)
        activityOf.insert(a.record.id, &a);
    QList<SessionSummary> result;
    result.reserve(sessions->size());
    for (SessionRecord &record : *sessions) {
        SessionSummary summary;
        if (SessionSummary *found = activityOf.value(record.id))
            summary = std::move(*found); // else a session without events
        summary.record = std::move(record);
        result.append(std::move(summary));
    }
    return result; // a session started between the two queries has no record here, and is left out
}

Result<QList<SessionEvent>> SqliteStore::painRatings(qint64 patientId) const
{
    return sql(tr("The pain ratings of patient %1 could not be read").arg(patientId))
        .all<SessionEvent>(statement::SelectPainRatings, {patientId}, painRatingFromRow);
}

} // namespace rehabit
