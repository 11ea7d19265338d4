#!/usr/bin/env bash
# Builds bench/target/tollgate-bench.jar and its lib/ folder when they are missing or older than
# any source or pom of the project. Sourced by run-jmh.sh and run-wrk.sh.
#   BENCH_BUILD auto (default): build when missing or older than the sources; always; never: use
#               the existing build as it is (e.g. while someone else's edits do not compile)
#   MVN_FLAGS   extra Maven flags, e.g. MVN_FLAGS=-o to stay offline
#   MVN_LOCK    a lock file to serialize Maven builds on a shared machine (default /tmp/mvn.lock;
#               empty to build without it)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_jar="$root/bench/target/tollgate-bench.jar"
bench_cp="$bench_jar:$root/bench/target/lib/*"

bench_needs_build() {
  [ -f "$bench_jar" ] && [ -d "$root/bench/target/lib" ] || return 0
  [ -n "$(find "$root" -path "$root/*/target" -prune -o -path "$root/.git" -prune -o -path "$root/data" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$bench_jar" -print -quit)" ]
}

build_mode=${BENCH_BUILD:-auto}
if [ "$build_mode" = never ]; then
  [ -f "$bench_jar" ] || { echo "BENCH_BUILD=never, but $bench_jar is missing" >&2; exit 1; }
elif [ "$build_mode" = always ] || bench_needs_build; then
  echo "Building the benchmarks (mvn -pl bench -am package)…" >&2
  lock=()
  if [ -n "${MVN_LOCK-/tmp/mvn.lock}" ] && command -v flock >/dev/null; then
    lock=(flock "${MVN_LOCK-/tmp/mvn.lock}")
  fi
  (cd "$root" && "${lock[@]}" mvn -B -q ${MVN_FLAGS:-} -Dmaven.test.skip=true -pl bench -am package) >&2
fi
