#pragma once
// The alerts panel: a patient's standing alerts (sulfite allergy with edaravone, ALT thresholds, overdue
// liver tests, fever on riluzole, weight loss), each open until someone acknowledges it.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds::gui {

struct AlertLine {
  DueItem item;
  std::string key;                         // alert_key(item)
  std::optional<AlertAcknowledgment> ack;  // the latest acknowledgment of this key
};

/// Open alerts first, then acknowledged ones; overdue liver tests count as alerts.
std::vector<AlertLine> patient_alerts(const PatientFacts& facts, Day today,
                                      const std::vector<AlertAcknowledgment>& acks);

int open_alert_count(const std::vector<AlertLine>& lines);

}  // namespace alsmeds::gui
