// The durable outbox: kept writes as JSON in a private file, written whole (core's write_output_file) after
// every frame whose actions changed what waits, read back at start-up and sent in their order.
#include "outbox.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "alsmeds/output_file.hpp"
#include "app_state.hpp"
#include "today_model.hpp"

namespace alsmeds::gui {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kFormat = 1;

std::string data_folder() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg != nullptr && *xdg == '/') return std::string(xdg) + "/alsmeds";
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.local/share/alsmeds";
}

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

json dose_json(const TodayDose& d) {
  json j{{"key", d.key},
         {"drug", std::string(to_string(d.drug))},
         {"day", format_day(d.day)},
         {"timing", static_cast<int>(d.timing)},
         {"what", d.what},
         {"when", d.when}};
  if (d.at) j["at"] = format_utc(*d.at);
  if (d.cycle) j["cycle"] = *d.cycle;
  if (d.cycle_day) j["cycle_day"] = *d.cycle_day;
  return j;
}

Result<TodayDose> dose_of(const json& j) {
  TodayDose d;
  d.key = j.at("key").get<std::string>();
  const auto drug = parse_drug(j.at("drug").get<std::string>());
  if (!drug) return fail(drug.error());
  d.drug = *drug;
  const auto day = parse_day(j.at("day").get<std::string>());
  if (!day) return fail(day.error());
  d.day = *day;
  d.timing = static_cast<DoseTiming>(j.at("timing").get<int>());
  d.what = j.value("what", "");
  d.when = j.value("when", "");
  if (j.contains("at")) {
    const auto at = parse_instant(j.at("at").get<std::string>(), *find_zone("UTC"));
    if (!at) return fail(at.error());
    d.at = *at;
  }
  if (j.contains("cycle")) d.cycle = j.at("cycle").get<int>();
  if (j.contains("cycle_day")) d.cycle_day = j.at("cycle_day").get<int>();
  return d;
}

json entry_json(const OutboxEntry& e) {
  return {{"kind", e.kind},
          {"patient", e.patient},
          {"what", e.what},
          {"args", e.args},
          {"made_at", format_utc(e.made_at)},
          {"key", e.keys.base},
          {"used", e.keys.used}};
}

std::string file_text(const std::string& db_path, const std::string& user,
                      const std::vector<OutboxEntry>& entries) {
  json list = json::array();
  for (const OutboxEntry& e : entries) list.push_back(entry_json(e));
  return json{
      {"alsmeds_outbox", kFormat}, {"server", without_password(db_path)}, {"user", user}, {"writes", list}}
      .dump(2);
}

}  // namespace

json today_dose_json(const TodayDose& d) {
  return dose_json(d);
}

std::string outbox_text(const std::string& db_path, const std::string& user,
                        const std::vector<OutboxEntry>& entries) {
  return entries.empty() ? "" : file_text(db_path, user, entries);
}

std::string outbox_path(const std::string& db_path, const std::string& user) {
  if (!is_server_database(db_path)) return "";
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.json",
                static_cast<unsigned long long>(fnv1a(without_password(db_path) + "\n" + user)));
  return data_folder() + "/outbox/" + name;
}

Result<bool> save_outbox(const std::string& path, const std::string& db_path, const std::string& user,
                         const std::vector<OutboxEntry>& entries) {
  std::error_code ec;
  if (entries.empty()) {
    fs::remove(path, ec);
    if (ec) return fail("cannot remove " + path + ": " + ec.message());
    return true;
  }
  fs::create_directories(fs::path(path).parent_path(), ec);
  fs::permissions(fs::path(path).parent_path(), fs::perms::owner_all, fs::perm_options::replace, ec);
  const WriteResult written = write_output_file(path, file_text(db_path, user, entries), "");
  if (!written) return fail(written.message);
  return true;
}

Result<std::vector<OutboxEntry>> load_outbox(const std::string& path, const std::string& db_path,
                                             const std::string& user) {
  std::vector<OutboxEntry> out;
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) return out;
  std::ifstream in(path);
  const json j = json::parse(in, nullptr, false);
  const auto bad = [&](const std::string& why) {
    return fail("the kept writes in " + path + " could not be read (" + why + "); the file is left as it is");
  };
  if (j.is_discarded() || !j.is_object()) return bad("not JSON");
  if (j.value("alsmeds_outbox", 0) != kFormat) return bad("not an alsmeds outbox");
  if (j.value("server", "") != without_password(db_path) || j.value("user", "") != user)
    return bad("kept for another server or login");
  try {
    for (const json& w : j.at("writes")) {
      OutboxEntry e;
      e.kind = w.at("kind").get<std::string>();
      e.patient = w.at("patient").get<RecordId>();
      e.what = w.value("what", "");
      e.args = w.at("args");
      const auto made = parse_instant(w.at("made_at").get<std::string>(), *find_zone("UTC"));
      if (!made) return bad(made.error());
      e.made_at = *made;
      e.keys.base = w.at("key").get<std::string>();
      e.keys.used = w.value("used", 0);
      out.push_back(std::move(e));
    }
  } catch (const json::exception& e) {
    return bad(e.what());
  }
  return out;
}

Result<ActionOutcome> apply_outbox_entry(AppState& s, const OutboxEntry& e, const PatientFacts& facts) {
  const Actor actor{s.user, e.made_at};  // the moment the person acted
  try {
    const json& a = e.args;
    if (e.kind == "dose" || e.kind == "dose-at") {
      auto dose = dose_of(a.at("dose"));
      if (!dose) return fail(dose.error());
      if (e.kind == "dose-at")
        return log_today_dose_taken_at(*s.store, facts, *dose, WallClock{a.at("taken_at").get<int>()}, actor);
      const auto status = parse_dose_status(a.at("status").get<std::string>());
      if (!status) return fail(status.error());
      return log_today_dose(*s.store, facts, *dose, *status, a.value("note", ""), actor);
    }
    if (e.kind == "ack")
      return acknowledge_alert(*s.store, facts, a.at("alert").get<std::string>(), a.value("note", ""), actor);
    if (e.kind == "undo") {  // pressed within the minute Undo is offered (checked when pressed)
      return undo_taken(*s.store, facts, a.at("record").get<RecordId>(), actor);
    }
    if (e.kind == "effect")
      return log_side_effect(*s.store, facts, a.at("term").get<std::string>(), a.at("grade").get<int>(),
                             a.value("note", ""), actor);
    if (e.kind == "alsfrs") {  // the form's answers as pressed (views/alsfrs_form.hpp)
      AlsfrsRequest r;
      const auto day = parse_day(a.at("day").get<std::string>());
      if (!day) return fail(day.error());
      r.day = *day;
      r.gastrostomy = a.at("gastrostomy").get<bool>();
      auto items = parse_alsfrs_items(a.at("items").get<std::string>(), r.gastrostomy);
      if (!items) return fail(items.error());
      r.items = *items;
      if (const RecordId fix = a.value("corrects", RecordId{0}); fix > 0) r.corrects = fix;
      return log_alsfrs(*s.store, facts, r, actor);
    }
    if (e.kind == "lab" || e.kind == "weight") {
      const auto day = parse_day(a.at("day").get<std::string>());
      if (!day) return fail(day.error());
      if (e.kind == "weight") return log_weight(*s.store, facts, *day, a.at("kg").get<double>(), actor);
      return log_lab_result(*s.store, facts, a.at("test").get<std::string>(), *day,
                            a.at("value").get<double>(), a.at("uln").get<double>(), actor);
    }
  } catch (const json::exception& x) {
    return fail("a kept write could not be read back: " + std::string(x.what()));
  }
  return fail("a kept write of an unknown kind: " + e.kind);
}

void push_kept_write(AppState& s, OutboxEntry entry, Message* shown_at, std::string done,
                     std::function<void(AppState&, RecordId, const ActionOutcome&)> after) {
  auto kept = std::make_shared<const OutboxEntry>(std::move(entry));
  const RecordId patient = kept->patient;
  push_patient_write(s, patient, kept->what, shown_at, std::move(done),
                     [kept, after = std::move(after)](AppState& a, const PatientFacts& stored) {
                       auto r = apply_outbox_entry(a, *kept, stored);
                       if (r && after) after(a, stored.patient.id, *r);
                       return r;
                     });
  s.actions.back().keys = kept->keys;
  s.actions.back().kept = kept;
}

std::string restore_outbox(AppState& s) {
  s.outbox_file = outbox_path(s.db_path, s.user);
  if (s.outbox_file.empty()) return "";
  auto entries = load_outbox(s.outbox_file, s.db_path, s.user);
  if (!entries) {
    s.outbox_file.clear();  // left as it is: never overwritten by this run
    return entries.error();
  }
  s.outbox_saved = outbox_text(s.db_path, s.user, *entries);  // the file as it is
  for (OutboxEntry e : *entries) {
    const std::string what = e.what;
    push_kept_write(s, std::move(e), nullptr, "Sent (kept from the last run): " + what);
  }
  // They wait in the queue, oldest first, and the file stays as it is until they are confirmed.
  std::vector<PendingAction> queued = std::move(s.actions);
  s.actions.clear();
  for (PendingAction& a : queued) s.unsent.push_back(std::move(a));
  return s.unsent.empty() ? ""
                          : std::to_string(s.unsent.size()) +
                                " write(s) kept from the last run, not confirmed by the server: sending them";
}

void sync_outbox(AppState& s) {
  if (s.outbox_file.empty()) return;
  std::vector<OutboxEntry> entries;
  for (const PendingAction& a : s.unsent)
    if (a.kept) {
      OutboxEntry e = *a.kept;
      e.keys = a.keys;  // the attempts made so far: sent again, the server recognises them
      entries.push_back(std::move(e));
    }
  const std::string text = outbox_text(s.db_path, s.user, entries);
  if (text == s.outbox_saved) return;
  if (auto saved = save_outbox(s.outbox_file, s.db_path, s.user, entries); !saved) {
    s.refuse("The kept writes could not be saved to " + s.outbox_file + ": " + saved.error() +
             " (they are still kept in memory; do not close the app)");
    return;
  }
  s.outbox_saved = text;
}

}  // namespace alsmeds::gui
