#!/usr/bin/env bash
# Creates the TicketPulse topics explicitly (same partitions and compaction as local-env/start.sh).
# Run by the kafka-init service of docker-compose.yml. Usage: create-topics.sh BOOTSTRAP_SERVERS
set -euo pipefail
bootstrap="$1"
topics=/opt/kafka/bin/kafka-topics.sh

create() {  # name partitions [topic config]
  local args=(--bootstrap-server "$bootstrap" --create --if-not-exists --topic "$1" --partitions "$2" --replication-factor 1)
  [[ -z "${3:-}" ]] || args+=(--config "$3")
  "$topics" "${args[@]}"
}

create ticket-events 4
create ticket-kpis 4 cleanup.policy=compact
create sla-alerts 4
create sla-alerts-fast 4
create ticket-events-dlq 2
"$topics" --bootstrap-server "$bootstrap" --describe
