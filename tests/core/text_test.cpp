// The text checks at the edges: UTF-8 validation, terminal escaping, spreadsheet formula neutralisation.
// Expected values worked by hand from RFC 3629 and the OWASP CSV injection rule.
#include "alsmeds/text.hpp"

#include <catch2/catch.hpp>
#include <string>

using alsmeds::check_text;
using alsmeds::escape_for_terminal;
using alsmeds::find_text_fault;
using alsmeds::neutralise_formula;
using alsmeds::without_bom;

TEST_CASE("UTF-8 that is well formed passes, at every length") {
  CHECK_FALSE(find_text_fault(""));
  CHECK_FALSE(find_text_fault("Ana Souza"));
  CHECK_FALSE(find_text_fault("a plain ASCII line longer than eight bytes, checked a word at a time"));
  CHECK_FALSE(find_text_fault("Zo\xC3\xAB"));                     // U+00EB, 2 bytes
  CHECK_FALSE(find_text_fault("\xE0\xA0\x80"));                   // U+0800, the smallest 3-byte form
  CHECK_FALSE(find_text_fault("\xED\x9F\xBF"));                   // U+D7FF, just below the surrogates
  CHECK_FALSE(find_text_fault("\xEE\x80\x80"));                   // U+E000, just above them
  CHECK_FALSE(find_text_fault("\xEF\xBF\xBF"));                   // U+FFFF
  CHECK_FALSE(find_text_fault("\xF0\x90\x80\x80"));               // U+10000, the smallest 4-byte form
  CHECK_FALSE(find_text_fault("\xF4\x8F\xBF\xBF"));               // U+10FFFF, the last code point
  CHECK_FALSE(find_text_fault("\x1B[2J and \xC2\x9B controls"));  // controls are text; output escapes them
}

TEST_CASE("The first byte of a sequence that is not UTF-8 is found") {
  CHECK(find_text_fault("Bad \xFF name") == 4u);
  CHECK(find_text_fault("\x80") == 0u);                        // a continuation byte alone
  CHECK(find_text_fault("ab\xC0\xAF") == 2u);                  // overlong '/' (2 bytes)
  CHECK(find_text_fault("\xC1\xBF") == 0u);                    // overlong U+007F
  CHECK(find_text_fault("\xE0\x80\xAF") == 0u);                // overlong '/' (3 bytes)
  CHECK(find_text_fault("\xE0\x9F\xBF") == 0u);                // overlong U+07FF
  CHECK(find_text_fault("\xF0\x8F\xBF\xBF") == 0u);            // overlong U+FFFF
  CHECK(find_text_fault("x\xED\xA0\x80") == 1u);               // U+D800, a surrogate
  CHECK(find_text_fault("\xED\xBF\xBF") == 0u);                // U+DFFF
  CHECK(find_text_fault("\xF4\x90\x80\x80") == 0u);            // U+110000
  CHECK(find_text_fault("\xF5\x80\x80\x80") == 0u);            // no lead byte F5-FF exists
  CHECK(find_text_fault("Zo\xC3") == 2u);                      // cut off at the end
  CHECK(find_text_fault("\xE2\x82x") == 0u);                   // cut off by an ASCII byte
  CHECK(find_text_fault("twelve bytes\xFF") == 12u);           // after a whole ASCII word
  CHECK(find_text_fault(std::string("nul\0byte", 8)) == 3u);   // NUL is refused as well
  CHECK(find_text_fault(std::string("12345678\0", 9)) == 8u);  // NUL found by the word check's fallback
  CHECK(find_text_fault(std::string("1234\0"
                                    "678",
                                    8)) == 4u);  // NUL inside a whole word
}

TEST_CASE("check_text names the byte from 1 and its value") {
  CHECK(check_text("Ana"));
  CHECK(check_text("Bad \xFF name").error() == "invalid UTF-8 at byte 5 (0xff)");
  CHECK(check_text(std::string("a\0", 2)).error() == "a NUL character at byte 2");
}

TEST_CASE("One leading byte-order mark is dropped, nothing else") {
  CHECK(without_bom("\xEF\xBB\xBFmrn,name") == "mrn,name");
  CHECK(without_bom("\xEF\xBB\xBF\xEF\xBB\xBFx") == "\xEF\xBB\xBFx");
  CHECK(without_bom("mrn,\xEF\xBB\xBF") == "mrn,\xEF\xBB\xBF");
  CHECK(without_bom("\xEF\xBB") == "\xEF\xBB");
  CHECK(without_bom("") == "");
}

TEST_CASE("Terminal text shows controls as escapes and keeps the rest") {
  CHECK(escape_for_terminal("Zo\xC3\xAB O'Brien") == "Zo\xC3\xAB O'Brien");
  CHECK(escape_for_terminal("\x1B[2JEve") == "\\e[2JEve");
  CHECK(escape_for_terminal("\x1B]52;c;ZWNobw==\x07") == "\\e]52;c;ZWNobw==\\x07");  // OSC 52, clipboard
  CHECK(escape_for_terminal("ok\rBAD") == "ok\\rBAD");
  CHECK(escape_for_terminal("a\nb\tc") == "a\\nb\\tc");
  CHECK(escape_for_terminal(std::string("\0\x1F\x7F", 3)) == "\\x00\\x1f\\x7f");
  CHECK(escape_for_terminal("\xC2\x9B"
                            "2J") == "\\u009b2J");                                     // C1 CSI
  CHECK(escape_for_terminal("\xC2\x80\xC2\x9F\xC2\xA0") == "\\u0080\\u009f\xC2\xA0");  // NBSP is text
  CHECK(escape_for_terminal("Bad \xFF name") == "Bad \\xff name");
  CHECK(escape_for_terminal("\xE2\x82") == "\\xe2\\x82");  // a cut-off sequence
  CHECK(escape_for_terminal("\xF0\x9F\x92\x8A pill") == "\xF0\x9F\x92\x8A pill");
  CHECK(escape_for_terminal("C:\\path") == "C:\\path");  // a backslash stays as typed
}

TEST_CASE("Cells a spreadsheet would run as a formula get a leading quote") {
  CHECK(neutralise_formula("=cmd|'/C calc'!A0") == "'=cmd|'/C calc'!A0");
  CHECK(neutralise_formula("+1+1") == "'+1+1");
  CHECK(neutralise_formula("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0");
  CHECK(neutralise_formula("@SUM(A1:A9)") == "'@SUM(A1:A9)");
  CHECK(neutralise_formula("\t=1") == "'\t=1");
  CHECK(neutralise_formula("\r=1") == "'\r=1");
  CHECK(neutralise_formula("-Eve") == "'-Eve");
  CHECK(neutralise_formula("+5") == "'+5");  // only a minus sign counts as a plain number
  CHECK(neutralise_formula("-") == "'-");
  CHECK(neutralise_formula("-.5") == "'-.5");
  CHECK(neutralise_formula("-5.") == "'-5.");
  CHECK(neutralise_formula("-1e3") == "'-1e3");
}

TEST_CASE("Plain numbers and ordinary text are left as they are") {
  CHECK(neutralise_formula("-12") == "-12");
  CHECK(neutralise_formula("-0.5") == "-0.5");
  CHECK(neutralise_formula("97.5") == "97.5");
  CHECK(neutralise_formula("") == "");
  CHECK(neutralise_formula("Ana = Souza") == "Ana = Souza");
  CHECK(neutralise_formula(" =1") == " =1");
  CHECK(neutralise_formula("2026-03-08T08:00:00-04:00") == "2026-03-08T08:00:00-04:00");
}
