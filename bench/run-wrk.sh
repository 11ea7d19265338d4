#!/usr/bin/env bash
# Load test of a keyed gateway call on loopback, with and without the access check.
#
# Starts LoadHarness (two Tollgate nodes on 127.0.0.1 in one JVM: the product, and one the harness
# wires with a decider that admits every call as a fixed caller), runs a 10 s wrk warm-up on each
# node, then a measured `wrk -t2 -c32 -d20s --latency` on each of
#   GET /posts/v1/people/bench@example.com/posts?key=KEY
# and prints both results, the ratio of their requests/s, and the server's CPU time per call split
# by thread group. The harness is killed on exit; nothing listens beyond 127.0.0.1.
#
#   WRK_ARGS        measured runs' wrk options (default "-t2 -c32 -d20s"; --latency is added)
#   WARMUP          duration of each warm-up run (default 10s)
#   WARMUP_ROUNDS   warm-up runs per node, alternating nodes (default 2: the nodes share one JVM, and
#                   switching from one to the other makes C2 recompile the shared gateway code)
#   ROUNDS          measured runs per node, in ABBA order (default 2)
#   JAVA_OPTS       JVM options of the harness (default -Xms512m -Xmx512m)
#   UNACCOUNTED=1   the second node keeps the check but has no quotas, billing or metering, so the
#                   ratio is what accounting costs a call
#   CONTROL=1       an A/A run: the "unchecked" node is the product too, so the ratio shows the
#                   harness's own bias and noise
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi

wrk_args=${WRK_ARGS:-"-t2 -c32 -d20s"}
warmup=${WARMUP:-10s}
warmup_rounds=${WARMUP_ROUNDS:-2}
rounds=${ROUNDS:-2}
hz=$(getconf CLK_TCK)
cores=$(nproc)

echo "machine: $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
echo "wrk: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), measured: $wrk_args --latency, $rounds round(s) per node;" \
  "warm-up: $warmup_rounds x $warmup per node"

work=$(mktemp -d)
harness_pid=
cleanup() {
  if [ -n "$harness_pid" ] && kill -0 "$harness_pid" 2>/dev/null; then
    kill "$harness_pid"
    wait "$harness_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xms512m -Xmx512m} -cp "$bench_cp" dev.tollgate.bench.LoadHarness ${CONTROL:+--control} ${UNACCOUNTED:+--unaccounted} >"$work/harness.out" 2>"$work/harness.err" &
harness_pid=$!
for _ in $(seq 1 120); do
  grep -q '^UNCHECKED ' "$work/harness.out" 2>/dev/null && break
  kill -0 "$harness_pid" 2>/dev/null || { echo "LoadHarness failed:" >&2; cat "$work/harness.err" >&2; exit 1; }
  sleep 1
done
grep -q '^UNCHECKED ' "$work/harness.out" || { echo "LoadHarness did not start in 120 s" >&2; cat "$work/harness.err" >&2; exit 1; }
checked_url=$(sed -n 's/^CHECKED //p' "$work/harness.out")
unchecked_url=$(sed -n 's/^UNCHECKED //p' "$work/harness.out")
hide_key() { sed -E 's/key=[^& ]*/key=KEY/g'; }
[ -n "${CONTROL:-}" ] && echo "A/A CONTROL RUN: both nodes are the product; 'unchecked' below is the second product node"
echo "checked:   $(hide_key <<<"$checked_url")"
echo "unchecked: $(hide_key <<<"$unchecked_url")"

# CPU accounting around each run: the harness JVM's CPU per thread group, so that the result says
# where the server spent its time per call, and the CPU that neither the server nor wrk used, so
# that it says whether other processes competed for the cores (on a shared machine they often do).
thread_ticks() { # "tid group ticks" for each thread of the harness JVM
  for task in /proc/"$harness_pid"/task/*; do
    # comm is the thread name cut to 15 characters; stat's fields after "(comm) " start at field 3.
    printf '%s\t%s\t%s\n' "${task##*/}" "$(cat "$task/comm" 2>/dev/null)" \
      "$(sed 's/^.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done | awk -F'\t' '
    $3 == "" {next}
    $2 ~ /^JettyServerThre|^qtp/ {g = "jetty"} $2 ~ /^HttpClient/ {g = "httpclient"}
    $2 ~ /^ForkJoinPool/ {g = "forkjoin"} $2 ~ /^C[12] Compiler/ {g = "jit"} $2 ~ /^GC |^G1 / {g = "gc"}
    {if (g == "") g = "other"; print $1, g, $3; g = ""}'
}
proc_ticks() { sed 's/^.*) //' "/proc/$harness_pid/stat" | awk '{print $12 + $13}'; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4}' /proc/stat; } # user + nice + system, all processes
children_ticks() { # finished children of this shell (the wrk runs)
  times | tail -1 | awk -v hz="$hz" '{split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.0f\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz}'
}

# Fails the run if any answer was not 2xx: a benchmark of error pages would be meaningless.
run_wrk() { # name url wrk-args...
  local name=$1 url=$2
  shift 2
  local server0 busy0 wrk0
  thread_ticks >"$work/$name.threads0"
  server0=$(proc_ticks); busy0=$(busy_ticks); wrk0=$(children_ticks)
  # shellcheck disable=SC2068
  wrk $@ "$url" >"$work/$name.txt"
  echo "$(($(proc_ticks) - server0)) $(($(busy_ticks) - busy0)) $(($(children_ticks) - wrk0))" >"$work/$name.cpu"
  thread_ticks >"$work/$name.threads1"
  if grep -q 'Non-2xx or 3xx responses' "$work/$name.txt"; then
    echo "$name: some answers were not 2xx:" >&2
    cat "$work/$name.txt" >&2
    exit 1
  fi
}

for w in $(seq 1 "$warmup_rounds"); do
  echo "warm-up $w: $warmup on each node"
  run_wrk "warmup-checked-$w" "$checked_url" -t2 -c32 "-d$warmup"
  run_wrk "warmup-unchecked-$w" "$unchecked_url" -t2 -c32 "-d$warmup"
done

# One line per measured run: round node req/s p50 p90 p99 requests seconds server busy wrk (fields 1-11),
# then the per-group server ticks as group=ticks.
summary="$work/summary.txt"
for round in $(seq 1 "$rounds"); do
  # ABBA order (checked first in odd rounds, unchecked first in even ones), so that a drift in the
  # machine's load does not always favour the same node.
  order="checked unchecked"
  [ $((round % 2)) -eq 0 ] && order="unchecked checked"
  for node in $order; do
    url=$checked_url
    [ "$node" = unchecked ] && url=$unchecked_url
    # shellcheck disable=SC2086
    run_wrk "$node-$round" "$url" $wrk_args --latency
    f="$work/$node-$round.txt"
    # Per thread: its ticks during the run (threads that ended during the run are not counted).
    groups=$(awk 'NR == FNR {t0[$1] = $3; next} {g[$2] += $3 - ($1 in t0 ? t0[$1] : 0)} END {for (k in g) printf "%s=%d ", k, g[k]}' \
      "$work/$node-$round.threads0" "$work/$node-$round.threads1")
    echo "$round $node $(awk '/^Requests\/sec:/ {print $2}' "$f")" \
      "$(awk '$1 == "50%" {p50 = $2} $1 == "90%" {p90 = $2} $1 == "99%" {p99 = $2} END {print p50, p90, p99}' "$f")" \
      "$(awk '/ requests in / {sub(/s,$/, "", $4); print $1, $4}' "$f")" "$(cat "$work/$node-$round.cpu")" "$groups" >>"$summary"
  done
  echo
  echo "=== round $round: CHECKED (the product) ==="
  hide_key <"$work/checked-$round.txt"
  echo "=== round $round: UNCHECKED (harness-wired decider, no check) ==="
  hide_key <"$work/unchecked-$round.txt"
done

echo
echo "Server CPU per call, in us: total = the harness JVM; then by thread group, counting threads alive"
echo "at both ends of the run: jetty = request threads of the gateway and of the sample backend,"
echo "httpclient = the gateway's proxy client, forkjoin = ForkJoinPool.commonPool (where Caffeine caches,"
echo "the credential caches among them, do their maintenance), jit, gc, other (journal, H2, VM threads)."
echo "'others' is the share of all cores used by processes other than the server and wrk: if it is not"
echo "near 0 %, other work competed for the cores and that round is not comparable."
echo
printf '%5s %-9s %9s %7s %7s %7s | %6s %6s %6s %6s %6s %6s %6s | %6s\n' \
  round node req/s p50 p90 p99 total jetty httpcl forkjn jit gc other others
awk -v hz="$hz" -v cores="$cores" '{
  n = $7; us = 1e6 / hz / n
  for (i = 12; i <= NF; i++) { split($i, kv, "="); g[kv[1]] = kv[2] }
  printf "%5s %-9s %9s %7s %7s %7s | %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f | %5.1f%%\n", $1, $2, $3, $4, $5, $6,
    $9 * us, g["jetty"] * us, g["httpclient"] * us, g["forkjoin"] * us, g["jit"] * us, g["gc"] * us, g["other"] * us,
    ($10 - $9 - $11) / hz / ($8 * cores) * 100
  delete g
}' "$summary"
echo
awk -v hz="$hz" -v cores="$cores" '
  { cpu[$1, $2] = $9 / hz * 1e6 / $7 }
  $2 == "checked" {c[$1] = $3} $2 == "unchecked" {u[$1] = $3}
  END {
    n = 0
    for (r = 1; r in c; r++) {
      n++; sc += c[r]; su += u[r]; ratio[n] = c[r] / u[r]; cc += cpu[r, "checked"]; cu += cpu[r, "unchecked"]
      printf "round %s: requests/s checked/unchecked = %.4f\n", r, c[r] / u[r]
    }
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (ratio[j] < ratio[i]) { t = ratio[i]; ratio[i] = ratio[j]; ratio[j] = t }
    median = n % 2 ? ratio[(n + 1) / 2] : (ratio[n / 2] + ratio[n / 2 + 1]) / 2
    sc /= n; su /= n; cc /= n; cu /= n
    printf "requests/s (mean of %d run(s) per node): checked %.1f, unchecked %.1f\n", n, sc, su
    printf "ratio checked/unchecked: %.4f (median of the rounds %.4f); throughput lost to the check: %.2f %%\n", sc / su, median, (1 - sc / su) * 100
    printf "implied cost per call: 1/checked - 1/unchecked = %.2f us of wall time at saturation", 1e6 / sc - 1e6 / su
    printf " (x %d cores = %.2f us of CPU, shared with wrk)\n", cores, cores * (1e6 / sc - 1e6 / su)
    printf "server CPU per call (mean): checked %.1f us, unchecked %.1f us, difference %.1f us\n", cc, cu, cc - cu
  }' "$summary"
if grep -qi 'error\|exception' "$work/harness.err"; then
  echo "harness log has errors:" >&2
  grep -i 'error\|exception' "$work/harness.err" | head -20 >&2
fi
