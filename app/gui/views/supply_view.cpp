// Pharmacist - Supply: the supplies that run out soonest, one click to the patient.
#include "views/supply_view.hpp"

#include <imgui.h>

#include "alsmeds/patient_facts.hpp"
#include "app_state.hpp"
#include "background_read.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

long long day_of(Instant now) {
  return date::floor<date::days>(now).time_since_epoch().count();
}

void reload(AppState& s) {
  SupplyView& v = s.supply;
  if (s.job.running()) return;
  const Instant now = s.now;
  const int refill_days = s.settings.refill_days;
  v.loading = true;
  v.revision = s.revision;
  v.refill_days = refill_days;
  v.day = day_of(now);
  v.read_failure = {};
  read_in_background<std::vector<PatientSupply>>(
      s.job, s, "Reading every patient's supply", "The supplies",
      [now, refill_days](RecordStore& store) { return load_supply_list(store, now, refill_days); },
      [](AppState& st, std::optional<std::vector<PatientSupply>> rows, const std::string& why) {
        SupplyView& w = st.supply;
        w.loading = false;
        if (!why.empty()) st.show(w.read_failure, {why, true});
        if (!rows) return;  // failed, or another database was opened meanwhile: read it again
        w.rows = std::move(*rows);
        w.loaded = true;
      });
}

/// One click on a row: that patient, in the patient's own view (Today), as Clinic today does.
void open_patient(AppState& s, RecordId patient) {
  s.patient_id = patient;
  s.role = Role::patient;
  s.tab = 0;
  s.select_tab = true;
}

std::string days_away(const PatientSupply& r) {
  const long long n = (*r.status.runs_out_on - r.on).count();
  if (n < 0) return "ran out " + std::to_string(-n) + (n == -1 ? " day ago" : " days ago");
  if (n == 0) return "today";
  return "in " + std::to_string(n) + (n == 1 ? " day" : " days");
}

void table(AppState& s, const std::vector<const PatientSupply*>& shown) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("supply", 7, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  auto column = [](const char* label, const char* typical) {
    ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize(typical).x + ImGui::GetStyle().CellPadding.x * 2);
  };
  column("Patient", "François O'Connor (DEMO-0012)");
  column("Runs out", "2026-11-30 (ran out 10 days ago)");
  column("Drug", "edaravone");
  column("Product", "radicava-iv");
  column("On hand", "300 tablet");
  column("Doses left", "Doses left");
  column("Counted from", "Counted from");  // wider than "log + plan"
  ImGui::TableHeadersRow();
  std::optional<RecordId> opened;
  for (std::size_t n = 0; n < shown.size(); ++n) {
    const PatientSupply& r = *shown[n];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string mrn = r.patient.mrn.value_or("#" + std::to_string(r.patient.id));
    const std::string label = r.patient.name + " (" + mrn + ")##supply" + std::to_string(n);
    if (ImGui::Selectable(label.c_str(), r.patient.id == s.patient_id, ImGuiSelectableFlags_SpanAllColumns))
      opened = r.patient.id;
    probe_visible_item("supply:row:" + std::to_string(n));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Refill by %s\nClick: open %s's day", format_day(*r.status.refill_by).c_str(),
                        r.patient.name.c_str());
    ImGui::TableNextColumn();
    const bool out = *r.status.runs_out_on <= r.on;
    const std::string when = format_day(*r.status.runs_out_on) + " (" + days_away(r) + ")";
    ImGui::TextColored(out ? colour::overdue : colour::late, "%s", when.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(std::string(to_string(r.status.drug)).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.status.product.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_quantity(r.status.on_hand, r.status.unit).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", r.status.doses_left);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.status.based_on == "log" ? "log + plan" : "the plan");
  }
  ImGui::EndTable();
  if (opened) open_patient(s, *opened);
}

}  // namespace

Result<std::vector<PatientSupply>> load_supply_list(RecordStore& store, Instant now, int refill_days) {
  // The westernmost zone's today is at most a day behind UTC's (as Clinic today reads the clinic).
  auto facts =
      load_clinic_supply_facts(store, store.patients(), date::floor<date::days>(now) - date::days{1});
  if (!facts) return fail(facts.error());
  return supplies_running_out(*facts, now, std::nullopt, kSupplyListDays, refill_days);
}

std::vector<const PatientSupply*> supply_rows_within(const std::vector<PatientSupply>& rows, int within) {
  std::vector<const PatientSupply*> out;
  for (const PatientSupply& r : rows)
    if ((*r.status.runs_out_on - r.on).count() <= within) out.push_back(&r);
  return out;
}

void SupplyView::draw(AppState& s) {
  SupplyView& v = s.supply;
  if (!s.store) return;
  if (!v.loading &&
      (v.revision != s.revision || v.refill_days != s.settings.refill_days || v.day != day_of(s.now)) &&
      (v.read_failure.text.empty() || v.revision != s.revision))
    reload(s);
  draw_message(v.read_failure, "supply:read-failure");
  ImGui::TextUnformatted("Runs out within");
  same_line_if_fits(check_width("7 days"));
  if (ImGui::RadioButton("7 days", v.within == 7)) v.within = 7;
  probe_item("supply:7");
  same_line_if_fits(check_width("14 days"));
  if (ImGui::RadioButton("14 days", v.within == 14)) v.within = 14;
  probe_item("supply:14");
  if (!v.loaded) {
    if (v.read_failure.text.empty()) ImGui::TextDisabled("Reading every patient's supply...");
    return;
  }
  const auto shown = supply_rows_within(v.rows, v.within);
  // One short line: the window can be short (800x600 at text size 2.0, the alerts under the view).
  wrapped_text(std::to_string(shown.size()) + (shown.size() == 1 ? " supply" : " supplies") +
               ", fewest days left first.");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Supplies that run out within %d days, or ran out already, at the start of each patient's today;\n"
        "refill reminders %d days ahead (Settings). Riluzole must never run out silently: a gap in supply\n"
        "is a gap in the PDC.",
        v.within, s.settings.refill_days);
  if (shown.empty()) {
    ImGui::TextDisabled("No supply runs out within %d days.", v.within);
    return;
  }
  table(s, shown);
}

}  // namespace alsmeds::gui
