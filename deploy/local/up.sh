#!/usr/bin/env bash
# ./lega up: one whole node and its hub on this machine, on embedded infrastructure (PostgreSQL,
# an AMQP 0-9-1 broker, S3), in the foreground until Ctrl-C. State lives in .lega/run/ (databases,
# objects, inboxes, keys and generated secrets), so a restart finds everything again.
#
# Called by ./lega with JAVA_HOME set; ports can be changed with LEGA_HUB_PORT (default 8080),
# LEGA_SFTP_PORT (default 2222).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="${LEGA_RUN_DIR:-$ROOT/.lega/run}"
LOGS="$RUN/logs"
JAVA="$JAVA_HOME/bin/java"
HUB_PORT="${LEGA_HUB_PORT:-8080}"
SFTP_PORT="${LEGA_SFTP_PORT:-2222}"
mkdir -p "$LOGS" "$RUN/data"
chmod 700 "$RUN"

say() { printf 'lega up: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

children=()
stop_all() {
  trap - EXIT INT TERM
  [ ${#children[@]} -gt 0 ] || exit 0
  say "stopping..."
  for ((i = ${#children[@]} - 1; i >= 0; i--)); do kill -TERM "${children[i]}" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  exit 0
}
trap stop_all EXIT INT TERM

# --- build what is missing -------------------------------------------------------------------
app_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$ROOT" "$1"; }
stale=""
for module in test-support hub-service inbox-service ingest-service verify-service finalize-service; do
  [ -d "$ROOT/$module" ] || continue
  marker="$ROOT/$module/target"
  if [ ! -d "$marker" ] || [ -n "$(find "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" -newer "$marker" -print -quit 2>/dev/null)" ]; then
    stale=1
  fi
done
if [ -n "$stale" ] || [ ! -f "$RUN/test-support.classpath" ]; then
  say "building (tests skipped)..."
  "$ROOT/lega" mvn install -DskipTests >&2
  "$ROOT/lega" mvn -pl test-support dependency:build-classpath \
    -Dmdep.outputFile="$RUN/test-support.classpath" -Dmdep.includeScope=runtime >&2
fi

# --- secrets, made once ------------------------------------------------------------------------
SECRETS="$RUN/secrets.env"
if [ ! -f "$SECRETS" ]; then
  umask 077
  {
    echo "LEGA_HUB_ADMIN_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    echo "LEGA_HUB_SERVICE_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  } > "$SECRETS"
  umask 022
fi
# shellcheck disable=SC1090
. "$SECRETS"

# --- the node's Crypt4GH keys, made once: passphrase-protected, passphrases in files -------------
# submission: submitters encrypt for its public half (ingest holds the private half);
# archive: the archived headers are encrypted for it (verify holds the private half, ingest the public).
KEYS="$RUN/keys"
mkdir -p "$KEYS"
chmod 700 "$KEYS"
for key in submission archive; do
  if [ ! -f "$KEYS/$key.sec" ]; then
    umask 077
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$KEYS/$key.pass"
    C4GH_PASSPHRASE="$(cat "$KEYS/$key.pass")" "$ROOT/lega" crypt4gh-keygen \
      --sk "$KEYS/$key.sec" --pk "$KEYS/$key.pub" >&2
    umask 022
  fi
done

# --- embedded infrastructure -------------------------------------------------------------------
INFRA="$RUN/infra.properties"
rm -f "$INFRA"
say "starting embedded PostgreSQL, AMQP broker and S3 (logs: $LOGS/infrastructure.log)"
"$JAVA" -cp "$(ls "$ROOT"/test-support/target/test-support-*.jar | head -n 1):$(cat "$RUN/test-support.classpath")" \
  io.lega.testsupport.InfrastructureMain --data "$RUN/data" --out "$INFRA" --database hub \
  > "$LOGS/infrastructure.log" 2>&1 &
children+=($!)
for _ in $(seq 600); do
  [ -f "$INFRA" ] && break
  kill -0 "${children[0]}" 2>/dev/null || die "the infrastructure did not start: see $LOGS/infrastructure.log"
  sleep 0.2
done
[ -f "$INFRA" ] || die "the infrastructure did not start in 2 minutes: see $LOGS/infrastructure.log"
prop() { sed -n "s/^$1=//p" "$INFRA" | head -n 1; }

NODE_JDBC="$(prop quarkus.datasource.jdbc.url)"
HUB_JDBC="${NODE_JDBC%/*}/hub"
HUB_REACTIVE="$(prop quarkus.datasource.reactive.url)"; HUB_REACTIVE="${HUB_REACTIVE%/*}/hub"
BROKER=(-Dlega.broker.host="$(prop lega.broker.host)" -Dlega.broker.port="$(prop lega.broker.port)"
        -Dlega.broker.username="$(prop lega.broker.username)" -Dlega.broker.password="$(prop lega.broker.password)"
        -Dlega.broker.virtual-host="$(prop lega.broker.virtual-host)")

wait_ready() { # name, url
  for _ in $(seq 300); do
    if "$JAVA" "$ROOT/deploy/local/Ready.java" "$2" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  die "$1 did not become ready: see $LOGS/$1.log"
}

# --- the hub ------------------------------------------------------------------------------------
if [ -f "$(app_jar hub-service)" ]; then
  say "starting hub-service on http://127.0.0.1:$HUB_PORT (logs: $LOGS/hub-service.log)"
  "$JAVA" -Dquarkus.http.port="$HUB_PORT" \
    -Dquarkus.datasource.jdbc.url="$HUB_JDBC" -Dquarkus.datasource.reactive.url="$HUB_REACTIVE" \
    -Dquarkus.datasource.username="$(prop quarkus.datasource.username)" \
    -Dquarkus.datasource.password="$(prop quarkus.datasource.password)" \
    "${BROKER[@]}" -Dlega.hub.broker.topology-side=both -Dlega.hub.admin-token="$LEGA_HUB_ADMIN_TOKEN" -Dlega.hub.service-token="$LEGA_HUB_SERVICE_TOKEN" \
    -Dlega.hub.passport.issuer="http://127.0.0.1:$HUB_PORT" -Dlega.hub.passport.signing-key-file="$KEYS/hub-signing-key.jwk" \
    -jar "$(app_jar hub-service)" > "$LOGS/hub-service.log" 2>&1 &
  children+=($!)
  wait_ready hub-service "http://127.0.0.1:$HUB_PORT/q/health/ready"
fi

# --- the node's inbox ---------------------------------------------------------------------------
# It reads the node database (JDBC only) to refuse overwriting files that ingest is reading.
if [ -f "$(app_jar inbox-service)" ]; then
  say "starting inbox-service, SFTP on port $SFTP_PORT (logs: $LOGS/inbox-service.log)"
  "$JAVA" -Dquarkus.http.port=8081 -Dlega.inbox.sftp.port="$SFTP_PORT" \
    -Dlega.inbox.sftp.host-key-path="$RUN/data/inbox/ssh_host_key" -Dlega.inbox.storage.root="$RUN/data/inbox/users" \
    -Dlega.inbox.hub.url="http://127.0.0.1:$HUB_PORT" -Dlega.inbox.hub.token="$LEGA_HUB_SERVICE_TOKEN" \
    -Dlega.inbox.ingestion-guard=database -Dquarkus.datasource.jdbc.url="$NODE_JDBC" \
    -Dquarkus.datasource.username="$(prop quarkus.datasource.username)" \
    -Dquarkus.datasource.password="$(prop quarkus.datasource.password)" \
    "${BROKER[@]}" -Dlega.inbox.broker.topology-side=both -jar "$(app_jar inbox-service)" > "$LOGS/inbox-service.log" 2>&1 &
  children+=($!)
  wait_ready inbox-service "http://127.0.0.1:8081/q/health/ready"
fi

# --- the node's pipeline: ingest (also routes the hub's messages), verify, finalize -------------
NODE_DB=(-Dquarkus.datasource.jdbc.url="$NODE_JDBC" -Dquarkus.datasource.reactive.url="$(prop quarkus.datasource.reactive.url)"
         -Dquarkus.datasource.username="$(prop quarkus.datasource.username)"
         -Dquarkus.datasource.password="$(prop quarkus.datasource.password)")
s3_storage() { # prefix, bucket
  printf '%s\n' "-D$1.type=s3" "-D$1.s3.endpoint=$(prop lega.storage.s3.endpoint)" \
    "-D$1.s3.access-key=$(prop lega.storage.s3.access-key)" "-D$1.s3.secret-key=$(prop lega.storage.s3.secret-key)" \
    "-D$1.s3.region=$(prop lega.storage.s3.region)" "-D$1.s3.bucket=$2" "-D$1.s3.create-bucket=true"
}
mapfile -t ARCHIVE < <(s3_storage lega.archive archive)
mapfile -t BACKUP < <(s3_storage lega.backup backup)
INBOX_STORAGE=(-Dlega.inbox-storage.type=posix -Dlega.inbox-storage.posix.root="$RUN/data/inbox/users")
port=8082
for worker in ingest verify finalize; do
  [ -f "$(app_jar $worker-service)" ] || continue
  case $worker in
    ingest) extra=("${INBOX_STORAGE[@]}" -Dlega.keys.submission[0].path="$KEYS/submission.sec"
                   -Dlega.keys.submission[0].passphrase-file="$KEYS/submission.pass"
                   -Dlega.keys.archive-public-key="$KEYS/archive.pub" -Dlega.broker.route-hub-messages=true) ;;
    verify) extra=(-Dlega.keys.archive.path="$KEYS/archive.sec" -Dlega.keys.archive.passphrase-file="$KEYS/archive.pass") ;;
    finalize) extra=("${INBOX_STORAGE[@]}" -Dlega.finalize.backup.enabled=true "${BACKUP[@]}") ;;
  esac
  say "starting $worker-service (logs: $LOGS/$worker-service.log)"
  "$JAVA" -Dquarkus.http.port="$port" "${NODE_DB[@]}" "${BROKER[@]}" -Dlega.broker.topology-side=both \
    "${ARCHIVE[@]}" "${extra[@]}" -jar "$(app_jar $worker-service)" > "$LOGS/$worker-service.log" 2>&1 &
  children+=($!)
  wait_ready "$worker-service" "http://127.0.0.1:$port/q/health/ready"
  port=$((port + 1))
done

cat >&2 <<INFO

lega up: the node is running. Ctrl-C stops it; state is kept in $RUN.
  hub API      http://127.0.0.1:$HUB_PORT/api   (admin token: LEGA_HUB_ADMIN_TOKEN in $SECRETS)
  SFTP inbox   sftp -P $SFTP_PORT <user>@127.0.0.1
  logs         $LOGS/

  Register a submitter, then upload:
    . $SECRETS
    curl -s -H "Authorization: Bearer \$LEGA_HUB_ADMIN_TOKEN" -H 'Content-Type: application/json' \\
      -d '{"username":"alice","email":"alice@example.org","roles":["submitter"],"ssh_public_keys":["'"\$(cat ~/.ssh/id_ed25519.pub)"'"]}' \\
      http://127.0.0.1:$HUB_PORT/api/users
    ./lega crypt4gh encrypt --recipient_pk $KEYS/submission.pub < sample.bam > sample.bam.c4gh
    echo 'put sample.bam.c4gh' | sftp -P $SFTP_PORT alice@127.0.0.1
  Then ingest it, and put it in a released dataset:
    curl -s -H "Authorization: Bearer \$LEGA_HUB_ADMIN_TOKEN" http://127.0.0.1:$HUB_PORT/api/users/alice/submissions
    curl -s -X POST -H "Authorization: Bearer \$LEGA_HUB_ADMIN_TOKEN" http://127.0.0.1:$HUB_PORT/api/submissions/<id>/ingest
    curl -s -H "Authorization: Bearer \$LEGA_HUB_ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d '{"accession_ids":["<EGAF...>"]}' http://127.0.0.1:$HUB_PORT/api/datasets
    curl -s -X POST -H "Authorization: Bearer \$LEGA_HUB_ADMIN_TOKEN" http://127.0.0.1:$HUB_PORT/api/datasets/<EGAD...>/release
INFO

wait -n "${children[@]}" || true
say "a component stopped: see $LOGS/"
