#pragma once
// The history's session list: one row per session, newest first, with its
// dose share and the session's pain ratings.

#include "rehabit/domain/SessionLog.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include <optional>

namespace rehabit {

struct SessionRow {
    qint64 sessionId = 0;
    QDateTime startedAt;
    SessionStatus status = SessionStatus::Completed;
    bool flagged = false;
    double doseShare = 0;      ///< 0..1 of the prescribed dose done
    std::optional<int> before; ///< pain before the session
    std::optional<int> after;  ///< pain after the session
    std::optional<int> nextMorning;
    bool operator==(const SessionRow &) const = default;
};

class SessionListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { DateColumn, StatusColumn, DoseColumn, BeforeColumn, AfterColumn, NextMorningColumn, ColumnCount };
    enum Role { SessionIdRole = Qt::UserRole + 1, DateRole };

    explicit SessionListModel(QObject *parent = nullptr);

    /// Rows in the order given (the view shows newest first).
    void setSessions(const QList<SessionRow> &rows);
    const QList<SessionRow> &sessions() const { return m_rows; }
    /// The first row of a local date, -1 if none.
    int rowOfDate(QDate date) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(SessionStatus status);

private:
    QList<SessionRow> m_rows;
};

} // namespace rehabit
