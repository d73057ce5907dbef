#pragma once
// Plans as record tables with the columns of docs/cli.md ("Planning without a database").
#include <vector>

#include "alsmeds/record_table.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/product.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/regimens/tofersen.hpp"

namespace alsmeds {

/// date,cycle,cycle_day,drug,form,dose_mg then note; a heading per cycle in the text table.
RecordTable edaravone_plan_table(const EdaravonePlan& plan, const EdaravoneRegimen& regimen);
/// local_time,utc_time,drug,dose_mg then note (daylight-saving effects).
RecordTable riluzole_plan_table(const std::vector<RiluzoleDose>& doses, const RiluzoleRegimen& regimen,
                                std::string_view zone_name);
/// date,reason then weekday.
RecordTable liver_test_table(const std::vector<LiverTest>& tests, const LiverTestPlanRequest& request);

/// dose,date,kind,note: given doses and then the planned ones.
RecordTable tofersen_plan_table(const TofersenPlan& plan, const TofersenPlanRequest& request);

}  // namespace alsmeds
