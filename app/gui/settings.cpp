#include "settings.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "alsmeds/rules/clinic_actions.hpp"

namespace alsmeds::gui {

std::string settings_folder() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/alsmeds";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.config/alsmeds";
}

Result<Settings> load_settings(const std::string& path) {
  Settings s;
  std::ifstream in(path);
  if (!in) return s;
  try {
    const auto j = nlohmann::json::parse(in);
    s.last_db = j.value("last_db", s.last_db);
    s.last_view = j.value("last_view", s.last_view);
    s.last_patient = j.value("last_patient", s.last_patient);
    s.chairs = j.value("chairs", s.chairs);
    s.opening_hour = j.value("opening_hour", s.opening_hour);
    s.closing_hour = j.value("closing_hour", s.closing_hour);
    s.text_scale = j.value("text_scale", s.text_scale);
    s.refill_days = j.value("refill_days", s.refill_days);
    s.alsfrs_every_days = j.value("alsfrs_every_days", s.alsfrs_every_days);
    s.clinic_tz = j.value("clinic_tz", s.clinic_tz);
    s.window_width = std::clamp(j.value("window_width", s.window_width), 640, 7680);
    s.window_height = std::clamp(j.value("window_height", s.window_height), 480, 4320);
  } catch (const std::exception& e) {
    return fail(path + ": not readable settings (" + e.what() + "); defaults used");
  }
  if (!check_board_hours(s).empty() || s.text_scale < 0.5f || s.text_scale > 3.0f) {
    const std::string why = check_board_hours(s);
    return fail(path + ": " + (why.empty() ? "text scale out of range" : why) + "; defaults used");
  }
  if (!s.clinic_tz.empty() && !find_zone(s.clinic_tz))
    return fail(path + ": clinic time zone '" + s.clinic_tz + "' is not a known zone; defaults used");
  if (s.refill_days < kMinRefillDays || s.refill_days > kMaxRefillDays)
    return fail(path + ": refill threshold " + std::to_string(s.refill_days) + " days is not " +
                std::to_string(kMinRefillDays) + " to " + std::to_string(kMaxRefillDays) + "; defaults used");
  if (s.alsfrs_every_days < kMinAlsfrsEveryDays || s.alsfrs_every_days > kMaxAlsfrsEveryDays)
    return fail(path + ": ALSFRS-R every " + std::to_string(s.alsfrs_every_days) + " days is not " +
                std::to_string(kMinAlsfrsEveryDays) + " to " + std::to_string(kMaxAlsfrsEveryDays) +
                "; defaults used");
  return s;
}

Result<bool> save_settings(const Settings& s, const std::string& path) {
  const nlohmann::json j = {{"last_db", s.last_db},
                            {"last_view", s.last_view},
                            {"last_patient", s.last_patient},
                            {"chairs", s.chairs},
                            {"opening_hour", s.opening_hour},
                            {"closing_hour", s.closing_hour},
                            {"text_scale", s.text_scale},
                            {"window_width", s.window_width},
                            {"window_height", s.window_height},
                            {"refill_days", s.refill_days},
                            {"clinic_tz", s.clinic_tz},
                            {"alsfrs_every_days", s.alsfrs_every_days}};
  std::error_code ec;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) {
    std::filesystem::create_directories(folder, ec);
    ::chmod(folder.c_str(), 0700);
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump(2) << '\n';
    if (!out.flush()) return fail(tmp + ": cannot write settings");
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail(path + ": " + ec.message());
  return true;
}

void apply_unit_settings(Settings& s, const UnitSettings& unit) {
  const BoardHours h = board_hours_of(unit);
  s.chairs = h.chairs;
  s.opening_hour = h.opening_hour;
  s.closing_hour = h.closing_hour;
  s.weekdays_only = unit.weekdays_only;
  s.lp_rooms = unit.lp_rooms;
  s.lp_minutes = unit.lp_minutes;
  s.unit_version = unit.id;
}

std::string check_board_hours(const Settings& s) {
  return alsmeds::check_board_hours(BoardHours{s.chairs, s.opening_hour, s.closing_hour});  // the rule's
}

}  // namespace alsmeds::gui
