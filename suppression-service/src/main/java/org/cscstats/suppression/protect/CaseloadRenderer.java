package org.cscstats.suppression.protect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Measure;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;

/**
 * The caseload table, outside the linked system (no figure of it adds up with another). Workers and unallocated
 * children are counts: primary suppression and rounding as for any count. Highest and mean caseload are shown
 * only where at least t workers have cases; with fewer they are withheld ({@code [c]}), and with none they do
 * not apply ({@code [z]}).
 */
final class CaseloadRenderer {
    static final String NOT_APPLICABLE = "[z]";

    private CaseloadRenderer() {
    }

    static PublishedTable render(String la, TableSpec t, CubeValues values, Policy policy) {
        int nr = t.rows().size();
        int nc = t.columns().size();
        PublishedCell[][] grid = new PublishedCell[nr + 1][nc + 1];
        boolean anyZ = false;
        for (int c = 0; c < nc; c++) {
            String fy = t.columns().get(c).code();
            Cube cube = values.cube(Measure.CASELOAD.id(), fy);
            long workers = cube == null ? 0 : cube.cell("statistic=workers");
            long highest = cube == null ? 0 : cube.cell("statistic=highest");
            long allocations = cube == null ? 0 : cube.cell("statistic=allocations");
            long unallocated = cube == null ? 0 : cube.cell("statistic=unallocated");
            for (int r = 0; r < nr; r++) {
                String stat = t.rows().get(r).code();
                PublishedCell cell = switch (stat) {
                    case "workers" -> count(workers, policy);
                    case "unallocated" -> count(unallocated, policy);
                    case "highest", "mean" -> {
                        if (workers == 0) {
                            anyZ = true;
                            yield PublishedCell.withheld(NOT_APPLICABLE);
                        }
                        if (workers < policy.threshold()) {
                            yield PublishedCell.withheld(policy.secondarySymbol());
                        }
                        if (stat.equals("highest")) {
                            yield PublishedCell.shown(highest);
                        }
                        BigDecimal mean = BigDecimal.valueOf(allocations)
                                .divide(BigDecimal.valueOf(workers), 2, RoundingMode.HALF_UP);
                        yield PublishedCell.shown(mean, mean.toPlainString());
                    }
                    default -> throw new IllegalArgumentException("unknown statistic " + stat);
                };
                grid[r][c] = cell;
            }
        }
        List<String> notes = new java.util.ArrayList<>(TableRenderer.notes(t, policy));
        notes.add("Highest and average caseload are shown only where at least " + policy.threshold()
                + " workers had cases; otherwise " + policy.secondarySymbol() + ".");
        if (anyZ) {
            notes.add(NOT_APPLICABLE + ": not applicable (no worker had a case on 31 March).");
        }
        return TableRenderer.assemble(la, t, grid, notes);
    }

    private static PublishedCell count(long n, Policy policy) {
        return policy.isPrimary(n) ? PublishedCell.withheld(policy.primarySymbol())
                : PublishedCell.shown(policy.publishedValue(n));
    }
}
