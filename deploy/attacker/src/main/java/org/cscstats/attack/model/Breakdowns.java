package org.cscstats.attack.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Code;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;

/** The published shape of each measure's cube (docs/measures.md › The measures): its breakdowns, and the cells of each. */
final class Breakdowns {
    private Breakdowns() {
    }

    /** The measure's breakdown over exactly these dimensions, in its canonical order. */
    static List<Dimension> of(Measure measure, Set<Dimension> dims) {
        for (List<Dimension> b : measure.breakdowns()) {
            if (b.size() == dims.size() && dims.containsAll(b)) {
                return b;
            }
        }
        throw new IllegalArgumentException(measure.id() + " has no breakdown by " + dims);
    }

    static String key(List<Dimension> breakdown, Map<Dimension, String> codes) {
        List<String> values = new ArrayList<>();
        for (Dimension d : breakdown) {
            values.add(codes.get(d));
        }
        return CellKey.of(breakdown, values);
    }

    /** Every cell key of a breakdown: one per code (or pair of codes), in code-list order. */
    static List<String> keys(List<Dimension> breakdown) {
        List<String> out = new ArrayList<>();
        if (breakdown.isEmpty()) {
            out.add(CellKey.TOTAL);
        } else if (breakdown.size() == 1) {
            for (Code c : breakdown.get(0).codes()) {
                out.add(CellKey.of(breakdown.get(0), c.code()));
            }
        } else {
            for (Code a : breakdown.get(0).codes()) {
                for (Code b : breakdown.get(1).codes()) {
                    out.add(CellKey.of(breakdown.get(0), a.code(), breakdown.get(1), b.code()));
                }
            }
        }
        return out;
    }
}
