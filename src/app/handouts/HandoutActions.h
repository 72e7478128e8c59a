#pragma once
// The handout actions of the File menu: print preview (any printer), save as
// PDF, and the clinic details printed in the header. The drawing itself is
// rehabit_print's HandoutRenderer, the same as rehabit-cli's; the print
// preview and the printer are the printing module's (PrintDialogs), loaded the
// first time the preview opens.

#include "handouts/PrintDialogs.h"

#include "print/HandoutRenderer.h"

#include "rehabit/domain/Result.h"

#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace rehabit {

class Store;

class HandoutActions : public QObject {
    Q_OBJECT
public:
    /// `currentPatient` returns the patient the user is looking at (0: none). `store` must outlive this.
    HandoutActions(Store &store, std::function<qint64()> currentPatient, QWidget *window);

    /// Adds "Print handout…" (Ctrl+P), "Save handout as PDF…" and "Clinic details…".
    void addTo(QMenu *menu);

    QAction *printAction() const { return m_print; }
    QAction *savePdfAction() const { return m_savePdf; }
    QAction *clinicAction() const { return m_clinic; }

    /// The handout of the patient shown, with the clinic details from the settings, dated today.
    Result<print::Handout> currentHandout() const;

    /// The print preview; a message when the printing module is not installed.
    void printPreview();
    void savePdf();
    /// Saves to `path` without asking (what "Save handout as PDF…" does after its file dialog).
    Result<print::HandoutLayout> savePdfTo(const QString &path);
    /// The database open in the app (default: defaultDatabasePath()): savePdfTo() refuses it and its files.
    void setDatabasePath(const QString &path) { m_databasePath = path; }
    void editClinicDetails();

    /// The printing module's dialogs (loaded the first time); null when it is not installed.
    static PrintDialogs *printDialogs();
    /// The print job of a handout: its paper, 15 mm margins, names.
    static PrintJob printJob(const print::Handout &handout);
    /// What printPreview() says when the printing module is not installed.
    static QString printingMissingText();

private:
    void showError(const QString &title, const Error &error);

    Store &m_store;
    std::function<qint64()> m_currentPatient;
    QWidget *m_window = nullptr;
    QAction *m_print = nullptr;
    QAction *m_savePdf = nullptr;
    QAction *m_clinic = nullptr;
    QString m_databasePath;
};

} // namespace rehabit
