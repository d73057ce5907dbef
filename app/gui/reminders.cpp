#include "reminders.hpp"

#include "alsmeds/pharmacy/supply.hpp"

namespace alsmeds::gui {

std::vector<Reminder> due_reminders(const PatientFacts& f, Instant after, Instant upto, Instant started,
                                    int refill_days) {
  std::vector<Reminder> out;
  const Day today = local_day(upto, f.zone);
  const Instant nine =
      resolve_local_time(f.zone, date::local_seconds{today.time_since_epoch()} + kDayReminderTime).instant;
  const Instant day_at = std::max(nine, started);
  const std::string title = "alsmeds - " + f.patient.name;
  for (const DueItem& item : due_items(f, today)) {
    // The ALSFRS-R self-report: once a day while it is due or overdue (our default, every 4 weeks).
    if (item.kind == "alsfrs" && item.status != DueStatus::alert) {
      if (day_at > after && day_at <= upto)
        out.push_back({day_at, "alsfrs:" + format_day(today), title,
                       "How are you doing? Your ALSFRS-R self-report is due (12 questions, in Today)."});
      continue;
    }
    if (item.status != DueStatus::due) continue;
    Reminder r;
    if (item.kind == "dose" && item.at) {
      r.at = *item.at;
      r.body = "Riluzole now: " + item.detail;
    } else if (item.kind == "dose" || item.kind == "infusion") {
      r.at = day_at;
      r.body = "Edaravone today: " + item.detail;
    } else if (item.kind == "lft") {
      r.at = day_at;
      r.body = "Liver test due today: " + item.detail;
    } else {
      continue;
    }
    if (r.at <= after || r.at > upto) continue;
    r.key = item.planned_key.empty() ? item.kind + ":" + item.when : item.planned_key;
    r.title = title;
    out.push_back(std::move(r));
  }
  if (day_at > after && day_at <= upto)  // supply running low: once a day, with the day reminders
    for (const DueItem& item : refill_items(f, today, refill_days))
      out.push_back({day_at, "refill:" + item.drug + ":" + format_day(today), title,
                     "Refill " + item.drug + " by " + item.when + ": " + item.detail});
  return out;
}

}  // namespace alsmeds::gui
