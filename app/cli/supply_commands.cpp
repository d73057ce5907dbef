// supply [--patient ID] [--on DATE]: what each patient has left, when it runs out, when to refill
// (docs/supply.md); pharmacy prep --from DATE --to DATE: the IV edaravone bags and tofersen vials to prepare
// each day.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "alsmeds/pharmacy/pharmacy_prep.hpp"
#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/text.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct SupplyOptions {
  std::string patient, on, refill_days = "7", within;
  std::optional<std::string> format;
};

int run_supply(Session& s, const SupplyOptions& o) {
  const OutputFormat f = choose_format(o.format);
  std::optional<Day> on;
  if (!o.on.empty()) on = era_day_option(o.on, "--on");
  const int refill =
      static_cast<int>(count_option(o.refill_days, "--refill-days", kMinRefillDays, kMaxRefillDays));
  std::optional<int> within;
  if (!o.within.empty()) within = static_cast<int>(count_option(o.within, "--runs-out-within", 0, 366));
  std::vector<Patient> patients;
  if (!o.patient.empty())
    patients.push_back(s.patient(o.patient));
  else
    patients = s.store().patients();
  RecordTable t;
  t.columns = {{"patient_id", true}, {"mrn"},         {"drug"},      {"product"}, {"on_hand", true}, {"unit"},
               {"doses_left", true}, {"runs_out_on"}, {"refill_by"}, {"based_on"}};
  auto add_row = [&t](const Patient& p, const SupplyStatus& st) {
    t.rows.push_back({std::to_string(p.id), p.mrn.value_or(""), std::string(to_string(st.drug)), st.product,
                      format_quantity(st.on_hand), std::string(to_string(st.unit)),
                      std::to_string(st.doses_left), st.runs_out_on ? format_day(*st.runs_out_on) : "",
                      st.refill_by ? format_day(*st.refill_by) : "", st.based_on});
  };
  const Instant now = s.actor().now;
  // One patient: the whole log; the clinic: one pass over the log (load_clinic_supply_facts), as `due` reads
  // it.
  ClinicSupplyFacts facts;
  if (!o.patient.empty()) {
    facts.patients.push_back(s.facts(patients.front()));
    facts.doses.push_back(current_doses(facts.patients.front().log));
  } else {
    auto loaded = load_clinic_supply_facts(s.store(), patients,
                                           on ? *on : date::floor<date::days>(now) - date::days{1});
    if (!loaded) throw BadInput(loaded.error());
    facts = std::move(loaded).value();
  }
  if (within) {  // the pharmacist's list, riskiest first
    for (const PatientSupply& ps : supplies_running_out(facts, now, on, *within, refill))
      add_row(ps.patient, ps.status);
  } else {
    for (std::size_t i = 0; i < facts.patients.size(); ++i) {
      const PatientFacts& pf = facts.patients[i];
      for (const SupplyStatus& st :
           supply_status(pf, facts.doses[i], on ? *on : local_day(now, pf.zone), refill))
        add_row(pf.patient, st);
    }
  }
  t.title = on ? "Supply at the start of " + format_day(*on) : "Supply at the start of today";
  print_table(t, f);
  return kExitDone;
}

struct PrepOptions {
  std::string from, to;
  std::optional<std::string> format;
};

int run_prep(Session& s, const PrepOptions& o) {
  const OutputFormat f = choose_format(o.format);
  const Day from = era_day_option(o.from, "--from"), to = era_day_option(o.to, "--to");
  if (to < from) throw BadInput("--to: " + format_day(to) + " is before --from " + format_day(from));
  if ((to - from).count() > 366) throw BadInput("--to: at most 367 days from --from");
  std::vector<PatientFacts> facts;
  for (const Patient& p : s.store().patients()) facts.push_back(s.facts(p));
  std::vector<InfusionBooking> bookings = s.store().infusion_bookings(from, to);
  // A tofersen dose due in the range may be booked later (late): its booking is read to know.
  for (const InfusionBooking& b : s.store().procedure_bookings(from, to + date::days{366}))
    bookings.push_back(b);
  const PrepList list = pharmacy_prep(facts, bookings, from, to);
  print_table(prep_table(list), f);
  return kExitDone;
}

}  // namespace

void add_supply_commands(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto o = std::make_shared<SupplyOptions>();
  CLI::App* supply = app.add_subcommand(
      "supply", "What each patient has on hand, when it runs out and when to refill (docs/supply.md)");
  supply->add_option("--patient", o->patient, "Patient id or MRN (default: every patient)");
  supply->add_option("--on", o->on, "Day YYYY-MM-DD (default: today in each patient's zone)");
  supply->add_option("--refill-days", o->refill_days, "Refill this many days before it runs out")
      ->capture_default_str();
  supply->add_option(
      "--runs-out-within", o->within,
      "Only supplies that run out within this many days, soonest first (the pharmacist's list)");
  supply->add_option("--format", o->format, "table, csv or json");
  supply->callback([s, o, &action] { action = [s, o] { return run_supply(*s, *o); }; });

  CLI::App* pharmacy = app.add_subcommand("pharmacy", "The infusion pharmacy");
  pharmacy->require_subcommand(1);
  auto p = std::make_shared<PrepOptions>();
  CLI::App* prep = pharmacy->add_subcommand("prep",
                                            "IV edaravone (bags) and tofersen (vials) to prepare per day "
                                            "(planned, booked where booked), with weekly "
                                            "totals");
  prep->add_option("--from", p->from, "First day YYYY-MM-DD")->required();
  prep->add_option("--to", p->to, "Last day YYYY-MM-DD")->required();
  prep->add_option("--format", p->format, "table, csv or json");
  prep->callback([s, p, &action] { action = [s, p] { return run_prep(*s, *p); }; });
}

}  // namespace alsmeds::cli
