#pragma once
// BackgroundBackup: today's backup, written after the window is shown, on a
// thread of its own with its own SQLite connection (writeDailyBackups(): a
// VACUUM INTO snapshot, checked, renamed; then the copy in the second backup
// folder). The database stays usable meanwhile (WAL: the backup's read and
// the session's writes do not wait for each other). Its progress and outcome
// are shown in the window's status bar. Destroying it, or cancelAndWait(),
// stops it at the next step and waits: no file is left under a backup's name
// that was not checked (docs/storage.md, "Backups").

#include "rehabit/store/Backups.h"

#include <QDateTime>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <atomic>
#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QStatusBar;
class QThread;

namespace rehabit {

class BackgroundBackup : public QObject {
    Q_OBJECT
public:
    explicit BackgroundBackup(QObject *parent = nullptr);
    ~BackgroundBackup() override;
    BackgroundBackup(const BackgroundBackup &) = delete;
    BackgroundBackup &operator=(const BackgroundBackup &) = delete;

    /// Shows the progress and the outcome in `bar` (a label and a progress bar of their own).
    void showIn(QStatusBar *bar);
    /// For tests: called on the backup's thread before each step starts.
    void setStepHook(std::function<void(const BackupProgress &)> hook) { m_stepHook = std::move(hook); }

    /// Starts today's backup of the database (and its copy in `secondFolder`
    /// unless empty) on a thread of its own. Once only.
    void start(const QString &databasePath, const QString &secondFolder, const QDateTime &now);
    /// Stops the backup at its next step (its temporary file removed) and
    /// waits for its thread. Nothing happens when it is not running.
    void cancelAndWait();

    bool isRunning() const;
    /// The outcome, once finished() was emitted.
    const std::optional<DailyBackups> &outcome() const { return m_outcome; }
    /// What the status bar says now.
    QString statusText() const;

Q_SIGNALS:
    /// The backup is done (written, failed, or cancelled): outcome() is set.
    void finished();

private:
    void refresh();
    void done();

    std::function<void(const BackupProgress &)> m_stepHook;
    std::atomic<bool> m_cancel{false};
    QThread *m_thread = nullptr;
    mutable QMutex m_mutex; ///< guards the two below, written by the backup's thread
    std::optional<BackupProgress> m_step;
    std::optional<DailyBackups> m_result;
    std::optional<DailyBackups> m_outcome; ///< the GUI thread's copy, set in done()
    QTimer m_poll;
    QPointer<QLabel> m_label; ///< the status bar's; gone with the window
    QPointer<QProgressBar> m_bar;
};

/// The status bar's words for a finished daily backup.
QString backupOutcomeText(const DailyBackups &outcome);

} // namespace rehabit
