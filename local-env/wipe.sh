#!/usr/bin/env bash
# Stops the local stack (stop.sh) and deletes its runtime files under local-env/.run/: Kafka data,
# checkpoints, savepoints, logs, generated configuration. The cached classpaths are kept unless --all.
#
# Usage: local-env/wipe.sh [--all]
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
[[ -n "$(our_processes | awk '$2 == "kafka" || $2 == "jobmanager" || $2 == "taskmanager"')" ]] \
  && die "a server of this local-env is still running: not deleting its data"

# guard against deleting anything but local-env/.run
[[ "$RUN_DIR" == */local-env/.run && -d "$RUN_DIR" ]] || { log "nothing to wipe"; exit 0; }
if $all; then
  rm -rf "$RUN_DIR"
  log "deleted ${RUN_DIR#"$REPO_DIR"/} (including the cached classpaths)"
else
  find "$RUN_DIR" -mindepth 1 -maxdepth 1 ! -name classpath -exec rm -rf {} +
  log "deleted the data, logs and configuration under ${RUN_DIR#"$REPO_DIR"/} (kept classpath/; --all removes it too)"
fi
