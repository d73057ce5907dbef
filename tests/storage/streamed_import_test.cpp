// A doses file read a batch at a time (import_csv_file, issue 26: a 50 MB file in bounded memory), on both
// stores: every row stored as the whole file read at once gives them, in one transaction; a repeat across
// batches or a bad row in a late batch writes nothing; a SQLite file's audit names each patient's records.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "alsmeds/exchange/import_rows.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

namespace {

const Actor kNurse{"nurse.kim", Instant{std::chrono::seconds{1'775'000'000}}};  // 2026-03-31

std::unique_ptr<RecordStore> clinic(const TempFolder& folder, const std::string& name) {
  auto s = alsmeds::test::open_store(folder.file(name));
  for (const char* mrn : {"S-1", "S-2"}) {
    NewPatient p;
    p.name = std::string("Patient ") + mrn;
    p.tz = "UTC";
    p.mrn = mrn;
    NewTherapy t;
    t.patient_id = *s->add_patient(p, kNurse);
    t.drug = Drug::riluzole;
    t.product = Product::riluzole_tablet;
    t.start = Day{date::year{2026} / 3 / 1};
    REQUIRE(s->start_therapy(t, kNurse).ok());
  }
  return s;
}

// 30 days of both patients' 08:00 and 20:00 doses, one line each (lines 2 to 121), every seventh missed.
std::string month_of_doses() {
  std::string text = "mrn,drug,at,status\n";
  for (int i = 0; i < 120; ++i) {
    const int day = 1 + i / 4;
    text += std::string(i % 2 ? "S-2" : "S-1") + ",riluzole,2026-03-" + (day < 10 ? "0" : "") +
            std::to_string(day) + (i % 4 < 2 ? "T08:00" : "T20:00") + (i % 7 == 3 ? ",missed\n" : ",taken\n");
  }
  return text;
}

std::string write(const TempFolder& folder, const std::string& text) {
  const std::string path = folder.file("doses.csv");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

using Stored = std::tuple<std::int64_t, std::string, std::string>;  // at, status, planned dose

std::map<RecordId, std::multiset<Stored>> stored(RecordStore& s) {
  std::map<RecordId, std::multiset<Stored>> out;
  for (const Patient& p : s.patients())
    for (const LogEntry& e : s.log_entries(p.id))
      out[p.id].insert({e.at.time_since_epoch().count(), std::string(to_string(*e.status)), e.planned_key});
  return out;
}

}  // namespace

TEST_CASE("A doses file read 200 bytes at a time: the records of the whole file read at once") {
  TempFolder tmp;
  const std::string text = month_of_doses();
  const std::string path = write(tmp, text);
  auto whole = clinic(tmp, "whole.db");
  REQUIRE(*import_csv(*whole, "doses", text, kNurse, nullptr, "doses.csv") == 120u);
  auto batches = clinic(tmp, "batches.db");  // 200 bytes: about five lines a batch, 24 batches and more
  std::vector<std::pair<std::size_t, std::size_t>> progress;  // the terminal's line ends at (all, all)
  const Progress note = [&](std::size_t done, std::size_t all) { progress.emplace_back(done, all); };
  REQUIRE(*import_csv_file(*batches, "doses", path, kNurse, note, "doses.csv", nullptr, 200) == 120u);
  REQUIRE_FALSE(progress.empty());
  CHECK(progress.back() == std::pair<std::size_t, std::size_t>{120, 120});
  const auto expected = stored(*whole);
  REQUIRE(expected.size() == 2u);
  CHECK(expected.begin()->second.size() == 60u);  // by hand: every other line is S-1's
  CHECK(stored(*batches) == expected);
  // Every dose matched to its planned dose (the plan's twice-daily slots), none left unplanned.
  for (const auto& [patient, doses] : stored(*batches))
    for (const Stored& d : doses) CHECK(std::get<2>(d).rfind("riluzole:", 0) == 0);
  if (alsmeds::test::on_server()) return;  // the server's triggers audit each record as it arrives
  // One audit row per patient names exactly the patient's records, in runs of ids (one per batch).
  for (const Patient& p : batches->patients()) {
    std::set<RecordId> ids, named;
    for (const LogEntry& e : batches->log_entries(p.id)) ids.insert(e.id);
    std::size_t rows = 0;
    for (const AuditEntry& a : batches->audit(p.id)) {
      if (a.action != "import") continue;
      ++rows;
      INFO(a.detail);
      CHECK_THAT(a.detail, Catch::StartsWith("60 dose records, ids ") &&
                               Catch::EndsWith(", imported from 'doses.csv'"));
      const std::regex run("(\\d+)( to (\\d+))?");
      const std::string list = a.detail.substr(0, a.detail.find(", imported"));
      for (auto it = std::sregex_iterator(list.begin() + 21, list.end(), run); it != std::sregex_iterator();
           ++it) {
        const RecordId first = std::stoll((*it)[1]), last = (*it)[3].matched ? std::stoll((*it)[3]) : first;
        for (RecordId id = first; id <= last; ++id) CHECK(named.insert(id).second);
      }
    }
    CHECK(rows == 1u);
    CHECK(named == ids);
  }
}

TEST_CASE(
    "A doses file read in batches: a repeat of an earlier batch's line, or a bad late line, writes nothing") {
  TempFolder tmp;
  auto s = clinic(tmp, "refused.db");
  std::string text = month_of_doses();
  // Line 122 repeats line 2 (S-1's 08:00 dose of 1 March): batches apart.
  const std::string path = write(tmp, text + "S-1,riluzole,2026-03-01T08:00,taken\n");
  const auto repeat = import_csv_file(*s, "doses", path, kNurse, nullptr, "doses.csv", nullptr, 200);
  REQUIRE_FALSE(repeat.ok());
  CHECK_THAT(repeat.error(), Catch::StartsWith("line 122, column at: this dose repeats line 2"));
  CHECK(stored(*s).empty());
  // A status no dose has, on the last line.
  const std::string late = write(tmp, text + "S-2,riluzole,2026-03-30T08:00,forgotten\n");
  const auto bad = import_csv_file(*s, "doses", late, kNurse, nullptr, "doses.csv", nullptr, 200);
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::StartsWith("line 122, column status: "));
  CHECK(stored(*s).empty());
  // The same file without the bad line goes in whole.
  REQUIRE(*import_csv_file(*s, "doses", write(tmp, text), kNurse, nullptr, "doses.csv", nullptr, 200) ==
          120u);
  CHECK(s->integrity_check() == "ok");
}

TEST_CASE("Tofersen doses read a line a batch, in any order: each matched to the dose given before its day") {
  // The label's plan (docs/domain.md): loading doses 1 to 3 every 14 days. Given 06-01 (dose 1), 06-15
  // missed, 06-19 given 4 days late: dose 2 (the file lists it first, in its own batch).
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("tofersen.db"));
  NewPatient p;
  p.name = "Tove Sod";
  p.tz = "Europe/Oslo";
  p.mrn = "T-1";
  NewTherapy t;
  t.patient_id = *s->add_patient(p, kNurse);
  t.drug = Drug::tofersen;
  t.product = Product::tofersen_intrathecal;
  t.start = Day{date::year{2026} / 6 / 1};
  const RecordId therapy = *s->start_therapy(t, kNurse);
  const Actor later{"nurse.kim", Instant{Day{date::year{2026} / 6 / 25}}};
  const std::string path = write(tmp,
                                 "mrn,drug,at,status,note\n"
                                 "T-1,tofersen,2026-06-19T10:00,taken,\n"
                                 "T-1,tofersen,2026-06-01T10:00,taken,\n"
                                 "T-1,tofersen,2026-06-15T10:00,missed,no room\n");
  REQUIRE(*import_csv_file(*s, "doses", path, later, nullptr, "doses.csv", nullptr, 30) == 3u);
  std::map<std::string, std::string> key_of;  // local day -> planned dose
  for (const LogEntry& e : s->log_entries(t.patient_id))
    key_of[format_day(date::floor<date::days>(e.at))] = e.planned_key;
  const std::string prefix = "tofersen:" + std::to_string(therapy) + ":";
  CHECK(key_of["2026-06-01"] == prefix + "d1");
  CHECK(key_of["2026-06-19"] == prefix + "d2");
}
