// CSV read a piece at a time (CsvParser, CsvFileReader): the same rows, lines and errors as the whole text
// read at once, wherever the pieces end.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "alsmeds/csv_reader.hpp"

using namespace alsmeds;

namespace {

// The text cut after some of its line ends (chosen by `rng`), read piece by piece.
Result<CsvTable> in_pieces(const std::string& text, std::mt19937& rng) {
  CsvParser parser;
  CsvTable table;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' || rng() % 3 != 0) continue;
    if (auto ok = parser.feed(std::string_view(text).substr(start, i + 1 - start), table); !ok)
      return fail(ok.error());
    start = i + 1;
  }
  if (auto ok = parser.feed(std::string_view(text).substr(start), table); !ok) return fail(ok.error());
  if (auto ok = parser.finish(table); !ok) return fail(ok.error());
  return table;
}

void same(const Result<CsvTable>& a, const Result<CsvTable>& b) {
  REQUIRE(a.ok() == b.ok());
  if (!a.ok()) {
    CHECK(a.error() == b.error());
    return;
  }
  CHECK(a->header == b->header);
  REQUIRE(a->rows.size() == b->rows.size());
  for (std::size_t i = 0; i < a->rows.size(); ++i) {
    CHECK(a->rows[i].line == b->rows[i].line);
    CHECK(a->rows[i].fields == b->rows[i].fields);
  }
}

const std::vector<std::string> kTexts{
    "mrn,name,tz\r\nM1,\"Doe, \"\"Jane\"\"\",UTC\r\nM2,\"two\nlines\nand three\",Europe/Paris\n\nM3,x,UTC",
    "\xEF\xBB\xBFmrn,note\nM1,\"a\n\n\nb\"\nM2,c\n",
    "a,b\n1,2\n3\n",              // a short row
    "a,b\n1,\"open\n2,3\n",       // never closed
    "a,b\n1,\"x\"y\n",            // text after a closing quote
    "a,b\n1,\"x\n\xff\"\n2,3\n",  // not UTF-8, in a field that spans a line end
    "a,b\n1,x\n2,\xc3\n3,y\n",    // not UTF-8 on line 3
    "a,b\n1,\"\xff\nx\"\n2,3\n",  // not UTF-8 before a line end inside the field: the row ends later
    "a,b\n1,x\n2,y",              // no line end at the end
    "",                           // empty
    "a,b\n",                      // a header only
};

}  // namespace

TEST_CASE("CSV in pieces that end at line ends: the rows, lines and errors of the whole text") {
  std::mt19937 rng(26);
  for (const std::string& text : kTexts)
    for (int round = 0; round < 40; ++round) {
      INFO(text);
      same(in_pieces(text, rng), parse_csv(text));
    }
  // By hand: a quoted field over three lines, cut after its first line.
  CsvParser parser;
  CsvTable t;
  REQUIRE(parser.feed("name,tz\n\"Ana\n", t).ok());
  CHECK(t.rows.empty());
  REQUIRE(parser.feed("Maria\",UTC\nBo,UTC\n", t).ok());
  REQUIRE(parser.finish(t).ok());
  REQUIRE(t.rows.size() == 2u);
  CHECK(t.rows[0].fields == std::vector<std::string>{"Ana\nMaria", "UTC"});
  CHECK(t.rows[1].line == 4);
  // A fault in a row that started in an earlier piece is still named with its line and column.
  CsvParser split;
  CsvTable u;
  REQUIRE(split.feed("a,b\n1,\"x\n", u).ok());
  const auto bad = split.feed("\xff\"\n", u);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error() == "line 2, column b: invalid UTF-8 at byte 3 (0xff)");
}

TEST_CASE(
    "A CSV file read a few bytes at a time: every batch has the header, the rows are the whole file's") {
  const auto folder = std::filesystem::temp_directory_path() / ("alsmeds-csv-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  const std::string long_note(300, 'n');  // a row longer than a block
  const std::vector<std::string> texts{kTexts[0],
                                       kTexts[1],
                                       kTexts[5],
                                       kTexts[7],
                                       kTexts[8],
                                       kTexts[9],
                                       "mrn,note\nM1,\"" + long_note + "\"\nM2,short\n"};
  for (const std::string& text : texts)
    for (std::size_t block : {1u, 5u, 17u, 64u, 4096u}) {
      INFO(text << " block " << block);
      const std::string path = (folder / "f.csv").string();
      std::FILE* f = std::fopen(path.c_str(), "wb");
      std::fwrite(text.data(), 1, text.size(), f);
      std::fclose(f);
      auto reader = CsvFileReader::open(path, block);
      REQUIRE(reader.ok());
      CsvTable all, batch;
      Result<bool> more = true;
      while ((more = (*reader)->next(batch)) && *more) {
        all.header = batch.header;
        for (CsvRow& row : batch.rows) all.rows.push_back(std::move(row));
      }
      if (more.ok()) all.header = batch.header;
      same(more.ok() ? Result<CsvTable>(all) : Result<CsvTable>(fail(more.error())), parse_csv(text));
      if (more.ok()) CHECK((*reader)->bytes_read() == text.size());
    }
  CHECK_THAT(CsvFileReader::open((folder / "missing.csv").string()).error(),
             Catch::StartsWith("cannot read '"));
  std::filesystem::remove_all(folder);
}
