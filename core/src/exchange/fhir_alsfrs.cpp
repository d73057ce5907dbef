#include "fhir_alsfrs.hpp"

namespace alsmeds {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kQuestionnaire = "urn:alsmeds:Questionnaire/alsfrs-r";
constexpr const char* kAnswerSystem = "urn:alsmeds:alsfrs-r:answer";
constexpr const char* kCodeSystem = "urn:alsmeds:code";

std::string link_id(int index, bool gastrostomy) {
  if (index == 4) return gastrostomy ? "5b" : "5a";
  return std::to_string(index + 1);
}

json answer(int index, bool gastrostomy, int score) {
  return {{"system", kAnswerSystem},
          {"code", std::to_string(score)},
          {"display", std::string(alsfrs_answer(index, gastrostomy, score))}};
}

json questionnaire() {
  json items = json::array();
  for (int i = 0; i < kAlsfrsItems; ++i)
    for (bool g : {false, true}) {
      if (g && i != 4) continue;
      json options = json::array();
      for (int s = 4; s >= 0; --s) options.push_back({{"valueCoding", answer(i, g, s)}});
      items.push_back({{"linkId", link_id(i, g)},
                       {"text", std::string(alsfrs_question(i, g))},
                       {"type", "choice"},
                       {"required", i != 4},  // item 5: 5a or 5b, as the patient has a gastrostomy or not
                       {"answerOption", options}});
    }
  return {{"url", kQuestionnaire},
          {"name", "ALSFRS_R_alsmeds"},
          {"title", "ALSFRS-R (revised ALS Functional Rating Scale), in alsmeds' plain wording"},
          {"status", "active"},
          {"subjectType", json::array({"Patient"})},
          {"description",
           "12 items of 0-4 (4 normal), total 0-48: bulbar 1-3, fine motor 4-6, gross motor 7-9, respiratory "
           "10-12 (Cedarbaum et al. 1999). Item 5 is 5a, or 5b with a gastrostomy."},
          {"item", items}};
}

json text_code(const std::string& code, const std::string& text) {
  return {{"coding", json::array({{{"system", kCodeSystem}, {"code", code}, {"display", text}}})},
          {"text", text}};
}

}  // namespace

std::vector<FhirResource> alsfrs_resources(const std::vector<AlsfrsReport>& stored, const json& subject) {
  const std::vector<AlsfrsReport> reports = current_reports(stored);
  std::vector<FhirResource> out;
  if (reports.empty()) return out;
  out.push_back({"Questionnaire", "alsfrs-r", questionnaire()});
  for (const AlsfrsReport& r : reports) {
    const std::string id = "alsfrs-" + std::to_string(r.id);
    json items = json::array();
    for (int i = 0; i < kAlsfrsItems; ++i)
      items.push_back(
          {{"linkId", link_id(i, r.gastrostomy)},
           {"text", std::string(alsfrs_question(i, r.gastrostomy))},
           {"answer", json::array({{{"valueCoding",
                                     answer(i, r.gastrostomy, r.items[static_cast<std::size_t>(i)])}}})}});
    json response = {{"questionnaire", kQuestionnaire},
                     {"status", "completed"},
                     {"subject", subject},
                     {"authored", format_day(r.day)},
                     {"item", items}};
    if (!r.recorded_by.empty()) response["author"] = {{"display", r.recorded_by}};
    out.push_back({"QuestionnaireResponse", id, response});

    const AlsfrsScore s = score(r.items);
    json components = json::array();
    for (const auto& [code, text, value] :
         {std::tuple{"alsfrs-r-bulbar", "ALSFRS-R bulbar domain (items 1-3, 0-12)", s.bulbar},
          {"alsfrs-r-fine-motor", "ALSFRS-R fine motor domain (items 4-6, 0-12)", s.fine_motor},
          {"alsfrs-r-gross-motor", "ALSFRS-R gross motor domain (items 7-9, 0-12)", s.gross_motor},
          {"alsfrs-r-respiratory", "ALSFRS-R respiratory domain (items 10-12, 0-12)", s.respiratory}})
      components.push_back({{"code", text_code(code, text)}, {"valueInteger", value}});
    out.push_back(
        {"Observation",
         id + "-total",
         {{"status", "final"},
          {"category",
           json::array(
               {{{"coding",
                  json::array({{{"system", "http://terminology.hl7.org/CodeSystem/observation-category"},
                                {"code", "survey"}}})}}})},
          {"code", text_code("alsfrs-r-total", "ALSFRS-R total score (0-48)")},
          {"subject", subject},
          {"effectiveDateTime", format_day(r.day)},
          {"valueInteger", s.total},
          {"derivedFrom", json::array({{{"reference", "urn:alsmeds:QuestionnaireResponse/" + id}}})},
          {"component", components}}});
  }
  return out;
}

}  // namespace alsmeds
