package org.cscstats.suppression.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table as readers see it (the JSON of {@code docs/api.md} › Tables less the release and policy envelope). {@code rowTotals},
 * {@code columnTotals} and {@code total} are null where the table prints none. Parsed tables from elsewhere use
 * the same shape so the audit reads both alike.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishedTable(String la, String table, String measure, String title, Map<String, Object> fixed,
        String rowDimension, String columnDimension, List<Header> rows, List<Header> columns,
        List<List<PublishedCell>> cells, List<PublishedCell> rowTotals, List<PublishedCell> columnTotals,
        PublishedCell total, List<String> notes) {

    public PublishedTable {
        fixed = fixed == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        cells = cells.stream().map(List::copyOf).toList();
        rowTotals = rowTotals == null ? null : List.copyOf(rowTotals);
        columnTotals = columnTotals == null ? null : List.copyOf(columnTotals);
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (cells.size() != rows.size()) {
            throw new IllegalArgumentException(table + ": " + cells.size() + " rows of cells for " + rows.size() + " rows");
        }
        for (List<PublishedCell> row : cells) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(table + ": a row of " + row.size() + " cells for "
                        + columns.size() + " columns");
            }
        }
    }

    /** The printed cell at (r, c), with r = rows.size() the column totals and c = columns.size() the row totals. */
    public PublishedCell at(int r, int c) {
        int nr = rows.size();
        int nc = columns.size();
        if (r < nr && c < nc) {
            return cells.get(r).get(c);
        }
        if (r < nr) {
            return rowTotals == null ? null : rowTotals.get(r);
        }
        if (c < nc) {
            return columnTotals == null ? null : columnTotals.get(c);
        }
        return total;
    }

    public String fixedYear() {
        Object fy = fixed.get("fy");
        return fy == null ? null : fy.toString();
    }

    public boolean fixedPartial() {
        return Boolean.TRUE.equals(fixed.get("partial"));
    }
}
