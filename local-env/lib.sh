# shellcheck shell=bash disable=SC2034
# Shared functions and paths of the local-env scripts. Sourced, never run directly.
#
# Everything the local stack writes lives under local-env/.run/ (git-ignored), or under the directory
# named by LOCAL_ENV_RUN_DIR (absolute or relative to the current directory; a test's own stack, say):
#   classpath/  cached classpaths computed by Maven from runtime/pom.xml
#   conf/       generated configuration (kafka/, flink/), rewritten on every start
#   data/       Kafka log dirs, Flink checkpoints and savepoints (kept by stop.sh, removed by wipe.sh)
#   logs/       process logs (*.log) and stdout/stderr (*.out)
#   pids/       one <role>.pid per process started by start.sh
#   tmp/        java.io.tmpdir and Flink io.tmp.dirs (never the system temp folder)
#   data/postgres/  the private PostgreSQL cluster (owned by the postgres user when the scripts run as root)

LOCAL_ENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$LOCAL_ENV_DIR")"
DEFAULT_RUN_DIR="$LOCAL_ENV_DIR/.run"
RUN_DIR="${LOCAL_ENV_RUN_DIR:-$DEFAULT_RUN_DIR}"
mkdir -p "$RUN_DIR"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
# written by start.sh: marks a directory as a local-env run directory (wipe.sh deletes nothing else)
RUN_DIR_MARKER="$RUN_DIR/.local-env-run"
CP_DIR="$RUN_DIR/classpath"
CONF_DIR="$RUN_DIR/conf"
KAFKA_CONF="$CONF_DIR/kafka"
FLINK_CONF="$CONF_DIR/flink"
DATA_DIR="$RUN_DIR/data"
KAFKA_DATA="$DATA_DIR/kafka"
FLINK_DATA="$DATA_DIR/flink"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
TMP_DIR="$RUN_DIR/tmp"
PORTS_FILE="$RUN_DIR/ports.env"
# SECURITY=sasl_ssl (start.sh): certificates, passwords and the client property files, readable by the owner only
SECRETS_DIR="$RUN_DIR/secrets"
# the client properties of the job user (SASL/SCRAM over TLS), for --kafka-property-file and --command-config
CLIENT_PROPERTIES="$SECRETS_DIR/client.properties"

# Read by Flink's JobManager, TaskManager and CLI (the plugins folder stays empty: jars are on the classpath).
export FLINK_CONF_DIR="$FLINK_CONF"
export FLINK_PLUGINS_DIR="$RUN_DIR/flink-plugins"

# PostgreSQL beside Kafka and Flink (start.sh; POSTGRES=auto|on|off): Debian's binaries, a private cluster in
# data/postgres on 127.0.0.1:PG_PORT, database and user ticketpulse, the user's password in secrets/
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$DATA_DIR/postgres"
PG_DATABASE="ticketpulse"
PG_USER="ticketpulse"
PG_PASSWORD_FILE="$SECRETS_DIR/postgres.password"

KAFKA_VERSION="4.2.0"
FLINK_VERSION="2.2.0"

# Roles started by start.sh, in start order (stop.sh stops them in reverse order).
ROLES=(kafka jobmanager taskmanager)
# Started by start.sh when its binary is installed (the stack works without it): Prometheus Alertmanager.
OPTIONAL_ROLES=(alertmanager)
# Debian's prometheus-alertmanager (apt-get install -y prometheus-alertmanager); ALERTMANAGER_BIN for another one.
ALERTMANAGER_BIN="${ALERTMANAGER_BIN:-/usr/bin/prometheus-alertmanager}"
ALERTMANAGER_CONF="$CONF_DIR/alertmanager"
ALERTMANAGER_DATA="$DATA_DIR/alertmanager"

# Java 17 module flags of Flink's default config.yaml (env.java.opts.all), apache/flink
# flink-dist/src/main/resources/config.yaml. Written into the generated config.yaml and put on the
# command line of every Flink JVM, as Flink's bin scripts do.
FLINK_JAVA17_OPTS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

# Short-lived command-line JVMs (topic tool, Flink CLI, memory calculator) start faster with C1 only.
CLI_JVM_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# The Java used for every process: LOCAL_ENV_JAVA, else $JAVA_HOME/bin/java, else java on the PATH.
JAVA_BIN="${LOCAL_ENV_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA_BIN="${JAVA_BIN:-java}"

# Ports: scripts use the values recorded by the running stack (ports.env); start.sh calls
# port_defaults directly so that the environment decides.
load_ports() {
  if [[ -f "$PORTS_FILE" ]]; then
    # shellcheck disable=SC1090
    source "$PORTS_FILE"
  fi
  port_defaults
}

port_defaults() {
  KAFKA_PORT="${KAFKA_PORT:-9092}"
  KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
  FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
  FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
  # Prometheus reporter: JobManager and TaskManager each take the first free port of this list/range
  FLINK_PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-9249-9259}"
  # plaintext: one PLAINTEXT listener; sasl_ssl: one SASL_SSL listener (TLS + SCRAM-SHA-512 or PLAIN)
  SECURITY="${SECURITY:-plaintext}"
  # Alertmanager's web API (its default 9093 is the Kafka controller's here); cluster (HA) port off
  ALERTMANAGER_PORT="${ALERTMANAGER_PORT:-9095}"
  case "$SECURITY" in
    plaintext | sasl_ssl) ;;
    *) die "SECURITY=$SECURITY: must be plaintext or sasl_ssl" ;;
  esac
  KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
  FLINK_REST_URL="http://localhost:$FLINK_REST_PORT"
  PG_PORT="${PG_PORT:-15432}"
  # not 5432: a machine with Debian's postgresql package installed usually runs its own cluster there
  # auto: start PostgreSQL when its binaries are installed; on: required; off: never
  POSTGRES="${POSTGRES:-auto}"
  case "$POSTGRES" in
    auto | on | off) ;;
    *) die "POSTGRES=$POSTGRES: must be auto, on or off" ;;
  esac
  JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DATABASE"
  ALERTMANAGER_URL="http://127.0.0.1:$ALERTMANAGER_PORT"
}

log() { printf '[local-env] %s\n' "$*" >&2; }

# The job options that write the PostgreSQL tables of the running stack (none when it runs without PostgreSQL).
jdbc_args() {
  postgres_pid >/dev/null || return 0
  printf '%s\n' --jdbc-url "$JDBC_URL" --jdbc-user "$PG_USER" --jdbc-password-file "$PG_PASSWORD_FILE"
}

# The job option that delivers the committed alerts to the stack's Alertmanager, when it runs (it is optional).
alertmanager_args() {
  live_pid alertmanager >/dev/null || return 0
  printf '%s\n' --alertmanager-url "$ALERTMANAGER_URL"
}

# The job options that connect a Kafka client of the running stack: the property file when it is secured.
kafka_client_args() {
  [[ "$SECURITY" == plaintext ]] || printf '%s\n' --kafka-property-file "$CLIENT_PROPERTIES"
}
# The same for a Kafka CLI tool (admin client, console consumer/producer).
kafka_cli_config_hint() {
  [[ "$SECURITY" == plaintext ]] || printf ' --command-config %s' "$(rel "$CLIENT_PROPERTIES")"
}
# A path relative to the repository root when it is inside it (for messages).
rel() { echo "${1#"$REPO_DIR"/}"; }
die() { printf '[local-env] ERROR: %s\n' "$*" >&2; exit 1; }

# Seconds since the epoch with microseconds; elapsed_since START prints seconds with one decimal.
now() { echo "$EPOCHREALTIME"; }
elapsed_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------------------------------------
# Classpaths

# Computes (once, cached) the classpath of a runtime/pom.xml profile (kafka | flink) and prints it.
# The cache is invalidated when runtime/pom.xml changes.
classpath() {
  local profile="$1" pom="$LOCAL_ENV_DIR/runtime/pom.xml"
  local cp_file="$CP_DIR/$profile.cp" stamp_file="$CP_DIR/$profile.stamp" stamp
  stamp="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ ! -s "$cp_file" || ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$stamp" ]]; then
    mkdir -p "$CP_DIR"
    log "computing the $profile classpath with Maven (cached in $(rel "$cp_file"))"
    local mvn_args=(-B -q -f "$pom" -P "$profile" dependency:build-classpath "-Dmdep.outputFile=$cp_file")
    if ! mvn -o "${mvn_args[@]}" >"$CP_DIR/$profile.mvn.log" 2>&1; then
      log "offline resolution failed, retrying online (downloads from Maven Central)"
      mvn "${mvn_args[@]}" >"$CP_DIR/$profile.mvn.log" 2>&1 \
        || { tail -n 30 "$CP_DIR/$profile.mvn.log" >&2; die "Maven could not resolve the $profile classpath"; }
    fi
    echo "$stamp" >"$stamp_file"
  fi
  cat "$cp_file"
}

# ---------------------------------------------------------------------------------------------
# Processes. Every JVM we start carries two marker properties so that a PID is only ever treated
# as ours if its command line names this run directory and the role (protects against PID reuse).

MARKER_RUN="-Dticketpulse.localenv.run=$RUN_DIR"
marker_role() { echo "-Dticketpulse.localenv.role=$1"; }

pid_file() { echo "$PID_DIR/$1.pid"; }

# Prints the PID recorded for ROLE if that process is alive and ours; fails otherwise.
live_pid() {
  local role="$1" file pid
  file="$(pid_file "$role")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  is_ours "$pid" "$role" || return 1
  echo "$pid"
}

is_ours() {
  local pid="$1" role="$2" cmdline
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" || return 1
  [[ "$cmdline" == *"$MARKER_RUN "* && "$cmdline" == *"$(marker_role "$role") "* ]]
}

# Prints "PID ROLE" for every live process carrying this run directory's marker, whether or not a
# pid file names it (servers started by start.sh, and CLI tools such as a console consumer).
our_processes() {
  local dir cmdline role
  for dir in /proc/[0-9]*; do
    cmdline="$(tr '\0' ' ' 2>/dev/null <"$dir/cmdline")" || continue
    [[ "$cmdline" == *"$MARKER_RUN "* ]] || continue
    role="${cmdline##*-Dticketpulse.localenv.role=}"
    echo "${dir#/proc/} ${role%% *}"
  done
  return 0
}

# Starts a detached background process for ROLE (own session, stdin closed, output to logs/ROLE.out)
# and records its PID. Arguments: ROLE then the full command.
launch() {
  local role="$1"; shift
  mkdir -p "$PID_DIR" "$LOG_DIR"
  rotate "$LOG_DIR/$role.out"
  nohup setsid "$@" >"$LOG_DIR/$role.out" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$(pid_file "$role")"
  sleep 0.2
  is_ours "$pid" "$role" || { tail -n 30 "$LOG_DIR/$role.out" >&2; die "$role did not start (see $(rel "$LOG_DIR")/$role.out)"; }
}

# Keeps one previous copy of a log file (FILE.1) so that each start begins with a fresh log.
rotate() { [[ -f "$1" ]] && mv -f "$1" "$1.1"; return 0; }

# Sends TERM to ROLE, waits up to 15 s, then KILL. Removes its pid file.
stop_role() {
  local role="$1" pid i
  if pid="$(live_pid "$role")"; then
    log "stopping $role (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
      is_ours "$pid" "$role" || break
      sleep 0.1
    done
    if is_ours "$pid" "$role"; then
      log "$role (pid $pid) still alive after 15 s: sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  elif [[ -f "$(pid_file "$role")" ]]; then
    log "$role: stale pid file (process $(cat "$(pid_file "$role")") is gone), removing it"
  fi
  rm -f "$(pid_file "$role")"
}

port_in_use() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rss_mb() { ps -o rss= -p "$1" 2>/dev/null | awk '{ printf "%d", $1 / 1024 }'; }

# ---------------------------------------------------------------------------------------------
# Java command lines

# Runs a Kafka CLI class in the foreground (quiet logging to stderr).
run_kafka_cli() {
  local cp
  cp="$(classpath kafka)"
  mkdir -p "$TMP_DIR"
  # shellcheck disable=SC2086
  "$JAVA_BIN" $CLI_JVM_OPTS "$MARKER_RUN" "$(marker_role kafka-cli)" "-Djava.io.tmpdir=$TMP_DIR" -Xmx256m \
    "-Dlog4j2.configurationFile=$KAFKA_CONF/log4j2-cli.properties" -cp "$cp" "$@"
}

# Runs Flink's CLI (bin/flink) in the foreground with the generated configuration.
run_flink_cli() {
  local cp
  cp="$(classpath flink)"
  mkdir -p "$TMP_DIR" "$LOG_DIR"
  # shellcheck disable=SC2086
  "$JAVA_BIN" $CLI_JVM_OPTS $FLINK_JAVA17_OPTS "$MARKER_RUN" "$(marker_role flink-cli)" "-Djava.io.tmpdir=$TMP_DIR" \
    "-Dlog.file=$LOG_DIR/flink-client.log" "-Dlog4j.configurationFile=$FLINK_CONF/log4j-cli.properties" \
    -cp "$cp" org.apache.flink.client.cli.CliFrontend "$@"
}

require_running() {
  local role
  for role in "${ROLES[@]}"; do
    live_pid "$role" >/dev/null || die "$role is not running: start the stack with local-env/start.sh"
  done
}

# ---------------------------------------------------------------------------------------------
# Flink processes (start.sh starts both; restart-taskmanager.sh starts a new TaskManager)

# Prints two lines, as Flink's bin scripts compute them: JVM memory flags, then dynamic -D configs.
flink_resource_params() {
  local cp="$1" command="$2" output
  # shellcheck disable=SC2086
  output="$("$JAVA_BIN" $CLI_JVM_OPTS "-Djava.io.tmpdir=$TMP_DIR" -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils \
    "$command" --configDir "$FLINK_CONF" 2>&1)" || { echo "$output" >&2; die "BashJavaUtils $command failed"; }
  output="$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$output" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')"
  [[ "$(wc -l <<<"$output")" -eq 2 ]] || die "BashJavaUtils $command: expected 2 result lines, got: $output"
  echo "$output"
}

# Arguments: ROLE MAIN_CLASS CLASSPATH PARAMS (the two lines of flink_resource_params) [extra dynamic configs...]
start_flink_process() {
  local role="$1" main_class="$2" cp="$3" params="$4" jvm_params dynamic_configs
  shift 4
  jvm_params="$(head -n 1 <<<"$params")"
  dynamic_configs="$(tail -n 1 <<<"$params")"
  rotate "$LOG_DIR/$role.log"
  # shellcheck disable=SC2086
  launch "$role" "$JAVA_BIN" "$MARKER_RUN" "$(marker_role "$role")" $jvm_params -XX:+UseG1GC $FLINK_JAVA17_OPTS \
    "-Djava.io.tmpdir=$TMP_DIR" "-Dlog.file=$LOG_DIR/$role.log" \
    "-Dlog4j.configurationFile=file:$FLINK_CONF/log4j.properties" \
    -cp "$cp" "$main_class" --configDir "$FLINK_CONF" $dynamic_configs "$@"
}

# Starts a TaskManager with a fresh resource id (TASKMANAGER_ID), so that its registration can be told
# apart from a killed predecessor the JobManager has not yet given up on.
start_taskmanager() {
  local cp="$1" params
  params="$(flink_resource_params "$cp" GET_TM_RESOURCE_PARAMS)"
  TASKMANAGER_ID="localhost-tm-$(date +%Y%m%d-%H%M%S)-$$"
  start_flink_process taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$cp" "$params" \
    -D "taskmanager.resource-id=$TASKMANAGER_ID"
}

# GET on the local Flink REST API (PATH like /overview); prints the body, fails unless HTTP 200. Uses curl when
# installed, else bash's /dev/tcp (a CI image may have no curl).
rest_get() {
  local path="$1" timeout="${2:-2}"
  if command -v curl >/dev/null 2>&1; then
    curl -sf --max-time "$timeout" "$FLINK_REST_URL$path" 2>/dev/null
    return
  fi
  local response
  response="$(timeout "$timeout" bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n" "$2" >&3
    cat <&3' _ "$FLINK_REST_PORT" "$path" 2>/dev/null)" || return 1
  [[ "${response%%$'\r'*}" == "HTTP/1."?" 200"* ]] || return 1
  printf '%s\n' "${response#*$'\r\n\r\n'}"
}

overview() { rest_get /overview; }
json_int() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" <<<"$2"; }

# Waits (up to TIMEOUT seconds) until the JobManager reports exactly one TaskManager with 2 slots and it
# is the one started last (TASKMANAGER_ID). Sets FLINK_READY_SECONDS (since FLINK_LAUNCHED).
wait_for_flink() {
  local deadline=$((SECONDS + TIMEOUT)) json="" role
  while :; do
    json="$(overview || true)"
    if [[ "$(json_int taskmanagers "$json")" == "1" && "$(json_int slots-total "$json")" == "2" ]] \
      && rest_get /taskmanagers | grep -q "\"id\":\"$TASKMANAGER_ID\""; then
      break
    fi
    for role in jobmanager taskmanager; do
      if ! live_pid "$role" >/dev/null; then
        tail -n 40 "$LOG_DIR/$role.log" "$LOG_DIR/$role.out" >&2 2>/dev/null || true
        die "the Flink $role exited during start-up (logs: $(rel "$LOG_DIR")/$role.log, $role.out)"
      fi
    done
    if ((SECONDS >= deadline)); then
      tail -n 20 "$LOG_DIR/jobmanager.log" "$LOG_DIR/taskmanager.log" >&2 2>/dev/null || true
      die "Flink did not report TaskManager $TASKMANAGER_ID (1 TaskManager, 2 slots) at $FLINK_REST_URL within ${TIMEOUT}s (last answer: ${json:-none})"
    fi
    sleep 0.3
  done
  FLINK_READY_SECONDS="$(elapsed_since "$FLINK_LAUNCHED")"
  log "Flink ready at $FLINK_REST_URL after ${FLINK_READY_SECONDS}s: $json"
}

# Starts the Alertmanager (a Go binary: the markers go into its argv[0], which /proc/PID/cmdline shows first).
start_alertmanager() {
  mkdir -p "$ALERTMANAGER_DATA"
  launch alertmanager bash -c 'exec -a "$0" "$@"' \
    "alertmanager $MARKER_RUN $(marker_role alertmanager)" "$ALERTMANAGER_BIN" \
    "--config.file=$ALERTMANAGER_CONF/alertmanager.yml" "--storage.path=$ALERTMANAGER_DATA" \
    "--web.listen-address=127.0.0.1:$ALERTMANAGER_PORT" "--web.external-url=$ALERTMANAGER_URL" \
    --cluster.listen-address=
}

# Waits (up to TIMEOUT seconds) until the Alertmanager answers /-/ready.
wait_for_alertmanager() {
  local deadline=$((SECONDS + TIMEOUT))
  until http_ok "$ALERTMANAGER_URL/-/ready"; do
    if ! live_pid alertmanager >/dev/null; then
      tail -n 20 "$LOG_DIR/alertmanager.out" >&2 2>/dev/null || true
      die "the Alertmanager exited during start-up (log: $(rel "$LOG_DIR")/alertmanager.out)"
    fi
    ((SECONDS < deadline)) || die "the Alertmanager did not answer $ALERTMANAGER_URL/-/ready within ${TIMEOUT}s"
    sleep 0.2
  done
}

# True when GET URL (http://127.0.0.1:PORT/PATH) answers 200; curl when installed, else bash's /dev/tcp.
http_ok() {
  local url="$1" hostport path
  if command -v curl >/dev/null 2>&1; then
    curl -sf --max-time 2 -o /dev/null "$url" 2>/dev/null
    return
  fi
  hostport="${url#http://}"; path="/${hostport#*/}"; hostport="${hostport%%/*}"
  timeout 2 bash -c 'exec 3<>"/dev/tcp/${1%:*}/${1##*:}" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n" "$2" >&3
    head -n 1 <&3 | grep -q "^HTTP/1.. 200"' _ "$hostport" "$path" 2>/dev/null
}

# Starts the Kafka broker on the run directory's server.properties (start.sh, restart-kafka.sh).
start_kafka() {
  local cp="$1"
  rotate "$LOG_DIR/kafka.log"
  launch kafka "$JAVA_BIN" "$MARKER_RUN" "$(marker_role kafka)" "-Djava.io.tmpdir=$TMP_DIR" \
    -Xmx512m -Xms512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$KAFKA_CONF/log4j2.properties" \
    -cp "$cp" kafka.Kafka "$KAFKA_CONF/server.properties"
  KAFKA_LAUNCHED="$(now)"
}

wait_for_kafka() {
  local deadline=$((SECONDS + TIMEOUT))
  until grep -q "Kafka Server started" "$LOG_DIR/kafka.log" 2>/dev/null; do
    if ! live_pid kafka >/dev/null; then
      tail -n 40 "$LOG_DIR/kafka.log" "$LOG_DIR/kafka.out" >&2 2>/dev/null || true
      die "Kafka exited during start-up (logs above: $(rel "$LOG_DIR")/kafka.log, kafka.out)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$LOG_DIR/kafka.log" >&2 2>/dev/null || true
      die "Kafka did not log \"Kafka Server started\" within ${TIMEOUT}s (log: $(rel "$LOG_DIR")/kafka.log)"
    fi
    sleep 0.2
  done
  KAFKA_READY_SECONDS="$(elapsed_since "$KAFKA_LAUNCHED")"
  log "Kafka ready on $KAFKA_BOOTSTRAP after ${KAFKA_READY_SECONDS}s"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL (start.sh, stop.sh, status.sh, psql.sh). Not a Java process: it is ours when the postmaster.pid of
# our data directory names a live process whose command line names that directory.

postgres_available() { [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/postgres" ]]; }

# Runs a PostgreSQL program as the owner of the cluster: PostgreSQL refuses to run as root, so root runs it as
# the postgres user (created by Debian's postgresql package).
pg_as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_pid() {
  local file="$PG_DATA/postmaster.pid" pid cmdline
  [[ -f "$file" ]] || return 1
  pid="$(head -n 1 "$file" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" || return 1
  [[ "$cmdline" == *"$PG_DATA"* ]] || return 1
  echo "$pid"
}

# psql as the cluster's superuser, over the Unix socket in the data directory (local connections: trust).
pg_psql() {
  pg_as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DATA" -p "$PG_PORT" -U postgres "$@"
}

# Creates the cluster once (initdb), starts it and creates the user and database of the job once. The job's user
# logs in over TCP with a password (scram-sha-256) kept in secrets/postgres.password; it reaches psql on stdin,
# never a command line.
start_postgres() {
  mkdir -p "$PG_DATA" "$LOG_DIR"
  (umask 077 && mkdir -p "$SECRETS_DIR")
  [[ -s "$PG_PASSWORD_FILE" ]] || (umask 077 && od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$PG_PASSWORD_FILE")
  rotate "$LOG_DIR/postgres.log"
  : >"$LOG_DIR/postgres.log"
  if [[ $EUID -eq 0 ]]; then
    chown postgres: "$PG_DATA" "$LOG_DIR/postgres.log" || die "cannot give $(rel "$PG_DATA") to the postgres user"
  fi
  chmod 700 "$PG_DATA"
  if [[ ! -s "$PG_DATA/PG_VERSION" ]]; then
    log "creating the PostgreSQL cluster in $(rel "$PG_DATA") (initdb)"
    pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
      --locale=C >"$LOG_DIR/postgres-initdb.out" 2>&1 \
      || { cat "$LOG_DIR/postgres-initdb.out" >&2; die "initdb failed (log: $(rel "$LOG_DIR")/postgres-initdb.out)"; }
  fi
  POSTGRES_LAUNCHED="$(now)"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$LOG_DIR/postgres.log" -w -t "${TIMEOUT:-90}" \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA" start >"$LOG_DIR/postgres.out" 2>&1 \
    || { tail -n 30 "$LOG_DIR/postgres.log" "$LOG_DIR/postgres.out" >&2; die "PostgreSQL did not start (log: $(rel "$LOG_DIR")/postgres.log)"; }
  local password
  password="$(cat "$PG_PASSWORD_FILE")"
  pg_psql -d postgres >/dev/null <<EOF || die "creating the PostgreSQL user and database $PG_DATABASE failed"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN PASSWORD '$password';
  ELSE
    ALTER ROLE $PG_USER LOGIN PASSWORD '$password';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $PG_DATABASE OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE')
\gexec
EOF
  POSTGRES_READY_SECONDS="$(elapsed_since "$POSTGRES_LAUNCHED")"
  log "PostgreSQL ready on 127.0.0.1:$PG_PORT after ${POSTGRES_READY_SECONDS}s (database $PG_DATABASE, user $PG_USER)"
}

stop_postgres() {
  local pid
  pid="$(postgres_pid)" || return 0
  log "stopping postgres (pid $pid)"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || {
    log "pg_ctl stop failed: sending TERM to postgres (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
  }
}
