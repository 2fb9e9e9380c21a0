package org.cscstats.stats.counting;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What to add to an LA's aggregates when one child's contribution changes: only non-zero differences. */
public record CubeDelta(Map<CubeCell, Long> changes) {

    public static final CubeDelta NONE = new CubeDelta(Map.of());

    public CubeDelta {
        changes = Map.copyOf(changes);
    }

    public static CubeDelta between(ChildContribution before, ChildContribution after) {
        Map<CubeCell, Long> changes = new HashMap<>();
        after.cells().forEach((cell, v) -> {
            long d = v - before.get(cell);
            if (d != 0) {
                changes.put(cell, d);
            }
        });
        before.cells().forEach((cell, v) -> {
            if (!after.cells().containsKey(cell)) {
                changes.put(cell, -v);
            }
        });
        return changes.isEmpty() ? NONE : new CubeDelta(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The cubes this delta changes: the ones to publish again. */
    public Set<CubeId> cubes() {
        Set<CubeId> cubes = new HashSet<>();
        changes.keySet().forEach(c -> cubes.add(c.cube()));
        return cubes;
    }
}
