// Repeated dose records (RepeatedDoses, first_repeated_dose; clinic_actions.hpp): the same dose of the same
// patient at the same instant, in the store or earlier in the same import, is a repeat, not a second dose.
#include <algorithm>
#include <thread>
#include <tuple>

#include "alsmeds/clinic_actions.hpp"
#include "alsmeds/dose_record.hpp"
#include "alsmeds/plan_tables.hpp"
#include "alsmeds/rulebook.hpp"

namespace alsmeds {

std::size_t RepeatedDoses::KeyHash::operator()(const Key& k) const noexcept {
  // splitmix64's finaliser over the three parts: ids and instants are small, regular numbers that a weaker
  // mix leaves in long bucket chains.
  auto mix = [](std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9u;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBu;
    return x ^ (x >> 31);
  };
  return static_cast<std::size_t>(
      mix(static_cast<std::uint64_t>(k.a) +
          mix(static_cast<std::uint64_t>(k.b) + mix(static_cast<std::uint64_t>(k.c)))));
}

void RepeatedDoses::reserve(std::size_t n) {
  by_instant_.reserve(by_instant_.size() + n);
  taken_.reserve(taken_.size() + n);
}

namespace {

std::int64_t drug_number(const LogEntry& e) {
  return e.drug ? static_cast<std::int64_t>(*e.drug) : -1;  // a key: each drug its own number
}

}  // namespace

void RepeatedDoses::remember(const LogEntry& e, std::size_t line) {
  if (e.kind != LogKind::dose || !e.drug || !e.status) return;  // a withdrawn record gave no dose
  const Earlier here{line == 0 ? e.id : 0, line, false};
  by_instant_.try_emplace({e.patient_id, drug_number(e), e.at.time_since_epoch().count()}, here);
  if (e.status == DoseStatus::taken)
    if (const PlannedRef ref = parse_planned_key(e.planned_key); !ref.empty())
      taken_.try_emplace({ref.therapy_id, ref.first, ref.second}, here);
}

// A dose that repeats both ways is named by its planned dose ("already recorded taken"), the likelier
// mistake.
std::optional<RepeatedDoses::Earlier> RepeatedDoses::find_or_remember(const LogEntry& e, std::size_t line) {
  if (auto earlier = find(e)) return earlier;
  remember(e, line);
  return std::nullopt;
}

std::optional<RepeatedDoses::Earlier> RepeatedDoses::find(const LogEntry& e) const {
  if (e.kind != LogKind::dose || !e.drug) return std::nullopt;
  if (e.status == DoseStatus::taken)
    if (const PlannedRef ref = parse_planned_key(e.planned_key); !ref.empty())
      if (auto it = taken_.find({ref.therapy_id, ref.first, ref.second}); it != taken_.end())
        return it->second;
  if (auto it = by_instant_.find({e.patient_id, drug_number(e), e.at.time_since_epoch().count()});
      it != by_instant_.end()) {
    Earlier found = it->second;
    found.same_instant = true;
    return found;
  }
  return std::nullopt;
}

namespace {

// One dose under one of the two keys of a repeat; `order` -1 for a recorded dose, else its row.
struct KeyedDose {
  std::int64_t a = 0, b = 0, c = 0;
  std::int64_t order = 0;
  RecordId record = 0;
};

// The first row (lowest order) of `items` whose key an earlier item (recorded, or a lower row) has.
void first_in_sorted(std::vector<KeyedDose>& items, bool same_instant, std::optional<RepeatedRow>& best) {
  std::sort(items.begin(), items.end(), [](const KeyedDose& x, const KeyedDose& y) {
    return std::tie(x.a, x.b, x.c, x.order) < std::tie(y.a, y.b, y.c, y.order);
  });
  for (std::size_t i = 1; i < items.size(); ++i) {
    const KeyedDose& first = items[i - 1];
    const KeyedDose& x = items[i];
    if (x.a != first.a || x.b != first.b || x.c != first.c || x.order < 0) continue;
    // `x` is the lowest row of its key after at least one earlier item; the key's first item is what it
    // repeats (a recorded dose if there is one).
    std::size_t g = i - 1;
    while (g > 0 && items[g - 1].a == x.a && items[g - 1].b == x.b && items[g - 1].c == x.c) --g;
    const auto row = static_cast<std::size_t>(x.order);
    if (best && best->row < row) {
      while (i + 1 < items.size() && items[i + 1].a == x.a && items[i + 1].b == x.b && items[i + 1].c == x.c)
        ++i;
      continue;
    }
    RepeatedRow r;
    r.row = row;
    r.same_instant = same_instant;
    if (items[g].order < 0)
      r.record = items[g].record;
    else
      r.earlier_row = static_cast<std::size_t>(items[g].order);
    best = r;
    while (i + 1 < items.size() && items[i + 1].a == x.a && items[i + 1].b == x.b && items[i + 1].c == x.c)
      ++i;
  }
}

}  // namespace

std::optional<RepeatedRow> first_repeated_dose(const std::vector<LogEntry>& recorded,
                                               const std::vector<LogEntry>& rows) {
  std::vector<KeyedDose> instants, taken;
  instants.reserve(recorded.size() + rows.size());
  taken.reserve(recorded.size() + rows.size());
  auto add = [&](const LogEntry& e, std::int64_t order) {
    if (e.kind != LogKind::dose || !e.drug) return;
    instants.push_back({e.patient_id, drug_number(e), e.at.time_since_epoch().count(), order, e.id});
    if (e.status == DoseStatus::taken)
      if (const PlannedRef ref = parse_planned_key(e.planned_key); !ref.empty())
        taken.push_back({ref.therapy_id, ref.first, ref.second, order, e.id});
  };
  for (const LogEntry& e : recorded) add(e, -1);
  for (std::size_t i = 0; i < rows.size(); ++i) add(rows[i], static_cast<std::int64_t>(i));
  // The two keys sorted side by side (a large import has a core to spare), then the earlier row wins; on one
  // row, the planned dose is named (as RepeatedDoses::find does).
  std::optional<RepeatedRow> by_instant, by_planned;
  if (rows.size() >= 100000) {
    std::thread helper([&] { first_in_sorted(instants, true, by_instant); });
    first_in_sorted(taken, false, by_planned);
    helper.join();
  } else {
    first_in_sorted(instants, true, by_instant);
    first_in_sorted(taken, false, by_planned);
  }
  if (!by_planned) return by_instant;
  if (!by_instant || by_planned->row <= by_instant->row) return by_planned;
  return by_instant;
}

std::string RepeatedDoses::describe(const Earlier& earlier, const LogEntry& dose) {
  const std::string where =
      earlier.line ? "line " + std::to_string(earlier.line) : "record " + std::to_string(earlier.record);
  const std::string drug = dose.drug ? std::string(to_string(*dose.drug)) : "dose";
  if (earlier.same_instant)
    return "repeats " + where + ": the " + drug + " dose at " + format_utc(dose.at) + " is already recorded";
  return "repeats " + where + ": the planned " + drug + " dose " + dose.planned_key +
         " is already recorded taken";
}

}  // namespace alsmeds
