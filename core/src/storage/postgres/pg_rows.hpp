#pragma once
// The clinic server's side of the rows: a result's row read as a SqlRow (record_rows.hpp maps it), and the
// parameters of a patient's and a log record's inserts.
#include <cstdint>
#include <vector>

#include "../record_rows.hpp"
#include "../sql_reads.hpp"
#include "alsmeds/records/records.hpp"
#include "pg_connection.hpp"

namespace alsmeds::storage {

/// A row of a clinic server's result as record_rows.hpp and sql_reads.hpp read it.
class PgRow final : public SqlRow {
 public:
  PgRow(const PgResult& r, int row) : r_(r), row_(row) {}
  bool is_null(int col) const override { return r_.is_null(row_, col); }
  std::int64_t integer(int col) const override { return r_.integer(row_, col); }
  double real(int col) const override { return is_null(col) ? 0 : r_.real(row_, col); }
  std::string text(int col) const override { return r_.text(row_, col); }
  bool flag(int col) const override { return r_.boolean(row_, col); }

 private:
  const PgResult& r_;
  int row_;
};

/// A SqlArg as a parameter of the clinic server's statements.
PgParam pg(const SqlArg& arg);

/// SqlArgs as parameters.
std::vector<PgParam> pg(std::span<const SqlArg> args);

}  // namespace alsmeds::storage
