#pragma once
// OutputFile: how a command writes its output file. A regular file (or a new
// one) is written atomically: a temporary file beside it, renamed over it, so
// the file appears whole or not at all. A character device (/dev/stdout,
// /dev/null) or a named pipe is written directly and never renamed over: a
// rename would replace the device node or the pipe with a regular file. A
// named pipe that no program reads is refused instead of waiting forever.

#include "rehabit/domain/Result.h"

#include <QByteArray>
#include <QString>

namespace rehabit {

class OutputFile {
public:
    /// Writes `bytes` to `path` as above. A full disk is reported as such
    /// ("the disk is full; nothing was written"); the error's location is `path`.
    static Result<void> write(const QString &path, const QByteArray &bytes);
};

} // namespace rehabit
