#pragma once
// The ALSFRS-R form (issue 28): one question a screen with five large answers (mouse, arrow keys and Enter,
// or the digits 0-4), then a summary to save. A patient answers it from Today; a nurse rates a patient from
// the Course of therapy view (with the report's day). The state is a plain struct tests drive without a
// window; core scores and checks the answers (alsfrs.hpp, log_alsfrs).
#include <array>
#include <optional>
#include <string>

#include "alsmeds/records/alsfrs.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

/// After the question changed, its answers ignore presses this long: the second click of a double-click on
/// one answer never answers the next question.
inline constexpr double kAnswerInertSeconds = 0.5;

struct AlsfrsForm {
  bool open_requested = false;  // the popup opens next frame
  bool clinician = false;       // a nurse's rating: the day is typed (default today)
  RecordId patient = 0;
  bool gastrostomy = false;                 // item 5 as 5b (the patient's feeding tube)
  int item = 0;                             // the question shown, 0-11; kAlsfrsItems is the summary
  std::array<int, kAlsfrsItems> answers{};  // -1: not answered yet
  std::string day;                          // the report's day as typed (a patient's: today)
  std::optional<RecordId> corrects;         // a correction of this report (append-only, as the CLI's)
  double changed_at = -1e9;                 // ImGui time the question shown last changed
  Message message;                          // under the form: why saving was refused, or what was saved

  /// A new, empty form for `patient` (a correction of report `corrects`, when given).
  void start(RecordId patient, bool gastrostomy, Day today, bool clinician,
             std::optional<RecordId> corrects = std::nullopt);
  /// After a refusal (a day ahead, a report of that day already): the popup again at the summary, the answers
  /// as they were, to change the day or go back.
  bool can_reopen() const { return message.error && complete(); }
  void reopen() { open_requested = true; }
  /// The answer `score` (0-4) to the question shown, at ImGui time `time`; the next question follows. False
  /// (nothing changes) when the question changed less than kAnswerInertSeconds ago, or on the summary.
  bool choose(int score, double time);
  /// The question before (from the summary: the last question).
  void back(double time);
  bool complete() const;
  /// The answers as core reads them ("4,4,3,..."); only when complete().
  std::string items_text() const;

  /// The popup, when open (call every frame from the view that owns the form).
  void draw(AppState& s);
};

}  // namespace alsmeds::gui
