#include "alerts_model.hpp"

#include <algorithm>

namespace alsmeds::gui {

std::vector<AlertLine> patient_alerts(const PatientFacts& facts, Day today,
                                      const std::vector<AlertAcknowledgment>& acks) {
  std::vector<AlertLine> out;
  for (const DueItem& item : due_items(facts, today)) {
    const bool alert =
        item.status == DueStatus::alert || (item.kind == "lft" && item.status == DueStatus::overdue);
    if (!alert) continue;
    AlertLine line{item, alert_key(item), std::nullopt};
    if (item.kind == "lft") line.item.detail = "liver test overdue since " + item.when + ": " + item.detail;
    for (const AlertAcknowledgment& a : acks)
      if (a.patient_id == facts.patient.id && a.alert_key == line.key) line.ack = a;
    out.push_back(std::move(line));
  }
  std::stable_partition(out.begin(), out.end(), [](const AlertLine& l) { return !l.ack; });
  return out;
}

int open_alert_count(const std::vector<AlertLine>& lines) {
  return static_cast<int>(
      std::count_if(lines.begin(), lines.end(), [](const AlertLine& l) { return !l.ack; }));
}

}  // namespace alsmeds::gui
