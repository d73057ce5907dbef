// Pharmacy prep: the board's week as the pharmacy prepares it, day by day and product by product, with the
// week's totals; CSV and PDF export.
#include "views/prep_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdlib>

#include "alsmeds/exchange/report_document.hpp"
#include "app_state.hpp"
#include "file_output.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

// The page header shows it on three lines at most (120 characters each).
constexpr const char* kPrepRules =
    "Infusions as the board has them (the booked day where booked). Bags: Radicava two 30 mg/100 mL a "
    "dose, a generic one 60 mg/100 mL; each used within 24 h of opening its overwrap. iv-unnamed: no "
    "dispensing names the product, no bags counted. Tofersen: one 100 mg/15 mL vial an intrathecal dose.";

void export_controls(AppState& s) {
  PrepView& v = s.prep;
  const BoardView& b = s.board;
  const bool pdf = v.export_format == static_cast<int>(PrepExport::pdf);
  if (v.export_path.empty()) {
    const char* home = std::getenv("HOME");
    v.export_path = std::string(home ? home : ".") + "/alsmeds-pharmacy-prep-" + format_day(b.from) +
                    (pdf ? ".pdf" : ".csv");
  }
  ImGui::SetNextItemWidth(em(5.3f));
  if (ImGui::Combo("##prep-format", &v.export_format, "CSV\0PDF\0"))  // the name follows the format
    v.export_path = path_for_format(v.export_path,
                                    v.export_format == static_cast<int>(PrepExport::pdf) ? ".pdf" : ".csv");
  probe_item("prep:format");
  same_line_if_fits(em(16));
  ImGui::SetNextItemWidth(std::max(
      em(16), ImGui::GetContentRegionAvail().x - button_width("Export") - ImGui::GetStyle().ItemSpacing.x));
  ImGui::InputText("##prep-path", &v.export_path);
  probe_item("prep:path");
  same_line_if_fits(button_width("Export"));
  const bool pressed = ImGui::Button("Export");
  probe_item("prep:export");
  // A file already there is replaced only on the person's word (Replace it), never silently.
  const bool replace = v.replace.draw(v.export_path, "prep");
  if ((pressed && v.replace.may_write(v.export_path, s.db_path)) || replace) {
    auto written =
        export_prep(b.prep, b.from, b.from + date::days{6}, static_cast<PrepExport>(v.export_format),
                    v.export_path, s.now, s.db_path, replace);
    s.show(v.message, written ? Message{"Preparation list written to " + *written, false}
                              : Message{written.error(), true});
  }
}

void prep_table_view(const PrepList& list, float below, float& content) {
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX;
  // Down to the bottom less a scroll bar's height (the view's own sideways bar, large text, never pushes the
  // table past the edge) and less what is drawn `below` it.
  // At least five rows high: on a short screen the view scrolls to it rather than squeezing it.
  float height = std::max(ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ScrollbarSize - 1 - below,
                          ImGui::GetFrameHeightWithSpacing() * 5);
  // Dear ImGui 1.86 gives a window with a sideways bar no vertical one when its content is taller than the
  // space above that bar but not than the window: the last rows would hide under the bar. A table that much
  // too tall is made a little shorter, so that its vertical bar shows.
  const float bar = ImGui::GetStyle().ScrollbarSize;
  if (content > height - bar - 1 && content <= height + 1) height = content - 2;
  if (!ImGui::BeginTable("prep", 5, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  auto column = [](const char* label, const char* typical) {
    ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize(typical).x + ImGui::GetStyle().CellPadding.x * 2);
  };
  column("Date", "Week of 2026-11-23");
  column("Product", "radicava-iv (Radicava 30 mg bags)");
  column("Infusions", "Infusions");
  column("Bags", "Bags");
  column("Vials", "Vials");
  ImGui::TableHeadersRow();
  int n = 0;
  for (const PrepRow& r : list.rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string date = (r.week ? "Week of " : weekday_name(r.date) + " ") + format_day(r.date);
    if (r.week)
      ImGui::TextColored(colour::dose, "%s", date.c_str());
    else
      ImGui::TextUnformatted(date.c_str());
    probe_item("prep:row:" + std::to_string(n++));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.product.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", r.infusions);
    ImGui::TableNextColumn();
    if (r.bags) {
      ImGui::Text("%d", *r.bags);
    } else if (r.chair) {
      ImGui::TextColored(colour::overdue, "?");
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "No dispensing names this patient's IV product: dispense with --product "
            "radicava-iv or generic-iv");
    }
    ImGui::TableNextColumn();
    if (r.vials) ImGui::Text("%d", *r.vials);
  }
  // Where the content ends: the last row's bottom, in the table's own coordinates.
  content = ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y + ImGui::GetScrollY() +
            ImGui::GetStyle().CellPadding.y;
  ImGui::EndTable();
}

}  // namespace

Result<std::string> export_prep(const PrepList& list, Day from, Day to, PrepExport format,
                                const std::string& path, Instant now, const std::string& database_path,
                                bool replace) {
  if (path.empty()) return fail("export: give a file name");
  const RecordTable table = prep_table(list);
  std::string bytes;
  try {
    bytes = format == PrepExport::csv
                ? render(table, OutputFormat::csv)
                : table_pdf(table, ReportHeader{"IV edaravone and tofersen to prepare (pharmacy)",
                                                Period{from, to}, kPrepRules, now});
  } catch (const std::exception& e) {
    return fail(std::string("export: ") + e.what());
  }
  return write_whole_file(path, bytes, database_path, replace);
}

void PrepView::draw(AppState& s) {
  if (!s.store) return;
  BoardView& b = s.board;
  const bool loaded = ensure_board_week(s);
  draw_message(b.read_failure, "prep:read-failure");
  if (ImGui::ArrowButton("prep-prev-week", ImGuiDir_Left)) move_board_week(s, -1);
  probe_item("prep:prev-week");
  const std::string week = "Week of " + weekday_name(b.from) + " " + format_day(b.from) + " to " +
                           format_day(b.from + date::days{6});
  same_line_if_fits(ImGui::CalcTextSize(week.c_str()).x);
  ImGui::TextUnformatted(week.c_str());
  same_line_if_fits(ImGui::GetFrameHeight());
  if (ImGui::ArrowButton("prep-next-week", ImGuiDir_Right)) move_board_week(s, 1);
  probe_item("prep:next-week");
  if (!loaded) {
    if (b.read_failure.text.empty()) ImGui::TextDisabled("Loading the week's infusions...");
    return;
  }
  auto note_and_export = [&] {
    wrapped_text(
        "Radicava: two 30 mg bags an infusion; a generic: one 60 mg bag. Tofersen: one vial a dose.");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "The infusion board's week: planned IV edaravone, on the day booked where booked.\nEach bag is "
          "used within 24 h of opening its overwrap.\nTofersen: each intrathecal dose due that week (an "
          "overdue "
          "one on the week's first day), one 100 mg/15 mL single-dose vial.");
    export_controls(s);
    draw_message(s.prep.message, "prep:message");
  };
  // A window short for the text size (under 30 lines): the list first, what exports it under it.
  const bool list_first = short_window() && !b.prep.rows.empty();
  if (!list_first) note_and_export();
  if (b.prep.rows.empty())
    ImGui::TextDisabled("No IV infusion or tofersen dose this week.");
  else
    prep_table_view(b.prep, list_first ? 3 * ImGui::GetFrameHeightWithSpacing() : 0, s.prep.table_content);
  if (list_first) note_and_export();
}

}  // namespace alsmeds::gui
