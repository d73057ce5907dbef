// The alerts panel, beside every view: the selected patient's alerts, each acknowledged with one click
// (who and when are recorded).
#include "views/alerts_panel.hpp"

#include <imgui.h>

#include "alerts_model.hpp"
#include "app_state.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

void acknowledge(AppState& s, RecordId patient, const AlertLine& line) {
  s.push("acknowledging " + line.item.detail, &s.alerts.message,
         [patient, key = line.key](AppState& a) -> Result<std::string> {
           auto r = a.store->acknowledge_alert({0, patient, key, "", {}, ""}, a.actor());
           if (!r) return fail(r.error());
           return "Alert acknowledged by " + a.user;
         });
}

}  // namespace

void AlertsPanel::draw(AppState& s) {
  AlertsPanel& v = s.alerts;
  const PatientFacts* f = s.facts();
  if (!f) {
    ImGui::TextDisabled("Alerts: no patient chosen.");
    return;
  }
  const Day today = s.today();
  if (v.patient != f->patient.id || v.revision != s.revision || v.day != today) {
    if (!s.try_read(
            [&] { v.lines = patient_alerts(*f, today, s.store->alert_acknowledgments(f->patient.id)); }))
      v.lines.clear();
    v.patient = f->patient.id;
    v.revision = s.revision;
    v.day = today;
  }
  const int open = open_alert_count(v.lines);
  if (open)
    ImGui::TextColored(colour::overdue, "ALERTS: %d open", open);
  else
    ImGui::TextColored(colour::ok, "No open alerts");
  draw_message(v.message, "alerts:message");
  ImGui::Separator();
  for (const AlertLine& l : v.lines) {
    ImGui::PushID(l.key.c_str());
    if (!l.ack) {
      ImGui::TextColored(colour::overdue, "%s", l.item.drug.empty() ? "weight" : l.item.drug.c_str());
      wrapped_text(l.item.detail);
      ImGui::TextDisabled("since %s", l.item.when.c_str());
      if (ImGui::Button("Acknowledge")) acknowledge(s, f->patient.id, l);
      probe_item("alerts:ack:" + l.key);
    } else {
      ImGui::TextDisabled("%s", l.item.detail.c_str());
      ImGui::TextDisabled("acknowledged by %s, %s", l.ack->acknowledged_by.c_str(),
                          format_utc(l.ack->acknowledged_at).c_str());
    }
    ImGui::Separator();
    ImGui::PopID();
  }
}

}  // namespace alsmeds::gui
