// Clinic server schema 18 (issue 26, a drug is one module; SQLite's schema_drugs.cpp add_board_places the
// same step): the place a drug's doses take on the board is a row of board_places (board_places.hpp), no
// longer the drug's word in the bookings' CHECKs and trigger. Schema 16 told a chair from a room by the word
// edaravone, so a drug registered for a room shared no room with tofersen's punctures on the server. Now a
// booking's drug must have a place (a foreign key from the key's drug, `resource`), the trigger holds a chair
// 60 minutes and refuses two overlapping bookings of one place whatever their drugs (the same start of one
// drug stays the slot's unique constraint, infusion_slot_taken), and the audit words say chair or room by
// it. Only the tables' owner adds a place (pg_allow_registered_drugs): no login is granted more than reading.
#include <string>

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
ALTER TABLE infusion_bookings DROP CONSTRAINT infusion_bookings_planned_key_check,
  ADD CONSTRAINT infusion_bookings_planned_key_check CHECK (pg_catalog.strpos(planned_key, ':') > 1),
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
  -- Server init has run on this database: the logins read the places (pg_roles.cpp grants it at init).
  IF pg_catalog.to_regprocedure('public.alsmeds_my_patient()') IS NOT NULL THEN
    GRANT SELECT ON board_places TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
  END IF;
END $$;
)sql";

// The place of the key's drug, refused when it has none or a chair is asked for other than 60 minutes.
constexpr const char* kFindPlace = R"sql(
  SELECT p.place INTO held_in FROM public.board_places p WHERE p.drug = kind;
  IF held_in IS NULL THEN
    RAISE EXCEPTION '% is not a drug given on the board', kind USING ERRCODE = 'check_violation';
  END IF;
  IF held_in = 'chair' AND NEW.minutes <> 60 THEN
    RAISE EXCEPTION 'an infusion holds its chair 60 minutes' USING ERRCODE = 'check_violation';
  END IF;)sql";

}  // namespace

std::string pg_version18_sql() {
  return kVersion18 +
         pg_booking_version_sql("\n  held_in text;", kFindPlace, "held_in = 'chair'",
                                "b.resource IN (SELECT p.drug FROM public.board_places p WHERE "
                                "p.place = held_in) AND (b.resource <> kind OR b.start_minute <> "
                                "NEW.start_minute)");
}

}  // namespace alsmeds::storage
