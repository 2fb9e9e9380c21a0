package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.contract.Dimension;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;

/**
 * Group (attribute) disclosure (docs/disclosure.md › Group disclosure): a row or column whose children all fall in
 * one cell, but fewer than {@code k}, tells a reader that of each of them, however large the counts. That cell is
 * protected as a small count is. Lines across years are left out: the year a child was counted in is not something
 * the table tells of the child. Pure: the same system gives the same cells.
 */
public final class GroupDisclosure {
    private GroupDisclosure() {
    }

    /**
     * The unknowns of the release's own tables that hold all but fewer than {@code k} of the children of a row or
     * column with children in it, counts of the policy's threshold or more only (smaller ones are primary anyway).
     */
    public static boolean[] dominant(LinkedSystem sys, int k, int threshold) {
        boolean[] out = new boolean[sys.size()];
        if (k <= 0) {
            return out;
        }
        for (LinkedSystem.Binding b : sys.bindings()) {
            TableSpec t = b.spec();
            int nr = t.rows().size();
            int nc = t.columns().size();
            if (t.columnDimension() != Dimension.FY) {
                for (int r = 0; r < nr; r++) {
                    mark(sys, b, line(b, r, -1, nr, nc), k, threshold, out);
                }
            }
            if (t.rowDimension() != null && t.rowDimension() != Dimension.FY) {
                for (int c = 0; c < nc; c++) {
                    mark(sys, b, line(b, -1, c, nr, nc), k, threshold, out);
                }
            }
        }
        return out;
    }

    /** One row (or column) of a table: the slots of its interior cells, and its total's slot (-1 if not printed). */
    private record Line(List<Integer> cells, int total) {
    }

    private static Line line(LinkedSystem.Binding b, int row, int column, int nr, int nc) {
        List<Integer> cells = new ArrayList<>();
        int total = -1;
        for (int s = 0; s < b.slots().size(); s++) {
            TableLayout.Slot slot = b.slots().get(s);
            boolean inLine = row >= 0 ? slot.row() == row : slot.column() == column;
            if (!inLine) {
                continue;
            }
            if (slot.kind() == TableLayout.Kind.CELL) {
                cells.add(s);
            } else if (row >= 0 ? slot.column() == nc : slot.row() == nr) {
                total = s;
            }
        }
        return new Line(cells, total);
    }

    private static void mark(LinkedSystem sys, LinkedSystem.Binding b, Line line, int k, int threshold,
            boolean[] out) {
        long sum = 0;
        int top = -1;
        long topValue = -1;
        for (int s : line.cells()) {
            long v = sys.unknown(b.unknowns()[s]).value();
            sum += v;
            if (v > topValue) {
                topValue = v;
                top = b.unknowns()[s];
            }
        }
        // Children the line's total counts beyond the cells shown (a code list shown in part) are outside them too.
        long total = line.total() < 0 ? sum : Math.max(sum, sys.unknown(b.unknowns()[line.total()]).value());
        if (top >= 0 && topValue >= threshold && total - topValue < k) {
            out[top] = true;
        }
    }
}
