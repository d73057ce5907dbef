// Medication supply: pack facts (docs/supply.md), dispensed lots, doses used, run-out and refill days.
#include "alsmeds/pharmacy/supply.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {
namespace {

using date::days;
constexpr double kEps = 1e-9;
constexpr days kHorizon{731};  // how far ahead a run-out day is looked for

// Doses and lots of one drug and form (riluzole tablet, suspension or film; edaravone oral or iv).
// Its drug is looked up once: the family is asked for it at every dose record.
struct Family {
  explicit Family(Product p) : product(p), drug(drug_of(p)) {}
  Product product;
  Drug drug;
  // The supply list's order: by drug, then by the product's word.
  bool operator<(const Family& o) const {
    return std::pair{drug, to_string(product)} < std::pair{o.drug, to_string(o.product)};
  }
};

// What one dispensing handed out, as it is used up: whole units, or bottles with the one opened.
struct Lot {
  const PackFacts* pack = nullptr;
  Day from;
  double units = 0;  // tablets, films, bags; unopened bottles for a suspension
  double open_ml = 0;
  std::optional<Day> opened;
};

bool is_bottle(const PackFacts& p) {
  return p.per_bottle > 0;
}

void expire_opened(std::vector<Lot>& lots, Day day) {
  for (Lot& l : lots)
    if (l.opened && l.pack->in_use_days > 0 && (day - *l.opened).count() >= l.pack->in_use_days) {
      l.open_ml = 0;  // past its in-use life: what is left is discarded
      l.opened.reset();
    }
}

// Whether the lot can never give a dose again (what it holds only shrinks; what is left of an opened bottle
// still expires: expire_opened over every lot before it is counted).
bool used_up(const Lot& l) {
  const double need = l.pack->per_dose;
  if (is_bottle(*l.pack)) return l.units < 1 - kEps && !(l.opened && l.open_ml + kEps >= need);
  return l.units + kEps < need;
}

// Takes one dose on `day` from the earliest lot that can give it; false when none can. The lots before
// `first_open` are used up (skipped: a year of doses otherwise walks every earlier lot each time).
bool take_dose(std::vector<Lot>& lots, Day day, std::size_t& first_open) {
  while (first_open < lots.size() && used_up(lots[first_open])) ++first_open;
  for (std::size_t i = first_open; i < lots.size(); ++i) {
    Lot& l = lots[i];
    if (l.opened && l.pack->in_use_days > 0 && (day - *l.opened).count() >= l.pack->in_use_days) {
      l.open_ml = 0;  // past its in-use life: what is left is discarded (as expire_opened)
      l.opened.reset();
    }
  }
  for (std::size_t i = first_open; i < lots.size(); ++i) {
    Lot& l = lots[i];
    if (l.from > day) continue;
    const double need = l.pack->per_dose;
    if (is_bottle(*l.pack)) {
      if (l.opened && l.open_ml + kEps >= need) {
        l.open_ml -= need;
        return true;
      }
      if (l.units >= 1 - kEps) {
        l.units -= 1;
        l.open_ml = l.pack->per_bottle - need;
        l.opened = day;
        return true;
      }
    } else if (l.units + kEps >= need) {
      l.units -= need;
      return true;
    }
  }
  return false;
}

// The course of `drug` in force on `day` (the latest started on or before it).
const Therapy* course_on(const PatientFacts& f, Drug drug, Day day) {
  const Therapy* found = nullptr;
  for (const Therapy& t : f.therapies)
    if (t.drug == drug && t.start <= day && (!found || t.start >= found->start)) found = &t;
  return found;
}

// Every planned dose day (one entry a dose) of the family from `from` to `to`, in order.
std::vector<Day> planned_doses(const PatientFacts& f, const Family& fam, Day from, Day to) {
  std::vector<Day> out;
  for (const Therapy& t : f.therapies) {
    if (t.drug != fam.drug) continue;
    const Day last = t.stop ? std::min(*t.stop, to) : to;
    switch (fam.drug) {
      case Drug::riluzole:
        for (Day d = std::max(from, t.start); d <= last; d += days{1})
          if (product_on(t, d) == fam.product && !paused_on(t, d)) out.insert(out.end(), t.times.size(), d);
        break;
      case Drug::edaravone: {
        const EdaravonePlan plan = edaravone_plan_for(t, f.closed, f.log, f.zone, last);
        for (const EdaravoneDose& d : plan.doses())
          if (d.day >= from && d.day <= last && product_of(d.form) == fam.product) out.push_back(d.day);
        break;
      }
      case Drug::tofersen:  // given in the clinic from its stock: no family of a patient's supply
        break;
      default:  // a registered drug planned by the day: its planned doses of the product
        for (const PlannedDay& d : planned_days(t, f.log, f.zone, last))
          if (d.day >= from && d.day <= last && product_on(t, d.day) == fam.product) out.push_back(d.day);
        break;
    }
  }
  if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
  return out;
}

// The doses of the family used from `from` to before `before`, one entry a dose, in order. A day speaks for
// itself through its records: the doses logged taken are used, those logged missed or refused are not; a
// planned dose with no record at all counts as used (a patient who stops logging is assumed to go on taking
// the drug, so the supply never seems to last longer than the plan says: docs/supply.md). Records count on
// the local day they were made; a day with more records than planned doses (an evening dose taken after
// midnight) stands for the neighbouring day's dose with no record, the day before first.
std::vector<Day> used_doses(const PatientFacts& f, const std::vector<DoseRecord>& doses, const Family& fam,
                            Day from, Day before) {
  struct DayCount {
    int taken = 0, recorded = 0, planned = 0, assumed = 0;
  };
  if (before <= from) return {};
  // One count a day of [from, before): the days in order, a day's neighbours beside it.
  std::vector<DayCount> by_day(static_cast<std::size_t>((before - from).count()));
  const auto count_of = [&](Day d) -> DayCount& {
    return by_day[static_cast<std::size_t>((d - from).count())];
  };
  LocalDayFinder local_day_of(f.zone);
  for (const DoseRecord& dose : doses) {
    if (dose.drug != fam.drug) continue;
    const Day d = local_day_of(dose.at);
    if (d < from || d >= before) continue;
    const Therapy* t = course_on(f, fam.drug, d);
    if (!t || product_on(*t, d) != fam.product) continue;
    DayCount& c = count_of(d);
    ++c.recorded;
    if (dose.status == DoseStatus::taken) ++c.taken;
  }
  for (Day d : planned_doses(f, fam, from, before - days{1})) ++count_of(d).planned;
  for (DayCount& c : by_day) c.assumed = std::max(0, c.planned - c.recorded);
  for (std::size_t i = 0; i < by_day.size(); ++i) {
    int surplus = by_day[i].recorded - by_day[i].planned;
    if (surplus <= 0) continue;
    if (i > 0) {
      DayCount& day_before = by_day[i - 1];
      const int n = std::min(surplus, day_before.assumed);
      day_before.assumed -= n;
      surplus -= n;
    }
    if (surplus > 0 && i + 1 < by_day.size())
      by_day[i + 1].assumed -= std::min(surplus, by_day[i + 1].assumed);
  }
  std::vector<Day> out;
  for (std::size_t i = 0; i < by_day.size(); ++i)
    out.insert(out.end(), by_day[i].taken + by_day[i].assumed, from + days{static_cast<int>(i)});
  return out;
}

std::optional<Lot> lot_of(const PatientFacts& f, const LogEntry& e) {
  if (!e.drug || !e.day) return std::nullopt;
  const Therapy* course = course_on(f, *e.drug, *e.day);
  auto pack = dispensed_pack(*e.drug, e.product, course, *e.day);
  if (!pack) return std::nullopt;
  Lot lot{*pack, *e.day, 0, 0, std::nullopt};
  double counted = 0;
  if (e.quantity > 0) {
    auto unit = parse_supply_unit(e.unit);
    auto c = unit ? counted_quantity(**pack, e.quantity, *unit) : Result<double>(fail(unit.error()));
    if (!c) return std::nullopt;
    counted = *c;
  } else {
    // Only a days' supply: the planned doses of those days.
    const Family fam{(*pack)->serves};
    counted = static_cast<double>(planned_doses(f, fam, *e.day, *e.day + days{e.days_supply - 1}).size()) *
              (*pack)->per_dose;
    if (is_bottle(**pack)) counted = std::ceil(counted / (*pack)->per_bottle - kEps) * (*pack)->per_bottle;
  }
  lot.units = is_bottle(**pack) ? std::round(counted / (*pack)->per_bottle) : counted;
  return lot;
}

}  // namespace

std::string_view to_string(SupplyUnit unit) {
  switch (unit) {
    case SupplyUnit::tablet:
      return "tablet";
    case SupplyUnit::film:
      return "film";
    case SupplyUnit::mL:
      return "mL";
    case SupplyUnit::bottle:
      return "bottle";
    case SupplyUnit::bag:
      return "bag";
  }
  return "?";
}

Result<SupplyUnit> parse_supply_unit(std::string_view text) {
  for (SupplyUnit u :
       {SupplyUnit::tablet, SupplyUnit::film, SupplyUnit::mL, SupplyUnit::bottle, SupplyUnit::bag})
    if (text == to_string(u)) return u;
  return fail(quote_short(text) + " is not a unit (tablet, film, mL, bottle or bag)");
}

std::vector<const PackFacts*> pack_facts() {
  std::vector<const PackFacts*> out;
  for (const Regimen& r : regimens())
    for (const PackFacts& p : r.packs) out.push_back(&p);
  return out;
}

const PackFacts* find_pack(std::string_view product) {
  for (const Regimen& r : regimens())
    for (const PackFacts& p : r.packs)
      if (p.product == product) return &p;
  return nullptr;
}

Result<const PackFacts*> dispensed_pack(Drug drug, const std::string& product, const Therapy* course,
                                        Day day) {
  if (product.empty()) {
    if (!course)
      return fail("no " + std::string(to_string(drug)) + " course on " + format_day(day) +
                  ": name the product");
    const Product serves = product_on(*course, day);
    if (serves == Product::edaravone_iv)
      return fail(
          "IV edaravone comes as Radicava's two 30 mg/100 mL bags (radicava-iv) or a generic's one "
          "60 mg/100 mL bag (generic-iv): name the product");
    std::vector<const PackFacts*> serving;
    std::string all;
    for (const PackFacts& p : regimen(drug).packs) {
      if (p.serves == serves) serving.push_back(&p);
      all += (all.empty() ? "" : ", ") + std::string(p.product);
    }
    if (serving.size() == 1) return serving.front();
    // Never a guess between packs of one product: their counts per dose differ (docs/supply.md).
    std::string packs;
    for (const PackFacts* p : serving) packs += (packs.empty() ? "" : ", ") + std::string(p->product);
    if (serving.empty())
      return fail("no pack serves the product " + std::string(to_string(serves)) + " of " +
                  std::string(to_string(drug)) + ": name the pack (" + all + ")");
    return fail(std::string(to_string(drug)) + " " + std::string(to_string(serves)) + " comes in " +
                std::to_string(serving.size()) + " packs (" + packs + "): name the pack");
  }
  const PackFacts* pack = find_pack(product);
  if (!pack || drug_of(pack->serves) != drug) {
    std::string names;
    for (const PackFacts& p : regimen(drug).packs)
      names += (names.empty() ? "" : ", ") + std::string(p.product);
    if (names.empty())
      return fail(std::string(to_string(drug)) +
                  " is not dispensed to a patient (given from the clinic's stock)");
    return fail(quote_short(product) + " is not a " + std::string(to_string(drug)) + " product (" + names +
                ")");
  }
  return pack;
}

Result<double> counted_quantity(const PackFacts& pack, double quantity, SupplyUnit unit) {
  if (!(quantity > 0) || quantity > 100000)
    return fail(format_quantity(quantity, unit) +
                " is not a quantity to dispense (more than 0, at most 100000)");
  const bool whole = std::abs(quantity - std::round(quantity)) < kEps;
  if (is_bottle(pack)) {
    if (unit == SupplyUnit::bottle) {
      if (!whole) return fail(format_quantity(quantity, unit) + ": bottles are dispensed whole");
      return quantity * pack.per_bottle;
    }
    if (unit == SupplyUnit::mL) {
      const double bottles = quantity / pack.per_bottle;
      if (std::abs(bottles - std::round(bottles)) > kEps)
        return fail(format_quantity(quantity, unit) + " is not a whole number of " +
                    format_quantity(pack.per_bottle, SupplyUnit::mL) + " bottles of " +
                    std::string(pack.product));
      return quantity;
    }
    return fail(std::string(to_string(unit)) + " does not fit " + std::string(pack.product) +
                " (mL or bottle)");
  }
  if (unit != pack.counted_in)
    return fail(std::string(to_string(unit)) + " does not fit " + std::string(pack.product) + " (" +
                std::string(to_string(pack.counted_in)) + ")");
  if (!whole)
    return fail(format_quantity(quantity, unit) + ": " + std::string(to_string(unit)) +
                "s are dispensed whole");
  return quantity;
}

std::optional<int> derived_days_supply(const PatientFacts& f, const PackFacts& pack, double counted,
                                       Day day) {
  const Family fam{pack.serves};
  const std::vector<Day> plan = planned_doses(f, fam, day, day + kHorizon);
  if (plan.empty()) return std::nullopt;
  std::vector<Lot> lots{
      {&pack, day, is_bottle(pack) ? std::round(counted / pack.per_bottle) : counted, 0, {}}};
  std::size_t first_open = 0;
  for (Day d : plan)
    if (!take_dose(lots, d, first_open)) return static_cast<int>((d - day).count());
  return static_cast<int>((plan.back() - day).count()) + 1;
}

std::vector<SupplyStatus> supply_status(const PatientFacts& f, Day on, int refill_days) {
  return supply_status(f, current_doses(f.log), on, refill_days);
}

std::vector<SupplyStatus> supply_status(const PatientFacts& f, const std::vector<DoseRecord>& doses, Day on,
                                        int refill_days) {
  std::map<Family, std::vector<Lot>> lots;
  std::map<Drug, bool> logs;  // whether the patient logged any dose of the drug (said in based_on)
  for (const DoseRecord& d : doses) logs[d.drug] = true;
  std::vector<LogEntry> holder;
  for (const LogEntry& e : current_entries(f.log, holder)) {
    if (e.kind != LogKind::dispensing || !e.day || *e.day > on) continue;
    if (auto lot = lot_of(f, e)) lots[Family(lot->pack->serves)].push_back(*lot);
  }
  std::vector<SupplyStatus> out;
  for (auto& [fam, family_lots] : lots) {
    std::stable_sort(family_lots.begin(), family_lots.end(),
                     [](const Lot& a, const Lot& b) { return a.from < b.from; });
    const bool by_log = logs[fam.drug];
    const Day first = family_lots.front().from;
    std::size_t first_open = 0;  // the lots before it are used up
    // The first dose of the latest run of used doses that the supply could not give: the patient has been
    // out since that day (a dose that could be given ends the run: a refill came).
    std::optional<Day> out_since;
    for (Day d : used_doses(f, doses, fam, first, on)) {
      if (take_dose(family_lots, d, first_open))
        out_since.reset();
      else if (!out_since)
        out_since = d;
    }
    expire_opened(family_lots, on);
    SupplyStatus s;
    s.drug = fam.drug;
    const PackFacts& latest = *family_lots.back().pack;
    s.product = std::string(latest.product);
    s.unit = latest.counted_in;
    for (const Lot& l : family_lots)
      if (l.pack->counted_in == s.unit)
        s.on_hand += is_bottle(*l.pack) ? l.units * l.pack->per_bottle + l.open_ml : l.units;
    s.based_on = by_log ? "log" : "plan";
    // Run out: the first day a planned dose cannot be given from the supply. When the first dose from `on`
    // on cannot be given and the doses before it could not either, that day is in the past.
    // Looked for in the next 100 days first (most supplies end there), then in the rest of the horizon.
    for (const auto& [from, to] : {std::pair{on, on + days{99}}, std::pair{on + days{100}, on + kHorizon}}) {
      for (Day d : planned_doses(f, fam, from, to)) {
        if (!take_dose(family_lots, d, first_open)) {
          s.runs_out_on = s.doses_left == 0 && out_since ? *out_since : d;
          s.refill_by = *s.runs_out_on - days{refill_days};
          break;
        }
        ++s.doses_left;
      }
      if (s.runs_out_on) break;
    }
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

// The supplies of patients[i] (dose records doses[i]) running out within `within_days`, riskiest first.
std::vector<PatientSupply> running_out(const std::vector<PatientFacts>& patients,
                                       const std::vector<std::vector<DoseRecord>>& doses, Instant now,
                                       std::optional<Day> on, int within_days, int refill_days) {
  std::vector<PatientSupply> out;
  for (std::size_t i = 0; i < patients.size(); ++i) {
    const PatientFacts& f = patients[i];
    const Day day = on ? *on : local_day(now, f.zone);
    for (SupplyStatus& s : supply_status(f, doses[i], day, refill_days))
      if (s.runs_out_on && (*s.runs_out_on - day).count() <= within_days)
        out.push_back({f.patient, day, std::move(s)});
  }
  // Riskiest first: the fewest days left (each patient's own today), then the earlier day.
  std::stable_sort(out.begin(), out.end(), [](const PatientSupply& a, const PatientSupply& b) {
    const auto left_a = *a.status.runs_out_on - a.on, left_b = *b.status.runs_out_on - b.on;
    if (left_a != left_b) return left_a < left_b;
    return *a.status.runs_out_on < *b.status.runs_out_on;
  });
  return out;
}

}  // namespace

std::vector<PatientSupply> supplies_running_out(const std::vector<PatientFacts>& facts, Instant now,
                                                std::optional<Day> on, int within_days, int refill_days) {
  std::vector<std::vector<DoseRecord>> doses;
  for (const PatientFacts& f : facts) doses.push_back(current_doses(f.log));
  return running_out(facts, doses, now, on, within_days, refill_days);
}

std::vector<PatientSupply> supplies_running_out(const ClinicSupplyFacts& facts, Instant now,
                                                std::optional<Day> on, int within_days, int refill_days) {
  return running_out(facts.patients, facts.doses, now, on, within_days, refill_days);
}

std::vector<DueItem> refill_items(const PatientFacts& f, Day on, int refill_days) {
  return refill_items(f, current_doses(f.log), on, refill_days);
}

std::vector<DueItem> refill_items(const PatientFacts& f, const std::vector<DoseRecord>& doses, Day on,
                                  int refill_days) {
  std::vector<DueItem> out;
  for (const SupplyStatus& s : supply_status(f, doses, on, refill_days)) {
    if (!s.runs_out_on || (*s.runs_out_on - on).count() > refill_days) continue;  // from refill_by on
    DueItem item;
    item.status = *s.runs_out_on <= on ? DueStatus::overdue : DueStatus::due;
    item.kind = "refill";
    item.when = format_day(*s.refill_by < on ? on : *s.refill_by);
    item.drug = std::string(to_string(s.drug));
    item.detail =
        s.product + ": " + format_quantity(s.on_hand, s.unit) + " left (" + std::to_string(s.doses_left) +
        (s.doses_left == 1 ? " dose" : " doses") + "), runs out " + format_day(*s.runs_out_on) + " (" +
        (s.based_on == "log" ? "doses as logged, the plan on days with no record" : "by the plan") + ")";
    out.push_back(std::move(item));
  }
  return out;
}

std::string format_quantity(double quantity, SupplyUnit unit) {
  return format_quantity(quantity) + " " + std::string(to_string(unit));
}

}  // namespace alsmeds
