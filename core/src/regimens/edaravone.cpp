#include "alsmeds/regimens/edaravone.hpp"

#include <algorithm>

#include "alsmeds/regimens/planned_key.hpp"
#include "alsmeds/regimens/product.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

using date::days;

int required_doses(int cycle) {
  return cycle == 1 ? kFirstCycleDoses : kLaterCycleDoses;
}

// One cycle's dosing window before any re-flow clips it: its first day, its last day when nothing clips
// it, and the interruptions of a started cycle (days that carry no dose).
struct WindowShape {
  Day start;
  Day full_last;
  std::vector<std::pair<Day, Day>> gaps;  // [first, last], inclusive

  bool in_gap(Day d) const {
    return std::any_of(gaps.begin(), gaps.end(),
                       [&](const auto& g) { return d >= g.first && d <= g.second; });
  }
};

// May day `d` carry a dose of cycle `cycle` under `policy`? Cycle 1 doses every open day; cycles 2+ under
// `weekdays` use open Monday-to-Friday days only; an interruption of a started cycle carries none.
bool eligible(const WindowShape& w, Day d, int cycle, DayPolicy policy, const ClosedDays& closed) {
  if (closed.contains(d) || w.in_gap(d)) return false;
  if (cycle > 1 && policy == DayPolicy::weekdays && is_weekend(d)) return false;
  return true;
}

// How many of the days in [w.start, last] cycle `cycle` would dose: eligible days, at most the required
// count.
int count_dose_days(const WindowShape& w, Day last, int cycle, DayPolicy policy, const ClosedDays& closed) {
  int n = 0;
  const int want = required_doses(cycle);
  for (Day d = w.start; d <= last && n < want; d += days{1}) n += eligible(w, d, cycle, policy, closed);
  return n;
}

// The dose days of a cycle whose window is [w.start, last]: its chosen days that are eligible, then the
// first other eligible days, `required` in all (by day).
void choose_days(const WindowShape& w, Day last, int cycle, DayPolicy policy, const ClosedDays& closed,
                 const std::vector<int>* chosen, std::vector<Day>& out) {
  out.clear();
  const auto want = static_cast<std::size_t>(required_doses(cycle));
  if (chosen)
    for (const int cycle_day : *chosen) {
      const Day d = w.start + days{cycle_day - 1};
      if (d <= last && out.size() < want && eligible(w, d, cycle, policy, closed)) out.push_back(d);
    }
  for (Day d = w.start; d <= last && out.size() < want; d += days{1})
    if (eligible(w, d, cycle, policy, closed) && std::find(out.begin(), out.end(), d) == out.end())
      out.push_back(d);
  std::sort(out.begin(), out.end());
}

// Where each cycle wants to start before any re-flow constraint: the 28-day grid from the therapy start,
// moved by every `shift_all_later` delay of an earlier cycle or of itself (unless it had started: its start
// stays), plus its own `only_this_cycle` delays (again unless it had started).
std::vector<Day> desired_starts(const EdaravonePlanRequest& request) {
  std::vector<Day> starts;
  for (int k = 1; k <= request.cycles; ++k) {
    int offset = (k - 1) * kCycleLengthDays;
    for (const CycleShift& s : request.shifts) {
      const bool own_start_moves = s.cycle == k && !s.resume_from;
      if (s.reflow == Reflow::shift_all_later && (s.cycle < k || own_start_moves)) offset += s.days;
      if (s.reflow == Reflow::only_this_cycle && own_start_moves) offset += s.days;
    }
    starts.push_back(request.regimen.start + days{offset});
  }
  return starts;
}

// The window of cycle `k` starting on `start`: 14 days, grown by each delay of it once it had started.
WindowShape window_shape(const EdaravonePlanRequest& request, int k, Day start) {
  WindowShape w{start, start + days{kDosingWindowDays - 1}, {}};
  for (const CycleShift& s : request.shifts)
    if (s.cycle == k && s.resume_from) {
      w.gaps.emplace_back(*s.resume_from, *s.resume_from + days{s.days - 1});
      w.full_last += days{s.days};
    }
  return w;
}

// The next cycle's start: its desired day if the current cycle, with its window ended 14 drug-free days
// before that day, still gets every dose a full window would give it; otherwise the first later day for which
// it does. A full window plus 14 drug-free days always qualifies, so the loop is bounded.
Day next_cycle_start(const WindowShape& w, Day desired_next, int cycle, DayPolicy policy,
                     const ClosedDays& closed) {
  int full_count = -1;  // computed only when a re-flow clips the window
  for (Day next = desired_next;; next += days{1}) {
    const Day window_last = next - days{kDrugFreeDays + 1};
    if (window_last >= w.full_last) return next;
    if (window_last < w.start) continue;
    if (full_count < 0) full_count = count_dose_days(w, w.full_last, cycle, policy, closed);
    if (count_dose_days(w, window_last, cycle, policy, closed) == full_count) return next;
  }
}

// Applies missed days to one cycle (see plan_edaravone in the header for the rule).
void apply_missed(InfusionCycle& cycle, int rules_of, const WindowShape& w,
                  const std::vector<Day>& missed_sorted, DayPolicy policy, const ClosedDays& closed) {
  auto has_dose = [&](Day d) {
    return std::any_of(cycle.doses.begin(), cycle.doses.end(),
                       [&](const EdaravoneDose& x) { return x.day == d; });
  };
  for (Day m : missed_sorted) {
    if (m < cycle.start || m > cycle.window_last) continue;
    auto it = std::find_if(cycle.doses.begin(), cycle.doses.end(),
                           [&](const EdaravoneDose& x) { return x.day == m; });
    if (it == cycle.doses.end()) continue;  // no dose was planned that day: nothing was missed
    EdaravoneDose moved = *it;
    cycle.doses.erase(it);
    bool placed = false;
    if (rules_of > 1) {
      for (Day d = m + days{1}; d <= cycle.window_last; d += days{1}) {
        if (!eligible(w, d, rules_of, policy, closed) || has_dose(d)) continue;
        moved.moved_from = moved.moved_from.value_or(m);
        moved.day = d;
        moved.cycle_day = static_cast<int>((d - cycle.start).count()) + 1;
        cycle.doses.push_back(moved);
        placed = true;
        break;
      }
    }
    if (!placed) cycle.missed.push_back(m);
  }
  std::sort(cycle.doses.begin(), cycle.doses.end(),
            [](const EdaravoneDose& a, const EdaravoneDose& b) { return a.day < b.day; });
}

// The form in force on `day`: the latest switch on or before it, else the regimen's.
EdaravoneForm form_on(const EdaravonePlanRequest& request, Day day) {
  EdaravoneForm form = request.regimen.form;
  Day since = Day::min();
  for (const EdaravoneFormChange& c : request.form_changes)
    if (c.from <= day && c.from >= since) {
      form = c.form;
      since = c.from;
    }
  return form;
}

}  // namespace

Milligrams edaravone_dose(EdaravoneForm form) {
  return form == EdaravoneForm::iv ? Milligrams{60} : Milligrams{105};
}

std::string_view to_string(DayPolicy policy) {
  return policy == DayPolicy::earliest ? "earliest" : "weekdays";
}
std::string_view to_string(FirstCycle first) {
  return first == FirstCycle::full ? "full" : "10-of-14";
}
Result<FirstCycle> parse_first_cycle(std::string_view text) {
  if (text == "full") return FirstCycle::full;
  if (text == "10-of-14") return FirstCycle::ten_of_fourteen;
  return fail("'" + std::string(text) + "' is not a first-cycle pattern (full or 10-of-14)");
}

std::string_view to_string(Reflow reflow) {
  return reflow == Reflow::shift_all_later ? "shift-all-later" : "only-this-cycle";
}

Result<DayPolicy> parse_day_policy(std::string_view text) {
  if (text == "earliest") return DayPolicy::earliest;
  if (text == "weekdays") return DayPolicy::weekdays;
  return fail(quote_short(text) + " is not a day-choice policy (earliest or weekdays)");
}

ClosedDays::ClosedDays(std::vector<Day> days) : days_(std::move(days)) {
  std::sort(days_.begin(), days_.end());
  days_.erase(std::unique(days_.begin(), days_.end()), days_.end());
}

bool ClosedDays::contains(Day day) const {
  return std::binary_search(days_.begin(), days_.end(), day);
}

std::vector<EdaravoneDose> EdaravonePlan::doses() const {
  std::vector<EdaravoneDose> out;
  for (const InfusionCycle& c : cycles) out.insert(out.end(), c.doses.begin(), c.doses.end());
  return out;
}

Result<EdaravonePlan> plan_edaravone(const EdaravonePlanRequest& request) {
  if (request.cycles < 1 || request.cycles > 500)
    return fail("cycles " + std::to_string(request.cycles) + " is out of range (1 to 500)");
  for (const CycleShift& s : request.shifts) {
    if (s.cycle < 1 || s.cycle > request.cycles)
      return fail("cycle " + std::to_string(s.cycle) + " is not planned (cycles 1 to " +
                  std::to_string(request.cycles) + ")");
    if (s.days < 1 || s.days > 365)
      return fail("a delay of " + std::to_string(s.days) + " days is out of range (1 to 365)");
  }

  const EdaravoneRegimen& regimen = request.regimen;
  const std::vector<Day> desired = desired_starts(request);
  std::vector<Day> missed = request.missed;
  std::sort(missed.begin(), missed.end());

  EdaravonePlan plan;
  plan.cycles.reserve(static_cast<std::size_t>(request.cycles));
  std::vector<Day> chosen;
  chosen.reserve(kFirstCycleDoses);
  Day start = desired.front();
  for (int k = 1; k <= request.cycles; ++k) {
    InfusionCycle cycle;
    cycle.number = k;
    cycle.start = start;
    // The dose rules the cycle follows: cycle 1's (14 daily doses), or a later cycle's (10 of 14 days) for
    // cycles 2+ and for a restart whose prescriber chose the 10-of-14 pattern for its cycle 1.
    const int rules_of = k == 1 && regimen.first_cycle == FirstCycle::ten_of_fourteen ? 2 : k;
    cycle.doses_required = required_doses(rules_of);
    const WindowShape w = window_shape(request, k, start);
    const Day desired_next =
        k < request.cycles ? desired[static_cast<std::size_t>(k)] : w.full_last + days{kDrugFreeDays + 1};
    cycle.next_start = next_cycle_start(w, std::max(desired_next, start + days{kDrugFreeDays + 1}), rules_of,
                                        regimen.policy, request.closed);
    cycle.window_last = std::min(w.full_last, cycle.next_start - days{kDrugFreeDays + 1});

    const auto pattern = regimen.chosen_days.find(k);
    choose_days(w, cycle.window_last, rules_of, regimen.policy, request.closed,
                k > 1 && pattern != regimen.chosen_days.end() ? &pattern->second : nullptr, chosen);
    cycle.doses_planned = static_cast<int>(chosen.size());
    cycle.doses.reserve(chosen.size());
    for (Day d : chosen)
      cycle.doses.push_back({d, k, static_cast<int>((d - start).count()) + 1, regimen.form,
                             edaravone_dose(regimen.form), std::nullopt});
    if (!missed.empty()) apply_missed(cycle, rules_of, w, missed, regimen.policy, request.closed);
    if (!request.form_changes.empty())
      for (EdaravoneDose& d : cycle.doses) {
        d.form = form_on(request, d.day);
        d.dose = edaravone_dose(d.form);
      }

    if (cycle.is_short())
      plan.warnings.push_back("cycle " + std::to_string(k) + " (" + format_day(cycle.start) + " to " +
                              format_day(cycle.window_last) +
                              ") is short: " + std::to_string(cycle.doses_planned) + " of " +
                              std::to_string(cycle.doses_required) + " doses fit around closed days");
    start = cycle.next_start;
    plan.cycles.push_back(std::move(cycle));
  }
  return plan;
}

Result<Day> propose_edaravone_start(Day from, const ClosedDays& closed, int search_days) {
  for (int offset = 0; offset <= search_days; ++offset) {
    const Day candidate = from + days{offset};
    bool clear = true;
    for (int i = 0; i < kDosingWindowDays && clear; ++i) clear = !closed.contains(candidate + days{i});
    if (clear) return candidate;
  }
  return fail("no 14 consecutive open days start between " + format_day(from) + " and " +
              format_day(from + days{search_days}));
}

std::string edaravone_key_part(int cycle, int cycle_day) {
  return "c" + std::to_string(cycle) + ":d" + std::to_string(cycle_day);
}

bool read_edaravone_key_part(std::string_view part, int& cycle, int& cycle_day) {
  return consume_key(part, "c") && read_key_int(part, ':', cycle) && consume_key(part, "d") &&
         read_key_int(part, '\0', cycle_day) && part.empty();
}

EdaravoneForm edaravone_form(Product product) {
  return product == Product::edaravone_oral ? EdaravoneForm::oral : EdaravoneForm::iv;
}

Product product_of(EdaravoneForm form) {
  return form == EdaravoneForm::oral ? Product::edaravone_oral : Product::edaravone_iv;
}

// docs/domain.md: edaravone IV 60 mg over 60 minutes; the oral suspension 105 mg in 5 mL. The bags are kept
// per product, no brand named.
DoseLabel edaravone_dose_label(Product product) {
  constexpr int kInfusionMinutes = 60;
  constexpr double kOralMillilitres = 5.0;
  const EdaravoneForm form = edaravone_form(product);
  const std::string mg = format_quantity(edaravone_dose(form).count()) + " mg";
  DoseLabel label;
  label.dose = form == EdaravoneForm::iv ? mg + " over " + std::to_string(kInfusionMinutes) + " min"
                                         : mg + " / " + format_quantity(kOralMillilitres) + " mL";
  return label;
}

}  // namespace alsmeds
