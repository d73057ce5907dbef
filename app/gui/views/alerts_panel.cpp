// The alerts panel, beside every view: the selected patient's alerts, each acknowledged with one click
// (who and when are recorded).
#include "views/alerts_panel.hpp"

#include <imgui.h>

#include "alerts_model.hpp"
#include "app_state.hpp"
#include "outbox.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"
#include "views/view_list.hpp"

namespace alsmeds::gui {
namespace {

/// Through core's rules (acknowledge_alert), like every other write.
/// Kept in the outbox while the server does not confirm it.
void acknowledge(AppState& s, RecordId patient, const AlertLine& line) {
  OutboxEntry e;
  e.kind = "ack";
  e.patient = patient;
  e.what = "acknowledging " + line.item.detail;
  e.args = {{"alert", line.key}, {"note", ""}};
  e.made_at = s.now;
  push_kept_write(s, std::move(e), &s.alerts.message, "Alert acknowledged by " + s.user);
}

/// The stop alert that holds riluzole (ALT 5x ULN or more) is answered by the prescriber's decision, never by
/// a plain acknowledgment (which would end the hold with no decision recorded).
bool holds_riluzole(const AlertLine& l, const std::optional<Day>& hold) {
  return !l.ack && hold && l.item.stop_alert && l.item.when == format_day(*hold);
}

/// Opens Nurse - Course of therapy, where the decision is recorded.
void open_course(AppState& s) {
  const auto views = views_for(Role::nurse);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == "course") {
      s.role = Role::nurse;
      s.tab = static_cast<int>(i);
      s.select_tab = true;
    }
}

}  // namespace

void AlertsPanel::draw(AppState& s) {
  AlertsPanel& v = s.alerts;
  const PatientFacts* f = s.facts();
  if (!f) {
    if (!draw_server_wait(s.waits_for_server())) ImGui::TextDisabled("Alerts: no patient chosen.");
    return;
  }
  const Day today = s.today();
  if (v.patient != f->patient.id || v.revision != s.revision || v.day != today) {
    if (!s.server.unreachable) {
      if (!s.try_read(
              [&] { v.lines = patient_alerts(*f, today, s.store->alert_acknowledgments(f->patient.id)); }))
        v.lines.clear();
      v.patient = f->patient.id;
      v.revision = s.revision;
      v.day = today;
    } else if (v.patient != f->patient.id) {  // never "no open alerts" for alerts not read
      draw_server_wait("The clinic server is unreachable: " + f->patient.name +
                       "'s alerts are shown when it answers.");
      return;
    }  // else the alerts as last read, read again once the server answers (nothing read on the UI thread)
  }
  const int open = open_alert_count(v.lines);
  if (!v.lines.empty()) {  // the count line folds and unfolds the list
    if (ImGui::SmallButton(v.folded ? "+" : "-")) v.folded = !v.folded;
    probe_item("alerts:fold");
    ImGui::SameLine();
  }
  if (open)
    ImGui::TextColored(colour::overdue, "ALERTS: %d open", open);
  else
    ImGui::TextColored(colour::ok,
                       v.lines.empty() ? "No open alerts" : "No open alerts (acknowledged below)");
  if (v.folded) return;
  draw_message(v.message, "alerts:message");
  ImGui::Separator();
  const std::optional<Day> hold = riluzole_on_hold(*f, today);
  for (const AlertLine& l : v.lines) {
    ImGui::PushID(l.key.c_str());
    if (!l.ack) {
      ImGui::TextColored(colour::overdue, "%s", l.item.drug.empty() ? "weight" : l.item.drug.c_str());
      wrapped_text(l.item.detail);
      ImGui::TextDisabled("since %s", l.item.when.c_str());
      if (holds_riluzole(l, hold)) {
        wrapped_text("Riluzole is on hold until the prescriber decides: continue or discontinue.");
        if (ImGui::Button("Decide (Course of therapy)")) open_course(s);
        probe_item("alerts:decide:" + l.key);
      } else {
        if (ImGui::Button("Acknowledge")) acknowledge(s, f->patient.id, l);
        probe_item("alerts:ack:" + l.key);
      }
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
