#!/usr/bin/env bash
# Stops the local stack (stop.sh) and deletes its runtime files under local-env/.run/: Kafka data,
# checkpoints, savepoints, Alertmanager data, logs, generated configuration. The cached classpaths are kept unless --all.
#
# Usage: local-env/wipe.sh [--all]      (LOCAL_ENV_RUN_DIR: wipe that run directory instead)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

all=false
case "${1:-}" in
  "") ;;
  --all) all=true ;;
  *) die "usage: local-env/wipe.sh [--all]" ;;
esac

"$LOCAL_ENV_DIR/stop.sh"
[[ -n "$(our_processes | awk '$2 == "kafka" || $2 == "jobmanager" || $2 == "taskmanager" || $2 == "alertmanager"')" ]] \
  && die "a server of this local-env is still running: not deleting its data"
postgres_pid >/dev/null && die "PostgreSQL of this local-env is still running: not deleting its data"

# guard against deleting anything but a run directory: local-env/.run, or one start.sh has marked
if [[ "$RUN_DIR" != "$DEFAULT_RUN_DIR" && ! -f "$RUN_DIR_MARKER" ]]; then
  die "$RUN_DIR has no $(basename "$RUN_DIR_MARKER") file (start.sh writes it): not a local-env run directory, not deleting it"
fi
[[ -d "$RUN_DIR" ]] || { log "nothing to wipe"; exit 0; }
if $all; then
  rm -rf "$RUN_DIR"
  log "deleted $(rel "$RUN_DIR") (including the cached classpaths)"
else
  find "$RUN_DIR" -mindepth 1 -maxdepth 1 ! -name classpath -exec rm -rf {} +
  log "deleted the data, logs and configuration under $(rel "$RUN_DIR") (kept classpath/; --all removes it too)"
fi
