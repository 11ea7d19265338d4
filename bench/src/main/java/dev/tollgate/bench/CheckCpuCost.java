package dev.tollgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The CPU an access check costs the whole process, not only the calling thread. JMH's ns/op is the
 * calling thread's time; the credential caches (Caffeine) also hand maintenance work to
 * {@code ForkJoinPool.commonPool()}, which runs on another core and which ns/op does not see.
 * This runs each check in a loop for a few seconds, with the same state as
 * {@link AccessCheckBenchmark}, and prints wall time, the calling thread's CPU and the process's
 * CPU per call, and the CPU of every other busy thread.
 *
 * <pre>java -cp "bench/target/tollgate-bench.jar:bench/target/lib/*" dev.tollgate.bench.CheckCpuCost [seconds]</pre>
 */
public final class CheckCpuCost {
    /** Where each result goes, so that no call can be optimized away. */
    static volatile Object sink;

    private CheckCpuCost() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        var state = new AccessCheckBenchmark();
        state.storeProjectKeysAndToken();
        try {
            Map<String, Supplier<Object>> checks = new java.util.LinkedHashMap<>();
            checks.put("keyCheck", state::keyCheck);
            checks.put("restrictedKeyCheck", state::restrictedKeyCheck);
            checks.put("referrerKeyCheck", state::referrerKeyCheck);
            checks.put("tokenCheck", state::tokenCheck);
            checks.put("rejectMalformedKey", state::rejectMalformedKey);
            for (var check : checks.entrySet()) {
                measure(check.getKey(), check.getValue(), seconds); // warm-up
                measure(check.getKey(), check.getValue(), seconds).print();
            }
        } finally {
            state.deleteDatabase();
        }
        System.exit(0); // the common pool's threads are daemons, H2's may not be
    }

    private record Result(String name, long calls, long wallNanos, long threadCpu, long processCpu, Map<String, Long> others) {
        void print() {
            System.out.printf("%-20s wall %6.0f ns/call   calling thread CPU %6.0f ns/call   process CPU %6.0f ns/call%n",
                    name, wallNanos / (double) calls, threadCpu / (double) calls, processCpu / (double) calls);
            others.forEach((thread, cpu) -> System.out.printf("%-20s   of which %-32s %6.0f ns/call%n", "", thread, cpu / (double) calls));
        }
    }

    private static Result measure(String name, Supplier<Object> check, double seconds) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        Map<String, Long> before = otherThreads(threads, self);
        long wall0 = System.nanoTime();
        long process0 = os.getProcessCpuTime();
        long thread0 = threads.getCurrentThreadCpuTime();
        long deadline = wall0 + (long) (seconds * 1e9);
        long calls = 0;
        while (System.nanoTime() < deadline) {
            Object last = null;
            for (int i = 0; i < 10_000; i++) {
                last = check.get();
            }
            sink = last;
            calls += 10_000;
        }
        long wall = System.nanoTime() - wall0;
        long process = os.getProcessCpuTime() - process0;
        long thread = threads.getCurrentThreadCpuTime() - thread0;
        Map<String, Long> others = new TreeMap<>();
        otherThreads(threads, self).forEach((group, cpu) -> {
            long used = cpu - before.getOrDefault(group, 0L);
            if (used > 0.01 * process) {
                others.put(group, used);
            }
        });
        return new Result(name, calls, wall, thread, process, others);
    }

    /** CPU nanoseconds of every other live thread, by name without its trailing number. */
    private static Map<String, Long> otherThreads(java.lang.management.ThreadMXBean threads, long self) {
        Map<String, Long> cpu = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long used = threads.getThreadCpuTime(id);
            if (id != self && info != null && used > 0) {
                cpu.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), used, Long::sum);
            }
        }
        return cpu;
    }
}
