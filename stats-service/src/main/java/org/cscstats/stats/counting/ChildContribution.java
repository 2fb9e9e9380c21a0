package org.cscstats.stats.counting;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.cscstats.contract.FinancialYear;

/**
 * Everything one child adds to every cube of its LA: cell → count, only non-zero cells. Every measure is the sum
 * of these over children (for {@code caseload}, of its internal cells; see {@link CaseloadStatistics}).
 * Immutable; a class rather than a record so that {@link #of} can hand over its map without copying it.
 */
public final class ChildContribution {

    public static final ChildContribution EMPTY = new ChildContribution(Map.of());

    private final Map<CubeCell, Long> cells;

    private ChildContribution(Map<CubeCell, Long> owned) {
        this.cells = Collections.unmodifiableMap(owned);
    }

    /** A contribution with the given cells (zeros dropped), e.g. one read back from storage. */
    public static ChildContribution ofCells(Map<CubeCell, Long> cells) {
        Map<CubeCell, Long> copy = new HashMap<>(cells);
        copy.values().removeIf(v -> v == 0);
        return new ChildContribution(copy);
    }

    /**
     * @param currentYear the year in progress: flow measures count up to and including it, snapshot measures
     *                    ({@code cp-plans-open}, {@code caseload}) only before it. Contributions therefore change
     *                    when the year turns, and every child must be recounted then.
     */
    public static ChildContribution of(ChildHistory history, FinancialYear currentYear) {
        return new ChildContribution(ChildCounter.count(history.effective(), currentYear));
    }

    /** Unmodifiable; only non-zero cells. */
    public Map<CubeCell, Long> cells() {
        return cells;
    }

    public long get(CubeCell cell) {
        Long v = cells.get(cell);
        return v == null ? 0 : v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChildContribution c && cells.equals(c.cells);
    }

    @Override
    public int hashCode() {
        return cells.hashCode();
    }

    @Override
    public String toString() {
        return "ChildContribution" + cells;
    }
}
