#pragma once
// One function per row group of QUALITY.md's performance table. Each returns
// its rows with the floor measured in the same run, interleaved with the
// figure where that is possible, so that a noisy neighbour on the shared
// machine slows both alike.

#include "BenchData.h"
#include "BenchReport.h"

#include <functional>

namespace rehabit::bench {

using Emit = std::function<void(const Row &)>;

/// `rehabit --exit-after-show --db ...` as a child process, offscreen and
/// under Xvfb, versus an empty QWidget window: wall time from spawn to exit,
/// and the child's peak resident memory (wait4's ru_maxrss).
void benchStartup(const BenchContext &context, const Emit &report);
/// Store::appendEvent (BEGIN IMMEDIATE, next seq, INSERT, COMMIT with WAL and
/// synchronous=FULL) versus the same statements through the raw C API.
void benchDurableLog(const BenchContext &context, const Emit &report);
/// One patient's pain ratings from a clinic database of 1,000,000 reps.
void benchPainTrend(const BenchContext &context, const Emit &report);
/// Catalog files: parse and validate, and import into a store, versus
/// QJsonDocument alone on the same file.
void benchCatalogImport(const BenchContext &context, const Emit &report);
/// Hold ends through the real SessionRunner and its Qt::PreciseTimer, and
/// the drift of a whole session.
void benchHoldTimer(const BenchContext &context, const Emit &report);
/// PDF handouts (src/print) versus QPdfWriter printing a QTextDocument of
/// the same text with no images.
void benchHandouts(const BenchContext &context, const Emit &report);

} // namespace rehabit::bench
