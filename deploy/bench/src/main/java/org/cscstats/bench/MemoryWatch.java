package org.cscstats.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cscstats.local.LocalSystem;

/**
 * Samples the resident memory of the system's processes every second and keeps each one's peak. A JVM's peak
 * comes from the kernel's high-water mark; PostgreSQL's is the largest sum over the postmaster and its backends.
 */
final class MemoryWatch implements AutoCloseable {
    private final Map<String, Supplier<OptionalLong>> pids = new LinkedHashMap<>();
    private final Map<String, Boolean> trees = new LinkedHashMap<>();
    private final Map<String, Long> peaks = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    MemoryWatch() {
        sampler = new Thread(this::run, "memory-watch");
        sampler.setDaemon(true);
    }

    /** Watches, and starts sampling, every process of a local system. */
    static MemoryWatch of(LocalSystem system) {
        MemoryWatch w = new MemoryWatch()
                .watch("kafka", system.kafka()::pid, false)
                .watch("postgresql (all processes)", system.postgres()::pid, true);
        system.services().forEach(s -> w.watch(s.name(), s::pid, false));
        return w.start();
    }

    /** @param tree true to add every child process (PostgreSQL) */
    MemoryWatch watch(String name, Supplier<OptionalLong> pid, boolean tree) {
        pids.put(name, pid);
        trees.put(name, tree);
        return this;
    }

    MemoryWatch start() {
        sampler.start();
        return this;
    }

    private void run() {
        while (running) {
            sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        pids.forEach((name, pid) -> pid.get().ifPresent(p -> {
            long bytes = trees.get(name) ? ProcessMemory.rssOfTree(p) : ProcessMemory.peakRss(p);
            peaks.merge(name, bytes, Math::max);
        }));
    }

    /** Peak resident bytes per process name, in the order watched. */
    Map<String, Long> peaks() {
        sample();
        Map<String, Long> out = new LinkedHashMap<>();
        pids.keySet().forEach(n -> out.put(n, peaks.getOrDefault(n, 0L)));
        return out;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
