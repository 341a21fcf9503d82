#!/usr/bin/env bash
# psql on the local stack's PostgreSQL database ticketpulse, as its superuser over the Unix socket in the data
# directory (run as the postgres user when called as root). Arguments go to psql.
#
# Usage: local-env/psql.sh [psql args...]     e.g. local-env/psql.sh -c 'SELECT count(*) FROM ticketpulse_kpi'
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_ports
postgres_pid >/dev/null || die "PostgreSQL of this local-env is not running (local-env/start.sh; POSTGRES=$POSTGRES)"
exec_args=(-X -h "$PG_DATA" -p "$PG_PORT" -U postgres -d "$PG_DATABASE" "$@")
if [[ $EUID -eq 0 ]]; then
  exec runuser -u postgres -- "$PG_BIN/psql" "${exec_args[@]}"
fi
exec "$PG_BIN/psql" "${exec_args[@]}"
