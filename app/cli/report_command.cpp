// report adherence [--patient ID | --all] --from DATE --to DATE [--format table|csv|json] [--out FILE]
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>

#include "alsmeds/adherence_report.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct ReportOptions {
  std::string patient, from, to, out;
  bool all = false;
  std::optional<std::string> format;
};

int run_report_adherence(Session& s, const ReportOptions& o) {
  if (o.format && (*o.format == "html" || *o.format == "pdf"))
    throw BadInput("--format: '" + *o.format + "' reports are not available yet (table, csv or json)");
  const OutputFormat f =
      o.out.empty() ? choose_format(o.format)
                    : (o.format ? require(parse_output_format(*o.format), "--format") : OutputFormat::csv);
  const Period period{require(parse_day(o.from), "--from"), require(parse_day(o.to), "--to")};
  if (period.to < period.from) throw BadInput("--to: '" + o.to + "' is before --from '" + o.from + "'");
  if (o.all == !o.patient.empty()) throw BadInput("--patient: give either --patient ID or --all");
  std::vector<Patient> patients;
  if (o.all)
    patients = s.store().patients();
  else
    patients.push_back(s.patient(o.patient));

  std::vector<AdherenceRow> rows;
  for (const Patient& p : patients) {
    const PatientFacts facts = s.facts(p);
    auto more = adherence_rows(facts, period);
    rows.insert(rows.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  sort_by_risk(rows);
  const std::string text = render(adherence_table(rows, period), f);
  if (o.out.empty()) {
    std::cout << text;
    return kExitDone;
  }
  std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
  if (!(file << text)) throw BadInput("--out: cannot write '" + o.out + "'");
  std::cout << o.out << '\n';
  return kExitDone;
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
  adh->add_option("--format", o->format, "table, csv or json (html and pdf: not yet)");
  adh->add_option("--out", o->out, "Write to FILE instead of the terminal");
  adh->callback([s, o, &action] { action = [s, o] { return run_report_adherence(*s, *o); }; });
}

}  // namespace alsmeds::cli
