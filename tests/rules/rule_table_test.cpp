// One table of the clinic's rules, run through every front end: the core actions directly, alsmeds-cli end to
// end, and the desktop app's view models. Each row asserts the same outcome in all three, so the front ends
// can never drift apart again. Expected outcomes come from docs/domain.md and the rulebook's stated bounds.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <tuple>

#include "../cli/cli_db.hpp"
#include "../gui/gui_fixture.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "board_model.hpp"
#include "planner_model.hpp"
#include "today_model.hpp"

using namespace alsmeds;
using alsmeds::test::TempDb;

namespace {

struct Outcome {
  bool accepted = false;
  std::string message;  // the refusal (or the id)
};

Outcome from(const Result<ActionOutcome>& r) {
  return r ? Outcome{true, std::to_string(r->id)} : Outcome{false, r.error()};
}

Instant clock_now() {
  return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}
// The patient lives in UTC, so local days are UTC days.
Day today() {
  return date::floor<date::days>(clock_now());
}

const Confirmation kDecidedBy{"Dr Okafor", "hepatitis suspected: discontinue"};

/// What each front end is asked to do; numbers arrive as the text a person typed.
class FrontEnd {
 public:
  virtual ~FrontEnd() = default;
  virtual Outcome start_riluzole(Day start, const Confirmation& c) = 0;
  virtual Outcome start_edaravone(const std::string& form, Day start, const Confirmation& c) = 0;
  virtual Outcome log_lab(const std::string& value, const std::string& uln, Day day) = 0;
  virtual Outcome log_weight(const std::string& kg, Day day) = 0;
  virtual Outcome log_dose(Drug drug, Instant at, DoseStatus status, const std::string& note) = 0;
  /// The last log_dose again, at once: a double-click on a screen not yet redrawn, a command run twice.
  virtual Outcome log_dose_again() = 0;
  virtual Outcome shift(int cycle, int days, const std::string& reason) = 0;
  /// The prescriber's discontinue on the stop alert of the ALT of `alt_day`: riluzole's last day `stop`.
  virtual Outcome discontinue_riluzole(Day alt_day, Day stop) = 0;
  /// Riluzole again after a stop for 5x ULN or more, with the confirmation that rule asks for.
  virtual Outcome restart_riluzole(Day start, const Confirmation& c) = 0;
  virtual std::string audit() = 0;
  /// Another patient with IV edaravone from `start` (the board needs two patients for a taken chair).
  virtual void add_iv_patient(const std::string& mrn, Day start) = 0;
  /// Books the planned infusion of the patient (P-1, or `mrn`) on `day` into a chair, on the default board
  /// (4 chairs, 08:00 to 17:00).
  virtual Outcome book(Day day, int chair, const std::string& at, const std::string& mrn = "P-1") = 0;
};

TherapyRequest riluzole_from(Day start) {
  TherapyRequest r;
  r.therapy.drug = Drug::riluzole;
  r.therapy.product = Product::riluzole_tablet;
  r.therapy.start = start;
  return r;
}

// The core actions on a store, as a server would call them.
class CoreFront : public FrontEnd {
 public:
  explicit CoreFront(bool sulfite) {
    store_ = std::move(open_record_store(db_.path)).value();
    NewPatient p;
    p.name = "Core Patient";
    p.tz = "UTC";
    p.sulfite_allergy = sulfite;
    patient_ = std::move(add_patient(*store_, p, today(), actor())).value().id;
  }
  Outcome start_riluzole(Day start, const Confirmation& c) override {
    TherapyRequest r = riluzole_from(start);
    r.baseline_alt = c;
    return from(start_therapy(*store_, facts(), r, actor()));
  }
  Outcome start_edaravone(const std::string& form, Day start, const Confirmation& c) override {
    TherapyRequest r;
    r.therapy.drug = Drug::edaravone;
    r.therapy.product = parse_product(Drug::edaravone, form).value();
    r.therapy.start = start;
    r.sulfite_risk = c;
    return from(start_therapy(*store_, facts(), r, actor()));
  }
  Outcome log_lab(const std::string& value, const std::string& uln, Day day) override {
    auto v = rules::parse_decimal(value), u = rules::parse_decimal(uln);
    if (!v) return {false, v.error()};
    if (!u) return {false, u.error()};
    return from(
        alsmeds::log_lab(*store_, facts(), LabRequest{"ALT", *v, *u, day, "", std::nullopt}, actor()));
  }
  Outcome log_weight(const std::string& kg, Day day) override {
    auto w = rules::parse_decimal(kg);
    if (!w) return {false, w.error()};
    return from(alsmeds::log_weight(*store_, facts(), WeightRequest{*w, day, "", std::nullopt}, actor()));
  }
  Outcome log_dose(Drug drug, Instant at, DoseStatus status, const std::string& note) override {
    DoseRequest d;
    d.drug = drug;
    d.at = at;
    d.status = status;
    d.note = note;
    last_ = d;
    return from(alsmeds::log_dose(*store_, facts(), d, actor()));
  }
  Outcome log_dose_again() override { return from(alsmeds::log_dose(*store_, facts(), last_, actor())); }
  Outcome discontinue_riluzole(Day alt_day, Day stop) override {
    return from(decide_stop_alert(*store_, facts(),
                                  {alt_day, StopAlertDecision::discontinue, kDecidedBy, stop}, actor()));
  }
  Outcome restart_riluzole(Day start, const Confirmation& c) override {
    TherapyRequest r = riluzole_from(start);
    r.liver_restart = c;
    return from(start_therapy(*store_, facts(), r, actor()));
  }
  Outcome shift(int cycle, int days, const std::string& reason) override {
    return from(shift_cycle(*store_, facts(), CycleShift{cycle, days, Reflow::shift_all_later, std::nullopt},
                            reason, actor()));
  }
  std::string audit() override {
    std::string out;
    for (const AuditEntry& a : store_->audit(patient_)) out += a.actor + " " + a.detail + "\n";
    return out;
  }
  void add_iv_patient(const std::string& mrn, Day start) override {
    NewPatient p;
    p.name = "Other " + mrn;
    p.tz = "UTC";
    p.mrn = mrn;
    const RecordId id = std::move(add_patient(*store_, p, today(), actor())).value().id;
    TherapyRequest r;
    r.therapy.drug = Drug::edaravone;
    r.therapy.product = Product::edaravone_iv;
    r.therapy.start = start;
    REQUIRE(start_therapy(*store_, facts_of(id), r, actor()).ok());
  }
  Outcome book(Day day, int chair, const std::string& at, const std::string& mrn) override {
    auto start = parse_wall_clock(at);
    if (!start) return {false, start.error()};
    const RecordId id = mrn == "P-1" ? patient_ : store_->find_patient_by_mrn(mrn)->id;
    return from(book_infusion(*store_, facts_of(id), BookingRequest{"", day, chair, *start, std::nullopt},
                              BoardHours{}, actor()));
  }

 private:
  static Actor actor() { return {"nurse.core", clock_now()}; }
  PatientFacts facts_of(RecordId id) {
    return std::move(load_facts(*store_, *store_->find_patient(id))).value();
  }
  PatientFacts facts() { return std::move(load_facts(*store_, *store_->find_patient(patient_))).value(); }
  TempDb db_;
  std::unique_ptr<RecordStore> store_;
  RecordId patient_ = 0;
  DoseRequest last_;
};

// alsmeds-cli end to end, as a script or a nurse at a terminal.
class CliFront : public FrontEnd {
 public:
  explicit CliFront(bool sulfite) {
    std::vector<std::string> add{"patient", "add", "--name", "Cli Patient", "--tz", "UTC", "--mrn", "P-1"};
    if (sulfite) add.push_back("--sulfite-allergy");
    alsmeds::test::id_of(db_.run(add));
  }
  Outcome start_riluzole(Day start, const Confirmation& c) override {
    std::vector<std::string> a{"therapy", "start",    "--patient", "P-1",
                               "--drug",  "riluzole", "--start",   format_day(start)};
    add_confirmation(a, c, "--confirm-baseline-alt");
    return run(a);
  }
  Outcome start_edaravone(const std::string& form, Day start, const Confirmation& c) override {
    std::vector<std::string> a{"therapy",   "start",  "--patient", "P-1",     "--drug",
                               "edaravone", "--form", form,        "--start", format_day(start)};
    add_confirmation(a, c, "--confirm-sulfite-risk");
    return run(a);
  }
  Outcome discontinue_riluzole(Day alt_day, Day stop) override {
    return run({"alert", "decide", "--patient", "P-1", "--alt-date", format_day(alt_day), "--decision",
                "discontinue", "--prescriber", kDecidedBy.prescriber, "--reason", kDecidedBy.reason,
                "--stop-date", format_day(stop)});
  }
  Outcome restart_riluzole(Day start, const Confirmation& c) override {
    std::vector<std::string> a{"therapy", "start",    "--patient", "P-1",
                               "--drug",  "riluzole", "--start",   format_day(start)};
    add_confirmation(a, c, "--confirm-restart-after-liver-stop");
    return run(a);
  }
  Outcome log_lab(const std::string& value, const std::string& uln, Day day) override {
    return run({"log", "lab", "--patient", "P-1", "--test", "ALT", "--value", value, "--uln", uln, "--at",
                format_day(day)});
  }
  Outcome log_weight(const std::string& kg, Day day) override {
    return run({"log", "weight", "--patient", "P-1", "--kg", kg, "--at", format_day(day)});
  }
  Outcome log_dose(Drug drug, Instant at, DoseStatus status, const std::string& note) override {
    std::vector<std::string> a{"log",       "dose",
                               "--patient", "P-1",
                               "--drug",    std::string(to_string(drug)),
                               "--at",      format_utc(at),
                               "--status",  std::string(to_string(status))};
    if (!note.empty()) a.insert(a.end(), {"--note", note});
    last_ = a;
    return run(a);
  }
  Outcome log_dose_again() override { return run(last_); }
  Outcome shift(int cycle, int days, const std::string& reason) override {
    return run({"therapy", "shift", "--patient", "P-1", "--drug", "edaravone", "--cycle",
                std::to_string(cycle), "--days", std::to_string(days), "--reason", reason});
  }
  std::string audit() override { return db_.run({"audit", "--patient", "P-1", "--format", "csv"}).out; }
  void add_iv_patient(const std::string& mrn, Day start) override {
    alsmeds::test::id_of(db_.run({"patient", "add", "--name", "Other " + mrn, "--tz", "UTC", "--mrn", mrn}));
    alsmeds::test::id_of(db_.run({"therapy", "start", "--patient", mrn, "--drug", "edaravone", "--form", "iv",
                                  "--start", format_day(start)}));
  }
  Outcome book(Day day, int chair, const std::string& at, const std::string& mrn) override {
    return run({"board", "book", "--patient", mrn, "--day", format_day(day), "--chair", std::to_string(chair),
                "--at", at});
  }

 private:
  static void add_confirmation(std::vector<std::string>& a, const Confirmation& c, const char* flag) {
    if (!c.given()) return;
    a.insert(a.end(), {flag, "--prescriber", c.prescriber, "--confirm-reason", c.reason});
  }
  Outcome run(const std::vector<std::string>& args) {
    const auto r = db_.run(args);
    if (r.exit_code == 0) return {true, r.out};
    INFO(r.err);
    CHECK(r.exit_code == 2);  // a refusal is bad input, never a failure
    return {false, r.err};
  }
  TempDb db_;
  std::vector<std::string> last_;
};

// The desktop app's view models on its AppState, as its buttons call them.
class AppFront : public FrontEnd {
 public:
  explicit AppFront(bool sulfite) : fx_("UTC", sulfite) { fx_.state.now = clock_now(); }
  Outcome start_riluzole(Day start, const Confirmation& c) override {
    return from(gui::start_riluzole(*fx_.state.store, *facts(), start,
                                    {WallClock{8 * 60}, WallClock{20 * 60}}, c, fx_.state.actor()));
  }
  Outcome start_edaravone(const std::string& form, Day start, const Confirmation& c) override {
    return from(gui::start_edaravone(*fx_.state.store, *facts(), parse_product(Drug::edaravone, form).value(),
                                     DayPolicy::earliest, start, c, fx_.state.actor()));
  }
  Outcome log_lab(const std::string& value, const std::string& uln, Day day) override {
    auto v = rules::parse_decimal(value), u = rules::parse_decimal(uln);
    if (!v) return {false, v.error()};
    if (!u) return {false, u.error()};
    return from(gui::log_lab_result(*fx_.state.store, *facts(), "ALT", day, *v, *u, fx_.state.actor()));
  }
  Outcome log_weight(const std::string& kg, Day day) override {
    auto w = rules::parse_decimal(kg);
    if (!w) return {false, w.error()};
    return from(gui::log_weight(*fx_.state.store, *facts(), day, *w, fx_.state.actor()));
  }
  Outcome log_dose(Drug drug, Instant at, DoseStatus status, const std::string& note) override {
    // The app offers only the doses of its Today list: a dose it does not offer cannot be logged there.
    const gui::TodayModel today = gui::build_today(*facts(), fx_.state.now);
    for (const gui::TodayDose& d : today.doses)
      if (d.drug == drug && ((d.at && *d.at == at) || (!d.at && d.day == date::floor<date::days>(at)))) {
        last_ = {d, status, note};
        return from(gui::log_today_dose(*fx_.state.store, *facts(), d, status, note, fx_.state.actor()));
      }
    return {false, "not offered by the Today view"};
  }
  Outcome log_dose_again() override {
    // The row as the screen still showed it (not redrawn yet).
    return from(gui::log_today_dose(*fx_.state.store, *facts(), std::get<0>(last_), std::get<1>(last_),
                                    std::get<2>(last_), fx_.state.actor()));
  }
  Outcome discontinue_riluzole(Day alt_day, Day stop) override {  // Course of therapy's decision
    return from(decide_stop_alert(*fx_.state.store, *facts(),
                                  {alt_day, StopAlertDecision::discontinue, kDecidedBy, stop},
                                  fx_.state.actor()));
  }
  Outcome restart_riluzole(Day start, const Confirmation& c) override {  // the planner's riluzole form
    return from(gui::start_riluzole(*fx_.state.store, *facts(), start,
                                    {WallClock{8 * 60}, WallClock{20 * 60}}, c, fx_.state.actor()));
  }
  Outcome shift(int cycle, int days, const std::string& reason) override {
    return from(gui::delay_cycle(*fx_.state.store, *facts(), cycle, days, Reflow::shift_all_later, reason,
                                 fx_.state.actor()));
  }
  std::string audit() override {
    std::string out;
    for (const AuditEntry& a : fx_.state.store->audit(fx_.patient)) out += a.actor + " " + a.detail + "\n";
    return out;
  }
  void add_iv_patient(const std::string& mrn, Day start) override {
    NewPatient p;
    p.name = "Other " + mrn;
    p.tz = "UTC";
    p.mrn = mrn;
    const RecordId id = std::move(fx_.state.store->add_patient(p, fx_.state.actor())).value();
    NewTherapy t;
    t.patient_id = id;
    t.drug = Drug::edaravone;
    t.product = Product::edaravone_iv;
    t.start = start;
    REQUIRE(fx_.state.store->start_therapy(t, fx_.state.actor()).ok());
    fx_.state.changed();
  }
  Outcome book(Day day, int chair, const std::string& at, const std::string& mrn) override {
    // The board offers the patient's infusions of the days around `day`; the one planned on `day`, else
    // another of theirs dropped onto `day` (a drag to another day).
    auto start = parse_wall_clock(at);
    if (!start) return {false, start.error()};
    const RecordId id = mrn == "P-1" ? fx_.patient : fx_.state.store->find_patient_by_mrn(mrn)->id;
    const Day from = day - date::days{14}, to = day + date::days{14};
    const auto patients = gui::load_board_patients(*fx_.state.store, from, to);
    const auto board = gui::build_board(patients, fx_.state.store->infusion_bookings(from, to), from, to,
                                        fx_.state.settings);
    const gui::BoardInfusion* chosen = nullptr;
    for (const gui::BoardDay& d : board.days)
      for (const gui::BoardInfusion& i : d.infusions)
        if (i.patient_id == id && (!chosen || i.planned_day == day)) chosen = &i;
    if (!chosen) return {false, "not offered by the board"};
    auto r =
        gui::book_slot(*fx_.state.store, *chosen, day, chair, *start, fx_.state.settings, fx_.state.actor());
    return r ? Outcome{true, std::to_string(*r)} : Outcome{false, r.error()};
  }

 private:
  const PatientFacts* facts() {
    fx_.state.changed();
    return fx_.state.facts();
  }
  alsmeds::test::GuiFixture fx_;
  std::tuple<gui::TodayDose, DoseStatus, std::string> last_;
};

using Make = std::function<std::unique_ptr<FrontEnd>(bool sulfite)>;
const std::vector<std::pair<std::string, Make>>& front_ends() {
  static const std::vector<std::pair<std::string, Make>> all{
      {"core", [](bool s) { return std::make_unique<CoreFront>(s); }},
      {"cli", [](bool s) { return std::make_unique<CliFront>(s); }},
      {"app", [](bool s) { return std::make_unique<AppFront>(s); }}};
  return all;
}

void expect(const Outcome& o, bool accepted, const std::string& fragment = {}) {
  INFO(o.message);
  CHECK(o.accepted == accepted);
  if (!fragment.empty()) CHECK_THAT(o.message, Catch::Contains(fragment, Catch::CaseSensitive::No));
}

const Confirmation kPrescriber{"Dr Ruiz", "benefit outweighs the risk; reviewed today"};

}  // namespace

TEST_CASE("Rule table: every front end applies the same clinical rules") {
  const Day t = today();
  const auto index = GENERATE(range(std::size_t{0}, front_ends().size()));
  const auto& [name, make] = front_ends()[index];
  INFO("front end: " << name);
  {
    SECTION("riluzole over a baseline ALT of 5x ULN needs the prescriber's confirmation, which is audited") {
      auto fe = make(false);
      expect(fe->log_lab("200", "40", t - date::days{2}), true);  // 5x ULN, before any riluzole
      expect(fe->start_riluzole(t, {}), false, "prescriber");
      expect(fe->start_riluzole(t, kPrescriber), true);
      CHECK_THAT(fe->audit(), Catch::Contains("baseline ALT above 3x ULN accepted by Dr Ruiz"));
    }
    SECTION(
        "riluzole again after a stop for ALT 5x ULN or more needs the prescriber's confirmation, audited") {
      // EU SmPC 4.4: re-administration after ALT reached 5x ULN cannot be recommended (issue 25).
      auto fe = make(false);
      expect(fe->log_lab("30", "40", t - date::days{62}), true);  // baseline
      expect(fe->start_riluzole(t - date::days{60}, {}), true);
      expect(fe->log_lab("240", "40", t - date::days{30}), true);  // 6x ULN during the course
      expect(fe->discontinue_riluzole(t - date::days{30}, t - date::days{29}), true);
      expect(fe->log_lab("30", "40", t - date::days{3}), true);  // normal again: the baseline is no obstacle
      expect(fe->restart_riluzole(t, {}), false, "prescriber");
      expect(fe->restart_riluzole(t, kPrescriber), true);
      CHECK_THAT(fe->audit(), Catch::Contains("restart after a liver stop"));
      CHECK_THAT(fe->audit(), Catch::Contains("accepted by Dr Ruiz"));
    }
    SECTION("a second course of one drug never overlaps a running one") {
      auto fe = make(false);
      expect(fe->start_riluzole(t - date::days{30}, {}), true);
      expect(fe->start_riluzole(t, {}), false, "overlap");
      expect(fe->start_edaravone("iv", t - date::days{30}, {}), true);
      expect(fe->start_edaravone("oral", t, {}), false, "overlap");
    }
    SECTION("a weight is 20 to 350 kg") {
      auto fe = make(false);
      for (const char* kg : {"19", "351", "1", "499", "0", "-5", "abc", "0x1A", "1e2"})
        expect(fe->log_weight(kg, t), false);
      expect(fe->log_weight("20", t), true);
      expect(fe->log_weight("350", t), true);
      expect(fe->log_weight("71.9", t), true);
    }
    SECTION("an ALT result is a positive decimal with a plausible ULN, never a silent 0") {
      auto fe = make(false);
      expect(fe->log_lab("abc", "40", t), false, "not a decimal");
      expect(fe->log_lab("0", "40", t), false, "ALT");
      expect(fe->log_lab("30", "0", t), false, "upper limit");
      expect(fe->log_lab("30", "1e-300", t), false);
      expect(fe->log_lab("30", "40", t), true);
    }
    SECTION("nothing is dated in the future beyond the patient's today") {
      auto fe = make(false);
      expect(fe->start_riluzole(t - date::days{30}, {}), true);
      expect(fe->log_lab("30", "40", t + date::days{365}), false);
      expect(fe->log_weight("70", t + date::days{1}), false);
      expect(fe->log_dose(Drug::riluzole, Instant{t + date::days{365}} + std::chrono::hours{8},
                          DoseStatus::taken, ""),
             false);
    }
    SECTION("a refused dose needs a note") {
      auto fe = make(false);
      expect(fe->start_riluzole(t - date::days{30}, {}), true);
      const Instant yesterday_8 = Instant{t - date::days{1}} + std::chrono::hours{8};
      expect(fe->log_dose(Drug::riluzole, yesterday_8, DoseStatus::refused, ""), false, "note");
      expect(fe->log_dose(Drug::riluzole, yesterday_8, DoseStatus::refused, "nausea"), true);
    }
    SECTION("one dose logged twice within seconds is one intent: the second is refused, naming the first") {
      auto fe = make(false);
      expect(fe->start_riluzole(t - date::days{30}, {}), true);
      const Instant yesterday_8 = Instant{t - date::days{1}} + std::chrono::hours{8};
      const Outcome first = fe->log_dose(Drug::riluzole, yesterday_8, DoseStatus::taken, "");
      expect(first, true);
      expect(fe->log_dose_again(), false, "not recorded again");
      const Instant yesterday_20 = Instant{t - date::days{1}} + std::chrono::hours{20};
      expect(fe->log_dose(Drug::riluzole, yesterday_20, DoseStatus::missed, ""), true);
      expect(fe->log_dose_again(), false, "s ago (record");
    }
    SECTION("a cycle delay is checked against the plan and needs a reason") {
      auto fe = make(false);
      expect(fe->start_edaravone("iv", t - date::days{10}, {}), true);
      expect(fe->shift(2, 400, "hospital stay"), false);
      expect(fe->shift(0, 3, "hospital stay"), false);
      expect(fe->shift(2, 3, ""), false, "reason");
      expect(fe->shift(2, 3, "hospital stay"), true);
    }
    SECTION("the infusion board: a planned IV infusion, a chair the board has, within opening hours") {
      auto fe = make(false);
      expect(fe->start_edaravone("iv", t - date::days{2}, {}), true);  // cycle 1: an infusion every day
      expect(fe->book(t - date::days{3}, 1, "09:00"), false);          // before the course
      expect(fe->book(t, 5, "09:00"), false, "does not exist (4 chairs)");
      expect(fe->book(t, 1, "07:59"), false, "outside opening hours");
      expect(fe->book(t, 1, "16:01"), false, "outside opening hours");  // would end 17:01
      expect(fe->book(t, 1, "16:00"), true);                            // ends 17:00
      expect(fe->book(t, 1, "08:00"), true);                            // booked again: moved
      expect(fe->book(t, 1, "08:00"), false, "nothing to change");      // no do-nothing move
      fe->add_iv_patient("P-2", t - date::days{1});
      expect(fe->book(t, 1, "08:59", "P-2"), false, "chair 1 is taken");  // the hours overlap
      expect(fe->book(t, 1, "07:30", "P-2"), false);
      expect(fe->book(t, 1, "09:00", "P-2"), true);  // right after
      expect(fe->book(t, 2, "08:00", "P-2"), true);  // moved to chair 2, beside P-1
    }
    SECTION("the infusion board: an infusion is booked on the day the plan has it, never another") {
      auto fe = make(false);
      expect(fe->start_edaravone("iv", t - date::days{20}, {}), true);  // day 21: drug-free
      expect(fe->book(t, 1, "09:00"), false);
      expect(fe->book(t - date::days{7}, 1, "09:00"), true);  // cycle 1 day 14
    }
    SECTION("the infusion board: oral edaravone is never booked into a chair") {
      auto fe = make(false);
      expect(fe->start_edaravone("oral", t - date::days{2}, {}), true);
      expect(fe->book(t, 1, "09:00"), false);
    }
    SECTION(
        "edaravone for a sulfite-allergic patient needs the prescriber's confirmation, which is audited") {
      auto fe = make(true);
      expect(fe->start_edaravone("iv", t, {}), false, "sulfite");
      expect(fe->start_edaravone("iv", t, {"Dr Ruiz", ""}), false, "reason");
      expect(fe->start_edaravone("iv", t, kPrescriber), true);
      CHECK_THAT(fe->audit(), Catch::Contains("sulfite risk accepted by Dr Ruiz: benefit outweighs"));
    }
  }
}
