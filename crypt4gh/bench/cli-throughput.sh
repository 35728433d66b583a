#!/usr/bin/env bash
# Times the crypt4gh CLI as users run it: a whole process per run (JVM start-up included),
# stdin to stdout. Prints MB/s (10^6 bytes per second) for encryption and decryption of a random
# stream, best and median of RUNS runs, for a file on stdin and for a pipe on both ends.
# With the reference tool (EGA-archive/crypt4gh, Python + libsodium) found — CRYPT4GH_REFERENCE
# names its command, else a `crypt4gh` on the PATH — each of our runs alternates with one of the
# reference's on the same input, and the ratio of the medians is printed (the machine's noise
# falls on both alike). The reference's key file format is the same, so one key pair serves both.
#
#   ./lega bench crypt4gh [MiB]      (default 1024 MiB; RUNS=5 by default)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MIB="${1:-1024}"
RUNS="${RUNS:-5}"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/lega-bench}"
mkdir -p "$WORK"
PLAIN="$WORK/plain-$MIB.bin"
CIPHER="$WORK/cipher-$MIB.c4gh"
BYTES=$((MIB * 1024 * 1024))

lega() { "$ROOT/lega" "$@"; }
REFERENCE="${CRYPT4GH_REFERENCE:-$(command -v crypt4gh || true)}"
reference() { $REFERENCE "$@"; }

[ -f "$PLAIN" ] && [ "$(stat -c %s "$PLAIN")" -eq "$BYTES" ] || head -c "$BYTES" /dev/urandom > "$PLAIN"
rm -f "$WORK/key.sec" "$WORK/key.pub"
lega crypt4gh-keygen --nocrypt --sk "$WORK/key.sec" --pk "$WORK/key.pub" -f
lega crypt4gh encrypt --recipient_pk "$WORK/key.pub" < "$PLAIN" > "$CIPHER"
lega crypt4gh decrypt --sk "$WORK/key.sec" < "$CIPHER" | cmp -s - "$PLAIN" || { echo "round trip FAILED" >&2; exit 1; }

seconds() { # runs "$@" and prints its wall time in seconds
  local start end
  start=$(date +%s.%N); "$@"; end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'
}

report() { # name, then the list of times
  local name="$1"; shift
  printf '%s\n' "$@" | sort -g | awk -v name="$name" -v bytes="$BYTES" '
    { t[NR] = $1 }
    END {
      median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%-34s best %7.0f MB/s (%.3f s)   median %7.0f MB/s (%.3f s)\n",
        name, bytes / t[1] / 1e6, t[1], bytes / median / 1e6, median
    }'
}

encrypt_file() { lega crypt4gh encrypt --recipient_pk "$WORK/key.pub" < "$PLAIN" > /dev/null; }
decrypt_file() { lega crypt4gh decrypt --sk "$WORK/key.sec" < "$CIPHER" > /dev/null; }
encrypt_pipe() { cat "$PLAIN" | lega crypt4gh encrypt --recipient_pk "$WORK/key.pub" | cat > /dev/null; }
decrypt_pipe() { cat "$CIPHER" | lega crypt4gh decrypt --sk "$WORK/key.sec" | cat > /dev/null; }

ref_encrypt_file() { reference encrypt --recipient_pk "$WORK/key.pub" < "$PLAIN" > /dev/null; }
ref_decrypt_file() { reference decrypt --sk "$WORK/key.sec" < "$CIPHER" > /dev/null; }

median() { printf '%s\n' "$@" | sort -g | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }

echo "crypt4gh CLI throughput: $MIB MiB ($BYTES bytes), $RUNS runs each, $(nproc) cores"
echo "$("$ROOT/lega" crypt4gh --version | paste -sd ';' -)"
if [ -n "$REFERENCE" ]; then
  reference decrypt --sk "$WORK/key.sec" < "$CIPHER" | cmp -s - "$PLAIN" \
    || { echo "the reference cannot decrypt our file: $REFERENCE" >&2; exit 1; }
  echo "reference: $REFERENCE ($(reference --version 2>&1 | tail -n 1))"
  for test in encrypt_file decrypt_file; do
    ours=(); theirs=()
    for _ in $(seq "$RUNS"); do
      ours+=("$(seconds "$test")"); theirs+=("$(seconds "ref_$test")")
    done
    report "$test" "${ours[@]}"
    report "reference $test" "${theirs[@]}"
    awk -v o="$(median "${ours[@]}")" -v r="$(median "${theirs[@]}")" -v n="$test" \
      'BEGIN { printf "%-34s %.2fx the reference (median against median)\n", n, r / o }'
  done
  tests=(encrypt_pipe decrypt_pipe)
else
  echo "reference tool not found (set CRYPT4GH_REFERENCE): our figures only"
  tests=(encrypt_file decrypt_file encrypt_pipe decrypt_pipe)
fi
for test in "${tests[@]}"; do
  times=()
  for _ in $(seq "$RUNS"); do times+=("$(seconds "$test")"); done
  report "$test" "${times[@]}"
done
