#pragma once
// The clinic's actions: every write a person makes, with every rule applied, whichever front end (CLI,
// desktop app, importer) or store is behind it. Each takes the request in typed values (front ends parse
// text), the patient's stored facts and who acts, and returns the new record's id with any warnings, or an
// error a person can act on. Nothing is written when a rule refuses.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

/// What a write produced: the new record's id, and what the person should know (shown, never blocking).
struct ActionOutcome {
  RecordId id = 0;
  std::vector<std::string> warnings;
};

/// The prescriber's decision to go ahead despite a safety rule (sulfite allergy with edaravone, a baseline
/// ALT above 3x ULN with riluzole): who decided and why. Recorded in the audit trail with the write.
struct Confirmation {
  std::string prescriber;
  std::string reason;
  bool given() const { return !prescriber.empty() || !reason.empty(); }
};

Result<ActionOutcome> add_patient(RecordStore& store, const NewPatient& patient, Day today,
                                  const Actor& actor);

/// What `patient update` asks: only the facts named change; why is required. A new zone needs the day its
/// dose times start (`tz_from`): the plan before that day stays in the zone before.
struct PatientChange {
  std::optional<std::string> name;
  std::optional<std::string> tz;
  std::optional<Day> tz_from;
  std::optional<Day> born;
  std::optional<bool> feeding_tube;
  std::optional<bool> sulfite_allergy;
  std::optional<Day> onset;  // symptom onset
  std::string reason;
};
/// Stores the patient's facts with the change as a new version (append-only, audited). Refused: nothing
/// changing, a zone without its day (or a day before an earlier move), a bad name, zone or birth date. The
/// checks of therapy start that read these facts run again for the courses running or planned: warnings.
Result<ActionOutcome> update_patient(RecordStore& store, const PatientFacts& facts,
                                     const PatientChange& change, const Actor& actor);

struct DoseRequest {
  Drug drug = Drug::riluzole;
  Instant at;
  DoseStatus status = DoseStatus::taken;
  std::string note;
  std::optional<RecordId> corrects;
  /// The planned dose answered when the front end knows it (a button on a planned dose); else matched by
  /// time.
  std::string planned_key;
  std::optional<int> cycle, cycle_day;
  /// The person chose "taken early/late at ..." with the time it was really taken, for a planned dose
  /// named above whose window `at` is outside (recorded with a warning). Without it such a request is
  /// refused: a press on a dose's button far from its time is not what the person meant.
  bool outside_window = false;
};
/// When a dose planned for a day without a time (an edaravone infusion, a tofersen dose) is recorded with no
/// time given (a press on the day, a past day marked given): the local noon of its day, the middle of the
/// clinic's day.
Instant day_dose_instant(Day day, Zone zone);
/// Two logs of one dose less than this apart are one intent (a double-click, a command run twice): the
/// second is refused, naming the first.
inline constexpr std::chrono::seconds kRepeatedIntentGap{10};
/// The patient's log as log_dose's rules need it for `dose` (read only what the rules need): the whole log
/// for a correction (the record corrected may be of any age); else every record but the riluzole doses
/// recorded more than two days before the dose, or before the day of the riluzole dose it names
/// (RecordStore::log_entries_beside_riluzole). The rules look at riluzole doses no further: the same instant,
/// the same planned dose (recorded on or after its day), two taken within kDoubledDoseGap.
std::vector<LogEntry> log_for_dose(RecordStore& store, RecordId patient_id, const DoseRequest& dose);
/// Records a dose. Refused besides check_dose's rules: a taken dose named by its planned dose outside that
/// dose's window without `outside_window`, or before its day; a repeat within kRepeatedIntentGap.
Result<ActionOutcome> log_dose(RecordStore& store, const PatientFacts& facts, const DoseRequest& dose,
                               const Actor& actor);
/// Withdraws a dose record made in error (the app's Undo of "Taken"): a correction of the current record
/// `dose` that records no dose (no status), so the planned dose it answered is open again. The log stays
/// append-only: the withdrawn record stays in the audit trail, superseded.
Result<ActionOutcome> withdraw_dose(RecordStore& store, const PatientFacts& facts, RecordId dose,
                                    const std::string& note, const Actor& actor);

struct EffectRequest {
  std::string term;
  int grade = 0;
  Instant at;
  std::optional<Drug> drug;  // suspected drug
  std::string note;
  std::optional<RecordId> corrects;
};
Result<ActionOutcome> log_effect(RecordStore& store, const PatientFacts& facts, const EffectRequest& effect,
                                 const Actor& actor);

struct LabRequest {
  std::string test;  // ALT or AST
  double value = 0;  // U/L
  double uln = 0;    // the lab's upper limit of normal, U/L
  Day day;
  std::string note;
  std::optional<RecordId> corrects;
};
/// Warns with the ALT assessment (above 1x, 3x, 5x ULN) of docs/domain.md.
Result<ActionOutcome> log_lab(RecordStore& store, const PatientFacts& facts, const LabRequest& lab,
                              const Actor& actor);

struct WeightRequest {
  double kg = 0;
  Day day;
  std::string note;
  std::optional<RecordId> corrects;
};
Result<ActionOutcome> log_weight(RecordStore& store, const PatientFacts& facts, const WeightRequest& weight,
                                 const Actor& actor);

struct DispenseRequest {
  Drug drug = Drug::riluzole;
  Day day;
  int days_supply = 0;  // 0: derived from the quantity and the regimen
  /// What was handed out (docs/supply.md): a quantity in tablet|film|mL|bottle|bag, and the product when it
  /// is not the course's (IV edaravone: radicava-iv or generic-iv, always named).
  double quantity = 0;  // 0: not given
  std::string unit;
  std::string product;
};
/// Records a dispensing. With a quantity, the days' supply is derived from it and the regimen when not
/// given, and a given one that disagrees is a warning. facts.log must hold the patient's records.
Result<ActionOutcome> dispense(RecordStore& store, const PatientFacts& facts,
                               const DispenseRequest& dispensing, const Actor& actor);
/// What dispense records, checked but not written (import dispensing writes a file's rows in one
/// transaction): the record, with the days' supply derived when not given, and the warnings.
struct PreparedDispensing {
  LogEntry entry;
  std::vector<std::string> warnings;
};
Result<PreparedDispensing> prepare_dispensing(const PatientFacts& facts, const DispenseRequest& dispensing,
                                              Instant now);

struct TherapyRequest {
  NewTherapy therapy;  // patient_id is taken from the facts; first_cycle/restart_reason from below
  /// Edaravone after an earlier course (a restart): the prescriber's explicit choice of cycle 1 (the full 14
  /// daily doses, or 10 of 14 days) and why. Required for a restart; a first course is always `full`.
  std::optional<FirstCycle> first_cycle;
  std::string restart_reason;
  Confirmation sulfite_risk;  // edaravone for a sulfite-allergic patient
  Confirmation baseline_alt;  // riluzole with a baseline ALT above 3x ULN (EU SmPC contraindication)
  /// Riluzole again after an ALT or AST of 5x ULN or more during an earlier course (EU SmPC:
  /// re-administration cannot be recommended).
  Confirmation liver_restart;
};
/// Refuses a course of a drug that overlaps a running one (stop it first), a sulfite-allergic patient's
/// edaravone, riluzole over a baseline ALT above 3x ULN and riluzole again after a transaminase of 5x ULN or
/// more in an earlier course without the prescriber's confirmation, and an
/// edaravone restart without the prescriber's choice of cycle 1 and its reason.
Result<ActionOutcome> start_therapy(RecordStore& store, const PatientFacts& facts,
                                    const TherapyRequest& request, const Actor& actor);
/// Delays an edaravone cycle (re-flow) of the patient's running edaravone course; checked against the plan
/// and the log (facts.log must hold the patient's records). Logged doses never move:
/// - a cycle not started (none of its doses logged) moves whole, as the re-flow says;
/// - a started cycle keeps its start and its logged doses; the doses left move by the delay and its window
///   grows by it (rules::kStartedCycleGrowth in all), so it still gets 14 or 10 doses, never more, and 14
///   drug-free days follow (`resume_from` is set from the log here, whatever the request says);
/// - a finished cycle (no planned dose left after its last logged one), or one followed by a cycle with a
///   logged dose, is refused with what to do instead.
Result<ActionOutcome> shift_cycle(RecordStore& store, const PatientFacts& facts, const CycleShift& shift,
                                  const std::string& reason, const Actor& actor);

/// log alsfrs: an ALSFRS-R report of `day` (the answers parsed by parse_alsfrs_items).
struct AlsfrsRequest {
  Day day;
  AlsfrsItems items{};
  bool gastrostomy = false;  // item 5 as 5b (also when the patient has a feeding tube)
  std::optional<RecordId> corrects;
};
/// Records the report; refused: a day ahead of the patient's today or before the era, a second report of a
/// day (correct the first), a correction of what is not a current report of the patient. Warns (our default
/// flags) of a domain down 2 or more, or the respiratory domain down, since the report before.
Result<ActionOutcome> log_alsfrs(RecordStore& store, const PatientFacts& facts, const AlsfrsRequest& report,
                                 const Actor& actor);

/// therapy pause: the course of `drug` running on `from` pauses from `from` to `to` (a hospital stay).
struct PauseRequest {
  Drug drug = Drug::riluzole;
  Day from;
  Day to;
  std::string reason;
};
/// Records the pause (TherapyPause: neither due nor missed nor counted; edaravone re-flows as a delay).
/// Refused: no course running on `from`, a stop before `to`, over an earlier pause, a dose logged in it,
/// longer than 90 days (our default: a stop then), more than a year ahead, no reason.
Result<ActionOutcome> pause_therapy(RecordStore& store, const PatientFacts& facts, const PauseRequest& pause,
                                    const Actor& actor);
/// therapy resume: the pause running on `on` ends the day before (doses from `on` are due again); a pause
/// not begun by `on` is withdrawn. Refused when no pause runs on or after `on`.
Result<ActionOutcome> resume_therapy(RecordStore& store, const PatientFacts& facts, Drug drug, Day on,
                                     const std::string& reason, const Actor& actor);

struct SwitchRequest {
  Drug drug = Drug::edaravone;
  Product product = Product::edaravone_oral;  // one of the drug's products
  Day from;                                   // the first day of the new form
  std::string reason;
};
/// Switches the running course's form or product from `from` on (docs/domain.md: IV to oral edaravone keeps
/// the cycle calendar). The plan before `from` is unchanged; refused when a dose of the drug is already
/// logged on or after `from`, when the product is the one in force, or before the course's start or its
/// latest switch. Warns of the new product's rules (fasting window, tube use).
Result<ActionOutcome> switch_therapy(RecordStore& store, const PatientFacts& facts,
                                     const SwitchRequest& request, const Actor& actor);
Result<ActionOutcome> stop_therapy(RecordStore& store, const PatientFacts& facts, Drug drug, Day stop,
                                   const std::string& reason, const Actor& actor);

/// The prescriber's answer to a stop alert (ALT 5x ULN or more, docs/domain.md): riluzole doses are on hold
/// until it is recorded. `continue_riluzole`: the alert is acknowledged with the decision; `discontinue`:
/// riluzole is stopped on `stop_day` and the alert acknowledged. Who decided and why are required.
enum class StopAlertDecision { continue_riluzole, discontinue };
struct StopAlertDecisionRequest {
  Day alt_day;  // the day of the ALT result whose stop alert is answered
  StopAlertDecision decision = StopAlertDecision::discontinue;
  Confirmation prescriber;  // who decided and why
  Day stop_day;             // discontinue: the last day of riluzole
};
Result<ActionOutcome> decide_stop_alert(RecordStore& store, const PatientFacts& facts,
                                        const StopAlertDecisionRequest& request, const Actor& actor);

Result<ActionOutcome> add_closed_day(RecordStore& store, const ClosedDay& closed, const Actor& actor);
Result<ActionOutcome> acknowledge_alert(RecordStore& store, const PatientFacts& facts,
                                        const std::string& alert_key, const std::string& note,
                                        const Actor& actor);

/// The unit's lumbar-puncture rooms (board settings --lp-rooms): 0 to this many.
inline constexpr int kMaxPunctureRooms = 10;
/// How long a lumbar puncture holds its room (board settings --lp-minutes): from..to minutes. The labels give
/// the bolus (1 to 3 minutes after about 10 mL of CSF is removed), not the room's time: 60 is our default.
inline constexpr std::pair<int, int> kPunctureMinutes{15, 240};

/// The infusion board's shape: how many chairs, and the hours the first slot starts and the last one ends
/// (an infusion is 60 minutes). The desktop app's settings; alsmeds-cli's --chairs, --opens and --closes.
struct BoardHours {
  int chairs = 4;
  int opening_hour = 8;
  int closing_hour = 17;
};
/// Chairs 1..20 and 0 <= opening < closing <= 23; the reason otherwise (empty when the hours are fine).
std::string check_board_hours(const BoardHours& hours);

/// The unit's settings in force (board settings, issue 27): the latest version stored in the clinic's
/// database, else the defaults (4 chairs, 08:00-17:00, every day) with id 0.
UnitSettings unit_settings_in_force(RecordStore& store);
/// The board's hours of the settings: the board's slots are whole hours, so the first whole hour at or after
/// opening and the last at or before closing (settings written by this program are whole hours).
BoardHours board_hours_of(const UnitSettings& settings);
/// "HH:MM-HH:MM": opening and closing (the reason otherwise).
Result<std::pair<WallClock, WallClock>> parse_opening_hours(std::string_view text);

struct UnitSettingsChange {
  std::optional<int> chairs;
  std::optional<std::pair<WallClock, WallClock>> open;  // opening, closing
  std::optional<bool> weekdays_only;
  std::optional<int> lp_rooms{}, lp_minutes{};  // tofersen's lumbar-puncture rooms and their minutes
  std::string reason;
  /// The version (id, 0 for the defaults) the writer's screen showed: refused when another was stored since
  /// (a stale Settings dialog never overwrites a colleague's change unseen). Unset: no such check (the CLI).
  std::optional<RecordId> seen{};
};
/// board settings: a new version of the unit's settings, the one in force with the change applied (audited).
/// Refused: chairs outside 1-20; hours that are not whole (the board's slots are hours), opening not before
/// closing, closing after 23:00; a change that changes nothing. Warns of live bookings from `today` on that
/// the new settings leave outside the board (a chair it no longer has, a slot outside the hours).
Result<ActionOutcome> set_unit_settings(RecordStore& store, const UnitSettingsChange& change, Day today,
                                        const Actor& actor);

struct BookingRequest {
  std::string planned_key;  // the planned infusion; empty: the patient's planned IV infusion on `day`
  Day day;
  int chair = 1;
  WallClock start{9 * 60};
  /// The infusion's live booking version (id) the front end showed, 0 for none: the write is refused when
  /// it changed meanwhile (a stale board), saying who changed it and when. Unset: no such check (the CLI).
  std::optional<RecordId> seen_booking;
};
/// Books (or moves) a planned IV edaravone infusion into a chair slot. Refused: no planned IV infusion of the
/// patient on that day (an infusion is booked on the day the plan has it: delay the cycle to move it), a
/// chair the board does not have, a slot outside opening hours, a chair taken at an overlapping time, the
/// patient in another chair at an overlapping time. facts.log must hold the patient's records (missed
/// doses move make-up days). The store refuses a taken chair again inside its write transaction: two
/// nurses booking one chair at one moment get one booking and one refusal. A move to the slot it already has
/// is refused (nothing to change), as is a write from a board that showed another version (seen_booking).
Result<ActionOutcome> book_infusion(RecordStore& store, const PatientFacts& facts,
                                    const BookingRequest& request, const BoardHours& hours,
                                    const Actor& actor);

/// Cancels the patient's live booking of `day` (an infusion's chair or a lumbar puncture's room; `drug` picks
/// one when the day has both), freeing the place (a new version marked cancelled, audited). Refused when the
/// patient has none that day.
Result<ActionOutcome> cancel_day_booking(RecordStore& store, const Patient& patient, Day day,
                                         std::optional<Drug> drug, const Actor& actor);

/// What is wrong with a booking on the board (made before a rule or a setting changed, or before a re-flow):
/// the booking `b` against the other live bookings of its day, the hours, and the day the plan has its
/// infusion on (`planned_day`; none when no planned infusion matches it any more). Empty when nothing is.
std::vector<std::string> booking_problems(const InfusionBooking& b, std::optional<Day> planned_day,
                                          const std::vector<InfusionBooking>& same_day,
                                          const BoardHours& hours, const std::string& patient_name);

/// The patient's latest course of `drug` (running or stopped), if any.
const Therapy* latest_therapy(const PatientFacts& facts, Drug drug);

// The checks of the actions above that look at one record alone: what an import applies to every row (the
// rows of a file are the same writes as the commands; core/src/exchange/import_rows.cpp).

/// add_patient's checks: name, MRN (rules::check_mrn), zone, birth date, weight.
Result<bool> check_new_patient(const NewPatient& patient, Day today);
/// log_dose's checks of a dose against the course it belongs to (the latest course of its drug; a dose
/// with no course is refused by the caller, which names the patient): the day within the course, the time
/// not before the era and not ahead of `now`, a refused dose's note.
Result<bool> check_dose(const Therapy& course, Zone zone, const DoseRequest& dose, Instant now);
/// dispense's checks: the days' supply, the date not before the era nor after the patient's today.
Result<bool> check_dispensing(Zone zone, const DispenseRequest& dispensing, Instant now);

/// Doses that repeat one already recorded: the same patient and drug at the same instant, or the same
/// planned dose recorded taken twice. log_dose records a repeat with a warning (a person at the keyboard
/// decides); an import refuses it, naming the line (a file read twice must not double a patient's doses).
class RepeatedDoses {
 public:
  struct Earlier {
    RecordId record = 0;   // a stored record, or
    std::size_t line = 0;  // an earlier line of the same file
    bool same_instant = false;
  };
  /// Remembers a current dose record (line 0) or a dose row of a file (its line).
  void remember(const LogEntry& dose, std::size_t line = 0);
  /// The earlier dose `dose` repeats, if any.
  std::optional<Earlier> find(const LogEntry& dose) const;
  /// find(), and remember(dose, line) when it repeats nothing.
  std::optional<Earlier> find_or_remember(const LogEntry& dose, std::size_t line);
  /// "repeats record 12 (riluzole taken at 2026-03-08T13:00:00Z)": what a message says about `earlier`.
  static std::string describe(const Earlier& earlier, const LogEntry& dose);
  void reserve(std::size_t n);

 private:
  struct Key {
    RecordId a = 0;
    std::int64_t b = 0;
    std::int64_t c = 0;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept;
  };
  std::unordered_map<Key, Earlier, KeyHash> by_instant_;  // (patient, drug, at)
  std::unordered_map<Key, Earlier, KeyHash> taken_;       // (therapy, planned dose) recorded taken
};

/// The first of `rows` (in their order) that repeats a dose of `recorded` or an earlier row, by the rule of
/// RepeatedDoses: what an import refuses. Sorted rather than hashed: a million rows cost a fraction of a
/// second.
struct RepeatedRow {
  std::size_t row = 0;                     // index in `rows`
  RecordId record = 0;                     // the recorded dose it repeats, or
  std::optional<std::size_t> earlier_row;  // the earlier row it repeats
  bool same_instant = false;
};
std::optional<RepeatedRow> first_repeated_dose(const std::vector<LogEntry>& recorded,
                                               const std::vector<LogEntry>& rows);

/// first_repeated_dose over a file read a batch at a time (a large file in bounded memory): the recorded
/// doses of a patient added before the batch that first names the patient, then each batch in file order.
/// The first repeat found is the one first_repeated_dose finds over the whole file. Holds two small keys
/// per dose, not the doses.
class RepeatedDoseSearch {
 public:
  void add_recorded(const std::vector<LogEntry>& recorded);
  /// Room for `doses` keys of each kind, made once (the rows of the file counted first): growing by
  /// doubling would hold up to three times the keys at once.
  void reserve(std::size_t doses);
  /// The first of `rows` that repeats a recorded dose, a row of an earlier batch or an earlier row of its
  /// own; `orders[i]` numbers rows[i] (the file's line, rising): `earlier_row` is the number of the row
  /// repeated. The batch is remembered for the batches after it.
  std::optional<RepeatedRow> next_batch(const std::vector<LogEntry>& rows,
                                        const std::vector<std::size_t>& orders);

 private:
  struct Key {
    std::int64_t a = 0, b = 0, c = 0;
    std::int64_t order = 0;  // a row's number, or below every row's for a recorded dose (its id)
  };
  static std::optional<RepeatedRow> first_in_batch(std::vector<Key>& batch, const std::vector<Key>& earlier,
                                                   bool same_instant);
  std::vector<Key> instants_, taken_;  // sorted: (patient, drug, at) and (therapy, planned dose) taken
};

}  // namespace alsmeds
