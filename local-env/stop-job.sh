#!/usr/bin/env bash
# Stops a running job with a savepoint (flink stop --savepointPath DIR JOB_ID), the first half of an
# upgrade: resubmit the new jar with local-env/submit.sh --savepoint PATH. The CLI output goes to
# stderr; stdout gets only the savepoint path.
#
# Usage: local-env/stop-job.sh [--savepoint-dir DIR] [--drain] JOB_ID
#   default DIR: local-env/.run/data/flink/savepoints; --drain emits MAX_WATERMARK first (fires all timers)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { die "usage: local-env/stop-job.sh [--savepoint-dir DIR] [--drain] JOB_ID"; }

dir="$FLINK_DATA/savepoints"
stop_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --savepoint-dir) [[ $# -ge 2 ]] || usage; dir="$2"; shift 2 ;;
    --drain) stop_args+=(--drain); shift ;;
    -h | --help) usage ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[[ $# -eq 1 && "$1" =~ ^[0-9a-f]{32}$ ]] || usage
job_id="$1"
load_ports
require_running
mkdir -p "$dir"

if output="$(run_flink_cli stop "${stop_args[@]}" --savepointPath "$dir" "$job_id" 2>&1)"; then rc=0; else rc=$?; fi
printf '%s\n' "$output" >&2
[[ $rc -eq 0 ]] || die "stop-with-savepoint failed (exit $rc); see $(rel "$LOG_DIR")/jobmanager.log"
path="$(sed -n 's/.*Savepoint completed\. Path: *\([^ ]*\).*/\1/p' <<<"$output" | tail -n 1)"
[[ -n "$path" ]] || die "the CLI did not print a savepoint path"
log "job $job_id stopped; resume with: local-env/submit.sh --savepoint $path JAR [args...]"
echo "$path"
