// due [--patient ID] [--on DATE]: what is due, overdue and coming per patient, alerts first.
#include <CLI/CLI.hpp>
#include <memory>

#include "alsmeds/pharmacy/clinic_due.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct DueOptions {
  std::string patient, on, alsfrs_every = std::to_string(kAlsfrsEveryDays);
  std::optional<std::string> format;
};

int run_due(Session& s, const DueOptions& o) {
  const OutputFormat f = choose_format(o.format);
  std::optional<Day> on;
  if (!o.on.empty()) on = era_day_option(o.on, "--on");
  const Instant now = s.actor().now;
  const int every = static_cast<int>(
      count_option(o.alsfrs_every, "--alsfrs-every", kMinAlsfrsEveryDays, kMaxAlsfrsEveryDays));
  std::vector<ClinicDueRow> rows;
  if (!o.patient.empty()) {
    PatientFacts facts = s.facts(s.patient(o.patient));
    facts.alsfrs_every_days = every;
    for (DueItem& item : patient_due_items(facts, now, on)) rows.push_back({facts.patient, std::move(item)});
  } else {
    // The whole clinic: a few passes over the log (the nurse's morning list), not one query per patient.
    auto loaded = clinic_due_list(s.store(), now, on, kDefaultRefillDays, every);
    if (!loaded) throw BadInput(loaded.error());
    rows = std::move(loaded).value();
  }

  RecordTable t;
  t.columns = {{"patient_id", true}, {"mrn"}, {"name"}, {"kind"}, {"when"}, {"status"}, {"drug"}, {"detail"}};
  for (const ClinicDueRow& r : rows)
    t.rows.push_back({std::to_string(r.patient.id), r.patient.mrn.value_or(""), r.patient.name, r.item.kind,
                      r.item.when, std::string(to_string(r.item.status)), r.item.drug, r.item.detail});
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
  due->add_option("--alsfrs-every", o->alsfrs_every,
                  "The ALSFRS-R self-report every DAYS after the last (7-182; default 28)");
  due->callback([s, o, &action] { action = [s, o] { return run_due(*s, *o); }; });
}

}  // namespace alsmeds::cli
