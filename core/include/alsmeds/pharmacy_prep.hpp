#pragma once
// The infusion pharmacy's preparation list (issue 16): IV edaravone infusions per day, on the day they are
// booked where booked (else planned), with the bags each product needs (docs/supply.md), and week totals.
#include <string>
#include <vector>

#include "alsmeds/due_list.hpp"
#include "alsmeds/record_table.hpp"
#include "alsmeds/records.hpp"

namespace alsmeds {

/// The product column of infusions whose patient has no dispensing that names the IV product: their bags
/// are not counted (Radicava needs two 30 mg bags a dose, a generic one 60 mg bag: never assumed).
inline constexpr const char* kUnnamedIvProduct = "iv-unnamed";

struct PrepRow {
  Day date;  // the day; for a week total, the week's Monday (ISO weeks)
  std::string product;
  int infusions = 0;
  std::optional<int> bags;  // none for kUnnamedIvProduct
  bool week = false;        // a week's total over the days of the range in that week
};

struct PrepList {
  std::vector<PrepRow> rows;  // days by date and product; after each week's days, the week's totals
};

/// `facts` with their logs (missed doses move make-up days); `bookings` those of from..to and around.
PrepList pharmacy_prep(const std::vector<PatientFacts>& facts, const std::vector<InfusionBooking>& bookings,
                       Day from, Day to);

/// What the list needs of one patient, as the infusion board reads it: the facts without the log, the
/// local days of edaravone doses logged missed or refused, and the current edaravone dispensings.
struct PrepPatient {
  const PatientFacts* facts = nullptr;
  std::vector<Day> missed_edaravone;
  std::vector<LogEntry> dispensings;
};
/// The same list from what the board read (the app's list beside the board equals `pharmacy prep`).
PrepList pharmacy_prep(const std::vector<PrepPatient>& patients, const std::vector<InfusionBooking>& bookings,
                       Day from, Day to);

/// Columns date,product,infusions,bags then period (day or week).
RecordTable prep_table(const PrepList& list);

}  // namespace alsmeds
