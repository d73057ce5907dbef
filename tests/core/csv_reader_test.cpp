#include "alsmeds/csv_reader.hpp"

#include <catch2/catch.hpp>

using namespace alsmeds;

TEST_CASE("CSV: quoted fields with commas, doubled quotes and line breaks, CRLF or LF") {
  const auto t =
      parse_csv("mrn,name,tz\r\nM1,\"Doe, \"\"Jane\"\"\",UTC\r\nM2,\"two\nlines\",Europe/Paris\n\nM3,x,UTC");
  REQUIRE(t.ok());
  CHECK(t->header == std::vector<std::string>{"mrn", "name", "tz"});
  REQUIRE(t->rows.size() == 3u);
  CHECK(t->rows[0].fields[1] == "Doe, \"Jane\"");
  CHECK(t->rows[1].fields[1] == "two\nlines");
  CHECK(t->rows[1].line == 3);
  CHECK(t->rows[2].line == 6);  // line 5 is blank
  CHECK(t->column("tz") == 2);
  CHECK(t->column("born") == -1);
}

TEST_CASE("CSV errors name the line") {
  CHECK_THAT(parse_csv("a,b\n1,2\n3\n").error(), Catch::Contains("line 3"));
  CHECK_THAT(parse_csv("a,b\n1,\"open\n").error(),
             Catch::Contains("line 2") && Catch::Contains("never closed"));
  CHECK_THAT(parse_csv("a,b\n1,\"x\"y\n").error(), Catch::Contains("line 2"));
  CHECK_THAT(parse_csv("a,b\n1,x\"y\n").error(), Catch::Contains("line 2"));
  CHECK_FALSE(parse_csv("").ok());
  CHECK(parse_csv("a,b\n")->rows.empty());
}

TEST_CASE("CSV: a leading byte-order mark (as spreadsheet programs write it) is not part of the header") {
  const auto t = parse_csv("\xEF\xBB\xBFmrn,name,tz\r\nM1,Ana,UTC\r\n");
  REQUIRE(t.ok());
  CHECK(t->header == std::vector<std::string>{"mrn", "name", "tz"});
  CHECK(t->column("mrn") == 0);
  REQUIRE(t->rows.size() == 1u);
  CHECK(t->rows[0].line == 2);
  CHECK(parse_csv("\xEF\xBB\xBF\xEF\xBB\xBFmrn\n")->header[0] == "\xEF\xBB\xBFmrn");  // only one is dropped
}

TEST_CASE("CSV: a field that is not UTF-8 text is refused with its line and column") {
  CHECK(parse_csv("mrn,name,tz\nM1,Ana,UTC\nM2,Bad \xFF name,UTC\n").error() ==
        "line 3, column name: invalid UTF-8 at byte 5 (0xff)");
  CHECK(parse_csv("mrn,name,tz\nM1,\"two\nlines \xC0\xAF\",UTC\n").error() ==
        "line 2, column name: invalid UTF-8 at byte 11 (0xc0)");  // an overlong '/', in a quoted field
  CHECK(parse_csv("mrn,na\xED\xA0\x80me\n").error() ==
        "line 1, column 2: invalid UTF-8 at byte 3 (0xed)");  // a surrogate in the header
  CHECK(parse_csv(std::string("mrn,name\nM1,A\0B\n", 16)).error() ==
        "line 2, column name: a NUL character at byte 2");
  CHECK(parse_csv("mrn,name\nM1,Zo\xC3\xAB\n")->rows[0].fields[1] == "Zo\xC3\xAB");
}
