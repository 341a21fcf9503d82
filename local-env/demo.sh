#!/usr/bin/env bash
# The one-command demo: starts the local stack if it is not running (start.sh), builds the fat jar if there is
# none (mvn package, tests skipped), submits TicketPulse reading/writing Kafka (and writing the PostgreSQL tables
# when the stack runs PostgreSQL) and the ticket simulator producing into the events topic, both with Flink's CLI
# (submit.sh), and prints where to look.
#
# Usage: local-env/demo.sh [--build] [--sim-rate N] [--state-backend hashmap|rocksdb]
#   --build          rebuild the jar even if jobs/target has one (mvn -B -q -DskipTests -pl jobs -am package)
#   --sim-rate N     simulated records per second (default 200: light on a 2-core laptop)
#   --state-backend  TicketPulse's state backend (default rocksdb, as in production)
# Environment: the same as start.sh (LOCAL_ENV_RUN_DIR, ports). Stop with local-env/stop.sh.
#
# Each job runs at parallelism 1, so together they fill the TaskManager's 2 slots.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { die "usage: local-env/demo.sh [--build] [--sim-rate N] [--state-backend hashmap|rocksdb]"; }
build=false
sim_rate=200
state_backend=rocksdb
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=true; shift ;;
    --sim-rate) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; sim_rate="$2"; shift 2 ;;
    --state-backend) [[ $# -ge 2 ]] || usage; state_backend="$2"; shift 2 ;;
    *) usage ;;
  esac
done
T0="$(now)"

# the scripts find a non-default run directory only through the environment: say so in every hint
E=""
[[ "$RUN_DIR" == "$DEFAULT_RUN_DIR" ]] || E="LOCAL_ENV_RUN_DIR=$RUN_DIR "

# 1. the stack
mkdir -p "$LOG_DIR"
all_running=true
for role in "${ROLES[@]}"; do live_pid "$role" >/dev/null || all_running=false; done
if $all_running; then
  log "the stack is already running (local-env/status.sh)"
else
  "$LOCAL_ENV_DIR/start.sh" >"$LOG_DIR/demo-start.out" || { cat "$LOG_DIR/demo-start.out"; die "start.sh failed"; }
fi
load_ports

# 2. no TicketPulse job running yet (two of them would share the consumer group and the transactional ids)
jobs_json="$(rest_get /jobs/overview 5)" || die "Flink REST at $FLINK_REST_URL does not answer"
running="$(grep -o '"jid":"[0-9a-f]*","name":"[^"]*"[^}]*"state":"RUNNING"' <<<"$jobs_json" | sed 's/"jid":"\([0-9a-f]*\)","name":"\([^"]*\)".*/\1 (\2)/' || true)"
[[ -z "$running" ]] || die "jobs are running already: $running - stop them (${E}local-env/stop-job.sh JOB_ID) or the stack (${E}local-env/stop.sh) first"

# 3. the jar
find_jar() { find "$REPO_DIR/jobs/target" -maxdepth 1 -name 'ticketpulse-jobs-*.jar' ! -name '*-tests.jar' ! -name '*-sources.jar' 2>/dev/null | sort | tail -n 1; }
jar="$(find_jar)"
if $build || [[ -z "$jar" ]]; then
  log "building the fat jar (mvn -B -q -DskipTests -pl jobs -am package; log: $(rel "$LOG_DIR/demo-build.log"))"
  (cd "$REPO_DIR" && mvn -B -q -DskipTests -pl jobs -am package) >"$LOG_DIR/demo-build.log" 2>&1 \
    || { tail -n 30 "$LOG_DIR/demo-build.log" >&2; die "the build failed"; }
  jar="$(find_jar)"
  [[ -n "$jar" ]] || die "the build produced no jobs/target/ticketpulse-jobs-*.jar"
fi
log "jar: $(rel "$jar")"

# 4. the jobs (the job's own --parallelism decides; submit.sh --parallelism would be overridden by it); on a
# SECURITY=sasl_ssl stack both connect with the job user's client properties (--kafka-property-file)
mapfile -t client_args < <(kafka_client_args)
# the PostgreSQL tables (--jdbc-*) when the stack's PostgreSQL runs, the alerts to its Alertmanager when it runs
mapfile -t jdbc_args < <(jdbc_args)
mapfile -t am_args < <(alertmanager_args)
job_id="$("$LOCAL_ENV_DIR/submit.sh" "$jar" --kafka-bootstrap-servers "$KAFKA_BOOTSTRAP" "${client_args[@]}" \
  "${jdbc_args[@]}" "${am_args[@]}" --parallelism 1 --state-backend "$state_backend" 2>"$LOG_DIR/demo-submit-job.out")" \
  || { cat "$LOG_DIR/demo-submit-job.out" >&2; die "submitting TicketPulse failed"; }
sim_id="$("$LOCAL_ENV_DIR/submit.sh" "$jar" simulate \
  --kafka-bootstrap-servers "$KAFKA_BOOTSTRAP" "${client_args[@]}" --parallelism 1 --run-forever --sim-rate "$sim_rate" \
  2>"$LOG_DIR/demo-submit-sim.out")" \
  || { cat "$LOG_DIR/demo-submit-sim.out" >&2; die "submitting the simulator failed (TicketPulse $job_id keeps running)"; }

# JobManager and TaskManager start together and each takes the first free port of FLINK_PROMETHEUS_PORTS, either
# first: the ports they logged ("Started PrometheusReporter HTTP server on port N.")
prom_port() { sed -n 's/.*Started PrometheusReporter HTTP server on port \([0-9]*\)\..*/\1/p' "$LOG_DIR/$1.log" 2>/dev/null | tail -n 1; }
prometheus_hint() {
  local jm tm
  jm="$(prom_port jobmanager)" tm="$(prom_port taskmanager)"
  if [[ -n "$jm" && -n "$tm" ]]; then
    echo "JobManager curl -s localhost:$jm/metrics   TaskManager (the jobs' metrics) curl -s localhost:$tm/metrics"
  else
    echo "JobManager and TaskManager on the first free ports of $FLINK_PROMETHEUS_PORTS (e.g. curl -s localhost:${FLINK_PROMETHEUS_PORTS%%[-,]*}/metrics)"
  fi
}

# 5. the live web dashboard beside the Flink web UI: ticketpulse dashboard reads the job's KPI, alert and dead-letter
# topics (read_committed) from a JVM of its own (the jar plus Flink's classes); local-env/stop.sh stops it
dashboard_port="${DASHBOARD_PORT:-8090}"
stop_role dashboard
mkdir -p "$TMP_DIR"
launch dashboard "$JAVA_BIN" "$MARKER_RUN" "$(marker_role dashboard)" "-Djava.io.tmpdir=$TMP_DIR" -Xmx256m \
  -cp "$jar:$(classpath flink)" io.ticketpulse.app.TicketPulseCli dashboard \
  --kafka-bootstrap-servers "$KAFKA_BOOTSTRAP" "${client_args[@]}" --dashboard-port "$dashboard_port"
DASHBOARD_URL="http://127.0.0.1:$dashboard_port/"
for ((i = 0; i < 150; i++)); do http_ok "${DASHBOARD_URL}api/snapshot" && break; sleep 0.2; done
http_ok "${DASHBOARD_URL}api/snapshot" || log "the dashboard does not answer yet (log: $(rel "$LOG_DIR")/dashboard.out)"

consume() {
  echo "  ${E}local-env/kafka-cli.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server $KAFKA_BOOTSTRAP$(kafka_cli_config_hint) --topic $1 $2 --formatter-property print.key=true"
}
cat <<EOF

TicketPulse demo running after $(elapsed_since "$T0")s
  TicketPulse KPIs  job $job_id   $FLINK_REST_URL/#/job/running/$job_id/overview
  simulator         job $sim_id   $sim_rate records/s into ticket-events, until stopped
  Flink web UI      $FLINK_REST_URL          logs $(rel "$LOG_DIR")/{jobmanager,taskmanager}.log
  Dashboard         $DASHBOARD_URL   live KPIs, alerts, dead letters (committed records; log $(rel "$LOG_DIR")/dashboard.out)
  Prometheus        $(prometheus_hint)

Watch the topics. KPI rows, dead letters and alerts are written exactly once: a read_committed consumer sees
them with each checkpoint (every 10 s). KPI windows are 1 h sliding every 1 min of simulated time (which starts
at 2026-11-23T08:00Z); a row appears once the simulated time passes the window's end.
$(consume ticket-events "")
$(consume ticket-kpis "--from-beginning --isolation-level read_committed")
$(consume sla-alerts "--from-beginning --isolation-level read_committed")
$(consume ticket-events-dlq "--from-beginning --isolation-level read_committed --formatter-property print.headers=true")
$(if [[ ${#jdbc_args[@]} -gt 0 ]]; then cat <<PG

The same rows in PostgreSQL ($JDBC_URL; tables ticketpulse_kpi, ticketpulse_alert_state, ticketpulse_alert_history,
ticketpulse_dead_letter), written with each checkpoint:
  ${E}local-env/psql.sh -c "SELECT channel, priority, window_end, frt_p90_s, backlog_open FROM ticketpulse_kpi ORDER BY window_end DESC, channel, priority LIMIT 10"
  ${E}local-env/psql.sh -c "SELECT severity, count(*) FROM ticketpulse_alert_state WHERE status = 'firing' GROUP BY severity"
PG
else echo; echo "No PostgreSQL tables written (PostgreSQL not running)."; fi)
$(if [[ ${#am_args[@]} -gt 0 ]]; then cat <<AM

Alerts delivered to Alertmanager at $ALERTMANAGER_URL (with each checkpoint; firing ones re-sent every minute). Debian's
Alertmanager has no web UI: read them with its API or amtool (the labels are the README's "Prometheus Alertmanager" mapping):
  curl -s $ALERTMANAGER_URL/api/v2/alerts
$(if command -v amtool >/dev/null 2>&1; then echo "  amtool --alertmanager.url=$ALERTMANAGER_URL alert query"; else echo "  (amtool, from the prometheus-alertmanager package, is not installed)"; fi)
AM
else echo; echo "No Alertmanager (install prometheus-alertmanager): alerts only on the topic and in the tables."; fi)

Crash drill:  ${E}local-env/restart-taskmanager.sh --kill     (kill -9 the TaskManager, start a new one: the job resumes from its checkpoint)
Upgrade:      SP=\$(${E}local-env/stop-job.sh $job_id); ${E}local-env/submit.sh --savepoint "\$SP" $(rel "$jar") --kafka-bootstrap-servers $KAFKA_BOOTSTRAP ${client_args[*]} ${jdbc_args[*]} ${am_args[*]} --parallelism 1 --state-backend $state_backend
Status/stop:  ${E}local-env/status.sh   |   ${E}local-env/stop.sh   (stops both jobs and the stack; no process is left)
EOF
