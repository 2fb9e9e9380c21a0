package org.cscstats.stats.counting;

import java.util.Map;
import org.cscstats.contract.FinancialYear;

/**
 * Everything one child adds to every cube of its LA: cell → count, only non-zero cells. Every measure is the sum
 * of these over children (for {@code caseload}, of its internal cells; see {@link CaseloadStatistics}).
 */
public record ChildContribution(Map<CubeCell, Long> cells) {

    public static final ChildContribution EMPTY = new ChildContribution(Map.of());

    public ChildContribution {
        cells = Map.copyOf(cells);
    }

    /**
     * @param currentYear the year in progress: flow measures count up to and including it, snapshot measures
     *                    ({@code cp-plans-open}, {@code caseload}) only before it. Contributions therefore change
     *                    when the year turns, and every child must be recounted then.
     */
    public static ChildContribution of(ChildHistory history, FinancialYear currentYear) {
        return new ChildContribution(ChildCounter.count(history.effective(), currentYear));
    }

    public long get(CubeCell cell) {
        return cells.getOrDefault(cell, 0L);
    }
}
