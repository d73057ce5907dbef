// export fhir --patient ID --out FILE.json: an R4 Bundle of one patient.
// export ics --patient ID --out FILE.ics [--from DATE --to DATE]: the plan as iCalendar (RFC 5545).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "alsmeds/exchange/fhir_export.hpp"
#include "alsmeds/exchange/ics_export.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {

void add_export_command(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  CLI::App* exp = app.add_subcommand("export", "Exports for other systems");
  exp->require_subcommand(1);
  struct Options {
    std::string patient, out;
  };
  auto o = std::make_shared<Options>();
  CLI::App* fhir = exp->add_subcommand("fhir", "FHIR R4 Bundle of one patient (JSON)");
  fhir->add_option("--patient", o->patient, "Patient id or MRN")->required();
  fhir->add_option("--out", o->out, "Output file (.json)")->required();
  fhir->callback([s, o, &action] {
    action = [s, o] {
      const Patient p = s->patient(o->patient);
      const PatientFacts facts = s->facts(p);
      const Instant now = s->actor().now;
      // Edaravone cycles are planned to six months from today.
      write_file(o->out, fhir_bundle(facts, local_day(now, facts.zone) + date::days{183}, now),
                 s->database_file());
      std::cout << o->out << '\n';
      return kExitDone;
    };
  });

  struct IcsOptions {
    std::string patient, out, from, to;
  };
  auto i = std::make_shared<IcsOptions>();
  CLI::App* ics =
      exp->add_subcommand("ics", "The plan of one patient as iCalendar (doses, infusions, liver tests)");
  ics->add_option("--patient", i->patient, "Patient id or MRN")->required();
  ics->add_option("--out", i->out, "Output file (.ics)")->required();
  ics->add_option("--from", i->from, "First day YYYY-MM-DD (default: today in the patient's zone)");
  ics->add_option("--to", i->to, "Last day YYYY-MM-DD (default: 180 days after --from)");
  ics->callback([s, i, &action] {
    action = [s, i] {
      const Patient p = s->patient(i->patient);
      const PatientFacts facts = s->facts(p);
      IcsRequest r;
      r.now = s->actor().now;
      r.from = i->from.empty() ? local_day(r.now, facts.zone) : era_day_option(i->from, "--from");
      r.to = i->to.empty() ? r.from + date::days{180} : era_day_option(i->to, "--to");
      if (r.to < r.from) throw BadInput("--to: '" + i->to + "' is before --from");
      if (r.to - r.from > date::days{3660}) throw BadInput("--to: at most 10 years from --from");
      write_file(i->out, ics_calendar(facts, r), s->database_file());
      std::cout << i->out << '\n';
      return kExitDone;
    };
  });
}

}  // namespace alsmeds::cli
