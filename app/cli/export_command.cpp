// export fhir --patient ID --out FILE.json: an R4 Bundle of one patient.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>

#include "alsmeds/fhir_export.hpp"
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
      const std::string text = fhir_bundle(facts, local_day(now, facts.zone) + date::days{183}, now);
      std::ofstream file(o->out, std::ios::binary | std::ios::trunc);
      if (!(file << text)) throw BadInput("--out: cannot write '" + o->out + "'");
      std::cout << o->out << '\n';
      return kExitDone;
    };
  });
}

}  // namespace alsmeds::cli
