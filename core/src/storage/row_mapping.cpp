#include "row_mapping.hpp"

#include <type_traits>
#include <variant>

namespace alsmeds::storage {
void bind_args(Statement& s, const std::vector<SqlArg>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
            s.bind_null(at);
          else
            s.bind(at, v);
        },
        args[i]);
  }
}

void SqliteReads::each(const std::string& select, const std::vector<SqlArg>& args,
                       const std::function<void(const SqlRow&)>& row) {
  Statement s(db_, select);
  bind_args(s, args);
  const SqliteRow r(s);
  while (s.step()) row(r);
}

void bind_log_entry(Statement& s, const LogEntry& e, const Actor& actor) {
  // Text is bound without copies: `e`, `actor` and the to_string() literals outlive the statement's step.
  const bool is_lab = e.kind == LogKind::lab;
  const bool has_value = is_lab || e.kind == LogKind::weight;
  s.bind(1, e.patient_id)
      .bind_static(2, to_string(e.kind))
      .bind(3, std::int64_t{e.at.time_since_epoch().count()});
  if (e.day)
    s.bind(4, std::int64_t{e.day->time_since_epoch().count()});
  else
    s.bind_null(4);
  if (e.drug)
    s.bind_static(5, to_string(*e.drug));
  else
    s.bind_null(5);
  if (e.status)
    s.bind_static(6, to_string(*e.status));
  else
    s.bind_null(6);
  s.bind_static_or_null(7, e.planned_key).bind_static_or_null(8, e.term);
  s.bind(9, e.kind == LogKind::effect ? std::optional<int>(e.grade) : std::nullopt);
  s.bind(10, e.cycle).bind(11, e.cycle_day).bind_static_or_null(12, e.test);
  s.bind(13, has_value ? std::optional<double>(e.value) : std::nullopt);
  s.bind(14, is_lab && e.uln > 0 ? std::optional<double>(e.uln) : std::nullopt);  // NfL, CSF: may have none
  s.bind(15, e.kind == LogKind::dispensing ? std::optional<int>(e.days_supply) : std::nullopt);
  s.bind_static(16, e.note)
      .bind_static(17, actor.name)
      .bind(18, std::int64_t{actor.now.time_since_epoch().count()});
  s.bind(19, e.supersedes);
  const bool has_quantity = e.kind == LogKind::dispensing && e.quantity > 0;
  s.bind(20, has_quantity ? std::optional<double>(e.quantity) : std::nullopt);
  if (has_quantity)
    s.bind_static_or_null(21, e.unit);
  else
    s.bind_null(21);
  s.bind_static_or_null(22, e.kind == LogKind::dispensing ? std::string_view(e.product) : std::string_view{});
  s.bind_static_or_null(
      23, e.kind == LogKind::dispensing ? std::string_view(e.dispensing_id) : std::string_view{});
}
}  // namespace alsmeds::storage
