package org.cscstats.suppression.bench;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.catalogue.CellRef;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.protect.CubeValues;

/**
 * Common manual practice, for comparison: each table on its own, small counts withheld, then while some row or
 * column (totals included) has exactly one withheld figure, the smallest other non-zero figure of that line is
 * withheld too. Tables are not coordinated, and nothing looks beyond single lines.
 */
public final class RowColumnBaseline {
    private RowColumnBaseline() {
    }

    public static List<PublishedTable> protect(Catalogue catalogue, List<Cube> cubes, Policy policy) {
        CubeValues values = new CubeValues(cubes);
        List<PublishedTable> out = new ArrayList<>();
        for (TableSpec t : catalogue.tables()) {
            if (t.linked()) {
                out.add(table(catalogue.la(), t, values, policy));
            }
        }
        return out;
    }

    /** The true figure at every position of a table ({@code -1} where the table prints nothing). */
    public static long[][] truth(TableSpec t, CubeValues values) {
        int nr = t.rows().size();
        int nc = t.columns().size();
        long[][] v = new long[nr + 1][nc + 1];
        for (long[] row : v) {
            java.util.Arrays.fill(row, -1);
        }
        for (TableLayout.Slot s : TableLayout.slots(t)) {
            long sum = 0;
            for (CellRef r : TableLayout.refs(t, s.row(), s.column())) {
                sum += values.value(r);
            }
            v[s.row()][s.column()] = sum;
        }
        return v;
    }

    static PublishedTable table(String la, TableSpec t, CubeValues values, Policy policy) {
        int nr = t.rows().size();
        int nc = t.columns().size();
        long[][] v = truth(t, values);
        int[][] state = new int[nr + 1][nc + 1]; // 0 shown, 1 primary, 2 secondary
        for (int r = 0; r <= nr; r++) {
            for (int c = 0; c <= nc; c++) {
                if (v[r][c] >= 0 && policy.isPrimary(v[r][c])) {
                    state[r][c] = 1;
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r <= nr; r++) {
                changed |= line(v, state, r, -1, nc, policy);
            }
            for (int c = 0; c <= nc; c++) {
                changed |= line(v, state, -1, c, nr, policy);
            }
        }
        List<List<PublishedCell>> cells = new ArrayList<>();
        for (int r = 0; r < nr; r++) {
            List<PublishedCell> row = new ArrayList<>();
            for (int c = 0; c < nc; c++) {
                row.add(cell(v[r][c], state[r][c], policy));
            }
            cells.add(row);
        }
        List<PublishedCell> rowTotals = null;
        if (t.rowTotals()) {
            rowTotals = new ArrayList<>();
            for (int r = 0; r < nr; r++) {
                rowTotals.add(cell(v[r][nc], state[r][nc], policy));
            }
        }
        List<PublishedCell> columnTotals = null;
        if (t.columnTotals()) {
            columnTotals = new ArrayList<>();
            for (int c = 0; c < nc; c++) {
                columnTotals.add(cell(v[nr][c], state[nr][c], policy));
            }
        }
        PublishedCell total = t.grandTotal() ? cell(v[nr][nc], state[nr][nc], policy) : null;
        return new PublishedTable(la, t.id(), t.measure().id(), t.title(), t.fixed(),
                t.rowDimension() == null ? null : t.rowDimension().id(), t.columnDimension().id(), t.rows(),
                t.columns(), cells, rowTotals, columnTotals, total, policy.notes());
    }

    /** One row (col = -1) or column (row = -1), its total included; true if it withheld another figure. */
    private static boolean line(long[][] v, int[][] state, int row, int col, int n, Policy policy) {
        int withheld = 0;
        int printed = 0;
        int best = -1;
        for (int i = 0; i <= n; i++) {
            int r = row >= 0 ? row : i;
            int c = col >= 0 ? col : i;
            if (v[r][c] < 0) {
                continue;
            }
            printed++;
            if (state[r][c] != 0) {
                withheld++;
            } else if (i < n && v[r][c] > 0 && (best < 0 || v[r][c] < value(v, row, col, best))) {
                best = i;
            }
        }
        if (withheld != 1 || printed < 2 || best < 0) {
            return false;
        }
        int r = row >= 0 ? row : best;
        int c = col >= 0 ? col : best;
        state[r][c] = 2;
        return true;
    }

    private static long value(long[][] v, int row, int col, int i) {
        return row >= 0 ? v[row][i] : v[i][col];
    }

    private static PublishedCell cell(long v, int state, Policy policy) {
        return switch (state) {
            case 1 -> PublishedCell.withheld(policy.primarySymbol());
            case 2 -> PublishedCell.withheld(policy.secondarySymbol());
            default -> PublishedCell.shown(policy.publishedValue(v));
        };
    }
}
