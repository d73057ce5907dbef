#include "sqlite_db.hpp"

#include "alsmeds/storage/record_store.hpp"
#include "audit_chain.hpp"
#include "server_error.hpp"

namespace alsmeds::storage {

Connection::Connection(const std::string& path, int flags) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StorageError("cannot open " + path + ": " + message, rc);
  }
  sqlite3_extended_result_codes(db_, 1);
  register_audit_chain_function(db_);  // the audit trail's chain trigger (schema 9) needs it
}

Connection::~Connection() {
  sqlite3_close(db_);
}

void Connection::check(int rc, std::string_view context) const {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw StorageError(std::string(context) + ": " + sqlite3_errmsg(db_), rc);
}

void Connection::exec(const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw StorageError(text, rc);
  }
}

Statement::Statement(Connection& db, std::string_view sql) : db_(db) {
  db_.check(sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr),
            "prepare");
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
  db_.check(sqlite3_bind_int64(stmt_, index, value), "bind");
  return *this;
}
Statement& Statement::bind(int index, double value) {
  db_.check(sqlite3_bind_double(stmt_, index, value), "bind");
  return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
  db_.check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT),
            "bind");
  return *this;
}
Statement& Statement::bind_static(int index, std::string_view value) {
  db_.check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC),
            "bind");
  return *this;
}
Statement& Statement::bind_null(int index) {
  db_.check(sqlite3_bind_null(stmt_, index), "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.check(rc, "step");
  return false;
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::rebind() {
  sqlite3_reset(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int64_t Statement::get_int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}
double Statement::get_double(int column) const {
  return sqlite3_column_double(stmt_, column);
}
std::string Statement::get_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string();
}
std::string_view Statement::get_text_view(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string_view();
}
std::optional<int64_t> Statement::get_optional_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return get_int(column);
}
std::optional<std::string> Statement::get_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return get_text(column);
}

Transaction::Transaction(Connection& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
  // A file removed or renamed while open: SQLite (WAL mode) would go on writing into the unlinked inode and
  // every such write would be gone once the program ends. Refuse before anything is written.
  int moved = 0;
  if (sqlite3_file_control(db_.handle(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved) {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw StorageError("the database file was removed or renamed since it was opened",
                       SQLITE_READONLY_DBMOVED);
  }
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace alsmeds::storage

namespace alsmeds {

bool is_server_unreachable(const std::exception& e) {
  const auto* failure = dynamic_cast<const storage::PgError*>(&e);
  return failure != nullptr && failure->connection_lost();
}

std::string explain_storage_failure(const std::exception& e) {
  if (dynamic_cast<const storage::PgError*>(&e) != nullptr) return std::string("clinic server: ") + e.what();
  const auto* failure = dynamic_cast<const storage::StorageError*>(&e);
  if (!failure) return e.what();
  const std::string detail = failure->what();
  switch (failure->code() & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "database busy: another program kept it locked for longer than the wait (" + detail + ")";
    case SQLITE_FULL:
      return "disk full: there is no room for the database to grow (" + detail + ")";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "database damaged (" + detail + "); run alsmeds-cli check and restore a backup";
    case SQLITE_READONLY:
      if (failure->code() == SQLITE_READONLY_DBMOVED)
        return "the database file was removed or renamed since it was opened; open it again (" + detail + ")";
      return "the database cannot be written here (" + detail + ")";
    case SQLITE_IOERR:
      if (failure->code() == SQLITE_IOERR_SHORT_READ)
        return "database damaged: a page is missing (" + detail + "); run alsmeds-cli check";
      return "disk error (" + detail + ")";
    case SQLITE_CANTOPEN:
      return "the database file cannot be reached (" + detail + ")";
    default:
      return detail;
  }
}

}  // namespace alsmeds
