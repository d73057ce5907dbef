#include "pg_rows.hpp"

#include <type_traits>
#include <variant>

namespace alsmeds::storage {
PgParam pg(const SqlArg& arg) {
  return std::visit(
      [](const auto& v) -> PgParam {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
          return std::nullopt;
        else
          return pg(v);
      },
      arg);
}

std::vector<PgParam> pg(const std::vector<SqlArg>& args) {
  std::vector<PgParam> out;
  out.reserve(args.size());
  for (const SqlArg& a : args) out.push_back(pg(a));
  return out;
}

std::vector<PgParam> log_params(const LogEntry& e, const Actor& actor) {
  const bool is_lab = e.kind == LogKind::lab;
  const bool has_value = is_lab || e.kind == LogKind::weight;
  auto text_or_null = [](const std::string& s) { return s.empty() ? PgParam{} : PgParam{s}; };
  const bool has_quantity = e.kind == LogKind::dispensing && e.quantity > 0;  // schema 7 (docs/supply.md)
  return {pg(e.patient_id),
          std::string(to_string(e.kind)),
          pg(std::int64_t{e.at.time_since_epoch().count()}),
          e.day ? pg(std::int64_t{e.day->time_since_epoch().count()}) : PgParam{},
          e.drug ? PgParam{std::string(to_string(*e.drug))} : PgParam{},
          e.status ? PgParam{std::string(to_string(*e.status))} : PgParam{},
          text_or_null(e.planned_key),
          text_or_null(e.term),
          e.kind == LogKind::effect ? pg(e.grade) : PgParam{},
          pg(e.cycle),
          pg(e.cycle_day),
          text_or_null(e.test),
          has_value ? pg(e.value) : PgParam{},
          is_lab && e.uln > 0 ? pg(e.uln) : PgParam{},  // NfL, CSF: may have none
          e.kind == LogKind::dispensing ? pg(e.days_supply) : PgParam{},
          e.note,
          actor.name,
          pg(std::int64_t{actor.now.time_since_epoch().count()}),
          pg(e.supersedes),
          has_quantity ? pg(e.quantity) : PgParam{},
          has_quantity ? text_or_null(e.unit) : PgParam{},
          e.kind == LogKind::dispensing ? text_or_null(e.product) : PgParam{},
          e.kind == LogKind::dispensing ? text_or_null(e.dispensing_id) : PgParam{}};
}

}  // namespace alsmeds::storage
