#include "views/day_plan_form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "app_state.hpp"
#include "product_combo.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

std::vector<Drug> DayPlanForm::drugs() {
  std::vector<Drug> out;
  for (const Regimen& r : regimens())
    if (r.drug > Drug::tofersen && r.plan_days) out.push_back(r.drug);  // the built-in three have their own
  return out;
}

std::string DayPlanForm::course_line(const PatientFacts& f, Drug drug, Day today) {
  for (const Therapy& t : f.therapies) {
    if (t.drug != drug || (t.stop && *t.stop < today)) continue;
    std::string line = std::string(regimen(drug).name) + " since " + format_day(t.start);
    int shown = 0;
    for (const PlannedDay& d : planned_days(t, f.log, f.zone, today + date::days{120})) {
      if (d.given || shown == 2) continue;
      line += std::string(shown == 0 ? ": " : ", then ") + d.name + " on " + format_day(d.day) +
              (d.day < today    ? " (overdue: " + d.missed_advice + ")"
               : d.day == today ? " (today)"
                                : "");
      ++shown;
    }
    return line + ".";
  }
  return "";
}

void DayPlanForm::start_course(AppState& s, const PatientFacts& f) {
  const std::vector<Drug> listed = drugs();
  if (drug < 0 || drug >= static_cast<int>(listed.size())) return;
  auto day = parse_day(start);
  if (!day) {
    s.show(message, {"start: " + day.error(), true});
    return;
  }
  TherapyRequest r;
  r.therapy.drug = listed[static_cast<std::size_t>(drug)];
  r.therapy.product = picked_product(r.therapy.drug, product);
  r.therapy.start = *day;
  const std::string name(regimen(r.therapy.drug).name);
  push_patient_write(s, f.patient.id, std::string(to_string(r.therapy.drug)) + " from " + start, &message,
                     name + " started on " + start, [r](AppState& a, const PatientFacts& stored) {
                       return start_therapy(*a.store, stored, r, a.actor());
                     });
}

void DayPlanForm::draw(AppState& s, const PatientFacts& f) {
  const std::vector<Drug> listed = drugs();
  if (listed.empty()) return;
  const Day today = s.today();
  ImGui::Separator();
  for (const Drug d : listed)
    if (const std::string line = course_line(f, d, today); !line.empty()) {
      wrapped_text(line);
      probe_item("planner:by-day-course:" + std::string(to_string(d)));
    }
  const bool open = ImGui::CollapsingHeader("Start another drug");
  probe_item("planner:by-day-header");
  if (open) {
    if (drug < 0 || drug >= static_cast<int>(listed.size())) drug = 0;
    const Drug picked = listed[static_cast<std::size_t>(drug)];
    ImGui::SetNextItemWidth(em(10));
    if (ImGui::BeginCombo("Drug##by-day", std::string(regimen(picked).name).c_str())) {
      for (std::size_t i = 0; i < listed.size(); ++i) {
        if (ImGui::Selectable(std::string(regimen(listed[i]).name).c_str(), static_cast<int>(i) == drug)) {
          drug = static_cast<int>(i);
          product = 0;
        }
        probe_item("planner:by-day-drug:" + std::string(to_string(listed[i])));
      }
      ImGui::EndCombo();
    }
    probe_item("planner:by-day-drug");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(product_combo_width(picked));
    product_combo("Form##by-day", picked, product, "planner:by-day-product:");
    if (start.empty()) start = format_day(today);
    ImGui::SetNextItemWidth(em(7.6f));
    ImGui::InputText("First day##by-day", &start);
    probe_item("planner:by-day-start-day");
    ImGui::SameLine();
    if (ImGui::Button(("Start " + std::string(to_string(picked))).c_str())) start_course(s, f);
    probe_item("planner:start-by-day");
  }
  draw_message(message, "planner:by-day-message");
}

}  // namespace alsmeds::gui
