// Clinic server schema 18 (issue 26, a drug is one module; SQLite's schema_drugs.cpp add_registry_tables the
// same step): the place a drug's doses take on the board is a row of board_places (registry_tables.hpp), no
// longer the drug's word in the bookings' CHECKs and trigger. Schema 16 told a chair from a room by the word
// edaravone, so a drug registered for a room shared no room with tofersen's punctures on the server. Now a
// booking's drug must have a place (a foreign key from the key's drug, `resource`), the trigger holds a chair
// 60 minutes and refuses two overlapping bookings of one place whatever their drugs (the same start of one
// drug stays the slot's unique constraint, infusion_slot_taken), and the audit words say chair or room by
// it. The packs a drug is dispensed in are rows of supply_packs: a dispensing through plain SQL was any
// drug's (tofersen's too, given from the clinic's stock) naming any pack, and counted in PDC and MPR. Only
// the tables' owner adds a place or a pack (pg_allow_registered_drugs): no login is granted more than
// reading.
#include <string>
#include <vector>

#include "pg_schema.hpp"

namespace alsmeds::storage {
namespace {

constexpr const char* kVersion18 = R"sql(
CREATE TABLE board_places (
  drug text PRIMARY KEY CHECK (drug ~ '^[a-z0-9-]{1,64}$'),
  place text NOT NULL CHECK (place IN ('chair', 'room'))
);
INSERT INTO board_places (drug, place) VALUES ('edaravone', 'chair'), ('tofersen', 'room');
ALTER TABLE board_places OWNER TO alsmeds_owner;
CREATE TABLE supply_packs (
  pack text PRIMARY KEY CHECK (pack ~ '^[a-z0-9-]{1,64}$'),
  drug text NOT NULL CHECK (drug ~ '^[a-z0-9-]{1,64}$')
);
INSERT INTO supply_packs (pack, drug) VALUES ('tablet', 'riluzole'), ('suspension', 'riluzole'),
  ('film', 'riluzole'), ('oral', 'edaravone'), ('radicava-iv', 'edaravone'), ('generic-iv', 'edaravone');
ALTER TABLE supply_packs OWNER TO alsmeds_owner;
CREATE OR REPLACE FUNCTION public.alsmeds_dispensed_pack() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp AS $f$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM public.supply_packs s WHERE s.drug = NEW.drug) THEN
    RAISE EXCEPTION '% is not dispensed to a patient (given from the clinic''s stock)', NEW.drug
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.product IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM public.supply_packs s WHERE s.pack = NEW.product AND s.drug = NEW.drug) THEN
    RAISE EXCEPTION '% is not a pack of %', NEW.product, NEW.drug USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $f$;
ALTER FUNCTION public.alsmeds_dispensed_pack() OWNER TO alsmeds_owner;
CREATE TRIGGER log_entries_dispensed_pack BEFORE INSERT ON log_entries FOR EACH ROW
  WHEN (NEW.kind = 'dispensing') EXECUTE FUNCTION public.alsmeds_dispensed_pack();
ALTER TABLE infusion_bookings DROP CONSTRAINT infusion_bookings_planned_key_check,
  ADD CONSTRAINT infusion_bookings_planned_key_check
    CHECK (planned_key ~ '^[a-z][a-z0-9-]*:[0-9]+:[!-~]+$' AND length(planned_key) <= 200),
  ADD CONSTRAINT infusion_bookings_drug_placed FOREIGN KEY (resource) REFERENCES board_places (drug),
  DROP CONSTRAINT infusion_booking_minutes,
  ADD CONSTRAINT infusion_booking_minutes CHECK (minutes BETWEEN 15 AND 240 AND start_minute + minutes <= 1440);
CREATE OR REPLACE FUNCTION public.alsmeds_words_booking(k text, d bigint, m bigint, chair integer) RETURNS text
  LANGUAGE sql STABLE AS
  $f$ SELECT k || ' on ' || public.alsmeds_words_day(d) || ' ' || public.alsmeds_words_clock(m)
             || CASE WHEN (SELECT p.place FROM public.board_places p
                           WHERE p.drug = pg_catalog.split_part(k, ':', 1)) = 'room'
                THEN ', room ' ELSE ', chair ' END || chair::text $f$;
DO $$
BEGIN
  -- Server init has run on this database: the logins read the places and packs (pg_roles.cpp grants it at
  -- init).
  IF pg_catalog.to_regprocedure('public.alsmeds_my_patient()') IS NOT NULL THEN
    GRANT SELECT ON board_places, supply_packs TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
  END IF;
END $$;
)sql";

// The place of the key's drug, refused when it has none or a chair is asked for other than 60 minutes; a
// key booked for another patient refused (a client's new version of another patient's booking moved it to
// this one); a REPEATABLE READ transaction refused (its snapshot, taken before the place's lock, would not
// see a booking committed meanwhile: the overlap check needs READ COMMITTED, or SERIALIZABLE's own check).
constexpr const char* kFindPlace = R"sql(
  IF pg_catalog.current_setting('transaction_isolation') = 'repeatable read' THEN
    RAISE EXCEPTION 'a booking is written in a READ COMMITTED (or SERIALIZABLE) transaction'
      USING ERRCODE = 'invalid_transaction_state';
  END IF;
  IF EXISTS (SELECT 1 FROM public.infusion_bookings b
             WHERE b.planned_key = NEW.planned_key AND b.patient_id <> NEW.patient_id) THEN
    RAISE EXCEPTION '% is booked for another patient', NEW.planned_key USING ERRCODE = 'check_violation';
  END IF;
  SELECT p.place INTO held_in FROM public.board_places p WHERE p.drug = kind;
  IF held_in IS NULL THEN
    RAISE EXCEPTION '% is not a drug given on the board', kind USING ERRCODE = 'check_violation';
  END IF;
  IF held_in = 'chair' AND NEW.minutes <> 60 THEN
    RAISE EXCEPTION 'an infusion holds its chair 60 minutes' USING ERRCODE = 'check_violation';
  END IF;)sql";

}  // namespace

std::vector<std::string> pg_version18_triggers() {
  std::vector<std::string> out{"log_entries_dispensed_pack"};
  for (const char* table : {"board_places", "supply_packs"})
    for (const char* op : {"update", "delete", "truncate"})
      out.push_back(std::string(table) + "_append_only_" + op);
  return out;
}

std::string pg_version18_sql() {
  // A place or a pack is never changed nor taken back: bookings and dispensings were checked by it.
  return kVersion18 + pg_append_only_sql("board_places", "board places") +
         pg_append_only_sql("supply_packs", "supply packs") +
         pg_booking_version_sql("\n  held_in text;", kFindPlace, "held_in = 'chair'",
                                "b.resource IN (SELECT p.drug FROM public.board_places p WHERE "
                                "p.place = held_in) AND (b.resource <> kind OR b.start_minute <> "
                                "NEW.start_minute)");
}

}  // namespace alsmeds::storage
