package org.cscstats.stats.counting;

/**
 * One cell of one cube of an LA: measure id, financial-year label ({@code 2023/24}) and {@link
 * org.cscstats.contract.CellKey} ({@code ""} for the total). Contributions, deltas and aggregates are keyed by it.
 */
public record CubeCell(String measure, String fy, String cell) {

    public CubeId cube() {
        return new CubeId(measure, fy);
    }
}
