#include "therapist/HistoryView.h"

#include "therapist/SessionListModel.h"
#include "therapist/TimeChart.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Store.h"

#include <QCalendarWidget>
#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextCharFormat>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

QLabel *tile(const QString &accessibleName)
{
    auto *label = new QLabel;
    label->setFrameShape(QFrame::StyledPanel);
    label->setAutoFillBackground(true);
    label->setBackgroundRole(QPalette::AlternateBase);
    label->setMargin(8);
    // No word wrap: short lines, and the page keeps a height of its own in its scroll area.
    label->setTextFormat(Qt::RichText);
    label->setAccessibleName(accessibleName);
    label->setMinimumWidth(140);
    return label;
}

/// A tile: a title (a newline splits it), the figure in large type, a detail line.
QString tileText(const QString &title, const QString &figure, const QString &detail)
{
    return QStringLiteral("<div>%1</div><div style='font-size:x-large; font-weight:bold'>%2</div><div>%3</div>")
        .arg(title.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")), figure.toHtmlEscaped(),
             detail.toHtmlEscaped());
}

QTableWidget *table(const QStringList &headers, const QString &name)
{
    auto *t = new QTableWidget(0, int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAccessibleName(name);
    return t;
}

void setRow(QTableWidget *t, int row, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells[c]));
}

QString percent(double share)
{
    return HistoryView::tr("%1 %").arg(qRound(share * 100));
}

} // namespace

HistoryView::HistoryView(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_painTile(tile(tr("Pain")))
    , m_doseTile(tile(tr("Dose done")))
    , m_daysTile(tile(tr("Days with data")))
    , m_flagsTile(tile(tr("Flags and proposals")))
    , m_range(new QComboBox)
    , m_painChart(new TimeChart(tr("Pain (0\u201310)"), tr("pain"), 0, 10))
    , m_adherenceChart(new TimeChart(tr("Adherence per week"), tr("%"), 0, 100))
    , m_tabs(new QTabWidget)
    , m_calendar(new QCalendarWidget)
    , m_sessions(new SessionListModel(this))
    , m_sessionView(new QTableView)
    , m_sessionHeading(new QLabel)
    , m_outcome(
          table({tr("Exercise"), tr("Prescribed"), tr("Done"), tr("Highest pain")}, tr("Prescribed against done")))
    , m_exerciseBox(new QComboBox)
    , m_exerciseChart(new TimeChart(tr("Pain during or after the exercise"), tr("pain"), 0, 10))
    , m_rises(table({tr("Exercise"), tr("Sessions"), tr("Pain rose"), tr("Stopped"), tr("Above 5 after"),
                     tr("Next morning higher"), tr("Largest rise")},
                    tr("Exercises and rises in pain")))
    , m_flags(table({tr("When"), tr("Exercise"), tr("Pain"), tr("Why")}, tr("Flags")))
    , m_proposals(table({tr("Proposed"), tr("Exercise"), tr("Kind"), tr("Why")}, tr("Pending proposals")))
    , m_accept(new QPushButton(tr("&Accept")))
    , m_decline(new QPushButton(tr("&Decline")))
{
    m_watcher = new QFutureWatcher<HistoryPage>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (!m_watcher->isCanceled())
            (void)take(m_watcher->result());
    });
    auto *tiles = new QHBoxLayout;
    for (QLabel *t : {m_painTile, m_doseTile, m_daysTile, m_flagsTile})
        tiles->addWidget(t, 1);
    m_adherenceChart->setReference(80, tr("80 %"));
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_painChart, 1);
    charts->addWidget(m_adherenceChart, 1);

    m_tabs->addTab(makeSessionsTab(), tr("&Sessions"));
    m_tabs->addTab(makeExercisesTab(), tr("&Pain by exercise"));
    m_tabs->addTab(makeFlagsTab(), tr("&Flags and proposals"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(tiles);
    layout->addLayout(makeRangeRow());
    // Charts above, details below, the split adjustable; below about 560 pixels
    // the page scrolls (TherapistPage puts it in a scroll area).
    auto *chartsPane = new QWidget;
    chartsPane->setLayout(charts);
    charts->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(chartsPane);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    m_tabs->setMinimumHeight(190);
    chartsPane->setMinimumHeight(220); // below this the charts' axes lose their numbers
    layout->addWidget(split, 1);
}

QLayout *HistoryView::makeRangeRow()
{
    m_range->addItem(tr("Last 30 days"), 30);
    m_range->addItem(tr("Last 90 days"), 90);
    m_range->addItem(tr("Last 12 months"), 365);
    m_range->addItem(tr("Everything"), 0);
    m_range->setCurrentIndex(1);
    m_range->setAccessibleName(tr("Chart period"));
    auto *rangeLabel = new QLabel(tr("Charts &show:"));
    rangeLabel->setBuddy(m_range);
    auto *rangeRow = new QHBoxLayout;
    rangeRow->addWidget(rangeLabel);
    rangeRow->addWidget(m_range);
    rangeRow->addStretch();
    connect(m_range, &QComboBox::activated, this, &HistoryView::showCharts);
    return rangeRow;
}

QWidget *HistoryView::makeSessionsTab()
{
    m_calendar->setGridVisible(false);
    m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    m_calendar->setAccessibleName(tr("Session calendar"));
    m_calendar->setMaximumWidth(320);
    m_sessionView->setModel(m_sessions);
    m_sessionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sessionView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sessionView->verticalHeader()->setVisible(false);
    m_sessionView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sessionView->horizontalHeader()->setStretchLastSection(true);
    m_sessionView->setAccessibleName(tr("Sessions"));
    connect(m_sessionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                showSession(current.data(SessionListModel::SessionIdRole).toLongLong());
                const QSignalBlocker block(m_calendar);
                m_calendar->setSelectedDate(current.data(SessionListModel::DateRole).toDate());
            });
    connect(m_calendar, &QCalendarWidget::clicked, this, &HistoryView::showDate);
    connect(m_calendar, &QCalendarWidget::activated, this, &HistoryView::showDate);
    m_sessionHeading->setWordWrap(true);
    auto *detail = new QVBoxLayout;
    detail->setContentsMargins(0, 0, 0, 0);
    detail->addWidget(m_sessionHeading);
    detail->addWidget(m_outcome, 1);
    auto *detailPane = new QWidget;
    detailPane->setLayout(detail);
    // The list above the chosen session's detail, so that both tables have the width
    // beside the calendar (side by side, their columns were cut off at 1280x800).
    auto *listAndDetail = new QSplitter(Qt::Vertical);
    listAndDetail->addWidget(m_sessionView);
    listAndDetail->addWidget(detailPane);
    listAndDetail->setStretchFactor(0, 2);
    listAndDetail->setStretchFactor(1, 3);
    listAndDetail->setChildrenCollapsible(false);
    const int row = m_sessionView->fontMetrics().height() + 8;
    m_sessionView->setMinimumHeight(4 * row); // the header and three sessions at least
    m_outcome->setMinimumHeight(3 * row);
    auto *sessionSplit = new QSplitter(Qt::Horizontal);
    sessionSplit->addWidget(m_calendar);
    sessionSplit->addWidget(listAndDetail);
    sessionSplit->setStretchFactor(1, 1);
    sessionSplit->setChildrenCollapsible(false);
    return sessionSplit;
}

QWidget *HistoryView::makeExercisesTab()
{
    m_exerciseBox->setAccessibleName(tr("Exercise"));
    connect(m_exerciseBox, &QComboBox::currentIndexChanged, this, &HistoryView::showExercise);
    auto *exerciseLabel = new QLabel(tr("E&xercise:"));
    exerciseLabel->setBuddy(m_exerciseBox);
    auto *exerciseRow = new QHBoxLayout;
    exerciseRow->addWidget(exerciseLabel);
    exerciseRow->addWidget(m_exerciseBox, 1);
    auto *exerciseLeft = new QVBoxLayout;
    exerciseLeft->addLayout(exerciseRow);
    exerciseLeft->addWidget(m_exerciseChart, 1);
    auto *exercisePage = new QWidget;
    auto *exerciseLayout = new QHBoxLayout(exercisePage);
    exerciseLayout->addLayout(exerciseLeft, 1);
    exerciseLayout->addWidget(m_rises, 1);
    return exercisePage;
}

QWidget *HistoryView::makeFlagsTab()
{
    auto *decideRow = new QHBoxLayout;
    auto *decideText = new QLabel(tr("Pending proposals. Accept puts the proposed change into the program editor, "
                                     "where you review it and save it; Decline keeps the program as it is."));
    decideText->setWordWrap(true);
    decideRow->addWidget(decideText, 1);
    decideRow->addWidget(m_accept);
    decideRow->addWidget(m_decline);
    const auto decideCurrent = [this](ProposalStatus decision) {
        if (auto r = decide(m_proposals->currentRow(), decision); !r)
            QMessageBox::warning(this, tr("The decision was not saved"), r.error().text());
    };
    connect(m_accept, &QPushButton::clicked, this, [decideCurrent] { decideCurrent(ProposalStatus::Accepted); });
    connect(m_decline, &QPushButton::clicked, this, [decideCurrent] { decideCurrent(ProposalStatus::Declined); });
    auto *flagsPage = new QWidget;
    auto *flagsLayout = new QGridLayout(flagsPage);
    flagsLayout->addWidget(new QLabel(tr("Flags raised by the pain rule")), 0, 0);
    flagsLayout->addWidget(m_flags, 1, 0);
    flagsLayout->addLayout(decideRow, 0, 1);
    flagsLayout->addWidget(m_proposals, 1, 1);
    return flagsPage;
}

Result<void> HistoryView::showPatient(qint64 patientId)
{
    m_patientId = patientId;
    return reload();
}

Result<void> HistoryView::reload()
{
    if (m_background && m_patientId) {
        m_painTile->setText(tileText(tr("Reading the history\u2026"), QString(), QString()));
        const qint64 id = m_patientId;
        const Store *store = &m_store;
        const QDate asOf = Clock::today();
        m_watcher->setFuture(QtConcurrent::run([store, id, asOf] { return HistoryPage::load(*store, id, asOf); }));
        return {};
    }
    return take(HistoryPage::load(m_store, m_patientId, Clock::today()));
}

bool HistoryView::isLoading() const
{
    return m_watcher->isRunning();
}

HistoryView::~HistoryView()
{
    // The read uses the store, which the caller may close right after the window.
    m_watcher->disconnect(this);
    m_watcher->waitForFinished();
}

Result<void> HistoryView::take(HistoryPage loaded)
{
    if (loaded.patientId != m_patientId)
        return {}; // a newer patient was asked for meanwhile
    m_history.reset();
    m_pending.clear();
    if (loaded.error) {
        m_painTile->setText(tr("The history cannot be read: %1").arg(loaded.error->text()).toHtmlEscaped());
        return *loaded.error;
    }
    m_exercises = std::move(loaded.exercises);
    m_history = std::move(loaded.history);
    if (m_history)
        m_pending = m_history->pendingProposals();
    m_figures = std::move(loaded.figures);
    showFigures();
    return {};
}

void HistoryView::showFigures()
{
    const HistoryFigures &f = m_figures;
    const ReviewFigures &r = f.review;
    const QLocale locale;
    // --- at a glance: the periods end on the as-of day (today), named on the tiles --------
    const auto period = [&locale](const AdherencePeriod &p) {
        return tr("%1–%2").arg(locale.toString(p.first, u"d MMM"_s), locale.toString(p.last, u"d MMM"_s));
    };
    const QString painTitle = tr("Pain before sessions\nlast 7 days\n%1").arg(period(r.last7));
    if (r.painLast7) {
        QString trend = tr("no ratings the 30 days before");
        if (r.painPrevious30) {
            const double change = *r.painLast7 - *r.painPrevious30;
            trend = std::abs(change) < 0.5 ? tr("before: %1, same")
                    : change < 0           ? tr("\u2193 from %1 before")
                                           : tr("\u2191 from %1 before");
            trend = trend.arg(locale.toString(*r.painPrevious30, 'f', 1));
        }
        m_painTile->setText(tileText(painTitle, locale.toString(*r.painLast7, 'f', 1), trend));
        m_painTile->setToolTip(tr("The mean of the ratings given before the sessions of the last 7 days, against the "
                                  "30 days before those"));
    } else {
        m_painTile->setText(tileText(painTitle, tr("none rated"), QString()));
    }
    const QString month = period(r.last30);
    m_doseTile->setText(tileText(tr("Prescribed dose done\nlast 30 days\n%1").arg(month), percent(r.last30.doseShare()),
                                 tr("last 7 days: %1").arg(percent(r.last7.doseShare()))));
    m_doseTile->setToolTip(tr("Reps, holds and timed bouts done, as a share of what the program prescribes for "
                              "these days (days per week taken into account)"));
    m_daysTile->setText(tileText(tr("Days with data\nlast 30 days\n%1").arg(month),
                                 tr("%1 of %2").arg(r.last30.daysWithData).arg(r.last30.days()),
                                 tr("last 7 days: %1 of 7").arg(r.last7.daysWithData)));
    m_flagsTile->setText(tileText(tr("Flagged sessions\nlast 30 days\n%1").arg(month), QString::number(r.flaggedLast30),
                                  tr("%n pending proposal(s)", nullptr, int(m_pending.size()))));

    showCharts();

    // --- sessions -----------------------------------------------------------------
    m_sessions->setSessions(f.sessions);
    m_calendar->setDateTextFormat(QDate(), QTextCharFormat());
    QTextCharFormat done;
    done.setFontWeight(QFont::Bold);
    done.setBackground(palette().color(QPalette::Highlight).lighter(170));
    done.setForeground(palette().color(QPalette::Text));
    QTextCharFormat flagged = done;
    flagged.setBackground(QColor(0xf4, 0xa5, 0xa5));
    flagged.setToolTip(tr("A pain rule fired in this session"));
    for (const SessionRow &s : f.sessions) {
        const QDate d = s.startedAt.toLocalTime().date();
        if (s.flagged || m_calendar->dateTextFormat(d).background() != flagged.background())
            m_calendar->setDateTextFormat(d, s.flagged ? flagged : done);
    }
    if (!f.sessions.isEmpty())
        m_sessionView->setCurrentIndex(m_sessions->index(0, 0));
    else {
        m_outcome->setRowCount(0);
        m_sessionHeading->setText(m_patientId ? tr("No sessions yet.") : QString());
    }

    // --- pain by exercise ------------------------------------------------------------
    // The same patient keeps the exercise chosen; another opens on the exercise with the most ratings.
    const QString exercise = m_exerciseBoxPatient == m_patientId ? m_exerciseBox->currentText() : QString();
    m_exerciseBoxPatient = m_patientId;
    {
        const QSignalBlocker block(m_exerciseBox);
        m_exerciseBox->clear();
        int busiest = 0;
        for (int i = 0; i < f.exercisePain.size(); ++i) {
            m_exerciseBox->addItem(f.exercisePain[i].name);
            if (f.exercisePain[i].points.size() > f.exercisePain[busiest].points.size())
                busiest = i;
        }
        const int kept = m_exerciseBox->findText(exercise);
        m_exerciseBox->setCurrentIndex(kept >= 0 ? kept : busiest);
    }
    showExercise(m_exerciseBox->currentIndex());
    m_rises->setRowCount(int(f.rises.size()));
    for (int i = 0; i < f.rises.size(); ++i) {
        const RiseRow &r = f.rises[i];
        setRow(m_rises, i,
               {r.name, QString::number(r.sessions), QString::number(r.rises), QString::number(r.painStops),
                QString::number(r.ratingsAbove5After), QString::number(r.nextMorningRises),
                QString::number(r.largestRise)});
    }

    // --- flags and proposals -----------------------------------------------------------
    m_flags->setRowCount(int(f.flags.size()));
    for (int i = 0; i < f.flags.size(); ++i) {
        const FlagRow &p = f.flags[i];
        setRow(m_flags, i,
               {locale.toString(p.at.toLocalTime(), QLocale::ShortFormat),
                p.exerciseName.isEmpty() ? tr("the session") : p.exerciseName, p.pain, p.reason});
    }
    showProposals();
}

/// The pending proposals; those accepted in the program editor say so until it is saved.
void HistoryView::showProposals()
{
    const QLocale locale;
    const auto itemName = [this](qint64 itemId) {
        const QString id = m_history ? m_history->exerciseOfItem(itemId) : QString();
        for (const Exercise &e : m_exercises)
            if (e.id == id)
                return e.name;
        return tr("(item %1)").arg(itemId);
    };
    m_proposals->setRowCount(int(m_pending.size()));
    for (int i = 0; i < m_pending.size(); ++i) {
        const Proposal &p = m_pending[i];
        setRow(m_proposals, i,
               {locale.toString(p.createdAt.toLocalTime(), QLocale::ShortFormat), itemName(p.programItemId),
                m_inEditor.contains(p.id)
                    ? (p.kind == ProposalKind::Progress ? tr("progress: accepted in the editor, not saved yet")
                                                        : tr("step back: accepted in the editor, not saved yet"))
                    : (p.kind == ProposalKind::Progress ? tr("progress") : tr("step back")),
                p.reason});
    }
    if (!m_pending.isEmpty())
        m_proposals->setCurrentCell(0, 0);
    m_accept->setEnabled(!m_pending.isEmpty());
    m_decline->setEnabled(!m_pending.isEmpty());
    m_tabs->setTabText(2, m_pending.isEmpty() ? tr("&Flags and proposals")
                                              : tr("&Flags and proposals (%1 pending)").arg(m_pending.size()));
}

QDate HistoryView::rangeStart() const
{
    const int days = m_range->currentData().toInt();
    return days > 0 ? Clock::today().addDays(1 - days) : m_figures.first;
}

void HistoryView::showCharts()
{
    const QDate from = rangeStart();
    const QDate to = Clock::today();
    const auto clip = [&](QList<ChartLine> lines) {
        for (ChartLine &line : lines) {
            const auto begin = std::lower_bound(line.points.cbegin(), line.points.cend(), from,
                                                [](const DatedValue &p, QDate d) { return p.date < d; });
            line.points = QList<DatedValue>(begin, line.points.cend());
        }
        return lines;
    };
    m_painChart->setLines(clip(m_figures.painLines), from, to);
    ChartLine dose{tr("Dose done"), {}, QColor(0x2c, 0xa0, 0x2c), Qt::SolidLine, true};
    ChartLine days{tr("Days with data"), {}, QColor(0x94, 0x67, 0xbd), Qt::DashLine, true};
    for (const AdherencePeriod &w : m_figures.review.weeks) {
        dose.points << DatedValue{w.first, w.doseShare() * 100};
        days.points << DatedValue{w.first, 100.0 * w.daysWithData / std::max(1, w.days())};
    }
    m_adherenceChart->setLines(clip({dose, days}), from, to);
    showExercise(m_exerciseBox->currentIndex());
}

void HistoryView::showExercise(int index)
{
    if (index < 0 || index >= m_figures.exercisePain.size()) {
        m_exerciseChart->setLines({});
        return;
    }
    ChartLine line = m_figures.exercisePain[index];
    const QDate from = rangeStart();
    line.points.erase(
        std::remove_if(line.points.begin(), line.points.end(), [&](const DatedValue &p) { return p.date < from; }),
        line.points.end());
    m_exerciseChart->setLines({line}, from, Clock::today());
}

bool HistoryView::showDate(QDate date)
{
    const int row = m_sessions->rowOfDate(date);
    if (row < 0)
        return false;
    m_sessionView->setCurrentIndex(m_sessions->index(row, 0));
    return true;
}

void HistoryView::showSession(qint64 sessionId)
{
    const SessionReview *review = nullptr;
    if (m_history) {
        for (const SessionReview &s : m_history->sessions())
            if (s.record.id == sessionId)
                review = &s;
    }
    if (!review) {
        m_outcome->setRowCount(0);
        return;
    }
    QString programName;
    for (const Program &p : m_history->programs())
        if (p.id == review->record.programId)
            programName = p.name;
    m_sessionHeading->setText(tr("%1 \u2013 %2, program \u201c%3\u201d")
                                  .arg(QLocale().toString(review->record.startedAt.toLocalTime(), QLocale::LongFormat),
                                       SessionListModel::statusText(review->record.status), programName));
    const QList<ItemOutcome> items = HistoryFigures::outcome(*m_history, *review, m_exercises);
    m_outcome->setRowCount(int(items.size()));
    for (int i = 0; i < items.size(); ++i) {
        const ItemOutcome &o = items[i];
        QString pain = o.highestPain ? QString::number(*o.highestPain) : QStringLiteral("\u2013");
        if (o.painStop)
            pain = tr("%1, stopped by the pain rule").arg(pain);
        QString done = tr("%1 of %2 (%3)")
                           .arg(o.doneUnits)
                           .arg(o.prescribedUnits)
                           .arg(percent(o.prescribedUnits ? double(o.doneUnits) / o.prescribedUnits : 0));
        if (o.skipped)
            done = tr("%1, skipped").arg(done);
        setRow(m_outcome, i, {o.exerciseName, o.prescribed, done, pain});
    }
}

std::optional<ProgressionProposal> HistoryView::proposedChange(const Proposal &proposal) const
{
    if (!m_history)
        return std::nullopt;
    const QList<Program> &programs = m_history->programs();
    const auto program = std::find_if(programs.cbegin(), programs.cend(), [&](const Program &p) {
        return std::any_of(p.items.cbegin(), p.items.cend(),
                           [&](const ProgramItem &item) { return item.id == proposal.programItemId; });
    });
    if (program == programs.cend())
        return std::nullopt;
    // The page holds the sessions summed; the rules read the logs they need from the store.
    const auto logOf = [this](const SessionRecord &record) -> std::optional<SessionHistory> {
        auto events = m_store.events(record.id);
        if (!events)
            return std::nullopt;
        return SessionHistory{record, std::move(events).value()};
    };
    QList<ProgressionProposal> candidates;
    if (proposal.kind == ProposalKind::Regress) {
        for (const SessionReview &s : m_history->sessions()) {
            if (s.record.id != proposal.sessionId)
                continue;
            const std::optional<SessionHistory> h = logOf(s.record);
            if (!h)
                return std::nullopt;
            candidates << Progression::regressions(*program, m_exercises, *h)
                       << Progression::afterNextMorning(*program, m_exercises, *h);
        }
    } else {
        QList<SessionRecord> records;
        for (const SessionReview &s : m_history->sessions()) {
            if (s.record.programId == program->id)
                records << s.record;
            if (s.record.id == proposal.sessionId)
                break;
        }
        // The rule looks at the last sessions that worked the item: read back to enough of them.
        QList<SessionHistory> sessions;
        int worked = 0;
        for (auto it = records.crbegin(); it != records.crend() && worked < std::max(1, program->progressionSessions);
             ++it) {
            std::optional<SessionHistory> h = logOf(*it);
            if (!h)
                return std::nullopt;
            const bool started = std::any_of(h->events.cbegin(), h->events.cend(), [&](const SessionEvent &e) {
                return e.kind == EventKind::ExerciseStarted && e.programItemId == proposal.programItemId;
            });
            worked += started && h->record.status != SessionStatus::InProgress ? 1 : 0;
            sessions.prepend(std::move(*h));
        }
        candidates = Progression::advancements(*program, m_exercises, sessions);
    }
    const ProposalDirection direction =
        proposal.kind == ProposalKind::Progress ? ProposalDirection::Advance : ProposalDirection::Regress;
    for (const ProgressionProposal &c : std::as_const(candidates))
        if (c.programItemId == proposal.programItemId && c.direction == direction)
            return c;
    return std::nullopt;
}

Result<void> HistoryView::decide(int row, ProposalStatus decision)
{
    if (row < 0 || row >= m_pending.size())
        return Error{tr("Choose a pending proposal first."), {}};
    const Proposal proposal = m_pending[row];
    if (decision == ProposalStatus::Accepted) {
        // A change to make: the editor stores the decision with the saved change.
        if (const auto change = proposedChange(proposal)) {
            Q_EMIT changeAccepted(*change, proposal.id);
            return {};
        }
    }
    auto decided = m_store.decideProposal(proposal.id, decision, Clock::nowUtc());
    if (!decided)
        return decided.error();
    auto r = reload();
    Q_EMIT proposalDecided();
    return r;
}

void HistoryView::setProposalsInEditor(const QList<qint64> &proposalIds)
{
    m_inEditor = proposalIds;
    showProposals();
}

} // namespace rehabit
