package org.cscstats.stats.model;

/** A cube: one measure for one LA and financial year. */
public record CubeRef(String la, String measure, String fy) {
}
