#include "alsmeds/regimens/riluzole.hpp"

#include <algorithm>
#include <array>

#include "alsmeds/regimens/planned_key.hpp"
#include "alsmeds/regimens/product.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

constexpr MilligramsPerMillilitre kTiglutikConcentration{5.0};

const std::array<RiluzoleProduct, 3> kProducts{{
    {RiluzoleProductKind::tablet, "Rilutek and generics", Milligrams{50}, std::nullopt, "1 tablet", false,
     "1 tablet every 12 hours, at least 1 h before or 2 h after a meal"},
    {RiluzoleProductKind::suspension, "Tiglutik", Milligrams{50},
     kTiglutikConcentration.volume_for(Milligrams{50}), "10 mL", true,
     "10 mL (50 mg) every 12 hours by mouth or PEG tube; shake 30 s; 300 mL bottle = 15 days"},
    {RiluzoleProductKind::film, "Exservan", Milligrams{50}, std::nullopt, "1 film", false,
     "1 film every 12 hours on top of the tongue, no liquids, never split; not for tubes"},
}};

}  // namespace

const RiluzoleProduct& riluzole_product(RiluzoleProductKind kind) {
  return kProducts[static_cast<std::size_t>(kind)];
}

std::span<const RiluzoleProduct> riluzole_products() {
  return kProducts;
}

Result<std::vector<WallClock>> validate_riluzole_times(std::vector<WallClock> times) {
  if (times.size() != 2)
    return fail("riluzole takes exactly two dose times (every 12 hours), got " +
                std::to_string(times.size()));
  std::sort(times.begin(), times.end());
  for (WallClock t : times)
    if (t < WallClock{0} || t >= WallClock{24 * 60})
      return fail("'" + std::to_string(t.count()) + "' minutes is not a time of day");
  if (times[0] == times[1]) return fail("the two dose times are equal (" + format_wall_clock(times[0]) + ")");
  const auto gap = times[1] - times[0];
  if (gap < std::chrono::hours{9} || gap > std::chrono::hours{15})
    return fail("dose times " + format_wall_clock(times[0]) + " and " + format_wall_clock(times[1]) +
                " are not about 12 hours apart (9 to 15 hours allowed)");
  return times;
}

Result<std::vector<RiluzoleDose>> plan_riluzole(const RiluzoleRegimen& regimen, int days) {
  if (regimen.zone == nullptr) return fail("the patient's time zone is not set");
  if (days < 1 || days > 36600) return fail("days " + std::to_string(days) + " is out of range (1 to 36600)");
  auto times = validate_riluzole_times(regimen.times);
  if (!times) return fail(times.error());
  std::vector<RiluzoleDose> out;
  out.reserve(static_cast<std::size_t>(days) * times->size());
  for_each_riluzole_dose(regimen, *times, days, [&](const RiluzoleDose& d) { out.push_back(d); });
  return out;
}

std::string riluzole_key_part(int local_day, int slot) {
  return format_day(Day{date::days{local_day}}) + ":" + std::to_string(slot);
}

bool read_riluzole_key_part(std::string_view part, int& local_day, int& slot) {
  long long y = 0, m = 0, d = 0;
  if (!read_key_number(part, '-', y) || !read_key_number(part, '-', m) || !read_key_number(part, ':', d) ||
      !read_key_int(part, '\0', slot) || !part.empty() || y > 9999 || m > 12 || d > 31)
    return false;
  const date::year_month_day ymd{date::year{static_cast<int>(y)}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return false;
  local_day = static_cast<int>(Day{ymd}.time_since_epoch().count());
  return true;
}

RiluzoleProductKind riluzole_kind(Product product) {
  switch (product) {
    case Product::riluzole_suspension:
      return RiluzoleProductKind::suspension;
    case Product::riluzole_film:
      return RiluzoleProductKind::film;
    default:
      return RiluzoleProductKind::tablet;
  }
}

Product product_of(RiluzoleProductKind kind) {
  switch (kind) {
    case RiluzoleProductKind::suspension:
      return Product::riluzole_suspension;
    case RiluzoleProductKind::film:
      return Product::riluzole_film;
    case RiluzoleProductKind::tablet:
      break;
  }
  return Product::riluzole_tablet;
}

// docs/domain.md: one intake of 50 mg, "1 tablet (50 mg)", "10 mL (50 mg)", "1 film (50 mg)", with the brand.
DoseLabel riluzole_dose_label(Product product) {
  const RiluzoleProduct& p = riluzole_product(riluzole_kind(product));
  DoseLabel label;
  label.brand = std::string(p.brand);
  label.dose = std::string(p.unit_text) + " (" + format_quantity(p.dose_per_intake.count()) + " mg)";
  return label;
}

}  // namespace alsmeds
