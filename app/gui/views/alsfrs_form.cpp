#include "views/alsfrs_form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app_state.hpp"
#include "outbox.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

constexpr const char* kPopup = "ALSFRS-R##form";

const char* domain_of(int item) {
  return item < 3 ? "speech and swallowing" : item < 6 ? "hands" : item < 9 ? "moving about" : "breathing";
}

void save(AppState& s, AlsfrsForm& f) {
  const auto day = parse_day(f.day);
  if (!day) {
    f.message = {"The day: " + day.error(), true};
    return;
  }
  OutboxEntry e;
  e.kind = "alsfrs";
  e.patient = f.patient;
  const AlsfrsScore sc = score([&] {
    AlsfrsItems items{};
    for (std::size_t i = 0; i < items.size(); ++i) items[i] = f.answers[i];
    return items;
  }());
  e.what = "ALSFRS-R of " + f.day + ", total " + std::to_string(sc.total) + " of 48";
  e.args = {{"day", f.day}, {"items", f.items_text()}, {"gastrostomy", f.gastrostomy}};
  if (f.corrects) e.args["corrects"] = *f.corrects;
  e.made_at = s.now;
  push_kept_write(s, std::move(e), &f.message,
                  std::string(f.corrects ? "Corrected" : "Saved") + ": ALSFRS-R of " + f.day + ", total " +
                      std::to_string(sc.total) + " of 48");
  ImGui::CloseCurrentPopup();
}

void question(AlsfrsForm& f) {
  const double now = ImGui::GetTime();
  ImGui::Text("Question %d of %d - %s", f.item + 1, kAlsfrsItems, domain_of(f.item));
  ImGui::Separator();
  wrapped_text(std::string(alsfrs_question(f.item, f.gastrostomy)));
  ImGui::Spacing();
  const bool inert = now < f.changed_at + kAnswerInertSeconds;
  const float w = ImGui::GetContentRegionAvail().x;
  int chosen = -1;
  for (int score = 4; score >= 0; --score) {
    const std::string label = std::to_string(score) + "   " +
                              std::string(alsfrs_answer(f.item, f.gastrostomy, score)) + "##answer" +
                              std::to_string(score);
    const bool current = f.answers[static_cast<std::size_t>(f.item)] == score;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    // Large answers, the text left-aligned and wrapped by the button's width.
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    if (score == 4 && ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    if (ImGui::Button(one_line(label, w - em(1.2f)).c_str(), ImVec2(w, em(2.6f))) && !inert) chosen = score;
    ImGui::PopStyleVar();
    if (current) ImGui::PopStyleColor();
    probe_item("alsfrs:answer:" + std::to_string(score));
  }
  // The digits 0-4 answer too.
  for (ImWchar c : ImGui::GetIO().InputQueueCharacters)
    if (c >= '0' && c <= '4' && !inert) chosen = c - '0';
  if (chosen >= 0) f.choose(chosen, now);
  ImGui::Spacing();
  if (ImGui::Button("Back") && f.item > 0) f.back(now);
  probe_item("alsfrs:back");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  probe_item("alsfrs:cancel");
}

void summary(AppState& s, AlsfrsForm& f) {
  AlsfrsItems items{};
  for (std::size_t i = 0; i < items.size(); ++i) items[i] = f.answers[i];
  const AlsfrsScore sc = score(items);
  ImGui::Text("Your answers: total %d of 48", sc.total);
  ImGui::Text("Speech and swallowing %d, hands %d, moving about %d, breathing %d (each of 12)", sc.bulbar,
              sc.fine_motor, sc.gross_motor, sc.respiratory);
  // Save first, the answers under it: the button is on screen however tall the list is.
  if (f.clinician) {
    ImGui::SetNextItemWidth(em(7));
    ImGui::InputText("Day of the rating (YYYY-MM-DD)", &f.day);
    probe_item("alsfrs:day");
  } else {
    ImGui::Text("For today, %s", f.day.c_str());
  }
  const bool inert = ImGui::GetTime() < f.changed_at + kAnswerInertSeconds;
  if (ImGui::Button("Save report", ImVec2(em(9), em(2.2f))) && !inert) save(s, f);
  probe_item("alsfrs:save");
  ImGui::SameLine();
  if (ImGui::Button("Back", ImVec2(0, em(2.2f)))) f.back(ImGui::GetTime());
  probe_item("alsfrs:back");
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(0, em(2.2f)))) ImGui::CloseCurrentPopup();
  ImGui::Separator();
  for (int i = 0; i < kAlsfrsItems; ++i) {
    const int a = f.answers[static_cast<std::size_t>(i)];
    wrapped_text(std::to_string(i + 1) + ". " + std::string(alsfrs_question(i, f.gastrostomy)) + " - " +
                 std::to_string(a) + ", " + std::string(alsfrs_answer(i, f.gastrostomy, a)));
  }
}

}  // namespace

void AlsfrsForm::start(RecordId who, bool tube, Day today, bool by_clinician, std::optional<RecordId> fix) {
  corrects = fix;
  patient = who;
  gastrostomy = tube;
  clinician = by_clinician;
  item = 0;
  answers.fill(-1);
  day = format_day(today);
  changed_at = -1e9;
  message = {};
  open_requested = true;
}

bool AlsfrsForm::choose(int score, double time) {
  if (item >= kAlsfrsItems || score < 0 || score > 4 || time < changed_at + kAnswerInertSeconds) return false;
  answers[static_cast<std::size_t>(item)] = score;
  ++item;
  changed_at = time;
  return true;
}

void AlsfrsForm::back(double time) {
  if (item == 0) return;
  --item;
  changed_at = time;
}

bool AlsfrsForm::complete() const {
  for (int a : answers)
    if (a < 0 || a > 4) return false;
  return true;
}

std::string AlsfrsForm::items_text() const {
  AlsfrsItems items{};
  for (std::size_t i = 0; i < items.size(); ++i) items[i] = answers[i];
  return format_alsfrs_items(items);
}

void AlsfrsForm::draw(AppState& s) {
  if (open_requested) {
    ImGui::OpenPopup(kPopup);
    open_requested = false;
  }
  const ImVec2 size = ImGui::GetMainViewport()->WorkSize;
  // The width fixed, the height fitted to each screen's content (at most 90% of the window's).
  const float width = std::min(size.x * 0.9f, em(42));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, size.y * 0.9f));
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  if (patient != s.patient_id) {  // another patient chosen: nothing answered for one is saved for another
    answers.fill(-1);
    item = 0;
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  if (item < kAlsfrsItems)
    question(*this);
  else if (complete())
    summary(s, *this);
  else
    item = 0;
  ImGui::EndPopup();
}

}  // namespace alsmeds::gui
