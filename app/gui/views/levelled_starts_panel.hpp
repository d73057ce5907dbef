#pragma once
// Nurse - Cycle planner, "Level the chairs" (issue 27): for a new IV edaravone course, the start days ranked
// by the unit's chair load over the coming weeks (core board_proposals.hpp, as `board propose`), each with a
// small load chart; Use puts the start in the start field and keeps its dose days of cycles 2+ for the
// start. The state is a plain struct: tests drive it without a window.
#include <optional>
#include <string>

#include "alsmeds/board/board_proposals.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

struct LevelledStartsPanel {
  RecordId patient = 0;  // whom the proposals (or the job running) are for
  int asked = 0;         // bumped by each press: a job's result for an earlier press is dropped
  bool loading = false;
  std::optional<LevelledStarts> result;
  Message message;

  /// Starts the search off the UI thread (the app's job: its own store connection), from `from` with the
  /// patient's preference. False, said in `message`, while another job runs.
  bool ask(AppState& s, RecordId patient_id, Day from, DayPolicy preference);
  /// The ranked starts with their charts; the proposal whose Use was pressed this frame, if any.
  const StartProposal* draw(AppState& s);
};

}  // namespace alsmeds::gui
