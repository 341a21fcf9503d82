-- TicketPulse tables in PostgreSQL, version 1 (README, "KPI and alert tables in PostgreSQL").
--
-- ${prefix} is the table prefix (--jdbc-table-prefix, default ticketpulse_). The job applies this file once, at
-- start, in a transaction, and records it in ${prefix}schema_version (io.ticketpulse.io.PostgresSchema); by hand:
-- replace ${prefix} and run it with psql, then insert (1, 'kpi_alert_dead_letter_tables') into
-- ${prefix}schema_version.
--
-- Column names are the JSON field names of the wire contracts (schemas/*.schema.json): the sinks write each record
-- with jsonb_populate_record, so a field lands in the column of its name. "time" is the column Grafana plots.
-- Timestamps are timestamptz (UTC instants), durations double precision seconds, counts bigint.

-- ticket-kpi rows: one per upsert key; a row is replaced only by a row with a higher revision.
-- grouping_set and dimensions hold the KPI families of the policy file's grouping sets (team, agent, roll-ups): the
-- default rows, per channel and priority, are grouping_set 'channel_priority' with dimensions '{}' (the column
-- defaults); a set without a channel or priority dimension has '' there (a key column cannot be null).
CREATE TABLE IF NOT EXISTS ${prefix}kpi (
    grouping_set         text             NOT NULL DEFAULT 'channel_priority',
    dimensions           jsonb            NOT NULL DEFAULT '{}'::jsonb,
    folded_dimensions    jsonb,
    channel              text             NOT NULL DEFAULT '',
    priority             text             NOT NULL DEFAULT '',
    window_start         timestamptz      NOT NULL,
    window_end           timestamptz      NOT NULL,
    "time"               timestamptz      GENERATED ALWAYS AS (window_end) STORED,
    revision             integer          NOT NULL,
    is_final             boolean          NOT NULL,
    tickets_created      bigint           NOT NULL,
    frt_count            bigint           NOT NULL,
    frt_mean_s           double precision,
    frt_p50_s            double precision,
    frt_p90_s            double precision,
    frt_p95_s            double precision,
    frt_p99_s            double precision,
    frt_max_s            double precision,
    wait_timeouts        bigint           NOT NULL,
    wait_decided         bigint           NOT NULL,
    wait_timeout_rate    double precision,
    resolved             bigint           NOT NULL,
    mttr_mean_s          double precision,
    mttr_p50_s           double precision,
    mttr_p90_s           double precision,
    one_touch_resolved   bigint           NOT NULL,
    fcr_rate             double precision,
    backlog_open         bigint           NOT NULL,
    csat_count           bigint           NOT NULL,
    csat_mean            double precision,
    csat_mean_frt_lt_1m  double precision,
    csat_mean_frt_1_5m   double precision,
    csat_mean_frt_gt_5m  double precision,
    tickets_priority_derived bigint       NOT NULL DEFAULT 0,
    aht_count            bigint           NOT NULL DEFAULT 0,
    aht_mean_s           double precision,
    aht_p50_s            double precision,
    aht_p90_s            double precision,
    imminent_breach      bigint           NOT NULL DEFAULT 0,
    PRIMARY KEY (grouping_set, dimensions, channel, priority, window_start, window_end)
);
CREATE INDEX IF NOT EXISTS ${prefix}kpi_time ON ${prefix}kpi ("time");

-- sla-alert records, current state: one row per dedup_key, the alert's latest state change.
CREATE TABLE IF NOT EXISTS ${prefix}alert_state (
    alert_id        text             NOT NULL,
    dedup_key       text             NOT NULL PRIMARY KEY,
    status          text             NOT NULL,
    kind            text             NOT NULL,
    severity        text             NOT NULL,
    sla_metric      text             NOT NULL,
    ticket_id       text,
    channel         text,
    priority        text,
    priority_derived boolean         NOT NULL DEFAULT false,
    grouping_set    text,
    dimensions      jsonb,
    team            text,
    policy_id       text             NOT NULL,
    policy_version  integer          NOT NULL,
    cycle           integer          NOT NULL,
    target_s        double precision NOT NULL,
    started_at      timestamptz      NOT NULL,
    deadline_at     timestamptz,
    breached_at     timestamptz,
    changed_at      timestamptz      NOT NULL,
    "time"          timestamptz      GENERATED ALWAYS AS (changed_at) STORED,
    elapsed_s       double precision NOT NULL,
    paused_s        double precision NOT NULL,
    overrun_pct     double precision NOT NULL,
    resolve_reason  text,
    detected_at     timestamptz      NOT NULL,
    summary         text             NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}alert_state_status ON ${prefix}alert_state (status, severity);

-- sla-alert records, append-only history: every state change once (a re-delivered record is ignored).
CREATE TABLE IF NOT EXISTS ${prefix}alert_history (
    alert_id        text             NOT NULL,
    dedup_key       text             NOT NULL,
    status          text             NOT NULL,
    kind            text             NOT NULL,
    severity        text             NOT NULL,
    sla_metric      text             NOT NULL,
    ticket_id       text,
    channel         text,
    priority        text,
    priority_derived boolean         NOT NULL DEFAULT false,
    grouping_set    text,
    dimensions      jsonb,
    team            text,
    policy_id       text             NOT NULL,
    policy_version  integer          NOT NULL,
    cycle           integer          NOT NULL,
    target_s        double precision NOT NULL,
    started_at      timestamptz      NOT NULL,
    deadline_at     timestamptz,
    breached_at     timestamptz,
    changed_at      timestamptz      NOT NULL,
    "time"          timestamptz      GENERATED ALWAYS AS (changed_at) STORED,
    elapsed_s       double precision NOT NULL,
    paused_s        double precision NOT NULL,
    overrun_pct     double precision NOT NULL,
    resolve_reason  text,
    detected_at     timestamptz      NOT NULL,
    summary         text             NOT NULL,
    PRIMARY KEY (dedup_key, changed_at, status, kind, severity)
);
CREATE INDEX IF NOT EXISTS ${prefix}alert_history_time ON ${prefix}alert_history ("time");

-- dead-letter records, once per (origin, reason_code, payload). "time" is the refused event's occurred_at when
-- the payload is a valid event (late, future, too old, duplicate conflict, unknown ticket), else when written.
CREATE TABLE IF NOT EXISTS ${prefix}dead_letter (
    reason_code     text        NOT NULL,
    reason          text        NOT NULL,
    origin          text        NOT NULL,
    payload_base64  text        NOT NULL,
    payload_text    text,
    event_id        text,
    ticket_id       text,
    payload_md5     text        GENERATED ALWAYS AS (md5(payload_base64)) STORED,
    "time"          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, reason_code, payload_md5)
);
CREATE INDEX IF NOT EXISTS ${prefix}dead_letter_time ON ${prefix}dead_letter ("time");
