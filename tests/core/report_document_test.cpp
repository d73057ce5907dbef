// The report documents with names that are easy to get wrong: long UTF-8 names clipped in the table, markup
// in a name shown as text in HTML.
#include "alsmeds/exchange/report_document.hpp"

#include <catch2/catch.hpp>

using namespace alsmeds;

namespace {

AdherenceRow row_for(const std::string& name) {
  AdherenceRow r;
  r.patient.id = 1;
  r.patient.name = name;
  r.patient.mrn = "M-1";
  r.drug = Drug::riluzole;
  r.doses.scheduled = 4;
  r.doses.taken = 3;
  r.doses.first_day = Day{date::year{2026} / 3 / 1};
  r.doses.by_day = {DoseDay::taken, DoseDay::partly_missed};
  r.alt_x_uln = {{Day{date::year{2026} / 2 / 1}, 0.8}, {Day{date::year{2026} / 3 / 1}, 3.4}};
  return r;
}

const ReportHeader kHeader{"Adherence report",
                           {Day{date::year{2026} / 3 / 1}, Day{date::year{2026} / 3 / 2}},
                           kAdherenceRules,
                           Instant{Day{date::year{2026} / 3 / 3}}};

}  // namespace

TEST_CASE("PDF: a long name whose 24th byte falls inside a character is clipped, not broken") {
  // "Anna-Maria Schönberger" + "é": byte 24 is the second byte of that "é".
  const std::string name = "Anna-Maria Sch\xc3\xb6nberger\xc3\xa9\xc3\xa9 \xc3\x98st";
  REQUIRE(static_cast<unsigned char>(name[24]) == 0xA9);
  std::string pdf;
  REQUIRE_NOTHROW(pdf = adherence_pdf({row_for(name)}, {0}, kHeader));  // cairo refuses broken UTF-8
  CHECK(pdf.rfind("%PDF-", 0) == 0);
}

TEST_CASE("HTML: a long name stands whole in the table, and the PDF of it draws") {
  // A trial found names cut at 22 bytes in the HTML too (11 Greek letters, no mark), where nothing is narrow.
  const std::string name =
      "\xce\x91\xce\xbb\xce\xb5\xce\xbe\xce\xac\xce\xbd\xce\xb4\xcf\x81\xce\xb1 "
      "\xce\xa0\xce\xb1\xcf\x80\xce\xb1\xce\xb4\xce\xbf\xcf\x80\xce\xbf\xcf\x8d\xce\xbb\xce\xbf\xcf\x85";
  REQUIRE(name.size() > 22);
  CHECK(adherence_html({row_for(name)}, {0}, kHeader).find("<td>" + name + "</td>") != std::string::npos);
  std::string pdf;
  REQUIRE_NOTHROW(pdf = adherence_pdf({row_for(name)}, {0}, kHeader));
  CHECK(pdf.rfind("%PDF-", 0) == 0);
}

TEST_CASE("HTML: names are escaped, charts are inline SVG") {
  const std::string html = adherence_html({row_for("Bob <b>&</b>")}, {0}, kHeader);
  CHECK(html.find("Bob &lt;b&gt;&amp;&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<b>&</b>") == std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("<?xml") == std::string::npos);
}

TEST_CASE("Charts: every row of one patient's report, of the cohort's the first 50 flagged rows") {
  std::vector<AdherenceRow> rows;
  for (int i = 0; i < 130; ++i) {
    rows.push_back(row_for("P" + std::to_string(i)));
    rows.back().flagged = i % 2 == 1;  // 65 flagged: 1, 3, 5, ...
  }
  const std::vector<AdherenceRow> three(rows.begin(), rows.begin() + 3);
  CHECK(rows_to_chart(three, false) == std::vector<std::size_t>{0, 1, 2});
  CHECK(rows_to_chart(three, true) == std::vector<std::size_t>{1});
  const std::vector<std::size_t> cohort = rows_to_chart(rows, true);
  REQUIRE(cohort.size() == 50);
  CHECK(cohort.front() == 1);
  CHECK(cohort.back() == 99);  // the 50th flagged row
}

TEST_CASE("Charts: the ALT trend follows the timeline of a drug with liver tests only") {
  // docs/domain.md: riluzole's label asks for liver tests (ALT against 1x, 3x and 5x ULN, the dashed lines);
  // edaravone's and tofersen's do not. The same results on an edaravone or tofersen row draw no trend.
  const Period period = kHeader.period;
  AdherenceRow row = row_for("Rita Riluzole");
  CHECK_THAT(row_charts_svg(row, period), Catch::Contains("stroke-dasharray"));
  for (Drug other : {Drug::edaravone, Drug::tofersen}) {
    row.drug = other;
    CHECK_THAT(row_charts_svg(row, period), !Catch::Contains("stroke-dasharray"));
  }
}
