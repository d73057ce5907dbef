#pragma once
// What both stores check of a write before making it (a correction, an import's rows), in the same words.
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "alsmeds/records/records.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds::storage {

/// "imported from 'doses.csv'": the file as a person reads it (bytes that are not UTF-8 escaped), shortened.
std::string imported_from(const std::string& source);

/// The rows of one import, batch after batch: text within bounds, no correction (corrections go one by one),
/// the patient stored (asked once per patient through `exists`). Errors name the row by `numbers`.
class ImportRowChecks {
 public:
  Result<bool> check(const std::vector<LogEntry>& rows, const std::vector<std::size_t>& numbers,
                     const std::function<bool(RecordId)>& exists);

 private:
  std::set<RecordId> known_;
};

/// A correction `e` of the stored record `old` (nullopt: none such), which `later` has already corrected (if
/// any): refused unless `old` is a record of the same patient and kind that is still current.
Result<bool> check_correction(const LogEntry& e, const std::optional<LogEntry>& old,
                              std::optional<RecordId> later);
/// "record 7 was already corrected by record 9: correct the current version, record 9"
std::string already_corrected(RecordId record, RecordId later);

}  // namespace alsmeds::storage
