package org.cscstats.suppression.protect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.CellRef;

/** The cubes of one LA, looked up by cell; absent cubes and cells are 0. */
public final class CubeValues {
    private final Map<String, Cube> byMeasureYear = new HashMap<>();

    public CubeValues(Collection<Cube> cubes) {
        for (Cube c : cubes) {
            byMeasureYear.put(c.measure() + "|" + c.fy(), c);
        }
    }

    public long value(CellRef ref) {
        Cube c = byMeasureYear.get(ref.measure().id() + "|" + ref.fy());
        return c == null ? 0 : c.cell(ref.cellKey());
    }

    public Cube cube(String measure, String fy) {
        return byMeasureYear.get(measure + "|" + fy);
    }
}
