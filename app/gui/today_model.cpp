#include "today_model.hpp"

#include <chrono>

namespace alsmeds::gui {

std::string time_until(Instant from, Instant to) {
  using namespace std::chrono;
  const auto diff = duration_cast<minutes>(to - from);
  const auto mins = diff.count() < 0 ? -diff.count() : diff.count();
  if (mins == 0) return "now";
  std::string text = mins >= 60 ? std::to_string(mins / 60) + " h " + std::to_string(mins % 60) + " min"
                                : std::to_string(mins) + " min";
  return diff.count() > 0 ? "in " + text : text + " ago";
}

Result<ActionOutcome> undo_taken(RecordStore& store, const PatientFacts& f, RecordId record,
                                 const Actor& actor) {
  return withdraw_dose(store, f, record, "Taken undone in the app within a minute", actor);
}

Result<ActionOutcome> log_side_effect(RecordStore& store, const PatientFacts& f, const std::string& term,
                                      int grade, const std::string& note, const Actor& actor) {
  EffectRequest r;
  r.term = term;
  r.grade = grade;
  r.note = note;
  r.at = actor.now;
  return log_effect(store, f, r, actor);
}

Result<ActionOutcome> log_lab_result(RecordStore& store, const PatientFacts& f, const std::string& test,
                                     Day day, double value, double uln, const Actor& actor) {
  LabRequest r;
  r.test = test;
  r.day = day;
  r.value = value;
  r.uln = uln;
  return log_lab(store, f, r, actor);
}

Result<ActionOutcome> log_weight(RecordStore& store, const PatientFacts& f, Day day, double kg,
                                 const Actor& actor) {
  WeightRequest r;
  r.kg = kg;
  r.day = day;
  return alsmeds::log_weight(store, f, r, actor);
}

std::string grade_in_words(int grade) {
  switch (grade) {
    case 1:
      return "1 - Mild: noticed, no treatment needed";
    case 2:
      return "2 - Moderate: limits some daily activities";
    case 3:
      return "3 - Severe: limits self-care, needs medical care";
    case 4:
      return "4 - Life-threatening: urgent care now";
    case 5:
      return "5 - Death (recorded by clinicians)";
  }
  return "grade must be 1 to 5";
}

}  // namespace alsmeds::gui
