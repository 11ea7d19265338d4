#!/usr/bin/env bash
# wrk side by side on loopback, in one run: nginx answering a fixed JSON ("straight"), nginx proxy_pass
# to it ("proxy_pass", keep-alive upstream), and Tollgate's keyed, metered gateway call to it, on the main
# port (Jetty) and on the event-loop listener (--api-port). For each round: requests/s, and the server's
# CPU per call (nginx worker, or the Tollgate JVM) from /proc.
#
#   ROUNDS     measured rounds, each target once per round (default 2)
#   WRK_ARGS   wrk options (default "-t2 -c32 -d15s")
#   WARMUP     wrk warm-up of the gateway before the rounds (default 30s: C2 needs it)
#   JAVA_OPTS  Tollgate's JVM options (default -Xms512m -Xmx512m)
#   PROFILE    when set, a file: async-profiler (tools.profiler:async-profiler from Maven Central) samples
#              Tollgate's CPU from start to exit and writes collapsed stacks there (kernel frames need
#              /proc/sys/kernel/perf_event_paranoid <= 1)
#   ONLY       when set, "tollgate" measures only Tollgate's call (profiling); default all three
#   SYSCALLS=1 also counts, with perf stat over each round, the server's system calls and context switches
#              per call (perf from Debian's linux-perf; /proc/sys/kernel/perf_event_paranoid <= 1)
#   FLOOR=1    also measures what an event-driven gateway costs at least here (EventLoopProxyFloor, from
#              bench/target: mvn -B -q -DskipTests -pl bench -am package): a bare Netty proxy, and the same
#              making a charge durable in Tollgate's journal before forwarding
# Needs nginx and wrk (Debian: nginx-light, wrk) and a built cli/target/tollgate-cli.jar (./tollgate builds it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=profiler.sh
. "$root/bench/profiler.sh"
jar="$root/cli/target/tollgate-cli.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests -pl cli -am package" >&2; exit 1; }
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk (apt-get install nginx-light wrk)" >&2; exit 1; }
rounds=${ROUNDS:-2}
wrk_args=${WRK_ARGS:-"-t2 -c32 -d15s"}
work=$(mktemp -d)
tollgate_pid=
floor_pids=()
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  for p in "${floor_pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  [ -n "$tollgate_pid" ] && kill "$tollgate_pid" 2>/dev/null && wait "$tollgate_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream backend { server 127.0.0.1:18080; keepalive 64; }
  server { listen 127.0.0.1:18080; location / { default_type application/json; return 200 '{"ok":true}'; } }
  server { listen 127.0.0.1:18081; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -c "$work/nginx.conf"
cat >"$work/catalog.yaml" <<CONF
apis:
  - name: bench
    version: v1
    title: Bench API
    backend: http://127.0.0.1:18080/base
    quota: {requestsPerMinutePerProject: 100000000, requestsPerDayPerProject: 1000000000, requestsPerMinutePerUser: 100000000}
    scopes: [{name: bench, description: Bench}]
    methods:
      - {id: bench.get, http: GET, path: "/things/{thing}", access: either, scopes: [bench]}
CONF
# From start to exit: with ONLY=tollgate the warm-up and the rounds are the same call, start-up a few seconds of it.
agent=$(profiler_agent "$work" "${PROFILE:-}")
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xms512m -Xmx512m} $agent -jar "$jar" serve --port 18090 --api-port 18091 --host 127.0.0.1 --data "$work/data" --config "$work/catalog.yaml" \
  >"$work/tollgate.out" 2>&1 &
tollgate_pid=$!
for _ in $(seq 1 60); do grep -q 'Tollgate ready' "$work/tollgate.out" && break; sleep 1; done
grep -q 'Tollgate ready' "$work/tollgate.out" || { cat "$work/tollgate.out" >&2; exit 1; }
token=$(java -jar "$jar" print-token --key-file "$work/data/admin-service-account.json" | tail -1)
admin() { curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "http://127.0.0.1:18090/admin/v1$2" ${3:+-d "$3"}; }
admin POST /projects '{"projectId":"bench-p"}' >/dev/null
admin POST /projects/bench-p/services/bench/enable >/dev/null
key=$(admin POST /projects/bench-p/keys '{}' | sed -E 's/.*"keyString":"([^"]+)".*/\1/')

if [ -n "${FLOOR:-}" ]; then
  [ -f "$root/bench/target/tollgate-bench.jar" ] || { echo "FLOOR=1: build first: mvn -B -q -DskipTests -pl bench -am package" >&2; exit 1; }
  floor() { # port [journal data dir]
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:--Xms512m -Xmx512m} -cp "$root/bench/target/tollgate-bench.jar:$root/bench/target/lib/*" \
      dev.tollgate.bench.EventLoopProxyFloor "$1" 18080 ${2:-} >"$work/floor-$1.out" 2>&1 &
    floor_pids+=($!)
    for _ in $(seq 1 30); do grep -q ready "$work/floor-$1.out" && return 0; sleep 1; done
    cat "$work/floor-$1.out" >&2; exit 1
  }
  floor 18093
  floor 18094 "$work/floor-data"
fi


nginx_pids=$(pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' ')
hz=$(getconf CLK_TCK)
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$t"; }
run() { # name url pids...
  local name=$1 url=$2; shift 2
  local before after out rps reqs
  before=$(ticks "$@")
  if [ -n "${SYSCALLS:-}" ]; then
    # shellcheck disable=SC2086
    out=$(perf stat -x, -o "$work/perf.csv" -e "$syscall_events" -p "$(IFS=,; echo "$*")" -- wrk $wrk_args "$url")
  else
    # shellcheck disable=SC2086
    out=$(wrk $wrk_args "$url")
  fi
  after=$(ticks "$@")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  reqs=$(awk '/requests in/{print $1}' <<<"$out")
  printf "%-20s %10s req/s   server CPU %7s µs/call   %s\n" "$name" "$rps" \
    "$(awk -v a="$after" -v b="$before" -v n="$reqs" -v hz="$hz" 'BEGIN{printf "%.1f", (a-b)/hz*1e6/n}')" \
    "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ' || true)"
  if [ -n "${SYSCALLS:-}" ]; then
    awk -F, -v n="$reqs" '/^[0-9]/ {sub(/^syscalls:sys_enter_/, "", $3); printf "%s%s %.2f", (k++ ? ", " : "    per call: "), $3, $1 / n} END {print ""}' "$work/perf.csv"
  fi
}
syscall_events=syscalls:sys_enter_read,syscalls:sys_enter_recvfrom,syscalls:sys_enter_write,syscalls:sys_enter_sendto,syscalls:sys_enter_writev,syscalls:sys_enter_poll,syscalls:sys_enter_futex,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_fdatasync,syscalls:sys_enter_sched_yield,context-switches
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(nginx -v 2>&1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); wrk $wrk_args"
wrk -t2 -c32 -d"${WARMUP:-30s}" "http://127.0.0.1:18090/bench/v1/things/x?key=$key" >/dev/null # warm-up
wrk -t2 -c32 -d"${WARMUP:-30s}" "http://127.0.0.1:18091/bench/v1/things/x?key=$key" >/dev/null
if [ -n "${FLOOR:-}" ]; then
  for port in 18093 18094; do wrk -t2 -c32 -d15s "http://127.0.0.1:$port/base/things/x" >/dev/null; done
fi
for _ in $(seq 1 "$rounds"); do
  if [ -z "${ONLY:-}" ]; then
    run "nginx straight" "http://127.0.0.1:18080/base/things/x" $nginx_pids
    run "nginx proxy_pass" "http://127.0.0.1:18081/base/things/x" $nginx_pids
  fi
  if [ -n "${FLOOR:-}" ]; then
    run "floor: netty proxy" "http://127.0.0.1:18093/base/things/x" "${floor_pids[0]}"
    run "floor: + journal" "http://127.0.0.1:18094/base/things/x" "${floor_pids[1]}"
  fi
  run "tollgate keyed call" "http://127.0.0.1:18090/bench/v1/things/x?key=$key" $tollgate_pid
  run "tollgate --api-port" "http://127.0.0.1:18091/bench/v1/things/x?key=$key" $tollgate_pid
done
