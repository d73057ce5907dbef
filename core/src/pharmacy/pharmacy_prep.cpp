// The pharmacy's preparation list: the board's infusions (planned, booked where booked) counted per day and
// product, with the bags of each product's pack; tofersen's doses with their vials.
#include "alsmeds/pharmacy/pharmacy_prep.hpp"

#include <map>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"

namespace alsmeds {
namespace {

using date::days;

// The IV product of the patient's latest edaravone dispensing naming one, on or before `day`.
std::string iv_product_on(const std::vector<LogEntry>& dispensings, Day day) {
  std::string product = kUnnamedIvProduct;
  Day latest = Day::min();
  for (const LogEntry& e : dispensings) {
    const PackFacts* pack = find_pack(e.product);
    if (pack && pack->serves == Product::edaravone_iv && e.day && *e.day <= day && *e.day >= latest) {
      latest = *e.day;
      product = std::string(pack->product);
    }
  }
  return product;
}

Day monday_of(Day d) {
  const date::weekday wd{d};
  return d - days{(wd.c_encoding() + 6) % 7};
}

}  // namespace

PrepList pharmacy_prep(const std::vector<PatientFacts>& facts, const std::vector<InfusionBooking>& bookings,
                       Day from, Day to) {
  std::vector<PrepPatient> patients;
  patients.reserve(facts.size());
  for (const PatientFacts& f : facts) {
    PrepPatient p{&f, missed_edaravone_days(f.log, f.zone)};  // the plan's rule (therapy_plan.cpp)
    for (const LogEntry& e : current_entries(f.log)) {
      if (e.kind == LogKind::dispensing && e.drug == Drug::edaravone) p.dispensings.push_back(e);
      if (e.kind == LogKind::dose && e.drug == Drug::tofersen && e.status == DoseStatus::taken)
        p.given_tofersen.push_back(local_day(e.at, f.zone));
    }
    patients.push_back(std::move(p));
  }
  return pharmacy_prep(patients, bookings, from, to);
}

PrepList pharmacy_prep(const std::vector<PrepPatient>& patients, const std::vector<InfusionBooking>& bookings,
                       Day from, Day to) {
  std::map<std::string, Day> booked;
  for (const InfusionBooking& b : bookings) booked[b.planned_key] = b.day;
  std::map<std::pair<Day, std::string>, int> count;
  for (const PrepPatient& p : patients) {
    const PatientFacts& f = *p.facts;
    for (const Therapy& t : f.therapies) {
      if (t.drug == Drug::tofersen)
        for (const TofersenDose& d : tofersen_doses_between(t, p.given_tofersen, from, to)) {
          // A dose booked in a lumbar-puncture room is prepared for its booked day (a later week's list
          // counts it when booked after `to`).
          const auto b = d.given ? booked.end() : booked.find(planned_key(t, d));
          const Day day = b != booked.end() ? b->second : d.day;
          if (day >= from && day <= to) ++count[{day, kTofersenPrepProduct}];
        }
      if (t.drug != Drug::edaravone) continue;
      // A booking may hold an infusion planned up to a cycle away from its booked day.
      const EdaravonePlan plan = edaravone_plan_for(t, f.closed, p.missed_edaravone, to + days{28});
      for (const EdaravoneDose& d : plan.doses()) {
        if ((t.stop && d.day > *t.stop) || d.form != EdaravoneForm::iv) continue;
        const auto b = booked.find(planned_key(t, d));
        const Day day = b != booked.end() ? b->second : d.day;
        if (day < from || day > to) continue;
        ++count[{day, iv_product_on(p.dispensings, day)}];
      }
    }
  }
  PrepList out;
  std::map<std::string, int> week;
  auto row = [](Day day, const std::string& product, int n, bool total) {
    PrepRow r{day, product, n};
    r.week = total;
    if (product == kTofersenPrepProduct) {
      r.vials = n * kTofersenVialsPerDose;
      r.chair = false;
    } else if (const PackFacts* pack = find_pack(product)) {
      r.bags = static_cast<int>(n * pack->per_dose);
    }
    return r;
  };
  auto close_week = [&](Day monday) {
    for (const auto& [product, n] : week) out.rows.push_back(row(monday, product, n, true));
    week.clear();
  };
  std::optional<Day> current_week;
  for (const auto& [key, n] : count) {
    const Day monday = monday_of(key.first);
    if (current_week && *current_week != monday) close_week(*current_week);
    current_week = monday;
    out.rows.push_back(row(key.first, key.second, n, false));
    week[key.second] += n;
  }
  if (current_week) close_week(*current_week);
  return out;
}

RecordTable prep_table(const PrepList& list) {
  RecordTable t;
  t.columns = {{"date"}, {"product"}, {"infusions", true}, {"bags", true}, {"period"}, {"vials", true}};
  for (const PrepRow& r : list.rows)
    t.rows.push_back({format_day(r.date), r.product, std::to_string(r.infusions),
                      r.bags ? std::to_string(*r.bags) : "", r.week ? "week" : "day",
                      r.vials ? std::to_string(*r.vials) : ""});
  t.title = "IV edaravone and intrathecal tofersen to prepare (bags and vials per product: docs/supply.md)";
  return t;
}

}  // namespace alsmeds
