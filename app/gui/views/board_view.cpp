// Nurse - Infusion board: a week strip with each day's load, and the chosen day by chair and hour. Drag a
// booking (or an unbooked infusion) onto a slot, or onto another day of the strip.
#include "views/board_view.hpp"

#include <imgui.h>

#include <cstdio>

#include "app_state.hpp"
#include "board_model.hpp"
#include "tab_order.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

constexpr const char* kPayload = "ALSMEDS_INFUSION";

/// The week's model from the loaded plans and the bookings as stored now (throws on a storage failure).
void rebuild(AppState& s) {
  BoardView& v = s.board;
  // The clinic's chairs and hours as stored now (another workstation or alsmeds-cli may have changed them).
  if (auto unit = s.store->unit_settings()) apply_unit_settings(s.settings, *unit);
  const Day to = v.from + date::days{6};
  std::vector<InfusionBooking> bookings = s.store->infusion_bookings(v.from, to);
  // A tofersen dose due this week may be booked in a later one (late): its booking is read to say so.
  const std::vector<InfusionBooking> rooms = s.store->procedure_bookings(v.from, to + date::days{366});
  v.model = build_board(v.patients, bookings, v.from, to, s.settings, rooms);
  // The pharmacy's list of the same week from the same bookings (chairs and rooms), as `pharmacy prep` reads
  // them.
  bookings.insert(bookings.end(), rooms.begin(), rooms.end());
  v.prep = board_prep(v.patients, bookings, v.from, to);
}

void reload(AppState& s) {
  BoardView& v = s.board;
  if (s.job.running()) return;
  const std::string path = s.db_path;
  const OpenOptions options = s.worker_options(false);
  const Day from = v.from, to = v.from + date::days{6};
  v.loading = true;
  v.revision = s.revision;
  s.job.start("Loading the infusion board",
              [path, options, from, to, &s](JobProgress& progress) -> BackgroundJob::Finish {
                progress.fraction = -1;
                try {
                  auto store = open_record_store(path, options);
                  if (!store) throw std::runtime_error(store.error());
                  auto patients = load_board_patients(**store, from, to);
                  return [&s, patients = std::move(patients), from]() mutable {
                    s.board.loading = false;
                    if (s.board.from != from) return;  // the nurse moved on to another week meanwhile
                    s.board.patients = std::move(patients);
                    s.board.loaded = true;
                    s.board.read_failure = {};
                    if (!s.try_read([&s] { rebuild(s); })) s.board.read_failure = s.status;
                  };
                } catch (const std::exception& e) {
                  const std::string why = "The board could not be read: " + explain_storage_failure(e);
                  return [&s, why] {
                    s.board.loading = false;
                    s.show(s.board.read_failure, {why, true});
                  };
                }
              });
}

const BoardInfusion* find(const BoardModel& m, const std::string& key) {
  for (const BoardDay& d : m.days)
    for (const BoardInfusion& i : d.infusions)
      if (i.key == key) return &i;
  return nullptr;
}

const BoardProcedure* find_procedure(const BoardModel& m, const std::string& key) {
  for (const BoardDay& d : m.days)
    for (const BoardProcedure& p : d.procedures)
      if (p.key == key) return &p;
  return nullptr;
}

std::optional<std::pair<int, WallClock>> free_slot_on(const BoardModel& m, Day day) {
  for (const BoardDay& d : m.days)
    if (d.day == day) return first_free_slot(d, m);
  return std::nullopt;
}

/// Queues a booking (or a move) of the infusion `key` onto `day`; without a slot it takes the day's first
/// free one as the board stands when the booking is applied (so "book all" fills slot after slot).
void book(AppState& s, const std::string& key, Day day, std::optional<std::pair<int, WallClock>> slot) {
  const BoardInfusion* inf = find(s.board.model, key);
  if (!inf) return;
  const std::string who =
      inf->patient_name + ": cycle " + std::to_string(inf->cycle) + " day " + std::to_string(inf->cycle_day);
  s.push("booking of " + who + " on " + format_day(day), &s.board.message,
         [key, day, slot, who](AppState& a) -> Result<std::string> {
           const BoardInfusion* found = find(a.board.model, key);
           if (!found) return fail(who + ": no longer on this board");
           const BoardInfusion infusion = *found;
           const auto place = slot ? slot : free_slot_on(a.board.model, day);
           if (!place) return fail(format_day(day) + " has no free chair slot left");
           auto r = book_slot(*a.store, infusion, day, place->first, place->second, a.settings, a.actor());
           if (!r) {
             rebuild(a);  // a stale board (another workstation's write) is read again at once
             return fail(r.error());
           }
           rebuild(a);  // the bookings as stored now: the next booking of this frame sees this one
           return who + " booked " + format_day(day) + " " + format_wall_clock(place->second) + ", chair " +
                  std::to_string(place->first);
         });
}

void cancel(AppState& s, const std::string& key) {
  s.push("cancelling the booking " + key, &s.board.message, [key](AppState& a) -> Result<std::string> {
    // The booking as this board shows it: cancelled only if nobody changed it meanwhile.
    const BoardInfusion* shown = find(a.board.model, key);
    const BoardProcedure* shown_room = find_procedure(a.board.model, key);
    const RecordId seen = shown && shown->booking             ? shown->booking->id
                          : shown_room && shown_room->booking ? shown_room->booking->id
                                                              : 0;
    auto r = a.store->cancel_booking(key, a.actor(), seen);
    if (!r) {
      rebuild(a);
      return fail(r.error());
    }
    rebuild(a);
    return "Booking cancelled: " + key +
           (is_procedure_booking(key) ? " (the room is free)" : " (the chair is free)");
  });
}

/// Queues the booking of a tofersen dose into the day's first free lumbar-puncture room and time.
void book_room(AppState& s, const std::string& key, Day day) {
  const BoardProcedure* proc = find_procedure(s.board.model, key);
  if (!proc) return;
  const std::string who = proc->patient_name + ": tofersen dose " + std::to_string(proc->dose.number);
  const RecordId seen = proc->booking ? proc->booking->id : 0;  // what the hand saw: unbooked
  s.push("lumbar puncture of " + who + " on " + format_day(day), &s.board.message,
         [key, day, who, seen](AppState& a) -> Result<std::string> {
           const BoardProcedure* found = find_procedure(a.board.model, key);
           if (!found) return fail(who + ": no longer on this board");
           const BoardProcedure procedure = *found;
           // A second press (a double-click) finds it booked by the first: nothing moves.
           if (procedure.booking && procedure.booking->id != seen)
             return fail(who + " is booked already (" + format_day(procedure.booking->day) + " " +
                         format_wall_clock(procedure.booking->start) + ", room " +
                         std::to_string(procedure.booking->chair) + "): nothing was changed");
           auto r = book_puncture(*a.store, procedure, day, a.board.model.rooms, a.actor());
           rebuild(a);  // as stored now (a refusal from a stale board is read again at once)
           if (!r) return fail(r.error());
           std::string said = who + " booked " + format_day(day);
           if (const BoardProcedure* now = find_procedure(a.board.model, key); now && now->booking)
             said += " " + format_wall_clock(now->booking->start) + ", room " +
                     std::to_string(now->booking->chair);
           for (const std::string& w : r->warnings) said += "; " + w;
           return said;
         });
}

void drag_source(const BoardInfusion& i) {
  if (ImGui::BeginDragDropSource()) {
    ImGui::SetDragDropPayload(kPayload, i.key.data(), i.key.size());
    ImGui::Text("%s - C%d D%d", i.patient_name.c_str(), i.cycle, i.cycle_day);
    ImGui::EndDragDropSource();
  }
}

std::optional<std::string> dropped() {
  std::optional<std::string> key;
  if (ImGui::BeginDragDropTarget()) {
    if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload(kPayload))
      key = std::string(static_cast<const char*>(p->Data), static_cast<std::size_t>(p->DataSize));
    ImGui::EndDragDropTarget();
  }
  return key;
}

/// The week's days; true when they took one line (a short window).
bool week_strip(AppState& s) {
  BoardView& v = s.board;
  if (ImGui::ArrowButton("prev-week", ImGuiDir_Left)) move_board_week(s, -1);
  // The week's days flow onto a second line when the window is narrow: no day and no arrow is lost. In a
  // window short for the text size (under 30 lines) the days take one line that scrolls sideways, so the
  // chairs stay on screen.
  const bool one_line = short_window();
  const float day_h = one_line ? ImGui::GetFrameHeight() : ImGui::GetTextLineHeightWithSpacing() * 2.2f;
  std::vector<std::string> labels;
  float day_w = em(6);  // one width for the week: the widest label's
  for (const BoardDay& d : v.model.days) {
    labels.push_back(weekday_name(d.day) + " " + format_day(d.day).substr(5) + (one_line ? " " : "\n") +
                     std::to_string(d.infusions.size()) + "/" + std::to_string(d.capacity) +
                     (d.over_capacity ? " FULL"
                      : d.conflicts   ? " conflict"
                                      : "") +
                     (d.procedures.empty() ? "" : " +" + std::to_string(d.procedures.size()) + " LP"));
    day_w = std::max(day_w, button_width(labels.back().c_str()));
  }
  if (one_line) {
    ImGui::SameLine();
    ImGui::BeginChild("week",
                      ImVec2(-ImGui::GetFrameHeightWithSpacing(), day_h + ImGui::GetStyle().ScrollbarSize),
                      false, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NavFlattened);
  }
  for (std::size_t i = 0; i < v.model.days.size(); ++i) {
    const BoardDay& d = v.model.days[i];
    if (one_line) {
      if (i > 0) ImGui::SameLine();
    } else {
      same_line_if_fits(day_w);
    }
    const bool bad = d.over_capacity || d.conflicts;
    if (bad) ImGui::PushStyleColor(ImGuiCol_Button, colour::u32(colour::overdue, 0.7f));
    if (ImGui::Button(labels[i].c_str(), ImVec2(day_w, day_h))) v.day = d.day;
    probe_item("board:day:" + format_day(d.day));
    if (bad) ImGui::PopStyleColor();
    if (one_line && d.day == v.day && v.strip_day != v.day) {  // the day shown, once, without fighting a hand
      ImGui::SetScrollHereX(0.5f);
      v.strip_day = v.day;
    }
    if (auto key = dropped()) book(s, *key, d.day, std::nullopt);
  }
  if (one_line) {
    ImGui::EndChild();
    ImGui::SameLine();
  } else {
    same_line_if_fits(ImGui::GetFrameHeight());
  }
  if (ImGui::ArrowButton("next-week", ImGuiDir_Right)) move_board_week(s, 1);
  return one_line;
}

// Tofersen's doses of the day: procedures by lumbar puncture, listed apart from the chairs, each booked into
// a lumbar-puncture room (Book: the first free room and time; Cancel frees it).
void lumbar_punctures(AppState& s, const BoardDay& d) {
  if (d.procedures.empty()) return;
  const PunctureRooms& rooms = s.board.model.rooms;
  const Day today = s.clinic_day();
  ImGui::Text("Lumbar punctures (tofersen intrathecal, 100 mg / 15 mL; %d room%s, %d minutes each):",
              rooms.rooms, rooms.rooms == 1 ? "" : "s", rooms.minutes);
  for (const BoardProcedure& p : d.procedures) {
    const TofersenDose& x = p.dose;
    const ProcedureLine line = procedure_line(p, d.day, today);
    const std::string& what = line.text;
    ImGui::Bullet();
    if (!p.problems.empty() || line.overdue)
      ImGui::TextColored(colour::overdue, "%s", what.c_str());
    else
      ImGui::TextUnformatted(what.c_str());
    const std::string id = std::to_string(p.patient_id) + ":" + std::to_string(x.number);
    probe_item("board:procedure:" + id);
    if (!p.problems.empty() && ImGui::IsItemHovered()) {
      std::string text;
      for (const std::string& why : p.problems) text += why + "\n";
      ImGui::SetTooltip("%s", text.c_str());
    }
    if (x.given) continue;
    ImGui::SameLine();
    if (p.booking) {
      if (ImGui::SmallButton(("Cancel room##" + p.key).c_str())) cancel(s, p.key);
      probe_item("board:procedure-cancel:" + id);
    } else {
      if (ImGui::SmallButton(("Book a room##" + p.key).c_str())) book_room(s, p.key, d.day);
      probe_item("board:procedure-book:" + id);
    }
  }
}

void day_grid(AppState& s, const BoardDay& d, const char* hours) {
  BoardView& v = s.board;
  const BoardModel& m = v.model;
  ImGui::Text("%s %s: %zu infusions, %d chair slots%s", weekday_name(d.day).c_str(),
              format_day(d.day).c_str(), d.infusions.size(), d.capacity,
              d.over_capacity ? " - OVER CAPACITY" : "");
  if (hours && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hours);
  lumbar_punctures(s, d);
  std::vector<const BoardInfusion*> unbooked;
  for (const BoardInfusion& i : d.infusions)
    if (!i.booking) unbooked.push_back(&i);
  if (!unbooked.empty()) {
    ImGui::TextColored(colour::late, "Not booked yet (%zu): drag onto a slot, or", unbooked.size());
    ImGui::SameLine();
    if (ImGui::Button("Book all into free slots"))
      for (const BoardInfusion* i : unbooked) book(s, i->key, d.day, std::nullopt);
    probe_item("board:book-all");
    bool first = true;
    for (const BoardInfusion* i : unbooked) {  // they flow onto the next line when the window is narrow
      const std::string label = i->patient_name + " C" + std::to_string(i->cycle) + " D" +
                                std::to_string(i->cycle_day) + "##" + i->key;
      if (!first)
        same_line_if_fits(ImGui::CalcTextSize(label.c_str(), nullptr, true).x +
                          2 * ImGui::GetStyle().FramePadding.x);
      first = false;
      ImGui::SmallButton(label.c_str());
      drag_source(*i);
    }
  }
  // Chairs keep room for a name (the table scrolls sideways in a narrow window); the hours scroll down.
  const float time_w = ImGui::CalcTextSize("00:00").x + em(0.5f);
  const float least = std::max(time_w + static_cast<float>(m.chairs) * em(8),
                               ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize - 2);
  if (!ImGui::BeginTable(
          "slots", m.chairs + 1,
          ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_ScrollY |
              ImGuiTableFlags_ScrollX,
          // Down to the bottom (the view's sideways bar kept clear), at least one hour.
          ImVec2(0,
                 std::max(ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ScrollbarSize - 1,
                          ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() * 2.1f)),
          least))
    return;
  join_parent_tab_order();
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, time_w);
  for (int c = 1; c <= m.chairs; ++c) ImGui::TableSetupColumn(("Chair " + std::to_string(c)).c_str());
  ImGui::TableHeadersRow();
  const float row_h = ImGui::GetTextLineHeightWithSpacing() * 2.1f;
  for (int h = m.opening_hour; h < m.closing_hour; ++h) {
    ImGui::TableNextRow(0, row_h);
    ImGui::TableNextColumn();
    ImGui::Text("%02d:00", h);
    for (int c = 1; c <= m.chairs; ++c) {
      ImGui::TableNextColumn();
      ImGui::PushID(h * 100 + c);
      std::vector<const BoardInfusion*> here;
      for (const BoardInfusion& i : d.infusions)
        if (i.booking && i.booking->chair == c && i.booking->start == WallClock{h * 60}) here.push_back(&i);
      if (here.empty()) {
        ImGui::Selectable("##free", false, 0, ImVec2(0, row_h - 4));
      } else {
        for (const BoardInfusion* i : here) {
          const bool problem = !i->problems.empty();
          if (problem)
            ImGui::PushStyleColor(ImGuiCol_Header, colour::u32(colour::overdue, 0.6f));
          else
            ImGui::PushStyleColor(ImGuiCol_Header, colour::u32(colour::dose, 0.45f));
          ImGui::Selectable((i->patient_name + "\nC" + std::to_string(i->cycle) + " D" +
                             std::to_string(i->cycle_day) + (problem ? "  CONFLICT" : "") + "##" + i->key)
                                .c_str(),
                            true, 0, ImVec2(0, row_h / static_cast<float>(here.size()) - 4));
          ImGui::PopStyleColor();
          drag_source(*i);
          if (ImGui::BeginPopupContextItem(("cancel-" + i->key).c_str())) {  // right click
            if (ImGui::MenuItem("Cancel booking (free the chair)")) cancel(s, i->key);
            probe_item("board:cancel:" + i->key);
            ImGui::EndPopup();
          }
          if (problem && ImGui::IsItemHovered()) {
            std::string text;
            for (const std::string& p : i->problems) text += p + "\n";
            ImGui::SetTooltip("%s", text.c_str());
          }
        }
      }
      probe_item("board:slot:" + std::to_string(h) + ":" + std::to_string(c));
      if (h == m.opening_hour && c == 1) probe_item("board:first-slot");
      if (auto key = dropped()) book(s, *key, d.day, std::make_pair(c, WallClock{h * 60}));
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace

bool ensure_board_week(AppState& s) {
  BoardView& v = s.board;
  if (!s.store) return false;
  if (!v.from_set) {
    const Day today = s.clinic_day();  // the clinic's day, not the open patient's
    v.from = today - date::days{(date::weekday{today} - date::Monday).count()};
    v.day = today;
    v.from_set = true;
  }
  // Re-read when the week or the database changed (here or in another program); after a failed read, only
  // once something changes.
  if (!v.loading && (v.revision != s.revision || (!v.loaded && v.read_failure.text.empty()))) reload(s);
  return v.loaded;
}

void move_board_week(AppState& s, int weeks) {
  BoardView& v = s.board;
  v.from += date::days{7 * weeks};
  v.day = v.from;
  v.loaded = false;
  v.read_failure = {};
}

void BoardView::draw(AppState& s) {
  BoardView& v = s.board;
  if (!s.store) return;
  const bool week_loaded = ensure_board_week(s);
  draw_message(v.read_failure, "board:read-failure");
  if (!week_loaded) {
    if (v.read_failure.text.empty()) ImGui::TextDisabled("Loading every patient's infusions...");
    return;
  }
  char hours[96];
  std::snprintf(hours, sizeof hours,
                "%d chairs, %02d:00 to %02d:00%s, 60-minute infusions (Settings to change)",
                s.settings.chairs, s.settings.opening_hour, s.settings.closing_hour,
                s.settings.weekdays_only ? ", weekdays" : "");
  const bool compact = short_window();
  if (!compact) ImGui::TextUnformatted(hours);  // a short window: in the day line's tooltip
  // The last booking, move or cancellation, on the line kept below the week from the start: a message that
  // appears never moves the day's buttons and slots under the pointer (a second click lands where the first
  // did). A short window keeps no line for it: the status line says it.
  if (!week_strip(s)) {
    if (v.message.text.empty()) ImGui::NewLine();
    draw_message(v.message, "board:message");
  }
  for (const BoardDay& d : v.model.days)
    if (d.day == v.day) {
      day_grid(s, d, compact ? hours : nullptr);
      break;
    }
}

}  // namespace alsmeds::gui
