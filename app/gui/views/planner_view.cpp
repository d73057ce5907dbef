// Nurse - Cycle planner: the month calendar of one patient's edaravone, with starting, delaying and
// marking infusions.
#include "views/planner_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app_state.hpp"
#include "planner_model.hpp"
#include "product_combo.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

ImVec4 mark_colour(DayMark m) {
  switch (m) {
    case DayMark::dose:
      return colour::dose;
    case DayMark::given:
      return colour::ok;
    case DayMark::missed:
      return colour::overdue;
    case DayMark::drug_free:
      return colour::muted;
    case DayMark::window_open:
      return ImVec4(0.25f, 0.50f, 0.85f, 0.35f);
    case DayMark::closed:
      return colour::closed;
    case DayMark::none:
      break;
  }
  return ImVec4(0, 0, 0, 0);
}

std::string mark_words(const CalendarDay& c) {
  switch (c.mark) {
    case DayMark::dose:
      return "C" + std::to_string(c.cycle) + " D" + std::to_string(c.cycle_day) + " dose";
    case DayMark::given:
      return "C" + std::to_string(c.cycle) + " given";
    case DayMark::missed:
      return "C" + std::to_string(c.cycle) + " missed";
    case DayMark::drug_free:
      return "drug-free";
    case DayMark::window_open:
      return "no dose";
    case DayMark::closed:
      return "closed";
    case DayMark::none:
      break;
  }
  return "";
}

void refresh(AppState& s, const PatientFacts& f) {
  PlannerView& v = s.planner;
  if (!v.month_set) {
    const date::year_month_day today{s.today()};
    v.month = today.year() / today.month();
    v.selected = s.today();
    v.month_set = true;
  }
  if (v.patient == f.patient.id && v.revision == s.revision && v.model.month == v.month) return;
  v.model = build_month(f, v.month);
  v.patient = f.patient.id;
  v.revision = s.revision;
}

void start_form(AppState& s, const PatientFacts& f) {
  PlannerView& v = s.planner;
  wrapped_text(
      "No edaravone therapy yet. Start one: the proposed start gives cycle 1 all 14 doses around "
      "closed days.");
  if (v.start_text.empty()) v.propose_start(format_day(proposed_start(f, s.today())));
  ImGui::SetNextItemWidth(em(7.6f));
  ImGui::InputText("Start (YYYY-MM-DD)", &v.start_text);
  ImGui::SameLine();
  if (ImGui::Button("Propose")) v.propose_start(format_day(proposed_start(f, s.today())));
  probe_item("planner:propose");
  if (v.proposal_waiting && !v.start_typed()) v.proposal_waiting.reset();  // the typed date was cleared
  if (v.proposal_waiting) {
    // Beside the typed date, both shown: the person chooses; nothing is replaced unsaid.
    ImGui::PushStyleColor(ImGuiCol_Text, colour::late);
    wrapped_text("Proposed start " + *v.proposal_waiting + "; you typed " + v.start_text + ".");
    ImGui::PopStyleColor();
    if (ImGui::Button(("Use " + *v.proposal_waiting).c_str())) v.use_proposal();
    probe_item("planner:use-proposal");
    ImGui::SameLine();
    if (ImGui::Button(("Keep " + v.start_text).c_str())) v.keep_typed();
    probe_item("planner:keep-typed");
  }
  ImGui::SetNextItemWidth(product_combo_width(Drug::edaravone));
  product_combo("Form", Drug::edaravone, v.form);
  ImGui::SetNextItemWidth(combo_width({"earliest 10 days", "weekdays only"}));
  ImGui::Combo("Later cycles", &v.policy, "earliest 10 days\0weekdays only\0");
  probe_item("planner:later-cycles");
  if (edaravone_form(picked_product(Drug::edaravone, v.form)) == EdaravoneForm::iv) {
    if (ImGui::Button("Level the chairs"))
      v.levelling.ask(s, f.patient.id, s.today(), v.policy == 0 ? DayPolicy::earliest : DayPolicy::weekdays);
    probe_item("planner:level");
    ImGui::SameLine();
    ImGui::TextDisabled("start days ranked by the unit's chair load over the next 26 weeks");
    if (v.levelling.patient == f.patient.id)
      if (const StartProposal* used = v.levelling.draw(s)) v.use_levelled(*used);
  }
  if (const DoseDayPattern days = v.dose_days_for_start(); !days.empty()) {
    wrapped_text("Cycles 2+ on the dose days of proposal " + std::to_string(v.dose_days_rank) + ": " +
                 format_dose_day_pattern(days) + " (cycle days; closed days still move a dose).");
    if (ImGui::SmallButton("Use the policy's days")) v.dose_days_from.reset();
    probe_item("planner:level-clear");
  } else if (v.dose_days_from) {
    ImGui::TextDisabled("The start is not the proposal's: cycles 2+ take the policy's days.");
  }
  if (f.patient.sulfite_allergy) {
    ImGui::TextColored(colour::overdue, "SULFITE ALLERGY: edaravone contains sodium bisulfite.");
    wrapped_text("Only the prescriber's confirmation lets it start: who decided, and why.");
    ImGui::SetNextItemWidth(em(11.8f));
    ImGui::InputTextWithHint("##sulfite-who", "prescriber", &v.sulfite_risk.prescriber);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(18.8f));
    ImGui::InputTextWithHint("##sulfite-why", "why (e.g. tolerated before, premedicated)",
                             &v.sulfite_risk.reason);
  }
  if (ImGui::Button("Start edaravone")) {
    auto day = parse_day(v.start_text);
    if (!day) {
      s.show(v.start_message, {"start: " + day.error(), true});
    } else {
      const Product form = picked_product(Drug::edaravone, v.form);
      const DayPolicy policy = v.policy == 0 ? DayPolicy::earliest : DayPolicy::weekdays;
      push_patient_write(s, f.patient.id, "edaravone from " + v.start_text, &v.start_message,
                         "Edaravone started on " + v.start_text,
                         [form, policy, start = *day, confirmed = v.sulfite_risk,
                          days = v.dose_days_for_start()](AppState& a, const PatientFacts& stored) {
                           return start_edaravone(*a.store, stored, form, policy, start, confirmed, a.actor(),
                                                  days);
                         });
    }
  }
  probe_item("planner:start");
  draw_message(v.start_message, "planner:start-message");
}

/// Riluzole start, below the edaravone calendar (a nurse starts both drugs from here).
void riluzole_form(AppState& s, const PatientFacts& f) {
  PlannerView& v = s.planner;
  for (const Therapy& t : f.therapies)
    if (t.drug == Drug::riluzole && !t.stop) {
      ImGui::TextDisabled("Riluzole since %s at %s.", format_day(t.start).c_str(),
                          format_times(t.times).c_str());
      return;
    }
  if (!ImGui::CollapsingHeader("Start riluzole")) return;
  if (v.riluzole_start.empty()) v.riluzole_start = format_day(s.today());
  ImGui::SetNextItemWidth(em(7.6f));
  ImGui::InputText("Start##ril", &v.riluzole_start);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em(7.6f));
  ImGui::InputText("Dose times##ril", &v.riluzole_times);
  ImGui::TextDisabled(
      "A baseline ALT above 3x ULN, or a restart after ALT/AST reached 5x ULN, needs the prescriber's "
      "confirmation:");
  ImGui::SetNextItemWidth(em(11.8f));
  ImGui::InputTextWithHint("##alt-who", "prescriber", &v.baseline_alt.prescriber);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em(18.8f));
  ImGui::InputTextWithHint("##alt-why", "why", &v.baseline_alt.reason);
  if (ImGui::Button("Start riluzole")) {
    auto day = parse_day(v.riluzole_start);
    auto times = parse_wall_clock_list(v.riluzole_times);
    if (!day || !times) {
      s.show(v.riluzole_message, {!day ? "start: " + day.error() : "dose times: " + times.error(), true});
    } else {
      push_patient_write(s, f.patient.id, "riluzole from " + v.riluzole_start, &v.riluzole_message,
                         "Riluzole started on " + v.riluzole_start + " at " + v.riluzole_times,
                         [start = *day, times = *times, confirmed = v.baseline_alt](
                             AppState& a, const PatientFacts& stored) {
                           return start_riluzole(*a.store, stored, start, times, confirmed, a.actor());
                         });
    }
  }
  probe_item("planner:start-riluzole");
  draw_message(v.riluzole_message, "planner:riluzole-message");
}

void calendar(AppState& s) {
  PlannerView& v = s.planner;
  const Day today = s.today();
  // Each day keeps room for its words ("given", "make-up 11-24"): in a narrow window the month is wider
  // than the view, which scrolls sideways.
  const float day_w = ImGui::CalcTextSize("make-up 11-24").x + 2 * ImGui::GetStyle().CellPadding.x + 8;
  const float width = std::max(ImGui::GetContentRegionAvail().x, 7 * day_w);
  if (!ImGui::BeginTable("month", 7, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame,
                         ImVec2(width, 0)))
    return;
  for (const char* d : {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}) ImGui::TableSetupColumn(d);
  ImGui::TableHeadersRow();
  const float cell_h = ImGui::GetTextLineHeightWithSpacing() * 3.2f;
  for (const CalendarDay& c : v.model.days) {
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(c.day.time_since_epoch().count()));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec4 col = mark_colour(c.mark);
    if (col.w > 0)
      dl->AddRectFilled(at, ImVec2(at.x + w, at.y + cell_h), colour::u32(col, c.in_month ? 0.55f : 0.2f));
    if (c.short_cycle && c.mark != DayMark::none)
      dl->AddRect(at, ImVec2(at.x + w, at.y + cell_h), colour::u32(colour::late), 0, 0, 2.0f);
    if (c.day == today) dl->AddRect(at, ImVec2(at.x + w, at.y + cell_h), IM_COL32_WHITE, 0, 0, 2.5f);
    if (ImGui::Selectable("##day", v.selected == c.day, 0, ImVec2(w, cell_h))) v.selected = c.day;
    probe_item("planner:day:" + format_day(c.day));
    if (&c == &v.model.days.front()) probe_item("planner:first-day");
    ImGui::SetCursorScreenPos(ImVec2(at.x + 3, at.y + 2));
    const unsigned dom = static_cast<unsigned>(date::year_month_day{c.day}.day());
    if (c.in_month)
      ImGui::Text("%u", dom);
    else
      ImGui::TextDisabled("%u", dom);
    ImGui::SetCursorScreenPos(ImVec2(at.x + 3, at.y + 2 + ImGui::GetTextLineHeightWithSpacing()));
    ImGui::TextUnformatted(mark_words(c).c_str());
    if (c.moved_from) {
      ImGui::SetCursorScreenPos(ImVec2(at.x + 3, at.y + 2 + 2 * ImGui::GetTextLineHeightWithSpacing()));
      ImGui::TextUnformatted(("make-up " + format_day(*c.moved_from).substr(5)).c_str());
    } else if (c.short_cycle && c.cycle_day == 1) {
      ImGui::SetCursorScreenPos(ImVec2(at.x + 3, at.y + 2 + 2 * ImGui::GetTextLineHeightWithSpacing()));
      ImGui::TextColored(colour::late, "short cycle");
    }
    if (c.closed && ImGui::IsItemHovered()) ImGui::SetTooltip("closed: %s", c.closed_reason.c_str());
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + cell_h));
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::PopID();
  }
  ImGui::EndTable();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped_text(
      "Legend: blue dose planned, green given, red missed, pale blue window day without a dose, "
      "grey drug-free, purple closed, orange border short cycle, white border today. Make-up "
      "rule: a missed day in cycles 2+ moves to the next open day of the same window.");
  ImGui::PopStyleColor();
}

/// Queues the selected day's infusion as given or missed, against the month as drawn.
void mark(AppState& s, const PatientFacts& f, DoseStatus status) {
  PlannerView& v = s.planner;
  const std::string day = format_day(v.selected);
  const bool given = status == DoseStatus::taken;
  const std::string dose =
      v.model.therapy && product_on(*v.model.therapy, v.selected) == Product::edaravone_oral ? "oral dose"
                                                                                             : "infusion";
  push_patient_write(
      s, f.patient.id, dose + (given ? " given on " : " missed on ") + day, &v.infusion_message,
      given ? (dose == "infusion" ? "Infusion given on " : "Oral dose taken on ") + day
            : (dose == "infusion" ? "Infusion" : "Oral dose") + std::string(" missed on ") + day +
                  ": the make-up rule re-plans the window",
      [model = v.model, selected = v.selected, status](AppState& a, const PatientFacts& stored) {
        return mark_infusion(*a.store, stored, model, selected, status, a.actor());
      });
}

void actions(AppState& s, const PatientFacts& f) {
  PlannerView& v = s.planner;
  const CalendarDay* sel = nullptr;
  for (const CalendarDay& c : v.model.days)
    if (c.day == v.selected) sel = &c;
  ImGui::Text("Selected: %s %s", weekday_name(v.selected).c_str(), format_day(v.selected).c_str());
  if (sel && !sel->key.empty()) {
    ImGui::SameLine();
    // The day's form as the course has it then (a switch to oral changes it from its day on).
    const bool oral = v.model.therapy && product_on(*v.model.therapy, v.selected) == Product::edaravone_oral;
    if (ImGui::Button(oral ? "Mark oral dose taken" : "Mark infusion given")) mark(s, f, DoseStatus::taken);
    probe_item("planner:given");
    ImGui::SameLine();
    if (ImGui::Button("Mark missed")) mark(s, f, DoseStatus::missed);
    probe_item("planner:missed");
  }
  draw_message(v.infusion_message, "planner:infusion-message");
  ImGui::Separator();
  ImGui::TextUnformatted("Delay a cycle");
  if (sel && sel->cycle > 0 && v.delay_cycle == 0) v.delay_cycle = sel->cycle;
  ImGui::SetNextItemWidth(em(5.3f));
  ImGui::InputInt("Cycle", &v.delay_cycle);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em(5.3f));
  ImGui::InputInt("Days", &v.delay_days);
  ImGui::RadioButton("Shift this and every later cycle", &v.reflow, 0);
  ImGui::SameLine();
  ImGui::RadioButton("Only this cycle (keep later cycles on the 28-day grid)", &v.reflow, 1);
  ImGui::SetNextItemWidth(em(21.2f));
  ImGui::InputTextWithHint("##reason", "reason (needed): hospital stay, illness...", &v.reason);
  probe_item("planner:reason");
  ImGui::SameLine();
  if (ImGui::Button("Delay cycle")) {
    const std::string delay =
        std::to_string(v.delay_cycle) + " delayed " + std::to_string(v.delay_days) + " days: " + v.reason;
    push_patient_write(s, f.patient.id, "cycle " + delay, &v.delay_message, "Cycle " + delay,
                       [cycle = v.delay_cycle, days = v.delay_days,
                        reflow = v.reflow == 0 ? Reflow::shift_all_later : Reflow::only_this_cycle,
                        reason = v.reason](AppState& a, const PatientFacts& stored) {
                         auto r = delay_cycle(*a.store, stored, cycle, days, reflow, reason, a.actor());
                         if (r) a.planner.reason.clear();
                         return r;
                       });
  }
  probe_item("planner:delay");
  draw_message(v.delay_message, "planner:delay-message");
}

}  // namespace

void PlannerView::propose_start(const std::string& proposed) {
  if (start_typed() && start_text != proposed) {
    proposal_waiting = proposed;
    return;
  }
  start_text = start_filled = proposed;
  proposal_waiting.reset();
}

void PlannerView::use_proposal() {
  if (!proposal_waiting) return;
  start_text = start_filled = *proposal_waiting;
  proposal_waiting.reset();
}

void PlannerView::use_levelled(const StartProposal& p) {
  start_text = start_filled = format_day(p.start);
  proposal_waiting.reset();
  dose_days = dose_day_pattern_of(p);
  dose_days_from = p.start;
  dose_days_rank = p.rank;
}

DoseDayPattern PlannerView::dose_days_for_start() const {
  if (!dose_days_from || start_text != format_day(*dose_days_from)) return {};
  return dose_days;
}

void PlannerView::draw(AppState& s) {
  const PatientFacts* f = s.facts();
  if (!f) {
    if (!draw_server_wait(s.waits_for_server()))
      ImGui::TextDisabled("Choose a patient (Ctrl+F) to plan edaravone cycles.");
    return;
  }
  refresh(s, *f);
  PlannerView& v = s.planner;
  if (!v.model.therapy) {
    start_form(s, *f);
    ImGui::Separator();
    riluzole_form(s, *f);
    ImGui::Separator();
    v.tofersen.draw(s, *f);
    v.by_day.draw(s, *f);
    return;
  }
  const Therapy& t = *v.model.therapy;
  const Day today = local_day(s.now, f->zone);
  wrapped_text(f->patient.name + " - edaravone " + product_choice(product_on(t, today)) + " from " +
               format_day(t.start) + ", " + std::string(to_string(t.policy)) +
               (t.stop ? ", stopped " + format_day(*t.stop) : std::string()) + switches_ahead(t, today));
  if (!t.restart_reason.empty())  // a restart: cycle 1 as the prescriber chose it, and why
    ImGui::TextDisabled("Restart: cycle 1 %s (%s)", std::string(to_string(t.first_cycle)).c_str(),
                        t.restart_reason.c_str());
  if (!t.dose_days.empty()) {  // a course started from a chair-levelling proposal
    ImGui::TextDisabled("Chosen dose days (cycle days) of cycles %d-%d, levelled with the unit's chairs",
                        t.dose_days.begin()->first, t.dose_days.rbegin()->first);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", format_dose_day_pattern(t.dose_days).c_str());
  }
  if (ImGui::ArrowButton("prev", ImGuiDir_Left)) v.month = v.month - date::months{1};
  probe_item("planner:prev");
  ImGui::SameLine();
  ImGui::Text("%s %d", date::format("%B", date::sys_days{v.month / 1}).c_str(),
              static_cast<int>(v.month.year()));
  ImGui::SameLine();
  if (ImGui::ArrowButton("next", ImGuiDir_Right)) v.month = v.month + date::months{1};
  probe_item("planner:next");
  for (const std::string& w : v.model.warnings) ImGui::TextColored(colour::late, "%s", w.c_str());
  calendar(s);
  actions(s, *f);
  ImGui::Separator();
  riluzole_form(s, *f);
  ImGui::Separator();
  v.tofersen.draw(s, *f);
  v.by_day.draw(s, *f);
}

}  // namespace alsmeds::gui
