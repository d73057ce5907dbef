#pragma once
// Nurse - Cycle planner, below riluzole (issue 26): tofersen for SOD1-ALS. A running course shows its next
// doses from the plan anchored on the doses given (core's tofersen_plan_for); otherwise "Start tofersen" with
// the day of loading dose 1. Doses are recorded from Today (the due list offers the dose due or overdue).
#include <string>
#include <vector>

#include "alsmeds/patient_facts.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

struct TofersenForm {
  std::string start;  // loading dose 1's day, as typed ("" until the form opens: today)
  Message message;

  /// What the planner says of the patient's tofersen course on `today`: "" when there is none running;
  /// otherwise the course and its next two doses ("loading dose 3 on 2026-02-06 (due), ...").
  static std::string course_line(const PatientFacts& f, Day today);
  /// Queues the start of a course on `start` (core's start_therapy: its checks and warnings).
  void start_course(AppState& s, const PatientFacts& f);
  void draw(AppState& s, const PatientFacts& f);
};

}  // namespace alsmeds::gui
