// Clinic server schema 16 (issue 26, SQLite's schema.cpp the same step): tofersen's lumbar punctures booked
// on the board. A booking holds an infusion chair (an edaravone key) or a lumbar-puncture room (a tofersen
// key) for its minutes (an infusion 60; a lumbar puncture the unit's setting when booked, 15 to 240); the
// key's drug is the kind of place (`resource`, generated), so chair 1 and room 1 are different places. The
// booking trigger of schema 9 made again: one writer per day and place, no two overlapping bookings of one
// place whatever a client sends, the slot's generation counted per kind of place. The unit's settings gain
// the rooms and their minutes, in the settings' audit words (records.cpp describe).
#include <string>
#include <utility>

#include "pg_schema.hpp"

namespace alsmeds::storage {
namespace {

constexpr const char* kVersion16 = R"sql(
ALTER TABLE infusion_bookings DROP CONSTRAINT infusion_bookings_planned_key_check,
  ADD CONSTRAINT infusion_bookings_planned_key_check
    CHECK (planned_key LIKE 'edaravone:%' OR planned_key LIKE 'tofersen:%');
ALTER TABLE infusion_bookings ADD COLUMN minutes integer NOT NULL DEFAULT 60,
  ADD COLUMN resource text GENERATED ALWAYS AS (pg_catalog.split_part(planned_key, ':', 1)) STORED;
ALTER TABLE infusion_bookings ADD CONSTRAINT infusion_booking_minutes
  CHECK (minutes BETWEEN 15 AND 240 AND start_minute + minutes <= 1440
         AND (minutes = 60 OR planned_key LIKE 'tofersen:%'));
ALTER TABLE infusion_bookings DROP CONSTRAINT infusion_slot_taken,
  ADD CONSTRAINT infusion_slot_taken UNIQUE (resource, day, chair, start_minute, slot_generation);
ALTER TABLE unit_settings
  ADD COLUMN lp_rooms integer NOT NULL DEFAULT 1 CONSTRAINT unit_settings_lp_rooms CHECK (lp_rooms BETWEEN 0 AND 10),
  ADD COLUMN lp_minutes integer NOT NULL DEFAULT 60
    CONSTRAINT unit_settings_lp_minutes CHECK (lp_minutes BETWEEN 15 AND 240);
)sql";

// The booking trigger's text, its place found by @CHAIR@ (a chair, not a room) and @SAME_PLACE@ (a booking
// `b` of the same place) with what @DECLARE@ and @PLACE@ add (pg_booking_version_sql).
constexpr const char* kBookingVersion = R"sql(
CREATE OR REPLACE FUNCTION public.alsmeds_booking_version() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp AS $f$
DECLARE
  prev public.infusion_bookings%ROWTYPE;
  kind text := pg_catalog.split_part(NEW.planned_key, ':', 1);@DECLARE@
BEGIN@PLACE@
  NEW.released_day := NULL;
  NEW.released_chair := NULL;
  NEW.released_start := NULL;
  SELECT * INTO prev FROM public.infusion_bookings b WHERE b.planned_key = NEW.planned_key
    ORDER BY b.version DESC LIMIT 1;
  IF FOUND THEN
    NEW.version := prev.version + 1;
    IF NOT prev.cancelled THEN
      NEW.released_day := prev.day;
      NEW.released_chair := prev.chair;
      NEW.released_start := prev.start_minute;
    END IF;
  ELSE
    NEW.version := 1;
  END IF;
  IF NEW.cancelled THEN
    NEW.slot_generation := NULL;
  ELSE
    SELECT count(*) INTO NEW.slot_generation FROM public.infusion_bookings b
      WHERE b.released_day = NEW.day AND b.released_chair = NEW.chair AND b.released_start = NEW.start_minute
        AND b.resource = kind;
    IF NEW.released_day = NEW.day AND NEW.released_chair = NEW.chair AND NEW.released_start = NEW.start_minute
    THEN
      NEW.slot_generation := NEW.slot_generation + 1;
    END IF;
    -- One writer at a time per day and place; the same start is the slot's unique constraint's
    -- (infusion_slot_taken), which names it to the client.
    PERFORM pg_catalog.pg_advisory_xact_lock(NEW.day::integer,
                                             NEW.chair + CASE WHEN @CHAIR@ THEN 0 ELSE 1000 END);
    IF EXISTS (
        SELECT 1 FROM public.infusion_bookings b
        WHERE b.day = NEW.day AND b.chair = NEW.chair AND @SAME_PLACE@
          AND b.planned_key <> NEW.planned_key AND NOT b.cancelled
          AND b.start_minute < NEW.start_minute + NEW.minutes AND NEW.start_minute < b.start_minute + b.minutes
          AND b.version = (SELECT max(v.version) FROM public.infusion_bookings v WHERE v.planned_key = b.planned_key))
    THEN
      RAISE EXCEPTION '% % is taken at an overlapping time on that day',
        CASE WHEN @CHAIR@ THEN 'chair' ELSE 'room' END, NEW.chair
        USING ERRCODE = 'exclusion_violation';
    END IF;
  END IF;
  RETURN NEW;
END $f$;
)sql";

constexpr const char* kVersion16Words = R"sql(
CREATE OR REPLACE FUNCTION public.alsmeds_words_booking(k text, d bigint, m bigint, chair integer) RETURNS text
  LANGUAGE sql STABLE AS
  $f$ SELECT k || ' on ' || public.alsmeds_words_day(d) || ' ' || public.alsmeds_words_clock(m)
             || CASE WHEN k LIKE 'tofersen:%' THEN ', room ' ELSE ', chair ' END || chair::text $f$;
DO $$
BEGIN
  -- Server init has run on this database: the new columns' grants (pg_roles.cpp grants every column at init).
  IF pg_catalog.to_regprocedure('public.alsmeds_stamp_login()') IS NOT NULL
     AND pg_catalog.to_regprocedure('public.alsmeds_my_patient()') IS NOT NULL THEN
    GRANT INSERT (minutes) ON infusion_bookings TO alsmeds_nurse;
    GRANT INSERT (lp_rooms, lp_minutes) ON unit_settings TO alsmeds_nurse;
  END IF;
END $$;
)sql";

// records.cpp describe(const UnitSettings&): schema 13's words with the lumbar-puncture rooms.
constexpr const char* kUnitSettingsWords =
    "'settings', 'unit', n.id, NULL::bigint, "
    "n.chairs::text || ' chairs, ' || public.alsmeds_words_clock(n.opens_minute) || '-' "
    "|| public.alsmeds_words_clock(n.closes_minute) "
    "|| CASE WHEN n.weekdays_only THEN ', weekdays' ELSE ', every day' END "
    "|| ', ' || n.lp_rooms::text || CASE WHEN n.lp_rooms = 1 THEN ' lumbar-puncture room' "
    "ELSE ' lumbar-puncture rooms' END || ' of ' || n.lp_minutes::text || ' minutes' "
    "|| CASE WHEN n.reason <> '' THEN ': ' || n.reason ELSE '' END, '' FROM new_rows n";

}  // namespace

std::string pg_booking_version_sql(const std::string& declare, const std::string& place,
                                   const std::string& chair, const std::string& same_place) {
  std::string sql = kBookingVersion;
  for (const auto& [mark, text] : {std::pair<std::string, const std::string&>{"@DECLARE@", declare},
                                   {"@PLACE@", place},
                                   {"@CHAIR@", chair},
                                   {"@SAME_PLACE@", same_place}})
    for (std::size_t at = sql.find(mark); at != std::string::npos; at = sql.find(mark, at + text.size()))
      sql.replace(at, mark.size(), text);
  return sql;
}

std::string pg_version16_sql() {
  // Schema 16 told a chair from a room by the key's drug: edaravone's a chair, any other a room.
  return kVersion16 +
         pg_booking_version_sql("", "", "kind = 'edaravone'",
                                "b.resource = kind AND b.start_minute <> NEW.start_minute") +
         kVersion16Words + pg_audit_sql("unit_settings", kUnitSettingsWords, true) +
         pg_own_audit_functions_sql();
}

}  // namespace alsmeds::storage
