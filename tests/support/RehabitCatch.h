#pragma once
// Catch2 2.x (Debian 12) and 3.x (Ubuntu 24.04) behind one include.
// Use only what both offer: TEST_CASE, SECTION, REQUIRE, CHECK, GENERATE, INFO, CAPTURE.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/generators/catch_generators_range.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <QString>
#include <ostream>

// Readable QStrings in failure messages.
inline std::ostream &operator<<(std::ostream &os, const QString &s)
{
    return os << s.toStdString();
}
