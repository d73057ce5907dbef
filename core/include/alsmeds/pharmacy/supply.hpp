#pragma once
// Medication supply (issue 16): the products' packs as their labels give them (docs/supply.md), what a
// dispensing handed out, what a patient has on hand on a day, when it runs out and when to refill. Pure:
// facts in, figures out ("today" is a parameter).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/regimens/pack.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

std::string_view to_string(SupplyUnit unit);
Result<SupplyUnit> parse_supply_unit(std::string_view text);

/// Every registered drug's packs (regimens.hpp Regimen::packs), in Drug's order; the pointers stay valid.
std::vector<const PackFacts*> pack_facts();
/// The pack of that word, nullptr for none.
const PackFacts* find_pack(std::string_view product);

/// The pack a dispensing is for: `product` when named, else the course's product on `day` (riluzole
/// tablet|suspension|film, ORS `oral`). IV edaravone is never guessed: Radicava's two 30 mg bags or a
/// generic's one 60 mg bag must be named.
Result<const PackFacts*> dispensed_pack(Drug drug, const std::string& product, const Therapy* course,
                                        Day day);

/// A quantity handed out, in the pack's counted unit (bottles to mL): refused when the unit does not fit
/// the product (tablets of a suspension), or is not a whole number of tablets, films, bags or bottles.
Result<double> counted_quantity(const PackFacts& pack, double quantity, SupplyUnit unit);

/// The days' supply a quantity dispensed on `day` gives by the regimen: days from `day` to the first
/// planned dose it cannot cover (opened bottles only within their in-use life). None when the course plans
/// no dose of the product from `day` on.
std::optional<int> derived_days_supply(const PatientFacts& facts, const PackFacts& pack, double counted,
                                       Day day);

inline constexpr int kDefaultRefillDays = 7;
/// How far ahead a refill reminder may be asked for (--refill-days, the app's setting), in days.
inline constexpr int kMinRefillDays = 1, kMaxRefillDays = 90;

/// A patient's supply of one drug and form on a day.
struct SupplyStatus {
  Drug drug = Drug::riluzole;
  std::string product;  // the pack of the latest dispensing
  double on_hand = 0;   // at the start of the day, in `unit` (opened bottles past their in-use life are gone)
  SupplyUnit unit = SupplyUnit::tablet;
  int doses_left = 0;              // planned doses from the day on that the supply covers
  std::optional<Day> runs_out_on;  // the first planned dose it cannot cover (none: lasts the course)
  std::optional<Day> refill_by;    // runs_out_on minus the refill threshold
  std::string
      based_on;  // "log": the days with records as logged, the others as planned; "plan": no dose logged
};

/// Supply of each drug and form the patient was dispensed, at the start of `on` (past, today or ahead). Doses
/// used before `on`, day by day: those logged taken, and every planned dose of the day that has no record
/// (taken, missed or refused) counts as used, so a patient who stops logging, or a day still ahead, uses what
/// the plan says; from `on` on, the plan. facts.log must hold the patient's records.
std::vector<SupplyStatus> supply_status(const PatientFacts& facts, Day on,
                                        int refill_days = kDefaultRefillDays);
/// The same with the patient's current dose records given compact in `doses` (the doses in facts.log are not
/// read): over a cohort, whose facts hold recent records only.
std::vector<SupplyStatus> supply_status(const PatientFacts& facts, const std::vector<DoseRecord>& doses,
                                        Day on, int refill_days = kDefaultRefillDays);

/// One row of the pharmacist's list of supplies running out.
struct PatientSupply {
  Patient patient;
  Day on;  // the day the supply is counted at the start of (the patient's today unless asked)
  SupplyStatus status;
};

/// The pharmacist's list: every supply of `facts` (with their logs) that runs out within `within_days` days
/// of `on` (each patient's today in their own zone at `now` when not given), or has run out already;
/// riskiest first: the fewest days from each patient's day to the run-out day first (a supply already out
/// first of all), then the earlier run-out day, then the order of `facts`.
std::vector<PatientSupply> supplies_running_out(const std::vector<PatientFacts>& facts, Instant now,
                                                std::optional<Day> on, int within_days,
                                                int refill_days = kDefaultRefillDays);
/// The same over the whole clinic's facts read in one pass (patient_facts.hpp, load_clinic_supply_facts).
std::vector<PatientSupply> supplies_running_out(const ClinicSupplyFacts& facts, Instant now,
                                                std::optional<Day> on, int within_days,
                                                int refill_days = kDefaultRefillDays);

/// The refill items of `due` on `on`: each supply that runs out within `refill_days` days (from its refill_by
/// day on; overdue once it has run out).
std::vector<DueItem> refill_items(const PatientFacts& facts, Day on, int refill_days = kDefaultRefillDays);
/// The same with the patient's current dose records given in `doses` (as supply_status).
std::vector<DueItem> refill_items(const PatientFacts& facts, const std::vector<DoseRecord>& doses, Day on,
                                  int refill_days = kDefaultRefillDays);

/// "42 tablet", "150 mL", "3 bag": a quantity with its unit.
std::string format_quantity(double quantity, SupplyUnit unit);

}  // namespace alsmeds
