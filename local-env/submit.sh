#!/usr/bin/env bash
# Submits a job jar, detached, to the local Flink session cluster with Flink's CLI (flink run -d).
# The main class comes from the jar manifest unless --class is given. The CLI output goes to stderr;
# stdout gets only the job id, so that scripts can do JOB_ID=$(local-env/submit.sh JAR).
#
# Usage: local-env/submit.sh [--savepoint PATH] [--allow-non-restored-state] [--class CLASS]
#                            [--parallelism N] JAR [job args...]
#   --savepoint PATH  start from a savepoint or retained checkpoint (flink run -s PATH): the upgrade path
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { die "usage: local-env/submit.sh [--savepoint PATH] [--allow-non-restored-state] [--class CLASS] [--parallelism N] JAR [job args...]"; }

run_args=(run -d)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --savepoint) [[ $# -ge 2 ]] || usage; run_args+=(-s "$2"); shift 2 ;;
    --allow-non-restored-state) run_args+=(--allowNonRestoredState); shift ;;
    --class) [[ $# -ge 2 ]] || usage; run_args+=(-c "$2"); shift 2 ;;
    --parallelism) [[ $# -ge 2 ]] || usage; run_args+=(-p "$2"); shift 2 ;;
    -h | --help) usage ;;
    -*) die "unknown option $1 (job arguments go after the jar)" ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || usage
jar="$1"; shift
[[ -f "$jar" ]] || die "no such jar: $jar (build it first, e.g. mvn -B -o -q -DskipTests package)"
load_ports
require_running

if output="$(run_flink_cli "${run_args[@]}" "$jar" "$@" 2>&1)"; then rc=0; else rc=$?; fi
printf '%s\n' "$output" >&2
[[ $rc -eq 0 ]] || die "submission failed (exit $rc); client log: $(rel "$LOG_DIR")/flink-client.log, cluster log: $(rel "$LOG_DIR")/jobmanager.log"
job_id="$(sed -n 's/.*submitted with JobID \([0-9a-f]\{32\}\).*/\1/p' <<<"$output" | tail -n 1)"
[[ -n "$job_id" ]] || die "the CLI did not print a job id"
log "job $job_id submitted: $FLINK_REST_URL/#/job/running/$job_id/overview"
echo "$job_id"
