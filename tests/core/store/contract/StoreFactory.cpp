#include "StoreFactory.h"

#include "StoreTestSupport.h"

#include <QTemporaryDir>

namespace rehabit::test {
namespace {

/// Each store in a file of a temporary folder; the fingerprint is
/// contentHash() of the main file.
class SqliteStoreFactory final : public StoreFactory {
public:
    QString name() const override { return QStringLiteral("SQLite"); }
    std::unique_ptr<Store> create() override
    {
        const QString path = m_dir.filePath(QStringLiteral("store-%1.sqlite").arg(++m_created));
        if (m_mainPath.isEmpty())
            m_mainPath = path;
        return openStore(path, options());
    }
    std::unique_ptr<Store> reopen() override { return openStore(m_mainPath, options()); }
    QByteArray fingerprint() const override { return contentHash(m_mainPath); }

private:
    static StoreOptions options()
    {
        StoreOptions o;
        o.author = ContractAuthor;
        return o;
    }
    QTemporaryDir m_dir;
    QString m_mainPath;
    int m_created = 0;
};

} // namespace

int storeBackendCount()
{
    return 1;
}

std::unique_ptr<StoreFactory> makeStoreFactory(int index)
{
    switch (index) {
    case 0: return std::make_unique<SqliteStoreFactory>();
    default: FAIL("no store backend " << index); return nullptr;
    }
}

} // namespace rehabit::test
