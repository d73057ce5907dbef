#pragma once
// The colour and the word of each kind of therapy day, one palette for the app's charts and the printed
// reports (HTML, PDF): a colour means the same wherever a pharmacist sees it (never colour alone: each goes
// with its word).
#include <array>
#include <string_view>

namespace alsmeds {

/// What a therapy day looked like, for the dose timeline chart (adherence.hpp, DoseAdherence::by_day).
enum class DoseDay { drug_free, taken, late, partly_missed, missed };

struct Rgb {
  float r, g, b;
};

struct DoseDayStyle {
  DoseDay day;
  Rgb colour;
  std::string_view label;
};

/// In the legend's order. Drug-free is a mid grey, readable on the app's dark background and on paper.
inline constexpr std::array<DoseDayStyle, 5> kDoseDayStyles{{
    {DoseDay::taken, {0.30f, 0.75f, 0.35f}, "taken on time"},
    {DoseDay::late, {0.95f, 0.55f, 0.10f}, "late"},
    {DoseDay::partly_missed, {0.95f, 0.60f, 0.60f}, "partly missed"},
    {DoseDay::missed, {0.90f, 0.25f, 0.25f}, "missed"},
    {DoseDay::drug_free, {0.55f, 0.55f, 0.58f}, "drug-free"},
}};

constexpr const DoseDayStyle& dose_day_style(DoseDay day) {
  for (const DoseDayStyle& s : kDoseDayStyles)
    if (s.day == day) return s;
  return kDoseDayStyles.back();
}

}  // namespace alsmeds
