#pragma once
// Clinic today (nurses and pharmacists): every patient's due and overdue doses, infusions, liver tests and
// open alerts, as alsmeds-cli's `due` lists them for the whole clinic; sortable, filterable, and one click on
// a row opens that patient's own view. The rows (clinic_model.hpp) are plain structs tests build without a
// window.
#include <vector>

#include "background_job.hpp"
#include "clinic_model.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

struct ClinicTodayView {
  std::vector<ClinicRow> rows;
  bool loaded = false, loading = false;
  int revision = -1;
  long long minute = -1;  // the rows are re-read when the minute turns (a dose falls due or is missed)
  ClinicFilter filter;
  ClinicColumn sort_by = ClinicColumn::due_order;
  bool ascending = true;
  Message read_failure;  // why the clinic's day could not be read (retried once the database changes)
  /// The widest detail of the rows, measured once for these rows at this text size (the table's width).
  float widest_detail = 0, widest_for_font = 0;
  std::size_t widest_for_rows = 0;
  const ClinicRow* widest_for_data = nullptr;
  /// The re-read (every minute, and after each write) runs on its own thread, never in AppState::job: an
  /// export or a cohort report started meanwhile starts at once (it was ignored while the refresh ran).
  BackgroundJob refresh;

  void draw(AppState& s);
};

}  // namespace alsmeds::gui
