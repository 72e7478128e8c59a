// SqliteStore: the therapist's review summed where the log is kept
// (Store::sessionSummaries): a patient-year of log is one aggregate query,
// not a few hundred thousand rows through Qt SQL. The definitions are those
// of rehabit::summarizeSession (review/History.h); the history tests check
// that the two agree on the same log.

#include "SqliteStore.h"

#include "SqliteSupport.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

// One pass over the patient's log in the order of its indexes
// (session_by_patient, then each session's (session_id, seq) key), grouped by
// session in that order, so SQLite sorts nothing. Per session:
//   1. the quarter hours with events (every event, the session's own included);
//   2. "item:unit" for every rep-done, timed-ended and assessment-result event of
//      an item, unit = (set x 4096 + rep) x 16 + kind x 4 + side while rep <
//      4096 (short), else the four spelled out: one text per distinct (kind,
//      set, side, rep). The distinct count is taken here, in C++, which is
//      cheaper than SQL's DISTINCT;
//   3. "item:s" (exercise-skipped), "item:p" (pain-stop), "item:u" (pain-stop
//      without a rating), item 0 for none: rare events.
const QString SelectSessionActivitySql =
    u"SELECT e.session_id, group_concat(DISTINCT e.at_ms / 900000), "
    u"group_concat(CASE WHEN e.program_item_id IS NOT NULL "
    u"AND e.kind IN ('rep-done', 'timed-ended', 'assessment-result') "
    u"THEN e.program_item_id || ':' || (CASE WHEN e.rep_index < 4096 THEN (e.set_index * 4096 + e.rep_index) * 16 "
    u"+ (CASE e.kind WHEN 'rep-done' THEN 4 WHEN 'timed-ended' THEN 8 ELSE 12 END) "
    u"+ (CASE e.side WHEN 'left' THEN 1 WHEN 'right' THEN 2 WHEN 'both' THEN 3 ELSE 0 END) "
    u"ELSE e.kind || '/' || e.set_index || '/' || ifnull(e.side, '') || '/' || e.rep_index END) END), "
    u"group_concat(CASE WHEN e.kind IN ('exercise-skipped', 'pain-stop') "
    u"THEN ifnull(e.program_item_id, 0) || ':' "
    u"|| (CASE WHEN e.kind = 'exercise-skipped' THEN 's' WHEN e.pain IS NULL THEN 'u' ELSE 'p' END) END) "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? "
    u"GROUP BY s.started_at, s.id"_s;

// session_by_patient, then the partial index session_event_pain_by_session
// (as painEvents), with the columns the review reads. Qt SQL turns every text
// value into a QString: the two codes of nearly every row come back as
// numbers (kind: 0 pain-rated, 1 pain-stop, else its code; context: its
// place in PainContexts), the empty detail as NULL.
const QString SelectPainRatingsSql =
    u"SELECT e.session_id, e.seq, e.at_ms, "
    u"CASE e.kind WHEN 'pain-rated' THEN 0 WHEN 'pain-stop' THEN 1 ELSE e.kind END, e.program_item_id, "
    u"e.exercise_id, e.pain, CASE e.pain_context WHEN 'before-session' THEN 0 WHEN 'during' THEN 1 "
    u"WHEN 'after-exercise' THEN 2 WHEN 'after-session' THEN 3 WHEN 'next-morning' THEN 4 END, "
    u"nullif(e.detail, '') "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? AND e.pain IS NOT NULL "
    u"ORDER BY e.at_ms, e.session_id, e.seq"_s;

/// The pain contexts in the order of SelectPainRatingsSql's numbers.
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

/// Columns 1-3 of SelectSessionActivitySql into `summary`.
void readActivity(const QSqlQuery &row, SessionSummary &summary)
{
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
}

} // namespace

Result<QList<SessionSummary>> SqliteStore::sessionSummaries(qint64 patientId) const
{
    const QString what = tr("The history of patient %1 could not be read").arg(patientId);
    auto sessions = this->sessions(patientId);
    if (!sessions)
        return sessions.error();
    QList<SessionSummary> result;
    result.reserve(sessions->size());
    QHash<qint64, qsizetype> indexOf;
    for (const SessionRecord &s : std::as_const(*sessions)) {
        indexOf.insert(s.id, result.size());
        result.append(SessionSummary{s, {}, {}, 0, 0});
    }
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectSessionActivitySql, {patientId}))
        return failure(what, query.lastError());
    while (query.next()) {
        const auto found = indexOf.constFind(query.value(0).toLongLong());
        if (found != indexOf.cend()) // else a session started after the first query
            readActivity(query, result[*found]);
    }
    if (query.lastError().isValid())
        return failure(what, query.lastError());
    for (SessionSummary &summary : result) {
        std::sort(summary.quarterHours.begin(), summary.quarterHours.end());
        summary.quarterHours.erase(std::unique(summary.quarterHours.begin(), summary.quarterHours.end()),
                                   summary.quarterHours.end());
        std::sort(summary.items.begin(), summary.items.end(),
                  [](const ItemActivity &a, const ItemActivity &b) { return a.programItemId < b.programItemId; });
    }
    return result;
}

Result<QList<SessionEvent>> SqliteStore::painRatings(qint64 patientId) const
{
    const auto what = [patientId] { return tr("The pain ratings of patient %1 could not be read").arg(patientId); };
    const auto name = connectionName();
    if (!name)
        return name.error();
    QSqlQuery query = newQuery(*name);
    if (!run(query, SelectPainRatingsSql, {patientId}))
        return failure(what(), query.lastError());
    QList<SessionEvent> result;
    while (query.next()) {
        SessionEvent e;
        e.sessionId = query.value(0).toLongLong();
        e.seq = query.value(1).toInt();
        e.atMs = query.value(2).toLongLong();
        const QVariant kindValue = query.value(3);
        if (kindValue.typeId() == QMetaType::QString) {
            const auto kind = eventKindFromCode(kindValue.toString());
            if (!kind)
                return failure(what(), tr("unknown event kind %1").arg(kindValue.toString()));
            e.kind = *kind;
        } else {
            e.kind = kindValue.toInt() == 0 ? EventKind::PainRated : EventKind::PainStop;
        }
        e.programItemId = query.value(4).toLongLong(); // NULL reads as 0
        e.exerciseId = query.value(5).toString();
        e.pain = query.value(6).toInt();
        if (const QVariant context = query.value(7); !context.isNull())
            e.painContext = PainContexts[std::clamp(context.toInt(), 0, 4)]; // the CHECK allows these five
        e.detail = query.value(8).toString();
        result.append(std::move(e));
    }
    if (query.lastError().isValid())
        return failure(what(), query.lastError());
    return result;
}

} // namespace rehabit
