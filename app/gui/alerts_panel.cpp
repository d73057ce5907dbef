// The alerts panel, beside every view: the selected patient's alerts, each acknowledged with one click
// (who and when are recorded).
#include <imgui.h>

#include "alerts_model.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"
#include "views.hpp"

namespace alsmeds::gui {

void draw_alerts_panel(AppState& s) {
  AlertsPanelState& v = s.alerts;
  const PatientFacts* f = s.facts();
  if (!f) {
    ImGui::TextDisabled("Alerts: no patient chosen.");
    return;
  }
  const Day today = s.today();
  if (v.patient != f->patient.id || v.revision != s.revision || v.day != today) {
    v.lines = patient_alerts(*f, today, s.store->alert_acknowledgments(f->patient.id));
    v.patient = f->patient.id;
    v.revision = s.revision;
    v.day = today;
  }
  const int open = open_alert_count(v.lines);
  if (open)
    ImGui::TextColored(colour::overdue, "ALERTS: %d open", open);
  else
    ImGui::TextColored(colour::ok, "No open alerts");
  ImGui::Separator();
  std::optional<std::string> acknowledge;
  for (const AlertLine& l : v.lines) {
    ImGui::PushID(l.key.c_str());
    if (!l.ack) {
      ImGui::TextColored(colour::overdue, "%s", l.item.drug.empty() ? "weight" : l.item.drug.c_str());
      ImGui::TextWrapped("%s", l.item.detail.c_str());
      ImGui::TextDisabled("since %s", l.item.when.c_str());
      if (ImGui::Button("Acknowledge")) acknowledge = l.key;
      probe_item("alerts:ack:" + l.key);
    } else {
      ImGui::TextDisabled("%s", l.item.detail.c_str());
      ImGui::TextDisabled("acknowledged by %s, %s", l.ack->acknowledged_by.c_str(),
                          format_utc(l.ack->acknowledged_at).c_str());
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  if (acknowledge) {
    auto r = s.store->acknowledge_alert({0, f->patient.id, *acknowledge, "", {}, ""}, s.actor());
    if (r) {
      s.report("Alert acknowledged by " + s.user);
      s.changed();
    } else {
      s.refuse(r.error());
    }
  }
}

}  // namespace alsmeds::gui
