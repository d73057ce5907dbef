// board book|list: the infusion board from a terminal (docs/cli.md). The rules are core's book_infusion;
// the store refuses a chair taken at the same moment by another workstation inside its write transaction.
#include <CLI/CLI.hpp>
#include <map>
#include <memory>

#include "alsmeds/clinic_actions.hpp"
#include "alsmeds/text.hpp"
#include "board_propose.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct BookOptions {
  std::string patient, day, chair, at;
  BoardHoursCliOptions hours;
};

int run_book(Session& s, const BookOptions& o) {
  const BoardHours hours = board_hours_of(o.hours, unit_settings_in_force(s.store()));
  BookingRequest r;
  r.day = era_day_option(o.day, "--day");
  r.chair = static_cast<int>(count_option(o.chair, "--chair", 1, 20));
  r.start = require(parse_wall_clock(o.at), "--at");
  const PatientFacts f = s.facts(s.patient(o.patient));  // the log: missed doses move make-up days
  return show(book_infusion(s.store(), f, r, hours, s.actor()));
}

struct ListOptions {
  std::string day;
  std::optional<std::string> format;
};

// "edaravone:<therapy>:c<cycle>:d<day>" -> "<cycle>", "<day>".
std::pair<std::string, std::string> cycle_of(const std::string& key) {
  const auto c = key.rfind(":c"), d = key.rfind(":d");
  if (c == std::string::npos || d == std::string::npos || d < c) return {"", ""};
  return {key.substr(c + 2, d - c - 2), key.substr(d + 2)};
}

int run_list(Session& s, const ListOptions& o) {
  const OutputFormat f = choose_format(o.format);
  const Day day = era_day_option(o.day, "--day");
  RecordTable t;
  t.columns = {{"day"},  {"start"}, {"chair", true}, {"patient_id", true}, {"mrn"},
               {"name"}, {"drug"},  {"cycle", true}, {"cycle_day", true},  {"booked_by"}};
  std::map<RecordId, Patient> patients;
  for (const Patient& p : s.store().patients()) patients[p.id] = p;
  for (const InfusionBooking& b : s.store().infusion_bookings(day, day)) {
    const auto it = patients.find(b.patient_id);
    const auto [cycle, cycle_day] = cycle_of(b.planned_key);
    t.rows.push_back({format_day(b.day), format_wall_clock(b.start), std::to_string(b.chair),
                      std::to_string(b.patient_id), it != patients.end() ? it->second.mrn.value_or("") : "",
                      it != patients.end() ? it->second.name : "", "edaravone", cycle, cycle_day,
                      b.booked_by});
  }
  t.title = "Infusion board " + format_day(day);
  print_table(t, f);
  return kExitDone;
}

struct SettingsOptions {
  std::string chairs, open, open_days, reason;
  std::optional<std::string> format;
};

// Without a change: the settings in force (the defaults until a first is stored). With one: a new version.
int run_settings(Session& s, const SettingsOptions& o) {
  if (o.chairs.empty() && o.open.empty() && o.open_days.empty()) {
    const OutputFormat f = choose_format(o.format);
    const UnitSettings u = unit_settings_in_force(s.store());
    const InfusionUnit unit = alsmeds::infusion_unit_of(u);
    RecordTable t;
    t.columns = {{"chairs", true}, {"open"},        {"open_days"}, {"infusions_per_day", true},
                 {"recorded_by"},  {"recorded_at"}, {"reason"}};
    t.title = u.id ? "The infusion unit's settings (version " + std::to_string(u.id) + ")"
                   : "The infusion unit's settings: the defaults (none stored yet: board settings --chairs N "
                     "--open HH:MM-HH:MM)";
    t.rows.push_back(
        {std::to_string(u.chairs),
         format_wall_clock(WallClock{u.opens_minute}) + "-" + format_wall_clock(WallClock{u.closes_minute}),
         u.weekdays_only ? "weekdays" : "all",
         std::to_string(unit.chairs * (unit.closing_hour - unit.opening_hour)), u.recorded_by,
         u.id ? format_utc(u.recorded_at) : "", u.reason});
    print_table(t, f);
    return kExitDone;
  }
  if (o.format) throw BadInput("--format: shows the settings; not with --chairs, --open or --open-days");
  UnitSettingsChange c;
  if (!o.chairs.empty()) c.chairs = static_cast<int>(count_option(o.chairs, "--chairs", 1, 20));
  if (!o.open.empty()) c.open = require(parse_opening_hours(o.open), "--open");
  if (o.open_days == "weekdays")
    c.weekdays_only = true;
  else if (o.open_days == "all")
    c.weekdays_only = false;
  else if (!o.open_days.empty())
    throw BadInput("--open-days: " + quote_short(o.open_days) + " is not all or weekdays");
  c.reason = o.reason;
  return show(set_unit_settings(s.store(), c, date::floor<date::days>(s.actor().now), s.actor()));
}

}  // namespace

BoardHours board_hours_of(const BoardHoursCliOptions& o, const UnitSettings& in_force) {
  BoardHours h = alsmeds::board_hours_of(in_force);
  if (!o.chairs.empty()) h.chairs = static_cast<int>(count_option(o.chairs, "--chairs", 1, 20));
  if (!o.opens.empty()) h.opening_hour = static_cast<int>(count_option(o.opens, "--opens", 0, 22));
  if (!o.closes.empty()) h.closing_hour = static_cast<int>(count_option(o.closes, "--closes", 1, 23));
  if (const std::string why = check_board_hours(h); !why.empty())
    throw BadInput("--opens/--closes: " + std::to_string(h.opening_hour) + " to " +
                   std::to_string(h.closing_hour) + ": " + why);
  return h;
}

InfusionUnit infusion_unit_of(const BoardHoursCliOptions& o, const UnitSettings& in_force) {
  const BoardHours h = board_hours_of(o, in_force);
  bool weekdays_only = in_force.weekdays_only;
  if (o.open_days == "weekdays")
    weekdays_only = true;
  else if (o.open_days == "all")
    weekdays_only = false;
  else if (!o.open_days.empty())
    throw BadInput("--open-days: " + quote_short(o.open_days) + " is not all or weekdays");
  return {h.chairs, h.opening_hour, h.closing_hour, weekdays_only};
}

void add_board_hours_options(CLI::App* cmd, BoardHoursCliOptions& o) {
  cmd->add_option("--chairs", o.chairs, "Infusion chairs (default: the clinic's, board settings)");
  cmd->add_option("--opens", o.opens, "Hour the first slot starts, 0-22 (default: the clinic's)");
  cmd->add_option("--closes", o.closes, "Hour the last infusion ends, 1-23 (default: the clinic's)");
}

void add_board_commands(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  CLI::App* board = app.add_subcommand("board", "The infusion board: chair bookings of IV edaravone");
  board->require_subcommand(1);
  auto b = std::make_shared<BookOptions>();
  CLI::App* book = board->add_subcommand(
      "book",
      "Book (or move) the patient's planned IV infusion of a day into a chair; prints the booking id");
  book->add_option("--patient", b->patient, "Patient id or MRN")->required();
  book->add_option("--day", b->day, "Day YYYY-MM-DD (the day the infusion is planned)")->required();
  book->add_option("--chair", b->chair, "Chair number (from 1)")->required();
  book->add_option("--at", b->at, "Start HH:MM, local time (60 minutes)")->required();
  add_board_hours_options(book, b->hours);
  book->callback([s, b, &action] { action = [s, b] { return run_book(*s, *b); }; });
  auto l = std::make_shared<ListOptions>();
  CLI::App* list = board->add_subcommand("list", "The bookings of a day, by start and chair");
  list->add_option("--day", l->day, "Day YYYY-MM-DD")->required();
  list->add_option("--format", l->format, "table, csv or json");
  list->callback([s, l, &action] { action = [s, l] { return run_list(*s, *l); }; });
  auto st = std::make_shared<SettingsOptions>();
  CLI::App* settings = board->add_subcommand(
      "settings",
      "The infusion unit's chairs and opening hours, stored for every workstation (without options: shown)");
  settings->add_option("--chairs", st->chairs, "Infusion chairs (1-20)");
  settings->add_option("--open", st->open, "Opening hours HH:MM-HH:MM, whole hours (e.g. 08:00-17:00)");
  settings->add_option("--open-days", st->open_days, "Days the unit opens: all or weekdays");
  settings->add_option("--reason", st->reason, "Why they change (in the audit trail)");
  settings->add_option("--format", st->format, "table, csv or json (when shown)");
  settings->callback([s, st, &action] { action = [s, st] { return run_settings(*s, *st); }; });
  add_board_propose_command(board, action, session);
  add_board_level_command(board, action, session);
}

}  // namespace alsmeds::cli
