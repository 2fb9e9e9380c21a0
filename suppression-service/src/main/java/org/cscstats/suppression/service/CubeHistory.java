package org.cscstats.suppression.service;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;
import org.cscstats.suppression.audit.ReleaseHistory;
import org.cscstats.suppression.catalogue.CellRef;
import org.cscstats.suppression.protect.CubeValues;

/**
 * Which figures changed between releases, from the input cubes each release stored: what the audit needs to apply
 * the carry-over rule (docs/disclosure.md › The attacker, rule 5). Labels name the first release with the same
 * value, never the value.
 */
public final class CubeHistory implements ReleaseHistory {
    private final List<CubeValues> releases;

    /** @param releases each release's input cubes, oldest first (the release being made last) */
    public CubeHistory(List<CubeValues> releases) {
        this.releases = List.copyOf(releases);
    }

    /** How many releases, the one being made included. */
    public int releases() {
        return releases.size();
    }

    @Override
    public String version(int release, String measure, String fy, Map<String, String> codes) {
        long v = value(release, measure, fy, codes);
        for (int q = 0; q < release; q++) {
            if (value(q, measure, fy, codes) == v) {
                return "v" + q;
            }
        }
        return "v" + release;
    }

    @Override
    public boolean grew(int earlier, int later, String measure, String fy, Map<String, String> codes) {
        return value(later, measure, fy, codes) > value(earlier, measure, fy, codes);
    }

    private long value(int release, String measure, String fy, Map<String, String> codes) {
        Map<Dimension, String> dims = new EnumMap<>(Dimension.class);
        codes.forEach((d, c) -> dims.put(Dimension.byId(d), c));
        return releases.get(release).value(CellRef.of(Measure.byId(measure), fy, dims));
    }
}
