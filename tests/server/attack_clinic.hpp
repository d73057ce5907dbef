#pragma once
// The attack tests' clinic (attack_test.cpp, tofersen_attack_test.cpp): one password cluster for the whole
// program on 127.0.0.1 (a free port, beside the trust socket the administrator uses), and a clinic on a fresh
// database with a login of each role, reached the way psql would.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "server_test_support.hpp"

namespace alsmeds::test {

inline int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(s);
  return ntohs(a.sin_port);
}

struct PasswordCluster {
  std::string dir = "/tmp/alsmeds-pg-attack-" + std::to_string(::getpid());
  int port = free_port();
  PasswordCluster() {
    const std::string cmd =
        std::string(ALSMEDS_PG_CLUSTER_SCRIPT) + " start-tcp " + dir + " " + std::to_string(port);
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("cannot start the attack tests' cluster");
  }
  ~PasswordCluster() { (void)std::system((std::string(ALSMEDS_PG_CLUSTER_SCRIPT) + " stop " + dir).c_str()); }
  std::string admin(const std::string& db) const {
    return "postgresql://postgres@/" + db + "?host=" + dir + "&port=" + std::to_string(port);
  }
  std::string login(const std::string& user, const std::string& db) const {
    return "postgresql://" + user + ":pw-" + user + "@127.0.0.1:" + std::to_string(port) + "/" + db;
  }
};

inline PasswordCluster& cluster() {
  static PasswordCluster c;  // one for the whole program; stopped when it exits
  return c;
}

// A clinic on a fresh database: Ann (whose login is the patient's) and Bob, each with a riluzole course; Bob
// with a dose, an ALT and a weight; Ann with an IV edaravone course booked in chair 1 at 09:00 on 2026-03-02.
struct Clinic {
  std::string db;
  std::string admin, nurse, pharmacist, patient;
  long ann = 0, bob = 0, bob_dose = 0, bob_weight = 0;

  Clinic() {
    static int n = 0;
    db = "attack" + std::to_string(::getpid()) + "_" + std::to_string(++n);
    REQUIRE(sql_as(cluster().admin("postgres"), "CREATE DATABASE " + db).ok);
    admin = cluster().admin(db);
    REQUIRE(cli_on(admin, {"server", "init"}).exit_code == 0);
    ann = printed_id(
        cli_on(admin, {"patient", "add", "--name", "Ann", "--tz", "Europe/Paris", "--mrn", "A-1"}));
    bob = printed_id(
        cli_on(admin, {"patient", "add", "--name", "Bob", "--tz", "Europe/Paris", "--mrn", "B-1"}));
    REQUIRE(ann > 0);
    REQUIRE(bob > 0);
    for (const char* mrn : {"A-1", "B-1"})
      REQUIRE(
          cli_on(admin, {"therapy", "start", "--patient", mrn, "--drug", "riluzole", "--start", "2026-03-01"})
              .exit_code == 0);
    REQUIRE(cli_on(admin, {"therapy", "start", "--patient", "A-1", "--drug", "edaravone", "--form", "iv",
                           "--start", "2026-03-02"})
                .exit_code == 0);
    bob_dose = printed_id(
        cli_on(admin, {"log", "dose", "--patient", "B-1", "--drug", "riluzole", "--at", "2026-03-02T08:00"}));
    bob_weight =
        printed_id(cli_on(admin, {"log", "weight", "--patient", "B-1", "--kg", "71", "--at", "2026-03-02"}));
    REQUIRE(bob_dose > 0);
    REQUIRE(bob_weight > 0);
    REQUIRE(cli_on(admin, {"board", "book", "--patient", "A-1", "--day", "2026-03-02", "--chair", "1", "--at",
                           "09:00"})
                .exit_code == 0);
    const std::string suffix = std::to_string(::getpid()) + "_" + std::to_string(n);
    nurse = "nurse_" + suffix;
    pharmacist = "pharm_" + suffix;
    patient = "pat_" + suffix;
    REQUIRE(cli_on(admin, {"server", "add-user", nurse, "--role", "nurse"}).exit_code == 0);
    REQUIRE(cli_on(admin, {"server", "add-user", pharmacist, "--role", "pharmacist"}).exit_code == 0);
    REQUIRE(
        cli_on(admin, {"server", "add-user", patient, "--role", "patient", "--patient", "A-1"}).exit_code ==
        0);
    for (const std::string& l : {nurse, pharmacist, patient})
      REQUIRE(sql_as(admin, "ALTER ROLE " + l + " PASSWORD 'pw-" + l + "'").ok);
  }
  std::string as(const std::string& login) const { return cluster().login(login, db); }
  // A statement in one session: what psql -c would run.
  SqlAnswer run(const std::string& login, const std::string& sql) const { return sql_as(as(login), sql); }
  std::string count(const std::string& sql) const { return sql_as(admin, sql).value; }
  std::string ids() const { return std::to_string(ann) + ", " + std::to_string(bob); }
};

// A dose row of Ann's as the patient's client would write it, with `extra` columns and values.
inline std::string ann_dose(const Clinic& c, const std::string& columns = "",
                            const std::string& values = "") {
  return "INSERT INTO log_entries (patient_id, kind, at, drug, status, recorded_by, recorded_at" + columns +
         ") VALUES (" + std::to_string(c.ann) +
         ", 'dose', extract(epoch from now())::bigint - 3600, 'riluzole', 'taken', 'ann', "
         "extract(epoch from now())::bigint" +
         values + ")";
}

}  // namespace alsmeds::test
