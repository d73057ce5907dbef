// The product of a course end to end (issue 12): `due` names each dose by its label (docs/domain.md, written
// out by hand here), and a product word the drug does not have is refused before anything is stored.
#include <catch2/catch.hpp>
#include <string>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::TempDb;

namespace {

std::string start(const TempDb& db, const std::string& name, const std::string& drug,
                  const std::string& form) {
  const std::string p = id_of(db.run({"patient", "add", "--name", name, "--tz", "UTC"}));
  id_of(
      db.run({"therapy", "start", "--patient", p, "--drug", drug, "--form", form, "--start", "2026-01-05"}));
  return p;
}

std::string due_on(const TempDb& db, const std::string& p, const std::string& day) {
  const auto r = db.run({"due", "--patient", p, "--on", day, "--format", "csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("due names a suspension dose and a film dose by their labels") {
  TempDb db;
  // Tiglutik 5 mg/mL: 10 mL (50 mg) every 12 h; Exservan: 1 film (50 mg) every 12 h.
  const std::string suspension = start(db, "Suspension Patient", "riluzole", "suspension");
  const std::string film = start(db, "Film Patient", "riluzole", "film");
  const std::string s = due_on(db, suspension, "2026-01-06");
  CHECK_THAT(s, Catch::Contains("10 mL (50 mg), 1 h before or 2 h after a meal"));
  CHECK_THAT(s, !Catch::Contains("tablet"));
  const std::string f = due_on(db, film, "2026-01-06");
  CHECK_THAT(f, Catch::Contains("1 film (50 mg), 1 h before or 2 h after a meal"));
  CHECK_THAT(f, !Catch::Contains("mL"));
}

TEST_CASE("due names an oral edaravone dose 105 mg / 5 mL and an infusion 60 mg over 60 min") {
  TempDb db;
  const std::string oral = start(db, "Oral Patient", "edaravone", "oral");
  const std::string iv = start(db, "IV Patient", "edaravone", "iv");
  CHECK_THAT(due_on(db, oral, "2026-01-05"), Catch::Contains("oral 105 mg / 5 mL after an overnight fast"));
  CHECK_THAT(due_on(db, iv, "2026-01-05"), Catch::Contains("IV 60 mg over 60 min, cycle 1 day 1"));
}

TEST_CASE(
    "therapy start: a product word the drug does not have is refused, naming it, and nothing is stored") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "Form Patient", "--tz", "UTC"}));
  const auto gel = db.run(
      {"therapy", "start", "--patient", p, "--drug", "riluzole", "--form", "gel", "--start", "2026-01-05"});
  CHECK(gel.exit_code == 2);
  CHECK(gel.err == "error: --form: 'gel' is not a riluzole product (tablet, suspension or film)\n");
  const auto other = db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--form", "tablet",
                             "--start", "2026-01-05"});
  CHECK(other.exit_code == 2);
  CHECK(other.err == "error: --form: 'tablet' is not an edaravone form (iv or oral)\n");
  // Nothing stored: no dose is due, and a course of each drug can still start on that day.
  CHECK_THAT(due_on(db, p, "2026-01-06"), !Catch::Contains("riluzole") && !Catch::Contains("edaravone"));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-01-05"}));
}
