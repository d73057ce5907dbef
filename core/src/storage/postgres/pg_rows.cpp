#include "pg_rows.hpp"

#include <type_traits>
#include <variant>

namespace alsmeds::storage {
PgParam pg(const SqlArg& arg) {
  return std::visit(
      [](const auto& v) -> PgParam {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return std::nullopt;
        else if constexpr (std::is_same_v<T, std::string_view>)
          return std::string(v);
        else
          return pg(v);
      },
      arg);
}

std::vector<PgParam> pg(std::span<const SqlArg> args) {
  std::vector<PgParam> out;
  out.reserve(args.size());
  for (const SqlArg& a : args) out.push_back(pg(a));
  return out;
}

}  // namespace alsmeds::storage
