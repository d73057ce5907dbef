// Pharmacist - Adherence: the cohort table (sortable, filterable, under-80% flagged) and the selected
// patient's charts, with the report exports.
#include "views/adherence_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdlib>

#include "adherence_model.hpp"
#include "alsmeds/adherence/cohort_columns.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "app_state.hpp"
#include "charts.hpp"
#include "file_output.hpp"
#include "tab_order.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

void reload(AppState& s) {
  AdherenceView& v = s.adherence;
  auto typed = parse_view_period(v.from_text, v.to_text, s.today(), s.now);
  if (!typed) {
    s.show(v.period_message, {"Period: " + typed.error(), true});
    v.revision = s.revision;
    return;
  }
  v.period_message = {};
  if (s.job.running()) return;
  const Period period = *typed;
  const std::string path = s.db_path;
  const OpenOptions options = s.worker_options(false);
  v.loading = true;
  v.revision = s.revision;
  v.read_failure = {};
  s.job.start("Computing adherence for every patient",
              [path, options, period, &s](JobProgress& progress) -> BackgroundJob::Finish {
                progress.fraction = -1;
                std::vector<AdherenceRow> rows;
                try {
                  auto store = open_record_store(path, options);
                  if (!store) throw std::runtime_error(store.error());
                  rows = load_cohort_rows(**store, period);
                } catch (const std::exception& e) {
                  const std::string why = "Adherence could not be read: " + explain_storage_failure(e);
                  return [&s, why] {
                    s.adherence.loading = false;
                    s.show(s.adherence.read_failure, {why, true});
                  };
                }
                return [&s, rows = std::move(rows), period]() mutable {
                  s.adherence.rows = std::move(rows);
                  s.adherence.period = period;
                  s.adherence.loading = false;
                  s.adherence.loaded = true;
                  s.adherence.selected = std::string::npos;
                  for (std::size_t i = 0; i < s.adherence.rows.size();
                       ++i)  // the patient open in the app, riskiest row
                    if (s.adherence.rows[i].patient.id == s.patient_id) {
                      s.adherence.selected = i;
                      s.adherence.scroll_to_selected = true;
                      break;
                    }
                };
              });
}

void export_buttons(AppState& s) {
  AdherenceView& v = s.adherence;
  ImGui::SetNextItemWidth(em(5.3f));
  static const char* const kFormats[] = {"PDF", "HTML", "CSV"};
  if (ImGui::BeginCombo("##fmt", kFormats[v.export_format])) {
    for (int i = 0; i < 3; ++i) {
      if (ImGui::Selectable(kFormats[i], v.export_format == i) && v.export_format != i) {
        v.export_format = i;  // the file name follows the format
        v.export_path = path_for_format(v.export_path, extension_of(static_cast<ExportFormat>(i)));
      }
      probe_item(std::string("adherence:format:") + kFormats[i]);
    }
    ImGui::EndCombo();
  }
  probe_item("adherence:format");
  ImGui::SameLine();
  if (v.export_path.empty()) {
    const char* home = std::getenv("HOME");
    v.export_path = std::string(home ? home : ".") + "/alsmeds-adherence-" + format_day(v.period.from) +
                    extension_of(static_cast<ExportFormat>(v.export_format));
  }
  ImGui::SetNextItemWidth(em(22.4f));
  ImGui::InputText("##path", &v.export_path);
  probe_item("adherence:path");
  ImGui::SameLine();
  const bool pressed = ImGui::Button("Export report");
  probe_item("adherence:export");
  // A file already there is replaced only on the person's word (Replace it), never silently.
  const bool replace = v.replace.draw(v.export_path, "adherence");
  const bool export_clicked = pressed || replace;
  if (export_clicked && s.job.running()) {  // one job at a time: said, never silently ignored
    s.show(v.export_message,
           {"Not exported: wait for \"" + s.job.title() + "\" to finish, then export", true});
  } else if (export_clicked) {
    // Only the period the table shows, and only when that is the period typed: a wrong period is named
    // beside the dates and nothing is written for it.
    auto typed = parse_view_period(v.from_text, v.to_text, s.today(), s.now);
    if (!typed) {
      s.show(v.period_message, {"Period: " + typed.error(), true});
      s.show(v.export_message, {"Not exported: the period is wrong (see beside the dates)", true});
    } else if (typed->from != v.period.from || typed->to != v.period.to) {
      s.show(v.export_message, {"Not exported: the table shows " + format_day(v.period.from) + " to " +
                                    format_day(v.period.to) + "; press Compute for the period typed",
                                true});
    } else if (replace || v.replace.may_write(v.export_path, s.db_path)) {
      v.export_message = {};
      const auto format = static_cast<ExportFormat>(v.export_format);
      // The report holds the rows as the table shows them: its filter and its sort.
      s.job.start("Writing the report",
                  [rows = shown_rows(v.rows, v.filter, v.sort_by, v.ascending), period = v.period, format,
                   path = v.export_path, now = s.now, database = s.db_path, replace,
                   &s](JobProgress&) -> BackgroundJob::Finish {
                    auto written = export_report(rows, period, format, path, now, database, replace);
                    return [&s, written]() {
                      s.show(s.adherence.export_message, written
                                                             ? Message{"Report written to " + *written, false}
                                                             : Message{written.error(), true});
                    };
                  });
    }
  }
  draw_message(v.export_message, "adherence:export-message");
}

// "Ana Lima (MRN-7)": a row's patient as the table shows it.
std::string patient_label(const AdherenceRow& r) {
  return r.patient.name + " (" + r.patient.mrn.value_or(std::to_string(r.patient.id)) + ")";
}

void table(AppState& s) {
  AdherenceView& v = s.adherence;
  // Every column as wide as its widest text (the patient's name never shrinks to a letter); the table scrolls
  // sideways in a narrow window.
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_Resizable;
  // Down to the bottom less a scroll bar's height (the view's sideways bar in a narrow window), three rows at
  // least; less than half of it when a row is open (its detail under the table).
  const float least = ImGui::GetFrameHeightWithSpacing() * 4;
  const float avail = ImGui::GetContentRegionAvail().y;
  const float height = std::max(
      least, v.selected == std::string::npos ? avail - ImGui::GetStyle().ScrollbarSize - 1 : avail * 0.45f);
  // The patient (a row to choose), the report's columns for the screen (core's table), the flag.
  const auto screen_columns = cohort_columns_in(on_screen);
  if (!ImGui::BeginTable("cohort", static_cast<int>(screen_columns.size()) + 2, flags, ImVec2(0, height)))
    return;
  join_parent_tab_order();
  ImGui::TableSetupScrollFreeze(0, 1);
  // As wide as the widest patient of all the rows: a fixed column fits what it first shows, and a name
  // scrolled to later, or loaded later, would be cut.
  std::size_t key = v.rows.size();
  for (const AdherenceRow& r : v.rows)
    key = key * 31 + r.patient.name.size() + r.patient.mrn.value_or("").size();
  if (key != v.patient_width_key || ImGui::GetFontSize() != v.patient_width_font) {
    float widest = ImGui::CalcTextSize("Patient").x;
    for (const AdherenceRow& r : v.rows)
      widest = std::max(widest, ImGui::CalcTextSize(patient_label(r).c_str()).x);
    v.patient_width = widest;
    v.patient_width_key = key;
    v.patient_width_font = ImGui::GetFontSize();
  }
  ImGui::TableSetupColumn("Patient", ImGuiTableColumnFlags_WidthFixed, v.patient_width,
                          static_cast<ImGuiID>(AdherenceColumn::patient));
  // As wide as the widest drug's name from the first frame: a fixed column fits what it first shows (the rows
  // on screen then), and a later, longer name would be cut.
  float drug_width = ImGui::CalcTextSize("Drug").x;
  for (const Regimen& r : regimens())  // every registered drug
    drug_width = std::max(drug_width, ImGui::CalcTextSize(std::string(r.word).c_str()).x);
  // The report's columns for the screen, as core defines them (cohort_columns.cpp); the table sorts by the
  // ones it knows (adherence_model.hpp), Taking first.
  for (const CohortColumn* c : screen_columns) {
    const auto id = screen_column(c->key);
    ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthFixed;
    if (!id) column_flags |= ImGuiTableColumnFlags_NoSort;
    if (id == AdherenceColumn::taking)
      column_flags |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortAscending;
    ImGui::TableSetupColumn(std::string(c->heading).c_str(), column_flags,
                            c->key == "drug" ? drug_width : 0.0f,
                            id ? static_cast<ImGuiID>(*id) : ImGuiID{0});
  }
  ImGui::TableSetupColumn("Flag", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 0);
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
    v.sort_by = static_cast<AdherenceColumn>(specs->Specs[0].ColumnUserID);
    v.ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
  }
  const auto shown = visible_rows(v.rows, v.filter, v.sort_by, v.ascending);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown.size()));
  if (v.scroll_to_selected) {  // bring the row chosen from outside the table (the app's patient) into view
    for (std::size_t n = 0; n < shown.size(); ++n)
      if (shown[n] == v.selected)
        clipper.ForceDisplayRangeByIndices(static_cast<int>(n), static_cast<int>(n) + 1);
  }
  while (clipper.Step()) {
    for (int n = clipper.DisplayStart; n < clipper.DisplayEnd; ++n) {
      const std::size_t i = shown[static_cast<std::size_t>(n)];
      const AdherenceRow& r = v.rows[i];
      ImGui::TableNextRow();
      if (r.flagged) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, colour::u32(colour::overdue, 0.25f));
      ImGui::TableNextColumn();
      const std::string label = patient_label(r) + "##" + std::to_string(i);
      if (v.scroll_to_selected && v.selected == i) {
        ImGui::SetScrollHereY(0.3f);
        v.scroll_to_selected = false;
      }
      if (ImGui::Selectable(label.c_str(), v.selected == i, ImGuiSelectableFlags_SpanAllColumns)) {
        v.selected = i;
        s.patient_id = r.patient.id;
      }
      probe_item("adherence:row:" + std::to_string(n));
      for (const CohortColumn* c : screen_columns) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c->shown(r).c_str());
      }
      ImGui::TableNextColumn();
      if (r.flagged) ImGui::TextColored(colour::overdue, "under 80%%");
    }
  }
  ImGui::EndTable();
  ImGui::Text("%zu of %zu rows shown", shown.size(), v.rows.size());
}

}  // namespace

void AdherenceView::draw(AppState& s) {
  AdherenceView& v = s.adherence;
  if (!s.store) return;
  if (v.from_text.empty()) {  // the last 90 days, today included (its doses due so far)
    const Day today = s.today();
    v.from_text = format_day(today - date::days{89});
    v.to_text = format_day(today);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Period");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em(6.5f));
  ImGui::InputText("##from", &v.from_text);
  ImGui::SameLine();
  ImGui::TextUnformatted("to");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em(6.5f));
  ImGui::InputText("##to", &v.to_text);
  ImGui::SameLine();
  // Re-read when asked, or when the database changed (here or in another program); after a failed read, only
  // once something changes or Compute is pressed.
  const bool compute = ImGui::Button("Compute");
  probe_item("adherence:compute");
  if (compute || (!v.loading && (v.revision != s.revision || (!v.loaded && v.read_failure.text.empty() &&
                                                              v.period_message.text.empty()))))
    reload(s);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em(11.8f));
  ImGui::InputTextWithHint("##filter", "filter: name or MRN", &v.filter.text);
  probe_item("adherence:filter");
  ImGui::SameLine();
  ImGui::Checkbox("Under 80% only", &v.filter.flagged_only);
  probe_item("adherence:flagged-only");
  draw_message(v.period_message, "adherence:period-message");
  draw_message(v.read_failure, "adherence:read-failure");
  if (!v.loaded) {
    if (v.read_failure.text.empty()) ImGui::TextDisabled("Computing every patient's adherence...");
    return;
  }
  export_buttons(s);
  table(s);
  if (v.selected < v.rows.size()) {
    const AdherenceRow& r = v.rows[v.selected];
    ImGui::Separator();
    ImGui::Text("%s - %s, %s to %s", r.patient.name.c_str(), std::string(to_string(r.drug)).c_str(),
                format_day(v.period.from).c_str(), format_day(v.period.to).c_str());
    ImGui::BeginChild("charts", ImVec2(0, 0), false, ImGuiWindowFlags_NavFlattened);
    const float w = ImGui::GetContentRegionAvail().x - 10;
    draw_dose_timeline(r, w);
    draw_alsfrs_chart(r, w);  // function on the doses' time axis (issue 28)
    draw_cycle_bars(r, w);
    draw_alt_trend(r, v.period, w);
    ImGui::EndChild();
  }
}

}  // namespace alsmeds::gui
