#include "shell/BackgroundBackup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMutexLocker>
#include <QProgressBar>
#include <QStatusBar>
#include <QThread>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::BackgroundBackup", text);
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', bytes < 10'000'000 ? 1 : 0);
}

bool isCopyStep(BackupStep step)
{
    return step == BackupStep::Copying || step == BackupStep::CopyingToSecondFolder;
}

/// "Backing up the database: 45 of about 120 MB…" and the like.
QString stepText(const BackupProgress &step, qint64 written)
{
    const QString folder = QDir::toNativeSeparators(QFileInfo(step.file).absolutePath());
    switch (step.step) {
    case BackupStep::Copying:
        return tr("Backing up the database: %1 of about %2 MB\u2026")
            .arg(megabytes(written), megabytes(step.expectedBytes));
    case BackupStep::Checking: return tr("Checking today's backup\u2026");
    case BackupStep::CopyingToSecondFolder:
        return tr("Copying today's backup to %1: %2 of %3 MB\u2026")
            .arg(folder, megabytes(written), megabytes(step.expectedBytes));
    case BackupStep::CheckingSecondFolder: return tr("Checking the copy in %1\u2026").arg(folder);
    }
    return QString();
}

} // namespace

QString backupOutcomeText(const DailyBackups &outcome)
{
    if (outcome.cancelled)
        return tr("Today's backup was stopped; it is written at the next start.");
    QString text;
    if (!outcome.main)
        text = tr("Today's backup was not written: %1 Rehabit tries again at the next start.")
                   .arg(outcome.main.error().text());
    else if (outcome.main->written)
        text = tr("Today's backup is written and checked (%1).")
                   .arg(QDir::toNativeSeparators(QFileInfo(outcome.main->written->path).absolutePath()));
    else
        text = tr("Today's backup was written earlier today.");
    if (outcome.secondFolder.isEmpty())
        return text;
    const QString folder = QDir::toNativeSeparators(outcome.secondFolder);
    // What needs doing first: the status bar cuts a long line (the whole text is its tool tip).
    if (!outcome.second)
        return outcome.second.error().text() + u' ' + text;
    return text + u' '
           + (outcome.second->written ? tr("A checked copy is in the second folder %1.").arg(folder)
                                      : tr("The second folder %1 has today's copy.").arg(folder));
}

BackgroundBackup::BackgroundBackup(QObject *parent)
    : QObject(parent)
{
    m_poll.setInterval(250);
    connect(&m_poll, &QTimer::timeout, this, &BackgroundBackup::refresh);
}

BackgroundBackup::~BackgroundBackup()
{
    // Quitting during a backup: it stops at its next step and removes its
    // temporary file; nothing is said (the window may be gone).
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
    }
}

void BackgroundBackup::showIn(QStatusBar *bar)
{
    m_label = new QLabel;
    m_label->setObjectName(QStringLiteral("backupStatus"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar = new QProgressBar;
    m_bar->setObjectName(QStringLiteral("backupProgress"));
    m_bar->setMaximumWidth(160);
    m_bar->setTextVisible(false);
    m_bar->hide();
    bar->addWidget(m_label, 1);
    bar->addWidget(m_bar);
    refresh();
}

void BackgroundBackup::start(const QString &databasePath, const QString &secondFolder, const QDateTime &now)
{
    if (m_thread)
        return;
    m_thread = QThread::create([this, databasePath, secondFolder, now] {
        BackupControl control;
        control.cancelled = [this] { return m_cancel.load(); };
        control.progress = [this](const BackupProgress &step) {
            {
                const QMutexLocker lock(&m_mutex);
                m_step = step;
            }
            QMetaObject::invokeMethod(this, &BackgroundBackup::refresh, Qt::QueuedConnection);
            if (m_stepHook)
                m_stepHook(step);
        };
        DailyBackups result = writeDailyBackups(databasePath, now, secondFolder, control);
        const QMutexLocker lock(&m_mutex);
        m_result = std::move(result);
    });
    m_thread->setParent(this);
    m_thread->setObjectName(QStringLiteral("rehabit-backup"));
    connect(m_thread, &QThread::finished, this, &BackgroundBackup::done);
    m_poll.start();
    m_thread->start(QThread::LowPriority);
    refresh();
}

void BackgroundBackup::cancelAndWait()
{
    if (!m_thread)
        return;
    m_cancel = true;
    m_thread->wait();
    done();
}

bool BackgroundBackup::isRunning() const
{
    return m_thread && !m_outcome;
}

QString BackgroundBackup::statusText() const
{
    return m_label ? m_label->text() : QString();
}

void BackgroundBackup::refresh()
{
    if (!m_label || !m_bar)
        return;
    if (m_outcome) {
        const QString text = backupOutcomeText(*m_outcome);
        const bool warn = !m_outcome->cancelled && (!m_outcome->main || !m_outcome->second);
        m_label->setText(text);
        m_label->setToolTip(text);
        m_label->setStyleSheet(warn ? QStringLiteral("color: #a00000; font-weight: bold;") : QString());
        m_bar->hide();
        return;
    }
    std::optional<BackupProgress> step;
    {
        const QMutexLocker lock(&m_mutex);
        step = m_step;
    }
    if (!m_thread)
        return;
    if (!step) {
        m_label->setText(tr("Backing up the database\u2026"));
        m_bar->setRange(0, 0);
        m_bar->show();
        return;
    }
    // The copy grows on disk as it is written; its size against the expected
    // one is the progress. A check shows a busy bar.
    const qint64 written = isCopyStep(step->step) ? QFileInfo(step->file).size() : 0;
    m_label->setText(stepText(*step, written));
    if (isCopyStep(step->step) && step->expectedBytes > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::min<qint64>(1000, written * 1000 / step->expectedBytes)));
    } else {
        m_bar->setRange(0, 0);
    }
    m_bar->show();
}

void BackgroundBackup::done()
{
    if (m_outcome || !m_thread || !m_thread->isFinished())
        return;
    m_poll.stop();
    {
        const QMutexLocker lock(&m_mutex);
        m_outcome = m_result;
    }
    refresh();
    Q_EMIT finished();
}

} // namespace rehabit
