#pragma once
// Result<T>: an expected failure (bad input, unknown zone) with a message a person can act on.
// GCC 12 in C++20 mode has no std::expected; this is the small stand-in docs/architecture.md asks for.
#include <string>
#include <utility>
#include <variant>

namespace alsmeds {

struct Error {
  std::string message;
};

inline Error fail(std::string message) {
  return Error{std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor): implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const std::string& error() const { return std::get<1>(state_).message; }

 private:
  std::variant<T, Error> state_;
};

}  // namespace alsmeds
