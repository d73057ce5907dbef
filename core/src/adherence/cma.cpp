#include "alsmeds/adherence/cma.hpp"

#include <algorithm>

namespace alsmeds {
namespace {

using date::days;

long days_between(Day later, Day earlier) {
  return static_cast<long>((later - earlier).count());
}

/// AdhereR's compute.event.int.gaps for events [first, last) in date order: each event's interval runs to
/// the next event, the last one's to `end`; with carry-over, supply left when the next event comes is used
/// before the new supply (gap = interval - supply - carried in, never negative).
struct EventGaps {
  std::vector<long> interval, gap, carried_in;
  explicit EventGaps(std::size_t n) : interval(n, 0), gap(n, 0), carried_in(n, 0) {}
};

EventGaps lay_out_gaps(const std::vector<SupplyEvent>& ev, std::size_t first, std::size_t last, Day end,
                       bool carry_over) {
  EventGaps g(ev.size());
  long carry = 0;
  for (std::size_t i = first; i < last; ++i) {
    g.interval[i] = i + 1 < last ? days_between(ev[i + 1].day, ev[i].day) : days_between(end, ev[i].day);
    g.carried_in[i] = carry_over ? carry : 0;
    const long gap = g.interval[i] - ev[i].days_supply - g.carried_in[i];
    g.gap[i] = std::max(0L, gap);
    carry = gap < 0 ? -gap : 0;
  }
  return g;
}

/// Indices [a, b) of the events dated inside [start, end] (events sorted by day).
std::pair<std::size_t, std::size_t> inside(const std::vector<SupplyEvent>& ev, Day start, Day end) {
  const auto by_day = [](const SupplyEvent& e, Day d) { return e.day < d; };
  const auto a = std::lower_bound(ev.begin(), ev.end(), start, by_day) - ev.begin();
  const auto b =
      std::upper_bound(ev.begin(), ev.end(), end, [](Day d, const SupplyEvent& e) { return d < e.day; }) -
      ev.begin();
  return {static_cast<std::size_t>(a), static_cast<std::size_t>(std::max(a, b))};
}

long supply_of(const std::vector<SupplyEvent>& ev, std::size_t a, std::size_t b) {
  long sum = 0;
  for (std::size_t i = a; i < b; ++i) sum += ev[i].days_supply;
  return sum;
}

long gaps_of(const EventGaps& g, std::size_t a, std::size_t b) {
  long sum = 0;
  for (std::size_t i = a; i < b; ++i) sum += g.gap[i];
  return sum;
}

std::optional<double> ratio(double numerator, long denominator) {
  if (denominator == 0) return std::nullopt;
  return numerator / static_cast<double>(denominator);
}

std::optional<double> capped(std::optional<double> v) {
  if (!v) return v;
  return std::min(1.0, *v);
}

/// CMA7 over the follow-up events `ev` for the observation window [start, end].
std::optional<double> cma7(const std::vector<SupplyEvent>& ev, Day start, Day end) {
  const auto [a, b] = inside(ev, start, end);
  const EventGaps g = lay_out_gaps(ev, 0, b, end, true);  // carry-over from before the window and within it
  const long window = days_between(end, start);
  if (window <= 0) return std::nullopt;
  if (a == b) {
    if (a == 0) return std::nullopt;  // no event before the window either
    // Only the last event before the window can reach into it.
    const long gap = g.gap[a - 1];
    return gap <= window ? 1.0 - static_cast<double>(gap) / static_cast<double>(window) : 0.0;
  }
  const long before_first =
      a == 0 ? days_between(ev[a].day, start) : std::min(g.gap[a - 1], days_between(ev[a].day, start));
  return 1.0 - static_cast<double>(gaps_of(g, a, b) + before_first) / static_cast<double>(window);
}

/// CMA8: CMA7 with the window's start moved to the day the supply carried in from before runs out.
std::optional<double> cma8(const std::vector<SupplyEvent>& ev, Day start, Day end) {
  const auto [a, b] = inside(ev, start, end);
  const EventGaps g = lay_out_gaps(ev, 0, b, end, true);
  Day lagged = start;
  for (std::size_t i = 0; i < a; ++i) {
    const Day runs_out = ev[i].day + days{ev[i].days_supply + g.carried_in[i]};
    if (runs_out > start) lagged = std::max(lagged, runs_out);
  }
  if (lagged >= end) return std::nullopt;  // the carried supply covers the whole window
  return cma7(ev, lagged, end);
}

/// CMA9: each event interval (over the whole follow-up window) has the share of its days supplied, capped at
/// 1 with the excess carried on; the window's days are weighted by the share of the interval they fall in.
std::optional<double> cma9(const std::vector<SupplyEvent>& ev, const CmaWindows& w) {
  if (ev.empty() || ev.front().day > w.observation_end) return std::nullopt;
  const EventGaps g = lay_out_gaps(ev, 0, ev.size(), w.follow_up_end, true);
  double weighted = 0;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    if (g.interval[i] <= 0) continue;
    const double share = 1.0 - static_cast<double>(g.gap[i]) / static_cast<double>(g.interval[i]);
    const Day from = std::max(ev[i].day, w.observation_start);
    const Day to = std::min(ev[i].day + days{g.interval[i]}, w.observation_end);
    weighted += share * static_cast<double>(std::max(0L, days_between(to, from)));
  }
  return ratio(weighted, days_between(w.observation_end, w.observation_start));
}

}  // namespace

CmaWindows cma_windows(Day follow_up_start, int lead_in_days, int observation_days) {
  CmaWindows w;
  w.follow_up_start = follow_up_start;
  w.follow_up_end = follow_up_start + days{lead_in_days + observation_days};
  w.observation_start = follow_up_start + days{lead_in_days};
  w.observation_end = w.observation_start + days{observation_days};
  return w;
}

CmaValues compute_cma(std::vector<SupplyEvent> events, const CmaWindows& w) {
  std::stable_sort(events.begin(), events.end(),
                   [](const SupplyEvent& x, const SupplyEvent& y) { return x.day < y.day; });
  const auto [fa, fb] = inside(events, w.follow_up_start, w.follow_up_end);
  const std::vector<SupplyEvent> ev(events.begin() + static_cast<long>(fa),
                                    events.begin() + static_cast<long>(fb));

  CmaValues out;
  const auto [a, b] = inside(ev, w.observation_start, w.observation_end);
  const std::size_t n = b - a;
  const bool spans_days = n >= 2 && ev[b - 1].day != ev[a].day;
  const long first_to_last = n >= 1 ? days_between(ev[b - 1].day, ev[a].day) : 0;
  const long first_to_end = n >= 1 ? days_between(w.observation_end, ev[a].day) : 0;

  // CMA1, CMA2: supply of the events in the window (CMA1 without the last) over first-to-last event or
  // first event to the window's end. CMA3, CMA4: the same capped at 1.
  if (spans_days) out[0] = ratio(static_cast<double>(supply_of(ev, a, b - 1)), first_to_last);
  if (n >= 1) out[1] = ratio(static_cast<double>(supply_of(ev, a, b)), first_to_end);
  out[2] = capped(out[0]);
  out[3] = capped(out[1]);

  // CMA5, CMA6: gap days with carry-over inside the window only.
  const EventGaps g = lay_out_gaps(ev, a, b, w.observation_end, true);
  if (spans_days) {
    const auto r = ratio(static_cast<double>(gaps_of(g, a, b - 1)), first_to_last);
    out[4] = 1.0 - *r;
  }
  if (n >= 1) {
    if (const auto r = ratio(static_cast<double>(gaps_of(g, a, b)), first_to_end)) out[5] = 1.0 - *r;
  }

  out[6] = cma7(ev, w.observation_start, w.observation_end);
  out[7] = cma8(ev, w.observation_start, w.observation_end);
  out[8] = cma9(ev, w);
  return out;
}

std::vector<SlidingCma> sliding_cma(const std::vector<SupplyEvent>& events, const CmaWindows& windows,
                                    int window_days, int step_days) {
  std::vector<SlidingCma> out;
  if (window_days <= 0 || step_days <= 0) return out;
  for (Day start = windows.observation_start; start + days{window_days} <= windows.observation_end;
       start += days{step_days}) {
    CmaWindows w = windows;
    w.observation_start = start;
    w.observation_end = start + days{window_days};
    out.push_back({w.observation_start, w.observation_end, compute_cma(events, w)});
  }
  return out;
}

}  // namespace alsmeds
