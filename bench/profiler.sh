# Sourced by the run-*-compare.sh scripts. profiler_agent DIR FILE prints the JVM option that makes
# async-profiler (tools.profiler:async-profiler from Maven Central: kernel frames too, where JFR
# undersamples here) sample the process's CPU from start to exit and write collapsed stacks to FILE;
# with FILE empty it prints nothing.
profiler_agent() { # dir file
  [ -n "$2" ] || return 0
  local ap_jar="$HOME/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar"
  [ -f "$ap_jar" ] || mvn -q dependency:get -Dartifact=tools.profiler:async-profiler:4.2 -Dtransitive=false >/dev/null
  (cd "$1" && unzip -q -o "$ap_jar" linux-x64/libasyncProfiler.so)
  echo "-agentpath:$1/linux-x64/libasyncProfiler.so=start,event=cpu,interval=1ms,collapsed,file=$2"
}
