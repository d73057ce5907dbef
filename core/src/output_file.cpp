// Writing a file with patient data: refuse the open database, then temporary file (mkstemp, 0600), write,
// fsync, rename, fsync the folder.
#include "alsmeds/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace alsmeds {
namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  const fs::path a = fs::absolute(p, ec);
  return (ec ? p : a).lexically_normal();
}

// Symbolic links resolved as far as the path exists, the rest normalised by name.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  const fs::path c = fs::weakly_canonical(p, ec);
  return ec ? absolute_normal(p) : c.lexically_normal();
}

// The names `target` reaches: as written, resolved, and through a chain of symbolic links that may end at a
// name that does not exist yet (a link to the database's -wal written before SQLite creates it).
std::vector<fs::path> names_reached(const std::string& target) {
  std::vector<fs::path> names{absolute_normal(target), resolved(target)};
  fs::path at = names.front();
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    std::error_code ec;
    if (::lstat(at.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) break;
    const fs::path to = fs::read_symlink(at, ec);
    if (ec) break;
    at = absolute_normal(to.is_absolute() ? to : resolved(at.parent_path()) / to);
    names.push_back(at);
    names.push_back(resolved(at));
  }
  return names;
}

struct DatabaseFile {
  fs::path path;
  const char* what;
};

std::vector<DatabaseFile> database_files(const std::string& database_path) {
  static constexpr std::pair<const char*, const char*> kSuffixes[] = {
      {"", "the open database"},
      {"-wal", "the write-ahead log (-wal) of the open database"},
      {"-shm", "the shared-memory index (-shm) of the open database"},
      {"-journal", "the rollback journal (-journal) of the open database"}};
  std::vector<DatabaseFile> files;
  for (const fs::path& base : {absolute_normal(database_path), resolved(database_path)})
    for (const auto& [suffix, what] : kSuffixes) files.push_back({base.string() + suffix, what});
  return files;
}

bool is_server_uri(const std::string& s) {
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

std::string describe(int err) {
  char buffer[256];
  std::string text = ::strerror_r(err, buffer, sizeof buffer);  // GNU: returns the message
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// Errors about the place the person chose (they can pick another) versus failures of the machine.
WriteFailure kind_of(int err) {
  switch (err) {
    case ENOENT:
    case ENOTDIR:
    case EISDIR:
    case EACCES:
    case EPERM:
    case EROFS:
    case ENAMETOOLONG:
    case ELOOP:
    case ENOTEMPTY:
    case EBUSY:
      return WriteFailure::bad_target;
    default:
      return WriteFailure::io;
  }
}

WriteResult failed(int err, const std::string& target, const fs::path& folder) {
  if (err == ENOENT)
    return {WriteFailure::bad_target,
            "cannot write '" + target + "': the folder '" + folder.string() + "' does not exist"};
  if (err == EISDIR) return {WriteFailure::bad_target, "'" + target + "' is a folder; give a file name"};
  const WriteFailure kind = kind_of(err);
  return {kind, "cannot write '" + target + "': " + describe(err) +
                    (kind == WriteFailure::io ? " (nothing was written)" : "")};
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Makes the rename durable. A file system that cannot sync a folder says EINVAL, and a folder we may not read
// cannot be opened: SQLite ignores both too.
int sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return 0;
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  return rc == 0 || err == EINVAL || err == EROFS ? 0 : err;
}

}  // namespace

Result<bool> check_output_target(const std::string& target, const std::string& database_path) {
  if (database_path.empty() || is_server_uri(database_path)) return true;
  const std::vector<DatabaseFile> files = database_files(database_path);
  struct stat entry {};
  const bool is_link = ::lstat(target.c_str(), &entry) == 0 && S_ISLNK(entry.st_mode);
  auto refuse = [&](const DatabaseFile& f, bool through_link) -> Result<bool> {
    return fail("'" + target + "' is " + (through_link ? "a link to " : "") + f.what + " " + database_path +
                "; choose another file name");
  };
  for (const fs::path& name : names_reached(target))
    for (const DatabaseFile& f : files)
      if (name == f.path) return refuse(f, is_link);
  struct stat reached {};
  if (::stat(target.c_str(), &reached) != 0) return true;
  for (const DatabaseFile& f : files) {
    struct stat st {};
    if (::stat(f.path.c_str(), &st) == 0 && st.st_dev == reached.st_dev && st.st_ino == reached.st_ino)
      return refuse(f, true);
  }
  return true;
}

WriteResult write_output_file(const std::string& target, std::string_view bytes,
                              const std::string& database_path) {
  if (target.empty()) return {WriteFailure::bad_target, "give a file name"};
  if (auto allowed = check_output_target(target, database_path); !allowed)
    return {WriteFailure::bad_target, allowed.error()};
  const fs::path path(target);
  const std::string name = path.filename().string();
  struct stat st {};
  if (name.empty() || name == "." || name == ".." ||
      (::lstat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode)))
    return {WriteFailure::bad_target, "'" + target + "' is a folder; give a file name"};
  // What is there now must be a file (or a link, which is replaced): never a device, a pipe or the terminal
  // (/dev/stdout), which a rename would replace with a file of patient data.
  struct stat reached {};
  if (::stat(target.c_str(), &reached) == 0 && !S_ISREG(reached.st_mode))
    return {WriteFailure::bad_target,
            "'" + target + "' is not a regular file (a device, pipe or terminal); give a file name"};
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();

  std::string temporary = (folder / ("." + name.substr(0, 64) + ".tmp-XXXXXX")).string();
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);  // O_CREAT|O_EXCL: never an existing name or link
  if (fd < 0) return failed(errno, target, folder);
  int err = 0;
  if (::fchmod(fd, 0600) != 0 || !write_all(fd, bytes) || ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(temporary.c_str(), target.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(temporary.c_str());
    return failed(err, target, folder);
  }
  if (const int synced = sync_folder(folder); synced != 0)
    return {WriteFailure::io,
            "'" + target + "' was written but its folder could not be synced: " + describe(synced)};
  return {};
}

}  // namespace alsmeds
