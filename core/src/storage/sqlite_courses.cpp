// The single-machine store's courses of therapy (start, stop, delays, switches, pauses) and ALSFRS-R reports
// (SqliteRecordStore, sqlite_record_store.hpp).
#include <string>
#include <vector>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "row_mapping.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds::storage {}  // namespace alsmeds::storage
