package org.cscstats.contract;

import java.util.Map;

/**
 * One measure for one LA and financial year, all its cells: what the stats service maintains and hands on
 * over the compacted {@link Topics#CUBES} topic (key {@link #key()}). Absent cells are 0. {@code version}
 * increases with every change; {@code partial} marks the year in progress.
 */
public record Cube(String la, String measure, String fy, boolean partial, long version, Map<String, Long> cells) {

    public Cube {
        cells = Map.copyOf(cells);
    }

    public String key() {
        return key(la, measure, fy);
    }

    public long cell(String cellKey) {
        return cells.getOrDefault(cellKey, 0L);
    }

    public long total() {
        return cell(CellKey.TOTAL);
    }

    public static String key(String la, String measure, String fy) {
        return la + "|" + measure + "|" + fy;
    }
}
