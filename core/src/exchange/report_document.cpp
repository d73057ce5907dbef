#include "alsmeds/exchange/report_document.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "alsmeds/adherence/cohort_columns.hpp"
#include "alsmeds/adherence/dose_day_palette.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "document_module.hpp"

namespace alsmeds {
namespace {

constexpr double kPageWidth = 595, kPageHeight = 842, kMargin = 40;  // A4 in points
constexpr double kChartsHeight = 410;                                // with the ALSFRS-R chart
const char* const kFont = "DejaVu Sans";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Color {
  double r, g, b;
};
constexpr Color kInk{0.1, 0.1, 0.1}, kGrid{0.6, 0.6, 0.6};

// The app's palette (dose_day_palette.hpp): a colour means the same on screen and on paper.
constexpr Color colour_of(DoseDay day) {
  const Rgb c = dose_day_style(day).colour;
  return {c.r, c.g, c.b};
}
constexpr Color kTaken = colour_of(DoseDay::taken), kLate = colour_of(DoseDay::late),
                kMissed = colour_of(DoseDay::missed);

void set(cairo_t* cr, Color c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void text(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold = false) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, s.c_str());
}

// A column's cell for people (cohort_columns.cpp).
std::string shown(std::string_view key, const AdherenceRow& row) {
  return find_cohort_column(key)->shown(row);
}

void legend(cairo_t* cr, double x, double y, const std::vector<std::pair<Color, std::string>>& items) {
  for (const auto& [c, label] : items) {
    set(cr, c);
    cairo_rectangle(cr, x, y - 7, 8, 8);
    cairo_fill(cr);
    set(cr, kInk);
    text(cr, x + 11, y, label, 7);
    x += 16 + 4.3 * static_cast<double>(label.size());
  }
}

/// One cell per therapy day: taken on time, late, partly missed, missed, drug-free.
double dose_timeline(cairo_t* cr, double x, double y, double w, const AdherenceRow& row) {
  set(cr, kInk);
  text(cr, x, y + 10, "Doses per day", 9, true);
  const auto& days = row.doses.by_day;
  const double cell = days.empty() ? 0 : w / static_cast<double>(days.size());
  for (std::size_t i = 0; i < days.size(); ++i) {
    const DoseDay d = days[i];
    set(cr, colour_of(d));
    cairo_rectangle(cr, x + cell * static_cast<double>(i), y + 16, std::max(cell, 0.6), 22);
    cairo_fill(cr);
  }
  set(cr, kInk);
  if (!days.empty()) {
    text(cr, x, y + 48, format_day(row.doses.first_day), 7);
    const std::string last = format_day(row.doses.first_day + date::days{static_cast<int>(days.size()) - 1});
    text(cr, x + w - 42, y + 48, last, 7);
  } else {
    text(cr, x, y + 30, "no therapy days in the period", 8);
  }
  std::vector<std::pair<Color, std::string>> items;
  for (const DoseDayStyle& style : kDoseDayStyles) items.emplace_back(colour_of(style.day), style.label);
  legend(cr, x, y + 62, items);
  return 72;
}

/// The ALSFRS-R total on the dose timeline's axis (issue 28): a report's point in its day's middle, the axis
/// from 48 down to a little under the lowest total shown, labelled.
double alsfrs_chart(cairo_t* cr, double x, double y, double w, const AdherenceRow& row) {
  const AlsfrsSummary& a = row.alsfrs;
  set(cr, kInk);
  if (!a.last_total) {
    text(cr, x, y + 10, "ALSFRS-R: no report by the period's end", 8);
    return 16;
  }
  text(cr, x, y + 10,
       "ALSFRS-R total: last " + std::to_string(*a.last_total) + " on " + format_day(*a.last_day) +
           "; delta FS " + format_points_a_month(a.delta_fs) + ", 6-month slope " +
           format_points_a_month(a.slope_6m) + " a month",
       9, true);
  const auto& days = row.doses.by_day;
  const double top = y + 16, h = 50, cell = days.empty() ? 0 : w / static_cast<double>(days.size());
  int lowest = 48;
  for (const auto& [day, total] : a.totals)
    if (const auto i = (day - row.doses.first_day).count(); i >= 0 && i < static_cast<long>(days.size()))
      lowest = std::min(lowest, total);
  const int floor = std::max(0, (lowest - 4) / 4 * 4);
  auto y_of = [&](int total) { return top + h - (total - floor) / static_cast<double>(48 - floor) * h; };
  set(cr, kGrid);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, x, top, w, h);
  cairo_stroke(cr);
  text(cr, x + 2, top + 7, "48", 6);
  text(cr, x + 2, top + h - 2, std::to_string(floor), 6);
  set(cr, kInk);
  cairo_set_line_width(cr, 1.2);
  bool first = true;
  for (const auto& [day, total] : a.totals) {
    const auto i = (day - row.doses.first_day).count();
    if (days.empty() || i < 0 || i >= static_cast<long>(days.size())) continue;
    const double px = x + cell * (static_cast<double>(i) + 0.5), py = y_of(total);
    if (first)
      cairo_move_to(cr, px, py);
    else
      cairo_line_to(cr, px, py);
    first = false;
  }
  cairo_stroke(cr);
  for (const auto& [day, total] : a.totals) {
    const auto i = (day - row.doses.first_day).count();
    if (days.empty() || i < 0 || i >= static_cast<long>(days.size())) continue;
    cairo_arc(cr, x + cell * (static_cast<double>(i) + 0.5), y_of(total), 2, 0, 6.2832);
    cairo_fill(cr);
  }
  return 74;
}

/// A plan's cycles (edaravone's): planned doses as an outline, given doses filled.
double cycle_bars(cairo_t* cr, double x, double y, double w, const AdherenceRow& row) {
  set(cr, kInk);
  text(cr, x, y + 10, std::string(regimen(row.drug).name) + " cycles: doses given of planned", 9, true);
  const auto& cycles = row.doses.cycles;
  const double h = 80, base = y + 18 + h,
               bar = std::min(36.0, w / std::max<std::size_t>(cycles.size(), 1) - 6);
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    const auto& c = cycles[i];
    const double bx = x + static_cast<double>(i) * (bar + 6);
    const double planned_h = h * c.planned / 14.0, given_h = h * c.given / 14.0;
    set(cr, c.given < c.planned ? kMissed : kTaken);
    cairo_rectangle(cr, bx, base - given_h, bar, given_h);
    cairo_fill(cr);
    set(cr, kInk);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, bx, base - planned_h, bar, planned_h);
    cairo_stroke(cr);
    text(cr, bx, base + 10, "C" + std::to_string(c.cycle), 7);
    text(cr, bx, base - planned_h - 3, std::to_string(c.given) + "/" + std::to_string(c.planned), 7);
    if (c.deviations > 0) {  // protocol deviations of the cycle, under its name
      set(cr, kMissed);
      text(cr, bx, base + 19, "!" + std::to_string(c.deviations) + " dev.", 7);
      set(cr, kInk);
    }
  }
  return h + 40;
}

/// `name` shortened (whole characters, then "...") so that `name` + `after` in `size` fits `width`.
std::string fit_text(cairo_t* cr, const std::string& name, double size, bool bold, double width,
                     const std::string& after = "") {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  auto wide = [&](const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    return e.x_advance;
  };
  if (wide(name + after) <= width) return name;
  std::string shown = name;
  while (!shown.empty() && wide(shown + "..." + after) > width) {  // drop the last whole character
    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
    if (!shown.empty()) shown.pop_back();
  }
  return shown + "...";
}

/// ALT as a multiple of the upper limit of normal, with the 1x, 3x and 5x lines of the label.
double alt_trend(cairo_t* cr, double x, double y, double w, const AdherenceRow& row, const Period& period) {
  set(cr, kInk);
  text(cr, x, y + 10, "ALT (x ULN): 1x, 3x (re-test), 5x (stop " + std::string(regimen(row.drug).word) + ")",
       9, true);
  const double h = 90, top = y + 18, bottom = top + h;
  double high = 6;
  for (const auto& [d, v] : row.alt_x_uln) high = std::max(high, v + 0.5);
  const Day from = row.alt_x_uln.empty() ? period.from : std::min(period.from, row.alt_x_uln.front().first);
  const double span = std::max(1.0, static_cast<double>((period.to - from).count()));
  auto px = [&](Day d) { return x + 24 + (w - 24) * static_cast<double>((d - from).count()) / span; };
  auto py = [&](double v) { return bottom - h * v / high; };
  for (double line : {1.0, 3.0, 5.0}) {
    set(cr, line == 1.0 ? kGrid : line == 3.0 ? kLate : kMissed);
    const double dash[] = {3, 2};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, x + 24, py(line));
    cairo_line_to(cr, x + w, py(line));
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    text(cr, x, py(line) + 3, std::to_string(static_cast<int>(line)) + "x", 7);
  }
  set(cr, kInk);
  cairo_set_line_width(cr, 1.2);
  for (std::size_t i = 0; i < row.alt_x_uln.size(); ++i) {
    const auto& [d, v] = row.alt_x_uln[i];
    if (i == 0)
      cairo_move_to(cr, px(d), py(v));
    else
      cairo_line_to(cr, px(d), py(v));
  }
  cairo_stroke(cr);
  for (const auto& [d, v] : row.alt_x_uln) {
    cairo_arc(cr, px(d), py(v), 2.2, 0, 6.2832);
    cairo_fill(cr);
  }
  // Between the 3x and 5x lines, where no line runs through it (a trial found it struck through by the 3x).
  if (row.alt_x_uln.empty()) text(cr, x + 30, py(4.0) + 3, "no ALT result recorded", 8);
  text(cr, x + 24, bottom + 10, format_day(from), 7);
  text(cr, x + w - 42, bottom + 10, format_day(period.to), 7);
  return h + 34;
}

double draw_row_charts(cairo_t* cr, double x, double y, double w, const AdherenceRow& row,
                       const Period& period) {
  set(cr, kInk);
  // The flag and the drug always on the page: a long name is shortened to fit the width (with "..."), never
  // the words after it (a trial lost "UNDER 80%" off the page's edge behind a long Greek name).
  const std::string after = " (" + row.patient.mrn.value_or("id " + std::to_string(row.patient.id)) + ") - " +
                            std::string(to_string(row.drug)) + (row.flagged ? " - UNDER 80%" : "");
  text(cr, x, y + 12, fit_text(cr, row.patient.name, 11, true, w, after) + after, 11, true);
  text(cr, x, y + 26,
       "taking " + shown("taking_pct", row) + ", timing " + shown("timing_pct", row) + ", PDC " +
           shown("pdc_pct", row) + ", gap days " + std::to_string(row.refills.gap_days) +
           ", longest run missed " + std::to_string(row.doses.longest_missed_run) + ", deviations " +
           std::to_string(row.doses.deviations.size()),
       8);
  double at = y + 34;
  at += dose_timeline(cr, x, at, w, row);
  at += alsfrs_chart(cr, x, at, w, row);
  // What follows a drug's timeline is its regimen's (regimens.hpp): the cycles of a plan in cycles
  // (edaravone), the ALT trend of a drug with liver tests (riluzole); tofersen's doses are on the timeline.
  const Regimen& regimen_of_row = regimen(row.drug);
  if (regimen_of_row.shifted_cycles) at += cycle_bars(cr, x, at, w, row);
  if (regimen_of_row.liver_tests) at += alt_trend(cr, x, at, w, row, period);
  return at - y;
}

void page_header(cairo_t* cr, const ReportHeader& h, int page) {
  set(cr, kInk);
  text(cr, kMargin, kMargin, fit_text(cr, h.title, 14, true, kPageWidth - 2 * kMargin), 14,
       true);  // a long name
  text(cr, kMargin, kMargin + 16,
       "Period " + format_day(h.period.from) + " to " + format_day(h.period.to) + " - made " +
           format_utc(h.made) + " - page " + std::to_string(page),
       8);
  // The rule set on up to three lines.
  std::string rest = h.rules;
  for (double y = kMargin + 28; !rest.empty(); y += 9) {
    std::size_t cut = rest.size() <= 120 ? rest.size() : rest.rfind(' ', 120);
    if (cut == std::string::npos || cut == 0) cut = std::min<std::size_t>(rest.size(), 120);
    text(cr, kMargin, y, rest.substr(0, cut), 7);
    rest.erase(0, std::min(rest.size(), cut + 1));
  }
}

/// At most `bytes` bytes of UTF-8 text, never cutting a character in two (cairo refuses broken UTF-8).
std::string clip_utf8(const std::string& s, std::size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return s.substr(0, bytes);
}

/// A drawing that went wrong (cairo stops drawing after its first error) must not become a blank report.
void require_drawn(cairo_t* cr) {
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("report drawing failed: ") +
                             cairo_status_to_string(cairo_status(cr)));
}

// The page's cells of a row: the columns on the page (cohort_columns.cpp), for people, whole (the PDF fits
// each to its column's width when drawing it).
std::vector<std::string> cells(const AdherenceRow& r) {
  std::vector<std::string> out;
  for (const CohortColumn* c : cohort_columns_in(on_page)) out.push_back(c->shown(r));
  return out;
}

}  // namespace

std::string documents::adherence_pdf(const std::vector<AdherenceRow>& rows,
                                     const std::vector<std::size_t>& charted, const ReportHeader& header) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kPageWidth, kPageHeight);
  cairo_t* cr = cairo_create(surface);
  int page = 1;
  double y = kMargin + 56;
  page_header(cr, header, page);
  const auto columns = cohort_columns_in(on_page);
  auto column_heads = [&] {
    double x = kMargin;
    for (const CohortColumn* c : columns) {
      text(cr, x, y, std::string(c->heading_on_page()), 8, true);
      x += c->page_points;
    }
    y += 14;
  };
  column_heads();
  for (const AdherenceRow& r : rows) {
    if (y > kPageHeight - kMargin) {
      cairo_show_page(cr);
      page_header(cr, header, ++page);
      y = kMargin + 56;
      column_heads();
    }
    if (r.flagged) {
      cairo_set_source_rgb(cr, 1.0, 0.88, 0.88);
      cairo_rectangle(cr, kMargin - 2, y - 9, kPageWidth - 2 * kMargin + 4, 12);
      cairo_fill(cr);
    }
    set(cr, kInk);
    const auto row = cells(r);
    double x = kMargin;
    for (std::size_t c = 0; c < row.size(); ++c) {
      // Shortened with "..." to its column (a name was cut at 22 bytes: 11 Greek letters and no mark).
      text(cr, x, y,
           c + 1 < row.size() ? fit_text(cr, row[c], 8, false, columns[c]->page_points - 3) : row[c], 8);
      x += columns[c]->page_points;
    }
    y += 12;
  }
  // Chart pages: two rows' charts per page.
  for (std::size_t i = 0; i < charted.size(); ++i) {
    if (i % 2 == 0) {
      cairo_show_page(cr);
      page_header(cr, header, ++page);
      y = kMargin + 52;
    }
    y += draw_row_charts(cr, kMargin, y, kPageWidth - 2 * kMargin, rows.at(charted[i]), header.period) + 20;
  }
  require_drawn(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

std::string documents::table_pdf(const RecordTable& table, const ReportHeader& header) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kPageWidth, kPageHeight);
  cairo_t* cr = cairo_create(surface);
  int page = 1;
  double y = kMargin + 56;
  const std::size_t n = std::max<std::size_t>(table.columns.size(), 1);
  const double column_w = (kPageWidth - 2 * kMargin) / static_cast<double>(n);
  const std::size_t cell_bytes = static_cast<std::size_t>(column_w / 4.5);  // 8 pt text
  page_header(cr, header, page);
  auto column_heads = [&] {
    set(cr, kInk);
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      text(cr, kMargin + column_w * static_cast<double>(c), y, clip_utf8(table.columns[c].name, cell_bytes),
           8, true);
    y += 14;
  };
  column_heads();
  for (const std::vector<std::string>& row : table.rows) {
    if (y > kPageHeight - kMargin) {
      cairo_show_page(cr);
      page_header(cr, header, ++page);
      y = kMargin + 56;
      column_heads();
    }
    for (std::size_t c = 0; c < row.size() && c < n; ++c)
      text(cr, kMargin + column_w * static_cast<double>(c), y, clip_utf8(row[c], cell_bytes), 8);
    y += 12;
  }
  if (table.rows.empty()) text(cr, kMargin, y, "(nothing in this period)", 8);
  require_drawn(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

std::string documents::row_charts_svg(const AdherenceRow& row, const Period& period) {
  std::string out;
  const double w = kPageWidth - 2 * kMargin;
  cairo_surface_t* surface = cairo_svg_surface_create_for_stream(append, &out, w, kChartsHeight);
  cairo_t* cr = cairo_create(surface);
  draw_row_charts(cr, 0, 0, w, row, period);
  require_drawn(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  return out;
}

}  // namespace

std::string documents::adherence_html(const std::vector<AdherenceRow>& rows,
                                      const std::vector<std::size_t>& charted, const ReportHeader& header) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(header.title) +
      "</title>\n<style>body{font-family:'DejaVu Sans',sans-serif;margin:2em}table{border-collapse:collapse}"
      "td,th{padding:2px 8px;text-align:right;border-bottom:1px solid "
      "#ddd}td:nth-child(-n+3),th:nth-child(-n+3)"
      "{text-align:left}tr.flag{background:#fde0e0}</style></head><body>\n<h1>" +
      escape(header.title) + "</h1>\n<p>Period " + format_day(header.period.from) + " to " +
      format_day(header.period.to) + ". Made " + format_utc(header.made) + ".</p>\n<p><small>" +
      escape(header.rules) + "</small></p>\n<table>\n<tr>";
  for (const CohortColumn* c : cohort_columns_in(on_page))
    h += "<th>" + escape(std::string(c->heading_on_page())) + "</th>";
  h += "<th>Flag</th></tr>\n";
  for (const AdherenceRow& r : rows) {
    h += r.flagged ? "<tr class=\"flag\">" : "<tr>";
    for (const auto& c : cells(r)) h += "<td>" + escape(c) + "</td>";
    h += std::string("<td>") + (r.flagged ? "under 80%" : "") + "</td></tr>\n";
  }
  h += "</table>\n";
  for (std::size_t i : charted) {
    std::string svg = documents::row_charts_svg(rows.at(i), header.period);
    if (auto at = svg.find("<svg"); at != std::string::npos) svg.erase(0, at);  // drop the XML declaration
    h += "<section>" + svg + "</section>\n";
  }
  return h + "</body></html>\n";
}

}  // namespace alsmeds
