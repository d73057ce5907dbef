// report adherence [--patient ID | --all] --from DATE --to DATE [--format table|csv|json] [--out FILE]
// report cma --from DATE|first --days N [--lead-in D] [--patient ID] [--window W --step S] [--format csv]
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <unordered_map>

#include "alsmeds/adherence/adherence_report.hpp"
#include "alsmeds/adherence/cma_report.hpp"
#include "alsmeds/exchange/report_document.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct ReportOptions {
  std::string patient, from, to, out;
  bool all = false;
  std::optional<std::string> format;
};

/// Writes the report to --out (printing the path) or to the terminal.
int deliver(const Session& s, const std::string& text, const std::string& out) {
  if (out.empty()) {
    std::cout << text;
    return kExitDone;
  }
  write_file(out, text, s.database_file());
  std::cout << out << '\n';
  return kExitDone;
}

int whole_days(const std::string& text, const std::string& option, int minimum) {
  return static_cast<int>(count_option(text, option, minimum, 36500));
}

struct CmaOptions {
  std::string from, days, lead_in = "0", patient, window, step, out;
  std::optional<std::string> format;
};

int run_report_cma(Session& s, const CmaOptions& o) {
  CmaReportOptions r;
  if (o.from != "first") r.from = era_day_option(o.from, "--from");
  r.days = whole_days(o.days, "--days", 1);
  r.lead_in = whole_days(o.lead_in, "--lead-in", 0);
  if (o.window.empty() != o.step.empty()) throw BadInput("--window: give --window and --step together");
  if (!o.window.empty()) {
    r.slide_days = whole_days(o.window, "--window", 1);
    r.step_days = whole_days(o.step, "--step", 1);
    if (r.slide_days > r.days)
      throw BadInput("--window: " + o.window + " days do not fit in the " + o.days +
                     "-day observation window");
  }
  const OutputFormat f = o.format ? require(parse_output_format(*o.format), "--format") : OutputFormat::csv;
  std::vector<Patient> patients;
  if (o.patient.empty())
    patients = s.store().patients();
  else
    patients.push_back(s.patient(o.patient));
  const auto rows = cma_rows(patients, s.store().dispensings(), r);
  return deliver(s, render(cma_table(rows, r.slide_days > 0), f), o.out);
}

int run_report_adherence(Session& s, const ReportOptions& o) {
  const bool document = o.format && (*o.format == "html" || *o.format == "pdf");
  if (o.format && *o.format == "pdf" && o.out.empty())
    throw BadInput("--format: a pdf report needs --out FILE");
  if (o.format && !document && !parse_output_format(*o.format))
    throw BadInput("--format: '" + *o.format + "' is not a report format (table, csv, json, html or pdf)");
  const OutputFormat f =
      document        ? OutputFormat::csv
      : o.out.empty() ? choose_format(o.format)
                      : (o.format ? require(parse_output_format(*o.format), "--format") : OutputFormat::csv);
  // Core's rule, as the app's report applies it, with the days to come counted up to today: "today" is the
  // latest day on earth now (a patient far east may be a day ahead); a dose whose time has not come yet is
  // not missed, and the refill measures stop at each patient's today.
  const Instant now = s.actor().now;
  const Day today = date::floor<date::days>(now + std::chrono::hours{14});
  const Day from = era_day_option(o.from, "--from");  // --from's error first, whatever else is wrong
  const Day to = era_day_option(o.to, "--to");
  auto checked = report_period(from, to, today, now, DaysToCome::counted_to_today, "--from", "--to");
  if (!checked) throw BadInput(checked.error());
  Period period = *checked;
  period.due_by = now;
  if (o.all == !o.patient.empty()) throw BadInput("--patient: give either --patient ID or --all");
  std::vector<Patient> patients;
  if (o.all)
    patients = s.store().patients();
  else
    patients.push_back(s.patient(o.patient));

  // One code path for --patient and --all (a patient's row is the same in both).
  auto read = report_adherence_rows(s.store(), patients, period);
  if (!read) throw BadInput(read.error());  // "patient 7: 'Mars/Base' is not a known time zone"
  std::vector<AdherenceRow> rows = std::move(read).value();
  sort_by_risk(rows);
  if (!document) return deliver(s, render(adherence_table(rows, period), f), o.out);

  const std::vector<std::size_t> charted = rows_to_chart(rows, o.all);
  const ReportHeader header{
      o.all ? "Adherence report - all patients" : "Adherence report - " + patients.front().name, period,
      kAdherenceRules, s.actor().now};
  return deliver(
      s, *o.format == "pdf" ? adherence_pdf(rows, charted, header) : adherence_html(rows, charted, header),
      o.out);
}

}  // namespace

void add_report_command(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  CLI::App* report = app.add_subcommand("report", "Reports for pharmacists");
  report->require_subcommand(1);
  auto o = std::make_shared<ReportOptions>();
  CLI::App* adh = report->add_subcommand("adherence", "Adherence per patient and drug, riskiest first");
  adh->add_option("--patient", o->patient, "Patient id or MRN");
  adh->add_flag("--all", o->all, "Every patient");
  adh->add_option("--from", o->from, "First day YYYY-MM-DD")->required();
  adh->add_option("--to", o->to, "Last day YYYY-MM-DD")->required();
  adh->add_option("--format", o->format, "table, csv, json, html or pdf (pdf needs --out)");
  adh->add_option("--out", o->out, "Write to FILE instead of the terminal");
  adh->callback([s, o, &action] { action = [s, o] { return run_report_adherence(*s, *o); }; });

  auto c = std::make_shared<CmaOptions>();
  CLI::App* cma = report->add_subcommand("cma", "CMA1-CMA9 (AdhereR definitions) from dispensing records");
  cma->add_option("--from", c->from,
                  "Follow-up start YYYY-MM-DD, or 'first' (each patient's first dispensing)")
      ->required();
  cma->add_option("--days", c->days, "Observation window length N in days")->required();
  cma->add_option("--lead-in", c->lead_in, "Days D from follow-up start to observation start (default 0)");
  cma->add_option("--patient", c->patient, "Only this patient (id or MRN)");
  cma->add_option("--window", c->window, "Sliding windows of this many days (with --step)");
  cma->add_option("--step", c->step, "Days between sliding window starts");
  cma->add_option("--format", c->format, "csv (default), table or json");
  cma->add_option("--out", c->out, "Write to FILE instead of the terminal");
  cma->callback([s, c, &action] { action = [s, c] { return run_report_cma(*s, *c); }; });
}

}  // namespace alsmeds::cli
