#!/usr/bin/env bash
# Stops the processes started by local-env/start.sh, by PID: TERM, up to 15 s grace, then KILL.
# The Flink processes go first (a running job is cancelled by the cluster shutdown: take a savepoint
# with stop-job.sh before if you want to resume it), then Kafka, then PostgreSQL (pg_ctl stop -m fast); the
# Alertmanager before them. Data, logs and configuration stay.
#
# Usage: local-env/stop.sh
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop_role dashboard
stop_role alertmanager
stop_role taskmanager
stop_role jobmanager
stop_role kafka
load_ports
stop_postgres

# Servers of this run directory that lost their pid file (e.g. the file was deleted by hand).
while read -r pid role; do
  case "$role" in
    kafka | jobmanager | taskmanager | alertmanager | dashboard)
      log "found $role (pid $pid) without a pid file: stopping it"
      echo "$pid" >"$(pid_file "$role")"
      stop_role "$role"
      ;;
  esac
done < <(our_processes)

left="$(our_processes)"
if [[ -n "$left" ]]; then
  log "still running (pid role), not started by start.sh - e.g. a console consumer from kafka-cli.sh:"
  while read -r pid role; do log "  pid $pid: $role"; done <<<"$left"
else
  log "stopped: no process of this local-env is left"
fi
