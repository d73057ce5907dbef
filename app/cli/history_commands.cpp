// history, audit, backup and closed-day commands.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct HistoryOptions {
  std::string patient, from, to;
  std::optional<std::string> format;
};

int run_history(Session& s, const HistoryOptions& o) {
  const OutputFormat f = choose_format(o.format);
  const Patient p = s.patient(o.patient);
  const Zone zone = s.zone_of(p);
  // --from/--to are days in the patient's zone: read a day more on each side, then keep what falls inside
  // (a dose by its local day, a lab or weight by the day it is dated).
  std::optional<Day> from_day, to_day;
  std::optional<Instant> from, to;
  if (!o.from.empty()) from_day = era_day_option(o.from, "--from"), from = Instant{*from_day - date::days{1}};
  if (!o.to.empty()) to_day = era_day_option(o.to, "--to"), to = Instant{*to_day + date::days{2}};
  if (from_day && to_day && *from_day > *to_day)
    throw BadInput("--from: '" + o.from + "' is after --to '" + o.to + "'");
  RecordTable t;
  t.columns = {{"id", true}, {"kind"}, {"at"}, {"drug"}, {"status"}, {"detail"}, {"recorded_by"}};
  std::vector<LogEntry> entries = s.store().log_entries(p.id, from, to);
  sort_newest_first(entries, zone);  // a lab or weight by its day in the patient's zone
  for (const LogEntry& e : entries) {
    const Day day = e.day ? *e.day : local_day(e.at, zone);
    if ((from_day && day < *from_day) || (to_day && day > *to_day)) continue;
    const std::string at =
        e.day ? format_day(*e.day) : format_local_with_offset(e.at, zone->get_info(e.at).offset);
    t.rows.push_back({std::to_string(e.id), std::string(to_string(e.kind)), at,
                      e.drug ? std::string(to_string(*e.drug)) : "",
                      e.status ? std::string(to_string(*e.status)) : "", describe(e), e.recorded_by});
  }
  t.title = "History of patient " + std::to_string(p.id) + " (" + p.name + "), newest first";
  print_table(t, f);
  return kExitDone;
}

int run_audit(Session& s, const std::string& patient, const std::optional<std::string>& format) {
  const OutputFormat f = choose_format(format);
  std::optional<RecordId> id;
  if (!patient.empty()) id = s.patient(patient).id;
  RecordTable t;
  // os_account: the operating system account that ran the program, beside `actor` (the --by name) when
  // the two differ; empty when they are the same, and for rows written before schema 5.
  t.columns = {{"id", true},        {"at"},         {"actor"},  {"action"},   {"entity"},
               {"entity_id", true}, {"patient_id"}, {"detail"}, {"previous"}, {"os_account"}};
  for (const AuditEntry& a : s.store().audit(id))
    t.rows.push_back({std::to_string(a.id), format_utc(a.at), a.actor, a.action, a.entity,
                      std::to_string(a.entity_id), a.patient_id ? std::to_string(*a.patient_id) : "",
                      a.detail, a.previous, a.os_account == a.actor ? "" : a.os_account});
  print_table(t, f);
  return kExitDone;
}

struct ClosedOptions {
  std::string date, patient, reason;
};

int run_closed_add(Session& s, const ClosedOptions& o) {
  ClosedDay c;
  c.day = require(parse_day(o.date), "--date");
  if (!o.patient.empty()) c.patient_id = s.patient(o.patient).id;
  c.reason = o.reason;
  return show(add_closed_day(s.store(), c, s.actor()));
}

}  // namespace

void add_report_commands(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto h = std::make_shared<HistoryOptions>();
  CLI::App* history = app.add_subcommand("history", "Every logged record of a patient, newest first");
  history->add_option("--patient", h->patient, "Patient id or MRN")->required();
  history->add_option("--from", h->from, "First day YYYY-MM-DD");
  history->add_option("--to", h->to, "Last day YYYY-MM-DD");
  history->add_option("--format", h->format, "table, csv or json");
  history->callback([s, h, &action] { action = [s, h] { return run_history(*s, *h); }; });

  auto audit_patient = std::make_shared<std::string>();
  auto audit_format = std::make_shared<std::optional<std::string>>();
  CLI::App* audit = app.add_subcommand("audit", "The audit trail: every insert, correction and re-flow");
  audit->add_option("--patient", *audit_patient, "Patient id or MRN");
  audit->add_option("--format", *audit_format, "table, csv or json");
  audit->callback([s, audit_patient, audit_format, &action] {
    action = [s, audit_patient, audit_format] { return run_audit(*s, *audit_patient, *audit_format); };
  });

  auto backup_path = std::make_shared<std::string>();
  CLI::App* backup = app.add_subcommand("backup", "Copy the database to FILE with SQLite's online backup");
  backup->add_option("FILE", *backup_path, "A new file")->required();
  backup->callback([s, backup_path, &action] {
    action = [s, backup_path] {
      std::cout << require(s->store().backup_to(*backup_path), "FILE") << '\n';
      return kExitDone;
    };
  });

  CLI::App* check = app.add_subcommand("check",
                                       "Check every page, the guards and the audit trail's hash chain "
                                       "(prints ok and the chain's head, or the problems)");
  check->callback([s, &action] {
    action = [s] {
      const std::string result = s->store().integrity_check();
      std::cout << result << '\n';
      if (result != "ok") return kExitFailure;
      std::cout << s->store().audit_chain_head() << '\n';
      return kExitDone;
    };
  });

  CLI::App* migrate =
      app.add_subcommand("migrate", "Bring a database of an older alsmeds to this schema (a copy is kept)");
  migrate->callback([s, &action] {
    action = [s] {
      s->store();  // opening for writing migrates, after writing FILE.schema-vN.bak
      std::cout << "schema " << kSchemaVersion << '\n';
      return kExitDone;
    };
  });

  auto c = std::make_shared<ClosedOptions>();
  CLI::App* closed = app.add_subcommand("closed", "Closed days: no dose is planned on them");
  closed->require_subcommand(1);
  CLI::App* closed_add =
      closed->add_subcommand("add", "Close a day for the clinic or one patient; prints the id");
  closed_add->add_option("--date", c->date, "YYYY-MM-DD")->required();
  closed_add->add_option("--patient", c->patient, "Patient id or MRN (default: the whole clinic)");
  closed_add->add_option("--reason", c->reason, "Why");
  closed_add->callback([s, c, &action] { action = [s, c] { return run_closed_add(*s, *c); }; });
}

}  // namespace alsmeds::cli
