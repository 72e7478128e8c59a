#pragma once
// DurableFile: the few file operations a backup and a restore need to survive
// a power cut: a copy flushed to the disk, an atomic rename over an existing
// file, and the folder entry synced after a rename.

#include <QString>

#include <functional>

namespace rehabit::DurableFile {

/// Copies `from` to `to` (which must not exist) and syncs it to the disk.
/// On failure `to` is removed and the reason returned in `error`; so it is
/// when `cancelled` (asked between chunks) answers true.
bool copy(const QString &from, const QString &to, QString *error, const std::function<bool()> &cancelled = {});

/// Renames `from` over `to` in one step (rename(2): `to` is replaced
/// atomically if it exists), then syncs the folder. Both must be in the same folder.
bool replace(const QString &from, const QString &to, QString *error);

/// Syncs the folder's entries (new, renamed and removed files) to the disk.
bool syncFolder(const QString &folder);

} // namespace rehabit::DurableFile
