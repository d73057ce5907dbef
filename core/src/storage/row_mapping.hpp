#pragma once
// The single-machine store's side of the rows: SQLite's statement read as a SqlRow, the shared SELECTs run
// on a connection, and the inserts of a patient and a log record (their parameters bound without copies).
#include <cstdint>

#include "alsmeds/records/records.hpp"
#include "record_rows.hpp"
#include "sql_reads.hpp"
#include "sqlite_db.hpp"

namespace alsmeds::storage {

/// A row of a SQLite statement as record_rows.hpp and sql_reads.hpp read it.
class SqliteRow final : public SqlRow {
 public:
  explicit SqliteRow(const Statement& s) : s_(s) {}
  bool is_null(int col) const override { return s_.is_null(col); }
  std::int64_t integer(int col) const override { return s_.get_int(col); }
  double real(int col) const override { return s_.get_double(col); }
  std::string text(int col) const override { return s_.get_text(col); }
  bool flag(int col) const override { return s_.get_int(col) != 0; }
  /// The column's text in place, valid until the next step.
  std::string_view text_view(int col) const { return s_.get_text_view(col); }

 private:
  const Statement& s_;
};

/// Runs the shared SELECTs (sql_reads.hpp) on a SQLite connection.
class SqliteReads final : public SqlReads {
 public:
  explicit SqliteReads(Connection& db) : db_(db) {}
  void each(const std::string& select, const std::vector<SqlArg>& args,
            const std::function<void(const SqlRow&)>& row) override;

 private:
  Connection& db_;
};

/// Binds ?1..?N of `s` to `args` (text without a copy: `args` must outlive the statement's step).
void bind_args(Statement& s, std::span<const SqlArg> args);

}  // namespace alsmeds::storage
