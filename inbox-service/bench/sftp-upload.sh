#!/usr/bin/env bash
# ./lega bench inbox [MiB]: times an SFTP upload of one Crypt4GH-looking file (default 1024 MiB) with
# the OpenSSH client, to the inbox (the packaged Quarkus application: MINA SSHD, SHA-256 and MD5 of
# every byte as it streams in, the files.inbox message published to a broker and confirmed) and to
# this machine's own OpenSSH server (sshd with internal-sftp, nothing else), side by side on
# loopback. Same client, same client defaults (cipher preference, buffers, requests in flight),
# ed25519 host keys on both, key authentication. One untimed warm-up upload each, then RUNS
# (default 3) timed runs each, alternating; prints MB/s (10^6 bytes per second) per run, best and
# median, and the ratio inbox / OpenSSH of the medians (target: at least 0.85 with the same cipher). The inbox does not
# offer chacha20-poly1305 (MINA's is plain Java), so the client picks aes128-ctr there and
# chacha20-poly1305 with sshd: OpenSSH is also timed with the inbox's cipher, for reference.
#
# What it starts, all on 127.0.0.1 and stopped on exit (temporary files too):
#   - test-support's InfrastructureMain (embedded AMQP broker; it also starts PostgreSQL and S3,
#     unused here), for lega.broker.*;
#   - BenchHub.java beside this script, the hub's user directory for one submitter;
#   - the inbox: java -jar inbox-service/target/quarkus-app/quarkus-run.jar (built if missing or
#     older than its sources);
#   - sshd -D -e -f <own config> on a free port (openssh-server is installed with apt-get if missing).
#
# Before each run it waits (up to QUIET_WAIT seconds, 120) for the CPU to be 90% idle: other
# processes' load skews the figures more than anything measured here.
#
# Environment: RUNS (3), QUIET_WAIT (120), BENCH_DIR (where the temporary folder goes; default TMPDIR or /tmp: it needs
# about 3 x MiB of free space), JAVA_HOME (the JDK; ./lega sets it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MIB="${1:-1024}"
RUNS="${RUNS:-3}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BYTES=$((MIB * 1024 * 1024))
SUBMITTER=bench
TOKEN="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
APP="$ROOT/inbox-service/target/quarkus-app/quarkus-run.jar"

say() { printf 'bench inbox: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ "$MIB" =~ ^[0-9]+$ ]] && [ "$MIB" -ge 1 ] || die "usage: ./lega bench inbox [MiB] (a whole number, default 1024)"
for tool in sftp ssh-keygen sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install -y openssh-client coreutils"
done

WORK="$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/lega-bench-inbox.XXXXXX")"
children=()
cleanup() {
  trap - EXIT INT TERM
  for ((i = ${#children[@]} - 1; i >= 0; i--)); do kill -TERM "${children[i]}" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

wait_for() { # description, seconds, pid that must stay alive, command...
  local what="$1" seconds="$2" pid="$3"; shift 3
  for _ in $(seq $((seconds * 5))); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || die "$what exited: see its log below"$'\n'"$(tail -n 30 "$WORK"/*.log 2>/dev/null)"
    sleep 0.2
  done
  die "$what not up after ${seconds}s"
}

# --- the inbox application and test-support, built if needed --------------------------------------
if [ ! -f "$APP" ] || [ -n "$(find "$ROOT/inbox-service/src/main" "$ROOT/inbox-service/pom.xml" -newer "$APP" -print -quit)" ]; then
  say "building the inbox (mvn -q -B -pl inbox-service -am package -DskipTests)..."
  "$ROOT/lega" mvn -pl inbox-service -am package -DskipTests >&2
fi
TS_JAR="$(ls "$ROOT"/test-support/target/test-support-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
if [ -z "$TS_JAR" ]; then
  say "building test-support..."
  "$ROOT/lega" mvn -pl test-support package -DskipTests >&2
  TS_JAR="$(ls "$ROOT"/test-support/target/test-support-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)"
fi
TS_CP="$ROOT/test-support/target/bench-runtime.classpath"
if [ ! -f "$TS_CP" ] || [ "$ROOT/test-support/pom.xml" -nt "$TS_CP" ]; then
  say "resolving test-support's runtime classpath..."
  "$ROOT/lega" mvn -pl test-support dependency:build-classpath \
    -Dmdep.outputFile="$TS_CP" -Dmdep.includeScope=runtime >&2
fi

# --- the OpenSSH server ---------------------------------------------------------------------------
SSHD="$(command -v sshd || true)"
[ -n "$SSHD" ] || SSHD=/usr/sbin/sshd
if [ ! -x "$SSHD" ]; then
  say "installing openssh-server (apt-get; its service is not started)..."
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null; }
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
  [ -x "$SSHD" ] || die "openssh-server did not install $SSHD"
fi

free_port() { # a TCP port nothing listens on, on 127.0.0.1
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  die "no free port found"
}

# --- keys, the file, the folders --------------------------------------------------------------------
mkdir -p "$WORK/sshd" "$WORK/openssh-dest" "$WORK/inbox"
chmod 700 "$WORK"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$WORK/client_key"
ssh-keygen -q -t ed25519 -N '' -C bench-sshd -f "$WORK/sshd/host_key"
cp "$WORK/client_key.pub" "$WORK/sshd/authorized_keys"

SRC="$WORK/bench.c4gh"
say "making a $MIB MiB Crypt4GH-looking file (magic, version 1, random bytes)..."
{ printf 'crypt4gh\001\000\000\000'; head -c $((BYTES - 12)) /dev/urandom; } > "$SRC"
[ "$(stat -c %s "$SRC")" -eq "$BYTES" ] || die "the test file has the wrong size"
SRC_SHA256="$(sha256sum "$SRC" | cut -d' ' -f1)"

# --- the infrastructure (broker), the fake hub, the inbox -------------------------------------------
say "starting the embedded broker (test-support InfrastructureMain)..."
"$JAVA" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$TS_JAR:$(cat "$TS_CP")" \
  io.lega.testsupport.InfrastructureMain --out "$WORK/infra.properties" > "$WORK/infrastructure.log" 2>&1 &
children+=($!)
wait_for "the infrastructure" 180 $! test -f "$WORK/infra.properties"
prop() { sed -n "s/^$1=//p" "$WORK/infra.properties" | head -n 1; }

"$JAVA" "$ROOT/inbox-service/bench/BenchHub.java" "$WORK/hub.port" "$TOKEN" "$SUBMITTER" \
  "$WORK/client_key.pub" > "$WORK/hub.log" 2>&1 &
children+=($!)
wait_for "the fake hub" 60 $! test -s "$WORK/hub.port"

say "starting the inbox ($APP)..."
"$JAVA" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 \
  -Dlega.inbox.sftp.host=127.0.0.1 -Dlega.inbox.sftp.port=0 \
  -Dlega.inbox.sftp.host-key-path="$WORK/inbox/ssh_host_key" -Dlega.inbox.storage.root="$WORK/inbox/users" \
  -Dlega.inbox.hub.url="http://127.0.0.1:$(cat "$WORK/hub.port")" -Dlega.inbox.hub.token="$TOKEN" \
  -Dlega.broker.host="$(prop lega.broker.host)" -Dlega.broker.port="$(prop lega.broker.port)" \
  -Dlega.broker.username="$(prop lega.broker.username)" -Dlega.broker.password="$(prop lega.broker.password)" \
  -Dlega.broker.virtual-host="$(prop lega.broker.virtual-host)" \
  -jar "$APP" > "$WORK/inbox.log" 2>&1 &
INBOX_PID=$!
children+=($INBOX_PID)
wait_for "the inbox" 120 $INBOX_PID grep -qs "SFTP inbox listening on" "$WORK/inbox.log"
INBOX_PORT="$(sed -n 's/.*SFTP inbox listening on [0-9.]*:\([0-9]*\),.*/\1/p' "$WORK/inbox.log" | head -n 1)"

# --- the OpenSSH server ------------------------------------------------------------------------------
SSHD_PORT="$(free_port)"
cat > "$WORK/sshd/sshd_config" <<CONFIG
ListenAddress 127.0.0.1
Port $SSHD_PORT
HostKey $WORK/sshd/host_key
PidFile $WORK/sshd/sshd.pid
AuthorizedKeysFile $WORK/sshd/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowTcpForwarding no
X11Forwarding no
Subsystem sftp internal-sftp
CONFIG
mkdir -p /run/sshd 2>/dev/null || true
"$SSHD" -D -e -f "$WORK/sshd/sshd_config" > "$WORK/sshd.log" 2>&1 &
children+=($!)
wait_for "sshd" 30 $! bash -c "(exec 3<>/dev/tcp/127.0.0.1/$SSHD_PORT) 2>/dev/null"

# --- the runs --------------------------------------------------------------------------------------
sftp_to() { # port, user, extra sftp options (one word, may be empty), batch commands...
  local port="$1" user="$2" extra="$3"; shift 3
  printf '%s\n' "$@" > "$WORK/batch"
  sftp -q -b "$WORK/batch" ${extra:+$extra} -F /dev/null -P "$port" -i "$WORK/client_key" \
    -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$user@127.0.0.1" > "$WORK/sftp.out" 2>&1 ||
    die "sftp to port $port failed:"$'\n'"$(cat "$WORK/sftp.out")"
}
cipher_of() { # port, user: the cipher the client negotiates
  sftp -v -b /dev/null -F /dev/null -P "$1" -i "$WORK/client_key" -o IdentitiesOnly=yes -o IdentityAgent=none \
    -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "$2@127.0.0.1" 2>&1 |
    sed -n 's/.*kex: client->server cipher: \([^ ]*\).*/\1/p' | head -n 1
}
ME="$(id -un)"
INBOX_DEST="$WORK/inbox/users/$SUBMITTER/bench.c4gh"
OPENSSH_DEST="$WORK/openssh-dest/bench.c4gh"

cpu_idle() { # percent of the CPU time idle over the next half second
  local u1 n1 s1 i1 w1 q1 sq1 st1 u2 n2 s2 i2 w2 q2 sq2 st2
  read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat
  sleep 0.5
  read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ < /proc/stat
  local idle=$(((i2 + w2) - (i1 + w1)))
  local total=$(((u2 + n2 + s2 + i2 + w2 + q2 + sq2 + st2) - (u1 + n1 + s1 + i1 + w1 + q1 + sq1 + st1)))
  echo $((total > 0 ? 100 * idle / total : 100))
}
NOISY=""
wait_quiet() { # other processes (builds, tests) skew the figures: waits up to QUIET_WAIT s (120)
  local start=$SECONDS
  while [ $((SECONDS - start)) -lt "${QUIET_WAIT:-120}" ]; do
    [ "$(cpu_idle)" -ge 90 ] && [ "$(cpu_idle)" -ge 90 ] && return 0
  done
  say "the CPU stayed busy with other processes for ${QUIET_WAIT:-120}s: timing anyway (noisy)"
  NOISY=1
}

upload() { # inbox|openssh [cipher]: one timed put after a clean start, prints seconds
  local start end extra="${2:+-c$2}"
  if [ "$1" = inbox ]; then rm -f "$INBOX_DEST"; else rm -f "$OPENSSH_DEST"; fi
  sync
  start=$(date +%s.%N)
  if [ "$1" = inbox ]; then
    sftp_to "$INBOX_PORT" "$SUBMITTER" "$extra" "put $SRC bench.c4gh"
  else
    sftp_to "$SSHD_PORT" "$ME" "$extra" "put $SRC $OPENSSH_DEST"
  fi
  end=$(date +%s.%N)
  sync # the next run starts with no dirty pages to write back
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
}

INBOX_CIPHER="$(cipher_of "$INBOX_PORT" "$SUBMITTER")"
OPENSSH_CIPHER="$(cipher_of "$SSHD_PORT" "$ME")"
# for reference, when the inbox negotiates another cipher: OpenSSH with the inbox's cipher
SAME=""
[ "$INBOX_CIPHER" = "$OPENSSH_CIPHER" ] || SAME="$INBOX_CIPHER"
say "warm-up upload to each (not timed)..."
upload inbox > /dev/null
upload openssh > /dev/null
inbox_times=()
openssh_times=()
same_times=()
for run in $(seq "$RUNS"); do
  wait_quiet
  t="$(upload inbox)"
  inbox_times+=("$t")
  say "run $run: inbox $t s"
  wait_quiet
  t="$(upload openssh)"
  openssh_times+=("$t")
  say "run $run: OpenSSH $t s"
  if [ -n "$SAME" ]; then
    wait_quiet
    t="$(upload openssh "$SAME")"
    same_times+=("$t")
    say "run $run: OpenSSH with $SAME $t s"
  fi
done

# the inbox hashed what it received: its checksum must be the file's
reported="$(grep -o "uploaded bench.c4gh by $SUBMITTER: [0-9]* bytes, sha256 [0-9a-f]*" "$WORK/inbox.log" | tail -n 1)"
[ "$reported" = "uploaded bench.c4gh by $SUBMITTER: $BYTES bytes, sha256 $SRC_SHA256" ] ||
  die "the inbox did not report the file as sent (got: '${reported:-nothing}'); see the log: $(tail -n 20 "$WORK/inbox.log")"
cmp -s "$SRC" "$OPENSSH_DEST" || die "the file on the OpenSSH side differs from the source"

median_mbs() { # times...: MB/s at the median time
  printf '%s\n' "$@" | sort -g | awk -v bytes="$BYTES" '
    { t[NR] = $1 }
    END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f\n", bytes / m / 1e6 }'
}
line() { # name, times...: per-run MB/s, best, median
  local name="$1"; shift
  local runs="" t best
  for t in "$@"; do runs+="$(awk -v b="$BYTES" -v t="$t" 'BEGIN { printf " %5.0f", b / t / 1e6 }')"; done
  best="$(printf '%s\n' "$@" | sort -g | head -n 1)"
  printf '%-38s runs%s MB/s   best %5.0f   median %5.0f MB/s\n' "$name" "$runs" \
    "$(awk -v b="$BYTES" -v t="$best" 'BEGIN { print b / t / 1e6 }')" "$(median_mbs "$@")"
}

INBOX_MBS="$(median_mbs "${inbox_times[@]}")"
OPENSSH_MBS="$(median_mbs "${openssh_times[@]}")"
echo
echo "SFTP upload of $MIB MiB ($BYTES bytes) on 127.0.0.1, $(ssh -V 2>&1 | cut -d, -f1) client, $RUNS runs each after a warm-up, $(nproc) cores"
echo "cipher (client defaults): inbox $INBOX_CIPHER, OpenSSH $OPENSSH_CIPHER; ed25519 host keys, key authentication"
line "inbox (MINA SSHD, hashing, publish)" "${inbox_times[@]}"
line "OpenSSH sshd (internal-sftp)" "${openssh_times[@]}"
[ -z "$SAME" ] || line "OpenSSH sshd, client -c $SAME" "${same_times[@]}"
awk -v i="$INBOX_MBS" -v o="$OPENSSH_MBS" 'BEGIN {
  r = i / o
  printf "ratio inbox/OpenSSH (medians, client defaults): %.2f\n", r
}'
[ -z "$NOISY" ] || echo "(noisy: other processes used the CPU before some runs)"
if [ -n "$SAME" ]; then
  awk -v i="$INBOX_MBS" -v o="$(median_mbs "${same_times[@]}")" -v c="$SAME" 'BEGIN {
    r = i / o
    printf "ratio inbox/OpenSSH (medians, both %s): %.2f  (target >= 0.85: %s)\n", c, r, (r >= 0.85 ? "met" : "NOT met")
  }'
fi
