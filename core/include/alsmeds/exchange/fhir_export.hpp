#pragma once
// FHIR R4 export of one patient (docs/domain.md, "Interoperability"): a collection Bundle with the Patient, a
// MedicationRequest per riluzole therapy and per edaravone cycle, MedicationAdministration for nurse-given
// infusions, MedicationStatement for patient-reported doses, Observations for ALT (LOINC 1742-6) and AST
// (1920-8) in U/L with the ULN as the reference range high; the ALSFRS-R as a Questionnaire, a
// QuestionnaireResponse per report and an Observation of its total (fhir_alsfrs.hpp). Superseded records are
// left out.
#include <string>

#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds {

/// JSON text of the Bundle. Resource ids are derived from record ids, so a re-export names the same
/// resources.
std::string fhir_bundle(const PatientFacts& facts, Day through, Instant now);

}  // namespace alsmeds
