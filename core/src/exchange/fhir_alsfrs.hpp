#pragma once
// The ALSFRS-R in the FHIR export (issue 28): one Questionnaire (the project's plain wording), a
// QuestionnaireResponse per current report and an Observation of its total with the four domains as
// components. No LOINC code for the ALSFRS-R total could be verified from here: the total is coded with our
// own text code (docs/domain.md, "ALSFRS-R").
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alsmeds/records/alsfrs.hpp"

namespace alsmeds {

struct FhirResource {
  std::string type, id;
  nlohmann::ordered_json body;  // without resourceType and id
};

/// Nothing for a patient without a report.
std::vector<FhirResource> alsfrs_resources(const std::vector<AlsfrsReport>& reports,
                                           const nlohmann::ordered_json& subject);

}  // namespace alsmeds
