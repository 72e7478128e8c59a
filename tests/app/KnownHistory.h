#pragma once
// A small history with known answers, for the history figures and the
// history view: one program (learning to brace, 1 set of 4 holds, both
// sides at once, 7 days a week) started 13 days ago, and three sessions:
//   10 days ago  before 2, 4 of 4 holds, after 2, next morning 2
//    5 days ago  before 3, 2 of 4 holds, pain 5 during the exercise, a
//                pain-rule stop, after 4, flagged
//    1 day ago   before 1, 4 of 4 holds, after 1, next morning 3 (a rise)
// Expected: last 30 days 10 of 56 units (18 %), 3 days with data; last 7
// days 6 of 28 units (21 %); pain before sessions in the last 7 days 2.0,
// the 30 days before 2.0; brace: 3 sessions, 1 rise during, 1 next morning;
// 2 flagged sessions (the stop, the worse next morning).

#include "RehabitCatch.h"

#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/engine/PainRule.h"
#include "rehabit/domain/Program.h"
#include "rehabit/engine/Progression.h"

#include <QDate>
#include <QDateTime>

namespace knownhistory {

/// The bundled catalog's exercises.
inline QList<rehabit::Exercise> catalog()
{
    auto c = rehabit::CatalogJson::bundled();
    REQUIRE(c.ok());
    return c->exercises;
}

inline constexpr qint64 ProgramId = 1;
inline constexpr qint64 ItemId = 11;
inline const QString Exercise = QStringLiteral("learning-to-brace");

inline QDateTime at(int daysAgo, int hour)
{
    return QDateTime(QDate::currentDate().addDays(-daysAgo), QTime(hour, 0)).toUTC();
}

inline rehabit::Program program(qint64 patientId = 1)
{
    rehabit::Program p;
    p.id = ProgramId;
    p.patientId = patientId;
    p.name = QStringLiteral("Brace");
    p.createdAt = at(13, 8);
    rehabit::ProgramItem item;
    item.id = ItemId;
    item.exerciseId = Exercise;
    item.rx.sets = 1;
    item.rx.reps = 4;
    item.rx.holdSeconds = 10;
    item.rx.sides = rehabit::Sides::Both;
    item.rx.daysPerWeek = 7;
    p.items = {item};
    return p;
}

struct Day {
    int daysAgo;
    int before;
    int holdsDone;
    std::optional<int> during;
    bool stop;
    int after;
    std::optional<int> nextMorning;
};

inline const QList<Day> &days()
{
    static const QList<Day> d{{10, 2, 4, std::nullopt, false, 2, 2},
                              {5, 3, 2, 5, true, 4, std::nullopt},
                              {1, 1, 4, std::nullopt, false, 1, 3}};
    return d;
}

/// The events of one day's session (ids, seq and session id left for the caller).
inline QList<rehabit::SessionEvent> events(const Day &d, qint64 itemId = ItemId)
{
    using namespace rehabit;
    QList<SessionEvent> out;
    qint64 ms = at(d.daysAgo, 9).toMSecsSinceEpoch();
    const auto add = [&](EventKind kind) -> SessionEvent & {
        SessionEvent e;
        e.atMs = (ms += 1000);
        e.kind = kind;
        out << e;
        return out.last();
    };
    const auto pain = [&](int value, PainContext context, bool ofItem) {
        SessionEvent &e = add(EventKind::PainRated);
        e.pain = value;
        e.painContext = context;
        if (ofItem) {
            e.programItemId = itemId;
            e.exerciseId = Exercise;
        }
    };
    add(EventKind::SessionStarted);
    pain(d.before, PainContext::BeforeSession, false);
    SessionEvent &started = add(EventKind::ExerciseStarted);
    started.programItemId = itemId;
    started.exerciseId = Exercise;
    for (int rep = 1; rep <= d.holdsDone; ++rep) {
        SessionEvent &e = add(EventKind::RepDone);
        e.programItemId = itemId;
        e.exerciseId = Exercise;
        e.setIndex = 1;
        e.repIndex = rep;
        e.side = Side::Both;
        e.holdMs = 10'000;
    }
    if (d.during)
        pain(*d.during, PainContext::During, true);
    if (d.stop) {
        SessionEvent &e = add(EventKind::PainStop);
        e.programItemId = itemId;
        e.exerciseId = Exercise;
        e.pain = d.during;
        e.detail = toCode(PainStopReason::RoseAboveStart);
    }
    pain(d.after, PainContext::AfterSession, false);
    add(EventKind::SessionEnded);
    if (d.nextMorning) {
        ms = at(d.daysAgo - 1, 7).toMSecsSinceEpoch();
        pain(*d.nextMorning, PainContext::NextMorning, false);
    }
    return out;
}

inline QList<rehabit::SessionHistory> histories()
{
    using namespace rehabit;
    QList<SessionHistory> out;
    qint64 id = 100;
    for (const Day &d : days()) {
        SessionHistory h;
        h.record.id = ++id;
        h.record.patientId = 1;
        h.record.programId = ProgramId;
        h.record.startedAt = at(d.daysAgo, 9);
        h.record.endedAt = at(d.daysAgo, 10);
        h.record.status = d.stop ? SessionStatus::Partial : SessionStatus::Completed;
        h.record.flagged = d.stop;
        h.events = events(d);
        for (SessionEvent &e : h.events)
            e.sessionId = h.record.id;
        out << h;
    }
    return out;
}

} // namespace knownhistory
