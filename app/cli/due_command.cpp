// due [--patient ID] [--on DATE]: what is due, overdue and coming per patient, alerts first.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <set>

#include "alsmeds/due_list.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/supply.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct DueOptions {
  std::string patient, on;
  std::optional<std::string> format;
};

int run_due(Session& s, const DueOptions& o) {
  const OutputFormat f = choose_format(o.format);
  std::optional<Day> on;
  if (!o.on.empty()) on = era_day_option(o.on, "--on");
  const Instant now = s.actor().now;
  std::vector<PatientFacts> all;
  if (!o.patient.empty()) {
    all.push_back(s.facts(s.patient(o.patient)));
  } else {
    // The whole clinic: one pass over the log (the nurse's morning list), not one query per patient.
    const Day earliest =
        on ? *on : date::floor<date::days>(now) - date::days{1};  // the westernmost zone's today
    auto loaded = load_clinic_due_facts(s.store(), s.store().patients(), earliest);
    if (!loaded) throw BadInput(loaded.error());
    all = std::move(loaded).value();
  }

  // Refill items need each patient's whole log (doses used since the first dispensing): read for the
  // patients with a dispensing only.
  std::set<RecordId> dispensed;
  if (o.patient.empty())
    for (const DispensingRecord& d : s.store().dispensings()) dispensed.insert(d.patient_id);

  RecordTable t;
  t.columns = {{"patient_id", true}, {"mrn"}, {"name"}, {"kind"}, {"when"}, {"status"}, {"drug"}, {"detail"}};
  for (const PatientFacts& facts : all) {
    const Patient& p = facts.patient;
    const Day day = on ? *on : local_day(now, facts.zone);  // "today" in the patient's own zone
    // Without --on, at this instant: a riluzole dose whose next dose's time has come is missed, not due.
    std::vector<DueItem> items = due_items(facts, day, on ? std::nullopt : std::optional<Instant>(now));
    std::vector<DueItem> refills;
    if (!o.patient.empty())
      refills = refill_items(facts, day);
    else if (dispensed.count(p.id))
      refills = refill_items(s.facts(p), day);
    items.insert(items.end(), refills.begin(), refills.end());
    std::stable_sort(items.begin(), items.end(),
                     [](const DueItem& a, const DueItem& b) { return a.status < b.status; });
    for (const DueItem& item : items)
      t.rows.push_back({std::to_string(p.id), p.mrn.value_or(""), p.name, item.kind, item.when,
                        std::string(to_string(item.status)), item.drug, item.detail});
  }
  t.title = on ? "Due on " + format_day(*on) : "Due today (each patient's own time zone)";
  print_table(t, f);
  return kExitDone;
}

}  // namespace

void add_due_command(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto o = std::make_shared<DueOptions>();
  CLI::App* due =
      app.add_subcommand("due", "Doses, infusions, liver tests, alerts and refills: due, overdue and coming");
  due->add_option("--patient", o->patient, "Patient id or MRN (default: every patient)");
  due->add_option("--on", o->on, "Day YYYY-MM-DD (default: today in each patient's zone)");
  due->add_option("--format", o->format, "table, csv or json");
  due->callback([s, o, &action] { action = [s, o] { return run_due(*s, *o); }; });
}

}  // namespace alsmeds::cli
