// Patient - Today: the quick-logging form under the dose list (a side effect with its grade, a lab result in
// its unit, a weight), each written through the outbox so that a failed write is kept and retried.
#include "views/quick_log_form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <iterator>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"
#include "app_state.hpp"
#include "outbox.hpp"
#include "today_model.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

void draw_quick_log(AppState& s, const PatientFacts& f) {
  TodayView& v = s.today_view;
  const Day today = local_day(s.now, f.zone);
  if (!ImGui::CollapsingHeader("Log a side effect, lab result or weight", ImGuiTreeNodeFlags_DefaultOpen))
    return;
  static const std::vector<std::string> terms = side_effect_terms();  // the regimens' (core)
  ImGui::SetNextItemWidth(em(15.3f));
  const char* shown =
      v.term_index < static_cast<int>(terms.size()) ? terms[v.term_index].c_str() : "other...";
  if (ImGui::BeginCombo("Side effect", shown)) {
    for (int i = 0; i <= static_cast<int>(terms.size()); ++i)
      if (ImGui::Selectable(i < static_cast<int>(terms.size()) ? terms[i].c_str() : "other...",
                            v.term_index == i))
        v.term_index = i;
    ImGui::EndCombo();
  }
  if (v.term_index == static_cast<int>(terms.size())) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(11.8f));
    ImGui::InputTextWithHint("##other", "what happened", &v.other_term);
  }
  // A patient reports grades 1-4; grade 5 (death) is recorded by clinicians only.
  const int highest = s.role == Role::patient ? 4 : 5;
  if (v.grade > highest) v.grade = highest;
  for (int g = 1; g <= highest; ++g) {
    // A grade's words beside its button; wrapped under a narrow window's edge (never past it).
    const std::string words = grade_in_words(g);
    if (check_width(words.c_str()) <= ImGui::GetContentRegionAvail().x) {
      ImGui::RadioButton(words.c_str(), &v.grade, g);
      probe_item("today:grade:" + std::to_string(g));
    } else {
      ImGui::RadioButton(("##grade" + std::to_string(g)).c_str(), &v.grade, g);
      probe_item("today:grade:" + std::to_string(g));
      ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
      wrapped_text(words);
      if (ImGui::IsItemClicked()) v.grade = g;  // the words choose, as a label does
    }
  }
  ImGui::SetNextItemWidth(em(21.2f));
  ImGui::InputTextWithHint("##effect-note", "note (optional)", &v.effect_note);
  same_line_if_fits(button_width("Log side effect"));  // on the next line in a narrow window, never cut
  if (ImGui::Button("Log side effect")) {
    const std::string term =
        v.term_index < static_cast<int>(terms.size()) ? terms[v.term_index] : v.other_term;
    const std::string what = "side effect " + term + ", grade " + std::to_string(v.grade);
    OutboxEntry e;
    e.kind = "effect";
    e.patient = f.patient.id;
    e.what = what;
    e.args = {{"term", term}, {"grade", v.grade}, {"note", v.effect_note}};
    e.made_at = s.now;
    push_kept_write(s, std::move(e), &v.effect_message, "Logged: " + what,
                    [](AppState& a, RecordId, const ActionOutcome&) { a.today_view.effect_note.clear(); });
  }
  probe_item("today:log-effect");
  draw_message(v.effect_message, "today:effect-message");
  ImGui::Separator();

  // The tests of the rulebook (ALT, AST; tofersen's NfL and CSF observations), each in its own unit.
  const int n_tests = static_cast<int>(std::size(rules::kLabTests));
  if (v.lab_test < 0 || v.lab_test >= n_tests) v.lab_test = 0;
  const rules::LabTest& lab = rules::kLabTests[v.lab_test];
  ImGui::SetNextItemWidth(em(7.5f));
  ImGui::Combo(
      "##test", &v.lab_test,
      [](void*, int i, const char** out) {
        *out = rules::kLabTests[i].code;
        return true;
      },
      nullptr, n_tests);
  probe_item("today:lab-test");
  const std::string value_label = std::string(lab.value.unit) + "##lab-value";
  same_line_if_fits(labelled_width(em(6.5f), lab.value.unit));
  ImGui::SetNextItemWidth(em(6.5f));
  ImGui::InputText(value_label.c_str(), &v.lab_value);
  probe_item("today:lab-value");
  const char* uln_label = lab.transaminase ? "ULN (from the lab report)" : "ULN, if the report gives one";
  same_line_if_fits(labelled_width(em(6.5f), uln_label));
  ImGui::SetNextItemWidth(em(6.5f));
  ImGui::InputText((std::string(uln_label) + "##lab-uln").c_str(), &v.lab_uln);
  probe_item("today:lab-uln");
  same_line_if_fits(button_width("Log lab result"));
  if (ImGui::Button("Log lab result")) {
    const std::string test = lab.code;
    const auto value = rules::parse_decimal(v.lab_value);
    // An observation's ULN may be left empty (0: none); a transaminase's never (the rule says so).
    const bool no_uln = !lab.transaminase && v.lab_uln.find_first_not_of(" ") == std::string::npos;
    const auto uln = no_uln ? Result<double>(0.0) : rules::parse_decimal(v.lab_uln);
    if (!value || !uln) {  // nothing is written: the message names the field
      s.show(v.lab_message, {!value ? test + " value: " + value.error() : "ULN: " + uln.error(), true});
    } else {
      const std::string what =
          test + " " + format_quantity(*value) + " " + lab.value.unit + " of " + format_day(today);
      OutboxEntry e;
      e.kind = "lab";
      e.patient = f.patient.id;
      e.what = what;
      e.args = {{"test", test}, {"day", format_day(today)}, {"value", *value}, {"uln", *uln}};
      e.made_at = s.now;
      // Stored: the value is emptied (the lab's ULN stays), so Log again never stores the same result twice.
      push_kept_write(s, std::move(e), &v.lab_message, "Lab result logged: " + what,
                      [](AppState& a, RecordId, const ActionOutcome&) { a.today_view.lab_value.clear(); });
    }
  }
  probe_item("today:log-lab");
  draw_message(v.lab_message, "today:lab-message");
  ImGui::SetNextItemWidth(em(6.5f));
  ImGui::InputText("kg", &v.weight_kg);
  probe_item("today:weight");
  same_line_if_fits(button_width("Log weight"));
  if (ImGui::Button("Log weight")) {
    const auto kg = rules::parse_decimal(v.weight_kg);
    if (!kg) {
      s.show(v.weight_message, {"weight: " + kg.error(), true});
    } else {
      const std::string what = "weight " + format_quantity(*kg) + " kg";
      OutboxEntry e;
      e.kind = "weight";
      e.patient = f.patient.id;
      e.what = what;
      e.args = {{"day", format_day(today)}, {"kg", *kg}};
      e.made_at = s.now;
      push_kept_write(s, std::move(e), &v.weight_message, "Logged: " + what,
                      [](AppState& a, RecordId, const ActionOutcome&) { a.today_view.weight_kg.clear(); });
    }
  }
  probe_item("today:log-weight");
  draw_message(v.weight_message, "today:weight-message");
}

}  // namespace alsmeds::gui
