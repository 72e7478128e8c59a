// The floor of rehabit-bench's start-up figure: an empty QWidget window that
// shows and quits, exactly as `rehabit --exit-after-show` does with its main window.
#include <QApplication>
#include <QTimer>
#include <QWidget>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QWidget window;
    window.show();
    QTimer::singleShot(0, &app, &QCoreApplication::quit);
    return app.exec();
}
