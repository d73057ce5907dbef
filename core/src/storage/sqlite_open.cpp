// Opening an alsmeds database: validate before writing anything, create, back up and migrate.
//
// Why this file never opens a database file by itself (no std::ifstream, no open()/close() on it): POSIX
// advisory locks belong to the process and the inode, and closing ANY descriptor on the file releases every
// lock the process holds on it, including the locks of a SQLite connection another thread has open (SQLite,
// "How To Corrupt An SQLite Database File", section 2.2). The desktop app keeps a connection open while its
// worker thread opens a second one; a header read with an ifstream there once let a CLI command delete the
// app's WAL and damage the file. SQLite's own VFS shares one descriptor set per inode and never does this, so
// every look at a database file goes through a SQLite connection. The only descriptors we open ourselves are
// on files no connection can hold yet: a brand-new file created exclusively, and a backup's temporary copy
// after its connection is closed.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "alsmeds/storage/record_store.hpp"
#include "schema.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds {
namespace fs = std::filesystem;
using storage::Connection;
using storage::Statement;
using storage::StorageError;

namespace {

constexpr off_t kFullCheckBytes = 16 << 20;

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

// A new database file, created exclusively with mode 0600 (no connection can hold a file that did not exist,
// so closing this descriptor drops nobody's locks). Another program creating it first is not an error.
Result<bool> create_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return true;
    return fail("cannot create " + path + ": " + std::strerror(errno));
  }
  ::close(fd);
  return true;
}

// What a read-only look at the file found.
struct Probe {
  int application_id = 0;
  int version = 0;
  bool empty = true;  // no table at all (a new file)
};

std::string describe_refusal(const std::string& path, const StorageError& e) {
  const int primary = e.code() & 0xff;
  if (primary == SQLITE_NOTADB)
    return path + " is not an alsmeds database (not a SQLite file); it was left untouched";
  if (e.code() == SQLITE_READONLY_ROLLBACK || primary == SQLITE_READONLY)
    return path + " has an unfinished rollback journal (" + path +
           "-journal): an interrupted copy or write; it was left untouched";
  if (primary == SQLITE_BUSY) return path + " is busy: another program holds it locked; try again";
  return path + " is damaged or not a database (" + e.what() + "); it was left untouched";
}

// Looks at the file through a read-only SQLite connection that never checkpoints: the file, and another
// program's leftover WAL, stay as they are. The probe is the store's connection for read-only access.
Result<std::unique_ptr<Connection>> probe(const std::string& path, off_t size, const OpenOptions& options,
                                          Probe& found) {
  try {
    auto db = std::make_unique<Connection>(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    sqlite3_db_config(db->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    sqlite3_busy_timeout(db->handle(), options.busy_timeout_ms);
    try {
      found.application_id = read_pragma(*db, "application_id");
      found.version = read_pragma(*db, "user_version");
      // Ours has tables (made with the application id in one transaction); only another file is counted:
      // counting parses the whole schema, a cost every command would pay on its probe connection.
      found.empty = found.application_id != storage::kApplicationId;
      if (found.empty) {
        Statement tables(*db, "SELECT count(*) FROM sqlite_master");
        tables.step();
        found.empty = tables.get_int(0) == 0;
      }
      if (found.application_id != storage::kApplicationId && !(found.application_id == 0 && found.empty))
        return fail(path + " is a SQLite database of another program, not alsmeds; it was left untouched");
      if (found.version > kSchemaVersion)
        return fail(path + " was written by a newer alsmeds (schema " + std::to_string(found.version) +
                    "; this program reads up to " + std::to_string(kSchemaVersion) +
                    "); it was left untouched");
      // The full page-by-page check reads the whole file: on every open only while the file is small. Larger
      // files get the cheap checks above plus SQLite's own detection in every page a command touches
      // (reported as "damaged", nothing written); `alsmeds-cli check` runs the full check on demand.
      if (!found.empty && size <= kFullCheckBytes) {
        Statement check(*db, "PRAGMA quick_check");
        if (!check.step() || check.get_text(0) != "ok")
          return fail(path + " is damaged (" + check.get_text(0) + "); it was left untouched");
      }
    } catch (const StorageError& e) {
      return fail(describe_refusal(path, e));
    }
    return db;
  } catch (const StorageError& e) {
    return fail(std::string("cannot open ") + path + ": " + e.what());
  }
}

// A name next to `target` that does not exist yet: TARGET, TARGET.1, TARGET.2, ...
std::string free_name(const std::string& target) {
  std::string name = target;
  struct stat st;
  for (int n = 1; ::lstat(name.c_str(), &st) == 0; ++n) name = target + "." + std::to_string(n);
  return name;
}

}  // namespace

namespace storage {

void sync_folder_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  const int dir = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return;
  ::fsync(dir);
  ::close(dir);
}

Result<std::string> write_verified_copy(Connection& from, const std::string& to) {
  const fs::path target(to);
  std::string tmp = (target.parent_path() / ("." + target.filename().string() + ".partial-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return fail(to + ": cannot write in this folder (" + std::strerror(errno) + ")");
  ::close(fd);  // a file only we know of: no connection holds it
  auto discard = [&tmp] {
    ::unlink(tmp.c_str());
    ::unlink((tmp + "-journal").c_str());
  };
  try {
    {
      Connection copy(tmp, SQLITE_OPEN_READWRITE);
      copy.exec("PRAGMA journal_mode = OFF");  // nothing to roll back: an incomplete copy is discarded whole
      sqlite3_backup* b = sqlite3_backup_init(copy.handle(), "main", from.handle(), "main");
      if (b == nullptr) copy.check(sqlite3_errcode(copy.handle()), "backup");
      const int rc = sqlite3_backup_step(b, -1);
      sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE) copy.check(rc, "backup");
    }
    {
      Connection check(tmp, SQLITE_OPEN_READONLY);
      Statement s(check, "PRAGMA quick_check");
      if (!s.step() || s.get_text(0) != "ok")
        throw StorageError("the copy does not check ok", SQLITE_CORRUPT);
      if (read_pragma(check, "application_id") != kApplicationId)
        throw StorageError("the copy is not an alsmeds database", SQLITE_CORRUPT);
    }
    // Durable before it gets its name (the connections are closed: this descriptor drops no one's lock).
    const int sync = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
    if (sync < 0 || ::fsync(sync) != 0) {
      if (sync >= 0) ::close(sync);
      throw StorageError(std::string("sync: ") + std::strerror(errno), SQLITE_IOERR);
    }
    ::close(sync);
    // link() never replaces an existing file (a file that appeared meanwhile stays as it is).
    if (::link(tmp.c_str(), to.c_str()) != 0) {
      const int err = errno;
      discard();
      if (err == EEXIST) return fail(to + " exists already; choose a new file name");
      return fail(to + ": " + std::strerror(err));
    }
    ::unlink(tmp.c_str());
    sync_folder_of(to);
    return to;
  } catch (const StorageError& e) {
    discard();
    return fail(to + ": the copy failed and nothing was written (" + e.what() + ")");
  }
}

}  // namespace storage

std::string default_database_path() {
  if (const char* chosen = std::getenv("ALSMEDS_DB"); chosen != nullptr && *chosen != '\0') return chosen;
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

namespace storage {

Result<std::unique_ptr<RecordStore>> open_sqlite_store(const std::string& path, OpenOptions options) {
  const bool read_only = options.access == Access::read_only;
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;  // stat: no descriptor (see the top of this file)
  if (!exists && errno != ENOENT) return fail("cannot read " + path + ": " + std::strerror(errno));
  if (exists && S_ISDIR(st.st_mode)) return fail(path + " is a folder, not a database file");
  if (exists && !S_ISREG(st.st_mode))
    return fail(path +
                " is not a regular file (a pipe, device or socket), not a database; it was left untouched");
  if (!exists && (options.create == CreateMode::must_exist || read_only))
    return fail(path + " does not exist");
  if (!exists) {
    auto made = ensure_parent(path);
    if (!made) return fail(made.error());
    auto created = create_private_file(path);
    if (!created) return fail(created.error());
  }
  const off_t size = exists ? st.st_size : 0;

  Probe found;
  auto looked = probe(path, size, options, found);
  if (!looked) return fail(looked.error());
  if (read_only) {
    if (found.empty) return fail(path + " is empty: not an alsmeds database yet (nothing was written)");
    if (found.version < kSchemaVersion)
      return fail(path + " uses schema " + std::to_string(found.version) +
                  " of an older alsmeds; run `alsmeds-cli --db " + path +
                  " migrate` (a copy is kept) and try again");
    std::unique_ptr<Connection> db = std::move(looked).value();
    db->exec("PRAGMA query_only = ON");
    return std::unique_ptr<RecordStore>(std::make_unique<storage::SqliteRecordStore>(std::move(db)));
  }
  looked.value().reset();  // the writer's own connection below (both are SQLite's: no lock is lost)

  try {
    // NOMUTEX: a store (and its connection) belongs to one thread; SQLite then skips a lock per column read.
    auto db = std::make_unique<Connection>(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
    sqlite3_busy_timeout(db->handle(), options.busy_timeout_ms);  // two programs wait instead of failing
    const int version = read_pragma(*db, "user_version");
    if (version > 0 && version < kSchemaVersion) {
      auto copied =
          storage::write_verified_copy(*db, free_name(path + ".schema-v" + std::to_string(version) + ".bak"));
      if (!copied)
        return fail("cannot migrate " + path + ": the copy before migrating failed: " + copied.error());
    }
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = FULL");  // clinical writes: durable at commit
    db->exec("PRAGMA foreign_keys = ON");
    db->exec("PRAGMA cache_size = -65536");  // 64 MiB: large imports stay in memory until commit
    if (version < kSchemaVersion) {
      storage::Transaction tx(*db);
      if (read_pragma(*db, "user_version") < kSchemaVersion)
        storage::migrate(*db, read_pragma(*db, "user_version"));
      storage::allow_registered_drugs(*db);
      tx.commit();
    } else if (!storage::registered_drugs_allowed(*db)) {  // a drug registered since (a test's)
      storage::Transaction tx(*db);
      storage::allow_registered_drugs(*db);
      tx.commit();
    }
    return std::unique_ptr<RecordStore>(std::make_unique<storage::SqliteRecordStore>(std::move(db)));
  } catch (const StorageError& e) {
    return fail(std::string("cannot open ") + path + ": " + e.what());
  }
}

}  // namespace storage

}  // namespace alsmeds
