package org.cscstats.suppression.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;

/**
 * One catalogued table: which measure, cut how, with every row and column in publication order. A null
 * {@code rowDimension} means a single row holding the measure's total. {@code fixedYear} is the year a per-year
 * table is cut at (null where years are a row or column dimension). Which totals the table prints is part of its
 * shape because every printed total is a figure the attacker reads.
 */
public record TableSpec(String id, Measure measure, String title, Dimension rowDimension, Dimension columnDimension,
        String fixedYear, boolean partial, List<Header> rows, List<Header> columns,
        boolean rowTotals, boolean columnTotals, boolean grandTotal) {

    public TableSpec {
        Objects.requireNonNull(id);
        Objects.requireNonNull(measure);
        Objects.requireNonNull(columnDimension, "columnDimension is never null");
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        if (rowDimension == null && rows.size() != 1) {
            throw new IllegalArgumentException("a table without a row dimension has one Total row");
        }
        if ((rowDimension == Dimension.FY || columnDimension == Dimension.FY) == (fixedYear != null)) {
            throw new IllegalArgumentException(id + ": years are either fixed or a dimension, exactly one");
        }
    }

    /** The {@code fixed} object of the API: the year a per-year table is cut at, and whether it is partial. */
    public Map<String, Object> fixed() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (fixedYear != null) {
            m.put(Dimension.FY.id(), fixedYear);
            if (partial) {
                m.put("partial", true);
            }
        }
        return m;
    }

    public boolean linked() {
        return measure != Measure.CASELOAD;
    }

    /** The shape of a printed table (e.g. of an earlier release), read back from its JSON form. */
    /** The years in progress this table shows: its fixed year, or any row or column marked partial. */
    public List<String> partialYears() {
        List<String> out = new ArrayList<>();
        if (partial) {
            out.add(fixedYear);
        }
        for (Header h : rows) {
            if (h.partial()) {
                out.add(h.code());
            }
        }
        for (Header h : columns) {
            if (h.partial()) {
                out.add(h.code());
            }
        }
        return out;
    }

    public static TableSpec of(PublishedTable t) {
        return new TableSpec(t.table(), Measure.byId(t.measure()), t.title(),
                t.rowDimension() == null ? null : Dimension.byId(t.rowDimension()), Dimension.byId(t.columnDimension()),
                t.fixedYear(), t.fixedPartial(), t.rows(), t.columns(), t.rowTotals() != null,
                t.columnTotals() != null, t.total() != null);
    }
}
