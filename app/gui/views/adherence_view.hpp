#pragma once
// Pharmacist - Adherence: the view's state (the period, the cohort's rows, filter, sort, selection, export)
// and its draw(). The rows (adherence_model.hpp) are plain structs tests build without a window.
#include <string>
#include <vector>

#include "adherence_model.hpp"
#include "file_output.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

struct AdherenceView {
  std::string from_text, to_text;
  Period period;
  std::vector<AdherenceRow> rows;
  // The Patient column's width: the widest name of all the rows (not only those on screen at the first
  // frame), measured again when the rows or the text size change.
  float patient_width = 0, patient_width_font = 0;
  std::size_t patient_width_key = 0;
  bool loaded = false, loading = false;
  int revision = -1;
  AdherenceFilter filter;
  AdherenceColumn sort_by = AdherenceColumn::taking;
  bool ascending = true;
  std::size_t selected = std::string::npos;
  bool scroll_to_selected = false;
  std::string export_path;
  int export_format = 0;
  ReplaceGuard replace;    // asks before an export replaces a file
  Message read_failure;    // why the cohort could not be read (retried once the database changes, or Compute)
  Message period_message;  // a wrong period, named beside the date fields
  Message export_message;  // beside Export report: the file written, or why nothing was

  void draw(AppState& s);
};

}  // namespace alsmeds::gui
