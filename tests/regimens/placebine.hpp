#pragma once
// A fourth drug that exists only in the test tree (issue 26): "placebine", one 10 mg tablet a week. It shows
// what a new drug's module supplies and that the registry takes it with no change outside this module and its
// registration line (placebine_regimen_test.cpp).
#include "alsmeds/regimens/regimens.hpp"

namespace alsmeds::test {

/// Not a product of the built-in drugs: a value of its own.
inline constexpr Product kPlacebineTablet = static_cast<Product>(40);

/// The module's entry in the table, to register.
Regimen placebine_regimen();

}  // namespace alsmeds::test
