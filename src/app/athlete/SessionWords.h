#pragma once
// The session screen's words that come from the state alone: the side, the
// time left, where in the exercise ("Set 1 of 2 · Rep 3 of 10 · Left
// side") and the key to press now. Translated in the screen's context.

#include "rehabit/engine/SessionEngine.h"

#include <QString>

namespace rehabit {

QString sideWords(Side side);
/// "0:45" for 45 s, "1:05"; whole seconds rounded up so "0:00" means done.
QString sessionClock(qint64 ms);
/// "Set 1 of 2 · Rep 3 of 10 · Left side"; empty outside an exercise's unit.
QString sessionCounts(const SessionState &s);
/// The key to press now ("Space: start now"), empty where none is expected.
QString sessionKeys(const SessionState &s);

} // namespace rehabit
