// Opening an alsmeds database: validate before writing anything, create, back up and migrate.
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "alsmeds/record_store.hpp"
#include "schema.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds {
namespace fs = std::filesystem;
using storage::Connection;
using storage::Statement;
using storage::StorageError;

namespace {

constexpr std::uintmax_t kFullCheckBytes = 16u << 20;

int read_pragma(Connection& db, const char* pragma) {
  Statement s(db, std::string("PRAGMA ") + pragma);
  return s.step() ? static_cast<int>(s.get_int(0)) : 0;
}

// Creates missing folders; the innermost one we create gets mode 0700 (docs/cli.md).
Result<bool> ensure_parent(const fs::path& file) {
  const fs::path parent = file.parent_path();
  if (parent.empty() || fs::exists(parent)) return true;
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return fail("cannot create folder " + parent.string() + ": " + ec.message());
  ::chmod(parent.c_str(), 0700);
  return true;
}

void copy_with_backup_api(Connection& from, const std::string& to) {
  Connection target(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* b = sqlite3_backup_init(target.handle(), "main", from.handle(), "main");
  if (b == nullptr) target.check(sqlite3_errcode(target.handle()), "backup");
  const int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) target.check(rc, "backup");
  ::chmod(to.c_str(), 0600);
}

}  // namespace

namespace storage {
void backup_database(Connection& from, const std::string& to) {
  copy_with_backup_api(from, to);
}
}  // namespace storage

std::string default_database_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  fs::path base;
  if (xdg != nullptr && *xdg == '/') {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = fs::path(home ? home : ".") / ".local" / "share";
  }
  return (base / "alsmeds" / "alsmeds.db").string();
}

Result<std::unique_ptr<RecordStore>> open_record_store(const std::string& path, CreateMode mode) {
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  const auto size = exists ? fs::file_size(path, ec) : 0;
  if (exists && fs::is_directory(path)) return fail(path + " is a folder, not a database file");
  if (!exists && mode == CreateMode::must_exist) return fail(path + " does not exist");

  if (exists && size > 0) {
    // Look at the header bytes ourselves: nothing below may write to a file that is not ours.
    char header[16] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(header, sizeof header);
    if (!in || std::memcmp(header, "SQLite format 3", 16) != 0)
      return fail(path + " is not an alsmeds database (not a SQLite file); it was left untouched");
  } else {
    auto made = ensure_parent(path);
    if (!made) return fail(made.error());
  }

  try {
    // NOMUTEX: a store (and its connection) belongs to one thread; SQLite then skips a lock per column read.
    auto db =
        std::make_unique<Connection>(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    db->exec("PRAGMA busy_timeout = 10000");  // two programs on one file wait instead of failing
    int version = 0;
    try {
      const int app = read_pragma(*db, "application_id");
      version = read_pragma(*db, "user_version");
      Statement tables(*db, "SELECT count(*) FROM sqlite_master");
      tables.step();
      const bool empty = tables.get_int(0) == 0;
      if (app != storage::kApplicationId && !(app == 0 && empty))
        return fail(path + " is a SQLite database of another program, not alsmeds; it was left untouched");
      if (version > kSchemaVersion)
        return fail(path + " was written by a newer alsmeds (schema " + std::to_string(version) +
                    "; this program reads up to " + std::to_string(kSchemaVersion) +
                    "); it was left untouched");
      // The full page-by-page check reads the whole file: on every open only while the file is small. Larger
      // files get the cheap checks above plus SQLite's own detection in every page a command touches
      // (reported as "damaged", nothing written); `alsmeds-cli check` runs the full check on demand.
      if (!empty && size <= kFullCheckBytes) {
        Statement check(*db, "PRAGMA quick_check");
        if (!check.step() || check.get_text(0) != "ok")
          return fail(path + " is damaged (" + check.get_text(0) + "); it was left untouched");
      }
    } catch (const StorageError& e) {
      return fail(path + " is damaged or not a database (" + e.what() + "); it was left untouched");
    }

    if (version > 0 && version < kSchemaVersion) {
      const std::string backup = path + ".schema-v" + std::to_string(version) + ".bak";
      copy_with_backup_api(*db, backup);
    }
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = FULL");  // clinical writes: durable at commit
    db->exec("PRAGMA foreign_keys = ON");
    db->exec("PRAGMA cache_size = -65536");  // 64 MiB: large imports stay in memory until commit
    if (version < kSchemaVersion) {
      storage::Transaction tx(*db);
      storage::migrate(*db, version);
      tx.commit();
    }
    ::chmod(path.c_str(), 0600);
    return std::unique_ptr<RecordStore>(std::make_unique<storage::SqliteRecordStore>(std::move(db)));
  } catch (const StorageError& e) {
    return fail(std::string("cannot open ") + path + ": " + e.what());
  }
}

}  // namespace alsmeds
