#include "charts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "adherence_model.hpp"
#include "alsmeds/adherence/dose_day_palette.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {
namespace {

// One palette with the printed reports (core's dose_day_palette.hpp).
ImVec4 day_colour(DoseDay d) {
  const Rgb c = dose_day_style(d).colour;
  return ImVec4(c.r, c.g, c.b, 1.0f);
}

// Results over time: each a dot, joined in order.
void draw_trend_line(ImDrawList* dl, const std::vector<ImVec2>& points) {
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i) dl->AddLine(points[i - 1], points[i], ImGui::GetColorU32(ImGuiCol_PlotLines), 2.0f);
    dl->AddCircleFilled(points[i], 3.5f, ImGui::GetColorU32(ImGuiCol_PlotLines));
  }
}

}  // namespace

void draw_dose_timeline(const AdherenceRow& row, float width) {
  const auto& days = row.doses.by_day;
  ImGui::Text("Dose timeline, %s (%zu days from %s)", std::string(to_string(row.drug)).c_str(), days.size(),
              format_day(row.doses.first_day).c_str());
  const float h = 22;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (!days.empty()) {
    const float w = width / static_cast<float>(days.size());
    for (std::size_t i = 0; i < days.size(); ++i) {
      const float x = at.x + w * static_cast<float>(i);
      dl->AddRectFilled(ImVec2(x, at.y), ImVec2(x + std::max(w - (w > 3 ? 1.0f : 0.0f), 1.0f), at.y + h),
                        colour::u32(day_colour(days[i])));
    }
  }
  ImGui::Dummy(ImVec2(width, h + 2));
  for (const DoseDayStyle& style : kDoseDayStyles) {
    const std::string label(style.label);
    // A swatch drawn, not a widget: the legend is no stop for Tab (the view's controls come after it).
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float side = ImGui::GetTextLineHeight() * 0.6f, pad = (ImGui::GetTextLineHeight() - side) / 2;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + side, p.y + pad + side),
                                              colour::u32(day_colour(style.day)));
    ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextUnformatted(label.c_str());
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

void draw_alsfrs_chart(const AdherenceRow& row, float width) {
  const AlsfrsSummary& a = row.alsfrs;
  if (!a.last_total) {
    ImGui::TextDisabled("ALSFRS-R: no report by the period's end.");
    return;
  }
  ImGui::Text("ALSFRS-R total (0-48): last %d on %s; delta FS %s, 6-month slope %s a month", *a.last_total,
              format_day(*a.last_day).c_str(), format_points_a_month(a.delta_fs).c_str(),
              format_points_a_month(a.slope_6m).c_str());
  const auto& days = row.doses.by_day;
  const float h = 90;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRect(at, ImVec2(at.x + width, at.y + h), ImGui::GetColorU32(ImGuiCol_Border));
  // The axis from 48 down to a little under the lowest total shown (a multiple of 4), labelled: a fall of a
  // few points is seen, and the numbers say where the floor is.
  const float cell = days.empty() ? 0 : width / static_cast<float>(days.size());
  int lowest = 48;
  for (const auto& [day, total] : a.totals)
    if (const auto i = (day - row.doses.first_day).count(); i >= 0 && i < static_cast<long>(days.size()))
      lowest = std::min(lowest, total);
  const int floor = std::max(0, (lowest - 4) / 4 * 4);
  auto y_of = [&](int total) {
    return at.y + h - static_cast<float>(total - floor) / static_cast<float>(48 - floor) * h;
  };
  for (int level = floor + 4; level < 48; level += 4)
    dl->AddLine(ImVec2(at.x, y_of(level)), ImVec2(at.x + width, y_of(level)),
                colour::u32(colour::muted, 0.3f));
  // The timeline's axis: day i of the timeline spans [i, i+1) of its width; a report sits in its day's
  // middle.
  ImVec2 prev;
  bool have_prev = false;
  for (const auto& [day, total] : a.totals) {
    const auto i = (day - row.doses.first_day).count();
    if (days.empty() || i < 0 || i >= static_cast<long>(days.size())) continue;
    const ImVec2 p(at.x + cell * (static_cast<float>(i) + 0.5f), y_of(total));
    if (have_prev) dl->AddLine(prev, p, ImGui::GetColorU32(ImGuiCol_PlotLines), 2.0f);
    dl->AddCircleFilled(p, 3.5f, ImGui::GetColorU32(ImGuiCol_PlotLines));
    prev = p;
    have_prev = true;
  }
  dl->AddText(ImVec2(at.x + 2, at.y), colour::u32(colour::muted), "48");
  const std::string bottom = std::to_string(floor);
  dl->AddText(ImVec2(at.x + 2, at.y + h - ImGui::GetTextLineHeight()), colour::u32(colour::muted),
              bottom.c_str());
  ImGui::Dummy(ImVec2(width, h + 4));
}

void draw_cycle_bars(const AdherenceRow& row, float width) {
  std::vector<EdaravoneCycleAdherence> cycles;  // the cycles with doses planned inside the period
  for (const auto& c : row.doses.cycles)
    if (c.planned > 0) cycles.push_back(c);
  if (cycles.empty()) return;
  ImGui::Text("Edaravone cycles: doses given / planned");
  const float bar_h = 16, gap = 4;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = 150, scale = (width - label_w) / 14.0f;
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    const auto& c = cycles[i];
    const float y = at.y + static_cast<float>(i) * (bar_h + gap);
    const std::string label = "C" + std::to_string(c.cycle) + "  " + std::to_string(c.given) + "/" +
                              std::to_string(c.planned) +
                              (c.start_delay_days ? " +" + std::to_string(c.start_delay_days) + "d" : "") +
                              (c.deviations ? " !" + std::to_string(c.deviations) + " dev." : "");
    dl->AddText(ImVec2(at.x, y), ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
    const float x0 = at.x + label_w;
    dl->AddRect(ImVec2(x0, y), ImVec2(x0 + scale * static_cast<float>(c.planned), y + bar_h),
                colour::u32(colour::dose));
    dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + scale * static_cast<float>(c.given), y + bar_h),
                      colour::u32(c.given < c.planned ? colour::late : colour::ok));
  }
  ImGui::Dummy(ImVec2(width, static_cast<float>(cycles.size()) * (bar_h + gap)));
}

void draw_alt_trend(const AdherenceRow& row, const Period& period, float width) {
  if (row.alt_x_uln.empty()) {
    ImGui::TextDisabled(regimen(row.drug).liver_tests ? "No ALT result yet."
                                                      : "ALT is followed with riluzole (see its row).");
    return;
  }
  ImGui::TextUnformatted(alt_trend_title(row).c_str());
  const float h = 120, left = 30;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double top = 6.0;
  for (const auto& [d, v] : row.alt_x_uln) top = std::max(top, v * 1.1);
  const Day from = std::min(row.alt_x_uln.front().first, period.from), to = period.to;
  const double span = std::max<double>(1.0, static_cast<double>((to - from).count()));
  auto x_of = [&](Day d) {
    return at.x + left + static_cast<float>((d - from).count() / span) * (width - left);
  };
  auto y_of = [&](double v) { return at.y + h - static_cast<float>(v / top) * h; };
  dl->AddRect(ImVec2(at.x + left, at.y), ImVec2(at.x + width, at.y + h), ImGui::GetColorU32(ImGuiCol_Border));
  for (const auto& [level, col] :
       {std::pair{1.0, colour::muted}, {3.0, colour::late}, {5.0, colour::overdue}}) {
    dl->AddLine(ImVec2(at.x + left, y_of(level)), ImVec2(at.x + width, y_of(level)), colour::u32(col, 0.8f));
    const std::string t = std::to_string(static_cast<int>(level)) + "x";
    dl->AddText(ImVec2(at.x, y_of(level) - 7), colour::u32(col), t.c_str());
  }
  std::vector<ImVec2> points;
  for (const auto& [d, v] : row.alt_x_uln) points.emplace_back(x_of(d), y_of(v));
  draw_trend_line(dl, points);
  ImGui::Dummy(ImVec2(width, h + 4));
}

void draw_lab_series(const LabSeries& series, Day to, float width) {
  if (series.points.empty()) return;
  const LabPoint& last = series.points.back();
  ImGui::Text("%s (%s): last %s on %s, %zu result%s", series.test.c_str(), series.unit.c_str(),
              format_quantity(last.value).c_str(), format_day(last.day).c_str(), series.points.size(),
              series.points.size() == 1 ? "" : "s");
  const float h = 90, left = 48;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double top = last.uln * 1.2;
  for (const LabPoint& p : series.points) top = std::max(top, p.value * 1.15);
  top = std::max(1.0, std::ceil(top));  // a whole number on the axis
  const Day from = series.points.front().day;
  const Day end = std::max(to, last.day);
  const double span = std::max<double>(1.0, static_cast<double>((end - from).count()));
  auto x_of = [&](Day d) {
    return at.x + left + static_cast<float>((d - from).count() / span) * (width - left - 6);
  };
  auto y_of = [&](double v) { return at.y + h - static_cast<float>(v / top) * h; };
  dl->AddRect(ImVec2(at.x + left, at.y), ImVec2(at.x + width, at.y + h), ImGui::GetColorU32(ImGuiCol_Border));
  const std::string top_label = format_quantity(top);
  if (last.uln <= 0 || y_of(last.uln) - at.y > 16)  // never under the ULN's label
    dl->AddText(ImVec2(at.x, at.y), colour::u32(colour::muted), top_label.c_str());
  dl->AddText(ImVec2(at.x, at.y + h - 14), colour::u32(colour::muted), "0");
  if (last.uln > 0) {  // the laboratory's upper limit of normal, as last recorded
    dl->AddLine(ImVec2(at.x + left, y_of(last.uln)), ImVec2(at.x + width, y_of(last.uln)),
                colour::u32(colour::late, 0.8f));
    dl->AddText(ImVec2(at.x, y_of(last.uln) - 7), colour::u32(colour::late), "ULN");
  }
  std::vector<ImVec2> points;
  for (const LabPoint& p : series.points) points.emplace_back(x_of(p.day), y_of(p.value));
  draw_trend_line(dl, points);
  ImGui::Dummy(ImVec2(width, h + 4));
}

}  // namespace alsmeds::gui
