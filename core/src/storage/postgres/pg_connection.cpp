#include "pg_connection.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>

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

std::string first_line(const char* message) {
  std::string s = message ? message : "";
  if (const auto newline = s.find('\n'); newline != std::string::npos) s.resize(newline);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

void PgConnection::connect() {
  if (conn_) PQfinish(conn_);
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
  PGresult* r = params.empty() ? PQexec(conn_, sql.c_str())
                               : PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                              values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(r);
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
