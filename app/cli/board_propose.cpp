// board propose: start days and dose days of a new IV edaravone course that level the unit's chair load
// (issue 27). The search and its scores are core's (alsmeds/chair_levelling.hpp); this file reads the clinic,
// calls it and prints the ranked rows.
#include "board_propose.hpp"

#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "alsmeds/board/board_proposals.hpp"
#include "alsmeds/board/chair_levelling.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/text.hpp"
#include "cli_support.hpp"

namespace alsmeds::cli {
namespace {

struct ProposeOptions {
  std::string patient, from, weeks = "26", top = "5", policy;
  BoardHoursCliOptions hours;
  std::optional<std::string> format;
};

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The facts of every patient with an edaravone course but `except`: the only ones with infusions to count.
std::vector<PatientFacts> infusion_patients(Session& s, Day from, std::optional<RecordId> except) {
  std::set<RecordId> with_edaravone;
  for (const Therapy& t : s.store().all_therapies())
    if (t.drug == Drug::edaravone) with_edaravone.insert(t.patient_id);
  std::vector<Patient> patients;
  for (const Patient& p : s.store().patients())
    if (with_edaravone.count(p.id) && p.id != except) patients.push_back(p);
  return require(load_clinic_due_facts(s.store(), patients, from), "--db");
}

int run_propose(Session& s, const ProposeOptions& o) {
  const OutputFormat f = choose_format(o.format);
  const Patient p = s.patient(o.patient);
  const PatientFacts own = s.facts(p, false);
  StartProposalRequest r;
  r.from = o.from.empty() ? local_day(s.actor().now, own.zone) : era_day_option(o.from, "--from");
  r.weeks = static_cast<int>(count_option(o.weeks, "--weeks", 5, 52));
  r.top = static_cast<int>(count_option(o.top, "--top", 1, 28));
  const Therapy* course = latest_therapy(own, Drug::edaravone);
  r.preference = o.policy.empty() ? (course ? course->policy : DayPolicy::earliest)
                                  : require(parse_day_policy(o.policy), "--policy");
  const InfusionUnit unit = infusion_unit_of(o.hours, unit_settings_in_force(s.store()));
  auto found = propose_levelled_starts(s.store(), own, r, unit);
  if (!found)
    throw BadInput((found.error().rfind("patient ", 0) == 0 ? "--patient: " : "--from: ") + found.error());
  const LevelledStarts levelled = std::move(*found);
  const auto& proposals = levelled.proposals;

  RecordTable t;
  t.columns = {{"rank", true},
               {"start"},
               {"dose_days"},
               {"peak_day_load", true},
               {"over_capacity_days", true},
               {"sum_sq_above_mean", true},
               {"note"}};
  t.title = "IV edaravone starts for " + p.name + " from " + format_day(r.from) + " scored over " +
            std::to_string(r.weeks) + " weeks: " + std::to_string(unit.chairs) + " chairs, " +
            format_wall_clock(WallClock{unit.opening_hour * 60}) + "-" +
            format_wall_clock(WallClock{unit.closing_hour * 60}) + (unit.weekdays_only ? ", weekdays" : "");
  for (const StartProposal& sp : proposals) {
    std::string note = sp.earliest ? "earliest" : "";
    if (!sp.short_cycles.empty()) {
      std::string cycles;
      for (const int c : sp.short_cycles) cycles += (cycles.empty() ? "" : " ") + std::to_string(c);
      note += (note.empty() ? "" : "; ") + std::string("short cycles ") + cycles;
    }
    t.rows.push_back({std::to_string(sp.rank), format_day(sp.start),
                      describe_dose_days(sp.start, sp.dose_days), std::to_string(sp.peak_day_load),
                      std::to_string(sp.over_capacity_days), one_decimal(sp.sum_sq_above_mean), note});
  }
  print_table(t, f);
  return kExitDone;
}

struct LevelOptions {
  std::string from, weeks, max_delay = "3", top = "10";
  BoardHoursCliOptions hours;
  std::optional<std::string> format;
};

int run_level(Session& s, const LevelOptions& o) {
  const OutputFormat f = choose_format(o.format);
  UnitLevellingRequest r;
  r.from = era_day_option(o.from, "--from");
  r.weeks = static_cast<int>(count_option(o.weeks, "--weeks", 1, 52));
  r.max_delay = static_cast<int>(count_option(o.max_delay, "--max-delay", 1, 7));
  r.top = static_cast<int>(count_option(o.top, "--top", 1, 100));
  r.today = date::floor<date::days>(s.actor().now);  // no cycle starting today or before is moved
  const InfusionUnit unit = infusion_unit_of(o.hours, unit_settings_in_force(s.store()));
  const std::vector<Patient> patients = s.store().patients();
  const std::vector<PatientFacts> facts = infusion_patients(s, r.from, std::nullopt);
  const int days = 7 * r.weeks + kCycleLengthDays + r.max_delay;
  const auto moves =
      level_unit(facts, s.store().infusion_bookings(r.from, r.from + date::days{days}), r, unit);
  std::map<RecordId, const Patient*> by_id;
  for (const Patient& p : patients) by_id[p.id] = &p;

  RecordTable t;
  t.columns = {{"rank", true},
               {"patient_id", true},
               {"mrn"},
               {"cycle", true},
               {"start"},
               {"new_start"},
               {"delay_days", true},
               {"peak_before", true},
               {"peak_after", true},
               {"over_capacity_before", true},
               {"over_capacity_after", true},
               {"sum_sq_above_mean_after", true},
               {"accept"}};
  t.title = "Moves of future IV edaravone cycles that level the unit (" + std::to_string(unit.chairs) +
            " chairs, " + format_wall_clock(WallClock{unit.opening_hour * 60}) + "-" +
            format_wall_clock(WallClock{unit.closing_hour * 60}) + (unit.weekdays_only ? ", weekdays" : "") +
            "), each proposed after the ones above it";
  int rank = 0;
  for (const LevellingMove& m : moves) {
    const Patient* p = by_id[m.patient_id];
    const std::string who = p && p->mrn ? *p->mrn : std::to_string(m.patient_id);
    const std::string accept = "alsmeds-cli therapy shift --patient " + who + " --drug edaravone --cycle " +
                               std::to_string(m.cycle) + " --days " + std::to_string(m.delay_days) +
                               " --only-this-cycle --reason \"chair levelling: peak " +
                               std::to_string(m.before.peak_day_load) + " to " +
                               std::to_string(m.after.peak_day_load) + ", over-capacity days " +
                               std::to_string(m.before.over_capacity_days) + " to " +
                               std::to_string(m.after.over_capacity_days) + "\"";
    t.rows.push_back({std::to_string(++rank), std::to_string(m.patient_id), p && p->mrn ? *p->mrn : "",
                      std::to_string(m.cycle), format_day(m.start), format_day(m.new_start),
                      std::to_string(m.delay_days), std::to_string(m.before.peak_day_load),
                      std::to_string(m.after.peak_day_load), std::to_string(m.before.over_capacity_days),
                      std::to_string(m.after.over_capacity_days), one_decimal(m.after.sum_sq_above_mean),
                      accept});
  }
  if (moves.empty()) print_warning("no move of a future cycle makes the unit's load better");
  print_table(t, f);
  return kExitDone;
}

}  // namespace

void add_board_level_command(CLI::App* board, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto o = std::make_shared<LevelOptions>();
  CLI::App* cmd = board->add_subcommand(
      "level", "Propose delays of future IV edaravone cycles that cut the unit's peaks (accept one by one)");
  cmd->add_option("--from", o->from, "First day looked at")->required();
  cmd->add_option("--weeks", o->weeks, "Weeks whose cycles may move (1-52)")->required();
  cmd->add_option("--max-delay", o->max_delay, "Longest delay proposed, in days (1-7)")
      ->capture_default_str();
  cmd->add_option("--top", o->top, "Moves proposed at most")->capture_default_str();
  cmd->add_option("--open-days", o->hours.open_days,
                  "Days the unit opens: all or weekdays (default: the clinic's)");
  add_board_hours_options(cmd, o->hours);
  cmd->add_option("--format", o->format, "table, csv or json");
  cmd->callback([s, o, &action] { action = [s, o] { return run_level(*s, *o); }; });
}

void add_board_propose_command(CLI::App* board, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto o = std::make_shared<ProposeOptions>();
  CLI::App* cmd = board->add_subcommand(
      "propose", "Start days and dose days of a new IV edaravone course that level the chairs' load");
  cmd->add_option("--patient", o->patient, "Patient id or MRN")->required();
  cmd->add_option("--from", o->from, "First start considered (default: the patient's today); 28 starts");
  cmd->add_option("--weeks", o->weeks, "Weeks of load scored (5-52)")->capture_default_str();
  cmd->add_option("--top", o->top, "Proposals shown (the earliest start's row is added)")
      ->capture_default_str();
  cmd->add_option("--policy", o->policy,
                  "Dose days of cycles 2+: earliest (any 10 of 14) or weekdays (default: the course's)");
  cmd->add_option("--open-days", o->hours.open_days,
                  "Days the unit opens: all or weekdays (default: the clinic's)");
  add_board_hours_options(cmd, o->hours);
  cmd->add_option("--format", o->format, "table, csv or json");
  cmd->callback([s, o, &action] { action = [s, o] { return run_propose(*s, *o); }; });
}

}  // namespace alsmeds::cli
