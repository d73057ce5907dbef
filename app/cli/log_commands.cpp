// log dose|effect|lab|weight and dispense: each prints the new record's id after a durable commit.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct LogOptions {
  std::string patient, drug, at, status = "taken", note, term, test, value, uln, grade, corrects;
};

// A record id or grade as digits only (the rulebook bounds the value); BadInput naming the option otherwise.
long long whole_number(const std::string& text, const std::string& option) {
  return count_option(text, option, 0, 999999999999999LL);
}

// whole_number for a count the rulebook bounds far below `most` (a grade, a days' supply): a larger one is
// refused here naming what was typed (clamped, the rule's refusal would name `most` instead).
int small_number(const std::string& text, const std::string& option, long long most) {
  const long long n = whole_number(text, option);
  if (n > most) throw BadInput(option + ": " + text + " is far out of range");
  return static_cast<int>(n);
}

std::optional<RecordId> corrects_option(const LogOptions& o) {
  if (o.corrects.empty()) return std::nullopt;
  return whole_number(o.corrects, "--corrects");
}

int run_log_dose(Session& s, const LogOptions& o) {
  PatientFacts f = s.facts(s.patient(o.patient), false);  // the log once the request is known (below)
  DoseRequest d;
  d.drug = require(parse_drug(o.drug), "--drug");
  d.at = require(parse_instant(o.at, f.zone), "--at");
  d.status = require(parse_dose_status(o.status), "--status");
  d.note = o.note;
  d.corrects = corrects_option(o);
  f.log = log_for_dose(s.store(), f.patient.id, d);
  return show(log_dose(s.store(), f, d, s.actor()));
}

int run_log_effect(Session& s, const LogOptions& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));
  EffectRequest r;
  r.term = o.term;
  r.grade = small_number(o.grade, "--grade", 100);
  r.at = require(parse_instant(o.at, f.zone), "--at");
  if (!o.drug.empty()) r.drug = require(parse_drug(o.drug), "--drug");
  r.note = o.note;
  r.corrects = corrects_option(o);
  return show(log_effect(s.store(), f, r, s.actor()));
}

int run_log_lab(Session& s, const LogOptions& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));
  LabRequest r;
  r.test = o.test;
  r.value = require(rules::parse_decimal(o.value), "--value");
  r.uln = o.uln.empty() ? 0 : require(rules::parse_decimal(o.uln), "--uln");  // check_lab says who needs it
  r.day = require(parse_day(o.at), "--at");
  r.note = o.note;
  r.corrects = corrects_option(o);
  return show(log_lab(s.store(), f, r, s.actor()));
}

int run_log_weight(Session& s, const LogOptions& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));
  WeightRequest r;
  r.kg = require(rules::parse_decimal(o.value), "--kg");
  r.day = require(parse_day(o.at), "--at");
  r.note = o.note;
  r.corrects = corrects_option(o);
  return show(log_weight(s.store(), f, r, s.actor()));
}

struct DispenseOptions {
  std::string patient, drug, date, days_supply, quantity, unit, product;
};

int run_dispense(Session& s, const DispenseOptions& o) {
  const PatientFacts f = s.facts(s.patient(o.patient));  // the log: missed doses move edaravone days
  DispenseRequest r;
  r.drug = require(parse_drug(o.drug), "--drug");
  r.day = require(parse_day(o.date), "--date");
  if (o.days_supply.empty() && o.quantity.empty())
    throw BadInput("--days-supply or --quantity with --unit: a dispensing says how much was handed out");
  if (o.quantity.empty() != o.unit.empty())
    throw BadInput(o.unit.empty() ? "--unit: a quantity needs its unit (tablet, film, mL, bottle or bag)"
                                  : "--quantity: a unit needs its quantity");
  if (!o.days_supply.empty()) r.days_supply = small_number(o.days_supply, "--days-supply", 100000);
  if (!o.quantity.empty()) {
    r.quantity = require(rules::parse_decimal(o.quantity), "--quantity");
    r.unit = std::string(to_string(require(parse_supply_unit(o.unit), "--unit")));
  }
  r.product = o.product;
  return show(dispense(s.store(), f, r, s.actor()));
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
  d->add_option("--drug", dose->drug, drug_words())->required();
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
  CLI::App* l = log->add_subcommand(
      "lab",
      "A lab result: a liver test (ALT, AST) or one of tofersen's observations (NfL, CSF-WBC, CSF-protein)");
  add_common(l, *lab);
  l->add_option("--test", lab->test, rules::lab_test_words() + " (any case)")->required();
  l->add_option(
       "--value", lab->value,
       "Result: U/L for ALT and AST, pg/mL for NfL (plasma), cells/uL for CSF-WBC, mg/dL for CSF-protein")
      ->required();
  l->add_option("--uln", lab->uln,
                "The lab's upper limit of normal, in the result's unit (required for ALT and AST)");
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
  di->add_option("--drug", disp->drug, drug_words([](const Regimen& r) { return !r.packs.empty(); }))
      ->required();
  di->add_option("--date", disp->date, "Dispensing date YYYY-MM-DD")->required();
  di->add_option("--days-supply", disp->days_supply,
                 "Days of supply (default: from --quantity and the regimen)");
  di->add_option("--quantity", disp->quantity, "How much was handed out, in --unit");
  di->add_option("--unit", disp->unit, "tablet, film, mL, bottle or bag");
  std::string packs;
  for (const PackFacts* p : pack_facts()) packs += (packs.empty() ? "" : ", ") + std::string(p->product);
  di->add_option("--product", disp->product, "The pack when not the course's: " + packs);
  di->callback([s, disp, &action] { action = [s, disp] { return run_dispense(*s, *disp); }; });
}

}  // namespace alsmeds::cli
