#!/usr/bin/env bash
# The JMH benchmarks of the gateway's access check (AccessCheckBenchmark), with short settings:
# 1 fork, 3 warm-up iterations of 1 s, 5 measurement iterations of 2 s, average time in ns/op,
# and the GC profiler for the bytes allocated per call. Extra arguments go to JMH, e.g.
#   bench/run-jmh.sh keyCheck          # one benchmark
#   bench/run-jmh.sh -prof stack       # another profiler
# Results: the console, and bench/target/jmh-result.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" >&2
java -version 2>&1 | head -1 >&2

pattern='dev.tollgate.bench.AccessCheckBenchmark'
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  pattern="$pattern.$1"
  shift
fi

exec java -cp "$bench_cp" org.openjdk.jmh.Main "$pattern" \
  -f 1 -wi 3 -w 1s -i 5 -r 2s -bm avgt -tu ns -prof gc \
  -rf json -rff "$root/bench/target/jmh-result.json" "$@"
