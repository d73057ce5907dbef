#pragma once
// What alsmeds stores: patients, therapies (with cycle adjustments and closed days), the clinical log (doses,
// side effects, lab results, weights, dispensings) and the audit trail. Facts only: plans are derived from
// them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/product.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds {

using RecordId = std::int64_t;

/// Who does a write, and when (read from the clock at the program's edge, never inside core).
struct Actor {
  std::string name;
  Instant now;
};

struct NewPatient {
  std::optional<std::string> mrn;
  std::string name;
  std::string tz;  // IANA zone, checked on add
  std::optional<Day> born;
  bool sulfite_allergy = false;
  bool asthma = false;
  bool dysphagia = false;
  bool feeding_tube = false;
  std::optional<double> baseline_weight_kg;
  std::optional<Day> onset;  // symptom onset (the ALSFRS-R's delta FS)
};

/// A zone the patient lived in before a move: dose times were planned in it for days before `until`.
struct EarlierZone {
  Day until;
  std::string tz;
};

struct Patient : NewPatient {
  RecordId id = 0;
  Instant created_at;
  /// The zones before `tz`, oldest first (patient update --tz ZONE --from DAY): the plan of a day before a
  /// move stays in the zone of that day.
  std::vector<EarlierZone> earlier_zones;
};

/// A new version of a patient's facts (patient update): the facts as they are from now on, whole, with why.
/// Append-only: the patient row stays as added; readers apply the versions in order (apply_version).
struct PatientVersion {
  RecordId patient_id = 0;
  std::string name;
  std::string tz;
  std::optional<Day> tz_from;  // set when the zone changed: the new zone's dose times from this day on
  std::optional<Day> born;
  bool sulfite_allergy = false;
  bool feeding_tube = false;
  std::string reason;
  std::optional<Day> onset;  // symptom onset
};

/// The patient with a later version applied: a zone change keeps the zone before as an earlier zone.
void apply_version(Patient& patient, const PatientVersion& version);

struct NewTherapy {
  RecordId patient_id = 0;
  Drug drug = Drug::riluzole;
  Product product = Product::riluzole_tablet;  // one of the drug's products (product.hpp)
  Day start;
  DayPolicy policy = DayPolicy::earliest;     // edaravone
  FirstCycle first_cycle = FirstCycle::full;  // edaravone: a restart's choice
  std::string
      restart_reason;  // edaravone restart: why the prescriber chose the first cycle (empty otherwise)
  std::vector<WallClock> times{WallClock{8 * 60}, WallClock{20 * 60}};  // riluzole
  LiverTestSchedule liver_tests = LiverTestSchedule::eu;                // riluzole
  bool liver_tests_weekdays_only = false;
  /// Safety rules the prescriber overrode to start it ("sulfite risk accepted by Dr Ruiz: ..."): written to
  /// the audit trail with the start, in the same transaction (on the clinic server also a column of the
  /// therapy, from which its audit row is written).
  std::vector<std::string> confirmations;
  /// Edaravone: the dose days chosen for cycles 2+ (a proposal of board propose), empty for the policy's.
  DoseDayPattern dose_days{};
};

struct CycleAdjustment {
  RecordId id = 0;
  RecordId therapy_id = 0;
  CycleShift shift;
  std::string reason;
  std::string recorded_by;
  Instant recorded_at;
};

/// A switch of form or product (IV to oral edaravone, riluzole tablet to suspension) from `from` on: the
/// course and its calendar go on; the dose and the product's rules change from that day (docs/domain.md).
struct ProductChange {
  RecordId id = 0;
  RecordId therapy_id = 0;
  Day from;
  Product product = Product::riluzole_tablet;  // as NewTherapy::product
  std::string reason;
  std::string recorded_by;
  Instant recorded_at;
};

/// A pause of a course (therapy pause, issue 25: a hospital stay) over the days `from` to `to`: its doses
/// are neither due nor missed nor counted; edaravone's cycles re-flow as a delay does; the liver tests go on
/// by the calendar. A later row of the course with the same `from` replaces it (therapy resume: `to` the day
/// before the resumption; `to` before `from`: no pause at all).
struct TherapyPause {
  RecordId id = 0;
  RecordId therapy_id = 0;
  Day from;
  Day to;
  std::string reason;
  std::string recorded_by;
  Instant recorded_at;
};

struct Therapy : NewTherapy {
  RecordId id = 0;
  std::optional<Day> stop;
  std::string stop_reason;
  std::vector<CycleAdjustment> adjustments;  // in the order recorded
  std::vector<ProductChange> changes;        // switches, by day
  std::vector<TherapyPause> pauses;          // in force (the latest row of each `from`, none empty), by day
  std::vector<TherapyPause> pause_rows;      // every pause row, in the order recorded
};

/// True when `day` is in one of the course's pauses.
bool paused_on(const Therapy& therapy, Day day);
/// The pauses in force from the stored rows in the order recorded (as `Therapy::pauses`).
std::vector<TherapyPause> pauses_in_force(const std::vector<TherapyPause>& rows);
/// The audit words of a pause row; `replaces` is the row it replaces (a resumption), if any. Both stores'.
std::string describe_pause(const TherapyPause& row, const TherapyPause* replaces);

/// The product in force on `day`: the latest switch on or before it, else the one the course started with.
Product product_on(const Therapy& therapy, Day day);

enum class LogKind { dose, effect, lab, weight, dispensing };
std::string_view to_string(LogKind kind);

enum class DoseStatus { taken, missed, refused };
std::string_view to_string(DoseStatus status);
Result<DoseStatus> parse_dose_status(std::string_view text);

/// One clinical log record. Which fields mean something depends on `kind`.
struct LogEntry {
  RecordId id = 0;
  RecordId patient_id = 0;
  LogKind kind = LogKind::dose;
  Instant at;              // dose / effect: the instant; lab, weight, dispensing: the day at 00:00 UTC
  std::optional<Day> day;  // lab, weight, dispensing
  std::optional<Drug> drug;
  std::optional<DoseStatus> status;     // dose
  std::string planned_key;              // dose: the planned dose it answers ("" when none matched)
  std::string term;                     // effect
  int grade = 0;                        // effect, CTCAE 1-5
  std::optional<int> cycle, cycle_day;  // effect or dose, edaravone
  std::string test;                     // lab: ALT or AST
  double value = 0;                     // lab value (U/L) or weight (kg)
  double uln = 0;                       // lab
  int days_supply = 0;                  // dispensing
  double quantity = 0;                  // dispensing: what was handed out, in `unit` (0: not recorded)
  std::string unit;                     // dispensing: tablet, film, mL, bottle or bag (docs/supply.md)
  std::string product;                  // dispensing: the pack (supply.hpp), e.g. radicava-iv
  std::string dispensing_id;            // dispensing: the pharmacy's claim or Rx number ("" when not given)
  std::string note;
  std::string recorded_by;
  Instant recorded_at;
  std::optional<RecordId> supersedes;  // a correction names the record it replaces
};

/// The part of a dispensing record that refill measures (PDC, CMA) read.
struct DispensingRecord {
  RecordId patient_id = 0;
  Drug drug = Drug::riluzole;
  Day day;
  int days_supply = 0;
};

struct AuditEntry {
  RecordId id = 0;
  Instant at;
  std::string actor;
  std::string action;  // insert, correct, reflow, stop, import, migrate
  std::string entity;  // patient, therapy, log, ...
  RecordId entity_id = 0;
  std::optional<RecordId> patient_id;
  std::string detail;
  std::string previous;  // the value before, for changes
  /// The operating system account of the program that wrote the row (empty for rows written before schema
  /// 5): shown beside `actor`, the name given with --by, when the two differ.
  std::string os_account;
};

struct AlertAcknowledgment {
  RecordId id = 0;
  RecordId patient_id = 0;
  std::string alert_key;  // alert_key() of the alert (due_list.hpp)
  std::string acknowledged_by;
  Instant acknowledged_at;
  std::string note;
};

/// A planned edaravone infusion held in a chair, or (schema 16) a planned tofersen dose held in a lumbar-
/// puncture room: `start` is local wall-clock time; an infusion is 60 minutes, a lumbar puncture the unit's
/// setting when it was booked. One table, two kinds of place: the key's drug says which.
struct InfusionBooking {
  RecordId id = 0;
  RecordId patient_id = 0;
  std::string planned_key;  // "edaravone:<therapy>:c<cycle>:d<day>" or "tofersen:<therapy>:d<number>"
  Day day;
  int chair = 1;  // 1..number of chairs; for a lumbar puncture its room, 1..number of rooms
  WallClock start{9 * 60};
  std::string booked_by;
  Instant booked_at;
  int minutes = 60;  // how long the place is held
};

/// Whether a booking holds a lumbar-puncture room (a tofersen dose) rather than an infusion chair.
bool is_procedure_booking(const std::string& planned_key);
/// "chair 2" or "room 1": the place a booking holds.
std::string booking_place(const InfusionBooking& booking);

/// The infusion unit's chairs and hours (board settings), a version each time they change: the latest is in
/// force. Opening and closing as minutes of the day; the board's slots are whole hours.
struct UnitSettings {
  RecordId id = 0;
  int chairs = 4;
  int opens_minute = 8 * 60;    // the first slot starts
  int closes_minute = 17 * 60;  // the last infusion ends
  bool weekdays_only = false;   // Saturday and Sunday closed
  int lp_rooms = 1;             // rooms for tofersen's lumbar punctures (0: none booked here), schema 16
  int lp_minutes = 60;          // how long a lumbar puncture holds its room (our default, docs/domain.md)
  std::string reason;
  std::string recorded_by;
  Instant recorded_at;
};

struct ClosedDay {
  std::optional<RecordId> patient_id;  // empty = the whole clinic
  Day day;
  std::string reason;
};

}  // namespace alsmeds

namespace alsmeds {

/// Why a board write naming the booking version it saw is refused: the infusion's latest version `latest`
/// (a cancellation when `cancelled`) is not that one: who changed it, how and when, and that the board is
/// read again. Both stores' words.
std::string booking_changed_meanwhile(const InfusionBooking& latest, bool cancelled);
/// What both stores check of a booking before writing it (the server's constraints hold the same): a key of
/// edaravone or tofersen, a place from 1, an infusion of 60 minutes, a lumbar puncture of 15 to 240, and the
/// time ending by midnight.
Result<bool> check_booking(const InfusionBooking& booking);
/// Why a booking is refused when its place is held at an overlapping time (both stores' words).
std::string place_taken(const InfusionBooking& booking);

/// One line for a person (history's detail column and the audit trail).
std::string describe(const NewPatient& patient);
std::string describe(const NewTherapy& therapy);
std::string describe(const LogEntry& entry);
/// "Ann Lee (America/Los_Angeles) from 2026-12-10, feeding tube: moved" (the clinic server's audit trigger
/// writes the same words).
std::string describe(const PatientVersion& version);
/// "12 chairs, 08:00-16:00, weekdays: <reason>" (", every day" when the unit opens on weekends).
std::string describe(const UnitSettings& settings);
/// ok, or the first text field that is not UTF-8 text without NUL (text.hpp), named: "name: invalid UTF-8 at
/// byte 5 (0xff)", "recorded by: ...". The store refuses such records whichever front end sends them.
Result<bool> check_text(const NewPatient& patient);
Result<bool> check_text(const PatientVersion& version);
Result<bool> check_text(const LogEntry& entry);
Result<bool> check_text(const Actor& actor);
/// "08:00,20:00"
std::string format_times(const std::vector<WallClock>& times);

}  // namespace alsmeds
