// End-to-end: text from outside (options, CSV files) is UTF-8 or refused; what goes to a terminal cannot act
// on it; what goes to a spreadsheet cannot run there. The stored text stays exact.
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::run_cli;
using alsmeds::test::TempDb;

namespace {

bool has_control(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) return true;
  }
  return false;
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("import: a name that is not UTF-8 refuses the whole file, naming line and column") {
  TempDb db;
  const std::string csv = db.write("p.csv",
                                   "mrn,name,tz\nM-1,Ana Souza,America/Sao_Paulo\nM-2,Bad \xFF name,UTC\n"
                                   "M-3,Zo\xC3\xAB,Europe/Paris\n");
  const auto r = db.run({"import", "patients", csv});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: " + csv + ": line 3, column name: invalid UTF-8 at byte 5 (0xff)\n");
  CHECK(db.run({"patient", "list", "--format", "csv"}).out_lines().size() == 1u);  // the header only

  // The cohort's documents and the FHIR export then work for everyone imported.
  const std::string good =
      db.write("good.csv", "mrn,name,tz\nM-1,Ana Souza,UTC\nM-3,Zo\xC3\xAB,Europe/Paris\n");
  REQUIRE(db.run({"import", "patients", good}).exit_code == 0);
  id_of(db.run({"therapy", "start", "--patient", "M-3", "--drug", "riluzole", "--start", "2026-03-01"}));
  const std::vector<std::string> period{"--from", "2026-03-01", "--to", "2026-03-31"};
  for (const char* format : {"html", "pdf"}) {
    std::vector<std::string> args{"report",
                                  "adherence",
                                  "--all",
                                  "--format",
                                  format,
                                  "--out",
                                  (db.dir / (std::string("r.") + format)).string()};
    args.insert(args.end(), period.begin(), period.end());
    CHECK(db.run(args).exit_code == 0);
  }
  const std::string fhir = (db.dir / "b.json").string();
  REQUIRE(db.run({"export", "fhir", "--patient", "M-3", "--out", fhir}).exit_code == 0);
  CHECK(file_text(fhir).find("Zo\xC3\xAB") != std::string::npos);
}

TEST_CASE("import: a file that starts with a byte-order mark is read like one without") {
  TempDb db;
  const std::string csv =
      db.write("bom.csv", "\xEF\xBB\xBFmrn,name,tz\r\nM-1,Ana Souza,America/Sao_Paulo\r\n");
  const auto r = db.run({"import", "patients", csv});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "imported 1 patients\n");
  CHECK(db.run({"patient", "list", "--format", "csv"}).out_lines().at(1) ==
        "1,M-1,Ana Souza,America/Sao_Paulo,,");
}

TEST_CASE("Options that are not UTF-8 text are refused with exit 2, naming the option and the byte") {
  TempDb db;
  const auto bad_name = db.run({"patient", "add", "--name", "\xFF", "--tz", "UTC"});
  CHECK(bad_name.exit_code == 2);
  CHECK(bad_name.err == "error: --name: invalid UTF-8 at byte 1 (0xff)\n");
  const auto overlong = db.run({"patient", "add", "--name", "Ana", "--tz", "UTC", "--mrn", "M\xC0\xAF"});
  CHECK(overlong.exit_code == 2);
  CHECK(overlong.err == "error: --mrn: invalid UTF-8 at byte 2 (0xc0)\n");

  const std::string p = id_of(db.run({"patient", "add", "--name", "Ana", "--tz", "UTC", "--mrn", "M-1"}));
  const auto term = db.run({"log", "effect", "--patient", p, "--term", "rash \xED\xA0\x80", "--grade", "1",
                            "--at", "2026-03-08T08:00"});
  CHECK(term.err == "error: --term: invalid UTF-8 at byte 6 (0xed)\n");
  const auto note = db.run({"log", "effect", "--patient", p, "--term", "rash", "--grade", "1", "--at",
                            "2026-03-08T08:00", "--note", "x\xF4\x90\x80\x80"});
  CHECK(note.err == "error: --note: invalid UTF-8 at byte 2 (0xf4)\n");
  const auto by =
      run_cli({"--db", db.path, "--by", "kim\xE2\x82", "patient", "add", "--name", "B", "--tz", "UTC"});
  CHECK(by.exit_code == 2);
  CHECK(by.err == "error: --by: invalid UTF-8 at byte 4 (0xe2)\n");
  CHECK(db.run({"patient", "list", "--format", "csv"}).out_lines().size() == 2u);  // only Ana
  CHECK(db.run({"history", "--patient", p, "--format", "csv"}).out_lines().size() == 1u);
}

TEST_CASE("Tables show control characters escaped, CSV and JSON keep the stored text exact") {
  TempDb db;
  const std::string name = "\x1B[2JEve\rMallory";
  const std::string p = id_of(db.run({"patient", "add", "--name", name, "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"log", "effect", "--patient", p, "--term", "\x1B]52;c;ZWNobw==\x07", "--grade", "1", "--at",
                "2026-03-08T08:00", "--note",
                "ok\xC2\x9B"
                "2J"}));
  // Who records is a name without control characters: refused, and the error line does not carry the escape.
  const auto by = run_cli({"--db", db.path, "--by", "nurse\x1B[31m", "log", "effect", "--patient", p, "--term",
                           "rash", "--grade", "1", "--at", "2026-03-09T08:00"});
  CHECK(by.exit_code == 2);
  CHECK_FALSE(has_control(by.err));

  const auto list = db.run({"patient", "list", "--format", "table"});
  CHECK_FALSE(has_control(list.out));
  CHECK_THAT(list.out, Catch::Contains("\\e[2JEve\\rMallory"));
  const auto history = db.run({"history", "--patient", p, "--format", "table"});
  CHECK_FALSE(has_control(history.out));
  CHECK_THAT(history.out, Catch::Contains("\\e]52;c;ZWNobw==\\x07, grade 1; ok\\u009b2J"));
  CHECK_THAT(history.out, Catch::Contains("(\\e[2JEve\\rMallory)"));  // the title
  const auto audit = db.run({"audit", "--format", "table"});
  CHECK_FALSE(has_control(audit.out));
  CHECK_THAT(audit.out, Catch::Contains("\\e[2JEve\\rMallory (UTC) MRN M-1"));

  const auto json = nlohmann::json::parse(db.run({"patient", "list", "--format", "json"}).out);
  CHECK(json[0]["name"] == name);
  CHECK_THAT(db.run({"history", "--patient", p, "--format", "csv"}).out,
             Catch::Contains("\x1B]52;c;ZWNobw==\x07, grade 1; ok\xC2\x9B"
                             "2J"));

  // An error line that quotes what was typed does not carry the escape to the terminal either.
  const auto unknown = db.run({"history", "--patient", "\x1B[2J"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "error: --patient: '\\e[2J' is neither a patient id nor an MRN in this database\n");
}

TEST_CASE("CSV for people neutralises cells that begin like a spreadsheet formula") {
  TempDb db;
  const std::string formula = "=cmd|'/C calc'!A0";
  const std::string p1 =
      id_of(db.run({"patient", "add", "--name", formula, "--tz", "UTC", "--mrn", formula}));
  const std::string p2 = id_of(db.run({"patient", "add", "--name", "-Eve", "--tz", "UTC", "--mrn", "@M2"}));
  for (const std::string& p : {p1, p2})
    id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));

  const auto list = db.run({"patient", "list", "--format", "csv"}).out_lines();
  REQUIRE(list.size() == 3u);
  CHECK(list[1] == "1,'" + formula + ",'" + formula + ",UTC,,");
  CHECK(list[2] == "2,'@M2,'-Eve,UTC,,");

  const auto report = db.run(
      {"report", "adherence", "--all", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "csv"});
  REQUIRE(report.exit_code == 0);
  CHECK_THAT(report.out, Catch::Contains("\n1,'" + formula + ",riluzole,"));
  CHECK_THAT(report.out, Catch::Contains("\n2,'@M2,riluzole,"));
  const std::string out = (db.dir / "r.csv").string();
  REQUIRE(db.run({"report", "adherence", "--all", "--from", "2026-03-01", "--to", "2026-03-31", "--format",
                  "csv", "--out", out})
              .exit_code == 0);
  CHECK_THAT(file_text(out), Catch::Contains("\n1,'" + formula + ",riluzole,"));

  id_of(db.run(
      {"dispense", "--patient", p1, "--drug", "riluzole", "--date", "2026-03-01", "--days-supply", "30"}));
  const auto cma = db.run({"report", "cma", "--from", "2026-03-01", "--days", "30"});
  CHECK_THAT(cma.out, Catch::Contains("\n1,'" + formula + ",riluzole,"));

  // JSON is for programs: exact.
  const auto json = nlohmann::json::parse(db.run({"patient", "list", "--format", "json"}).out);
  CHECK(json[0]["name"] == formula);
  CHECK(json[1]["name"] == "-Eve");
}
