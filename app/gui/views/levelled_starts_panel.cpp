// Nurse - Cycle planner, "Level the chairs": the ranked start days of a new IV edaravone course, each with
// the unit's load over the days scored (the other patients' infusions, this course's added, the chairs x
// hours of each day as the line).
#include "views/levelled_starts_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "app_state.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

// Bars of the day loads (others plus this proposal), red above the day's capacity; the capacity as a line.
void load_chart(const LevelledStarts& r, const StartProposal& p, float width, float height) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ChairLoad load = r.others;
  add_doses(load, p.dose_days);
  int top = 1;
  for (int i = 0; i < r.days; ++i) {
    const Day d = r.others.from + date::days{i};
    top = std::max({top, load.on(d), r.unit.infusions_per_day(d)});
  }
  const float day_w = width / static_cast<float>(std::max(r.days, 1));
  dl->AddRectFilled(at, ImVec2(at.x + width, at.y + height), colour::u32(colour::muted, 0.12f));
  for (int i = 0; i < r.days; ++i) {
    const Day d = r.others.from + date::days{i};
    const int l = load.on(d), cap = r.unit.infusions_per_day(d);
    const float x = at.x + day_w * static_cast<float>(i);
    const float h = height * static_cast<float>(l) / static_cast<float>(top);
    const bool own = std::binary_search(p.dose_days.begin(), p.dose_days.end(), d);
    const ImVec4 c = l > cap ? colour::overdue : own ? colour::dose : colour::muted;
    dl->AddRectFilled(ImVec2(x, at.y + height - h), ImVec2(x + std::max(day_w - 0.3f, 0.8f), at.y + height),
                      colour::u32(c, own || l > cap ? 0.95f : 0.6f));
    if (cap > 0) {
      const float y = at.y + height - height * static_cast<float>(cap) / static_cast<float>(top);
      dl->AddLine(ImVec2(x, y), ImVec2(x + day_w, y), colour::u32(colour::late), 1.0f);
    }
  }
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace

bool LevelledStartsPanel::ask(AppState& s, RecordId patient_id, Day from, DayPolicy preference) {
  if (s.job.running()) {
    s.show(message, {"Another task is running (" + s.job.title() + "): try again when it is done.", true});
    return false;
  }
  patient = patient_id;
  result.reset();
  message = {};
  loading = true;
  const int press = ++asked;
  const std::string path = s.db_path;
  const OpenOptions options = s.worker_options(false);
  s.job.start("Scoring start days against the unit's chairs",
              [path, options, patient_id, from, preference, press,
               &s](JobProgress& progress) -> BackgroundJob::Finish {
                progress.fraction = -1;
                std::optional<LevelledStarts> found;
                std::string why;
                try {
                  auto store = open_record_store(path, options);
                  if (!store) throw std::runtime_error(store.error());
                  RecordStore& db = **store;
                  const std::optional<Patient> p = db.find_patient(patient_id);
                  if (!p) throw std::runtime_error("patient " + std::to_string(patient_id) + " is gone");
                  auto facts = load_facts(db, *p, false);
                  if (!facts) throw std::runtime_error(facts.error());
                  StartProposalRequest r;
                  r.from = from;
                  r.preference = preference;
                  auto levelled =
                      propose_levelled_starts(db, *facts, r, infusion_unit_of(unit_settings_in_force(db)));
                  if (levelled)
                    found = std::move(*levelled);
                  else
                    why = levelled.error();
                } catch (const std::exception& e) {
                  why = "The clinic's load could not be read: " + explain_storage_failure(e);
                }
                return [&s, found = std::move(found), why, press, patient_id]() mutable {
                  LevelledStartsPanel& panel = s.planner.levelling;
                  if (panel.asked != press || panel.patient != patient_id)
                    return;  // asked again, or moved on
                  panel.loading = false;
                  if (found)
                    panel.result = std::move(found);
                  else
                    panel.message = {why, true};
                };
              });
  return true;
}

const StartProposal* LevelledStartsPanel::draw(AppState& s) {
  (void)s;
  draw_message(message, "planner:level-message");
  if (loading) {
    ImGui::TextDisabled("Scoring start days against every patient's infusions...");
    return nullptr;
  }
  if (!result) return nullptr;
  const LevelledStarts& r = *result;
  char unit[128];
  std::snprintf(unit, sizeof unit, "%d chairs, %02d:00-%02d:00%s; over %d days from %s.", r.unit.chairs,
                r.unit.opening_hour, r.unit.closing_hour, r.unit.weekdays_only ? ", weekdays" : "", r.days,
                format_day(r.others.from).c_str());
  ImGui::TextDisabled("%s", unit);
  ImGui::TextDisabled(
      "Bars: infusions a day (blue: this course, red: over the chairs); line: chairs x hours.");
  const StartProposal* used = nullptr;
  if (!ImGui::BeginTable("levelled", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit))
    return nullptr;
  for (const char* h : {"Rank", "Start", "Peak", "Over capacity", "Load", ""}) ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const StartProposal& p : r.proposals) {
    ImGui::PushID(static_cast<int>(p.start.time_since_epoch().count()) * 2 + (p.earliest ? 1 : 0));
    ImGui::TableNextColumn();
    ImGui::Text("%d", p.rank);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_day(p.start).c_str());
    if (p.earliest) {
      ImGui::SameLine();
      ImGui::TextDisabled("(earliest)");
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Dose days: %s", describe_dose_days(p.start, p.dose_days).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", p.peak_day_load);
    ImGui::TableNextColumn();
    ImGui::TextColored(p.over_capacity_days ? colour::overdue : colour::ok, "%d days", p.over_capacity_days);
    ImGui::TableNextColumn();
    load_chart(r, p, em(22), ImGui::GetTextLineHeight() * 1.6f);
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Use")) used = &p;
    probe_item("planner:level-use:" + std::to_string(p.rank) + (p.earliest ? "e" : ""));
    ImGui::PopID();
  }
  ImGui::EndTable();
  return used;
}

}  // namespace alsmeds::gui
