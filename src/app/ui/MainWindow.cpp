#include "ui/MainWindow.h"

#include "models/CatalogModel.h"
#include "ui/ExerciseView.h"

#include "rehabit/ApplicationIdentity.h"
#include "rehabit/Store.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeView>

namespace rehabit {
namespace {

QSettings settings()
{
    return QSettings(settingsOrganization(), QCoreApplication::applicationName());
}

} // namespace

MainWindow::MainWindow(Store &store, QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_model(new CatalogModel(this))
    , m_tree(new QTreeView)
    , m_view(new ExerciseView)
    , m_splitter(new QSplitter(Qt::Horizontal))
{
    setWindowTitle(tr("Rehabit \u2013 hip flexor rehab"));
    setWindowIcon(QIcon(QStringLiteral(":/rehabit/icons/rehabit.svg")));

    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAccessibleName(tr("Exercise catalog"));
    m_tree->setMinimumWidth(220);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::showCurrent);

    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_view);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    auto *location = new QLabel(store.description());
    location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(location);

    createActions();
    reloadCatalog();
    restoreWindowState();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcuts(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Rehabit"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

bool MainWindow::reloadCatalog()
{
    const QString current = m_tree->currentIndex().data(CatalogModel::ExerciseIdRole).toString();
    const auto exercises = m_store.exercises();
    if (!exercises) {
        QMessageBox::critical(this, tr("Cannot read the catalog"), exercises.error().text());
        return false;
    }
    m_model->setExercises(*exercises);
    m_tree->expandAll();
    if (current.isEmpty() || !selectExercise(current)) {
        // Start on the first exercise so the window never opens empty.
        const QModelIndex firstGroup = m_model->index(0, 0);
        if (m_model->rowCount(firstGroup) > 0)
            m_tree->setCurrentIndex(m_model->index(0, 0, firstGroup));
    }
    statusBar()->showMessage(exercises->size() == 1 ? tr("1 exercise in the catalog")
                                                   : tr("%1 exercises in the catalog").arg(exercises->size()));
    return true;
}

bool MainWindow::selectExercise(const QString &exerciseId)
{
    const QModelIndex index = m_model->indexOf(exerciseId);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    return true;
}

void MainWindow::showCurrent()
{
    if (const Exercise *e = m_model->exercise(m_tree->currentIndex()))
        m_view->showExercise(*e);
    else
        m_view->showNothing();
}

void MainWindow::restoreWindowState()
{
    QSettings s = settings();
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 720);
    m_splitter->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::saveWindowState() const
{
    QSettings s = settings();
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    event->accept();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Rehabit"),
                       tr("<h3>Rehabit %1</h3>"
                          "<p>A daily program and record for hip flexor (iliopsoas) rehab, following "
                          "\u201cFixing Hip Flexor Pain\u201d (Squat University).</p>"
                          "<p>None of these exercises should create or worsen your pain. If they do not help, "
                          "see a doctor or physical therapist.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace rehabit
