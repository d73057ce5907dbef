// alsmeds: the desktop app (docs/cli.md, "Desktop app"). GLFW window, OpenGL 3 renderer, DejaVu/Noto text
// found through fontconfig and scaled to the screen and the text size (text_size.hpp), settings and layout
// per user, notifications through libnotify, and a --screenshot mode for tests and the user guide.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <libnotify/notify.h>
#include <stb/stb_image_write.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cfloat>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "alsmeds/output_file.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "main_window.hpp"
#include "reminders.hpp"
#include "text_size.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::gui;

namespace {

constexpr int kExitBadInput = 2;

// SIGTERM (logout, shutdown) and SIGINT end the loop like closing the window: settings are saved.
volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int) {
  stop_requested = 1;
}

Instant clock_now() {
  return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

extern "C" void append_png_bytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

/// The back buffer as a PNG, written as every file with patient data is (core's write_output_file: 0600,
/// whole or not at all, never over the open database). An empty string when written, else why not.
std::string save_png(const std::string& path, int width, int height, const std::string& database_path) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  const int stride = width * 3;
  std::string png;
  if (stbi_write_png_to_func(append_png_bytes, &png, width, height, 3,
                             pixels.data() + static_cast<std::ptrdiff_t>(stride) * (height - 1),
                             -stride) == 0)
    return path + ": the picture could not be encoded";
  const WriteResult written = write_output_file(path, png, database_path);
  return written ? std::string() : written.message;
}

class Notifier {
 public:
  Notifier() : ready_(notify_init("alsmeds")) {}
  ~Notifier() {
    if (ready_) notify_uninit();
  }
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;
  void send(const Reminder& r) {
    if (!ready_ || sent_.count(r.key)) return;
    sent_.insert(r.key);
    NotifyNotification* n = notify_notification_new(r.title.c_str(), r.body.c_str(), "alsmeds");
    notify_notification_set_urgency(n, NOTIFY_URGENCY_CRITICAL);
    GError* error = nullptr;
    if (!notify_notification_show(n, &error)) {
      if (error) {
        std::fprintf(stderr, "alsmeds: notification not shown (%s)\n", error->message);
        g_error_free(error);
      }
    }
    g_object_unref(G_OBJECT(n));
  }

 private:
  bool ready_;
  std::set<std::string> sent_;
};

}  // namespace

int main(int argc, char** argv) {
  const auto process_start = std::chrono::steady_clock::now();
  CLI::App cli{"alsmeds: plans and tracks edaravone and riluzole for ALS (desktop app)"};
  std::string db, view, patient, screenshot;
  int frames = 10;
  bool timing = false;
  cli.add_option("--db", db, "database file (default: $XDG_DATA_HOME/alsmeds/alsmeds.db)");
  cli.add_option("--view", view,
                 "patient, nurse or pharmacist, or a role's view: nurse-board, nurse-course, ...")
      ->check(CLI::IsMember(view_choice_names()));
  cli.add_option("--patient", patient, "patient id or MRN to open");
  cli.add_option("--screenshot", screenshot, "render --frames frames, save the window as PNG, exit 0");
  cli.add_option("--frames", frames, "frames to render before the screenshot")->check(CLI::Range(1, 100000));
  std::string shot_size = "1280x800";
  cli.add_option("--screenshot-size", shot_size, "the screenshot's window size, WxH (default 1280x800)")
      ->check([](const std::string& v) {
        int w = 0, h = 0;
        return std::sscanf(v.c_str(), "%dx%d", &w, &h) == 2 && w >= 320 && h >= 240 && w <= 7680 && h <= 4320
                   ? std::string()
                   : "WxH, from 320x240 to 7680x4320";
      });
  cli.add_flag("--timing", timing, "print the time to the first frame and the CPU per frame");
  cli.set_version_flag("--version", "alsmeds " ALSMEDS_VERSION);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return cli.exit(e);
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBadInput;
  }
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((!display || !*display) && (!wayland || !*wayland)) {
    std::fprintf(stderr, "error: no display (set DISPLAY or run under xvfb-run)\n");
    return kExitBadInput;
  }

  AppState state;
  state.user = rules::operating_system_account();  // who records: the OS account, never "unknown"
  state.now = clock_now();
  state.settings_path = settings_folder() + "/settings.json";
  if (auto loaded = load_settings(state.settings_path)) {
    state.settings = *loaded;
  } else {
    state.refuse(loaded.error());
  }
  // --db, else $ALSMEDS_DB (docs/cli.md), else the database open last time, else the default file.
  const char* from_environment = std::getenv("ALSMEDS_DB");
  const std::string path = !db.empty()                                        ? db
                           : from_environment != nullptr && *from_environment ? std::string(from_environment)
                           : !state.settings.last_db.empty()                  ? state.settings.last_db
                                                                              : default_database_path();
  if (auto opened = open_database(state, path); !opened) {
    std::fprintf(stderr, "error: --db: %s\n", opened.error().c_str());
    return kExitBadInput;
  }
  if (!patient.empty()) {
    if (auto picked = select_patient(state, patient); !picked) {
      std::fprintf(stderr, "error: --patient: %s\n", escape_for_terminal(picked.error()).c_str());
      return kExitBadInput;
    }
  }
  if (patient.empty() && state.settings.last_patient)
    (void)select_patient(state, "id:" + std::to_string(state.settings.last_patient));
  const std::string chosen_view = !view.empty() ? view : state.settings.last_view;
  if (auto chosen = parse_view_choice(chosen_view)) {
    state.role = chosen->role;
    state.tab = chosen->tab;
  }
  if (!screenshot.empty()) state.shell.demo_offered = true;  // no dialog over a screenshot

  if (!glfwInit()) {
    std::fprintf(stderr, "error: no display (set DISPLAY or run under xvfb-run)\n");
    return kExitBadInput;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  if (!screenshot.empty()) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  int shot_w = 1280, shot_h = 800;
  std::sscanf(shot_size.c_str(), "%dx%d", &shot_w, &shot_h);
  // Screenshots are 1280x800 unless --screenshot-size says (the tests and the user guide); otherwise the size
  // the user left.
  // The size left last time, never larger than the screen's work area now (a 1280x800 window saved on a
  // large screen opens whole on an 800x600 one).
  int want_w = state.settings.window_width, want_h = state.settings.window_height;
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetMonitorWorkarea(monitor, &x, &y, &w, &h);
    if (w > 0 && h > 0) {
      want_w = std::min(want_w, w);
      want_h = std::min(want_h, h);
    }
  }
  GLFWwindow* window = screenshot.empty() ? glfwCreateWindow(want_w, want_h, "alsmeds", nullptr, nullptr)
                                          : glfwCreateWindow(shot_w, shot_h, "alsmeds", nullptr, nullptr);
  if (window && screenshot.empty())
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
      int x = 0, y = 0, w = 0, h = 0;
      glfwGetMonitorWorkarea(monitor, &x, &y, &w, &h);
      if (w > 0 && h > 0) glfwSetWindowPos(window, x + (w - want_w) / 2, y + (h - want_h) / 2);
    }
  if (!window) {
    std::fprintf(stderr, "error: no display (set DISPLAY or run under xvfb-run): no OpenGL 3 window\n");
    glfwTerminate();
    return kExitBadInput;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(screenshot.empty() ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  static std::string ini_path;
  ini_path = settings_folder() + "/imgui.ini";
  io.IniFilename = screenshot.empty() ? ini_path.c_str() : nullptr;
  float xscale = 1, yscale = 1;
  glfwGetWindowContentScale(window, &xscale, &yscale);
  // The text size: the screen's content scale times the setting, applied again at once when it changes.
  const auto text_scale = [&] { return std::max(1.0f, xscale) * state.settings.text_scale; };
  float applied_scale = text_scale();
  apply_text_size(applied_scale);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  Notifier notifier;
  const Instant started = state.now;
  // The first look is on the first frame: a reminder due at the start (today's infusion when the app opens
  // after 09:00) comes at once, not half a minute later.
  Instant reminders_checked = started - std::chrono::seconds{30};
  double cpu_total = 0;
  int frame = 0;
  std::signal(SIGTERM, request_stop);
  std::signal(SIGINT, request_stop);
  while (!glfwWindowShouldClose(window) && !state.quit && !stop_requested) {
    if (screenshot.empty() && !state.background_running())
      glfwWaitEventsTimeout(0.5);  // idle: wake for input or twice a second for the clock
    else
      glfwPollEvents();
    const auto cpu0 = std::clock();
    state.now = clock_now();
    if (follow_text_size(text_scale(), applied_scale)) {  // Settings > Text size: at once, between frames
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // A screenshot shows no pointer: wherever the X server put it, nothing looks hovered (a board slot).
    if (!screenshot.empty()) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    draw_main_window(state);
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.08f, 0.08f, 0.10f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    cpu_total += static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
    ++frame;
    if (frame == 1 && timing)
      std::fprintf(stderr, "first frame: %.0f ms after start\n",
                   std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - process_start)
                       .count());
    if (!screenshot.empty() && frame >= frames && !state.background_running()) {
      const std::string why = save_png(screenshot, w, h, state.db_path);
      const bool ok = why.empty();
      if (!ok) std::fprintf(stderr, "error: --screenshot: %s\n", escape_for_terminal(why).c_str());
      glfwSwapBuffers(window);
      if (timing)
        std::fprintf(stderr, "CPU per frame: %.2f ms over %d frames\n", cpu_total * 1000 / frame, frame);
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplGlfw_Shutdown();
      ImGui::DestroyContext();
      glfwDestroyWindow(window);
      glfwTerminate();
      return ok ? 0 : 1;
    }
    glfwSwapBuffers(window);
    // The frame is drawn and shown: now the writes its views asked for (outside every Begin/End; a storage
    // failure is shown beside the control, never thrown), and a look for other programs' writes.
    apply_pending_actions(state);
    if (state.now - reminders_checked >= std::chrono::seconds{30}) {
      if (const PatientFacts* f = state.facts())
        for (const Reminder& r :
             due_reminders(*f, reminders_checked, state.now, started, state.settings.refill_days))
          notifier.send(r);
      reminders_checked = state.now;
    }
  }
  state.wait_for_background();
  state.settings.last_db = without_password(state.db_path);  // libpq reads a password from ~/.pgpass
  state.settings.last_view = std::string(to_string(state.role));
  state.settings.last_patient = state.patient_id;
  glfwGetWindowSize(window, &state.settings.window_width, &state.settings.window_height);
  if (auto saved = save_settings(state.settings, state.settings_path); !saved)
    std::fprintf(stderr, "alsmeds: %s\n", saved.error().c_str());
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
