#pragma once
// What most contract cases start from: a store of the backend under test with
// a patient, a program and a session in it (populate(), StoreTestSupport.h).

#include "StoreFactory.h"
#include "StoreTestSupport.h"

#include "RehabitCatch.h"

#include <memory>

namespace rehabit::test {

struct ContractFixture {
    explicit ContractFixture(int backend)
        : factory(makeStoreFactory(backend))
        , store(factory->create())
        , ids(populate(*store))
    {}
    std::unique_ptr<StoreFactory> factory;
    std::unique_ptr<Store> store;
    Populated ids;

    /// The populated patient's whole record, as stored.
    PatientRecord record() const
    {
        auto r = store->patientRecord(ids.patientId);
        REQUIRE(r.ok());
        REQUIRE(r->has_value());
        return **r;
    }
    /// The populated program, as stored.
    Program program() const
    {
        auto p = store->program(ids.programId);
        REQUIRE(p.ok());
        REQUIRE(p->has_value());
        return **p;
    }
};

} // namespace rehabit::test
