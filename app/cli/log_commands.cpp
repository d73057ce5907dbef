// log dose|effect|lab|weight and dispense: each prints the new record's id after a durable commit.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "alsmeds/liver_tests.hpp"
#include "alsmeds/therapy_plan.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct LogOptions {
  std::string patient, drug, at, status = "taken", note, term, test, value, uln, grade, corrects;
};

double positive_number(const std::string& text, const std::string& option, bool allow_zero) {
  return parse_number(text, option, 0.0, !allow_zero);
}

// Fields every log entry shares: patient, correction link, note.
LogEntry base_entry(Session& s, const LogOptions& o, LogKind kind, Patient& patient) {
  patient = s.patient(o.patient);
  LogEntry e;
  e.patient_id = patient.id;
  e.kind = kind;
  e.note = o.note;
  if (!o.corrects.empty()) {
    const auto id = static_cast<RecordId>(positive_number(o.corrects, "--corrects", false));
    auto old = s.store().find_log_entry(id);
    if (!old || old->patient_id != patient.id)
      throw BadInput("--corrects: '" + o.corrects + "' is not a record of this patient");
    if (old->kind != kind)
      throw BadInput("--corrects: record " + o.corrects + " is a " + std::string(to_string(old->kind)) +
                     ", not a " + std::string(to_string(kind)));
    e.supersedes = id;
  }
  return e;
}

Day day_option(const std::string& text, const std::string& option) {
  return require(parse_day(text), option);
}

int commit(Session& s, const LogEntry& e) {
  const RecordId id = require(s.store().append_log(e, s.actor()), "--patient");
  std::cout << id << '\n';
  std::cout.flush();
  return kExitDone;
}

int run_log_dose(Session& s, const LogOptions& o) {
  Patient p;
  LogEntry e = base_entry(s, o, LogKind::dose, p);
  const Zone zone = s.zone_of(p);
  const Drug drug = require(parse_drug(o.drug), "--drug");
  e.drug = drug;
  e.at = require(parse_instant(o.at, zone), "--at");
  e.status = require(parse_dose_status(o.status), "--status");
  const Therapy t = s.therapy(p, drug);
  if (local_day(e.at, zone) < t.start)
    throw BadInput("--at: " + format_day(local_day(e.at, zone)) + " is before the " +
                   std::string(to_string(drug)) + " therapy started (" + format_day(t.start) + ")");
  // Only edaravone's plan depends on earlier logs (missed days move doses); riluzole matching needs none.
  std::vector<LogEntry> log;
  if (drug == Drug::edaravone) log = s.store().log_entries(p.id);
  const PlannedDoseMatch m = match_planned_dose(t, s.store().closed_days(p.id), log, zone, e.at);
  e.planned_key = m.key;
  e.cycle = m.cycle;
  e.cycle_day = m.cycle_day;
  if (m.key.empty())
    print_warning("no planned " + std::string(to_string(drug)) + " dose matches " + o.at +
                  ": recorded as an unplanned dose");
  return commit(s, e);
}

int run_log_effect(Session& s, const LogOptions& o) {
  Patient p;
  LogEntry e = base_entry(s, o, LogKind::effect, p);
  const Zone zone = s.zone_of(p);
  if (o.term.empty()) throw BadInput("--term: the term is empty");
  e.term = o.term;
  const double grade = positive_number(o.grade, "--grade", false);
  if (grade != static_cast<int>(grade) || grade < 1 || grade > 5)
    throw BadInput("--grade: '" + o.grade + "' is not a CTCAE grade (1 to 5)");
  e.grade = static_cast<int>(grade);
  e.at = require(parse_instant(o.at, zone), "--at");
  if (!o.drug.empty()) {
    const Drug drug = require(parse_drug(o.drug), "--drug");
    e.drug = drug;
    const Therapy t = s.therapy(p, drug);
    if (drug == Drug::edaravone) {
      const Day day = local_day(e.at, zone);
      const auto plan = edaravone_plan_for(t, s.store().closed_days(p.id), {}, zone, day);
      if (auto cd = edaravone_cycle_day(plan, day)) {
        e.cycle = cd->first;
        e.cycle_day = cd->second;
      }
    }
  }
  return commit(s, e);
}

int run_log_lab(Session& s, const LogOptions& o) {
  Patient p;
  LogEntry e = base_entry(s, o, LogKind::lab, p);
  if (o.test != "ALT" && o.test != "AST") throw BadInput("--test: '" + o.test + "' is not ALT or AST");
  e.test = o.test;
  e.value = positive_number(o.value, "--value", true);
  e.uln = positive_number(o.uln, "--uln", false);
  const Day day = day_option(o.at, "--at");
  e.day = day;
  e.at = Instant{day};
  const int id_exit = commit(s, e);
  if (e.test == "ALT") {
    // Baseline: no earlier ALT and on or before the riluzole start.
    bool baseline = true;
    for (const LogEntry& x : s.store().log_entries(p.id))
      if (x.kind == LogKind::lab && x.test == "ALT" && x.day && *x.day < day) baseline = false;
    auto a = assess_alt(e.value, e.uln, baseline);
    if (a && a->level != AltAlertLevel::none) print_warning(a->message);
  }
  return id_exit;
}

int run_log_weight(Session& s, const LogOptions& o) {
  Patient p;
  LogEntry e = base_entry(s, o, LogKind::weight, p);
  e.value = positive_number(o.value, "--kg", false);
  if (e.value > 500) throw BadInput("--kg: '" + o.value + "' is not a plausible weight");
  const Day day = day_option(o.at, "--at");
  e.day = day;
  e.at = Instant{day};
  return commit(s, e);
}

struct DispenseOptions {
  std::string patient, drug, date;
  int days_supply = 0;
};

int run_dispense(Session& s, const DispenseOptions& o) {
  const Patient p = s.patient(o.patient);
  LogEntry e;
  e.patient_id = p.id;
  e.kind = LogKind::dispensing;
  e.drug = require(parse_drug(o.drug), "--drug");
  const Day day = day_option(o.date, "--date");
  e.day = day;
  e.at = Instant{day};
  if (o.days_supply < 1 || o.days_supply > 366)
    throw BadInput("--days-supply: '" + std::to_string(o.days_supply) + "' is out of range (1 to 366)");
  e.days_supply = o.days_supply;
  return commit(s, e);
}

}  // namespace

void add_log_commands(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  CLI::App* log =
      app.add_subcommand("log", "Log a dose, side effect, lab result or weight; prints the new id");
  log->require_subcommand(1);
  auto add_common = [](CLI::App* c, LogOptions& o) {
    c->add_option("--patient", o.patient, "Patient id or MRN")->required();
    c->add_option("--note", o.note, "Free text");
    c->add_option("--corrects", o.corrects, "Id of an earlier record this one supersedes");
  };

  auto dose = std::make_shared<LogOptions>();
  CLI::App* d = log->add_subcommand("dose", "A dose taken, missed or refused");
  add_common(d, *dose);
  d->add_option("--drug", dose->drug, "edaravone or riluzole")->required();
  d->add_option("--at", dose->at, "When: 2026-03-08T08:00 (patient's zone) or with Z / +HH:MM")->required();
  d->add_option("--status", dose->status, "taken, missed or refused")->capture_default_str();
  d->callback([s, dose, &action] { action = [s, dose] { return run_log_dose(*s, *dose); }; });

  auto effect = std::make_shared<LogOptions>();
  CLI::App* ef = log->add_subcommand("effect", "A side effect with its CTCAE grade");
  add_common(ef, *effect);
  ef->add_option("--term", effect->term, "What happened, e.g. headache")->required();
  ef->add_option("--grade", effect->grade, "CTCAE grade 1-5")->required();
  ef->add_option("--at", effect->at, "Onset instant")->required();
  ef->add_option("--drug", effect->drug, "Suspected drug");
  ef->callback([s, effect, &action] { action = [s, effect] { return run_log_effect(*s, *effect); }; });

  auto lab = std::make_shared<LogOptions>();
  CLI::App* l = log->add_subcommand("lab", "A liver test result");
  add_common(l, *lab);
  l->add_option("--test", lab->test, "ALT or AST")->required();
  l->add_option("--value", lab->value, "Result in U/L")->required();
  l->add_option("--uln", lab->uln, "The lab's upper limit of normal in U/L")->required();
  l->add_option("--at", lab->at, "Date YYYY-MM-DD")->required();
  l->callback([s, lab, &action] { action = [s, lab] { return run_log_lab(*s, *lab); }; });

  auto weight = std::make_shared<LogOptions>();
  CLI::App* w = log->add_subcommand("weight", "A body weight");
  add_common(w, *weight);
  w->add_option("--kg", weight->value, "Weight in kg")->required();
  w->add_option("--at", weight->at, "Date YYYY-MM-DD")->required();
  w->callback([s, weight, &action] { action = [s, weight] { return run_log_weight(*s, *weight); }; });

  auto disp = std::make_shared<DispenseOptions>();
  CLI::App* di = app.add_subcommand("dispense", "A pharmacy dispensing; prints the new id");
  di->add_option("--patient", disp->patient, "Patient id or MRN")->required();
  di->add_option("--drug", disp->drug, "edaravone or riluzole")->required();
  di->add_option("--date", disp->date, "Dispensing date YYYY-MM-DD")->required();
  di->add_option("--days-supply", disp->days_supply, "Days of supply")->required();
  di->callback([s, disp, &action] { action = [s, disp] { return run_dispense(*s, *disp); }; });
}

}  // namespace alsmeds::cli
