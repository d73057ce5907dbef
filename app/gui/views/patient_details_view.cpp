#include "views/patient_details_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app_state.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

void PatientDetailsView::fill(const Patient& p, Day today) {
  filled_for = p.id;
  name = p.name;
  tz = p.tz;
  from = format_day(today);
  born = p.born ? format_day(*p.born) : "";
  feeding_tube = p.feeding_tube;
  sulfite_allergy = p.sulfite_allergy;
  reason.clear();
}

Result<PatientChange> PatientDetailsView::change(const Patient& p) const {
  PatientChange c;
  if (name != p.name) c.name = name;
  if (tz != p.tz) {
    c.tz = tz;
    auto day = parse_day(from);
    if (!day) return fail("new zone from: " + day.error());
    c.tz_from = *day;
  }
  if (born != (p.born ? format_day(*p.born) : "")) {
    if (born.empty()) return fail("birth date: a recorded birth date is corrected, not removed");
    auto day = parse_day(born);
    if (!day) return fail("birth date: " + day.error());
    c.born = *day;
  }
  if (feeding_tube != p.feeding_tube) c.feeding_tube = feeding_tube;
  if (sulfite_allergy != p.sulfite_allergy) c.sulfite_allergy = sulfite_allergy;
  c.reason = reason;
  return c;
}

void PatientDetailsView::draw(AppState& s) {
  const Patient* p = s.patient();
  if (!p || s.role == Role::patient) return;
  // On the patient line when it leaves the role switcher and the status line where they were (the line never
  // wraps for it); else from the patient picker's list (open_requested).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::CalcTextSize("Details").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  const float after = ImGui::CalcTextSize("Role: patient nurse pharmacist").x + 3 * ImGui::GetFrameHeight() +
                      6 * style.ItemSpacing.x + em(16);
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x > width + after) {
    if (ImGui::Button("Details")) open_requested = true;
    probe_item("details");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The patient's facts: zone, feeding tube, allergy...");
  }
  if (open_requested) {
    open_requested = false;
    fill(*p, s.today());
    message = {};
    ImGui::OpenPopup("patient-details");
  }
  if (!ImGui::BeginPopup("patient-details")) return;
  if (filled_for != p->id) fill(*p, s.today());  // another patient picked meanwhile
  ImGui::TextUnformatted(("Details of " + p->name).c_str());
  ImGui::SetNextItemWidth(em(16));
  ImGui::InputText("Name##details", &name);
  probe_item("details:name");
  ImGui::SetNextItemWidth(em(16));
  ImGui::InputText("Time zone (IANA)##details", &tz);
  probe_item("details:tz");
  if (tz != p->tz) {  // a move: from which day the dose times are in the new zone
    ImGui::SetNextItemWidth(em(7));
    ImGui::InputText("New zone's times from (YYYY-MM-DD)##details", &from);
    probe_item("details:from");
    ImGui::TextDisabled("The days before keep their times in %s.", p->tz.c_str());
  }
  ImGui::SetNextItemWidth(em(7));
  ImGui::InputText("Born (YYYY-MM-DD)##details", &born);
  ImGui::Checkbox("Feeding tube (PEG)##details", &feeding_tube);
  probe_item("details:feeding-tube");
  ImGui::SameLine();
  ImGui::Checkbox("Sulfite allergy##details", &sulfite_allergy);
  probe_item("details:sulfite");
  ImGui::SetNextItemWidth(em(22));
  ImGui::InputTextWithHint("##details-reason", "why (needed): moved, PEG placed, allergy found...", &reason);
  probe_item("details:reason");
  ImGui::SameLine();
  if (ImGui::Button("Save##details")) {
    auto c = change(*p);
    if (!c) {
      s.show(message, {c.error(), true});
    } else {
      push_patient_write(s, p->id, "details of " + p->name, &message, "details of " + name + " saved",
                         [change = *c](AppState& a, const PatientFacts& stored) {
                           return update_patient(*a.store, stored, change, a.actor());
                         });
    }
  }
  probe_item("details:save");
  draw_message(message, "details:message");
  ImGui::EndPopup();
}

}  // namespace alsmeds::gui
