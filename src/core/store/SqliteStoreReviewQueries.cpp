// SqliteStore: the therapist's review summed where the log is kept
// (Store::sessionSummaries): a patient-year of log is one aggregate query,
// not a few hundred thousand rows through Qt SQL. The definitions are those
// of rehabit::summarizeSession (review/History.h); the history tests check
// that the two agree on the same log.

#include "SqliteStore.h"

#include "SqliteSupport.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rehabit {
using namespace sqlite;
namespace {

// session_by_patient, then each session's events by its (session_id, seq)
// key; SQLite sorts the groups itself (no index holds the item). A unit done
// is a distinct (kind, set, side, rep) of its counting events; the quarter
// hours are those of every event, the session's own included.
const QString SelectItemActivitySql =
    u"SELECT e.session_id, e.program_item_id, "
    u"count(DISTINCT CASE WHEN e.kind IN ('rep-done', 'timed-ended', 'assessment-result') "
    u"THEN e.kind || '/' || e.set_index || '/' || ifnull(e.side, '') || '/' || e.rep_index END), "
    u"max(e.kind = 'exercise-skipped'), sum(e.kind = 'pain-stop'), sum(e.kind = 'pain-stop' AND e.pain IS NULL), "
    u"group_concat(DISTINCT e.at_ms / 900000) "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? "
    u"GROUP BY e.session_id, e.program_item_id"_s;

/// "1,5,3" (group_concat's text) into the list it holds, ascending, added to `into`.
void addQuarterHours(const QString &text, QList<qint64> &into)
{
    for (const QStringView part : QStringView(text).split(u','))
        if (!part.isEmpty())
            into << part.toLongLong();
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
    if (!run(query, SelectItemActivitySql, {patientId}))
        return failure(what, query.lastError());
    while (query.next()) {
        const auto found = indexOf.constFind(query.value(0).toLongLong());
        if (found == indexOf.cend())
            continue; // a session started after the first query
        SessionSummary &summary = result[*found];
        const int painStops = query.value(4).toInt();
        summary.painStops += painStops;
        summary.painStopsWithoutRating += query.value(5).toInt();
        addQuarterHours(query.value(6).toString(), summary.quarterHours);
        if (query.value(1).isNull())
            continue;
        summary.items << ItemActivity{query.value(1).toLongLong(), query.value(2).toInt(), query.value(3).toInt() != 0,
                                      painStops};
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

} // namespace rehabit
