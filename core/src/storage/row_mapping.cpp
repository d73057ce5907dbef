#include "row_mapping.hpp"

#include <type_traits>
#include <variant>

namespace alsmeds::storage {
void bind_args(Statement& s, std::span<const SqlArg> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>)
            s.bind_null(at);
          else if constexpr (std::is_same_v<T, std::string_view>)
            s.bind_static(at, v);  // the statement runs while the arguments live (SqlArg)
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

}  // namespace alsmeds::storage
