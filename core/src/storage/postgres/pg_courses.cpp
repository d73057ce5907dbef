// The clinic server store's courses of therapy (start, stop, delays, switches, pauses) and ALSFRS-R reports
// (PgRecordStore, pg_record_store.hpp).
#include <chrono>
#include <string>
#include <vector>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "pg_record_store.hpp"
#include "pg_rows.hpp"

namespace alsmeds::storage {}  // namespace alsmeds::storage
