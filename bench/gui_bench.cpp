// Desktop app figures (issue 5), printed, never asserted, on a 500-patient demo database:
//  1. start to first frame: open the database, read the patient list and the first patient's facts, build
//     and render the first frame (headless ImGui: the same work as the window minus the GL upload; the
//     real window's figure is printed by `alsmeds --timing`, which the gui-window test runs).
//  2. CPU time of the UI thread per frame for every view (target: under 4 ms), long lists clipped.
// Usage: gui_bench [DB]
#include <imgui.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "headless_context.hpp"
#include "main_window.hpp"
#include "spawn_quietly.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::gui;

namespace {

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

void frame(AppState& s) {
  s.now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  ImGui::NewFrame();
  draw_main_window(s);
  ImGui::Render();
}

}  // namespace

int main(int argc, char** argv) {
  const auto dir = std::filesystem::temp_directory_path() / ("alsmeds-gui-bench-" + std::to_string(getpid()));
  std::string path = argc > 1 ? argv[1] : "";
  if (path.empty()) {
    std::filesystem::create_directories(dir);
    path = (dir / "demo.db").string();
    std::printf("making the demo database (500 patients, 1 year)...\n");
    if (alsmeds::bench::run({ALSMEDS_CLI_PATH, "--db", path, "demo", "--patients", "500", "--years", "1"}) !=
        0) {
      std::fprintf(stderr, "demo failed\n");
      return 1;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  create_headless_context();
  AppState state;
  state.user = "bench";
  state.shell.demo_offered = true;
  if (!open_database(state, path)) return 1;
  frame(state);
  const double first =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("start to first frame (patient view, %zu patients): %.0f ms (target 150 ms)\n",
              state.patients.size(), first);

  for (Role role : {Role::patient, Role::nurse, Role::pharmacist}) {  // every view of the one list
    const auto views = views_for(role);
    for (std::size_t tab = 0; tab < views.size(); ++tab) {
      const std::string name = std::string(to_string(role)) + " - " + std::string(views[tab]->title);
      state.role = role;
      state.tab = static_cast<int>(tab);
      state.select_tab = true;
      const auto load0 = std::chrono::steady_clock::now();
      for (int i = 0; i < 3; ++i) frame(state);
      state.job.wait();  // the board, the cohort table and the clinic's day load off the UI thread
      const double load =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - load0).count();
      frame(state);
      constexpr int kFrames = 300;
      const double cpu0 = thread_cpu_ms();
      for (int i = 0; i < kFrames; ++i) frame(state);
      const double per_frame = (thread_cpu_ms() - cpu0) / kFrames;
      std::printf("%-30s %.2f ms CPU per frame (target 4 ms); first load %.0f ms (background)\n",
                  name.c_str(), per_frame, load);
    }
  }
  state.job.wait();
  state.store.reset();
  ImGui::DestroyContext();
  if (argc <= 1) std::filesystem::remove_all(dir);
  return 0;
}
