#pragma once
// Nurse - Cycle planner: the view's state (the start forms, confirmations, the delay form, the month shown)
// and its draw(). The model (planner_model.hpp) is a plain struct tests build without a window.
#include <optional>
#include <string>

#include "alsmeds/rules/clinic_actions.hpp"
#include "message.hpp"
#include "planner_model.hpp"
#include "views/day_plan_form.hpp"
#include "views/levelled_starts_panel.hpp"
#include "views/tofersen_form.hpp"

namespace alsmeds::gui {

struct AppState;

struct PlannerView {
  PlannerModel model;
  RecordId patient = 0;
  int revision = -1;
  bool month_set = false;
  date::year_month month{date::year{2026}, date::month{1}};
  Day selected;
  std::string start_text;    // the start date's field, as typed
  std::string start_filled;  // what the app last put in the field (a proposal): "" until it does
  /// Propose pressed over a date the person typed: the proposal waits beside it for Use or Keep.
  std::optional<std::string> proposal_waiting;
  int form = 0, policy = 0;
  Confirmation sulfite_risk;  // the prescriber and why, typed in the planner
  int delay_cycle = 0, delay_days = 7, reflow = 0;
  std::string riluzole_start, riluzole_times = "08:00,20:00";
  Confirmation baseline_alt;
  std::string reason;
  Message start_message, riluzole_message, infusion_message, delay_message;
  LevelledStartsPanel levelling;  // "Level the chairs" for an IV start
  TofersenForm tofersen;          // below riluzole
  DayPlanForm by_day;             // below tofersen: a drug registered after the built-in three
  /// The dose days of cycles 2+ of the proposal last used, for a start on `dose_days_from` only: a start on
  /// another day (the field changed) takes the policy's days.
  DoseDayPattern dose_days;
  std::optional<Day> dose_days_from;
  int dose_days_rank = 0;

  /// Whether the start field holds a date the person typed (not empty, not the app's proposal).
  bool start_typed() const { return !start_text.empty() && start_text != start_filled; }
  /// Propose: fills the field with `proposed` unless it holds a typed date; then the proposal waits beside
  /// it, both dates shown, until Use (use_proposal) or Keep (keep_typed). Never replaces a typed date unsaid.
  void propose_start(const std::string& proposed);
  void use_proposal();
  void keep_typed() { proposal_waiting.reset(); }
  /// Use of a chair-levelling proposal: its start in the field (what the person typed there is replaced:
  /// they pressed Use on this row) and its dose days kept for that start.
  void use_levelled(const StartProposal& proposal);
  /// The dose days the start writes: the used proposal's when the field still holds its start, else none.
  DoseDayPattern dose_days_for_start() const;

  void draw(AppState& s);
};

}  // namespace alsmeds::gui
