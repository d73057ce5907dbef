// Finding and loading a program module (program_modules.hpp).
#include "program_modules.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <vector>

namespace alsmeds {

namespace {

Result<const ModuleStamp*> checked(const ModuleStamp* module, int abi, const std::string& where) {
  if (module == nullptr) return fail(where + " gave no table");
  if (module->abi != abi || module->schema_version != kSchemaVersion)
    return fail(where + " belongs to another build of alsmeds (table " + std::to_string(module->abi) +
                ", schema " + std::to_string(module->schema_version) + "; this program: table " +
                std::to_string(abi) + ", schema " + std::to_string(kSchemaVersion) +
                "): install both from one package");
  return module;
}

}  // namespace

Result<const ModuleStamp*> program_module(const ModuleStamp* linked, const char* file, const char* entry,
                                          int abi, const std::string& what) {
  if (linked != nullptr) return checked(linked, abi, "the linked " + what);
  std::error_code ec;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return fail(what + " cannot be found: this program's folder is unknown (" + ec.message() + ")");
  // Two places and nothing else (no search path, no environment): a module is code run with the user's
  // rights and database logins.
  const std::filesystem::path dir = program.parent_path();
  const std::vector<std::filesystem::path> candidates{dir / ".." / "lib" / "alsmeds" / file,
                                                      dir / ".." / ".." / "lib" / "alsmeds" / file};
  std::string tried;
  for (const auto& candidate : candidates) {
    const std::filesystem::path path = candidate.lexically_normal();
    if (!std::filesystem::exists(path, ec)) {
      tried += (tried.empty() ? "" : ", ") + path.string();
      continue;
    }
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) return fail(what + " " + path.string() + " cannot be loaded: " + dlerror());
    using Entry = const ModuleStamp* (*)();
    auto table = reinterpret_cast<Entry>(dlsym(handle, entry));
    if (table == nullptr) return fail(path.string() + " is not " + what);
    return checked(table(), abi, path.string());  // the handle stays open for the program's life
  }
  return fail(what + " is not installed (looked for " + tried + "): reinstall alsmeds");
}

}  // namespace alsmeds
