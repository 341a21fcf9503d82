#!/usr/bin/env bash
# Starts a new TaskManager for the running local stack, e.g. after it crashed: a job that lost its slots is
# restored from its latest checkpoint onto the new one. If the old TaskManager still runs, it is stopped
# first (TERM, or with --kill a kill -9: a crash drill). Waits until the JobManager lists the new
# TaskManager (1 TaskManager, 2 slots) and prints its pid.
#
# Usage: local-env/restart-taskmanager.sh [--kill]
# Environment: LOCAL_ENV_RUN_DIR (as for start.sh), START_TIMEOUT_SECONDS=90.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

kill_first=false
case "${1:-}" in
  "") ;;
  --kill) kill_first=true ;;
  *) die "usage: local-env/restart-taskmanager.sh [--kill]" ;;
esac
TIMEOUT="${START_TIMEOUT_SECONDS:-90}"
T0="$(now)"
load_ports
for role in kafka jobmanager; do
  live_pid "$role" >/dev/null || die "$role is not running: start the stack with local-env/start.sh"
done

if pid="$(live_pid taskmanager)"; then
  if $kill_first; then
    log "kill -9 of the TaskManager (pid $pid)"
    kill -KILL "$pid"
    for ((i = 0; i < 100; i++)); do is_ours "$pid" taskmanager || break; sleep 0.1; done
    rm -f "$(pid_file taskmanager)"
  else
    stop_role taskmanager
  fi
elif [[ -f "$(pid_file taskmanager)" ]]; then
  log "the TaskManager (pid $(cat "$(pid_file taskmanager)")) is gone: removing its pid file"
  rm -f "$(pid_file taskmanager)"
fi
leftover="$(our_processes | awk '$2 == "taskmanager" { print $1 }' | tr '\n' ' ')"
[[ -z "${leftover// }" ]] || die "a TaskManager of this run directory runs without a pid file (pid $leftover): stop it first"

# a killed TaskManager leaves its working dirs behind (tm_*, the extracted RPC jar stays for the JobManager)
rm -rf "$TMP_DIR"/flink/tm_* 2>/dev/null || true
FLINK_CP="$(classpath flink)"
FLINK_LAUNCHED="$(now)"
start_taskmanager "$FLINK_CP"
wait_for_flink
log "new TaskManager $TASKMANAGER_ID (pid $(live_pid taskmanager)) registered after $(elapsed_since "$T0")s; log $(rel "$LOG_DIR/taskmanager.log")"
live_pid taskmanager
