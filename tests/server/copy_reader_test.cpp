// The reader of the binary COPY stream the cohort reads come in (PgCopyReader): the rows as the format
// (PostgreSQL's documentation, "COPY", Binary Format) defines them, whatever pieces they arrive in, and a
// clear error, never a read past the data, for a stream that is not one.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "storage/postgres/pg_connection.hpp"

using alsmeds::storage::PgCopyReader;
using alsmeds::storage::PgCopyRow;
using alsmeds::storage::PgError;

namespace {

std::string be(std::uint64_t v, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}
std::string field(const std::string& bytes) {
  return be(bytes.size(), 4) + bytes;
}
const std::string kNull = be(0xffffffff, 4);
const std::string kHeader = std::string("PGCOPY\n\377\r\n\0", 11) + be(0, 4) + be(0, 4);
const std::string kTrailer = be(0xffff, 2);

// Two rows: (bigint 42, text 'taken', NULL) and (integer -7, double precision 2.5, text '').
std::string two_rows() {
  std::string out = kHeader;
  out += be(3, 2) + field(be(42, 8)) + field("taken") + kNull;
  out +=
      be(3, 2) + field(be(static_cast<std::uint32_t>(-7), 4)) + field(be(0x4004000000000000, 8)) + field("");
  return out + kTrailer;
}

struct Seen {
  std::int64_t first_number = 0;
  std::string text;
  bool third_null = false;
  std::int64_t second_number = 0;
  double real = 0;
  bool empty_text_null = true;
  int rows = 0;
};

// Feeds `stream` in pieces cut at `cuts` and records what the rows said.
Seen read_in_pieces(const std::string& stream, const std::vector<std::size_t>& cuts) {
  Seen seen;
  PgCopyReader reader;
  const auto row = [&](const PgCopyRow& r) {
    REQUIRE(r.fields() == 3);
    if (seen.rows++ == 0) {
      seen.first_number = r.integer(0);
      seen.text = r.text(1);
      seen.third_null = r.is_null(2);
    } else {
      seen.second_number = r.integer(0);
      seen.real = r.real(1);
      seen.empty_text_null = r.is_null(2);
      CHECK(r.text(2).empty());
    }
  };
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    reader.feed(stream.data() + from, cut - from, row);
    from = cut;
  }
  reader.feed(stream.data() + from, stream.size() - from, row);
  reader.finish();
  return seen;
}

void check_two_rows(const Seen& seen) {
  CHECK(seen.rows == 2);
  CHECK(seen.first_number == 42);
  CHECK(seen.text == "taken");
  CHECK(seen.third_null);
  CHECK(seen.second_number == -7);
  CHECK(seen.real == 2.5);
  CHECK_FALSE(seen.empty_text_null);  // an empty text is not NULL
}

void feed_all(const std::string& stream) {
  PgCopyReader reader;
  reader.feed(stream.data(), stream.size(), [](const PgCopyRow& r) {
    for (int f = 0; f < r.fields(); ++f) (void)r.text(f);
  });
  reader.finish();
}

}  // namespace

TEST_CASE("A binary COPY stream gives its rows, in one piece or cut anywhere") {
  const std::string stream = two_rows();
  check_two_rows(read_in_pieces(stream, {}));
  for (std::size_t cut = 1; cut < stream.size(); ++cut) {
    INFO("cut at byte " << cut);
    check_two_rows(read_in_pieces(stream, {cut}));
  }
  std::vector<std::size_t> every_byte;
  for (std::size_t cut = 1; cut < stream.size(); ++cut) every_byte.push_back(cut);
  check_two_rows(read_in_pieces(stream, every_byte));
}

TEST_CASE("A stream that is not a binary COPY stream is refused with an error, not read past its end") {
  const std::string rows = two_rows();
  // Cut short: before the trailer, inside a field, inside the header.
  for (std::size_t keep : {rows.size() - 2, rows.size() - 5, std::size_t{12}}) {
    INFO("kept " << keep << " bytes");
    CHECK_THROWS_AS(feed_all(rows.substr(0, keep)), PgError);
  }
  CHECK_THROWS_AS(feed_all("PGCOPX\n\377\r\n" + std::string(12, '\0')), PgError);         // not the signature
  CHECK_THROWS_AS(feed_all(kHeader + be(1, 2) + be(0xfffffffb, 4) + kTrailer), PgError);  // length -5
  CHECK_THROWS_AS(feed_all(kHeader + be(1000, 2) + kTrailer), PgError);                   // 1000 fields
  CHECK_THROWS_AS(feed_all(kHeader + be(1, 2) + be(0x7fffffff, 4) + "abc"), PgError);     // 2 GB promised
  CHECK_THROWS_AS(feed_all(rows + "x"), PgError);                                         // after the end
  CHECK_THROWS_AS(feed_all(std::string("PGCOPY\n\377\r\n\0", 11) + be(0, 4) + be(0x80000000, 4)), PgError);
  // A field read as a type it is not.
  const std::string odd = kHeader + be(2, 2) + field("abc") + field("abcd") + kTrailer;
  PgCopyReader reader;
  reader.feed(odd.data(), odd.size(), [](const PgCopyRow& r) {
    CHECK_THROWS_AS(r.integer(0), PgError);  // 3 bytes: no number
    CHECK_THROWS_AS(r.real(1), PgError);     // 4 bytes: no double precision number
    CHECK(r.integer(1) == 0x61626364);       // but an integer's 4 bytes
  });
  reader.finish();
}
