// board book|list: the infusion board from a terminal (docs/cli.md). The rules are core's book_infusion;
// the store refuses a chair taken at the same moment by another workstation inside its write transaction.
#include <CLI/CLI.hpp>
#include <map>
#include <memory>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/rules/lumbar_punctures.hpp"
#include "alsmeds/text.hpp"
#include "board_propose.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct BookOptions {
  std::string patient, day, chair, room, at;
  BoardHoursCliOptions hours;
};

// A tofersen dose into a lumbar-puncture room (the unit's rooms and minutes, its opening hours).
int run_book_room(Session& s, const BookOptions& o) {
  if (!o.hours.chairs.empty())
    throw BadInput("--chairs: the infusion chairs; a lumbar puncture is booked into a room (--room)");
  const UnitSettings unit = unit_settings_in_force(s.store());
  PunctureRooms rooms = puncture_rooms_of(unit);
  const BoardHours hours = board_hours_of(o.hours, unit);
  rooms.opening_hour = hours.opening_hour;
  rooms.closing_hour = hours.closing_hour;
  PunctureBookingRequest r;
  r.day = era_day_option(o.day, "--day");
  r.room = static_cast<int>(count_option(o.room, "--room", 1, kMaxPunctureRooms));
  r.start = require(parse_wall_clock(o.at), "--at");
  const PatientFacts f = s.facts(s.patient(o.patient));  // the doses given anchor the plan
  return show(book_lumbar_puncture(s.store(), f, r, rooms, s.actor()));
}

int run_book(Session& s, const BookOptions& o) {
  if (o.chair.empty() == o.room.empty())
    throw BadInput(o.chair.empty()
                       ? "--chair or --room: give one (a chair for an IV edaravone infusion, a room "
                         "for a tofersen lumbar puncture)"
                       : "--chair and --room: give one, not both");
  if (!o.room.empty()) return run_book_room(s, o);
  const BoardHours hours = board_hours_of(o.hours, unit_settings_in_force(s.store()));
  BookingRequest r;
  r.day = era_day_option(o.day, "--day");
  r.chair = static_cast<int>(count_option(o.chair, "--chair", 1, 20));
  r.start = require(parse_wall_clock(o.at), "--at");
  const PatientFacts f = s.facts(s.patient(o.patient));  // the log: missed doses move make-up days
  return show(book_infusion(s.store(), f, r, hours, s.actor()));
}

struct CancelOptions {
  std::string patient, day, drug;
};

int run_cancel(Session& s, const CancelOptions& o) {
  std::optional<Drug> drug;
  if (!o.drug.empty()) {
    drug = require(parse_drug(o.drug), "--drug");
    if (*drug != Drug::edaravone && *drug != Drug::tofersen)
      throw BadInput("--drug: " + quote_short(o.drug) +
                     " is never booked on the board (edaravone or tofersen)");
  }
  const Day day = era_day_option(o.day, "--day");
  return show(cancel_day_booking(s.store(), s.patient(o.patient), day, drug, s.actor()));
}

struct ListOptions {
  std::string day;
  std::optional<std::string> format;
};

// A planned infusion's cycle and cycle day (a regimen with cycles), else empty.
std::pair<std::string, std::string> cycle_of(const std::string& key) {
  const PlannedRef ref = cycle_of_key(key);
  if (ref.empty()) return {"", ""};
  return {std::to_string(ref.first), std::to_string(ref.second)};
}

int run_list(Session& s, const ListOptions& o) {
  const OutputFormat f = choose_format(o.format);
  const Day day = era_day_option(o.day, "--day");
  RecordTable t;
  t.columns = {{"day"},        {"start"},         {"chair", true}, {"patient_id", true}, {"mrn"},
               {"name"},       {"drug"},          {"cycle", true}, {"cycle_day", true},  {"booked_by"},
               {"room", true}, {"minutes", true}, {"dose", true}};
  std::map<RecordId, Patient> patients;
  for (const Patient& p : s.store().patients()) patients[p.id] = p;
  std::vector<InfusionBooking> bookings = s.store().infusion_bookings(day, day);
  for (const InfusionBooking& b : s.store().procedure_bookings(day, day)) bookings.push_back(b);
  std::stable_sort(bookings.begin(), bookings.end(),
                   [](const InfusionBooking& a, const InfusionBooking& b) { return a.start < b.start; });
  for (const InfusionBooking& b : bookings) {
    const auto it = patients.find(b.patient_id);
    const bool room = is_procedure_booking(b.planned_key);
    const auto [cycle, cycle_day] = room ? std::pair<std::string, std::string>{} : cycle_of(b.planned_key);
    // A room's dose by its number in the course (the regimen's key, read by core); the drug by its key.
    const PlannedRef ref = parse_planned_key(b.planned_key);
    const std::string dose = room && !ref.empty() ? std::to_string(ref.first) : "";
    const Regimen* regimen = regimen_of_key(b.planned_key);
    const std::string drug = regimen ? std::string(regimen->word) : "";
    t.rows.push_back({format_day(b.day), format_wall_clock(b.start), room ? "" : std::to_string(b.chair),
                      std::to_string(b.patient_id), it != patients.end() ? it->second.mrn.value_or("") : "",
                      it != patients.end() ? it->second.name : "", drug, cycle, cycle_day, b.booked_by,
                      room ? std::to_string(b.chair) : "", std::to_string(b.minutes), dose});
  }
  t.title = "Infusion board " + format_day(day);
  print_table(t, f);
  return kExitDone;
}

struct SettingsOptions {
  std::string chairs, open, open_days, lp_rooms, lp_minutes, reason;
  std::optional<std::string> format;
};

// Without a change: the settings in force (the defaults until a first is stored). With one: a new version.
int run_settings(Session& s, const SettingsOptions& o) {
  if (o.chairs.empty() && o.open.empty() && o.open_days.empty() && o.lp_rooms.empty() &&
      o.lp_minutes.empty()) {
    const OutputFormat f = choose_format(o.format);
    const UnitSettings u = unit_settings_in_force(s.store());
    const InfusionUnit unit = alsmeds::infusion_unit_of(u);
    RecordTable t;
    t.columns = {{"chairs", true},    {"open"},        {"open_days"}, {"infusions_per_day", true},
                 {"recorded_by"},     {"recorded_at"}, {"reason"},    {"lp_rooms", true},
                 {"lp_minutes", true}};
    t.title = u.id ? "The infusion unit's settings (version " + std::to_string(u.id) + ")"
                   : "The infusion unit's settings: the defaults (none stored yet: board settings --chairs N "
                     "--open HH:MM-HH:MM)";
    t.rows.push_back(
        {std::to_string(u.chairs),
         format_wall_clock(WallClock{u.opens_minute}) + "-" + format_wall_clock(WallClock{u.closes_minute}),
         u.weekdays_only ? "weekdays" : "all",
         std::to_string(unit.chairs * (unit.closing_hour - unit.opening_hour)), u.recorded_by,
         u.id ? format_utc(u.recorded_at) : "", u.reason, std::to_string(u.lp_rooms),
         std::to_string(u.lp_minutes)});
    print_table(t, f);
    return kExitDone;
  }
  if (o.format)
    throw BadInput(
        "--format: shows the settings; not with --chairs, --open, --open-days, --lp-rooms or --lp-minutes");
  UnitSettingsChange c;
  if (!o.chairs.empty()) c.chairs = static_cast<int>(count_option(o.chairs, "--chairs", 1, 20));
  if (!o.open.empty()) c.open = require(parse_opening_hours(o.open), "--open");
  if (o.open_days == "weekdays")
    c.weekdays_only = true;
  else if (o.open_days == "all")
    c.weekdays_only = false;
  else if (!o.open_days.empty())
    throw BadInput("--open-days: " + quote_short(o.open_days) + " is not all or weekdays");
  if (!o.lp_rooms.empty())
    c.lp_rooms = static_cast<int>(count_option(o.lp_rooms, "--lp-rooms", 0, kMaxPunctureRooms));
  if (!o.lp_minutes.empty())
    c.lp_minutes = static_cast<int>(
        count_option(o.lp_minutes, "--lp-minutes", kPunctureMinutes.first, kPunctureMinutes.second));
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
  CLI::App* board = app.add_subcommand(
      "board",
      "The infusion board: chair bookings of IV edaravone, room bookings of tofersen's lumbar punctures");
  board->require_subcommand(1);
  auto b = std::make_shared<BookOptions>();
  CLI::App* book = board->add_subcommand("book",
                                         "Book (or move) the patient's planned IV infusion of a day into a "
                                         "chair, or their tofersen dose of a day "
                                         "into a lumbar-puncture room; prints the booking id");
  book->add_option("--patient", b->patient, "Patient id or MRN")->required();
  book->add_option("--day", b->day,
                   "Day YYYY-MM-DD (the day the infusion is planned; a tofersen dose: its due day or later)")
      ->required();
  book->add_option("--chair", b->chair, "Chair number (from 1): an IV edaravone infusion");
  book->add_option("--room", b->room,
                   "Lumbar-puncture room (from 1): a tofersen dose (board settings --lp-rooms)");
  book->add_option("--at", b->at,
                   "Start HH:MM, local time (an infusion 60 minutes; a lumbar puncture the unit's)")
      ->required();
  add_board_hours_options(book, b->hours);
  book->callback([s, b, &action] { action = [s, b] { return run_book(*s, *b); }; });
  auto c = std::make_shared<CancelOptions>();
  CLI::App* cancel = board->add_subcommand(
      "cancel",
      "Cancel the patient's booking of a day (frees the chair or room); prints the cancellation's id");
  cancel->add_option("--patient", c->patient, "Patient id or MRN")->required();
  cancel->add_option("--day", c->day, "Day YYYY-MM-DD of the booking")->required();
  cancel->add_option("--drug", c->drug, "edaravone or tofersen, when the day has both");
  cancel->callback([s, c, &action] { action = [s, c] { return run_cancel(*s, *c); }; });
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
  settings->add_option("--lp-rooms", st->lp_rooms, "Rooms for tofersen's lumbar punctures (0-10; default 1)");
  settings->add_option("--lp-minutes", st->lp_minutes,
                       "Minutes a lumbar puncture holds its room (15-240; default 60, our default)");
  settings->add_option("--reason", st->reason, "Why they change (in the audit trail)");
  settings->add_option("--format", st->format, "table, csv or json (when shown)");
  settings->callback([s, st, &action] { action = [s, st] { return run_settings(*s, *st); }; });
  add_board_propose_command(board, action, session);
  add_board_level_command(board, action, session);
}

}  // namespace alsmeds::cli
