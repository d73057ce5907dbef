#include "alsmeds/demo/demo_data.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <set>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "demo_alsfrs.hpp"
#include "demo_registered.hpp"
#include "demo_tofersen.hpp"

namespace alsmeds {
namespace {

using date::days;
using std::chrono::minutes;

constexpr std::array kFirst{"Anna",    "Ben",    "Chiara", "Daniel", "Elif",  "François", "Grace",
                            "Hiroshi", "Ingrid", "José",   "Kavya",  "Liam",  "Mei",      "Noah",
                            "Olga",    "Pedro",  "Rania",  "Søren",  "Tomás", "Zoë"};
constexpr std::array kLast{"Müller",   "Okafor", "Rossi",  "Nakamura",  "Dubois", "O'Connor",
                           "Kowalski", "Haddad", "García", "Lindqvist", "Sharma", "Novak",
                           "Chen",     "Moreau", "Silva",  "Andersen"};
constexpr std::array kZones{"America/New_York", "Europe/Paris",     "Europe/London",       "America/Chicago",
                            "Asia/Kolkata",     "Australia/Sydney", "America/Los_Angeles", "Europe/Berlin"};

struct Profile {
  double missed, late;  // probabilities per dose
};
constexpr std::array kProfiles{Profile{0.02, 0.05}, Profile{0.08, 0.15}, Profile{0.25, 0.20}};

struct PatientBuilder {
  std::mt19937& rng;
  const Patient& patient;
  Zone zone;
  Day today;
  std::vector<LogEntry> log;

  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
  int between(int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); }

  LogEntry entry(LogKind kind, Drug drug) {
    LogEntry e;
    e.patient_id = patient.id;
    e.kind = kind;
    e.drug = drug;
    return e;
  }

  void riluzole(const Therapy& t, const Profile& profile) {
    RiluzoleRegimen r{t.start, zone, t.times, RiluzoleProductKind::tablet};
    const int n_days = static_cast<int>((today - t.start).count());
    if (n_days <= 0) return;
    for_each_riluzole_dose(r, t.times, n_days, [&](const RiluzoleDose& d) {
      LogEntry e = entry(LogKind::dose, Drug::riluzole);
      e.planned_key = planned_key(t, d);
      if (chance(profile.missed)) {
        if (chance(0.5)) return;  // never logged at all
        e.status = DoseStatus::missed;
        e.at = d.instant;
      } else {
        e.status = DoseStatus::taken;
        e.at = d.instant + (chance(profile.late) ? minutes{between(150, 300)} : minutes{between(-20, 25)});
      }
      log.push_back(std::move(e));
    });
  }

  // The pharmacy hands out each cycle's edaravone on its first dose day (days before today only): the
  // bags of the named IV product (Radicava two 30 mg bags an infusion, a generic one 60 mg bag), or ORS
  // bottles (cycle 1's 14 doses take two 50 mL bottles, a 10-dose cycle one: docs/supply.md).
  void cycle_dispensings(const Therapy& t, const EdaravonePlan& plan, const std::string& iv_product) {
    const bool oral = t.product == Product::edaravone_oral;
    const PackFacts* pack = find_pack(oral ? "oral" : iv_product);
    if (pack == nullptr) return;
    for (const InfusionCycle& c : plan.cycles) {
      if (c.doses.empty() || c.doses.front().day >= today) continue;
      LogEntry e = entry(LogKind::dispensing, Drug::edaravone);
      e.day = c.doses.front().day;
      e.at = Instant{*e.day};
      e.days_supply = static_cast<int>((c.next_start - *e.day).count());
      e.product = std::string(pack->product);
      const int doses = c.doses_planned;  // a short cycle gets what fits
      if (oral) {
        e.quantity = doses > 10 ? 2 : 1;
        e.unit = "bottle";
      } else {
        e.quantity = doses * pack->per_dose;
        e.unit = "bag";
      }
      log.push_back(std::move(e));
    }
  }

  void edaravone(const Therapy& t, const std::vector<ClosedDay>& closed, const Profile& profile,
                 const std::string& iv_product) {
    const EdaravonePlan first = edaravone_plan_for(t, closed, {}, zone, today);
    std::vector<LogEntry> missed;
    for (const EdaravoneDose& d : first.doses()) {
      if (d.day >= today || !chance(profile.missed / 2)) continue;
      LogEntry e = entry(LogKind::dose, Drug::edaravone);
      e.status = DoseStatus::missed;
      e.at = resolve_local_time(
                 zone, date::local_seconds{date::local_days{d.day.time_since_epoch()}} + minutes{9 * 60})
                 .instant;
      e.planned_key = planned_key(t, d);
      missed.push_back(e);
    }
    const EdaravonePlan plan = edaravone_plan_for(t, closed, missed, zone, today);
    for (const EdaravoneDose& d : plan.doses()) {
      if (d.day >= today) break;
      LogEntry e = entry(LogKind::dose, Drug::edaravone);
      e.status = DoseStatus::taken;
      e.at = resolve_local_time(zone, date::local_seconds{date::local_days{d.day.time_since_epoch()}} +
                                          minutes{9 * 60 + between(0, 180)})
                 .instant;
      e.planned_key = planned_key(t, d);
      e.cycle = d.cycle;
      e.cycle_day = d.cycle_day;
      log.push_back(std::move(e));
    }
    log.insert(log.end(), missed.begin(), missed.end());
    cycle_dispensings(t, plan, iv_product);
    if (chance(0.7)) effect("headache", 1, t.start + days{between(1, 10)}, Drug::edaravone);
    if (chance(0.4)) effect("contusion", 1, t.start + days{between(5, 40)}, Drug::edaravone);
    if (chance(0.3)) effect("gait disturbance", 2, t.start + days{between(20, 90)}, Drug::edaravone);
  }

  void effect(const char* term, int grade, Day day, Drug drug) {
    if (day >= today) return;
    LogEntry e = entry(LogKind::effect, drug);
    e.term = term;
    e.grade = grade;
    e.at = resolve_local_time(
               zone, date::local_seconds{date::local_days{day.time_since_epoch()}} + minutes{14 * 60})
               .instant;
    log.push_back(std::move(e));
  }

  void labs(const Therapy& t, int index) {
    auto plan = plan_liver_tests({t.start, 60, t.liver_tests, t.liver_tests_weekdays_only});
    for (const LiverTest& lt : plan->tests) {
      const Day day = lt.due + days{lt.month == 0 ? -between(1, 5) : between(0, 3)};
      if (day >= today) break;
      LogEntry e = entry(LogKind::lab, Drug::riluzole);
      e.drug.reset();
      e.test = "ALT";
      e.uln = 40;
      e.value = between(12, 36);
      if (index % 6 == 1 && lt.month == 3) e.value = 140;   // 3.5x ULN: warning, early re-test
      if (index % 11 == 5 && lt.month == 6) e.value = 220;  // 5.5x ULN: stop alert
      e.day = day;
      e.at = Instant{day};
      log.push_back(std::move(e));
    }
  }

  void weights(Day from, double base, bool losing) {
    for (int m = 0;; ++m) {
      const Day day = from + days{30 * m};
      if (day >= today) break;
      LogEntry e = entry(LogKind::weight, Drug::riluzole);
      e.drug.reset();
      e.value = std::round((losing ? base * (1.0 - 0.011 * m) : base + between(-8, 8) / 10.0) * 10) / 10;
      e.day = day;
      e.at = Instant{day};
      log.push_back(std::move(e));
    }
  }

  void dispensing(const Therapy& t, const Profile& profile) {
    for (Day day = t.start; day < today;) {
      LogEntry e = entry(LogKind::dispensing, t.drug);
      e.days_supply = 30;
      e.day = day;
      e.at = Instant{day};
      log.push_back(std::move(e));
      day += days{30 + (chance(profile.missed * 2) ? between(3, 15) : between(-3, 1))};
    }
  }
};

}  // namespace

Result<DemoSummary> fill_demo_data(RecordStore& store, const DemoRequest& request, const Actor& actor,
                                   const Progress& progress) {
  if (request.patients < 1 || request.patients > 100000)
    return fail("patients " + std::to_string(request.patients) + " is out of range (1 to 100000)");
  if (request.years < 1 || request.years > 10)
    return fail("years " + std::to_string(request.years) + " is out of range (1 to 10)");
  if (!store.patients().empty())
    return fail(
        "the database already has patients: demo data only goes into an empty database (use --db NEW.db)");

  std::mt19937 rng(request.seed);
  DemoSummary summary;
  const Day clinic_start = request.today - days{365 * request.years};
  // The clinic's holidays: a few closed days a year.
  for (Day d = clinic_start; d < request.today + days{180}; d += days{1}) {
    const date::year_month_day ymd{d};
    if ((ymd.month() == date::December && ymd.day() == date::day{25}) ||
        (ymd.month() == date::January && ymd.day() == date::day{1}))
      if (auto added = store.add_closed_day({std::nullopt, d, "clinic holiday"}, actor); !added)
        return fail(added.error());
  }
  const std::vector<ClosedDay> closed = store.closed_days(std::nullopt);

  int iv_patients = 0;
  auto b0 = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int i = 0; i < request.patients; ++i) {
    NewPatient np;
    char mrn[16];
    std::snprintf(mrn, sizeof mrn, "DEMO-%04d", i + 1);
    np.mrn = mrn;
    np.name = std::string(kFirst[rng() % kFirst.size()]) + " " + kLast[rng() % kLast.size()];
    np.tz = kZones[static_cast<std::size_t>(i) % kZones.size()];
    np.born = Day{date::year{1945 + b0(40)} / date::month{static_cast<unsigned>(1 + b0(12))} /
                  date::day{static_cast<unsigned>(1 + b0(28))}};
    np.sulfite_allergy = i % 9 == 4;
    np.asthma = np.sulfite_allergy || i % 13 == 6;
    np.dysphagia = i % 7 == 3;
    np.feeding_tube = i % 14 == 3;
    np.baseline_weight_kg = 55 + static_cast<double>(rng() % 40);
    // Function (issue 28) from a generator of its own: the draws above and below stay as they were.
    std::mt19937 function_rng(request.seed * 7919u + static_cast<std::uint32_t>(i));
    np.onset = clinic_start - days{std::uniform_int_distribution<int>(90, 450)(function_rng)};
    const RecordId id = store.add_patient(np, actor).value();
    const Patient patient = *store.find_patient(id);
    const Zone zone = *find_zone(np.tz);
    PatientBuilder b{rng, patient, zone, request.today, {}};
    const Profile profile = kProfiles[static_cast<std::size_t>(i) % kProfiles.size()];

    NewTherapy ril;
    ril.patient_id = id;
    ril.drug = Drug::riluzole;
    ril.product = np.feeding_tube ? Product::riluzole_suspension
                  : np.dysphagia  ? Product::riluzole_film
                                  : Product::riluzole_tablet;
    ril.start = clinic_start + days{b.between(0, 60)};
    const RecordId ril_id = store.start_therapy(ril, actor).value();
    ++summary.therapies;

    const bool on_edaravone = i % 2 == 0 && !np.sulfite_allergy;
    if (on_edaravone) {
      NewTherapy eda;
      eda.patient_id = id;
      eda.drug = Drug::edaravone;
      eda.product = i % 4 == 2 ? Product::edaravone_oral : Product::edaravone_iv;
      eda.policy = i % 3 == 0 ? DayPolicy::weekdays : DayPolicy::earliest;
      eda.start = ril.start + days{b.between(7, 30)};
      const RecordId eda_id = store.start_therapy(eda, actor).value();
      ++summary.therapies;
      if (i % 5 == 0)
        if (auto shifted = store.shift_cycle(eda_id, {3, 4, Reflow::shift_all_later, std::nullopt},
                                             "hospital stay (pneumonia)", actor);
            !shifted)
          return fail(shifted.error());
    }
    for (const Therapy& t : store.therapies(id)) {
      if (t.drug == Drug::riluzole) {
        b.riluzole(t, profile);
        b.labs(t, i);
        b.dispensing(t, profile);
      } else {
        // IV patients alternate between Radicava's bags and a generic's (the pharmacy's list needs both).
        b.edaravone(t, closed, profile,
                    t.product == Product::edaravone_oral ? "oral"
                    : iv_patients++ % 2 == 0             ? "radicava-iv"
                                                         : "generic-iv");
      }
    }
    // One patient in twenty (not on edaravone) has SOD1-ALS and tofersen too (issue 26), from a generator of
    // its own: the draws above and below stay as they were.
    if (i % 20 == 9) {
      std::mt19937 tofersen_rng(request.seed * 104729u + static_cast<std::uint32_t>(i));
      NewTherapy tof;
      tof.patient_id = id;
      tof.drug = Drug::tofersen;
      tof.product = Product::tofersen_intrathecal;
      tof.start = ril.start + days{std::uniform_int_distribution<int>(20, 120)(tofersen_rng)};
      if (tof.start < request.today) {
        const RecordId tof_id = store.start_therapy(tof, actor).value();
        ++summary.therapies;
        for (const Therapy& t : store.therapies(id))
          if (t.id == tof_id)
            for (LogEntry& e :
                 demo_tofersen_log(t, id, zone, request.today, static_cast<std::uint32_t>(tofersen_rng())))
              b.log.push_back(std::move(e));
      }
    }
    // A drug registered after the built-in ones and planned by the day (a test's regimen): one patient in ten
    // takes it too, from a generator of its own.
    for (const Regimen& r : regimens()) {
      const int nth = static_cast<int>(r.drug);
      if (r.drug <= Drug::tofersen || !r.plan_days || i % 10 != (3 + nth) % 10) continue;
      std::mt19937 drug_rng(request.seed * 15485863u + static_cast<std::uint32_t>(i * 31 + nth));
      NewTherapy course;
      course.patient_id = id;
      course.drug = r.drug;
      course.product = r.products.front().product;
      course.start = ril.start + days{std::uniform_int_distribution<int>(10, 60)(drug_rng)};
      if (course.start >= request.today) continue;
      const RecordId course_id = store.start_therapy(course, actor).value();
      ++summary.therapies;
      for (const Therapy& t : store.therapies(id))
        if (t.id == course_id)
          for (LogEntry& e :
               demo_registered_log(t, id, zone, request.today, static_cast<std::uint32_t>(drug_rng())))
            b.log.push_back(std::move(e));
    }
    if (i % 8 == 2) b.effect("fever", 2, ril.start + days{b.between(10, 40)}, Drug::riluzole);
    if (b.chance(0.5)) b.effect("nausea", 1, ril.start + days{b.between(1, 20)}, Drug::riluzole);
    if (b.chance(0.3)) b.effect("asthenia", 2, ril.start + days{b.between(10, 120)}, Drug::riluzole);
    b.weights(ril.start, *np.baseline_weight_kg, i % 4 == 1);
    (void)ril_id;
    DemoFunction function{id,
                          *np.onset,
                          ril.start + days{std::uniform_int_distribution<int>(0, 14)(function_rng)},
                          request.today,
                          i % 4 == 3,
                          np.feeding_tube,
                          static_cast<std::uint32_t>(function_rng())};
    for (const AlsfrsReport& r : demo_alsfrs_reports(function))
      if (auto added = store.add_alsfrs(r, actor); !added) return fail(added.error());
    auto written = store.import_log(b.log, actor, nullptr, "demo data");
    if (!written) return fail(written.error());
    summary.log_entries += *written;
    ++summary.patients;
    if (progress) progress(static_cast<std::size_t>(i + 1), static_cast<std::size_t>(request.patients));
  }
  return summary;
}

}  // namespace alsmeds
