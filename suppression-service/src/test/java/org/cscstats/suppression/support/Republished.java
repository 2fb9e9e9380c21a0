package org.cscstats.suppression.support;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;

/** Tables as someone else might have published them: for tests of what an unsafe earlier release does. */
public final class Republished {
    private Republished() {
    }

    /** The table with the cell at {@code row} (a code) and column index {@code column} printed as {@code value}. */
    public static PublishedTable printing(PublishedTable t, String row, int column, long value) {
        int r = t.rows().stream().map(h -> h.code()).toList().indexOf(row);
        List<List<PublishedCell>> cells = new ArrayList<>();
        for (int i = 0; i < t.cells().size(); i++) {
            List<PublishedCell> line = new ArrayList<>(t.cells().get(i));
            if (i == r) {
                line.set(column, PublishedCell.shown(value));
            }
            cells.add(line);
        }
        return new PublishedTable(t.la(), t.table(), t.measure(), t.title(), t.fixed(), t.rowDimension(),
                t.columnDimension(), t.rows(), t.columns(), cells, t.rowTotals(), t.columnTotals(), t.total(),
                t.notes());
    }
}
