#include "record_commands.hpp"

#include <iostream>
#include <memory>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"
#include "cli_support.hpp"

namespace alsmeds::cli {
namespace {

template <class F>
void on_run(CLI::App* cmd, std::function<int()>& action, F f) {
  cmd->callback([cmd, &action, f] { action = f; });
}

struct PatientAdd {
  std::string name, tz, mrn, born, weight, onset;
  bool sulfite = false, asthma = false, dysphagia = false, tube = false;
};

int run_patient_add(Session& s, const PatientAdd& o) {
  NewPatient p;
  p.name = o.name;
  p.tz = o.tz;
  if (!o.mrn.empty()) p.mrn = o.mrn;
  if (!o.born.empty()) p.born = require(parse_day(o.born), "--born");
  if (!o.onset.empty()) p.onset = require(parse_day(o.onset), "--onset");
  p.sulfite_allergy = o.sulfite;
  p.asthma = o.asthma;
  p.dysphagia = o.dysphagia;
  p.feeding_tube = o.tube;
  if (!o.weight.empty()) p.baseline_weight_kg = require(rules::parse_decimal(o.weight), "--weight");
  const Actor actor = s.actor();
  return show(add_patient(s.store(), p, date::floor<date::days>(actor.now), actor));
}

int run_patient_list(Session& s, const std::optional<std::string>& format) {
  const OutputFormat f = choose_format(format);
  RecordTable t;
  t.columns = {{"id", true}, {"mrn"}, {"name"}, {"tz"}, {"born"}, {"flags"}};
  for (const Patient& p : s.store().patients()) {
    std::string flags;
    auto add = [&](bool on, const char* name) {
      if (on) flags += (flags.empty() ? "" : " ") + std::string(name);
    };
    add(p.sulfite_allergy, "sulfite-allergy");
    add(p.asthma, "asthma");
    add(p.dysphagia, "dysphagia");
    add(p.feeding_tube, "feeding-tube");
    t.rows.push_back(
        {std::to_string(p.id), p.mrn.value_or(""), p.name, p.tz, p.born ? format_day(*p.born) : "", flags});
  }
  print_table(t, f);
  return kExitDone;
}

struct PatientUpdate {
  std::string patient, name, tz, from, born, tube, sulfite, reason, onset;
};

std::optional<bool> yes_or_no(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  if (text == "yes") return true;
  if (text == "no") return false;
  throw BadInput(std::string(option) + ": '" + text + "' is not yes or no");
}

int run_patient_update(Session& s, const PatientUpdate& o) {
  const PatientFacts f = s.facts(s.patient(o.patient), false);
  PatientChange c;
  if (!o.name.empty()) c.name = o.name;
  if (!o.tz.empty()) c.tz = o.tz;
  if (!o.from.empty()) c.tz_from = require(parse_day(o.from), "--from");
  if (!o.born.empty()) c.born = require(parse_day(o.born), "--born");
  if (!o.onset.empty()) c.onset = require(parse_day(o.onset), "--onset");
  c.feeding_tube = yes_or_no(o.tube, "--feeding-tube");
  c.sulfite_allergy = yes_or_no(o.sulfite, "--sulfite-allergy");
  c.reason = o.reason;
  return show(update_patient(s.store(), f, c, s.actor()));
}

struct TherapyStart {
  std::string patient, drug, start, form, policy = "earliest", times = "08:00,20:00", schedule = "eu";
  std::string prescriber, confirm_reason, first_cycle, restart_reason, dose_days;
  bool weekdays_only = false, confirm_sulfite = false, confirm_alt = false, confirm_liver_restart = false;
  bool fit_start = false;
  std::vector<std::string> riluzole_options;  // --times, --lft-schedule, --lft-weekdays-only as typed
};

int run_therapy_start(Session& s, const TherapyStart& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));
  TherapyRequest r;
  NewTherapy& t = r.therapy;
  t.drug = require(parse_drug(o.drug), "--drug");
  t.start = require(parse_day(o.start), "--start");
  // The first product of the drug's table row unless --form names another (regimens.hpp).
  t.product = o.form.empty() ? regimen(t.drug).products.front().product
                             : require(parse_product(t.drug, o.form), "--form");
  if (t.drug != Drug::riluzole && !o.riluzole_options.empty())
    throw BadInput(o.riluzole_options.front() + ": for a riluzole course (its dose times and liver tests)");
  if (t.drug != Drug::edaravone) {
    if (o.fit_start) throw BadInput("--fit-start: for an edaravone course (its cycle 1 around closed days)");
    if (!o.dose_days.empty()) throw BadInput("--dose-days: for an edaravone course (its cycles' dose days)");
  }
  switch (t.drug) {
    case Drug::edaravone: {
      t.policy = require(parse_day_policy(o.policy), "--policy");
      t.dose_days = require(parse_dose_day_pattern(o.dose_days), "--dose-days");
      if (o.fit_start) {  // as `plan edaravone --fit-start`: the first day whose cycle 1 gets all 14 doses
        std::vector<Day> closed;
        for (const ClosedDay& c : f.closed) closed.push_back(c.day);
        const Day fitted =
            require(propose_edaravone_start(t.start, ClosedDays(std::move(closed))), "--fit-start");
        if (fitted != t.start)
          print_warning("start moved from " + format_day(t.start) + " to " + format_day(fitted) +
                        " so that cycle 1 gets all 14 doses");
        t.start = fitted;
      }
      break;
    }
    case Drug::riluzole:
      t.times = require(parse_wall_clock_list(o.times), "--times");
      t.liver_tests = require(parse_liver_test_schedule(o.schedule), "--lft-schedule");
      t.liver_tests_weekdays_only = o.weekdays_only;
      break;
    case Drug::tofersen:  // a dose on a day, in the clinic: no times, no liver-test schedule
      break;
  }
  if ((o.confirm_sulfite || o.confirm_alt || o.confirm_liver_restart) &&
      (o.prescriber.empty() || o.confirm_reason.empty()))
    throw BadInput(
        "--confirm-*: a confirmation names the prescriber (--prescriber) and why (--confirm-reason)");
  if (!o.first_cycle.empty()) r.first_cycle = require(parse_first_cycle(o.first_cycle), "--first-cycle");
  r.restart_reason = o.restart_reason;
  const Confirmation c{o.prescriber, o.confirm_reason};
  if (o.confirm_sulfite) r.sulfite_risk = c;
  if (o.confirm_alt) r.baseline_alt = c;
  if (o.confirm_liver_restart) r.liver_restart = c;
  return show(start_therapy(s.store(), f, r, s.actor()));
}

struct TherapyShift {
  std::string patient, drug = "edaravone", reason, cycle, days;
  bool only_this = false;
};

int run_therapy_shift(Session& s, const TherapyShift& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));  // the log: logged doses never move
  if (!regimen(require(parse_drug(o.drug), "--drug")).shifted_cycles)
    throw BadInput("--drug: only " + drug_words([](const Regimen& r) { return r.shifted_cycles; }) +
                   " cycles can be shifted");
  // Digits only here; the rulebook bounds the cycle and the delay.
  const CycleShift shift{static_cast<int>(count_option(o.cycle, "--cycle", 0, 100000)),
                         static_cast<int>(count_option(o.days, "--days", 0, 100000)),
                         o.only_this ? Reflow::only_this_cycle : Reflow::shift_all_later, std::nullopt};
  return show(shift_cycle(s.store(), f, shift, o.reason, s.actor()));
}

struct TherapyStop {
  std::string patient, drug, date, reason;
};

int run_therapy_stop(Session& s, const TherapyStop& o) {
  const PatientFacts f = s.facts(s.patient(o.patient), false);
  return show(stop_therapy(s.store(), f, require(parse_drug(o.drug), "--drug"),
                           require(parse_day(o.date), "--date"), o.reason, s.actor()));
}

struct TherapyPause {
  std::string patient, drug, from, to, date, reason;
};

int run_therapy_pause(Session& s, const TherapyPause& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));
  PauseRequest r;
  r.drug = require(parse_drug(o.drug), "--drug");
  r.from = require(parse_day(o.from), "--from");
  r.to = require(parse_day(o.to), "--to");
  r.reason = o.reason;
  return show(pause_therapy(s.store(), f, r, s.actor()));
}

int run_therapy_resume(Session& s, const TherapyPause& o) {
  const PatientFacts f = s.facts(s.patient(o.patient), false);
  return show(resume_therapy(s.store(), f, require(parse_drug(o.drug), "--drug"),
                             require(parse_day(o.date), "--date"), o.reason, s.actor()));
}

struct TherapySwitch {
  std::string patient, drug, form, date, reason;
};

int run_therapy_switch(Session& s, const TherapySwitch& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));
  SwitchRequest r;
  r.drug = require(parse_drug(o.drug), "--drug");
  r.product = require(parse_product(r.drug, o.form), "--form");
  r.from = require(parse_day(o.date), "--date");
  r.reason = o.reason;
  return show(switch_therapy(s.store(), f, r, s.actor()));
}

struct AlertDecide {
  std::string patient, alt_date, decision, prescriber, reason, stop_date;
};

int run_alert_decide(Session& s, const AlertDecide& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));
  StopAlertDecisionRequest r;
  r.alt_day = require(parse_day(o.alt_date), "--alt-date");
  if (o.decision == "continue")
    r.decision = StopAlertDecision::continue_riluzole;
  else if (o.decision == "discontinue")
    r.decision = StopAlertDecision::discontinue;
  else
    throw BadInput("--decision: '" + o.decision + "' is not continue or discontinue");
  r.prescriber = {o.prescriber, o.reason};
  r.stop_day =
      o.stop_date.empty() ? local_day(s.actor().now, f.zone) : require(parse_day(o.stop_date), "--stop-date");
  return show(decide_stop_alert(s.store(), f, r, s.actor()));
}

}  // namespace

void add_log_commands(CLI::App& app, std::function<int()>& action, Session& session);
void add_report_commands(CLI::App& app, std::function<int()>& action, Session& session);
void add_import_command(CLI::App& app, std::function<int()>& action, Session& session);
void add_due_command(CLI::App& app, std::function<int()>& action, Session& session);
void add_demo_command(CLI::App& app, std::function<int()>& action, Session& session);
void add_report_command(CLI::App& app, std::function<int()>& action, Session& session);
void add_export_command(CLI::App& app, std::function<int()>& action, Session& session);
void add_board_commands(CLI::App& app, std::function<int()>& action, Session& session);
void add_supply_commands(CLI::App& app, std::function<int()>& action, Session& session);
void add_server_commands(CLI::App& app, std::function<int()>& action, Session& session);
void add_progression_commands(CLI::App& app, std::function<int()>& action, Session& session);

namespace {

void add_patient_commands(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  CLI::App* patient = app.add_subcommand("patient", "Patients");
  patient->require_subcommand(1);
  auto pa = std::make_shared<PatientAdd>();
  CLI::App* add = patient->add_subcommand("add", "Add a patient; prints the new id");
  add->add_option("--name", pa->name, "Full name")->required();
  add->add_option("--tz", pa->tz, "IANA time zone, e.g. Europe/Paris")->required();
  add->add_option("--mrn", pa->mrn, "Medical record number (unique)");
  add->add_option("--born", pa->born, "Birth date YYYY-MM-DD");
  add->add_option("--weight", pa->weight, "Baseline weight in kg");
  add->add_option("--onset", pa->onset, "Symptom onset YYYY-MM-DD (the ALSFRS-R's delta FS)");
  add->add_flag("--sulfite-allergy", pa->sulfite, "Sulfite allergy: edaravone needs confirmation");
  add->add_flag("--asthma", pa->asthma, "Asthma");
  add->add_flag("--dysphagia", pa->dysphagia, "Swallowing is impaired");
  add->add_flag("--feeding-tube", pa->tube, "A feeding tube (PEG) is in place");
  on_run(add, action, [s, pa] { return run_patient_add(*s, *pa); });
  auto pu = std::make_shared<PatientUpdate>();
  CLI::App* update = patient->add_subcommand(
      "update", "A new version of a patient's facts (the earlier stay in the audit trail); prints its id");
  update->add_option("--patient", pu->patient, "Patient id or MRN")->required();
  update->add_option("--name", pu->name, "Full name");
  update->add_option("--tz", pu->tz, "The zone the patient lives in now (IANA), with --from");
  update->add_option("--from", pu->from, "The first day of the new zone's dose times YYYY-MM-DD");
  update->add_option("--born", pu->born, "Birth date YYYY-MM-DD");
  update->add_option("--onset", pu->onset, "Symptom onset YYYY-MM-DD (the ALSFRS-R's delta FS)");
  update->add_option("--feeding-tube", pu->tube, "yes or no: a feeding tube (PEG) is in place");
  update->add_option("--sulfite-allergy", pu->sulfite, "yes or no: a sulfite allergy");
  update->add_option("--reason", pu->reason, "Why the facts change")->required();
  on_run(update, action, [s, pu] { return run_patient_update(*s, *pu); });
  auto list_format = std::make_shared<std::optional<std::string>>();
  CLI::App* list = patient->add_subcommand("list", "List patients");
  list->add_option("--format", *list_format, "table, csv or json");
  on_run(list, action, [s, list_format] { return run_patient_list(*s, *list_format); });
}

void add_therapy_commands(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  CLI::App* therapy = app.add_subcommand("therapy", "Start, shift and stop therapies");
  therapy->require_subcommand(1);
  auto ts = std::make_shared<TherapyStart>();
  CLI::App* start = therapy->add_subcommand("start", "Start a therapy; prints its id");
  start->add_option("--patient", ts->patient, "Patient id or MRN")->required();
  start->add_option("--drug", ts->drug, drug_words())->required();
  start->add_option("--start", ts->start, "First day YYYY-MM-DD")->required();
  start->add_option("--form", ts->form, "edaravone: iv|oral; riluzole: tablet|suspension|film");
  start->add_option("--policy", ts->policy, "edaravone day choice: earliest|weekdays")->capture_default_str();
  start->add_option("--times", ts->times, "riluzole dose times HH:MM,HH:MM")->capture_default_str();
  start->add_option("--lft-schedule", ts->schedule, "riluzole liver tests: eu|us")->capture_default_str();
  start->add_flag("--lft-weekdays-only", ts->weekdays_only, "Liver tests on weekends move to Monday");
  start->add_flag("--confirm-sulfite-risk", ts->confirm_sulfite,
                  "Start edaravone despite a sulfite allergy (with --prescriber and --confirm-reason)");
  start->add_flag(
      "--confirm-baseline-alt", ts->confirm_alt,
      "Start riluzole despite a baseline ALT above 3x ULN (with --prescriber and --confirm-reason)");
  start->add_flag(
      "--fit-start", ts->fit_start,
      "edaravone: move --start to the first day whose cycle 1 gets all 14 doses around closed days");
  start->add_flag("--confirm-restart-after-liver-stop", ts->confirm_liver_restart,
                  "Start riluzole again after an ALT or AST of 5x ULN or more in an earlier course (with "
                  "--prescriber and --confirm-reason)");
  start->add_option("--dose-days", ts->dose_days,
                    "edaravone: the dose days of cycles 2+ as board propose prints them (c2:1-5,8-12;...)");
  start->add_option(
      "--first-cycle", ts->first_cycle,
      "edaravone restart: cycle 1 as full (14 daily doses) or 10-of-14, the prescriber's choice");
  start->add_option("--restart-reason", ts->restart_reason, "edaravone restart: why that first cycle");
  start->add_option("--prescriber", ts->prescriber, "Who decided to override the safety rule");
  start->add_option("--confirm-reason", ts->confirm_reason, "Why the prescriber overrode it");
  on_run(start, action, [s, ts, start] {
    for (const char* name : {"--times", "--lft-schedule", "--lft-weekdays-only"})
      if (start->count(name) > 0) ts->riluzole_options.emplace_back(name);
    return run_therapy_start(*s, *ts);
  });
  auto sh = std::make_shared<TherapyShift>();
  CLI::App* shift =
      therapy->add_subcommand("shift", "Delay an edaravone cycle (re-flow); prints the adjustment id");
  shift->add_option("--patient", sh->patient, "Patient id or MRN")->required();
  shift->add_option("--drug", sh->drug, "edaravone")->capture_default_str();
  shift->add_option("--cycle", sh->cycle, "Cycle number")->required();
  shift->add_option("--days", sh->days, "Delay in days")->required();
  shift->add_flag("--only-this-cycle", sh->only_this, "Later cycles keep the old 28-day grid");
  shift->add_option("--reason", sh->reason, "Why")->required();
  on_run(shift, action, [s, sh] { return run_therapy_shift(*s, *sh); });
  auto st = std::make_shared<TherapyStop>();
  CLI::App* stop = therapy->add_subcommand("stop", "Stop a therapy; prints its id");
  stop->add_option("--patient", st->patient, "Patient id or MRN")->required();
  stop->add_option("--drug", st->drug, drug_words())->required();
  stop->add_option("--date", st->date, "Last day YYYY-MM-DD")->required();
  stop->add_option("--reason", st->reason, "Why")->required();
  on_run(stop, action, [s, st] { return run_therapy_stop(*s, *st); });
  auto tp = std::make_shared<TherapyPause>();
  CLI::App* pause = therapy->add_subcommand(
      "pause", "Pause a course over some days (a hospital stay): not due, not missed; prints its id");
  pause->add_option("--patient", tp->patient, "Patient id or MRN")->required();
  pause->add_option("--drug", tp->drug, drug_words())->required();
  pause->add_option("--from", tp->from, "First day of the pause YYYY-MM-DD")->required();
  pause->add_option("--to", tp->to, "Last day of the pause YYYY-MM-DD")->required();
  pause->add_option("--reason", tp->reason, "Why")->required();
  on_run(pause, action, [s, tp] { return run_therapy_pause(*s, *tp); });
  auto tr = std::make_shared<TherapyPause>();
  CLI::App* resume = therapy->add_subcommand(
      "resume", "End a pause on a day (its doses are due again from it); prints its id");
  resume->add_option("--patient", tr->patient, "Patient id or MRN")->required();
  resume->add_option("--drug", tr->drug, drug_words())->required();
  resume->add_option("--date", tr->date, "The first day of doses again YYYY-MM-DD")->required();
  resume->add_option("--reason", tr->reason, "Why")->required();
  on_run(resume, action, [s, tr] { return run_therapy_resume(*s, *tr); });
  auto sw = std::make_shared<TherapySwitch>();
  CLI::App* change = therapy->add_subcommand(
      "switch", "Switch the form or product from a day on; the course and its calendar go on; prints its id");
  change->add_option("--patient", sw->patient, "Patient id or MRN")->required();
  change->add_option("--drug", sw->drug, drug_words())->required();
  change->add_option("--form", sw->form, "edaravone: iv|oral; riluzole: tablet|suspension|film")->required();
  change->add_option("--date", sw->date, "First day of the new form YYYY-MM-DD")->required();
  change->add_option("--reason", sw->reason, "Why")->required();
  on_run(change, action, [s, sw] { return run_therapy_switch(*s, *sw); });
}

void add_alert_command(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto ad = std::make_shared<AlertDecide>();
  CLI::App* alert = app.add_subcommand("alert", "Answer alerts");
  alert->require_subcommand(1);
  CLI::App* decide = alert->add_subcommand(
      "decide", "Record the prescriber's decision on a stop alert (ALT 5x ULN or more); prints its id");
  decide->add_option("--patient", ad->patient, "Patient id or MRN")->required();
  decide->add_option("--alt-date", ad->alt_date, "Day of the ALT result YYYY-MM-DD")->required();
  decide->add_option("--decision", ad->decision, "continue or discontinue (riluzole)")->required();
  decide->add_option("--prescriber", ad->prescriber, "Who decided")->required();
  decide->add_option("--reason", ad->reason, "Why")->required();
  decide->add_option("--stop-date", ad->stop_date, "discontinue: last day of riluzole (default today)");
  on_run(decide, action, [s, ad] { return run_alert_decide(*s, *ad); });
}

// The commands, each with the top-level words it adds (" log dispense "). A run builds only the commands of
// its command word: building every CLI11 command took an eighth of a `log dose` (issue 26's target).
struct CommandGroup {
  std::string_view words;
  void (*add)(CLI::App& app, std::function<int()>& action, Session& session);
};
constexpr CommandGroup kGroups[] = {
    {" patient ", add_patient_commands},
    {" therapy ", add_therapy_commands},
    {" alert ", add_alert_command},
    {" log dispense ", add_log_commands},
    {" history audit backup check migrate closed ", add_report_commands},
    {" import ", add_import_command},
    {" due ", add_due_command},
    {" demo ", add_demo_command},
    {" report ", add_report_command},
    {" export ", add_export_command},
    {" board ", add_board_commands},
    {" supply pharmacy ", add_supply_commands},
    {" server ", add_server_commands},
    {" log report ", add_progression_commands},  // after log and report: adds to them
};

}  // namespace

void add_record_commands(CLI::App& app, std::function<int()>& action, Session& session,
                         std::string_view only) {
  const std::string word = " " + std::string(only) + " ";
  for (const CommandGroup& g : kGroups)
    if (only.empty() || g.words.find(word) != std::string_view::npos) g.add(app, action, session);
}

}  // namespace alsmeds::cli
