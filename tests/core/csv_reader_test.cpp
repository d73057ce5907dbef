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
