#!/usr/bin/env bash
# Runs a Kafka command-line class on the local stack's Kafka classpath, in the foreground.
#
# Usage: local-env/kafka-cli.sh CLASS [args...]
# Examples:
#   local-env/kafka-cli.sh org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --describe
#   local-env/kafka-cli.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:9092 \
#       --topic ticket-kpis --from-beginning --isolation-level read_committed --property print.key=true
#   local-env/kafka-cli.sh org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:9092 \
#       --topic ticket-events --reader-property parse.key=true --reader-property key.separator='|'
# On a SECURITY=sasl_ssl stack add the job user's client properties, e.g.
#   local-env/kafka-cli.sh org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 \
#       --command-config local-env/.run/secrets/client.properties --list
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 ]] || die "usage: local-env/kafka-cli.sh CLASS [args...]  (e.g. org.apache.kafka.tools.TopicCommand)"
[[ -f "$KAFKA_CONF/log4j2-cli.properties" ]] || die "no generated configuration yet: run local-env/start.sh first"
run_kafka_cli "$@"
