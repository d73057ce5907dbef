#include "views/course_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "app_state.hpp"
#include "product_combo.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

/// The first product other than the one in force today (a switch to the same product is refused).
int other_product(const PatientFacts& f, Drug drug, Day today) {
  const Therapy* t = latest_therapy(f, drug);
  const auto products = products_of(drug);
  for (std::size_t i = 0; i < products.size(); ++i)
    if (!t || products[i] != product_on(*t, today)) return static_cast<int>(i);
  return 0;
}

void course_line(const PatientFacts& f, Drug drug, Day today) {
  const Therapy* t = latest_therapy(f, drug);
  const std::string name(to_string(drug));
  if (!t) {
    ImGui::TextDisabled("No %s course yet.", name.c_str());
    return;
  }
  const std::string text =
      name + " " + product_choice(product_on(*t, today)) + " since " + format_day(t->start) +
      (t->stop ? ", stopped " + format_day(*t->stop) : std::string(", running")) + switches_ahead(*t, today);
  wrapped_text(text);
}

void draw_switch(AppState& s, const PatientFacts& f) {
  CourseView& v = s.course;
  ImGui::TextUnformatted("Switch the form or product from a day on (the course and its calendar go on)");
  ImGui::SetNextItemWidth(em(8));
  // The drugs of the registry (regimens.hpp), in its order.
  const auto all = regimens();
  if (v.switch_drug < 0 || v.switch_drug >= static_cast<int>(all.size())) v.switch_drug = 0;
  if (ImGui::BeginCombo("Drug##switch",
                        std::string(all[static_cast<std::size_t>(v.switch_drug)].word).c_str())) {
    for (std::size_t i = 0; i < all.size(); ++i)
      if (ImGui::Selectable(std::string(all[i].word).c_str(), static_cast<int>(i) == v.switch_drug)) {
        v.switch_drug = static_cast<int>(i);
        v.switch_product = -1;
      }
    ImGui::EndCombo();
  }
  probe_item("course:switch-drug");
  const Drug drug = all[static_cast<std::size_t>(v.switch_drug)].drug;
  if (v.switch_product < 0 || v.switch_product >= static_cast<int>(products_of(drug).size()))
    v.switch_product = other_product(f, drug, s.today());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em(18));
  product_combo("To##switch", drug, v.switch_product, "course:switch-product:");
  probe_item("course:switch-to");
  if (v.switch_from.empty()) {
    // The first day with no dose of the drug logged (core refuses a switch from a day already dosed): today,
    // or tomorrow once today's dose is logged.
    Day from = s.today();
    for (const LogEntry& e : current_entries(f.log))
      if (e.kind == LogKind::dose && e.status && e.drug == drug && local_day(e.at, f.zone) >= from)
        from = local_day(e.at, f.zone) + date::days{1};
    v.switch_from = format_day(from);
  }
  ImGui::SetNextItemWidth(em(7));
  ImGui::InputText("From (YYYY-MM-DD)##switch", &v.switch_from);
  probe_item("course:switch-from");
  ImGui::SetNextItemWidth(em(22));
  ImGui::InputTextWithHint("##switch-reason", "reason (needed): swallowing, tube, supply...",
                           &v.switch_reason);
  probe_item("course:switch-reason");
  ImGui::SameLine();
  if (ImGui::Button("Switch")) {
    auto from = parse_day(v.switch_from);
    if (!from) {
      s.show(v.switch_message, {"from: " + from.error(), true});
    } else {
      SwitchRequest r;
      r.drug = drug;
      r.product = picked_product(drug, v.switch_product);
      r.from = *from;
      r.reason = v.switch_reason;
      push_patient_write(s, f.patient.id,
                         std::string(to_string(drug)) + " switch to " + product_choice(r.product),
                         &v.switch_message,
                         std::string(to_string(drug)) + " switched to " + product_choice(r.product) +
                             " from " + v.switch_from,
                         [r](AppState& a, const PatientFacts& stored) {
                           return switch_therapy(*a.store, stored, r, a.actor());
                         });
    }
  }
  probe_item("course:switch");
  draw_message(v.switch_message, "course:switch-message");
}

void draw_restart(AppState& s, const PatientFacts& f) {
  CourseView& v = s.course;
  const Therapy* last = latest_therapy(f, Drug::edaravone);
  ImGui::TextUnformatted("Restart edaravone after a stop");
  if (!last || !last->stop) {
    ImGui::TextDisabled(last ? "The edaravone course is running: stop it before a restart."
                             : "No earlier course: the cycle planner starts a first course.");
    return;
  }
  if (v.restart_start.empty()) v.restart_start = format_day(s.today());
  ImGui::SetNextItemWidth(em(7));
  ImGui::InputText("Start (YYYY-MM-DD)##restart", &v.restart_start);
  probe_item("course:restart-start");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(product_combo_width(Drug::edaravone));
  product_combo("Form##restart", Drug::edaravone, v.restart_form);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(combo_width({"earliest 10 days", "weekdays only"}));
  ImGui::Combo("Later cycles##restart", &v.restart_policy, "earliest 10 days\0weekdays only\0");
  wrapped_text("Cycle 1, the prescriber's choice (the labels say nothing of restarts):");
  ImGui::RadioButton("full: a dose every day for 14 days", &v.first_cycle, 0);
  probe_item("course:first-cycle-full");
  ImGui::SameLine();
  ImGui::RadioButton("10 of 14 days, like later cycles", &v.first_cycle, 1);
  probe_item("course:first-cycle-10-of-14");
  if (f.patient.sulfite_allergy) {
    ImGui::TextColored(colour::overdue, "SULFITE ALLERGY: edaravone contains sodium bisulfite.");
    ImGui::SetNextItemWidth(em(10));
    ImGui::InputTextWithHint("##restart-sulfite-who", "prescriber", &v.sulfite_risk.prescriber);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(16));
    ImGui::InputTextWithHint("##restart-sulfite-why", "why it may be given", &v.sulfite_risk.reason);
  }
  ImGui::SetNextItemWidth(em(22));
  ImGui::InputTextWithHint("##restart-reason", "why this cycle 1 (needed)", &v.restart_reason);
  probe_item("course:restart-reason");
  ImGui::SameLine();
  if (ImGui::Button("Restart edaravone")) {
    auto day = parse_day(v.restart_start);
    if (!day) {
      s.show(v.restart_message, {"start: " + day.error(), true});
    } else {
      TherapyRequest r;
      r.therapy.drug = Drug::edaravone;
      r.therapy.product = picked_product(Drug::edaravone, v.restart_form);
      r.therapy.start = *day;
      r.therapy.policy = v.restart_policy == 0 ? DayPolicy::earliest : DayPolicy::weekdays;
      if (v.first_cycle >= 0)
        r.first_cycle = v.first_cycle == 0 ? FirstCycle::full : FirstCycle::ten_of_fourteen;
      r.restart_reason = v.restart_reason;
      r.sulfite_risk = v.sulfite_risk;
      const std::string cycle =
          r.first_cycle ? " (cycle 1 " + std::string(to_string(*r.first_cycle)) + ")" : "";
      push_patient_write(s, f.patient.id, "edaravone restart from " + v.restart_start, &v.restart_message,
                         "Edaravone restarted on " + v.restart_start + cycle,
                         [r](AppState& a, const PatientFacts& stored) {
                           return start_therapy(*a.store, stored, r, a.actor());
                         });
    }
  }
  probe_item("course:restart");
  draw_message(v.restart_message, "course:restart-message");
}

void draw_decision(AppState& s, const PatientFacts& f) {
  CourseView& v = s.course;
  ImGui::TextUnformatted("The prescriber's decision on a stop alert (ALT 5x ULN or more)");
  const Day today = s.today();
  const std::optional<Day> alt_day = riluzole_on_hold(f, today);
  if (!alt_day) {
    ImGui::TextDisabled("No stop alert stands: riluzole doses are not on hold.");
    draw_message(v.decision_message, "course:decision-message");
    return;
  }
  const std::string alt = format_day(*alt_day);
  ImGui::TextColored(colour::overdue, "Riluzole ON HOLD: ALT 5x ULN or more on %s.", alt.c_str());
  ImGui::RadioButton("continue riluzole", &v.decision, 0);
  probe_item("course:decision-continue");
  ImGui::SameLine();
  ImGui::RadioButton("discontinue riluzole", &v.decision, 1);
  probe_item("course:decision-discontinue");
  if (v.decision == 1) {
    if (v.stop_day.empty()) v.stop_day = format_day(today);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(7));
    ImGui::InputText("last day##decision", &v.stop_day);
    probe_item("course:decision-stop-day");
  }
  ImGui::SetNextItemWidth(em(10));
  ImGui::InputTextWithHint("##decision-who", "prescriber (needed)", &v.prescriber);
  probe_item("course:decision-prescriber");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em(18));
  ImGui::InputTextWithHint("##decision-why", "why (needed)", &v.decision_reason);
  probe_item("course:decision-reason");
  ImGui::SameLine();
  if (ImGui::Button("Record decision")) {
    auto stop = v.decision == 1 ? parse_day(v.stop_day) : Result<Day>(today);
    if (v.decision < 0) {
      s.show(v.decision_message, {"choose continue or discontinue riluzole", true});
    } else if (!stop) {
      s.show(v.decision_message, {"last day: " + stop.error(), true});
    } else {
      StopAlertDecisionRequest r;
      r.alt_day = *alt_day;
      r.decision = v.decision == 0 ? StopAlertDecision::continue_riluzole : StopAlertDecision::discontinue;
      r.prescriber = {v.prescriber, v.decision_reason};
      r.stop_day = *stop;
      const std::string done =
          v.decision == 0 ? "Riluzole continues (ALT of " + alt + "), decided by " + v.prescriber
                          : "Riluzole discontinued from " + v.stop_day + ", decided by " + v.prescriber;
      push_patient_write(s, f.patient.id, "decision on the stop alert of " + alt, &v.decision_message, done,
                         [r](AppState& a, const PatientFacts& stored) {
                           return decide_stop_alert(*a.store, stored, r, a.actor());
                         });
    }
  }
  probe_item("course:decide");
  draw_message(v.decision_message, "course:decision-message");
}

}  // namespace

void CourseView::draw(AppState& s) {
  const PatientFacts* f = s.facts();
  if (!f) {
    if (!draw_server_wait(s.waits_for_server()))
      ImGui::TextDisabled("Choose a patient (Ctrl+F) to change a course of therapy.");
    return;
  }
  const Day today = s.today();
  for (const Regimen& r : regimens()) course_line(*f, r.drug, today);  // every registered drug
  ImGui::Separator();
  draw_switch(s, *f);
  ImGui::Separator();
  draw_restart(s, *f);
  ImGui::Separator();
  draw_decision(s, *f);
  ImGui::Separator();
  s.course.function.draw(s, *f);
  s.course.observations.draw(s, *f);
}

}  // namespace alsmeds::gui
