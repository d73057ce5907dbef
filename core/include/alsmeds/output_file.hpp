#pragma once
// Files that hold patient data (exports, reports, backups): never the open database, private (0600),
// created exclusively and written whole or not at all. One place for both front ends (docs/cli.md, "Common
// rules").
#include <string>
#include <string_view>

#include "alsmeds/result.hpp"

namespace alsmeds {

/// Refuses a target that is the database file or one of SQLite's files beside it (`-wal`, `-shm`,
/// `-journal`, whether or not they exist now), by name or through a hard or symbolic link; the message names
/// the target as given. Only stat()/lstat(): a descriptor opened and closed on the database file would drop
/// every POSIX lock this process holds on it. An empty `database_path` or a server URI compares with nothing.
Result<bool> check_output_target(const std::string& target, const std::string& database_path);

/// Why a file was not written: a target the person can change (missing folder, a folder, permission denied,
/// the database: exit 2 in the CLI) or the machine failed (full disk, quota, I/O error: exit 1).
enum class WriteFailure { none, bad_target, io };

struct [[nodiscard]] WriteResult {
  WriteFailure failure = WriteFailure::none;
  std::string message;  // empty when written; else why not, naming the target
  bool ok() const { return failure == WriteFailure::none; }
  explicit operator bool() const { return ok(); }
};

/// Writes `bytes` to `target` after check_output_target: a temporary file created exclusively (mkstemp) in
/// the target's folder with mode 0600 whatever the umask, written in full, synced, renamed over the target,
/// then the folder synced. On failure the temporary file is removed and an existing target is left as it was.
/// A symbolic link at `target` is replaced, never followed.
WriteResult write_output_file(const std::string& target, std::string_view bytes,
                              const std::string& database_path);

}  // namespace alsmeds
