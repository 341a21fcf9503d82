-- TicketPulse tables in PostgreSQL, version 2 (README, "KPI and alert tables in PostgreSQL", "Migrations").
--
-- V1 was edited after it was first released; a database migrated by an earlier build has V1 recorded with one of
-- its earlier shapes. This file brings every one of them to the same tables as a fresh database (V1 then V2):
-- each statement is a no-op where the tables already have the shape, so it also runs on a fresh V1.
-- Released migrations are immutable: change the tables in a new V<n>, never by editing this file or V1
-- (io.ticketpulse.io.PostgresSchema refuses to start when an applied file's checksum changed).

-- The first V1 (before grouping sets): kpi.dimensions was text '' and channel, priority had no default; alerts had
-- a NOT NULL channel and priority. Every KPI row then was a default row, dimensions '' = the new '{}'.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
               AND table_name = '${prefix}kpi' AND column_name = 'dimensions' AND data_type = 'text') THEN
        ALTER TABLE ${prefix}kpi ALTER COLUMN dimensions DROP DEFAULT;
        ALTER TABLE ${prefix}kpi ALTER COLUMN dimensions TYPE jsonb
            USING CASE WHEN dimensions = '' THEN '{}'::jsonb ELSE dimensions::jsonb END;
    END IF;
END
$$;
ALTER TABLE ${prefix}kpi ALTER COLUMN dimensions SET DEFAULT '{}'::jsonb;
ALTER TABLE ${prefix}kpi ALTER COLUMN channel SET DEFAULT '';
ALTER TABLE ${prefix}kpi ALTER COLUMN priority SET DEFAULT '';
ALTER TABLE ${prefix}alert_state ALTER COLUMN channel DROP NOT NULL;
ALTER TABLE ${prefix}alert_state ALTER COLUMN priority DROP NOT NULL;
ALTER TABLE ${prefix}alert_history ALTER COLUMN channel DROP NOT NULL;
ALTER TABLE ${prefix}alert_history ALTER COLUMN priority DROP NOT NULL;

-- ticket-kpi fields added since: grouping sets, AHT, derived priority (22f9296), imminent breach (9798d23),
-- business-time means and their counts (6b98ce0, e96d157).
ALTER TABLE ${prefix}kpi
    ADD COLUMN IF NOT EXISTS folded_dimensions        jsonb,
    ADD COLUMN IF NOT EXISTS tickets_priority_derived bigint           NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS aht_count                bigint           NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS aht_mean_s               double precision,
    ADD COLUMN IF NOT EXISTS aht_p50_s                double precision,
    ADD COLUMN IF NOT EXISTS aht_p90_s                double precision,
    ADD COLUMN IF NOT EXISTS imminent_breach          bigint           NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS frt_business_mean_s      double precision,
    ADD COLUMN IF NOT EXISTS mttr_business_mean_s     double precision,
    ADD COLUMN IF NOT EXISTS frt_business_count       bigint,
    ADD COLUMN IF NOT EXISTS mttr_business_count      bigint;

-- sla-alert fields added since: derived priority and grouping sets (22f9296), business-hours calendars (dd54bdd).
ALTER TABLE ${prefix}alert_state
    ADD COLUMN IF NOT EXISTS priority_derived   boolean          NOT NULL DEFAULT false,
    ADD COLUMN IF NOT EXISTS grouping_set       text,
    ADD COLUMN IF NOT EXISTS dimensions         jsonb,
    ADD COLUMN IF NOT EXISTS calendar_id        text,
    ADD COLUMN IF NOT EXISTS business_elapsed_s double precision,
    ADD COLUMN IF NOT EXISTS calendar_elapsed_s double precision;
ALTER TABLE ${prefix}alert_history
    ADD COLUMN IF NOT EXISTS priority_derived   boolean          NOT NULL DEFAULT false,
    ADD COLUMN IF NOT EXISTS grouping_set       text,
    ADD COLUMN IF NOT EXISTS dimensions         jsonb,
    ADD COLUMN IF NOT EXISTS calendar_id        text,
    ADD COLUMN IF NOT EXISTS business_elapsed_s double precision,
    ADD COLUMN IF NOT EXISTS calendar_elapsed_s double precision;
