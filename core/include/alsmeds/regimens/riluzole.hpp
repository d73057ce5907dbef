#pragma once
// Riluzole 50 mg every 12 hours at wall-clock times in the patient's zone (docs/domain.md, "Riluzole").
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/units.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

/// The riluzole engine's name for a product; a course's product is a Product (product.hpp).
enum class RiluzoleProductKind { tablet, suspension, film };

struct RiluzoleProduct {
  RiluzoleProductKind kind;
  std::string_view brand;                        // "Rilutek and generics", "Tiglutik", "Exservan"
  Milligrams dose_per_intake;                    // 50 mg
  std::optional<Millilitres> volume_per_intake;  // 10 mL of the 5 mg/mL suspension
  std::string_view unit_text;                    // "1 tablet", "10 mL", "1 film"
  bool tube_compatible;                          // may go through a PEG tube
  std::string_view instructions;
};

const RiluzoleProduct& riluzole_product(RiluzoleProductKind kind);
std::span<const RiluzoleProduct> riluzole_products();

inline constexpr WallClock kDefaultMorningDose{8 * 60};
inline constexpr WallClock kDefaultEveningDose{20 * 60};

struct RiluzoleRegimen {
  Day start;
  Zone zone = nullptr;
  std::vector<WallClock> times{kDefaultMorningDose, kDefaultEveningDose};
  RiluzoleProductKind product = RiluzoleProductKind::tablet;
  /// Zones before `zone`, oldest first: a day before one's `until` is planned in that zone (a patient who
  /// moved keeps the plan before the move as it was).
  std::vector<EarlierZoneSpan> earlier_zones{};
};

struct RiluzoleDose {
  Instant instant;
  std::chrono::seconds utc_offset;
  Day local_day;
  int slot = 0;  // index into the regimen's sorted times
  LocalTimeKind kind = LocalTimeKind::unique;
  Milligrams dose;
};

/// Checks dose times: exactly two, distinct, in 00:00..23:59, and 9 to 15 hours apart (every 12 hours; a
/// wider spread would put the doses close enough to double up). Returns them sorted.
Result<std::vector<WallClock>> validate_riluzole_times(std::vector<WallClock> times);

/// Every dose from the regimen's start for `days` days (days 1..36600). A wall-clock time that cannot be told
/// apart from an earlier dose's instant (a whole skipped day, as Apia on 2011-12-30) is not planned twice:
/// never double a dose.
Result<std::vector<RiluzoleDose>> plan_riluzole(const RiluzoleRegimen& regimen, int days);

/// Calls `visit(dose)` for every dose without storing them (used by the benchmark and long exports).
template <class Visit>
void for_each_riluzole_dose(const RiluzoleRegimen& regimen, const std::vector<WallClock>& sorted_times,
                            int days, Visit&& visit);

// A course's product (product.hpp) in this module's words and back: the kind of a riluzole product (tablet
// for any other), the product of a kind; and the brand and dose of its label (the Regimen's dose_label hook).
enum class Product;
struct DoseLabel;
RiluzoleProductKind riluzole_kind(Product product);
Product product_of(RiluzoleProductKind kind);
DoseLabel riluzole_dose_label(Product product);

/// A dose's own part of its planned-dose key (planned_key.hpp) from its local day (as days since 1970-01-01)
/// and its slot counted from 1: "2026-03-08:1", and back (the day checked on the calendar).
std::string riluzole_key_part(int local_day, int slot);
bool read_riluzole_key_part(std::string_view part, int& local_day, int& slot);

}  // namespace alsmeds

#include "alsmeds/regimens/riluzole_impl.hpp"
