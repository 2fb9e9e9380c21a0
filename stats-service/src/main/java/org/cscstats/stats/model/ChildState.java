package org.cscstats.stats.model;

import java.util.List;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.stats.counting.CubeCell;

/** What the stats service keeps per child: its stored events, and the contribution last applied to the cubes. */
public record ChildState(ChildKey key, List<CaseEvent> events, Map<CubeCell, Long> contribution) {

    public static ChildState empty(ChildKey key) {
        return new ChildState(key, List.of(), Map.of());
    }
}
