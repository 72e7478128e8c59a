#pragma once
// The store's contract tests (tests/core/store/contract/) are written once
// against rehabit::Store and run on every backend a StoreFactory yields. A
// test case takes its backend from storeBackends() through GENERATE, so a
// second backend (PostgreSQL, issue 14) runs the same cases by adding its
// factory to makeStoreFactory(). The cases are tagged [contract]: run them
// alone with `test_store [contract]`.

#include "rehabit/store/Store.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace rehabit::test {

/// The author (StoreOptions::author) of every store a factory makes.
inline const QString ContractAuthor = QStringLiteral("contract tester");

class StoreFactory {
public:
    virtual ~StoreFactory() = default;
    /// "SQLite", for the test's report.
    virtual QString name() const = 0;
    /// A new store on a database of its own, empty. The first one made is
    /// the factory's main database (reopen(), fingerprint()).
    virtual std::unique_ptr<Store> create() = 0;
    /// The main database opened again after its store was closed: what a
    /// restart of the program sees.
    virtual std::unique_ptr<Store> reopen() = 0;
    /// A digest of everything the main database holds: equal before and
    /// after an operation exactly when it changed nothing.
    virtual QByteArray fingerprint() const = 0;
};

/// How many backends the contract runs on (1 today: SQLite).
int storeBackendCount();
/// The factory of backend `index` (0 .. storeBackendCount() - 1).
std::unique_ptr<StoreFactory> makeStoreFactory(int index);

} // namespace rehabit::test

/// The backend of a contract test case, one run of the case per backend.
#define STORE_CONTRACT_BACKEND() GENERATE(range(0, ::rehabit::test::storeBackendCount()))
