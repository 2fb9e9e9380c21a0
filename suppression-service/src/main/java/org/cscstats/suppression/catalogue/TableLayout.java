package org.cscstats.suppression.catalogue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Dimension;

/**
 * What each position of a table stands for, as cube cells. Positions are (r, c) with r = rows.size() the
 * column-totals row and c = columns.size() the row-totals column. A total over a year dimension is the sum of
 * the years shown; a total over any other dimension is the measure's cell without that dimension.
 */
public final class TableLayout {
    private TableLayout() {
    }

    /** A position and its kind. */
    public record Slot(int row, int column, Kind kind) {
    }

    public enum Kind { CELL, ROW_TOTAL, COLUMN_TOTAL, GRAND_TOTAL }

    /** Every position the table prints, row by row, then the column totals row. */
    public static List<Slot> slots(TableSpec t) {
        int nr = t.rows().size();
        int nc = t.columns().size();
        List<Slot> out = new ArrayList<>();
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                out.add(new Slot(r, c, Kind.CELL));
            }
            if (t.rowTotals()) {
                out.add(new Slot(r, nc, Kind.ROW_TOTAL));
            }
        }
        if (t.columnTotals()) {
            for (int c = 0; c < nc; c++) {
                out.add(new Slot(nr, c, Kind.COLUMN_TOTAL));
            }
        }
        if (t.grandTotal()) {
            out.add(new Slot(nr, nc, Kind.GRAND_TOTAL));
        }
        return out;
    }

    /** The cube cells whose sum the position shows (one cell unless it totals over years). */
    public static List<CellRef> refs(TableSpec t, int r, int c) {
        int nr = t.rows().size();
        int nc = t.columns().size();
        Map<Dimension, String> codes = new EnumMap<>(Dimension.class);
        List<String> years = new ArrayList<>();
        if (t.fixedYear() != null) {
            years.add(t.fixedYear());
        }
        axis(t.rowDimension(), t.rows(), r, nr, codes, years);
        axis(t.columnDimension(), t.columns(), c, nc, codes, years);
        List<CellRef> out = new ArrayList<>(years.size());
        for (String fy : years) {
            out.add(CellRef.of(t.measure(), fy, codes));
        }
        return out;
    }

    private static void axis(Dimension dim, List<Header> headers, int i, int n, Map<Dimension, String> codes,
            List<String> years) {
        if (dim == null) {
            return;
        }
        if (dim == Dimension.FY) {
            if (i < n) {
                years.add(headers.get(i).code());
            } else {
                headers.forEach(h -> years.add(h.code()));
            }
        } else if (i < n) {
            codes.put(dim, headers.get(i).code());
        }
    }
}
