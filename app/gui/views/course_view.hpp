#pragma once
// Nurse - Course of therapy: what changes a running course as the prescriber decides it, as alsmeds-cli's
// `therapy switch`, `therapy start --first-cycle` (a restart) and `alert decide` do: a switch of form or
// product from a day on, a restart of edaravone after a stop with the prescriber's explicit choice of
// cycle 1, and the prescriber's decision on a stop alert. Every write goes through core's rules; each
// outcome stands next to its button.
#include <string>

#include "alsmeds/rules/clinic_actions.hpp"
#include "message.hpp"
#include "views/function_panel.hpp"
#include "views/observations_panel.hpp"

namespace alsmeds::gui {

struct AppState;

struct CourseView {
  // Switch of form or product.
  int switch_drug = 0;      // 0 edaravone, 1 riluzole
  int switch_product = -1;  // index in the drug's products (edaravone: iv, oral; riluzole: tablet, ...);
                            // -1: the first other than the one in force
  std::string switch_from, switch_reason;
  Message switch_message;
  // Restart of edaravone after a stop: cycle 1 is the prescriber's explicit choice (none until chosen).
  std::string restart_start, restart_reason;
  int restart_form = 0, restart_policy = 0;
  int first_cycle = -1;  // -1 not chosen, 0 full (14 daily doses), 1 10-of-14
  Confirmation sulfite_risk;
  Message restart_message;
  // The prescriber's decision on a stop alert (ALT 5x ULN or more).
  int decision = -1;  // -1 not chosen, 0 continue riluzole, 1 discontinue
  std::string prescriber, decision_reason, stop_day;
  Message decision_message;
  FunctionPanel function;          // doses and the ALSFRS-R on one axis, the clinician's rating
  ObservationsPanel observations;  // tofersen's NfL and CSF results

  void draw(AppState& s);
};

}  // namespace alsmeds::gui
