#pragma once
// Nurse - Cycle planner, below tofersen (issue 26): a drug registered after the built-in three and planned by
// the day (its module's plan_days) has no form of its own: this one starts its course (a product and a start
// day) and then names its next planned doses, from its plan over the doses given. Doses are recorded from
// Today (the due list offers the dose due or overdue). Nothing is drawn when no such drug is registered.
#include <string>
#include <vector>

#include "alsmeds/patient_facts.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

struct DayPlanForm {
  int drug = 0;       // indexes drugs()
  int product = 0;    // indexes products_of(the drug)
  std::string start;  // the course's first day, as typed ("" until the form opens: today)
  Message message;

  /// The drugs it starts: those registered after the built-in three whose plan is by the day, in Drug's
  /// order.
  static std::vector<Drug> drugs();
  /// What the planner says of the patient's course of `drug` on `today`: "" when none runs; otherwise its
  /// start and its next two planned doses ("Placebine since 2026-01-05: week 2 on 2026-01-12 (today), then
  /// week 3 on 2026-01-19.").
  static std::string course_line(const PatientFacts& f, Drug drug, Day today);
  /// Queues the start of a course of the picked drug and product on `start` (core's start_therapy).
  void start_course(AppState& s, const PatientFacts& f);
  void draw(AppState& s, const PatientFacts& f);
};

}  // namespace alsmeds::gui
