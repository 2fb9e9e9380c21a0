package org.cscstats.attack.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cscstats.attack.api.Header;
import org.cscstats.attack.api.ShownTable;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;

/**
 * Which cube cells a printed position adds up (docs/api.md › Catalogue): one cell, unless it totals over years shown, and a
 * total over any other dimension is the measure's cell without that dimension.
 */
final class TableCells {
    private TableCells() {
    }

    static List<Cell> at(ShownTable t, int r, int c) {
        Measure measure = Measure.byId(t.measure());
        Map<Dimension, String> codes = new EnumMap<>(Dimension.class);
        List<String> years = new ArrayList<>();
        if (t.fixedYear() != null) {
            years.add(t.fixedYear());
        }
        axis(t.rowDimension(), t.rows(), r, codes, years);
        axis(t.columnDimension(), t.columns(), c, codes, years);
        List<Dimension> breakdown = Breakdowns.of(measure, codes.keySet());
        String key = Breakdowns.key(breakdown, codes);
        List<Cell> out = new ArrayList<>();
        for (String fy : years) {
            out.add(new Cell(measure, fy, key));
        }
        return out;
    }

    static Position position(ShownTable t, int r, int c) {
        return new Position(t.id(), r < t.rows().size() ? t.rows().get(r).code() : "total", t.rowLabel(r),
                c < t.columns().size() ? t.columns().get(c).code() : "total", t.columnLabel(c));
    }

    private static void axis(String dimension, List<Header> headers, int i, Map<Dimension, String> codes,
            List<String> years) {
        if (dimension == null) {
            return;
        }
        Dimension dim = Dimension.byId(dimension);
        if (dim == Dimension.FY) {
            if (i < headers.size()) {
                years.add(headers.get(i).code());
            } else {
                headers.forEach(h -> years.add(h.code()));
            }
        } else if (i < headers.size()) {
            codes.put(dim, headers.get(i).code());
        }
    }
}
