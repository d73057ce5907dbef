#pragma once
// A thin RAII layer over libpq in the style of sqlite_db.hpp: a connection, results, a transaction that rolls
// back unless committed, and one error type that keeps the server's SQLSTATE and constraint name. PGconn*
// never leaves core/src/storage/postgres.
#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace alsmeds::storage {

class PgError : public std::runtime_error {
 public:
  PgError(const std::string& what, std::string sqlstate, std::string constraint, bool connection_lost)
      : std::runtime_error(what),
        sqlstate_(std::move(sqlstate)),
        constraint_(std::move(constraint)),
        connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& constraint() const { return constraint_; }
  /// The server went away (or the network): whether the last statement took effect is unknown.
  bool connection_lost() const { return connection_lost_; }
  bool unique_violation() const { return sqlstate_ == "23505"; }

 private:
  std::string sqlstate_, constraint_;
  bool connection_lost_;
};

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

class PgConnection {
 public:
  /// Connects (the conninfo carries its connect_timeout); throws PgError when the server cannot be reached.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PgResult exec(const std::string& sql, const std::vector<PgParam>& params = {});
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
  std::string conninfo_;
  PGconn* conn_ = nullptr;
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
