#pragma once
// The due list's dose items, drug by drug (due_list.cpp puts them together with the liver tests and alerts):
// riluzole's planned doses of the last week and today, edaravone's doses and infusions with the next one
// coming, tofersen's next dose anchored on the doses given. Internal to core.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds {

/// Whether riluzole was on hold on `on` with only the decisions recorded before `decided_before` (all when
/// none): a stop result's hold runs from its day until the decision is recorded.
std::optional<Day> riluzole_on_hold_as_of(const PatientFacts& f, Day on,
                                          std::optional<Instant> decided_before);

namespace due_detail {

inline DueItem make_item(DueStatus status, std::string kind, std::string when, std::string drug,
                         std::string detail) {
  DueItem item;
  item.status = status;
  item.kind = std::move(kind);
  item.when = std::move(when);
  item.drug = std::move(drug);
  item.detail = std::move(detail);
  return item;
}

void riluzole_items(const PatientFacts& f, const Therapy& t, Day on, std::optional<Instant> now,
                    const std::set<std::string>& logged, std::vector<DueItem>& out);
void edaravone_items(const PatientFacts& f, const Therapy& t, Day on, const std::set<std::string>& logged,
                     std::vector<DueItem>& out);
/// A regimen planned by the day (its plan_days; tofersen, docs/domain.md): the next dose not yet given,
/// anchored on the doses given; a missed (late) dose stays overdue until it is given (a record of it missed
/// does not close it), with the regimen's advice (tofersen: as soon as possible, the next the interval
/// after).
void day_plan_items(const PatientFacts& f, const Therapy& t, Day on, std::vector<DueItem>& out);

}  // namespace due_detail
}  // namespace alsmeds
