#pragma once
// Nurse - Infusion board: every patient's IV edaravone infusions for some days, by chair and hour slot
// (60-minute infusions), with over-capacity and conflicts found, and tofersen's lumbar punctures of each day.
// Pure apart from the store writes.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/pharmacy/pharmacy_prep.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/regimens/tofersen.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/rules/lumbar_punctures.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "settings.hpp"

namespace alsmeds::gui {

struct BoardInfusion {
  RecordId patient_id = 0;
  std::string patient_name;
  std::string key;  // planned key
  Day planned_day;  // the day the plan has it on now
  int cycle = 0, cycle_day = 0;
  std::optional<InfusionBooking> booking;
  std::vector<std::string> problems;  // conflicts, for the tooltip and the list
};

/// A tofersen dose by lumbar puncture on a day of the board (issue 26): a procedure in a room (schema 16),
/// not a chair infusion. Shown on the day it is booked, else the day the plan has it.
struct BoardProcedure {
  RecordId patient_id = 0;
  std::string patient_name;
  TofersenDose dose;  // given or to give; an overdue one on the board's first day (its `due` earlier)
  std::string key{};  // planned_key of the dose
  std::optional<InfusionBooking> booking{};
  std::vector<std::string> problems{};  // of its booking
};

struct BoardDay {
  Day day;
  std::vector<BoardInfusion> infusions;      // planned on this day, or booked on it
  std::vector<BoardProcedure> procedures{};  // tofersen's lumbar punctures of the day
  int capacity = 0;                          // chairs x opening hours
  bool over_capacity = false;
  int conflicts = 0;
};

struct BoardModel {
  Day from, to;
  int chairs = 0, opening_hour = 0, closing_hour = 0;
  PunctureRooms rooms{};  // the unit's lumbar-puncture rooms and minutes, its hours
  std::vector<BoardDay> days;
};

/// What the board needs of one patient (IV edaravone, or tofersen for the pharmacy's list): facts without the
/// log, and the local days of edaravone doses logged missed or refused (they move make-up days).
struct BoardPatient {
  PatientFacts facts;
  std::vector<Day> missed_edaravone{};
  std::vector<LogEntry> dispensings{};  // edaravone's (current): the IV product, for the pharmacy's list
  std::vector<Day> given_tofersen{};    // local days of tofersen doses logged given (the plan's anchors)
};

/// `punctures`: the lumbar punctures booked in rooms (store.procedure_bookings).
BoardModel build_board(const std::vector<BoardPatient>& patients,
                       const std::vector<InfusionBooking>& bookings, Day from, Day to,
                       const Settings& settings, const std::vector<InfusionBooking>& punctures = {});

/// The pharmacy's preparation list of the board's days (core pharmacy_prep, as `pharmacy prep` lists it):
/// the same infusions on the same days as build_board, with each product's bags.
PrepList board_prep(const std::vector<BoardPatient>& patients, const std::vector<InfusionBooking>& bookings,
                    Day from, Day to);

/// Reads everything build_board needs from the store (one pass over the log: run it off the UI thread).
std::vector<BoardPatient> load_board_patients(RecordStore& store, Day from, Day to);

/// The first free chair slot of the day (by time, then chair), if any.
std::optional<std::pair<int, WallClock>> first_free_slot(const BoardDay& day, const BoardModel& board);

/// A lumbar puncture's line on the board's day `shown_on`: the patient, the dose, given or overdue (due
/// before the day it is shown on, or before `today`: a day of this week gone by without it), its booking's
/// time and room.
struct ProcedureLine {
  std::string text;
  bool overdue = false;
};
ProcedureLine procedure_line(const BoardProcedure& procedure, Day shown_on, Day today);

/// Books (or moves) a tofersen dose of the board into the first free room and time of `day` (core
/// first_free_room, book_lumbar_puncture), naming the booking version the board shows.
Result<ActionOutcome> book_puncture(RecordStore& store, const BoardProcedure& procedure, Day day,
                                    const PunctureRooms& rooms, const Actor& actor);

/// The board's chairs and opening hours, as the settings have them.
BoardHours board_hours(const Settings& settings);

/// Books (or moves) an infusion to a chair slot: the clinic's rule (alsmeds::book_infusion) decides, naming
/// the booking version the board shows (`infusion.booking`): refused when another workstation changed it.
Result<RecordId> book_slot(RecordStore& store, const BoardInfusion& infusion, Day day, int chair,
                           WallClock start, const Settings& settings, const Actor& actor);

}  // namespace alsmeds::gui
