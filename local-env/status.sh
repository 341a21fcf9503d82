#!/usr/bin/env bash
# Shows the processes of the local stack (pid, RSS, uptime), the Flink overview and the running jobs.
#
# Usage: local-env/status.sh
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_ports

printf '%-12s %8s %9s %10s\n' ROLE PID RSS_MB UPTIME
for role in "${ROLES[@]}" "${OPTIONAL_ROLES[@]}"; do
  if pid="$(live_pid "$role")"; then
    printf '%-12s %8s %9s %10s\n' "$role" "$pid" "$(rss_mb "$pid")" "$(ps -o etime= -p "$pid" | tr -d ' ')"
  else
    printf '%-12s %8s %9s %10s\n' "$role" - - stopped
  fi
done
if pid="$(postgres_pid)"; then
  printf '%-12s %8s %9s %10s\n' postgres "$pid" "$(rss_mb "$pid")" "$(ps -o etime= -p "$pid" | tr -d ' ')"
else
  printf '%-12s %8s %9s %10s\n' postgres - - "stopped (POSTGRES=$POSTGRES)"
fi
echo "PostgreSQL $JDBC_URL, user $PG_USER (local-env/psql.sh)"
echo "Kafka $KAFKA_BOOTSTRAP, security: $SECURITY$([[ "$SECURITY" == plaintext ]] || echo " (client properties: $(rel "$CLIENT_PROPERTIES"))")"
if live_pid alertmanager >/dev/null; then
  echo "Alertmanager $ALERTMANAGER_URL: amtool --alertmanager.url=$ALERTMANAGER_URL alert   (or curl -s $ALERTMANAGER_URL/api/v2/alerts)"
fi
if overview="$(rest_get /overview)"; then
  echo "Flink overview: $overview"
  echo "Jobs: $(rest_get /jobs/overview | sed 's/"tasks":{[^}]*},//g')"
else
  echo "Flink REST API at $FLINK_REST_URL does not answer"
fi
