// The one window: menu (database, backup, export, settings, about), role switcher, patient picker, the
// role's view beside the alerts panel, and a status line with the progress of long work.
#include "main_window.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: a text field being edited keeps its own copy of the text
#include <imgui_stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "alsmeds/demo/demo_data.hpp"
#include "alsmeds/exchange/fhir_export.hpp"
#include "alsmeds/exchange/ics_export.hpp"
#include "alsmeds/exchange/import_rows.hpp"
#include "file_output.hpp"
#include "main_dialogs.hpp"
#include "tab_order.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"
#include "views/view_list.hpp"

namespace alsmeds::gui {
namespace {

void menu(AppState& s) {
  ShellState& sh = s.shell;
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open database...")) sh.dialog = "open", sh.path_input = s.db_path;
    if (ImGui::MenuItem("New database...")) sh.dialog = "new", sh.path_input.clear();
    if (ImGui::MenuItem("Back up database...")) sh.dialog = "backup", sh.path_input = s.db_path + ".backup";
    if (ImGui::MenuItem("Export patient (iCalendar / FHIR)...", nullptr, false, s.patient() != nullptr))
      sh.dialog = "export", sh.path_input.clear();
    if (ImGui::MenuItem("Import CSV...")) sh.dialog = "import", sh.path_input.clear();
    if (ImGui::MenuItem("Load demo data...", nullptr, false, s.patients.empty())) sh.dialog = "demo";
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) s.quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Settings")) {
    sh.dialog = "settings";
    sh.clinic_tz_edit = s.settings.clinic_tz;  // the field starts from the setting in force
    sh.unit.fill(s.settings);
    sh.unit.message = {};
  }
  if (ImGui::MenuItem("About")) sh.dialog = "about";
  ImGui::EndMenuBar();
}

/// The role switcher, after the patient picker (on the next line when the window is narrow); a drop-down in a
/// short window.
void role_switcher(AppState& s) {
  if (short_window()) {
    const float combo = combo_width({"pharmacist"});
    same_line_if_fits(combo);  // no label: the box says the role, its tooltip what it is
    ImGui::SetNextItemWidth(combo);
    if (ImGui::BeginCombo("##role", std::string(to_string(s.role)).c_str())) {
      for (Role r : {Role::patient, Role::nurse, Role::pharmacist}) {
        const std::string label = std::string(to_string(r));
        if (ImGui::Selectable(label.c_str(), s.role == r)) s.role = r;
        probe_item("role:" + label);
      }
      ImGui::EndCombo();
    }
    probe_item("role");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Role: who uses the app now (its views)");
    return;
  }
  float width = ImGui::CalcTextSize("Role:").x;
  for (Role r : {Role::patient, Role::nurse, Role::pharmacist})
    width += ImGui::GetStyle().ItemSpacing.x + check_width(std::string(to_string(r)).c_str());
  same_line_if_fits(width);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Role:");
  for (Role r : {Role::patient, Role::nurse, Role::pharmacist}) {
    const std::string label = std::string(to_string(r));
    ImGui::SameLine();
    if (ImGui::RadioButton(label.c_str(), s.role == r)) s.role = r;
    probe_item("role:" + label);
  }
}

void patient_picker(AppState& s) {
  ShellState& sh = s.shell;
  const Patient* p = s.patient();
  if (!short_window()) {  // a short window: the button alone (its tooltip says what it is)
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Patient:");
    ImGui::SameLine();
  }
  const std::string shown = p ? p->name + " (" + p->mrn.value_or("#" + std::to_string(p->id)) + ")" : "none";
  // Opened by its button or Ctrl+F: empty (the last search is not this one's), under its box.
  const bool open = ImGui::Button((shown + "  v").c_str()) || sh.focus_search;
  probe_item("picker");
  if (short_window() && ImGui::IsItemHovered())
    ImGui::SetTooltip("The patient shown (Ctrl+F to find another)\n%s - %zu patients",
                      shown_database(s.db_path).c_str(), s.patients.size());
  const ImVec2 under(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y);
  if (open && !ImGui::IsPopupOpen("pick")) {
    sh.patient_search.clear();
    sh.picker_message.clear();
    ImGui::OpenPopup("pick");
  }
  if (!short_window()) {
    same_line_if_fits(ImGui::CalcTextSize("Ctrl+F").x);
    ImGui::TextDisabled("Ctrl+F");
  }
  ImGui::SetNextWindowPos(under, ImGuiCond_Appearing);
  if (ImGui::BeginPopup("pick")) {
    if (sh.focus_search || ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    sh.focus_search = false;
    ImGui::SetNextItemWidth(em(18));
    const bool enter = ImGui::InputTextWithHint("##search", "name, MRN or id", &sh.patient_search,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    probe_item("picker:search");
    const std::vector<const Patient*> matches = search_patients(s, sh.patient_search);
    if (enter) {
      // Enter picks only what the typed text names (the CLI's --patient rule) or the only match listed.
      auto picked = pick_patient(s, sh.patient_search);
      sh.picker_message = picked ? "" : picked.error();
      if (picked)
        ImGui::CloseCurrentPopup();
      else
        ImGui::SetKeyboardFocusHere(-1);  // nothing picked: typing goes on in the field
    }
    if (!sh.picker_message.empty()) wrapped_text(sh.picker_message);
    if (p && s.role != Role::patient && ImGui::SmallButton("Details of this patient...")) {
      s.details.open_requested = true;  // opened at the window's level, where its form is drawn
      ImGui::CloseCurrentPopup();
    }
    ImGui::BeginChild("matches", ImVec2(em(18), em(15)), false, ImGuiWindowFlags_NavFlattened);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(matches.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Patient& q = *matches[static_cast<std::size_t>(i)];
        if (ImGui::Selectable((q.name + "  " + q.mrn.value_or("") + "  id " + std::to_string(q.id) + "##" +
                               std::to_string(q.id))
                                  .c_str(),
                              q.id == s.patient_id)) {
          s.patient_id = q.id;
          ImGui::CloseCurrentPopup();
        }
      }
    ImGui::EndChild();
    ImGui::EndPopup();
  }
}

void status_line(AppState& s) {
  if (s.job.running()) {
    const double f = s.job.fraction();
    // Unknown progress: a bar that fills once a second, labelled so it is not read as a fraction.
    const float shown = f < 0 ? static_cast<float>(std::fmod(ImGui::GetTime(), 1.0)) : static_cast<float>(f);
    ImGui::ProgressBar(shown, ImVec2(em(10), 0), f < 0 ? "working..." : nullptr);
    ImGui::SameLine();
    ImGui::TextUnformatted(s.job.title().c_str());
  } else if (!s.status.text.empty()) {
    // One line, whatever the message: a longer one is cut with "..." (whole in its tooltip), so the view
    // under it never moves when a message comes or goes (a button never slides under the pointer).
    ImGui::PushStyleColor(ImGuiCol_Text, message_colour(s.status));
    const std::string line = one_line(s.status.text, ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopStyleColor();
    probe_item("status:message");
    if (line != s.status.text && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.status.text.c_str());
  } else if (!short_window()) {  // a short window: in the picker's tooltip
    ImGui::TextDisabled("%s - %zu patients", database_file_name(s.db_path).c_str(), s.patients.size());
    probe_item("status:database");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", shown_database(s.db_path).c_str());
  }
}

/// While the clinic server cannot be reached: when it was last reached, the writes kept, and Retry.
void server_banner_line(AppState& s) {
  if (!s.server.unreachable) return;
  Zone zone = nullptr;  // the workstation's clock (no read of the patient's facts while the server is away)
  try {
    zone = date::current_zone();
  } catch (const std::exception&) {
    zone = date::locate_zone("UTC");
  }
  const std::string banner = server_banner(s, zone);
  if (banner.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, colour::overdue);
  wrapped_text(banner);
  ImGui::PopStyleColor();
  probe_item("server:unreachable");
  if (!s.server.why.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.server.why.c_str());
  same_line_if_fits(button_width("Retry"));
  if (ImGui::Button("Retry")) s.server.retry_now = true;
  probe_item("server:retry");
}

}  // namespace

std::string shown_database(const std::string& path) {
  return is_server_database(path) ? server_name(path) : path;
}

std::string database_file_name(const std::string& path) {
  if (is_server_database(path)) return server_name(path);  // never a password, never a piece of the URI
  const std::string name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

void draw_main_window(AppState& s) {
  follow_tab_order();
  if (s.job.poll() && !s.job.error().empty()) s.refuse(s.job.title() + ": " + s.job.error());
  s.clinic_today.refresh.poll();  // its Finish shows its own failure in the view
  ImGuiIO& io = ImGui::GetIO();
  // ImGui 1.86 names only A, C, V, X, Y, Z; the back end maps letters in order (GLFW key codes).
  const int key_a = ImGui::GetKeyIndex(ImGuiKey_A);
  if (key_a >= 0 && io.KeyCtrl && ImGui::IsKeyPressed(key_a + ('F' - 'A'), false))
    s.shell.focus_search = true;
  if (key_a >= 0 && io.KeyCtrl && ImGui::IsKeyPressed(key_a + ('Q' - 'A'), false)) s.quit = true;
  if (s.patients.empty() && !s.shell.demo_offered && !s.job.running()) {
    s.shell.demo_offered = true;
    s.shell.dialog = "demo";
  }
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin(
      "alsmeds", nullptr,
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus);
  menu(s);
  begin_tab_stops();  // Tab goes through every control below the menu, in the order drawn
  patient_picker(s);
  s.details.draw(s);
  if (s.forms_follow_patient()) ImGui::ClearActiveID();  // another patient: nothing typed for the last one
  role_switcher(s);
  if (!short_window()) {
    same_line_if_fits(em(16));
    status_line(s);
  } else if (s.job.running() || !s.status.text.empty()) {
    status_line(s);
  } else {
    ImGui::NewLine();  // the status line's place, kept empty: a message never pushes the view down
  }
  server_banner_line(s);
  ImGui::Separator();
  // The alerts beside the view; under it when the window is narrow for the text size (under 60 letters'
  // room).
  const bool narrow = io.DisplaySize.x < em(60);
  const float alerts_w = std::max(em(15), io.DisplaySize.x * 0.24f);
  // Under the view, the panel takes what its alerts need, at most 30% of the height: one line when there are
  // none or it is folded (AlertsPanel::folded), so a small screen keeps its room for the view.
  const float line = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y * 2 +
                     ImGui::GetStyle().ItemSpacing.y + 2;
  // In a short window one line with no frame round it.
  const bool one_line = s.alerts.lines.empty() || s.alerts.folded;
  const bool frameless = one_line && short_window();
  const float alerts_h = frameless  ? ImGui::GetFrameHeightWithSpacing()
                         : one_line ? line
                                    : std::max(line * 2, ImGui::GetContentRegionAvail().y * 0.3f);
  // A view wider than the window (a small window, large text) scrolls sideways rather than being cut.
  ImGui::BeginChild("view", narrow ? ImVec2(0, -alerts_h) : ImVec2(-alerts_w, 0), false,
                    ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NavFlattened);
  const std::vector<const RegisteredView*> views = views_for(s.role);
  const RegisteredView* shown = views.size() == 1 ? views.front() : nullptr;
  if (views.size() > 1 && ImGui::BeginTabBar(("views:" + std::string(to_string(s.role))).c_str(),
                                             ImGuiTabBarFlags_FittingPolicyScroll)) {
    for (std::size_t i = 0; i < views.size(); ++i) {
      const int index = static_cast<int>(i);
      const std::string title(views[i]->title);
      if (ImGui::BeginTabItem(title.c_str(), nullptr,
                              s.tab == index && s.select_tab ? ImGuiTabItemFlags_SetSelected : 0)) {
        if (!s.select_tab) s.tab = index;
        shown = views[i];
        ImGui::EndTabItem();
      }
    }
    s.select_tab = false;
    ImGui::EndTabBar();
  }
  // A nurse who opened this patient from Clinic today goes back in one click, as a nurse.
  if (s.shell.back_to_clinic_tab >= 0 && s.role == Role::patient) {
    if (ImGui::Button("< Back to Clinic today")) {
      s.role = Role::nurse;
      s.tab = s.shell.back_to_clinic_tab;
      s.select_tab = true;
      s.shell.back_to_clinic_tab = -1;
    }
    probe_item("shell:back-to-clinic");
  } else if (s.role != Role::patient) {
    s.shell.back_to_clinic_tab = -1;  // the nurse is back (or chose a role): no way back to offer
  }
  // Under all the tabs, not inside its own: Tab reaches every tab before the view (reading order).
  if (shown) {
    ImGui::PushID(shown->name.data(), shown->name.data() + shown->name.size());
    shown->draw(s);
    ImGui::PopID();
  }
  ImGui::EndChild();
  if (!narrow) ImGui::SameLine();
  ImGui::BeginChild("alerts", ImVec2(0, 0), !(narrow && frameless), ImGuiWindowFlags_NavFlattened);
  s.alerts.draw(s);
  ImGui::EndChild();
  draw_dialogs(s);
  end_tab_stops();
  ImGui::End();
}

}  // namespace alsmeds::gui
