// Repeated dose records (RepeatedDoses, first_repeated_dose; clinic_actions.hpp): the same dose of the same
// patient at the same instant, in the store or earlier in the same import, is a repeat, not a second dose.
#include <algorithm>
#include <limits>
#include <thread>
#include <tuple>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/text.hpp"

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

// A recorded dose's order: below every row's, lowest record first.
constexpr std::int64_t kRecorded = std::numeric_limits<std::int64_t>::min();

bool same_key(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t a2, std::int64_t b2,
              std::int64_t c2) {
  return a == a2 && b == b2 && c == c2;
}

}  // namespace

void RepeatedDoseSearch::reserve(std::size_t doses) {
  instants_.reserve(instants_.size() + doses);
  taken_.reserve(taken_.size() + doses);
}

void RepeatedDoseSearch::add_recorded(const std::vector<LogEntry>& recorded) {
  const std::size_t old_instants = instants_.size(), old_taken = taken_.size();
  for (const LogEntry& e : recorded) {
    if (e.kind != LogKind::dose || !e.drug) continue;
    const std::int64_t order = kRecorded + e.id;  // the lowest record first
    instants_.push_back({e.patient_id, drug_number(e), e.at.time_since_epoch().count(), order});
    if (e.status == DoseStatus::taken)
      if (const PlannedRef ref = parse_planned_key(e.planned_key); !ref.empty())
        taken_.push_back({ref.therapy_id, ref.first, ref.second, order});
  }
  auto by_key = [](const Key& x, const Key& y) {
    return std::tie(x.a, x.b, x.c, x.order) < std::tie(y.a, y.b, y.c, y.order);
  };
  for (auto [keys, old] : {std::pair{&instants_, old_instants}, std::pair{&taken_, old_taken}}) {
    std::sort(keys->begin() + static_cast<std::ptrdiff_t>(old), keys->end(), by_key);
    std::inplace_merge(keys->begin(), keys->begin() + static_cast<std::ptrdiff_t>(old), keys->end(), by_key);
  }
}

// The lowest row of `batch` whose key an earlier dose has (recorded, an earlier batch's row, or a lower row
// of the batch), with the first dose of that key: what it repeats. `batch` is sorted here.
std::optional<RepeatedRow> RepeatedDoseSearch::first_in_batch(std::vector<Key>& batch,
                                                              const std::vector<Key>& earlier,
                                                              bool same_instant) {
  auto by_key = [](const Key& x, const Key& y) {
    return std::tie(x.a, x.b, x.c, x.order) < std::tie(y.a, y.b, y.c, y.order);
  };
  std::sort(batch.begin(), batch.end(), by_key);
  std::optional<RepeatedRow> best;
  std::int64_t best_order = 0;
  for (std::size_t i = 0; i < batch.size();) {
    std::size_t j = i + 1;  // [i, j): one key's rows, lowest first
    while (j < batch.size() &&
           same_key(batch[j].a, batch[j].b, batch[j].c, batch[i].a, batch[i].b, batch[i].c))
      ++j;
    const Key& x = batch[i];
    const auto first = std::lower_bound(earlier.begin(), earlier.end(),
                                        Key{x.a, x.b, x.c, std::numeric_limits<std::int64_t>::min()}, by_key);
    const bool before = first != earlier.end() && same_key(first->a, first->b, first->c, x.a, x.b, x.c);
    if (before || j - i > 1) {
      const Key& row = before ? x : batch[i + 1];
      if (!best || row.order < best_order) {
        RepeatedRow r;
        r.row = static_cast<std::size_t>(row.order);  // the caller turns the number into an index
        r.same_instant = same_instant;
        const std::int64_t repeated = before ? first->order : x.order;
        if (repeated < 0)
          r.record = repeated - kRecorded;
        else
          r.earlier_row = static_cast<std::size_t>(repeated);
        best = r;
        best_order = row.order;
      }
    }
    i = j;
  }
  return best;
}

std::optional<RepeatedRow> RepeatedDoseSearch::next_batch(const std::vector<LogEntry>& rows,
                                                          const std::vector<std::size_t>& orders) {
  std::vector<Key> instants, taken;
  instants.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const LogEntry& e = rows[i];
    if (e.kind != LogKind::dose || !e.drug) continue;
    const auto order = static_cast<std::int64_t>(orders[i]);
    instants.push_back({e.patient_id, drug_number(e), e.at.time_since_epoch().count(), order});
    if (e.status == DoseStatus::taken)
      if (const PlannedRef ref = parse_planned_key(e.planned_key); !ref.empty())
        taken.push_back({ref.therapy_id, ref.first, ref.second, order});
  }
  // The two keys searched side by side (a large batch has a core to spare), then the earlier row wins; on
  // one row, the planned dose is named (as RepeatedDoses::find does).
  std::optional<RepeatedRow> by_instant, by_planned;
  if (rows.size() >= 100000) {
    std::thread helper([&] { by_instant = first_in_batch(instants, instants_, true); });
    by_planned = first_in_batch(taken, taken_, false);
    helper.join();
  } else {
    by_instant = first_in_batch(instants, instants_, true);
    by_planned = first_in_batch(taken, taken_, false);
  }
  std::optional<RepeatedRow> found = by_instant;
  if (by_planned && (!by_instant || by_planned->row <= by_instant->row)) found = by_planned;
  if (found) {  // the row's number back to its index in `rows`
    found->row =
        static_cast<std::size_t>(std::lower_bound(orders.begin(), orders.end(), found->row) - orders.begin());
    return found;
  }
  auto by_key = [](const Key& x, const Key& y) {
    return std::tie(x.a, x.b, x.c, x.order) < std::tie(y.a, y.b, y.c, y.order);
  };
  for (auto [keys, batch] : {std::pair{&instants_, &instants}, std::pair{&taken_, &taken}}) {
    const std::size_t old = keys->size();
    keys->insert(keys->end(), batch->begin(), batch->end());  // sorted by first_in_batch
    std::inplace_merge(keys->begin(), keys->begin() + static_cast<std::ptrdiff_t>(old), keys->end(), by_key);
  }
  return std::nullopt;
}

std::optional<RepeatedRow> first_repeated_dose(const std::vector<LogEntry>& recorded,
                                               const std::vector<LogEntry>& rows) {
  RepeatedDoseSearch search;
  search.add_recorded(recorded);
  std::vector<std::size_t> orders(rows.size());
  for (std::size_t i = 0; i < orders.size(); ++i) orders[i] = i;
  return search.next_batch(rows, orders);
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
