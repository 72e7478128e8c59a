#pragma once
// Rehabit's main window. This first version is the catalog browser: entries
// grouped by phase on the left, the selected entry on the right.

#include <QMainWindow>

class QSplitter;
class QTreeView;

namespace rehabit {

class CatalogModel;
class ExerciseView;
class Store;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `store` must outlive the window.
    explicit MainWindow(Store &store, QWidget *parent = nullptr);

    /// Reads the catalog from the store; shows a message and returns false on error.
    bool reloadCatalog();
    /// Selects an exercise by id (as a click would); false if there is none.
    bool selectExercise(const QString &exerciseId);

    CatalogModel *catalogModel() const { return m_model; }
    ExerciseView *exerciseView() const { return m_view; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void showCurrent();
    void restoreWindowState();
    void saveWindowState() const;
    void showAbout();

    Store &m_store;
    CatalogModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    ExerciseView *m_view = nullptr;
    QSplitter *m_splitter = nullptr;
};

} // namespace rehabit
