#!/usr/bin/env bash
# Starts the local TicketPulse stack without Docker: a single-node KRaft Kafka broker and a Flink
# standalone session cluster (one JobManager, one TaskManager with 2 slots), as background Java
# processes built from Maven Central jars, then creates the topics; and PostgreSQL for the KPI and alert
# tables (Debian's binaries, a private cluster). All files go to local-env/.run/.
#
# Usage: local-env/start.sh
# Environment (all optional):
#   ports             KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093 FLINK_REST_PORT=8081 FLINK_RPC_PORT=6123 PG_PORT=15432 ALERTMANAGER_PORT=9095
#                     (Prometheus Alertmanager, started when ALERTMANAGER_BIN, by default
#                     /usr/bin/prometheus-alertmanager, is installed; ALERTMANAGER=off: never)
#                     FLINK_PROMETHEUS_PORTS=9249-9259 (a port, a range or a comma list; JM and TM each take one)
#   run directory     LOCAL_ENV_RUN_DIR=local-env/.run (config, data, logs, pids, tmp: a second stack needs its own)
#   timeout           START_TIMEOUT_SECONDS=90 (per wait: Kafka started, Flink TaskManager registered)
#   PostgreSQL        POSTGRES=auto (default: started when PG_BIN=/usr/lib/postgresql/15/bin has the binaries,
#                     apt-get install postgresql) | on (required) | off; database and user ticketpulse, the user's
#                     password in secrets/postgres.password (the job reads it with --jdbc-password-file)
#   security          SECURITY=plaintext (default) | sasl_ssl: the broker's client listener takes TLS with a
#                     certificate of a CA generated here, and SASL/SCRAM-SHA-512 or SASL/PLAIN; the job user's
#                     client properties are written to secrets/client.properties (see local-env/README.md)
# The one-command demo (stack + job + simulator) is local-env/demo.sh.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TIMEOUT="${START_TIMEOUT_SECONDS:-90}"

# name:partitions[:topic configs]
TOPICS=(
  "ticket-events:4"
  "ticket-kpis:4:cleanup.policy=compact"
  "sla-alerts:4"
  "sla-alerts-fast:4"
  "ticket-events-dlq:2"
)

T0="$(now)"

# ---------------------------------------------------------------------------------------------
preflight() {
  local role pid running=""
  for role in "${ROLES[@]}" "${OPTIONAL_ROLES[@]}"; do
    if pid="$(live_pid "$role")"; then
      running+="$role (pid $pid) "
    elif [[ -f "$(pid_file "$role")" ]]; then
      log "removing stale pid file of $role (process $(cat "$(pid_file "$role")") is gone)"
      rm -f "$(pid_file "$role")"
    fi
  done
  if pid="$(postgres_pid)"; then running+="postgres (pid $pid) "; fi
  [[ -z "$running" ]] || die "already running: $running- use local-env/stop.sh first (local-env/status.sh shows the state)"
  local leftovers
  leftovers="$(our_processes | awk '$2 == "kafka" || $2 == "jobmanager" || $2 == "taskmanager" || $2 == "alertmanager"' | tr '\n' ' ')"
  [[ -z "${leftovers// }" ]] || die "servers of this local-env are alive without pid files (pid role): $leftovers- run local-env/stop.sh"

  port_defaults
  if [[ "$POSTGRES" != off ]] && ! postgres_available; then
    [[ "$POSTGRES" == auto ]] || die "POSTGRES=on, but PG_BIN=$PG_BIN has no PostgreSQL binaries (apt-get install postgresql)"
    log "no PostgreSQL binaries in $PG_BIN (apt-get install postgresql): starting without PostgreSQL"
    POSTGRES=off
  fi
  [[ "$POSTGRES" == off ]] || POSTGRES=on
  ALERTMANAGER="${ALERTMANAGER:-on}"
  if [[ "$ALERTMANAGER" != off && ! -x "$ALERTMANAGER_BIN" ]]; then
    log "no Alertmanager at $ALERTMANAGER_BIN (apt-get install -y prometheus-alertmanager): starting without it"
    ALERTMANAGER=off
  fi
  local port pg_port=() am_port=()
  [[ "$POSTGRES" == off ]] || pg_port=("$PG_PORT")
  [[ "$ALERTMANAGER" == off ]] || am_port=("$ALERTMANAGER_PORT")
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$FLINK_REST_PORT" "$FLINK_RPC_PORT" "${pg_port[@]}" "${am_port[@]}"; do
    port_in_use "$port" && die "port $port is already in use on 127.0.0.1 (ss -ltnp | grep :$port). Free it or choose other ports, e.g. KAFKA_PORT=19092 FLINK_REST_PORT=18081 local-env/start.sh"
  done
  # nothing of ours runs: Flink's leftovers of a killed process (extracted RPC jar, tm_* dirs) can go
  rm -rf "$TMP_DIR/flink"
  mkdir -p "$RUN_DIR"
  echo "local-env run directory of $REPO_DIR (created by local-env/start.sh; wipe.sh deletes it)" >"$RUN_DIR_MARKER"
  cat >"$PORTS_FILE" <<EOF
KAFKA_PORT=$KAFKA_PORT
KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT
FLINK_REST_PORT=$FLINK_REST_PORT
FLINK_RPC_PORT=$FLINK_RPC_PORT
FLINK_PROMETHEUS_PORTS=$FLINK_PROMETHEUS_PORTS
SECURITY=$SECURITY
PG_PORT=$PG_PORT
POSTGRES=$POSTGRES
ALERTMANAGER_PORT=$ALERTMANAGER_PORT
ALERTMANAGER=$ALERTMANAGER
EOF

  local version
  version="$("$JAVA_BIN" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }')"
  [[ "$version" =~ ^[0-9]+$ && "$version" -ge 17 ]] || die "Java 17 or newer is needed ($JAVA_BIN reports '$version'); set LOCAL_ENV_JAVA"
}

# ---------------------------------------------------------------------------------------------
# SECURITY=sasl_ssl: a CA, a broker certificate and passwords, generated once per run directory into secrets/
# (mode 700; wipe.sh deletes them), and the client property files that use them.
#
#   ca.p12, ca.crt              the local CA (PKCS12 key store; its certificate as PEM: the clients' trust store)
#   broker.p12                  the broker's key and certificate (CN=localhost, SAN localhost and 127.0.0.1)
#   store.password              the password of both key stores (keytool reads it from the file)
#   admin.password              the broker's own user "admin" (SASL/PLAIN; inter-broker and CLI tools)
#   ticketpulse.password        the job's user "ticketpulse" (SASL/SCRAM-SHA-512 and SASL/PLAIN)
#   credentials.properties      the job user's JAAS lines (scram.jaas, plain.jaas), read through Kafka's
#                               FileConfigProvider by every client that uses the two files below
#   client.properties           SASL_SSL + SCRAM-SHA-512 for the job user (no secret inside: a ${file:...} reference)
#   client-plain.properties     the same with SASL/PLAIN
#   admin.properties            SASL_SSL + PLAIN for user admin (password inline): start.sh's topic and user set-up
#   scram-users.config          the SCRAM credential of the job user, for kafka-configs --add-config-file

KAFKA_ADMIN_PROPERTIES="$SECRETS_DIR/admin.properties"
KAFKA_JOB_USER="ticketpulse"

# 32 hex digits from /dev/urandom (no shell-special or JAAS-special characters).
random_secret() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

keytool_bin() {
  local java
  java="$(command -v "$JAVA_BIN")" || die "no java at $JAVA_BIN"
  java="$(readlink -f "$java")"
  [[ -x "$(dirname "$java")/keytool" ]] || die "no keytool next to $java (a JDK is needed for SECURITY=sasl_ssl)"
  echo "$(dirname "$java")/keytool"
}

ensure_secrets() {
  [[ "$SECURITY" == sasl_ssl ]] || return 0
  (umask 077 && mkdir -p "$SECRETS_DIR")
  chmod 700 "$SECRETS_DIR"
  local d="$SECRETS_DIR" keytool
  if [[ ! -s "$d/broker.p12" || ! -s "$d/ca.crt" ]]; then
    log "generating a local CA and the broker's TLS certificate (keytool, in $(rel "$d"))"
    keytool="$(keytool_bin)"
    rm -f "$d/ca.p12" "$d/ca.crt" "$d/broker.p12" "$d/broker.csr" "$d/broker.crt"
    (umask 077 && random_secret >"$d/store.password")
    local kt=("$keytool" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC "-J-Djava.io.tmpdir=$TMP_DIR" -noprompt)
    "${kt[@]}" -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity 825 -dname "CN=TicketPulse local-env CA" \
      -ext bc:c -keystore "$d/ca.p12" -storetype PKCS12 -storepass:file "$d/store.password" >/dev/null 2>&1 \
      || die "keytool could not create the CA"
    "${kt[@]}" -exportcert -rfc -alias ca -keystore "$d/ca.p12" -storepass:file "$d/store.password" \
      -file "$d/ca.crt" >/dev/null 2>&1 || die "keytool could not export the CA certificate"
    "${kt[@]}" -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 825 -dname "CN=localhost" \
      -keystore "$d/broker.p12" -storetype PKCS12 -storepass:file "$d/store.password" >/dev/null 2>&1 \
      || die "keytool could not create the broker key"
    "${kt[@]}" -certreq -alias broker -keystore "$d/broker.p12" -storepass:file "$d/store.password" \
      -file "$d/broker.csr" >/dev/null 2>&1 || die "keytool could not create the broker's certificate request"
    "${kt[@]}" -gencert -alias ca -keystore "$d/ca.p12" -storepass:file "$d/store.password" -validity 825 \
      -infile "$d/broker.csr" -outfile "$d/broker.crt" -rfc -ext "SAN=dns:localhost,ip:127.0.0.1" \
      -ext "KU=digitalSignature,keyEncipherment" -ext "EKU=serverAuth" >/dev/null 2>&1 \
      || die "keytool could not sign the broker's certificate"
    "${kt[@]}" -importcert -alias ca -keystore "$d/broker.p12" -storepass:file "$d/store.password" \
      -file "$d/ca.crt" >/dev/null 2>&1 || die "keytool could not import the CA certificate"
    "${kt[@]}" -importcert -alias broker -keystore "$d/broker.p12" -storepass:file "$d/store.password" \
      -file "$d/broker.crt" >/dev/null 2>&1 || die "keytool could not import the broker's certificate"
    rm -f "$d/broker.csr"
  fi
  local pw
  for pw in admin "$KAFKA_JOB_USER"; do
    [[ -s "$d/$pw.password" ]] || (umask 077 && random_secret >"$d/$pw.password")
  done
  local job_pw admin_pw
  job_pw="$(cat "$d/$KAFKA_JOB_USER.password")"
  admin_pw="$(cat "$d/admin.password")"
  (
    umask 077
    cat >"$d/credentials.properties" <<EOF
# Generated by local-env/start.sh (SECURITY=sasl_ssl): the job user's JAAS lines. Clients read them through
# config.providers=file (Kafka's FileConfigProvider), so the password never is a job argument or in a job graph.
scram.jaas=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_JOB_USER" password="$job_pw";
plain.jaas=org.apache.kafka.common.security.plain.PlainLoginModule required username="$KAFKA_JOB_USER" password="$job_pw";
EOF
    local mechanism file key
    for mechanism in SCRAM-SHA-512 PLAIN; do
      if [[ "$mechanism" == PLAIN ]]; then file="$d/client-plain.properties" key=plain.jaas; else file="$CLIENT_PROPERTIES" key=scram.jaas; fi
      cat >"$file" <<EOF
# Generated by local-env/start.sh (SECURITY=sasl_ssl): Kafka client properties of user $KAFKA_JOB_USER, SASL/$mechanism
# over TLS. For the job: --kafka-property-file $file
# For a Kafka CLI tool: --command-config $file
security.protocol=SASL_SSL
sasl.mechanism=$mechanism
ssl.truststore.type=PEM
ssl.truststore.location=$d/ca.crt
config.providers=file
config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
sasl.jaas.config=\${file:$d/credentials.properties:$key}
EOF
    done
    cat >"$KAFKA_ADMIN_PROPERTIES" <<EOF
# Generated by local-env/start.sh (SECURITY=sasl_ssl): the broker's own user admin (SASL/PLAIN over TLS), for
# start.sh's topic and user set-up.
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
ssl.truststore.type=PEM
ssl.truststore.location=$d/ca.crt
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_pw";
EOF
    cat >"$d/scram-users.config" <<EOF
SCRAM-SHA-512=iterations=8192,password=$job_pw
EOF
  )
}

# The listener lines of server.properties: PLAINTEXT, or SASL_SSL (SCRAM-SHA-512 and PLAIN) with the broker's
# certificate. The KRaft controller listener stays PLAINTEXT on 127.0.0.1 (single node: nothing else talks to it).
listener_config() {
  if [[ "$SECURITY" == plaintext ]]; then
    cat <<EOF
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
EOF
    return
  fi
  local d="$SECRETS_DIR" admin_pw job_pw store_pw
  admin_pw="$(cat "$d/admin.password")"
  job_pw="$(cat "$d/$KAFKA_JOB_USER.password")"
  store_pw="$(cat "$d/store.password")"
  cat <<EOF
# SECURITY=sasl_ssl: clients (and the broker's own inter-broker client) connect with TLS and SASL
listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
sasl.mechanism.inter.broker.protocol=PLAIN
# PLAIN users: admin (the broker itself, start.sh) and the job user; SCRAM users live in the cluster metadata
# (start.sh creates the job user's with kafka-configs --add-config-file)
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_pw" user_admin="$admin_pw" user_$KAFKA_JOB_USER="$job_pw";
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$d/broker.p12
ssl.keystore.password=$store_pw
ssl.key.password=$store_pw
ssl.truststore.type=PEM
ssl.truststore.location=$d/ca.crt
ssl.client.auth=none
EOF
}

# The admin client options of start.sh's CLI calls (topics, users).
admin_cli_args() {
  [[ "$SECURITY" == plaintext ]] || printf '%s\n' --command-config "$KAFKA_ADMIN_PROPERTIES"
}

# SECURITY=sasl_ssl: creates (or updates) the job user's SCRAM-SHA-512 credential, the password read from a file.
create_scram_user() {
  [[ "$SECURITY" == sasl_ssl ]] || return 0
  local admin_args
  mapfile -t admin_args < <(admin_cli_args)
  run_kafka_cli kafka.admin.ConfigCommand --bootstrap-server "$KAFKA_BOOTSTRAP" "${admin_args[@]}" --alter \
    --entity-type users --entity-name "$KAFKA_JOB_USER" --add-config-file "$SECRETS_DIR/scram-users.config" >/dev/null \
    || die "creating the SCRAM user $KAFKA_JOB_USER failed"
  log "SCRAM-SHA-512 user $KAFKA_JOB_USER ready (client properties: $(rel "$CLIENT_PROPERTIES"))"
}

# ---------------------------------------------------------------------------------------------
write_kafka_config() {
  mkdir -p "$KAFKA_CONF" "$KAFKA_DATA" "$LOG_DIR" "$TMP_DIR"
  # with SECURITY=sasl_ssl it holds the broker's passwords: the owner only
  (umask 077 && : >"$KAFKA_CONF/server.properties")
  cat >"$KAFKA_CONF/server.properties" <<EOF
# Generated by local-env/start.sh on every start: edit the script, not this file.
# Single-node KRaft: this process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
$(listener_config)
log.dirs=$KAFKA_DATA
# one broker: every internal topic has one replica
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
group.initial.rebalance.delay.ms=0
# topics are created explicitly by start.sh (partitions, compaction); a typo must fail, not create a topic
auto.create.topics.enable=false
num.partitions=1
# Flink's KafkaSink transaction.timeout.ms must stay at or below this (15 min, the default)
transaction.max.timeout.ms=900000
log.retention.hours=168
EOF

  cat >"$KAFKA_CONF/log4j2.properties" <<EOF
# Generated by local-env/start.sh. Broker log: one file, rotated by size.
name=local-env-kafka
appender.file.type=RollingFile
appender.file.name=FILE
appender.file.fileName=$LOG_DIR/kafka.log
appender.file.filePattern=$LOG_DIR/kafka.log.%i
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
appender.file.policies.type=Policies
appender.file.policies.size.type=SizeBasedTriggeringPolicy
appender.file.policies.size.size=50MB
appender.file.strategy.type=DefaultRolloverStrategy
appender.file.strategy.max=3
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=FILE
logger.request.name=kafka.request.logger
logger.request.level=WARN
EOF

  cat >"$KAFKA_CONF/log4j2-cli.properties" <<'EOF'
# Generated by local-env/start.sh. Kafka CLI tools: warnings only, to stderr.
name=local-env-kafka-cli
appender.err.type=Console
appender.err.name=STDERR
appender.err.target=SYSTEM_ERR
appender.err.layout.type=PatternLayout
appender.err.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=WARN
rootLogger.appenderRef.err.ref=STDERR
EOF
}

# Formats the Kafka data dir once; refuses a data dir formatted by another Kafka version.
format_kafka_once() {
  local cp="$1" marker="$KAFKA_DATA/.formatted-by-kafka"
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
    local formatted_by
    formatted_by="$(cat "$marker" 2>/dev/null || echo unknown)"
    [[ "$formatted_by" == "$KAFKA_VERSION" ]] \
      || die "the Kafka data dir was formatted by Kafka '$formatted_by', not $KAFKA_VERSION: run local-env/wipe.sh"
    return 0
  fi
  log "formatting the Kafka data dir (first start)"
  # shellcheck disable=SC2206
  local java=("$JAVA_BIN" $CLI_JVM_OPTS "-Djava.io.tmpdir=$TMP_DIR" "-Dlog4j2.configurationFile=$KAFKA_CONF/log4j2-cli.properties" -cp "$cp")
  local cluster_id
  cluster_id="$("${java[@]}" kafka.tools.StorageTool random-uuid | tail -n 1)"
  "${java[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONF/server.properties" >"$LOG_DIR/kafka-format.out" 2>&1 \
    || { cat "$LOG_DIR/kafka-format.out" >&2; die "formatting the Kafka data dir failed"; }
  echo "$KAFKA_VERSION" >"$marker"
}

# ---------------------------------------------------------------------------------------------
write_flink_config() {
  local ckpt="$FLINK_DATA/checkpoints" svp="$FLINK_DATA/savepoints"
  mkdir -p "$FLINK_CONF" "$ckpt" "$svp" "$FLINK_DATA/web-upload" "$TMP_DIR/flink" "$RUN_DIR/flink-plugins"
  cat >"$FLINK_CONF/config.yaml" <<EOF
# Generated by local-env/start.sh on every start: edit the script, not this file.
# Flink $FLINK_VERSION standalone session cluster on localhost: 1 JobManager, 1 TaskManager with 2 slots.

# Java 17 module flags from Flink's default config.yaml (start.sh also puts them on the JVM command lines)
env.java.opts.all: $FLINK_JAVA17_OPTS

jobmanager.rpc.address: localhost
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: localhost
jobmanager.memory.process.size: 1g
jobmanager.execution.failover-strategy: region

taskmanager.bind-host: localhost
taskmanager.host: localhost
taskmanager.numberOfTaskSlots: 2
taskmanager.memory.process.size: 1536m

parallelism.default: 2

rest.address: localhost
rest.bind-address: localhost
rest.port: $FLINK_REST_PORT
web.upload.dir: $FLINK_DATA/web-upload

# a TaskManager that starts before the JobManager retries after 1 s (default 10 s)
cluster.registration.error-delay: 1000

# fast failure detection (a killed TaskManager is noticed in about 5 s instead of 50 s)
heartbeat.interval: 1000
heartbeat.timeout: 5000

# checkpoints: every 10 s, exactly-once, RocksDB with incremental checkpoints, kept on cancellation
execution.checkpointing.interval: 10 s
execution.checkpointing.mode: EXACTLY_ONCE
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
execution.checkpointing.num-retained: 3
execution.checkpointing.incremental: true
state.backend.type: rocksdb
# the current names of state.checkpoints.dir / state.savepoints.dir (still accepted as fallbacks)
execution.checkpointing.dir: file://$ckpt
execution.checkpointing.savepoint-dir: file://$svp

# the restart strategy of every job on this cluster (TicketPulse and the simulator set none of their own): retry
# forever, 1 s after the first failure, doubling up to 10 s between attempts (Flink's default cap is 1 min, too long
# for a crash drill), back to 1 s once a job has run for 1 min without failing
restart-strategy.type: exponential-delay
restart-strategy.exponential-delay.initial-backoff: 1 s
restart-strategy.exponential-delay.max-backoff: 10 s
restart-strategy.exponential-delay.backoff-multiplier: 2.0
restart-strategy.exponential-delay.reset-backoff-threshold: 1 min
restart-strategy.exponential-delay.jitter-factor: 0.1

# the number of key groups of keyed state, fixed by a job's first start: a savepoint restores at any parallelism up
# to it, never under another value (Flink's default would be 128 for parallelism <= 85, more for larger ones)
pipeline.max-parallelism: 128

# no silent Kryo fallback, and every operator must carry an explicit uid
pipeline.generic-types: false
pipeline.auto-generate-uids: false

# temp files of the run, never the system temp folder
io.tmp.dirs: $TMP_DIR/flink

# Prometheus metrics: JobManager and TaskManager each take the first free port of the range
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $FLINK_PROMETHEUS_PORTS
EOF

  cat >"$FLINK_CONF/log4j.properties" <<'EOF'
# Generated by local-env/start.sh. JobManager/TaskManager log: the file named by -Dlog.file, rotated by size.
monitorInterval=30
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=MainAppender
logger.pekko.name=org.apache.pekko
logger.pekko.level=INFO
logger.kafka.name=org.apache.kafka
logger.kafka.level=INFO
logger.netty.name=org.jboss.netty.channel.DefaultChannelPipeline
logger.netty.level=ERROR
appender.main.name=MainAppender
appender.main.type=RollingFile
appender.main.append=true
appender.main.fileName=${sys:log.file}
appender.main.filePattern=${sys:log.file}.%i
appender.main.layout.type=PatternLayout
appender.main.layout.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5level %-60c %x - %m%n
appender.main.policies.type=Policies
appender.main.policies.size.type=SizeBasedTriggeringPolicy
appender.main.policies.size.size=50MB
appender.main.strategy.type=DefaultRolloverStrategy
appender.main.strategy.max=3
# The Kafka sink's committer logs "Unable to commit transaction (...) because its producer is already fenced ... most
# likely signals data loss" at ERROR on most restores. On a restore it re-commits the transactions of the restored
# checkpoint; those it had already committed before the failure are refused as "fenced" by a Kafka 4 broker, and
# nothing is lost (the e2e test kills the TaskManager and finds every record once). It is real loss only if the
# transaction was aborted before its commit, i.e. the job was down for longer than --transaction-timeout (10 min).
# So that one message is logged at WARN (text unchanged); the committer's other errors stay ERROR.
appender.fencedcommit.name=FencedCommitAsWarning
appender.fencedcommit.type=Rewrite
appender.fencedcommit.target.type=AppenderRef
appender.fencedcommit.target.ref=MainAppender
appender.fencedcommit.policy.type=LoggerNameLevelRewritePolicy
appender.fencedcommit.policy.logger=org.apache.flink.connector.kafka.sink.internal.KafkaCommitter
appender.fencedcommit.policy.error.type=KeyValuePair
appender.fencedcommit.policy.error.key=ERROR
appender.fencedcommit.policy.error.value=WARN
logger.committer.name=org.apache.flink.connector.kafka.sink.internal.KafkaCommitter
logger.committer.additivity=false
logger.committer.appenderRef.main.ref=MainAppender
logger.committer.appenderRef.main.filter.fenced.type=RegexFilter
logger.committer.appenderRef.main.filter.fenced.regex=(?s).*because its producer is already fenced.*
logger.committer.appenderRef.main.filter.fenced.onMatch=DENY
logger.committer.appenderRef.main.filter.fenced.onMismatch=NEUTRAL
logger.committer.appenderRef.fenced.ref=FencedCommitAsWarning
logger.committer.appenderRef.fenced.filter.fenced.type=RegexFilter
logger.committer.appenderRef.fenced.filter.fenced.regex=(?s).*because its producer is already fenced.*
logger.committer.appenderRef.fenced.filter.fenced.onMatch=ACCEPT
logger.committer.appenderRef.fenced.filter.fenced.onMismatch=DENY
EOF

  cat >"$FLINK_CONF/log4j-cli.properties" <<'EOF'
# Generated by local-env/start.sh. Flink CLI (submit.sh, stop-job.sh): log to a file, errors also to stderr.
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=FileAppender
rootLogger.appenderRef.err.ref=ErrAppender
appender.file.name=FileAppender
appender.file.type=File
appender.file.append=true
appender.file.fileName=${sys:log.file}
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5level %-60c %x - %m%n
appender.err.name=ErrAppender
appender.err.type=Console
appender.err.target=SYSTEM_ERR
appender.err.filter.threshold.type=ThresholdFilter
appender.err.filter.threshold.level=ERROR
appender.err.layout.type=PatternLayout
appender.err.layout.pattern=%-5level %c{1} - %m%n
EOF
}

# ---------------------------------------------------------------------------------------------
# Alertmanager: the job's SLA alerts are only shown (API, amtool); add receivers here to be notified.
write_alertmanager_config() {
  [[ "$ALERTMANAGER" == on ]] || return 0
  mkdir -p "$ALERTMANAGER_CONF"
  cat >"$ALERTMANAGER_CONF/alertmanager.yml" <<EOF
# Generated by local-env/start.sh on every start. TicketPulse's alerts are grouped per team and channel (see the
# README, "Alertmanager and PagerDuty"); the receiver notifies no one: look at them with amtool or the API.
route:
  receiver: local-env-none
  group_by: ['alertname', 'team', 'channel']
  group_wait: 10s
  group_interval: 1m
  repeat_interval: 4h
receivers:
  - name: local-env-none
EOF
}

# ---------------------------------------------------------------------------------------------
create_topics() {
  local existing spec name partitions config args
  local admin_args
  mapfile -t admin_args < <(admin_cli_args)
  existing="$(run_kafka_cli org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" "${admin_args[@]}" --list)"
  for spec in "${TOPICS[@]}"; do
    IFS=: read -r name partitions config <<<"$spec"
    if grep -qx "$name" <<<"$existing"; then
      log "topic $name exists"
      continue
    fi
    args=(--bootstrap-server "$KAFKA_BOOTSTRAP" "${admin_args[@]}" --create --if-not-exists --topic "$name"
      --partitions "$partitions" --replication-factor 1)
    [[ -z "$config" ]] || args+=(--config "$config")
    run_kafka_cli org.apache.kafka.tools.TopicCommand "${args[@]}" >/dev/null
    log "topic $name created: $partitions partitions${config:+, $config}"
  done
}

# On any failure after launching processes: stop what was started (logs stay for inspection).
STARTED=false
on_exit() {
  local rc=$?
  if [[ $rc -ne 0 && "$STARTED" == true ]]; then
    log "start failed: stopping the processes started so far (logs stay in $(rel "$LOG_DIR"))"
    local role
    for role in alertmanager taskmanager jobmanager kafka; do stop_role "$role" 2>/dev/null || true; done
    stop_postgres 2>/dev/null || true
  fi
}
trap on_exit EXIT

# ---------------------------------------------------------------------------------------------
preflight
KAFKA_CP="$(classpath kafka)"
FLINK_CP="$(classpath flink)"
ensure_secrets
write_kafka_config
write_flink_config
write_alertmanager_config
format_kafka_once "$KAFKA_CP"

STARTED=true
start_kafka "$KAFKA_CP"
JM_PARAMS="$(flink_resource_params "$FLINK_CP" GET_JM_RESOURCE_PARAMS)"
FLINK_LAUNCHED="$(now)"
start_flink_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$FLINK_CP" "$JM_PARAMS"
start_taskmanager "$FLINK_CP"
[[ "$POSTGRES" == off ]] || start_postgres
[[ "$ALERTMANAGER" == off ]] || start_alertmanager

wait_for_kafka
create_scram_user
create_topics
wait_for_flink
[[ "$ALERTMANAGER" == off ]] || wait_for_alertmanager
STARTED=false

security_summary() {
  if [[ "$SECURITY" == plaintext ]]; then
    echo "PLAINTEXT (SECURITY=sasl_ssl for TLS + SASL)"
  else
    echo "SASL_SSL: TLS (CA $(rel "$SECRETS_DIR/ca.crt")), SCRAM-SHA-512 or PLAIN, user $KAFKA_JOB_USER; job option --kafka-property-file $(rel "$CLIENT_PROPERTIES")"
  fi
}

# the scripts find a non-default run directory only through the environment: say so in every hint
E=""
[[ "$RUN_DIR" == "$DEFAULT_RUN_DIR" ]] || E="LOCAL_ENV_RUN_DIR=$RUN_DIR "
cat <<EOF

TicketPulse local stack is up after $(elapsed_since "$T0")s (Kafka ready ${KAFKA_READY_SECONDS}s, Flink ready ${FLINK_READY_SECONDS}s after launch)
  Kafka broker    $KAFKA_BOOTSTRAP (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)  pid $(live_pid kafka)  log $(rel "$LOG_DIR/kafka.log")
  Kafka security  $(security_summary)
  Flink JobMgr    $FLINK_REST_URL (web UI, REST)                 pid $(live_pid jobmanager)  log $(rel "$LOG_DIR/jobmanager.log")
  Flink TaskMgr   1 x 2 slots                                          pid $(live_pid taskmanager)  log $(rel "$LOG_DIR/taskmanager.log")
  Flink config    $(rel "$FLINK_CONF/config.yaml")
  PostgreSQL      $(if [[ "$POSTGRES" == on ]]; then echo "$JDBC_URL (user $PG_USER, password in $(rel "$PG_PASSWORD_FILE"))  pid $(postgres_pid)  log $(rel "$LOG_DIR/postgres.log")"; else echo "not started (POSTGRES=$POSTGRES; apt-get install postgresql)"; fi)
  checkpoints     $(rel "$FLINK_DATA/checkpoints")   savepoints $(rel "$FLINK_DATA/savepoints")
  Alertmanager    $(if [[ "$ALERTMANAGER" == on ]]; then echo "$ALERTMANAGER_URL (API /api/v2/alerts; amtool --alertmanager.url=$ALERTMANAGER_URL alert)  pid $(live_pid alertmanager)  log $(rel "$LOG_DIR/alertmanager.out")"; else echo "not started (install prometheus-alertmanager)"; fi)

Job + simulator:  ${E}local-env/demo.sh   (or submit yourself: ${E}local-env/submit.sh JAR --kafka-bootstrap-servers $KAFKA_BOOTSTRAP $(kafka_client_args | tr '\n' ' ')...)
Upgrade:          ${E}local-env/stop-job.sh JOB_ID   then   ${E}local-env/submit.sh --savepoint PATH JAR [args...]
TaskManager:      ${E}local-env/restart-taskmanager.sh [--kill]   (--kill: kill -9 first, a crash drill)
Kafka broker:     ${E}local-env/restart-kafka.sh [--kill]         (the same data dir; --kill: kill -9 first)
Tables:           ${E}local-env/psql.sh -c 'SELECT * FROM ticketpulse_kpi ORDER BY time DESC LIMIT 5'   (psql on the ticketpulse database)
Status / stop:    ${E}local-env/status.sh   |   ${E}local-env/stop.sh   |   ${E}local-env/wipe.sh
Read a topic (committed records only, with keys):
EOF
for spec in "${TOPICS[@]}"; do
  IFS=: read -r name _ <<<"$spec"
  echo "  ${E}local-env/kafka-cli.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server $KAFKA_BOOTSTRAP$(kafka_cli_config_hint) --topic $name --from-beginning --isolation-level read_committed --formatter-property print.key=true"
done
