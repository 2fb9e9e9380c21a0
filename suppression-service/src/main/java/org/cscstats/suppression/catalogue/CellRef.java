package org.cscstats.suppression.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;

/**
 * One cell of one cube: measure, financial year label ({@code 2023/24}) and canonical {@link CellKey}. Two tables
 * showing the same CellRef show the same underlying figure.
 */
public record CellRef(Measure measure, String fy, String cellKey) implements Comparable<CellRef> {

    /** The cell for one code per dimension, keyed in the order of the measure's matching breakdown. */
    public static CellRef of(Measure measure, String fy, Map<Dimension, String> codes) {
        List<Dimension> order = breakdown(measure, codes.keySet());
        List<String> values = new ArrayList<>(order.size());
        for (Dimension d : order) {
            values.add(codes.get(d));
        }
        return new CellRef(measure, fy, CellKey.of(order, values));
    }

    public static CellRef total(Measure measure, String fy) {
        return new CellRef(measure, fy, CellKey.TOTAL);
    }

    /** The measure's breakdown over exactly these dimensions (in its canonical order). */
    public static List<Dimension> breakdown(Measure measure, Set<Dimension> dims) {
        for (List<Dimension> b : measure.breakdowns()) {
            if (b.size() == dims.size() && dims.containsAll(b)) {
                return b;
            }
        }
        throw new IllegalArgumentException(measure.id() + " has no breakdown by " + dims);
    }

    public String key() {
        return measure.id() + "|" + fy + "|" + cellKey;
    }

    @Override
    public int compareTo(CellRef o) {
        return key().compareTo(o.key());
    }

    @Override
    public String toString() {
        return key();
    }
}
