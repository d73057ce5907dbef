#pragma once
// What both stores check of an import's log rows before writing them, and how its audit names the file.
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "alsmeds/records.hpp"
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

}  // namespace alsmeds::storage
