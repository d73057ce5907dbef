#include "views/observations_panel.hpp"

#include <imgui.h>

#include <string>

#include "alsmeds/text.hpp"
#include "app_state.hpp"
#include "charts.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

void ObservationsPanel::draw(AppState& s, const PatientFacts& f) {
  if (series_for != f.patient.id || revision != s.revision) {
    series = observation_series(f.log);
    series_for = f.patient.id;
    revision = s.revision;
  }
  bool tofersen = false;
  for (const Therapy& t : f.therapies) tofersen = tofersen || t.drug == Drug::tofersen;
  if (!tofersen && series.empty()) return;
  const bool open = ImGui::CollapsingHeader(
      "Tofersen's observations: plasma NfL, CSF white cells and protein", ImGuiTreeNodeFlags_DefaultOpen);
  probe_item("course:observations");
  if (!open) return;
  if (series.empty()) {
    ImGui::TextDisabled("No NfL or CSF result yet (Today's lab form, or alsmeds-cli log lab --test NfL).");
    return;
  }
  const float w = ImGui::GetContentRegionAvail().x - 10;
  for (const LabSeries& one : series) {
    draw_lab_series(one, s.today(), w);
    probe_item("course:observations:" + one.test);
    const std::string id = "observations-" + one.test;
    if (ImGui::BeginTable(id.c_str(), 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn("Date");
      ImGui::TableSetupColumn(("Result (" + one.unit + ")").c_str());
      ImGui::TableSetupColumn("Laboratory's ULN");
      ImGui::TableHeadersRow();
      for (auto p = one.points.rbegin(); p != one.points.rend(); ++p) {  // the latest first
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_day(p->day).c_str());
        ImGui::TableNextColumn();
        if (p->uln > 0 && p->value > p->uln)
          ImGui::TextColored(colour::late, "%s (above the ULN)", format_quantity(p->value).c_str());
        else
          ImGui::TextUnformatted(format_quantity(p->value).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p->uln > 0 ? format_quantity(p->uln).c_str() : "-");
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
  }
}

}  // namespace alsmeds::gui
