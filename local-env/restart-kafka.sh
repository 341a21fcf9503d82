#!/usr/bin/env bash
# Restarts the Kafka broker of the running local stack on the same data dir and configuration (a crash drill:
# with --kill, kill -9 first). Jobs reading or writing Kafka fail over under the cluster's restart strategy and
# resume from their latest checkpoint; exactly-once output stays exactly once. Waits until the broker logs
# "Kafka Server started" and prints its pid.
#
# Usage: local-env/restart-kafka.sh [--kill]
# Environment: LOCAL_ENV_RUN_DIR (as for start.sh), START_TIMEOUT_SECONDS=90.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

kill_first=false
case "${1:-}" in
  "") ;;
  --kill) kill_first=true ;;
  *) die "usage: local-env/restart-kafka.sh [--kill]" ;;
esac
TIMEOUT="${START_TIMEOUT_SECONDS:-90}"
T0="$(now)"
load_ports
[[ -f "$KAFKA_CONF/server.properties" && -f "$KAFKA_DATA/meta.properties" ]] \
  || die "no formatted Kafka data dir in $(rel "$RUN_DIR"): start the stack with local-env/start.sh"

if pid="$(live_pid kafka)"; then
  if $kill_first; then
    log "kill -9 of the Kafka broker (pid $pid)"
    kill -KILL "$pid"
    for ((i = 0; i < 100; i++)); do is_ours "$pid" kafka || break; sleep 0.1; done
    rm -f "$(pid_file kafka)"
  else
    stop_role kafka
  fi
elif [[ -f "$(pid_file kafka)" ]]; then
  log "the Kafka broker (pid $(cat "$(pid_file kafka)")) is gone: removing its pid file"
  rm -f "$(pid_file kafka)"
fi
leftover="$(our_processes | awk '$2 == "kafka" { print $1 }' | tr '\n' ' ')"
[[ -z "${leftover// }" ]] || die "a Kafka broker of this run directory runs without a pid file (pid $leftover): stop it first"

start_kafka "$(classpath kafka)"
wait_for_kafka
log "Kafka broker (pid $(live_pid kafka)) restarted on $(rel "$KAFKA_DATA") after $(elapsed_since "$T0")s; log $(rel "$LOG_DIR/kafka.log")"
live_pid kafka
