#pragma once
// A thin RAII layer over SQLite in the style of SQLiteCpp: a connection, prepared statements, a transaction
// that rolls back unless committed, and one check() that turns result codes into StorageError with
// sqlite3_errmsg. sqlite3* never leaves core/src/storage.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace alsmeds::storage {

class StorageError : public std::runtime_error {
 public:
  StorageError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class Connection {
 public:
  Connection(const std::string& path, int flags);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const char* sql);
  int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* handle() const { return db_; }
  void check(int rc, std::string_view context) const;

 private:
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Connection& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding, 1-based like SQLite.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  /// Binds text without copying it: `value` must stay alive and unchanged until the statement is reset.
  Statement& bind_static(int index, std::string_view value);
  Statement& bind_static_or_null(int index, std::string_view value) {
    return value.empty() ? bind_null(index) : bind_static(index, value);
  }
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  /// Steps once: true while a row is available, false when done.
  bool step();
  /// Steps to completion (INSERT, UPDATE).
  void run();
  void reset();
  /// reset() without clearing the bindings: for loops that bind every parameter again.
  void rebind();

  bool is_null(int column) const;
  int64_t get_int(int column) const;
  double get_double(int column) const;
  std::string get_text(int column) const;
  /// The column's text without a copy; valid until the next step() or reset().
  std::string_view get_text_view(int column) const;
  std::optional<int64_t> get_optional_int(int column) const;
  std::optional<std::string> get_optional_text(int column) const;

 private:
  Connection& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// BEGIN IMMEDIATE on construction (so two writers queue on the busy timeout instead of failing at commit),
/// ROLLBACK on destruction unless commit() ran.
class Transaction {
 public:
  explicit Transaction(Connection& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& db_;
  bool done_ = false;
};

}  // namespace alsmeds::storage
