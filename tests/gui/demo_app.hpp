#pragma once
// The demo clinic (12 patients, today's date) in an AppState on a fresh database, for the tests that look at
// every view as a person would (layout_test.cpp, tab_order_test.cpp).
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <random>

#include "alsmeds/demo/demo_data.hpp"
#include "app_state.hpp"

namespace alsmeds::test {

struct DemoApp {
  std::filesystem::path dir;
  gui::AppState state;
  DemoApp() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("alsmeds-layout-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    REQUIRE(gui::open_database(state, (dir / "demo.db").string()).ok());
    state.user = "nurse.test";
    state.shell.demo_offered = true;
    state.now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    DemoRequest demo;
    demo.patients = 12;
    demo.today = date::floor<date::days>(state.now);
    auto filled = fill_demo_data(*state.store, demo, {"setup", state.now}, [](std::size_t, std::size_t) {});
    if (!filled) FAIL(filled.error());
    state.changed();
  }
  ~DemoApp() {
    state.wait_for_background();
    state.store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  DemoApp(const DemoApp&) = delete;
  DemoApp& operator=(const DemoApp&) = delete;
};

/// The demo patient with the most to show: both drugs, the longest names.
inline RecordId busiest_patient(gui::AppState& s) {
  RecordId best = s.patients.front().id;
  std::size_t most = 0;
  for (const Patient& p : s.patients) {
    const std::size_t therapies = s.store->therapies(p.id).size() * 100 + p.name.size();
    if (therapies > most) most = therapies, best = p.id;
  }
  return best;
}

}  // namespace alsmeds::test
