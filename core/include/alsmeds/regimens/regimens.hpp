#pragma once
// Every drug alsmeds tracks, registered in one table (issue 26): its word where it is stored and typed, its
// name for people, its products, its hooks (label, planned-dose key, a plan by the day) and what of the
// clinic it takes part in. `Drug` and `Product` are keys into it: the CLI's --drug values, parse_drug, the
// products a course may take and the stores' allowed drugs come from this table. Code that still branches on
// a built-in drug switches over Drug with a `default:` that a registered drug takes (through its hooks), so
// the compiler no longer names a case left out: a new built-in drug is checked by its tests.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/regimens/pack.hpp"
#include "alsmeds/regimens/product.hpp"

namespace alsmeds {

/// A side effect the drug's label warns of: an effect logged during a course whose term holds one of `words`
/// (any case) raises the alert "<term> on <drug>: <advice>" (due_list.cpp).
struct EffectWarning {
  std::span<const std::string_view> words;
  std::string_view advice;
};

/// Where a course's planned doses are held on the clinic's board (the bookings' one table, schema 16).
enum class BoardPlace {
  none,           // given at home
  chair,          // an infusion chair, 60 minutes (edaravone IV)
  procedure_room  // a lumbar-puncture room for the unit's setting of minutes (tofersen)
};

/// A course as a regimen planned by the day reads it (built from a Therapy and its log, therapy_plan.hpp).
struct CourseDays {
  Day start;
  std::optional<Day> stop;
  std::vector<std::pair<Day, Day>> pauses;  // from, to (both inclusive)
  std::vector<Day> given;                   // the local days of its doses logged given, in order, one a day
};

/// A planned dose of a regimen planned by the day (tofersen; a registered drug): what the due list and the
/// calendar read of it through the regimen's plan_days hook.
struct PlannedDay {
  int first = 0, second = 0;  // its planned-dose key's numbers (key_part)
  Day day;                    // planned (a late dose: the day it is planned on now)
  Day due;                    // the day it was due
  bool given = false;         // a dose logged given answers it
  std::string name;           // "loading dose 1", "week 3"
  std::string series;         // after the name in the due list: " of 3", ""
  std::string missed_advice;  // after "missed" when overdue: "give as soon as possible; ..."
  int on_time_days = 0;       // given up to this many days after its due day is on time (adherence)
};

struct Regimen {
  Drug drug{};                             // set by the registration
  std::string_view word;                   // stored and typed: "edaravone"
  std::string_view name;                   // for people: "Edaravone"
  std::string_view noun;                   // what a product of it is called in a refusal: "an edaravone form"
  std::span<const ProductFacts> products;  // the first is the default of a new course
  /// The packs its products are dispensed in to a patient (pack.hpp); none for a drug given from the
  /// clinic's stock. Pack words are unique over every drug.
  std::span<const PackFacts> packs;
  /// A dose of one of its products in the clinic's words (product.hpp DoseLabel): the module's own.
  DoseLabel (*dose_label)(Product product) = nullptr;
  BoardPlace board_place = BoardPlace::none;  // its doses given in the clinic take a place on the board
  bool liver_tests = false;                   // a liver-test plan goes with it (docs/domain.md)
  std::string_view atc;                       // WHO ATC code (FHIR Medication coding)
  /// Whether the plan of a course depends on the doses logged (edaravone: a missed day moves a make-up dose);
  /// matching a logged dose to its planned dose then reads the patient's log.
  bool plan_reads_log = false;
  /// With plan_reads_log: every dose given anchors the plan (tofersen), not only the doses missed or refused
  /// (edaravone's make-up days). Such doses shape the plan whenever they were logged
  /// (shapes_plan_at_any_time).
  bool plan_reads_given = false;
  /// Its plan runs in cycles that a delay shifts (`therapy shift`, CycleShift).
  bool shifted_cycles = false;
  /// Doses due at a clock time (riluzole every 12 hours: on time within a window of it, doubled doses found);
  /// otherwise doses due on a day (edaravone).
  bool timed_doses = false;
  /// The label's warnings a logged side effect raises (docs/domain.md quotes them).
  std::span<const EffectWarning> effect_warnings;
  /// Side effects a patient picks in the app's quick form beside the common ones, in a patient's words.
  std::span<const std::string_view> effect_terms;
  /// A planned dose's own part of its stored key ("<word>:<course>:<part>", planned_key.hpp) from the
  /// dose's two numbers (PlannedRef::first and second, dose_record.hpp), and back: the module's own format.
  std::string (*key_part)(int first, int second) = nullptr;
  bool (*read_key_part)(std::string_view part, int& first, int& second) = nullptr;
  /// For a regimen planned by the day: a course's planned doses from its start up to `through` (or its
  /// stop), the doses given included; the due list and the calendar list them. nullptr: the regimen plans
  /// through an engine of its own (edaravone's cycles, riluzole's clock times).
  std::vector<PlannedDay> (*plan_days)(const CourseDays& course, Day through) = nullptr;
};

/// Every registered drug, in Drug's order.
std::span<const Regimen> regimens();
/// Registers one more drug after the built-in ones (a test's regimen): its Drug is the next key, set here;
/// its products' values must be new. Before any other thread reads the table (registration is not locked).
/// The table keeps the Regimen's spans: what they point to (its products, warnings, terms) must be static.
/// Throws std::invalid_argument for a word, product or pack word already registered, a pack serving
/// another drug's product, or a hook missing.
Drug register_regimen(Regimen regimen);
const Regimen& regimen(Drug drug);
/// A registered product's facts (product.hpp); throws std::out_of_range for a value none registered.
const ProductFacts& facts_of(Product product);
/// The regimen whose word and ':' a planned-dose key begins with ("tofersen:12:d3"), nullptr for none.
const Regimen* regimen_of_key(std::string_view planned_key);
/// The words of the drugs whose doses are held in `place` on the board ("edaravone" for chairs), in Drug's
/// order.
std::vector<std::string_view> drugs_held_in(BoardPlace place);
/// The words of every drug for messages and help: "edaravone or riluzole".
std::string drug_words();
/// The words of the drugs `which` keeps: "edaravone" for those whose cycles shift.
std::string drug_words(bool (*which)(const Regimen&));
/// The side effects the app's quick form offers: the common ones, then each drug's own (effect_terms), once.
std::vector<std::string> side_effect_terms();

}  // namespace alsmeds
