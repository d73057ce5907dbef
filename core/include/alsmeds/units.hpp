#pragma once
// Dose quantities as strong types, modelled on date::day: one member, explicit construction, count().
#include <compare>

namespace alsmeds {

template <class Tag>
class Quantity {
 public:
  constexpr Quantity() = default;
  constexpr explicit Quantity(double count) : count_(count) {}
  constexpr double count() const { return count_; }
  constexpr auto operator<=>(const Quantity&) const = default;
  constexpr Quantity& operator+=(Quantity other) {
    count_ += other.count_;
    return *this;
  }
  friend constexpr Quantity operator+(Quantity a, Quantity b) { return a += b; }
  friend constexpr Quantity operator*(Quantity a, double k) { return Quantity{a.count_ * k}; }

 private:
  double count_ = 0.0;
};

struct MilligramsTag {};
struct MillilitresTag {};
using Milligrams = Quantity<MilligramsTag>;
using Millilitres = Quantity<MillilitresTag>;

/// Concentration of a liquid product; mg = mL * (mg/mL).
class MilligramsPerMillilitre {
 public:
  constexpr explicit MilligramsPerMillilitre(double count) : count_(count) {}
  constexpr double count() const { return count_; }
  constexpr Millilitres volume_for(Milligrams dose) const { return Millilitres{dose.count() / count_}; }

 private:
  double count_;
};

}  // namespace alsmeds
