// The import of log records both stores share: one batch of every row (RecordStore::import_log), and the
// checks of an import's rows (write_checks.hpp).
#include "write_checks.hpp"

#include <memory>

#include "alsmeds/storage/record_store.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {

Result<std::size_t> RecordStore::import_log(const std::vector<LogEntry>& rows, const Actor& actor,
                                            const Progress& progress, const std::string& source) {
  auto import = begin_log_import(actor, source, rows.size(), progress);
  if (!import) return fail(import.error());
  std::vector<std::size_t> numbers(rows.size());
  for (std::size_t i = 0; i < numbers.size(); ++i) numbers[i] = i + 2;  // line 1 is the header
  if (auto ok = (*import)->add(rows, numbers); !ok) return fail(ok.error());
  auto written = (*import)->commit();
  if (written && progress) progress(rows.size(), rows.size());
  return written;
}

namespace storage {

std::string imported_from(const std::string& source) {
  if (source.empty()) return "imported";
  return "imported from " + quote_short(escape_for_terminal(source), 200);
}

Result<bool> ImportRowChecks::check(const std::vector<LogEntry>& rows,
                                    const std::vector<std::size_t>& numbers,
                                    const std::function<bool(RecordId)>& exists) {
  auto row = [&](std::size_t i) { return "row " + std::to_string(numbers.at(i)) + ": "; };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (auto ok = check_text(rows[i]); !ok) return fail(row(i) + ok.error());
    if (rows[i].supersedes) return fail(row(i) + "an import adds records; corrections go one by one");
    if (known_.count(rows[i].patient_id)) continue;
    if (!exists(rows[i].patient_id))
      return fail(row(i) + "patient " + std::to_string(rows[i].patient_id) + " does not exist");
    known_.insert(rows[i].patient_id);
  }
  return true;
}

std::string already_corrected(RecordId record, RecordId later) {
  return "record " + std::to_string(record) + " was already corrected by record " + std::to_string(later) +
         ": correct the current version, record " + std::to_string(later);
}

Result<bool> check_correction(const LogEntry& e, const std::optional<LogEntry>& old,
                              std::optional<RecordId> later) {
  if (!e.supersedes) return true;
  const std::string id = std::to_string(*e.supersedes);
  if (!old || old->patient_id != e.patient_id)
    return fail("record " + id + " is not a record of this patient");
  if (old->kind != e.kind)
    return fail("record " + id + " is a " + std::string(to_string(old->kind)) + ", not a " +
                std::string(to_string(e.kind)));
  if (later) return fail(already_corrected(*e.supersedes, *later));
  return true;
}

}  // namespace storage
}  // namespace alsmeds
