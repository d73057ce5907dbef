#pragma once
// What a clinic server's failure is, known to every program (core reads it to explain a failure in words and
// to tell a lost connection apart) while the code that talks to the server lives in the module loaded for a
// postgresql:// URI (server_module.hpp). Header only: no libpq here.
#include <stdexcept>
#include <string>
#include <utility>

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

}  // namespace alsmeds::storage
