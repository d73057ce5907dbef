// log alsfrs and report progression (issue 28): the ALSFRS-R as patients and clinicians report it, and how it
// moves beside the drugs.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "alsmeds/exchange/report_document.hpp"
#include "alsmeds/record_table.hpp"
#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct AlsfrsOptions {
  std::string patient, at, items, corrects;
  bool gastrostomy = false;
};

int run_log_alsfrs(Session& s, const AlsfrsOptions& o) {
  const PatientFacts f = s.facts(s.patient(o.patient), false);
  AlsfrsRequest r;
  r.day = require(parse_day(o.at), "--at");
  r.gastrostomy = o.gastrostomy || f.patient.feeding_tube;
  r.items = require(parse_alsfrs_items(o.items, r.gastrostomy), "--items");
  if (!o.corrects.empty()) r.corrects = count_option(o.corrects, "--corrects", 1, 999999999999999LL);
  return show(log_alsfrs(s.store(), f, r, s.actor()));
}

struct ProgressionOptions {
  std::string patient, out;
  bool all = false;
  std::optional<std::string> format;
};

int run_report_progression(Session& s, const ProgressionOptions& o) {
  if (o.all == !o.patient.empty()) throw BadInput("--patient: give either --patient ID or --all");
  const bool pdf = o.format && *o.format == "pdf";
  if (pdf && o.out.empty()) throw BadInput("--format: a pdf report needs --out FILE");
  if (o.format && !pdf && !parse_output_format(*o.format))
    throw BadInput("--format: '" + *o.format + "' is not a report format (table, csv, json or pdf)");
  const OutputFormat format =
      pdf             ? OutputFormat::table
      : o.out.empty() ? choose_format(o.format)
                      : (o.format ? require(parse_output_format(*o.format), "--format") : OutputFormat::csv);
  std::vector<Patient> patients;
  if (o.all)
    patients = s.store().patients();
  else
    patients.push_back(s.patient(o.patient));
  RecordTable t;
  t.columns = {{"patient_id", true},
               {"mrn"},
               {"date"},
               {"total", true},
               {"bulbar", true},
               {"fine_motor", true},
               {"gross_motor", true},
               {"respiratory", true},
               {"delta_fs", true},
               {"slope_6m", true}};
  std::vector<AlsfrsReport> all =
      s.store().alsfrs_reports(o.all ? std::nullopt : std::optional(patients[0].id));
  for (const Patient& p : patients) {
    std::vector<AlsfrsReport> mine;
    for (const AlsfrsReport& r : all)
      if (r.patient_id == p.id) mine.push_back(r);
    const std::vector<AlsfrsReport> reports = current_reports(mine);
    const std::string dfs = format_points_a_month(delta_fs(reports, p.onset));
    for (const AlsfrsReport& r : reports) {
      const AlsfrsScore sc = score(r.items);
      t.rows.push_back({std::to_string(p.id), p.mrn.value_or(""), format_day(r.day), std::to_string(sc.total),
                        std::to_string(sc.bulbar), std::to_string(sc.fine_motor),
                        std::to_string(sc.gross_motor), std::to_string(sc.respiratory), dfs,
                        format_points_a_month(slope_6m(reports, r.day))});
    }
  }
  t.title =
      "ALSFRS-R (total 0-48; delta FS and slope in points a month, negative when falling; slope: least "
      "squares over the 6 months up to each report)";
  const Day today = date::floor<date::days>(s.actor().now);  // UTC: only with no report at all
  Period span{today, today};                                 // the reports' first and last days
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const Day d = *parse_day(t.rows[i][2]);
    if (i == 0 || d < span.from) span.from = d;
    if (i == 0 || d > span.to) span.to = d;
  }
  const std::string text =
      pdf ? table_pdf(t,
                      ReportHeader{o.all ? "ALSFRS-R progression - all patients"
                                         : "ALSFRS-R progression - " + patients.front().name,
                                   span,
                                   "ALSFRS-R, self-report or clinician rating (docs/domain.md). Total 0-48; "
                                   "delta FS = (48 - first total) / months since symptom onset; slope_6m = "
                                   "least-squares points a month over the 6 months up to each report.",
                                   s.actor().now})
          : render(t, format);
  if (o.out.empty()) {
    std::fputs(text.c_str(), stdout);
    return kExitDone;
  }
  write_file(o.out, text, s.database_file());
  std::printf("%s\n", o.out.c_str());
  return kExitDone;
}

// The top-level command `name`, nullptr when this run did not build it (record_commands.cpp).
CLI::App* built_command(CLI::App& app, const std::string& name) {
  const auto found = app.get_subcommands([&](CLI::App* c) { return c->get_name() == name; });
  return found.empty() ? nullptr : found.front();
}

void add_log_alsfrs(CLI::App* log, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto a = std::make_shared<AlsfrsOptions>();
  CLI::App* alsfrs =
      log->add_subcommand("alsfrs", "An ALSFRS-R report: 12 answers 0-4 in the scale's order; prints its id");
  alsfrs->add_option("--patient", a->patient, "Patient id or MRN")->required();
  alsfrs->add_option("--at", a->at, "The report's day YYYY-MM-DD")->required();
  alsfrs
      ->add_option("--items", a->items,
                   "12 answers 0-4: speech, salivation, swallowing, handwriting, cutting food (5a or 5b), "
                   "dressing and hygiene, turning in bed, walking, climbing stairs, dyspnea, orthopnea, "
                   "respiratory insufficiency")
      ->required();
  alsfrs->add_flag("--gastrostomy", a->gastrostomy,
                   "Item 5 answered as 5b (with gastrostomy; the default for a patient with a feeding tube)");
  alsfrs->add_option("--by", session.by,
                     "Who rated or recorded the report (default: the operating system account)");
  alsfrs->add_option("--corrects", a->corrects, "The id of the report this one corrects");
  alsfrs->callback([s, a, &action] { action = [s, a] { return run_log_alsfrs(*s, *a); }; });
}

}  // namespace

void add_progression_commands(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  if (CLI::App* log = built_command(app, "log")) add_log_alsfrs(log, action, session);
  CLI::App* report = built_command(app, "report");
  if (report == nullptr) return;
  auto p = std::make_shared<ProgressionOptions>();
  CLI::App* prog = report->add_subcommand(
      "progression", "ALSFRS-R reports over time: total, domains, delta FS and the 6-month slope (a month)");
  prog->add_option("--patient", p->patient, "Patient id or MRN");
  prog->add_flag("--all", p->all, "Every patient");
  prog->add_option("--format", p->format, "table, csv, json or pdf (pdf needs --out)");
  prog->add_option("--out", p->out, "Write to FILE instead of the terminal");
  prog->callback([s, p, &action] { action = [s, p] { return run_report_progression(*s, *p); }; });
}

}  // namespace alsmeds::cli
