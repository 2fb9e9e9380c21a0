package org.cscstats.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.cscstats.local.LocalSystem;

/**
 * Where the time goes: CPU seconds each process of the system used during a phase, beside the phase's wall time.
 * On two cores a phase that keeps the machine busy shows ≈ 2 CPU-seconds per second in all.
 */
final class CpuAccount {
    private final Map<String, Supplier<OptionalLong>> pids = new LinkedHashMap<>();
    private final Map<String, Boolean> trees = new LinkedHashMap<>();

    CpuAccount(LocalSystem system) {
        pids.put("kafka", system.kafka()::pid);
        trees.put("kafka", false);
        pids.put("postgresql", system.postgres()::pid);
        trees.put("postgresql", true);
        system.services().forEach(s -> {
            pids.put(s.name(), s::pid);
            trees.put(s.name(), false);
        });
        pids.put("benchmark client", () -> OptionalLong.of(ProcessHandle.current().pid()));
        trees.put("benchmark client", false);
    }

    /** A reading now, to subtract from a later one. */
    Map<String, Double> now() {
        Map<String, Double> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> out.put(name, pid.get().isPresent() ? ProcessMemory.cpuSeconds(pid.get().getAsLong(), trees.get(name)) : 0.0));
        return out;
    }

    /**
     * "stats-service 61 s, postgresql 38 s, …" for the phase since {@code before}. A process restarted during the
     * phase counts from its restart (its earlier CPU went with the old process).
     */
    String since(Map<String, Double> before, double wallSeconds) {
        Map<String, Double> after = now();
        StringBuilder sb = new StringBuilder();
        double sum = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (used < 0) {
                used = e.getValue();
            }
            sum += used;
            if (used >= 0.05 * wallSeconds) {
                sb.append(sb.isEmpty() ? "" : ", ").append(String.format("%s %.0f s", e.getKey(), used));
            }
        }
        return String.format("%.0f CPU-s in %.0f s wall (%.1f cores busy): %s", sum, wallSeconds, sum / wallSeconds, sb);
    }
}
