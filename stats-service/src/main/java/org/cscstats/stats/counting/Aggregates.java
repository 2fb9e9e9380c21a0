package org.cscstats.stats.counting;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.cscstats.contract.Measure;

/**
 * The rolling aggregates in memory: per LA and cube, cell → sum over children. What the stats service keeps in
 * PostgreSQL; zero cells are dropped. Not thread-safe.
 */
public final class Aggregates {
    /** la → cube → cell → value. */
    private final Map<String, Map<CubeId, Map<String, Long>>> cubes = new HashMap<>();

    /**
     * Adds a child's delta to its LA's cubes, all or nothing.
     *
     * @throws IllegalStateException if a cell would become negative (a delta applied twice or out of order)
     */
    public void apply(String la, CubeDelta delta) {
        Map<CubeId, Map<String, Long>> ofLa = cubes.computeIfAbsent(la, k -> new HashMap<>());
        delta.changes().forEach((cell, d) -> {
            long now = ofLa.getOrDefault(cell.cube(), Map.of()).getOrDefault(cell.cell(), 0L) + d;
            if (now < 0) {
                throw new IllegalStateException("cell " + cell + " of LA " + la + " would become " + now);
            }
        });
        delta.changes().forEach((cell, d) -> {
            Map<String, Long> cube = ofLa.computeIfAbsent(cell.cube(), k -> new HashMap<>());
            if (cube.merge(cell.cell(), d, Long::sum) == 0L) {
                cube.remove(cell.cell());
                if (cube.isEmpty()) {
                    ofLa.remove(cell.cube());
                }
            }
        });
    }

    /** The cube's cells as aggregated (for {@code caseload}, the internal cells); absent cells are 0. */
    public Map<String, Long> cells(String la, CubeId cube) {
        return Map.copyOf(cubes.getOrDefault(la, Map.of()).getOrDefault(cube, Map.of()));
    }

    /** The cube's cells as published: {@code caseload} through {@link CaseloadStatistics#publish}, others as is. */
    public Map<String, Long> published(String la, CubeId cube) {
        Map<String, Long> cells = cells(la, cube);
        return cube.measure().equals(Measure.CASELOAD.id()) ? CaseloadStatistics.publish(cells) : cells;
    }

    public Set<String> las() {
        return Set.copyOf(cubes.keySet());
    }

    /** The LA's cubes with at least one non-zero cell. */
    public Set<CubeId> cubes(String la) {
        return Set.copyOf(cubes.getOrDefault(la, Map.of()).keySet());
    }
}
