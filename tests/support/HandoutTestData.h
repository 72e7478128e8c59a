#pragma once
// Test data for the handout tests, made through the Store API, and the
// poppler tools (pdftotext, pdfinfo) that read the PDFs back.

#include "RehabitCatch.h"

#include "rehabit/store/CatalogImport.h"
#include "rehabit/domain/ProgramTemplates.h"
#include "rehabit/store/Store.h"

#include <QProcess>
#include <QStandardPaths>
#include <QStringList>

namespace rehabit::testdata {

struct HandoutDb {
    qint64 ana = 0;       ///< the article's daily program, some items at a prescribed dose
    qint64 ben = 0;       ///< a program of 3 days a week
    qint64 noProgram = 0; ///< a patient without a program
};

/// The date the tests print for: a Wednesday.
inline QDate testDay()
{
    return QDate(2026, 11, 25);
}

/// A database with three patients; closed again before it returns.
inline HandoutDb makeHandoutDb(const QString &path)
{
    auto opened = openSqliteStore(path);
    REQUIRE(opened.ok());
    Store &store = **opened;
    REQUIRE(importBundledCatalog(store).ok());
    const auto exercises = store.exercises();
    REQUIRE(exercises.ok());
    const QDateTime at(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);

    HandoutDb db;
    const auto ana = store.addPatient(QStringLiteral("Ana Ruiz-Okafor"), at);
    REQUIRE(ana.ok());
    db.ana = ana->id;
    Program program = ProgramTemplates::dailyProgram(db.ana, *exercises, at);
    REQUIRE(program.items.size() >= 4);
    // The therapist's prescription differs from the catalog's default.
    program.items[0].rx.sets = 3;
    program.items[0].rx.holdSeconds = 45;
    program.items[2].rx.sets = 1;
    program.items[3].rx.reps = 12;
    program.items[3].rx.load = QStringLiteral("yellow band");
    REQUIRE(store.addProgram(program).ok());

    const auto ben = store.addPatient(QStringLiteral("Ben Lindqvist"), at);
    REQUIRE(ben.ok());
    db.ben = ben->id;
    Program three = ProgramTemplates::dailyProgram(db.ben, *exercises, at);
    for (ProgramItem &item : three.items)
        item.rx.daysPerWeek = 3;
    REQUIRE(store.addProgram(three).ok());

    const auto none = store.addPatient(QStringLiteral("Cleo Martin"), at);
    REQUIRE(none.ok());
    db.noProgram = none->id;
    return db;
}

/// Opens the test database again, for the test's own use.
inline std::unique_ptr<Store> reopen(const QString &path)
{
    auto opened = openSqliteStore(path);
    REQUIRE(opened.ok());
    return std::move(*opened);
}

/// Text of a PDF (all pages, or pages first..last), whitespace collapsed and
/// typographic ligatures ("ﬂ") spelled out (NFKC), as a search would see it.
inline QString pdfText(const QString &pdf, int first = 0, int last = 0)
{
    REQUIRE_FALSE(QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty());
    QStringList args;
    if (first > 0)
        args << QStringLiteral("-f") << QString::number(first) << QStringLiteral("-l") << QString::number(last);
    args << pdf << QStringLiteral("-");
    QProcess p;
    p.start(QStringLiteral("pdftotext"), args);
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput()).normalized(QString::NormalizationForm_KC).simplified();
}

/// pdfinfo's "Pages:" and "Page size:" lines.
inline QString pdfInfo(const QString &pdf)
{
    REQUIRE_FALSE(QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty());
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {pdf});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace rehabit::testdata
