#pragma once
// Parts of core that bring many libraries are modules a program loads the first time it needs them: the
// clinic server's store (libpq with Kerberos, LDAP, SASL, GnuTLS: storage/server_module.hpp) and the
// documents (cairo with X11 and fontconfig, libical with ICU: document_module.hpp). A command that needs
// neither, such as `log dose` on a SQLite file, never maps them: about 8 ms of each command's start of 11
// (README, figures). A module's code calls core's functions in the program, which exports them
// (core/CMakeLists.txt); a program that links a module's code itself uses it without loading anything.
#include <string>

#include "alsmeds/result.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

/// The start of every module's table: a module of another build is refused rather than called wrongly.
struct ModuleStamp {
  int abi = 0;             // the table's layout: changes whenever the table does
  int schema_version = 0;  // kSchemaVersion of the build the module comes from
};

/// The module's table: `linked` when the program links the module's code, else loaded from
/// lib/alsmeds/`file` beside the program's folder (installed: /usr/bin -> /usr/lib/alsmeds; the build tree:
/// build/X/app/cli or build/X/tests -> build/X/lib/alsmeds), its table from the function `entry`. `what`
/// names the module in an error ("the clinic server's module").
Result<const ModuleStamp*> program_module(const ModuleStamp* linked, const char* file, const char* entry,
                                          int abi, const std::string& what);

/// program_module for a table whose first member is its ModuleStamp `stamp`; an error also says what the
/// module is `needed_for`.
template <class Table>
Result<const Table*> program_module_table(const Table* linked, const char* file, const char* entry, int abi,
                                          const std::string& what, const std::string& needed_for) {
  auto stamp = program_module(linked != nullptr ? &linked->stamp : nullptr, file, entry, abi, what);
  if (!stamp) return fail(stamp.error() + " (" + needed_for + ")");
  return reinterpret_cast<const Table*>(*stamp);  // the stamp is the table's first member
}

}  // namespace alsmeds
