#include "plan_commands.hpp"

#include <memory>
#include <optional>
#include <string>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/plan_tables.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/regimens/tofersen.hpp"
#include "alsmeds/text.hpp"
#include "cli_support.hpp"

namespace alsmeds::cli {
namespace {

struct EdaravoneOptions {
  std::string start, form{to_string(Product::edaravone_iv)}, policy = "earliest", closed, missed, delay,
                                                             cycles = "6";
  std::optional<std::string> format;
  bool only_this_cycle = false;
  bool fit_start = false;
};

struct RiluzoleOptions {
  std::string start, tz, times = "08:00,20:00", product{to_string(Product::riluzole_tablet)}, days = "28";
  std::optional<std::string> format;
};

struct TofersenOptions {
  std::string start, given, days = "365";
  std::optional<std::string> format;
};

struct LiverTestOptions {
  std::string start, schedule = "eu", months = "24";
  std::optional<std::string> format;
  bool weekdays_only = false;
};

// "3:7" = delay cycle 3 by 7 days: decimal digits only, the delay within the rulebook's bound.
CycleShift parse_delay(const std::string& text, bool only_this_cycle) {
  const auto colon = text.find(':');
  const auto cycle = rules::parse_count(text.substr(0, colon == std::string::npos ? 0 : colon), 1, 500);
  const auto days = rules::parse_count(colon == std::string::npos ? "" : text.substr(colon + 1), 0, 100000);
  if (!cycle || !days)
    throw BadInput("--delay: " + quote_short(text) + " is not CYCLE:DAYS (for example 3:7)");
  require(rules::check_bound(static_cast<double>(*days), rules::kShiftDays, "a delay of"), "--delay");
  return {static_cast<int>(*cycle), static_cast<int>(*days),
          only_this_cycle ? Reflow::only_this_cycle : Reflow::shift_all_later, std::nullopt};
}

int run_plan_edaravone(const EdaravoneOptions& o) {
  const OutputFormat format = choose_format(o.format);
  EdaravonePlanRequest request;
  request.regimen.start = era_day_option(o.start, "--start");
  request.regimen.form = edaravone_form(require(parse_product(Drug::edaravone, o.form), "--form"));
  request.regimen.policy = require(parse_day_policy(o.policy), "--policy");
  request.cycles = static_cast<int>(count_option(o.cycles, "--cycles", 1, 500));
  request.closed = ClosedDays(require(parse_day_list(o.closed), "--closed"));
  request.missed = require(parse_day_list(o.missed), "--missed");
  if (!o.delay.empty()) request.shifts.push_back(parse_delay(o.delay, o.only_this_cycle));
  if (o.fit_start) {
    const Day fitted = require(propose_edaravone_start(request.regimen.start, request.closed), "--fit-start");
    if (fitted != request.regimen.start)
      print_warning("start moved from " + format_day(request.regimen.start) + " to " + format_day(fitted) +
                    " so that cycle 1 gets all 14 doses");
    request.regimen.start = fitted;
  }
  const EdaravonePlan plan = require(plan_edaravone(request), "--delay");
  for (const std::string& w : plan.warnings) print_warning(w);
  print_table(edaravone_plan_table(plan, request.regimen), format);
  return kExitDone;
}

int run_plan_riluzole(const RiluzoleOptions& o) {
  const OutputFormat format = choose_format(o.format);
  RiluzoleRegimen regimen;
  regimen.start = era_day_option(o.start, "--start");
  regimen.zone = require(rules::check_zone_name(o.tz), "--tz");
  regimen.times =
      require(validate_riluzole_times(require(parse_wall_clock_list(o.times), "--times")), "--times");
  regimen.product = riluzole_kind(require(parse_product(Drug::riluzole, o.product), "--product"));
  const int days = static_cast<int>(count_option(o.days, "--days", 1, 36600));
  const auto doses = require(plan_riluzole(regimen, days), "--days");
  print_table(riluzole_plan_table(doses, regimen, o.tz), format);
  return kExitDone;
}

int run_plan_tofersen(const TofersenOptions& o) {
  const OutputFormat format = choose_format(o.format);
  TofersenPlanRequest request;
  request.start = era_day_option(o.start, "--start");
  request.given = require(parse_day_list(o.given), "--given");
  for (const Day day : request.given) require(rules::check_era_day(day, "day"), "--given");
  request.days = static_cast<int>(count_option(o.days, "--days", 1, 36600));
  const TofersenPlan plan = require(plan_tofersen(request), "--given");
  for (const std::string& w : plan.warnings) print_warning(w);
  print_table(tofersen_plan_table(plan, request), format);
  return kExitDone;
}

int run_plan_lft(const LiverTestOptions& o) {
  const OutputFormat format = choose_format(o.format);
  LiverTestPlanRequest request;
  request.start = era_day_option(o.start, "--start");
  request.schedule = require(parse_liver_test_schedule(o.schedule), "--schedule");
  request.weekdays_only = o.weekdays_only;
  request.months = static_cast<int>(count_option(o.months, "--months", 0, 1200));
  const LiverTestPlan plan = require(plan_liver_tests(request), "--months");
  for (const std::string& w : plan.warnings) print_warning(w);
  print_table(liver_test_table(plan.tests, request), format);
  return kExitDone;
}

void add_format_option(CLI::App* cmd, std::optional<std::string>& format) {
  cmd->add_option("--format", format, "table, csv or json (default: table on a terminal, csv otherwise)");
}

}  // namespace

void add_plan_commands(CLI::App& app, std::function<int()>& action) {
  CLI::App* plan = app.add_subcommand("plan", "What-if calendars without a database");
  plan->require_subcommand(1);

  auto eda = std::make_shared<EdaravoneOptions>();
  CLI::App* e = plan->add_subcommand("edaravone", "Edaravone cycles: one row per dose day");
  e->add_option("--start", eda->start, "First day of cycle 1 (YYYY-MM-DD)")->required();
  e->add_option("--form", eda->form, "iv (60 mg) or oral (105 mg)")->capture_default_str();
  e->add_option("--cycles", eda->cycles, "Number of 28-day cycles")->capture_default_str();
  e->add_option("--policy", eda->policy, "Day choice for cycles 2+: earliest or weekdays")
      ->capture_default_str();
  e->add_option("--closed", eda->closed, "Closed days, never dosed: DATE[,DATE...]");
  e->add_option("--missed", eda->missed, "Dose days that were missed: DATE[,DATE...] (make-up rule applies)");
  e->add_option("--delay", eda->delay, "Delay a cycle's start: CYCLE:DAYS (this and later cycles move)");
  e->add_flag("--only-this-cycle", eda->only_this_cycle,
              "With --delay: later cycles keep the old 28-day grid");
  e->add_flag("--fit-start", eda->fit_start, "Move --start to the first day whose cycle 1 gets all 14 doses");
  add_format_option(e, eda->format);
  e->callback([eda, &action] { action = [eda] { return run_plan_edaravone(*eda); }; });

  auto ril = std::make_shared<RiluzoleOptions>();
  CLI::App* r = plan->add_subcommand("riluzole", "Riluzole doses every 12 hours: one row per dose");
  r->add_option("--start", ril->start, "First day (YYYY-MM-DD)")->required();
  r->add_option("--tz", ril->tz, "The patient's IANA time zone, e.g. Europe/Paris")->required();
  r->add_option("--days", ril->days, "Number of days")->capture_default_str();
  r->add_option("--times", ril->times, "Two wall-clock dose times HH:MM,HH:MM")->capture_default_str();
  r->add_option("--product", ril->product, "tablet, suspension or film")->capture_default_str();
  add_format_option(r, ril->format);
  r->callback([ril, &action] { action = [ril] { return run_plan_riluzole(*ril); }; });

  auto tof = std::make_shared<TofersenOptions>();
  CLI::App* t = plan->add_subcommand(
      "tofersen", "Tofersen: 3 loading doses 14 days apart, then every 28 days; one row per dose");
  t->add_option("--start", tof->start, "The day of loading dose 1 (YYYY-MM-DD)")->required();
  t->add_option("--given", tof->given,
                "Days doses 1, 2, ... were given: DATE[,DATE...] (the next dose counts from the last)");
  t->add_option("--days", tof->days, "Plan doses up to this many days after --start")->capture_default_str();
  add_format_option(t, tof->format);
  t->callback([tof, &action] { action = [tof] { return run_plan_tofersen(*tof); }; });

  auto lft = std::make_shared<LiverTestOptions>();
  CLI::App* l = plan->add_subcommand("lft", "Liver tests (ALT) for riluzole: one row per test");
  l->add_option("--start", lft->start, "Riluzole start date; baseline is due on it")->required();
  l->add_option("--months", lft->months, "Plan tests due up to this many months after the start")
      ->capture_default_str();
  l->add_option("--schedule", lft->schedule, "eu (default, stricter) or us")->capture_default_str();
  l->add_flag("--weekdays-only", lft->weekdays_only, "A test on Saturday or Sunday moves to the next Monday");
  add_format_option(l, lft->format);
  l->callback([lft, &action] { action = [lft] { return run_plan_lft(*lft); }; });
}

}  // namespace alsmeds::cli
