#pragma once
// The infusion pharmacy's preparation list (issue 16): IV edaravone infusions per day, on the day they are
// booked where booked (else planned), with the bags each product needs (docs/supply.md), and week totals;
// tofersen's intrathecal doses with their vials (issue 26).
#include <string>
#include <vector>

#include "alsmeds/record_table.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds {

/// The product column of infusions whose patient has no dispensing that names the IV product: their bags
/// are not counted (Radicava needs two 30 mg bags a dose, a generic one 60 mg bag: never assumed).
inline constexpr const char* kUnnamedIvProduct = "iv-unnamed";
/// The product column of tofersen doses: one 100 mg/15 mL single-dose vial a dose (docs/domain.md).
inline constexpr const char* kTofersenPrepProduct = "tofersen-intrathecal";

struct PrepRow {
  Day date;  // the day; for a week total, the week's Monday (ISO weeks)
  std::string product;
  int infusions = 0;
  std::optional<int> bags{};   // IV edaravone; none for kUnnamedIvProduct
  std::optional<int> vials{};  // tofersen
  bool week = false;           // a week's total over the days of the range in that week
  bool chair = true;           // an infusion in a chair (IV edaravone); tofersen's doses are procedures
};

struct PrepList {
  std::vector<PrepRow> rows;  // days by date and product; after each week's days, the week's totals
};

/// `facts` with their logs (missed doses move make-up days; tofersen is planned from the doses given);
/// `bookings` those of from..to and around: the chairs' (store.infusion_bookings) and the lumbar-puncture
/// rooms' (store.procedure_bookings), each dose counted on its booked day. A tofersen dose overdue at `from`
/// (not given, its course going on) is counted on `from` (the first day after a pause there), the later doses
/// following it by the label's intervals: it is still to be given, as soon as possible.
PrepList pharmacy_prep(const std::vector<PatientFacts>& facts, const std::vector<InfusionBooking>& bookings,
                       Day from, Day to);

/// What the list needs of one patient, as the infusion board reads it: the facts without the log, the
/// local days of edaravone doses logged missed or refused, the current edaravone dispensings and the local
/// days of tofersen doses logged given.
struct PrepPatient {
  const PatientFacts* facts = nullptr;
  std::vector<Day> missed_edaravone{};
  std::vector<LogEntry> dispensings{};
  std::vector<Day> given_tofersen{};
};
/// The same list from what the board read (the app's list beside the board equals `pharmacy prep`).
PrepList pharmacy_prep(const std::vector<PrepPatient>& patients, const std::vector<InfusionBooking>& bookings,
                       Day from, Day to);

/// Columns date,product,infusions,bags then period (day or week) and vials.
RecordTable prep_table(const PrepList& list);

}  // namespace alsmeds
