#pragma once
// An AppState on a fresh database with one patient, for view tests. The clock is fixed.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "app_state.hpp"

namespace alsmeds::test {

struct GuiFixture {
  std::filesystem::path dir;
  gui::AppState state;
  RecordId patient = 0;

  explicit GuiFixture(const std::string& tz = "Europe/London", bool sulfite_allergy = false) {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() /
          ("alsmeds-gui-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    REQUIRE(gui::open_database(state, (dir / "gui.db").string()).ok());
    state.user = "nurse.test";
    state.shell.demo_offered = true;  // no demo dialog over the views
    NewPatient p;
    p.name = "Ada Test";
    p.mrn = "MRN-1";
    p.tz = tz;
    p.sulfite_allergy = sulfite_allergy;
    patient = std::move(state.store->add_patient(p, {"setup", Instant{}})).value();
    state.changed();
    state.patient_id = patient;
  }
  ~GuiFixture() {
    state.wait_for_background();
    state.store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  GuiFixture(const GuiFixture&) = delete;
  GuiFixture& operator=(const GuiFixture&) = delete;

  RecordId start(Drug drug, Day start, const std::string& product) {
    NewTherapy t;
    t.patient_id = patient;
    t.drug = drug;
    t.product = parse_product(drug, product).value();
    t.start = start;
    const RecordId id = std::move(state.store->start_therapy(t, {"setup", Instant{}})).value();
    state.changed();
    return id;
  }
  void set_now(const char* iso_utc) {
    Zone utc = *find_zone("UTC");
    state.now = *parse_instant(iso_utc, utc);
  }
};

inline Day ymd(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / date::month{m} / date::day{d}};
}

}  // namespace alsmeds::test
