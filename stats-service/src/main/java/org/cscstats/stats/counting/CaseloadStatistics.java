package org.cscstats.stats.counting;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Dimension;

/**
 * The {@code caseload} measure is not a sum over children, so children add to internal cells instead
 * ({@code worker=<worker pseudonym>} per allocated worker, {@code statistic=unallocated} when none), which do
 * sum; {@link #publish} turns a cube of those into the published cells. Internal cells name workers and never
 * leave the stats service.
 */
public final class CaseloadStatistics {
    /** Internal cell prefix: one per worker, counting the open-episode children it holds on 31 March. */
    public static final String WORKER_PREFIX = "worker=";
    public static final String UNALLOCATED = CellKey.of(Dimension.STATISTIC, "unallocated");
    public static final String WORKERS = CellKey.of(Dimension.STATISTIC, "workers");
    public static final String HIGHEST = CellKey.of(Dimension.STATISTIC, "highest");
    /** Child-worker pairs; the published mean is {@code allocations / workers}, derived downstream. */
    public static final String ALLOCATIONS = CellKey.of(Dimension.STATISTIC, "allocations");

    private CaseloadStatistics() {
    }

    static String workerCell(String workerId) {
        return WORKER_PREFIX + workerId;
    }

    /**
     * @param internalCells one LA's {@code caseload} cube for one FY as aggregated (worker and unallocated cells)
     * @return {@code statistic=workers}, {@code highest}, {@code allocations} and {@code unallocated}, zeros included
     */
    public static Map<String, Long> publish(Map<String, Long> internalCells) {
        long workers = 0;
        long highest = 0;
        long allocations = 0;
        for (Map.Entry<String, Long> cell : internalCells.entrySet()) {
            long children = cell.getValue();
            if (cell.getKey().startsWith(WORKER_PREFIX) && children > 0) {
                workers++;
                highest = Math.max(highest, children);
                allocations += children;
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(WORKERS, workers);
        out.put(HIGHEST, highest);
        out.put(ALLOCATIONS, allocations);
        out.put(UNALLOCATED, internalCells.getOrDefault(UNALLOCATED, 0L));
        return out;
    }
}
