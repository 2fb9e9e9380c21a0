package org.cscstats.attack.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One table of one release, as read from {@code GET /v1/las/{la}/tables/{id}?release=}. {@code rowTotals},
 * {@code columnTotals} and {@code total} are null where the table prints none; {@code fixedYear} is null where
 * years are a row or column.
 */
public record ShownTable(String id, String measure, String title, String fixedYear, String rowDimension,
        String columnDimension, List<Header> rows, List<Header> columns, List<List<ShownCell>> cells,
        List<ShownCell> rowTotals, List<ShownCell> columnTotals, ShownCell total, List<String> notes) {

    public static ShownTable of(JsonNode t) {
        List<List<ShownCell>> cells = new ArrayList<>();
        t.path("cells").forEach(row -> cells.add(list(row)));
        List<String> notes = new ArrayList<>();
        t.path("notes").forEach(n -> notes.add(n.asText()));
        JsonNode fy = t.path("fixed").path("fy");
        return new ShownTable(t.path("table").asText(), t.path("measure").asText(), t.path("title").asText(),
                fy.isTextual() ? fy.asText() : null,
                t.path("rowDimension").isTextual() ? t.get("rowDimension").asText() : null,
                t.path("columnDimension").asText(), headers(t.path("rows")), headers(t.path("columns")), cells,
                t.hasNonNull("rowTotals") ? list(t.get("rowTotals")) : null,
                t.hasNonNull("columnTotals") ? list(t.get("columnTotals")) : null,
                t.hasNonNull("total") ? ShownCell.of(t.get("total")) : null, notes);
    }

    // Deliberately as PublishedTable.at: the attacker shares no code with the service, reads only what its API prints.
    /** The printed position (r, c); r = rows.size() is the column-totals row, c = columns.size() the row totals. */
    public ShownCell at(int r, int c) {
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

    public String rowLabel(int r) {
        return r < rows.size() ? rows.get(r).label() : "Total";
    }

    public String columnLabel(int c) {
        return c < columns.size() ? columns.get(c).label() : "Total";
    }

    private static List<ShownCell> list(JsonNode array) {
        List<ShownCell> out = new ArrayList<>();
        array.forEach(n -> out.add(ShownCell.of(n)));
        return out;
    }

    private static List<Header> headers(JsonNode array) {
        List<Header> out = new ArrayList<>();
        array.forEach(h -> out.add(new Header(h.path("code").asText(), h.path("label").asText())));
        return out;
    }
}
