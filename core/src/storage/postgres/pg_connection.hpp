#pragma once
// A thin RAII layer over libpq in the style of sqlite_db.hpp: a connection, results, a transaction that rolls
// back unless committed, and one error type that keeps the server's SQLSTATE and constraint name. PGconn*
// never leaves core/src/storage/postgres.
#include <libpq-fe.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../server_error.hpp"

namespace alsmeds::storage {

/// A statement parameter: text in PostgreSQL's input format, or NULL.
using PgParam = std::optional<std::string>;
inline PgParam pg(std::int64_t v) {
  return std::to_string(v);
}
inline PgParam pg(int v) {
  return std::to_string(v);
}
inline PgParam pg(bool v) {
  return std::string(v ? "t" : "f");
}
PgParam pg(double v);
inline PgParam pg(const std::string& v) {
  return v;
}
inline PgParam pg(const char* v) {
  return std::string(v);
}
template <typename T>
PgParam pg(const std::optional<T>& v) {
  return v ? pg(*v) : std::nullopt;
}

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PgResult& operator=(PgResult&&) = delete;

  int rows() const { return PQntuples(r_); }
  std::string command() const { return PQcmdStatus(r_); }
  bool is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  std::string text(int row, int col) const { return PQgetvalue(r_, row, col); }
  std::int64_t integer(int row, int col) const;
  double real(int row, int col) const;
  bool boolean(int row, int col) const { return PQgetvalue(r_, row, col)[0] == 't'; }
  std::optional<std::int64_t> optional_integer(int row, int col) const {
    return is_null(row, col) ? std::nullopt : std::optional<std::int64_t>(integer(row, col));
  }

 private:
  PGresult* r_;
};

/// One row of a COPY ... (FORMAT binary), read with PgResult's accessors: its fields as the server sent
/// them (PostgreSQL's binary send format), valid during the call that hands it over. A field read as a type
/// it is not (a number of another size) throws PgError: the statement and the schema disagree.
class PgCopyRow {
 public:
  static constexpr int kMaxFields = 32;
  int fields() const { return fields_; }
  bool is_null(int col) const { return length_[col] < 0; }
  /// smallint, integer or bigint.
  std::int64_t integer(int col) const;
  /// double precision.
  double real(int col) const;
  /// text ("" for NULL).
  std::string_view text_view(int col) const {
    return is_null(col) ? std::string_view{}
                        : std::string_view(at_[col], static_cast<std::size_t>(length_[col]));
  }
  std::string text(int col) const { return std::string(text_view(col)); }

 private:
  friend class PgCopyReader;
  int fields_ = 0;
  std::array<const char*, kMaxFields> at_{};
  std::array<int, kMaxFields> length_{};
};

/// Reads a binary COPY stream (PostgreSQL's documentation, "COPY", Binary Format: a signature, flags and a
/// header extension, then each row as a 16-bit field count and each field as a 32-bit length, -1 for NULL,
/// and its bytes, then a count of -1) fed in pieces as PQgetCopyData hands them out (a row each, as the
/// server sends them; a row split over pieces is joined first). Anything else throws PgError.
class PgCopyReader {
 public:
  using RowHandler = std::function<void(const PgCopyRow&)>;
  void feed(const char* data, std::size_t size, const RowHandler& row);
  /// Throws unless the stream ended with its last row.
  void finish() const;

 private:
  std::size_t parse(const char* data, std::size_t size, const RowHandler& row);
  bool header_read_ = false;
  bool ended_ = false;
  std::string pending_;
  PgCopyRow row_;
};

/// Writes PostgreSQL's binary COPY format (the reverse of PgCopyReader): header(), then each row as
/// row(fields) and its fields, then trailer(). Text goes as its bytes, unescaped.
class PgCopyWriter {
 public:
  explicit PgCopyWriter(std::string& out) : out_(out) {}
  void header();
  void row(int fields) { be(static_cast<std::uint64_t>(fields), 2); }
  void null() { be(0xFFFFFFFFu, 4); }
  void bigint(std::int64_t v) {
    be(8, 4);
    be(static_cast<std::uint64_t>(v), 8);
  }
  void integer(std::int32_t v) {
    be(4, 4);
    be(static_cast<std::uint32_t>(v), 4);
  }
  void real(double v);
  void boolean(bool v) {
    be(1, 4);
    out_.push_back(v ? '\1' : '\0');
  }
  void text(std::string_view v);
  void trailer() { be(0xFFFF, 2); }

 private:
  void be(std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  std::string& out_;
};

class PgConnection {
 public:
  /// Connects (the conninfo carries its connect_timeout); throws PgError when the server cannot be reached.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PgResult exec(const std::string& sql, const std::vector<PgParam>& params = {});
  /// Runs COPY (`select`) TO STDOUT (FORMAT binary) and hands each row to `row` as it arrives: the rows are
  /// decoded while the server still sends, and libpq builds no result of them all (for the cohort reads, a
  /// third of the client's time of a PQexec of the same rows). COPY takes no parameters: `select` must hold
  /// its values itself (numbers only, never text from outside).
  void copy_rows(const std::string& select, const std::function<void(const PgCopyRow&)>& row);
  /// Runs `copy` (COPY table (columns) FROM STDIN (FORMAT binary)) and sends the stream `fill` writes, piece
  /// by piece: `fill` appends the next rows to the buffer it is given (PgCopyWriter) and returns false after
  /// the last. The server checks every row as an INSERT's (constraints, triggers); returns the rows it took.
  /// When `fill` throws, the COPY is abandoned (the server refuses it) and the exception passes on.
  std::int64_t copy_in(const std::string& copy, const std::function<bool(std::string&)>& fill);
  /// Connects again after a lost connection (same conninfo); throws PgError when it cannot.
  void reconnect();
  bool alive() const { return PQstatus(conn_) == CONNECTION_OK; }
  /// Reads what the server sent meanwhile; returns the notifications received from other connections (0 when
  /// none; this connection's own writes are not counted) or -1 when the connection is gone.
  int take_notifications();
  /// How many times it has connected (1 after the first connect): a new connection did not hear what was
  /// announced before it listened.
  int connects() const { return connects_; }
  std::string user() const { return conn_ ? PQuser(conn_) : ""; }
  const std::string& conninfo() const { return conninfo_; }
  std::string database() const { return conn_ ? PQdb(conn_) : ""; }

 private:
  void connect();
  int connects_ = 0;
  /// Throws the PgError that a failed result (or a null one: the connection) stands for; clears `r`.
  [[noreturn]] void fail(PGresult* r);
  std::string conninfo_;
  PGconn* conn_ = nullptr;
  /// The statements with parameters this connection prepared (SQL -> name): parsed and planned once per
  /// connection, not at every write (a connection's statements are the program's fixed texts).
  std::unordered_map<std::string, std::string> prepared_;
};

/// BEGIN ... COMMIT; rolls back unless committed. commit() returns once the server has made the transaction
/// durable (synchronous_commit on).
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& db, const char* begin = "BEGIN");
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();

 private:
  PgConnection& db_;
  bool open_ = true;
};

}  // namespace alsmeds::storage
