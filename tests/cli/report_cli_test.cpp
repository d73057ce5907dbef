// End-to-end: `report cma` and the exports, as a pharmacist's script uses them.
#include <date/date.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <iterator>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::split_csv_line;
using alsmeds::test::TempDb;

namespace {

void dispense(const TempDb& db, const std::string& patient, const std::string& drug, const std::string& day,
              int supply) {
  id_of(db.run({"dispense", "--patient", patient, "--drug", drug, "--date", day, "--days-supply",
                std::to_string(supply)}));
}

}  // namespace

TEST_CASE("report cma: columns, six decimals and NA, values worked on paper") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "C", "--tz", "UTC", "--mrn", "C-1"}));
  const std::string q = id_of(db.run({"patient", "add", "--name", "D", "--tz", "UTC", "--mrn", "D-1"}));
  // Patient C: 1 Jan (45 days), 10 Feb (30), 22 Mar (30) = days 0, 40 and 80 of the follow-up.
  dispense(db, p, "riluzole", "2026-01-01", 45);
  dispense(db, p, "riluzole", "2026-02-10", 30);
  dispense(db, p, "riluzole", "2026-03-22", 30);
  // Patient D: one dispensing, before the observation window: CMA1-CMA6 undefined.
  dispense(db, q, "riluzole", "2026-01-01", 45);

  const auto r = db.run({"report", "cma", "--from", "2026-01-01", "--days", "60", "--lead-in", "30"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 3u);
  CHECK(lines[0] == "patient_id,mrn,drug,CMA1,CMA2,CMA3,CMA4,CMA5,CMA6,CMA7,CMA8,CMA9");
  // Observation window [30, 90]. CMA1 = 30/40; CMA2 = 60/50; CMA5 = 1-10/40; CMA6 = 1-10/50;
  // CMA7 = 1-5/60 (carry-over from day 0 covers to day 45, then day 40's supply to 75, gap until 80);
  // CMA8 = 1-5/45 (window starts when day 0's supply runs out, day 45); CMA9 = (10 + 40*35/40 + 10)/60.
  CHECK(split_csv_line(lines[1]) == std::vector<std::string>{p, "C-1", "riluzole", "0.750000", "1.200000",
                                                             "0.750000", "1.000000", "0.750000", "0.800000",
                                                             "0.916667", "0.888889", "0.916667"});
  // D: day 0 (45 days) only. Gap to the window's end: 90-45 = 45, CMA7 = 1 - 45/60; CMA8: window [45, 90],
  // 1 - 45/45 = 0; CMA9 = share 45/90 over the window = 0.5.
  CHECK(split_csv_line(lines[2]) == std::vector<std::string>{q, "D-1", "riluzole", "NA", "NA", "NA", "NA",
                                                             "NA", "NA", "0.250000", "0.000000", "0.500000"});

  SECTION("--from first starts each follow-up at that patient's first dispensing") {
    dispense(db, q, "riluzole", "2026-02-15", 30);
    // D's follow-up starts 1 Jan; 40 days without lead-in: window [0, 40] holds 1 Jan (45 days) only, the
    // 15 Feb dispensing (day 45) is after it. CMA2 = 45/40, CMA6 = 1 (no gap).
    const auto f = db.run({"report", "cma", "--from", "first", "--days", "40", "--patient", "D-1"});
    REQUIRE(f.exit_code == 0);
    const auto row = split_csv_line(f.out_lines().at(1));
    CHECK(row[4] == "1.125000");
    CHECK(row[8] == "1.000000");
  }
  SECTION("sliding windows add their dates") {
    const auto s = db.run({"report", "cma", "--from", "2026-01-01", "--days", "90", "--window", "30",
                           "--step", "30", "--patient", p});
    REQUIRE(s.exit_code == 0);
    const auto rows = s.out_lines();
    REQUIRE(rows.size() == 4u);
    CHECK(split_csv_line(rows[0]).back() == "window_end");
    CHECK(split_csv_line(rows[3]).at(12) == "2026-03-02");  // the third window: 60 days in
    CHECK(split_csv_line(rows[3]).at(13) == "2026-04-01");
  }
  SECTION("bad input: one line, exit 2") {
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"report", "cma", "--from", "2026-02-30", "--days", "30"},
          {"report", "cma", "--from", "first", "--days", "0"},
          {"report", "cma", "--from", "first", "--days", "30", "--lead-in", "-1"},
          {"report", "cma", "--from", "first", "--days", "30", "--window", "10"},
          {"report", "cma", "--from", "first", "--days", "30", "--format", "xml"},
          {"report", "cma", "--from", "first", "--days", "30", "--patient", "nobody"}}) {
      const auto b = db.run(bad);
      CHECK(b.exit_code == 2);
      CHECK(b.err_lines().size() == 1u);
    }
  }
}

TEST_CASE("export ics: writes the file, default range is today and 180 days, bad input refused") {
  TempDb db;
  const std::string p =
      id_of(db.run({"patient", "add", "--name", "E", "--tz", "America/New_York", "--mrn", "E-1"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-01-05"}));
  const std::string out = (db.dir / "plan.ics").string();
  const auto r = db.run(
      {"export", "ics", "--patient", "E-1", "--out", out, "--from", "2026-02-01", "--to", "2026-02-03"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::ifstream in(out);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::size_t events = 0;
  for (auto at = text.find("BEGIN:VEVENT"); at != std::string::npos; at = text.find("BEGIN:VEVENT", at + 1))
    ++events;
  CHECK(events == 6u);  // 3 days x 2 doses
  CHECK(text.find("America/New_York") != std::string::npos);
  CHECK(db.run({"export", "ics", "--patient", "E-1", "--out", out}).exit_code == 0);

  CHECK(db.run({"export", "ics", "--patient", "E-1", "--out", out, "--from", "2026-02-30"}).exit_code == 2);
  CHECK(db.run({"export", "ics", "--patient", "E-1", "--out", out, "--from", "2026-03-01", "--to",
                "2026-02-01"})
            .exit_code == 2);
  CHECK(db.run({"export", "ics", "--patient", "nobody", "--out", out}).exit_code == 2);
  CHECK(db.run({"export", "ics", "--patient", "E-1", "--out", (db.dir / "no" / "such" / "dir.ics").string()})
            .exit_code == 2);
}

TEST_CASE("report adherence as html and pdf: the flagged rows and their charts, pdf only to a file") {
  TempDb db;
  REQUIRE(db.run({"demo", "--patients", "8", "--years", "1"}).exit_code == 0);
  const std::vector<std::string> period{"--from", "2026-05-01", "--to", "2026-10-31"};
  auto args = [&](std::vector<std::string> a) {
    a.insert(a.end(), period.begin(), period.end());
    return a;
  };
  // The CSV of the same report says which rows are flagged: the documents must agree with it.
  const auto csv = db.run(args({"report", "adherence", "--all", "--format", "csv"}));
  REQUIRE(csv.exit_code == 0);
  std::size_t flagged = 0, rows = 0, flag_column = 0;
  const auto header = split_csv_line(csv.out_lines().at(0));
  while (flag_column < header.size() && header[flag_column] != "flag") ++flag_column;
  REQUIRE(flag_column < header.size());
  for (const auto& line : csv.out_lines())
    if (line.rfind("patient_id", 0) != 0) {
      ++rows;
      flagged += split_csv_line(line).at(flag_column) == "under-80";
    }
  REQUIRE(rows > 0u);

  const std::string html_path = (db.dir / "r.html").string();
  REQUIRE(db.run(args({"report", "adherence", "--all", "--format", "html", "--out", html_path})).exit_code ==
          0);
  std::ifstream html_in(html_path);
  const std::string html{std::istreambuf_iterator<char>(html_in), std::istreambuf_iterator<char>()};
  auto count = [&](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count(html, "<tr class=\"flag\">") == flagged);
  CHECK(count(html, "<tr") == rows + 1);  // and the heading row
  CHECK(count(html, "<svg") == flagged);  // one chart block per flagged row

  const std::string pdf_path = (db.dir / "r.pdf").string();
  REQUIRE(db.run(args({"report", "adherence", "--all", "--format", "pdf", "--out", pdf_path})).exit_code ==
          0);
  std::ifstream pdf_in(pdf_path, std::ios::binary);
  const std::string pdf{std::istreambuf_iterator<char>(pdf_in), std::istreambuf_iterator<char>()};
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  CHECK(pdf.find("%%EOF") != std::string::npos);
  // One table page (8 patients fit) and one page per two charted rows.
  CHECK(count(pdf, "/Type /Page\n") + count(pdf, "/Type /Page ") == 1 + (flagged + 1) / 2);

  const auto to_terminal = db.run(args({"report", "adherence", "--all", "--format", "pdf"}));
  CHECK(to_terminal.exit_code == 2);
  CHECK(to_terminal.err_lines().size() == 1u);
}

TEST_CASE("report adherence: a dose whose time has not come is not scheduled, so never missed") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "Future", "--tz", "UTC", "--mrn", "F-1"}));
  // The course starts tomorrow (UTC); the period runs from today to three days ahead. Nothing of it is due
  // yet: no dose is scheduled, none is missed, the row is not flagged (before, 6 doses were missed).
  const date::sys_days today = date::floor<date::days>(std::chrono::system_clock::now());
  const auto day = [](date::sys_days d) { return date::format("%F", d); };
  REQUIRE(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start",
                  day(today + date::days{1})})
              .exit_code == 0);
  const auto r = db.run({"report", "adherence", "--all", "--from", day(today), "--to",
                         day(today + date::days{3}), "--format", "csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 2u);
  const auto cells = split_csv_line(lines[1]);
  CHECK(cells[2] == "riluzole");
  CHECK(cells[3] == "0");   // scheduled
  CHECK(cells[4] == "0");   // taken
  CHECK(cells[5] == "NA");  // taking_pct: nothing was due
}
