// Issue 15, "Reports as seen on screen": a colour in the printed report means what it means in the app's
// legend (the report's "late" was the app's "partly missed" orange, and the other way round).
#include <catch2/catch.hpp>
#include <cmath>
#include <regex>
#include <string>

#include "alsmeds/exchange/report_document.hpp"
#include "ui_style.hpp"

using namespace alsmeds;

namespace {

// How many shapes of the SVG are filled with `c` (cairo writes fill:rgb(R%,G%,B%)).
int fills_of(const std::string& svg, const ImVec4& c) {
  static const std::regex kFill(R"(rgb\(([0-9.]+)%,\s*([0-9.]+)%,\s*([0-9.]+)%\))");
  int n = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kFill); it != std::sregex_iterator(); ++it) {
    const double r = std::stod((*it)[1]) / 100, g = std::stod((*it)[2]) / 100, b = std::stod((*it)[3]) / 100;
    if (std::fabs(r - c.x) < 0.01 && std::fabs(g - c.y) < 0.01 && std::fabs(b - c.z) < 0.01) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("The report's day colours are the app legend's: late is the app's late, taken its taken") {
  AdherenceRow row;
  row.patient.id = 1;
  row.patient.name = "Ada";
  row.drug = Drug::riluzole;
  row.doses.first_day = Day{date::year{2026} / 3 / 1};
  // 12 late days, 3 taken on time, 2 missed: each colour once more in the legend.
  row.doses.by_day.assign(12, DoseDay::late);
  row.doses.by_day.insert(row.doses.by_day.end(), 3, DoseDay::taken);
  row.doses.by_day.insert(row.doses.by_day.end(), 2, DoseDay::missed);
  const std::string svg =
      row_charts_svg(row, {Day{date::year{2026} / 3 / 1}, Day{date::year{2026} / 3 / 17}});
  CHECK(fills_of(svg, gui::colour::late) >= 13);
  CHECK(fills_of(svg, gui::colour::ok) >= 4);
  CHECK(fills_of(svg, gui::colour::overdue) >= 3);
}
