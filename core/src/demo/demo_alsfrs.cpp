#include "demo_alsfrs.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace alsmeds {
namespace {

// Items (0-based) in the order they weaken: limb onset starts at the hands and legs, bulbar onset at speech
// and swallowing; breathing last in both.
constexpr int kLimbOrder[kAlsfrsItems] = {3, 4, 7, 8, 5, 6, 0, 2, 1, 9, 10, 11};
constexpr int kBulbarOrder[kAlsfrsItems] = {0, 2, 1, 3, 4, 5, 7, 8, 6, 9, 10, 11};

/// `lost` points (0-48) spread over the items: the first items of the order lose first, a few at a time, so
/// that a domain falls over several reports rather than one item to 0.
AlsfrsItems items_for(int lost, const int* order) {
  AlsfrsItems items;
  items.fill(4);
  int window = 3;  // the items losing points at once
  for (int k = 0; k < lost; ++k) {
    int first = 0;
    while (first < kAlsfrsItems && items[static_cast<std::size_t>(order[first])] == 0) ++first;
    if (first == kAlsfrsItems) break;
    // Of the next `window` items with points left, the one with the most.
    int best = first;
    for (int j = first; j < std::min(kAlsfrsItems, first + window); ++j)
      if (items[static_cast<std::size_t>(order[j])] > items[static_cast<std::size_t>(order[best])]) best = j;
    --items[static_cast<std::size_t>(order[best])];
  }
  return items;
}

}  // namespace

std::vector<AlsfrsReport> demo_alsfrs_reports(const DemoFunction& f) {
  std::mt19937 rng(f.seed);
  std::normal_distribution<double> rate_d(0.95, 0.45), noise(0.0, 0.7);
  std::uniform_real_distribution<double> unit(0, 1);
  const double rate = std::clamp(rate_d(rng), 0.2, 2.6);  // points a month
  const double first_months = months_between(f.onset, f.first);
  const int first_total = static_cast<int>(
      std::lround(std::clamp(48 - rate * first_months * (0.8 + 0.4 * unit(rng)), 16.0, 46.0)));
  const int* order = f.bulbar_onset ? kBulbarOrder : kLimbOrder;
  std::vector<AlsfrsReport> out;
  int last = first_total;
  bool left_out = false;
  for (Day d = f.first; d < f.today; d += date::days{28 + std::uniform_int_distribution<int>(-4, 4)(rng)}) {
    // A report left out now and then, never two in a row.
    if (!out.empty() && !left_out && unit(rng) < 0.12) {
      left_out = true;
      continue;
    }
    left_out = false;
    const double expected = first_total - rate * months_between(f.first, d);
    int total = static_cast<int>(std::lround(expected + noise(rng)));
    total = std::clamp(std::min(total, last + 1), 0, 48);
    if (out.empty()) total = first_total;
    last = total;
    AlsfrsReport r;
    r.patient_id = f.patient_id;
    r.day = d;
    r.gastrostomy = f.gastrostomy;
    r.items = items_for(48 - total, order);
    out.push_back(r);
  }
  return out;
}

}  // namespace alsmeds
