package org.cscstats.stats.counting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;

/** Accumulates one child's cells: a counted thing adds 1 to one cell of every breakdown of its measure. */
final class CellWriter {
    private final Characteristics child;
    private final Map<CubeCell, Long> counts = new HashMap<>(256);

    CellWriter(Characteristics child) {
        this.child = child;
    }

    void count(Measure measure, FinancialYear fy, Row row) {
        String label = FyLabels.of(fy);
        for (List<Dimension> breakdown : measure.breakdowns()) {
            String key = switch (breakdown.size()) {
                case 0 -> CellKey.TOTAL;
                case 1 -> CellKeys.of(breakdown.get(0), row.code(breakdown.get(0), child));
                case 2 -> CellKeys.of(breakdown.get(0), row.code(breakdown.get(0), child),
                        breakdown.get(1), row.code(breakdown.get(1), child));
                default -> throw new IllegalStateException("breakdowns have at most two dimensions");
            };
            counts.merge(new CubeCell(measure.id(), label, key), 1L, Long::sum);
        }
    }

    /** A cell outside the measure's breakdowns (the internal cells of {@code caseload}). */
    void countCell(Measure measure, FinancialYear fy, String cellKey) {
        counts.merge(new CubeCell(measure.id(), FyLabels.of(fy), cellKey), 1L, Long::sum);
    }

    Map<CubeCell, Long> counts() {
        return counts;
    }
}
