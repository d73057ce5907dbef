// The main window's dialogs: open or create a database file, back up, export, import a CSV file, fill a demo
// clinic; each long job runs in the background with its progress on the status line.
#include "main_dialogs.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "alsmeds/demo/demo_data.hpp"
#include "alsmeds/exchange/fhir_export.hpp"
#include "alsmeds/exchange/ics_export.hpp"
#include "alsmeds/exchange/import_rows.hpp"
#include "app_state.hpp"
#include "file_output.hpp"
#include "main_window.hpp"
#include "tab_order.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

void start_demo(AppState& s, int patients) {
  const std::string path = s.db_path;
  const Day today = s.today();
  const Actor actor = s.actor();
  const OpenOptions options = s.worker_options(true);
  s.job.start("Loading demo data",
              [path, options, today, actor, patients, &s](JobProgress& progress) -> BackgroundJob::Finish {
                auto store = open_record_store(path, options);
                if (!store) throw std::runtime_error(store.error());
                DemoRequest demo;
                demo.patients = patients;
                demo.today = today;
                auto done = fill_demo_data(**store, demo, actor, [&progress](std::size_t a, std::size_t b) {
                  progress.fraction = b ? static_cast<double>(a) / static_cast<double>(b) : -1.0;
                });
                if (!done) throw std::runtime_error(done.error());
                const std::size_t n = done->patients;
                return [&s, n]() {
                  s.changed();
                  if (!s.patients.empty()) s.patient_id = s.patients.front().id;
                  s.report("Demo data loaded: " + std::to_string(n) + " patients");
                };
              });
}

void start_import(AppState& s, const std::string& kind, const std::string& file) {
  const std::string path = s.db_path;
  const Actor actor = s.actor();
  const OpenOptions options = s.worker_options(true);
  s.job.start("Importing " + kind,
              [path, options, kind, file, actor, &s](JobProgress& progress) -> BackgroundJob::Finish {
                if (!std::ifstream(file, std::ios::binary)) throw std::runtime_error(file + ": cannot read");
                auto store = open_record_store(path, options);
                if (!store) throw std::runtime_error(store.error());
                auto written = import_csv_file(  // a batch at a time: any size in bounded memory
                    **store, kind, file, actor,
                    [&progress](std::size_t a, std::size_t b) {
                      progress.fraction = b ? static_cast<double>(a) / static_cast<double>(b) : -1.0;
                    },
                    file);
                if (!written)
                  throw std::runtime_error(file + ": " + written.error() + " (nothing was imported)");
                const std::size_t n = *written;
                return [&s, n, kind]() {
                  s.changed();
                  s.report("Imported " + std::to_string(n) + " " + kind);
                };
              });
}

/// File > Open or New: the file is opened after the frame; a refused file (damaged, another program's)
/// leaves the open database open and the dialog showing why.
void open_file(AppState& s, const std::string& path, bool fresh) {
  s.push((fresh ? "creating " : "opening ") + path, &s.shell.dialog_message,
         [path, fresh](AppState& a) -> Result<std::string> {
           std::error_code ec;
           if (fresh && std::filesystem::exists(path, ec))
             return fail(path + ": a file is already there; open it instead");
           if (!fresh && !std::filesystem::exists(path, ec)) return fail(path + ": no such file");
           if (a.job.running()) return fail("wait for \"" + a.job.title() + "\" to finish, then open");
           auto r = open_database(a, path, fresh ? CreateMode::create_if_missing : CreateMode::must_exist);
           if (!r) return fail(r.error());
           a.settings.last_db = without_password(path);
           a.shell.demo_offered = false;
           a.shell.close_dialog = true;
           return "Opened " + path;
         });
}

bool path_dialog(const char* title, const char* hint, std::string& path, const char* action) {
  bool go = false;
  ImGui::TextUnformatted(title);
  ImGui::SetNextItemWidth(std::min(em(28), ImGui::GetIO().DisplaySize.x * 0.8f));
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  go = ImGui::InputTextWithHint("##path", hint, &path, ImGuiInputTextFlags_EnterReturnsTrue);
  go = ImGui::Button(action) || go;
  ImGui::SameLine();
  return go;
}

}  // namespace

void draw_dialogs(AppState& s) {
  ShellState& sh = s.shell;
  if (sh.dialog.empty()) return;
  if (!ImGui::IsPopupOpen("dialog")) ImGui::OpenPopup("dialog");
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 3), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("dialog", nullptr,
                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar))
    return;
  bool close = sh.close_dialog;  // an action finished what the dialog asked
  sh.close_dialog = false;
  if (sh.dialog == "open" || sh.dialog == "new") {
    const bool fresh = sh.dialog == "new";
    if (path_dialog(fresh ? "New database file:" : "Open database file:", "/path/to/alsmeds.db",
                    sh.path_input, fresh ? "Create" : "Open"))
      open_file(s, sh.path_input, fresh);
    probe_item("dialog:go");
  } else if (sh.dialog == "backup") {
    if (path_dialog("Back up the whole database to:", "backup file", sh.path_input, "Back up"))
      s.push("backup to " + sh.path_input, &sh.dialog_message,
             [path = sh.path_input](AppState& a) -> Result<std::string> {
               if (a.job.running()) return fail("wait for \"" + a.job.title() + "\" to finish, then back up");
               auto r = a.store->backup_to(path);
               if (!r) return fail(r.error());
               a.shell.close_dialog = true;
               return "Backed up to " + *r;
             });
    probe_item("dialog:go");
  } else if (sh.dialog == "export") {
    if (ImGui::RadioButton("iCalendar (.ics): planned doses, infusions, liver tests for a year",
                           sh.export_kind == "ics"))
      sh.export_kind = "ics";
    if (ImGui::RadioButton("FHIR R4 Bundle (.json)", sh.export_kind == "fhir")) sh.export_kind = "fhir";
    if (path_dialog("Write to:", "file name", sh.path_input, "Export")) {
      const PatientFacts* f = s.facts();
      if (f) {
        const Day today = s.today();
        const std::string bytes = sh.export_kind == "ics"
                                      ? ics_calendar(*f, IcsRequest{today, today + date::days{365}, s.now})
                                      : fhir_bundle(*f, today, s.now);
        auto r = write_whole_file(sh.path_input, bytes, s.db_path);
        r ? s.report("Exported to " + *r) : s.refuse(r.error());
        close = r.ok();
      } else if (const std::string wait = s.waits_for_server(); !wait.empty()) {
        s.refuse("Not exported. " + wait);
      }
    }
  } else if (sh.dialog == "import") {
    for (const char* kind : {"patients", "doses", "dispensing"})
      if (ImGui::RadioButton(kind, sh.import_kind == kind)) sh.import_kind = kind;
    ImGui::TextDisabled(sh.import_kind == "patients" ? "columns mrn,name,tz[,born]"
                        : sh.import_kind == "doses"
                            ? "columns mrn,drug,at,status"
                            : "columns mrn,drug,date,days_supply[,quantity,unit,product]");
    if (path_dialog("CSV file (all rows are checked; all are written or none):", "/path/to/file.csv",
                    sh.path_input, "Import")) {
      start_import(s, sh.import_kind, sh.path_input);
      close = true;
    }
    probe_item("dialog:go");
  } else if (sh.dialog == "settings") {
    sh.unit.draw(s);
    ImGui::Separator();
    Settings edit = s.settings;
    // The text size applies at once when the slider is let go (the shell rebuilds the font between frames).
    float text_scale = sh.text_scale_edit > 0 ? sh.text_scale_edit : s.settings.text_scale;
    ImGui::SliderFloat("Text size", &text_scale, 0.75f, 2.0f, "%.2fx");
    if (ImGui::IsItemActive()) sh.text_scale_edit = text_scale;
    if (ImGui::IsItemDeactivatedAfterEdit()) {
      edit.text_scale = text_scale;
      sh.text_scale_edit = 0;
    }
    ImGui::SliderInt("Refill reminder (days before a supply runs out)", &edit.refill_days, kMinRefillDays,
                     kMaxRefillDays, "%d days", ImGuiSliderFlags_AlwaysClamp);
    probe_item("settings:refill-days");
    ImGui::SliderInt("ALSFRS-R self-report (days between reports)", &edit.alsfrs_every_days,
                     kMinAlsfrsEveryDays, kMaxAlsfrsEveryDays, "every %d days", ImGuiSliderFlags_AlwaysClamp);
    probe_item("settings:alsfrs-every");
    ImGui::SetNextItemWidth(em(12));
    ImGui::InputTextWithHint("Clinic time zone (the board's days)", "this computer's zone",
                             &sh.clinic_tz_edit);
    probe_item("settings:clinic-tz");
    if (sh.clinic_tz_edit.empty() || find_zone(sh.clinic_tz_edit)) {
      edit.clinic_tz = sh.clinic_tz_edit;
      if (edit.clinic_tz != s.settings.clinic_tz) s.board.from_set = false;  // the board's week again
    } else {
      ImGui::TextColored(colour::overdue, "'%s' is not a time zone (Europe/London, America/New_York...)",
                         sh.clinic_tz_edit.c_str());
    }
    s.settings = edit;
    if (ImGui::Button("Done")) close = true;
    ImGui::SameLine();
  } else if (sh.dialog == "about") {
    ImGui::Text("alsmeds %s", ALSMEDS_VERSION);
    wrapped_text(
        "Plans and tracks edaravone and riluzole for ALS. It supports and never replaces the "
        "prescriber's judgment.");
    ImGui::Text("Database: %s", shown_database(s.db_path).c_str());
  } else if (sh.dialog == "demo") {
    wrapped_text(
        "This database is empty. Load demo patients to try alsmeds? (Made-up people, doses "
        "logged up to yesterday.)");
    ImGui::SliderInt("Patients", &sh.demo_patients, 5, 500);
    if (ImGui::Button("Load demo data")) {
      start_demo(s, sh.demo_patients);
      close = true;
    }
    probe_item("demo:load");
    ImGui::SameLine();
  }
  if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close = true;
  draw_message(sh.dialog_message, "dialog:message");
  if (close) {
    sh.dialog.clear();
    sh.dialog_message = {};
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace alsmeds::gui
