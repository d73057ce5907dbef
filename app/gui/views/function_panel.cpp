#include "views/function_panel.hpp"

#include <imgui.h>

#include "app_state.hpp"
#include "charts.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

void FunctionPanel::draw(AppState& s, const PatientFacts& f) {
  if (!ImGui::CollapsingHeader("Doses and function (ALSFRS-R), the last 6 months",
                               ImGuiTreeNodeFlags_DefaultOpen))
    return;
  const Day today = s.today();
  const Period period{today - date::days{182}, today};
  if (rows_for != f.patient.id || revision != s.revision || rows_day != today) {
    Period p = period;
    p.due_by = s.now;  // a dose whose time has not come is not missed (as the report)
    rows = adherence_rows(f, p);
    rows_for = f.patient.id;
    revision = s.revision;
    rows_day = today;
  }
  const float w = ImGui::GetContentRegionAvail().x - 10;
  if (rows.empty()) ImGui::TextDisabled("No course of therapy in the last 6 months.");
  for (const AdherenceRow& r : rows) {
    draw_dose_timeline(r, w);
    draw_alsfrs_chart(r, w);
    ImGui::Spacing();
  }
  if (ImGui::Button("Rate ALSFRS-R..."))
    form.start(f.patient.id, f.patient.feeding_tube, today, /*clinician=*/true);
  probe_item("course:alsfrs");
  ImGui::SameLine();
  ImGui::TextDisabled("the clinician's rating, 12 items (a patient reports from Today)");
  if (form.patient == f.patient.id) {
    draw_message(form.message, "course:alsfrs-message");
    if (form.can_reopen()) {  // refused (a day ahead, a report of that day): the answers are kept
      if (ImGui::Button("Back to the answers")) form.reopen();
      probe_item("course:alsfrs-reopen");
    }
  }
  form.draw(s);
}

}  // namespace alsmeds::gui
