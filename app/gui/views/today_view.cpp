// Patient - Today: one large "Taken" button per dose, late doses highlighted, meal and fasting rules, the
// next infusion and liver test, and quick logging of a side effect, a lab value or a weight.
#include "views/today_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "alsmeds/records/rulebook.hpp"
#include "app_state.hpp"
#include "outbox.hpp"
#include "tab_order.hpp"
#include "today_model.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"
#include "views/quick_log_form.hpp"

namespace alsmeds::gui {
namespace {

const char* timing_word(DoseTiming t) {
  switch (t) {
    case DoseTiming::overdue:
      return "NOT LOGGED";
    case DoseTiming::missed:
      return "MISSED";
    case DoseTiming::late:
      return "LATE";
    case DoseTiming::due:
      return "DUE";
    case DoseTiming::early:
      return "LATER";
    case DoseTiming::upcoming:
      return "NEXT DAYS";
  }
  return "";
}

ImVec4 timing_colour(DoseTiming t) {
  switch (t) {
    case DoseTiming::overdue:
    case DoseTiming::missed:
      return colour::overdue;
    case DoseTiming::late:
      return colour::late;
    case DoseTiming::due:
      return colour::ok;
    case DoseTiming::early:
    case DoseTiming::upcoming:
      return colour::muted;
  }
  return colour::muted;
}

void keep_row(TodayView& v, const TodayDose& d, std::size_t index, DoseStatus status, RecordId patient,
              Instant now) {
  std::erase_if(v.kept, [&](const KeptDoseRow& k) { return k.dose.key == d.key; });
  v.kept.push_back({d, index, status, patient, now});
  v.focus_key = d.key;  // the keyboard stays on this row (its Undo), or goes on to the next one
}

void refresh(AppState& s, const PatientFacts& f) {
  TodayView& v = s.today_view;
  const long long minute = std::chrono::duration_cast<std::chrono::minutes>(s.now.time_since_epoch()).count();
  if (v.patient == f.patient.id && v.revision == s.revision && v.minute == minute &&
      v.refill_days == s.settings.refill_days)
    return;
  v.model = build_today(f, s.now, s.settings.refill_days);
  v.refill_days = s.settings.refill_days;
  v.patient = f.patient.id;
  v.revision = s.revision;
  v.minute = minute;
}

/// Queues the dose's record; the outcome is shown above the list, and the row stays in its place saying what
/// was recorded (`index`: its place in the list as drawn).
void log_dose(AppState& s, const PatientFacts& f, const TodayDose& d, DoseStatus status, std::string note,
              std::size_t index) {
  TodayView& v = s.today_view;
  const std::string word = status == DoseStatus::taken    ? "Taken"
                           : status == DoseStatus::missed ? "Missed"
                                                          : "Refused";
  v.dose_message_key = d.key;
  OutboxEntry e;
  e.kind = "dose";
  e.patient = f.patient.id;
  e.what = word + ": " + d.what + " (" + d.when + ")";
  e.args = {{"dose", today_dose_json(d)}, {"status", std::string(to_string(status))}, {"note", note}};
  e.made_at = s.now;
  push_kept_write(
      s, std::move(e), &v.dose_message, word + " recorded: " + d.what + " (" + d.when + ")",
      [d, status, index](AppState& a, RecordId patient, const ActionOutcome& done) {
        keep_row(a.today_view, d, index, status, patient, a.now);
        if (status == DoseStatus::taken)
          a.today_view.undo = TakenUndo{done.id, patient, d.key, d.what + " (" + d.when + ")", a.now};
      });
}

/// Queues the Undo of the last Taken: a correction that withdraws it (the dose is open again).
void undo_last_taken(AppState& s, const PatientFacts& f) {
  TodayView& v = s.today_view;
  const TakenUndo undo = *v.undo;
  v.undo.reset();
  v.dose_message_key = undo.key;
  v.focus_key = undo.key;                              // back on the row's Taken
  if (s.now >= undo.recorded_at + kTakenUndoWindow) {  // checked when pressed: a kept Undo is sent later
    s.show(v.dose_message, {"Undo is offered for a minute after Taken; correct record " +
                                std::to_string(undo.record) + " in the history instead",
                            true});
    return;
  }
  OutboxEntry e;  // kept in the outbox while the server does not confirm it, like the Taken it undoes
  e.kind = "undo";
  e.patient = f.patient.id;
  e.what = "Undo Taken: " + undo.what;
  e.args = {{"record", undo.record}};
  e.made_at = s.now;
  push_kept_write(s, std::move(e), &v.dose_message, "Taken undone: " + undo.what + " is not recorded taken");
}

/// Queues a missed (or early) dose's record as taken at the wall-clock time `text` (HH:MM) it was really
/// taken.
void log_taken_earlier(AppState& s, const PatientFacts& f, const TodayDose& d, const std::string& text,
                       std::size_t index) {
  TodayView& v = s.today_view;
  v.dose_message_key = d.key;
  auto at = parse_wall_clock(text);
  if (!at) {  // nothing is queued: the message names the field
    s.show(v.dose_message, {"the time taken: " + at.error(), true});
    return;
  }
  OutboxEntry e;
  e.kind = "dose-at";
  e.patient = f.patient.id;
  e.what = std::string(v.pending_early ? "Taken early: " : "Taken earlier: ") + d.what + " (" + d.when + ")";
  e.args = {{"dose", today_dose_json(d)}, {"taken_at", static_cast<int>(at->count())}};
  e.made_at = s.now;
  push_kept_write(s, std::move(e), &v.dose_message, "Taken recorded at " + text + ": " + d.what,
                  [d, index](AppState& a, RecordId patient, const ActionOutcome&) {
                    keep_row(a.today_view, d, index, DoseStatus::taken, patient, a.now);
                  });
}

void note_popup(AppState& s, const PatientFacts& f) {
  TodayView& v = s.today_view;
  if (!v.pending_key.empty() && !ImGui::IsPopupOpen("Dose note")) ImGui::OpenPopup("Dose note");
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 3), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Dose note", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (v.pending_key.empty()) {  // emptied while open (another patient was selected): close it unsaved
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  const bool refused = v.pending_status == DoseStatus::refused;
  const bool earlier = v.pending_status == DoseStatus::taken;  // taken earlier or early: its real time
  // Wrapped inside the screen (the dialog sizes itself to its text; at 800 px and text 2.0 it ran past it).
  const float room = std::min(em(30), ImGui::GetIO().DisplaySize.x - 4 * ImGui::GetStyle().WindowPadding.x);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + room);
  ImGui::TextUnformatted((std::string(earlier   ? (v.pending_early ? "Taken early" : "Taken earlier")
                                      : refused ? "Refused"
                                                : "Missed") +
                          ": " + v.pending_what)
                             .c_str());
  ImGui::TextDisabled("%s", earlier   ? "When was it really taken (HH:MM)?"
                            : refused ? "Say why (needed). Enter records; Ctrl+Enter starts a new line."
                                      : "A note for the care team (optional). Enter records.");
  ImGui::PopTextWrapPos();
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  // Enter confirms the one-line dialog, as a person expects (Ctrl+Enter for a new line in a note).
  bool entered = false;
  if (earlier)
    entered = ImGui::InputText("##taken-at", &v.note, ImGuiInputTextFlags_EnterReturnsTrue);
  else
    entered = ImGui::InputTextMultiline(
        "##note", &v.note, ImVec2(std::min(em(21), room), ImGui::GetTextLineHeight() * 3.5f),
        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
  probe_item("today:note");
  if (ImGui::Button(earlier   ? "Record taken"
                    : refused ? "Record refused"
                              : "Record missed",
                    ImVec2(button_width("Record refused") + em(1), 0)) ||
      entered) {
    for (const TodayDose& d : v.model.doses)
      if (d.key == v.pending_key) {
        if (earlier)
          log_taken_earlier(s, f, d, v.note, v.pending_index);
        else
          log_dose(s, f, d, v.pending_status, v.note, v.pending_index);
      }
    v.pending_key.clear();
    ImGui::CloseCurrentPopup();
  }
  probe_item("today:record-note");
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(button_width("Cancel") + em(1), 0)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    v.pending_key.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

const char* recorded_word(DoseStatus st) {
  return st == DoseStatus::taken ? "TAKEN" : st == DoseStatus::missed ? "MISSED" : "REFUSED";
}

/// The rows as drawn: the model's, with the doses just recorded here kept in their places (KeptDoseRow).
std::vector<std::pair<const TodayDose*, const KeptDoseRow*>> rows_of(const TodayView& v, RecordId patient,
                                                                     Instant now) {
  std::vector<std::pair<const TodayDose*, const KeptDoseRow*>> rows;
  for (const TodayDose& d : v.model.doses) rows.emplace_back(&d, nullptr);
  for (const KeptDoseRow& k : v.kept) {
    if (k.patient != patient || now < k.recorded_at || now >= k.recorded_at + kTakenUndoWindow) continue;
    bool listed = false;
    for (const auto& r : rows) listed = listed || r.first->key == k.dose.key;
    if (!listed)
      rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(std::min(k.index, rows.size())), {&k.dose, &k});
  }
  return rows;
}

/// The outcome of the last press, in a space of its own above the list that is there from the start: its
/// text appearing never moves the rows.
void dose_message_area(const TodayView& v) {
  // Two lines; one on a short screen (large text), where every line counts.
  const float lines = ImGui::GetIO().DisplaySize.y < em(22) ? 1 : 2;
  // No scroll bar in so small a space: one line is cut with "...", two are clipped; the tooltip has it all.
  ImGui::BeginChild(
      "##dose-message", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * lines + 2), false,
      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  Message shown = v.dose_message;
  if (lines == 1) shown.text = one_line(shown.text, ImGui::GetContentRegionAvail().x);
  draw_message(shown, "today:dose-message");
  ImGui::EndChild();
  if (ImGui::IsItemHovered() && !v.dose_message.text.empty())
    ImGui::SetTooltip("%s", v.dose_message.text.c_str());
}

void dose_list(AppState& s, const PatientFacts& f) {
  TodayView& v = s.today_view;
  const auto rows = rows_of(v, f.patient.id, s.now);
  if (rows.empty()) ImGui::TextDisabled("Nothing due today or in the next %d days.", kUpcomingDays);
  dose_message_area(v);
  // A change of the rows (a dose recorded, the minute turning a dose late) makes their buttons inert for a
  // moment: a double-click's second press never records the control that came under the pointer.
  std::string seen;
  for (const auto& [d, kept] : rows)
    seen += d->key + (kept ? "=kept" : "=" + std::to_string(static_cast<int>(d->timing))) + ";";
  const double time = ImGui::GetTime();
  if (v.rows_patient == f.patient.id && seen != v.rows_seen) v.rows_changed_at = time;
  v.rows_seen = seen;
  v.rows_patient = f.patient.id;
  const bool inert = v.inert(time);
  const float big = ImGui::GetFrameHeight() * 1.8f;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float taken_w = std::max(big * 2.2f, button_width("Taken earlier..."));
  const float missed_w = button_width("Missed"), refused_w = button_width("Refused...");
  const float status_w = ImGui::CalcTextSize("NOT LOGGED").x + em(0.5f);
  const float when_w = ImGui::CalcTextSize("Wed 2026-11-25 20:00").x + em(0.5f);
  const float log_w = taken_w + missed_w + refused_w + 2 * spacing + em(0.5f);
  // The drug's name and dose keep room for a few words (never one letter a line): in a narrow window the
  // table is wider than the view, which then scrolls sideways.
  const float least = status_w + when_w + log_w + em(14) + 8 * ImGui::GetStyle().CellPadding.x;
  // A narrow window (large text): two columns, the status over the time, the buttons under the dose.
  const bool compact = ImGui::GetContentRegionAvail().x < least;
  // There the time goes under its day ("Wed 2026-11-25" / "20:00"): the first column as narrow as a date.
  const float compact_when_w = std::max(status_w, ImGui::CalcTextSize("Wed 2026-11-25").x + em(0.5f));
  const float compact_least =
      compact_when_w + std::max(taken_w, em(10)) + 4 * ImGui::GetStyle().CellPadding.x;
  const float width = std::max(ImGui::GetContentRegionAvail().x, compact ? compact_least : least);
  if (!ImGui::BeginTable("doses", compact ? 2 : 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH,
                         ImVec2(width, 0)))
    return;
  if (compact) {
    ImGui::TableSetupColumn("when", ImGuiTableColumnFlags_WidthFixed, compact_when_w);
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
  } else {
    ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthFixed, status_w);
    ImGui::TableSetupColumn("when", ImGuiTableColumnFlags_WidthFixed, when_w);
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("log", ImGuiTableColumnFlags_WidthFixed, log_w);
  }
  // The keyboard's place after a press changed a row: the first control of that row (Undo where Taken was),
  // else of the rows after it, never lost with the control that went (issue 24: 9 Tabs showed no focus).
  // While the rows are inert the request waits (a disabled control takes no focus).
  bool focus_here = false;
  const auto take_focus = [&] {
    if (focus_here && focus_last_item()) {
      focus_here = false;
      v.focus_key.clear();
    }
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TodayDose& d = *rows[i].first;
    const KeptDoseRow* kept = rows[i].second;
    if (!v.focus_key.empty() && d.key == v.focus_key) focus_here = true;
    ImGui::PushID(d.key.c_str());
    ImGui::TableNextRow(0, big + 4);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    if (kept)
      ImGui::TextColored(colour::muted, "%s", recorded_word(kept->status));
    else
      ImGui::TextColored(timing_colour(d.timing), "%s", timing_word(d.timing));
    if (i == 0) probe_visible_item("today:first-row");  // the layout test: on screen without scrolling
    if (!compact) ImGui::TableNextColumn();
    if (compact)
      wrapped_text(d.when);
    else
      ImGui::TextUnformatted(d.when.c_str());
    ImGui::TableNextColumn();
    wrapped_text(d.what);
    if (!compact) ImGui::TableNextColumn();
    ImGui::BeginDisabled(inert);
    if (kept) {
      // The row stays where it was: Undo in the place of the Taken just pressed, for a minute.
      if (kept->status == DoseStatus::taken && v.undo_offered(f.patient.id, s.now) && v.undo->key == d.key) {
        const auto left =
            std::chrono::duration_cast<std::chrono::seconds>(v.undo->recorded_at + kTakenUndoWindow - s.now);
        if (ImGui::Button("Undo", ImVec2(taken_w, big))) undo_last_taken(s, f);
        take_focus();
        probe_item("today:undo");
        same_line_if_fits(ImGui::CalcTextSize("for 60 s").x);
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("for %lld s", static_cast<long long>(left.count()));
      } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("recorded");
      }
    } else if (d.timing != DoseTiming::upcoming) {
      ImGui::PushStyleColor(ImGuiCol_Button, colour::u32(colour::ok, 0.85f));
      if (d.timing == DoseTiming::missed || d.timing == DoseTiming::early) {
        // Never a dose to take now: only taken earlier or early (with the real time) or missed.
        const bool early = d.timing == DoseTiming::early;
        if (ImGui::Button(early ? "Taken early..." : "Taken earlier...", ImVec2(taken_w, big))) {
          v.pending_key = d.key;
          v.pending_what = d.what + " (" + d.when + ")";
          v.pending_status = DoseStatus::taken;
          v.pending_early = early;
          v.pending_index = i;
          v.note = early ? format_wall_clock(std::chrono::duration_cast<WallClock>(
                               date::make_zoned(f.zone, s.now).get_local_time() -
                               date::floor<date::days>(date::make_zoned(f.zone, s.now).get_local_time())))
                         : "";
        }
      } else if (ImGui::Button(d.timing == DoseTiming::late ? "Taken late" : "Taken", ImVec2(taken_w, big))) {
        log_dose(s, f, d, DoseStatus::taken, "", i);
      }
      ImGui::PopStyleColor();
      take_focus();
      probe_item("today:taken:" + d.key);
      for (DoseStatus st : {DoseStatus::missed, DoseStatus::refused}) {
        same_line_if_fits(st == DoseStatus::missed ? missed_w : refused_w);
        if (ImGui::Button(st == DoseStatus::missed ? "Missed" : "Refused...",
                          ImVec2(st == DoseStatus::missed ? missed_w : refused_w, big))) {
          v.pending_key = d.key;
          v.pending_what = d.what + " (" + d.when + ")";
          v.pending_status = st;
          v.pending_early = false;
          v.pending_index = i;
          v.note.clear();
        }
        probe_item(std::string("today:") + (st == DoseStatus::missed ? "missed:" : "refused:") + d.key);
      }
    }
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  if (focus_here && !inert) v.focus_key.clear();  // no control after it: the request ends
  ImGui::EndTable();
}

/// The ALSFRS-R self-report: due every 4 weeks after the last (core: alsfrs_next_due), answered in a form.
void alsfrs_line(AppState& s, const PatientFacts& f) {
  TodayView& v = s.today_view;
  const Day today = local_day(s.now, f.zone);
  const std::optional<Day> next = alsfrs_next_due(f.alsfrs, f.alsfrs_every_days);
  const bool due = next && *next <= today;
  if (!next) {
    wrapped_text(
        "How are you doing? The ALSFRS-R: 12 short questions about speech, hands, moving and "
        "breathing, about every 4 weeks.");
  } else {
    const std::vector<AlsfrsReport> reports = current_reports(f.alsfrs);
    const AlsfrsReport& last = reports.back();
    const std::string said = "the last on " + format_day(last.day) + ", total " +
                             std::to_string(score(last.items).total) + " of 48";
    if (due) {
      ImGui::PushStyleColor(ImGuiCol_Text, colour::late);
      wrapped_text("Your ALSFRS-R self-report is due (" + said + ").");
      ImGui::PopStyleColor();
    } else {
      wrapped_text("ALSFRS-R: " + said + "; the next on " + weekday_name(*next) + " " + format_day(*next) +
                   ".");
    }
  }
  // Reported today already: the way on is a correction of that report (one report a day).
  std::optional<RecordId> todays;
  for (const AlsfrsReport& r : current_reports(f.alsfrs))
    if (r.day == today) todays = r.id;
  if (ImGui::Button(todays         ? "Correct today's answers"
                    : due || !next ? "Answer the 12 questions"
                                   : "Answer now"))
    v.alsfrs.start(f.patient.id, f.patient.feeding_tube, today, /*clinician=*/false, todays);
  probe_item("today:alsfrs");
  if (v.alsfrs.patient == f.patient.id) {
    draw_message(v.alsfrs.message, "today:alsfrs-message");
    if (v.alsfrs.can_reopen()) {
      if (ImGui::Button("Back to my answers")) v.alsfrs.reopen();
      probe_item("today:alsfrs-reopen");
    }
  }
  v.alsfrs.draw(s);
}

}  // namespace

bool TodayView::undo_offered(RecordId patient_id, Instant now) const {
  return undo && undo->patient == patient_id && now >= undo->recorded_at &&
         now < undo->recorded_at + kTakenUndoWindow;
}

void TodayView::draw(AppState& s) {
  const PatientFacts* f = s.facts();
  if (!f) {
    if (!draw_server_wait(s.waits_for_server()))
      ImGui::TextDisabled("Choose a patient (Ctrl+F) to see today's doses.");
    return;
  }
  refresh(s, *f);
  const TodayModel& m = s.today_view.model;
  const Day today = local_day(s.now, f->zone);
  wrapped_text("Today, " + weekday_name(today) + " " + format_day(today) + " - " + f->patient.name + " (" +
               f->patient.tz + ")");
  for (const std::string& line : m.refills) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.65f, 0.15f, 1.0f));
    wrapped_text(line);
    ImGui::PopStyleColor();
    probe_item("today:refill");
  }
  // The doses first (what a person comes here to record), then what to know about them: on a small screen
  // with large text the dose rows are on screen without scrolling.
  dose_list(s, *f);
  note_popup(s, *f);
  ImGui::Separator();
  if (m.next_riluzole)
    ImGui::Text("Next riluzole dose: %s, %s",
                format_local_with_offset(*m.next_riluzole,
                                         date::make_zoned(f->zone, *m.next_riluzole).get_info().offset)
                    .substr(11, 5)
                    .c_str(),
                time_until(s.now, *m.next_riluzole).c_str());
  if (!m.meal_rule.empty()) wrapped_text(m.meal_rule);
  if (!m.fasting_rule.empty()) s.today_view.fast.draw();
  if (m.next_infusion)
    wrapped_text("Next edaravone: " + weekday_name(*m.next_infusion) + " " + format_day(*m.next_infusion) +
                 " - " + m.next_infusion_what);
  if (m.next_liver_test)
    wrapped_text("Next liver test (ALT): " + weekday_name(*m.next_liver_test) + " " +
                 format_day(*m.next_liver_test) + " (" + m.next_liver_test_why + ")");
  ImGui::Spacing();
  alsfrs_line(s, *f);
  ImGui::Spacing();
  draw_quick_log(s, *f);
}

}  // namespace alsmeds::gui
