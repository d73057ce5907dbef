#include "views/tofersen_form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "app_state.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

std::string TofersenForm::course_line(const PatientFacts& f, Day today) {
  for (const Therapy& t : f.therapies) {
    if (t.drug != Drug::tofersen || (t.stop && *t.stop < today)) continue;
    std::string line = "Tofersen since " + format_day(t.start);
    int shown = 0;
    bool overdue = false;
    for (const TofersenDose& d : tofersen_plan_for(t, f.log, f.zone, today + date::days{120}).doses) {
      if (d.given || shown == 2) continue;
      const std::string what = std::string(to_string(d.kind)) + " dose " + std::to_string(d.number);
      if (shown == 1 && overdue)  // its day follows the day the overdue one is given (the label)
        line +=
            ", then " + what + " " + std::to_string(tofersen_days_to_next(d.number - 1)) + " days after it";
      else
        line += std::string(shown == 0 ? ": " : ", then ") + what + " on " + format_day(d.day) +
                (d.day < today    ? " (overdue: give as soon as possible)"
                 : d.day == today ? " (today)"
                                  : "");
      overdue = shown == 0 && d.day < today;
      ++shown;
    }
    return line + ".";
  }
  return "";
}

void TofersenForm::start_course(AppState& s, const PatientFacts& f) {
  auto day = parse_day(start);
  if (!day) {
    s.show(message, {"start: " + day.error(), true});
    return;
  }
  TherapyRequest r;
  r.therapy.drug = Drug::tofersen;
  r.therapy.product = Product::tofersen_intrathecal;
  r.therapy.start = *day;
  push_patient_write(
      s, f.patient.id, "tofersen from " + start, &message, "Tofersen started on " + start,
      [r](AppState& a, const PatientFacts& stored) { return start_therapy(*a.store, stored, r, a.actor()); });
}

void TofersenForm::draw(AppState& s, const PatientFacts& f) {
  const Day today = s.today();
  if (const std::string line = course_line(f, today); !line.empty()) {
    wrapped_text(line);
    probe_item("planner:tofersen-course");
    draw_message(message, "planner:tofersen-message");
    return;
  }
  const bool open = ImGui::CollapsingHeader("Start tofersen (SOD1-ALS)");
  probe_item("planner:tofersen-header");
  if (!open) return;
  if (start.empty()) start = format_day(today);
  ImGui::SetNextItemWidth(em(7.6f));
  ImGui::InputText("Loading dose 1##tof", &start);
  probe_item("planner:tofersen-start-day");
  ImGui::TextDisabled("100 mg by lumbar puncture: three loading doses 14 days apart, then every 28 days.");
  if (ImGui::Button("Start tofersen")) start_course(s, f);
  probe_item("planner:start-tofersen");
  draw_message(message, "planner:tofersen-message");
}

}  // namespace alsmeds::gui
