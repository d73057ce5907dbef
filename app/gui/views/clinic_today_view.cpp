#include "views/clinic_today_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app_state.hpp"
#include "background_read.hpp"
#include "tab_order.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

ImVec4 status_colour(DueStatus s) {
  switch (s) {
    case DueStatus::alert:
    case DueStatus::overdue:
      return colour::overdue;
    case DueStatus::due:
      return colour::late;
    case DueStatus::coming:
      return colour::muted;
  }
  return colour::muted;
}

/// `due`'s "2026-11-25T08:00:00-05:00" as "2026-11-25 08:00 -05:00"; a day stays as it is.
std::string shown_when(const std::string& when) {
  if (when.size() == 25 && when[10] == 'T')
    return when.substr(0, 10) + " " + when.substr(11, 5) + " " + when.substr(19);
  return when;
}

long long minute_of(Instant now) {
  return std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
}

void reload(AppState& s) {
  ClinicTodayView& v = s.clinic_today;
  if (v.refresh.running()) return;
  const Instant now = s.now;
  const int refill_days = s.settings.refill_days, every = s.settings.alsfrs_every_days;
  v.loading = true;
  v.revision = s.revision;
  v.minute = minute_of(now);
  v.read_failure = {};
  read_in_background<std::vector<ClinicRow>>(
      v.refresh, s, "Reading the clinic's day", "The clinic's day",
      [now, refill_days, every](RecordStore& store) {
        return load_clinic_today(store, now, refill_days, every);
      },
      [](AppState& st, std::optional<std::vector<ClinicRow>> rows, const std::string& why) {
        ClinicTodayView& w = st.clinic_today;
        w.loading = false;
        if (!why.empty()) st.show(w.read_failure, {why, true});
        if (!rows) return;  // failed, or another database was opened meanwhile: read it again
        w.rows = std::move(*rows);
        w.loaded = true;
      });
}

void filters(ClinicTodayView& v) {
  ImGui::Checkbox("Doses", &v.filter.doses);
  probe_item("clinic:doses");
  ImGui::SameLine();
  ImGui::Checkbox("Infusions", &v.filter.infusions);
  probe_item("clinic:infusions");
  ImGui::SameLine();
  ImGui::Checkbox("Liver tests", &v.filter.liver_tests);
  probe_item("clinic:liver-tests");
  ImGui::SameLine();
  ImGui::Checkbox("Alerts", &v.filter.alerts);
  probe_item("clinic:alerts");
  ImGui::SameLine();
  ImGui::Checkbox("Overdue and alerts only", &v.filter.overdue_only);
  probe_item("clinic:overdue-only");
  ImGui::SetNextItemWidth(em(16));
  ImGui::InputTextWithHint("##clinic-filter", "filter: name, MRN, drug, detail", &v.filter.text);
  probe_item("clinic:filter");
}

/// One click on a row: that patient, in the patient's own view (Today), with a way back to this list (the
/// nurse's work stays the nurse's: Back to Clinic today returns here).
void open_patient(AppState& s, RecordId patient) {
  s.patient_id = patient;
  s.shell.back_to_clinic_tab = s.tab;
  s.role = Role::patient;
  s.tab = 0;
  s.select_tab = true;
}

void table(AppState& s) {
  ClinicTodayView& v = s.clinic_today;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate |
                                ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_Resizable;
  const float footer = ImGui::GetFrameHeightWithSpacing();
  const float room = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  // Each column starts as wide as a typical text of its kind at the current text size. An auto-fit width (0)
  // was measured in the first frames, before the rows had arrived from the background job, and left every
  // column one letter wide.
  const ImGuiStyle& style = ImGui::GetStyle();
  float used = 0;
  auto width_of = [&](const char* typical) {
    const float w = ImGui::CalcTextSize(typical).x + style.CellPadding.x * 2;
    used += w + style.CellPadding.x * 2 + 1;
    return w;
  };
  const float widths[] = {width_of("Marguerite Lefebvre (DEMO-0000)"), width_of("infusion"),
                          width_of("2026-11-25 08:00 -05:00"), width_of("overdue"), width_of("edaravone")};
  // The detail takes the rest of the window, and the table is as wide as its longest detail (it scrolls
  // sideways for it): never cut, at 4K never 1,700 px of nothing beside a cut sentence, whatever size the
  // window had when the table was first drawn (ImGui keeps a fixed column's first width).
  if (v.widest_for_rows != v.rows.size() || v.widest_for_data != v.rows.data() ||
      v.widest_for_font != ImGui::GetFontSize()) {
    v.widest_detail = 0;
    for (const ClinicRow& r : v.rows)
      v.widest_detail = std::max(v.widest_detail, ImGui::CalcTextSize(r.item.detail.c_str()).x);
    v.widest_for_rows = v.rows.size();
    v.widest_for_data = v.rows.data();
    v.widest_for_font = ImGui::GetFontSize();
  }
  const float inner = std::max(room, used + v.widest_detail + style.CellPadding.x * 4);
  if (!ImGui::BeginTable("clinic", 6, flags, ImVec2(0, -footer), inner)) return;
  join_parent_tab_order();
  ImGui::TableSetupScrollFreeze(1, 1);
  int next = 0;
  auto column = [&](const char* label, ClinicColumn c) {
    ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthFixed, widths[next++], static_cast<ImGuiID>(c));
  };
  column("Patient", ClinicColumn::patient);
  column("Kind", ClinicColumn::kind);
  column("When", ClinicColumn::when);
  column("Status", ClinicColumn::status);
  column("Drug", ClinicColumn::drug);
  ImGui::TableSetupColumn("Detail", ImGuiTableColumnFlags_WidthStretch, 0,
                          static_cast<ImGuiID>(ClinicColumn::detail));
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsCount > 0) {
      v.sort_by = static_cast<ClinicColumn>(specs->Specs[0].ColumnUserID);
      v.ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    } else {
      v.sort_by = ClinicColumn::due_order;
      v.ascending = true;
    }
  }
  const std::vector<std::size_t> shown = clinic_rows_shown(v.rows, v.filter, v.sort_by, v.ascending);
  std::optional<RecordId> opened;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown.size()));
  while (clipper.Step()) {
    for (int n = clipper.DisplayStart; n < clipper.DisplayEnd; ++n) {
      const ClinicRow& r = v.rows[shown[static_cast<std::size_t>(n)]];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string label = r.name + " (" + (r.mrn.empty() ? "#" + std::to_string(r.patient_id) : r.mrn) +
                                ")##" + std::to_string(n);
      if (ImGui::Selectable(label.c_str(), r.patient_id == s.patient_id, ImGuiSelectableFlags_SpanAllColumns))
        opened = r.patient_id;
      probe_visible_item("clinic:row:" + std::to_string(n));
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\nClick: open %s's day", r.item.detail.c_str(), r.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.item.kind.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shown_when(r.item.when).c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(status_colour(r.item.status), "%s", std::string(to_string(r.item.status)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.item.drug.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.item.detail.c_str());
    }
  }
  ImGui::EndTable();
  ImGui::Text("%zu of %zu rows shown (each patient's today in their own zone)", shown.size(), v.rows.size());
  if (opened) open_patient(s, *opened);  // after the table: the next frame draws the patient's view
}

}  // namespace

void ClinicTodayView::draw(AppState& s) {
  ClinicTodayView& v = *this;
  if (!s.store) return;
  // Re-read when the database changed (here or in another program) or the minute turned; after a failed
  // read, only once something changes or Refresh is pressed.
  const bool stale = v.revision != s.revision || v.minute != minute_of(s.now);
  if (!v.loading && stale && (v.loaded || v.read_failure.text.empty() || v.revision != s.revision)) reload(s);
  filters(v);
  ImGui::SameLine();
  if (ImGui::Button("Refresh") && !v.loading) reload(s);
  probe_item("clinic:refresh");
  draw_message(v.read_failure, "clinic:read-failure");
  if (!v.loaded) {
    if (v.read_failure.text.empty()) ImGui::TextDisabled("Reading every patient's day...");
    return;
  }
  table(s);
}

}  // namespace alsmeds::gui
