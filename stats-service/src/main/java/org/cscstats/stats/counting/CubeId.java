package org.cscstats.stats.counting;

/** One cube of an LA: a measure id and a financial-year label. */
public record CubeId(String measure, String fy) {
}
