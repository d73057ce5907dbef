#include "pg_connection.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace alsmeds::storage {

PgParam pg(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return std::string(buf);
}

std::int64_t PgResult::integer(int row, int col) const {
  const char* s = PQgetvalue(r_, row, col);
  std::int64_t v = 0;
  std::from_chars(s, s + PQgetlength(r_, row, col), v);
  return v;
}

double PgResult::real(int row, int col) const {
  return std::strtod(PQgetvalue(r_, row, col), nullptr);
}

PgConnection::PgConnection(const std::string& conninfo) : conninfo_(conninfo) {
  connect();
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

namespace {

// Statements with parameters prepared per connection, at most (any more run unprepared).
constexpr std::size_t kMostPrepared = 200;

std::string first_line(const char* message) {
  std::string s = message ? message : "";
  if (const auto newline = s.find('\n'); newline != std::string::npos) s.resize(newline);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

void PgConnection::connect() {
  if (conn_) PQfinish(conn_);
  prepared_.clear();  // a new session has none
  // Started without waiting so that the server's notices are never printed by libpq, not even those that
  // arrive while connecting ("terminating connection due to ..."): failures reach the user once, as the
  // command's error. The wait is bounded by the connection string's connect_timeout, as PQconnectdb's is.
  conn_ = PQconnectStart(conninfo_.c_str());
  if (conn_ == nullptr) throw PgError("cannot reach the clinic server: out of memory", "08001", "", true);
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  int timeout_s = 0;
  if (PQconninfoOption* options = PQconninfo(conn_)) {
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o)
      if (std::string(o->keyword) == "connect_timeout" && o->val != nullptr) timeout_s = std::atoi(o->val);
    PQconninfoFree(options);
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s > 0 ? timeout_s : 3600);
  PostgresPollingStatusType state = PGRES_POLLING_WRITING;
  while (PQstatus(conn_) != CONNECTION_BAD && state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
            .count();
    if (left <= 0) {
      PQfinish(conn_);
      conn_ = nullptr;
      throw PgError("cannot reach the clinic server: no answer within " + std::to_string(timeout_s) + " s",
                    "08001", "", true);
    }
    pollfd p{PQsocket(conn_), static_cast<short>(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    if (::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000))) < 0 && errno != EINTR) break;
    state = PQconnectPoll(conn_);
  }
  if (PQstatus(conn_) != CONNECTION_OK) {
    // Closed here: a constructor that throws runs no destructor (LeakSanitizer saw every failed connect).
    const std::string why = first_line(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("cannot reach the clinic server: " + why, "08001", "", true);
  }
  // Clinical writes: acknowledged only once durable on the server. Notices below warnings are not sent.
  PQclear(PQexec(conn_,
                 "SET synchronous_commit = on; SET client_min_messages = warning; LISTEN alsmeds_changes"));
  ++connects_;
}

void PgConnection::reconnect() {
  connect();
}

PgResult PgConnection::exec(const std::string& sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* r = nullptr;
  if (params.empty()) {
    r = PQexec(conn_, sql.c_str());
  } else if (auto known = prepared_.find(sql); known != prepared_.end()) {
    r = PQexecPrepared(conn_, known->second.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                       nullptr, 0);
  } else if (prepared_.size() < kMostPrepared) {
    const std::string name = "alsmeds_" + std::to_string(prepared_.size() + 1);
    PGresult* made = PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr);
    if (!made || PQresultStatus(made) != PGRES_COMMAND_OK) fail(made);
    PQclear(made);
    prepared_.emplace(sql, name);
    r = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr,
                       0);
  } else {
    r = PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                     nullptr, 0);
  }
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(r);
  fail(r);
}

void PgConnection::fail(PGresult* r) {
  bool lost = PQstatus(conn_) != CONNECTION_OK || r == nullptr;
  std::string state, constraint, message;
  if (r) {
    const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char* c = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
    const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    state = s ? s : "";
    constraint = c ? c : "";
    message = m ? m : "";
  }
  if (message.empty()) message = first_line(PQerrorMessage(conn_));
  PQclear(r);
  // An error libpq made itself (no SQLSTATE: "server closed the connection unexpectedly", seen with the
  // status still CONNECTION_OK when a stopped server's socket fails on sending), or the server ending the
  // session (57P01 administrator command, 57P02 crash, 57P03 cannot connect now): the connection is gone.
  if (state.empty() || state.rfind("57P0", 0) == 0) lost = true;
  if (lost) {
    if (state.empty() || state.rfind("08", 0) != 0) state = "08006";
    throw PgError("lost the connection to the clinic server (" + message + ")", state, constraint, true);
  }
  if (state == "42501" || state == "42P01")  // insufficient privilege (row security), or a table not shown
    throw PgError("the clinic server refused this for your login (" + message + ")", state, constraint,
                  false);
  throw PgError(message, state, constraint, false);
}

namespace {

std::int32_t big_endian_32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return static_cast<std::int32_t>(v);
}

PgError malformed_copy(const std::string& why) {
  return PgError("the clinic server sent rows this program cannot read (" + why + ")", "XX000", "", false);
}

}  // namespace

std::int64_t PgCopyRow::integer(int col) const {
  const int size = length_[col];
  if (size != 2 && size != 4 && size != 8)
    throw malformed_copy("field " + std::to_string(col) + " is not a number: " + std::to_string(size) +
                         " bytes");
  std::uint64_t v = 0;
  for (int i = 0; i < size; ++i) v = (v << 8) | static_cast<unsigned char>(at_[col][i]);
  const int unused = 64 - 8 * size;  // sign-extended from its size
  return static_cast<std::int64_t>(v << unused) >> unused;
}

double PgCopyRow::real(int col) const {
  if (length_[col] != 8)
    throw malformed_copy("field " + std::to_string(col) + " is not a double precision number");
  std::uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<unsigned char>(at_[col][i]);
  double v = 0;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

void PgCopyReader::feed(const char* data, std::size_t size, const RowHandler& row) {
  if (!pending_.empty()) {  // a row split over pieces: joined first
    pending_.append(data, size);
    const std::size_t used = parse(pending_.data(), pending_.size(), row);
    pending_.erase(0, used);
    return;
  }
  const std::size_t used = parse(data, size, row);
  pending_.assign(data + used, size - used);
}

void PgCopyReader::finish() const {
  if (!ended_ || !pending_.empty()) throw malformed_copy("the rows ended early");
}

std::size_t PgCopyReader::parse(const char* data, std::size_t size, const RowHandler& row) {
  std::size_t at = 0;
  if (!header_read_) {
    static constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // with its final zero byte: 11 bytes
    if (size < 19) return 0;
    if (std::memcmp(data, kSignature, 11) != 0) throw malformed_copy("no COPY signature");
    if ((big_endian_32(data + 11) & 0x10000) != 0) throw malformed_copy("row identifiers included");
    const std::int32_t extension = big_endian_32(data + 15);
    if (extension < 0) throw malformed_copy("a header of negative length");
    if (size < 19 + static_cast<std::size_t>(extension)) return 0;
    at = 19 + static_cast<std::size_t>(extension);
    header_read_ = true;
  }
  while (at + 2 <= size) {
    if (ended_) throw malformed_copy("data after the last row");
    const auto count = static_cast<std::int16_t>((static_cast<unsigned char>(data[at]) << 8) |
                                                 static_cast<unsigned char>(data[at + 1]));
    if (count == -1) {
      ended_ = true;
      at += 2;
      continue;
    }
    if (count < 0 || count > PgCopyRow::kMaxFields)
      throw malformed_copy("a row of " + std::to_string(count) + " fields");
    std::size_t p = at + 2;
    row_.fields_ = count;
    for (int f = 0; f < count; ++f) {
      if (p + 4 > size) return at;  // the rest of the row comes in the next piece
      const std::int32_t length = big_endian_32(data + p);
      p += 4;
      if (length < -1) throw malformed_copy("a field of negative length");
      if (length > 0 && static_cast<std::size_t>(length) > size - p) return at;
      row_.at_[f] = data + p;
      row_.length_[f] = length;
      if (length > 0) p += static_cast<std::size_t>(length);
    }
    row(row_);
    at = p;
  }
  return at;
}

void PgConnection::copy_rows(const std::string& select, const std::function<void(const PgCopyRow&)>& row) {
  PGresult* start = PQexec(conn_, ("COPY (" + select + ") TO STDOUT (FORMAT binary)").c_str());
  if (!start || PQresultStatus(start) != PGRES_COPY_OUT) fail(start);
  PQclear(start);
  PgCopyReader reader;
  std::string failure;
  bool failed = false;
  char* piece = nullptr;
  int size = 0;
  while ((size = PQgetCopyData(conn_, &piece, 0)) > 0) {
    if (!failed) {
      try {
        reader.feed(piece, static_cast<std::size_t>(size), row);
      } catch (const std::exception& e) {  // the rest is read and dropped: the connection stays usable
        failed = true;
        failure = e.what();
      }
    }
    PQfreemem(piece);
  }
  // -1: the rows are done, the command's result follows; -2: an error (a lost connection, or the server's).
  PGresult* end = PQgetResult(conn_);
  const bool ok = end && PQresultStatus(end) == PGRES_COMMAND_OK;
  if (!ok) fail(end);
  PQclear(end);
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
  if (failed) throw PgError(failure, "XX000", "", false);
  reader.finish();
}

void PgCopyWriter::header() {
  static constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // 11 bytes with its NUL
  out_.append(kSignature, 11);
  be(0, 4);  // flags: no OIDs
  be(0, 4);  // no header extension
}

void PgCopyWriter::real(double v) {
  std::uint64_t bits = 0;
  static_assert(sizeof bits == sizeof v);
  std::memcpy(&bits, &v, sizeof v);
  be(8, 4);
  be(bits, 8);
}

void PgCopyWriter::text(std::string_view v) {
  if (v.size() > 0x7FFFFFFF) throw PgError("a text too long for the clinic server", "54000", "", false);
  be(v.size(), 4);
  out_.append(v.data(), v.size());
}

std::int64_t PgConnection::copy_in(const std::string& copy, const std::function<bool(std::string&)>& fill) {
  PGresult* start = PQexec(conn_, copy.c_str());
  if (!start || PQresultStatus(start) != PGRES_COPY_IN) fail(start);
  PQclear(start);
  std::string piece;
  try {
    for (bool more = true; more;) {
      piece.clear();
      more = fill(piece);
      if (!piece.empty() && PQputCopyData(conn_, piece.data(), static_cast<int>(piece.size())) != 1) break;
    }
  } catch (...) {  // the server ends the COPY with an error; the connection stays usable
    PQputCopyEnd(conn_, "the import stopped");
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
    throw;
  }
  // After a failed send, PQputCopyEnd fails too, and the result below names what went wrong.
  PQputCopyEnd(conn_, nullptr);
  PGresult* end = PQgetResult(conn_);
  if (!end || PQresultStatus(end) != PGRES_COMMAND_OK) {
    while (PGresult* more = PQgetResult(conn_)) PQclear(more);
    fail(end);
  }
  std::int64_t rows = 0;
  const char* tuples = PQcmdTuples(end);
  std::from_chars(tuples, tuples + std::strlen(tuples), rows);
  PQclear(end);
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
  return rows;
}

int PgConnection::take_notifications() {
  if (PQconsumeInput(conn_) == 0) return -1;
  int n = 0;
  const int own = PQbackendPID(conn_);
  while (PGnotify* note = PQnotifies(conn_)) {
    n += note->be_pid != own;  // the caller knows its own writes already
    PQfreemem(note);
  }
  return n;
}

PgTransaction::PgTransaction(PgConnection& db, const char* begin) : db_(db) {
  db_.exec(begin);
}

PgTransaction::~PgTransaction() {
  if (open_ && db_.alive()) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {  // a failed rollback leaves the server to abort the transaction on disconnect
    }
  }
}

void PgTransaction::commit() {
  const PgResult r = db_.exec("COMMIT");
  open_ = false;
  // COMMIT of a transaction the server aborted answers ROLLBACK, not an error.
  if (r.command() != "COMMIT") throw PgError("the clinic server rolled the write back", "40000", "", false);
}

}  // namespace alsmeds::storage
