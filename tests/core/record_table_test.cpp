#include "alsmeds/record_table.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace alsmeds;

TEST_CASE("CSV quotes fields with commas, quotes and line breaks (RFC 4180)") {
  RecordTable t;
  t.columns = {{"name"}, {"n", true}};
  t.rows = {{"O'Brien, \"Pat\"", "1"}, {"plain", "2"}, {"two\nlines", "3"}};
  CHECK(render_csv(t) == "name,n\n\"O'Brien, \"\"Pat\"\"\",1\nplain,2\n\"two\nlines\",3\n");
}

TEST_CASE("JSON writes numeric columns as numbers and keeps text exact") {
  RecordTable t;
  t.columns = {{"name"}, {"dose_mg", true}};
  t.rows = {{"Zoë \"Ω\"", "60"}, {"x", "10.5"}};
  const auto j = nlohmann::json::parse(render_json(t));
  REQUIRE(j.size() == 2u);
  CHECK(j[0]["name"] == "Zoë \"Ω\"");
  CHECK(j[0]["dose_mg"] == 60);
  CHECK(j[1]["dose_mg"] == 10.5);
}

TEST_CASE("The text table aligns columns and shows section headings") {
  RecordTable t;
  t.columns = {{"a"}, {"n", true}};
  t.rows = {{"long text", "1"}, {"b", "22"}};
  t.headings = {{1, "second part"}};
  CHECK(render_text(t) == "a           n\nlong text   1\n-- second part\nb          22\n");
  CHECK(parse_output_format("csv").ok());
  CHECK_FALSE(parse_output_format("xml").ok());
}

TEST_CASE("CSV neutralises cells a spreadsheet would run as formulas, JSON stays exact") {
  RecordTable t;
  t.columns = {{"name"}, {"delay", true}};
  t.rows = {{"=cmd|'/C calc'!A0", "-3"}, {"-Eve", "-0.5"}, {"@SUM(A1)", "2"}, {"\tx", "+1"}, {"+x,y", ""}};
  CHECK(render_csv(t) ==
        "name,delay\n'=cmd|'/C calc'!A0,-3\n'-Eve,-0.5\n'@SUM(A1),2\n'\tx,'+1\n\"'+x,y\",\n");
  t.rows = {{"=cmd|'/C calc'!A0", "-3"}};
  const auto j = nlohmann::json::parse(render_json(t));
  CHECK(j[0]["name"] == "=cmd|'/C calc'!A0");
  CHECK(j[0]["delay"] == -3);
}

TEST_CASE("The text table shows control characters escaped, aligned by what is shown") {
  RecordTable t;
  t.title = "History of \x1B]52;c;eA==\x07";
  t.columns = {{"name"}, {"n", true}};
  t.rows = {{"\x1B[2JEve", "1"}, {"ok\rBAD", "22"}, {"Zo\xC3\xAB \xC2\x9B", "3"}};
  t.headings = {{1, "part\n2"}};
  CHECK(render_text(t) ==
        "History of \\e]52;c;eA==\\x07\n\n"
        "name         n\n"
        "\\e[2JEve     1\n"
        "-- part\\n2\n"
        "ok\\rBAD     22\n"
        "Zo\xC3\xAB \\u009b   3\n");
  CHECK(render_csv(t) == "name,n\n\x1B[2JEve,1\n\"ok\rBAD\",22\nZo\xC3\xAB \xC2\x9B,3\n");  // exact
}
