package org.cscstats.attack.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;

/**
 * Which breakdowns of each (measure, year) the model carries: those some release prints a cell of, and the total.
 * A breakdown no table prints adds nothing an attacker can use (all of it could sit in one code), and
 * {@code ethnic-group} is the sum of its ethnicities, so leaving such breakdowns out loses no inference.
 */
final class CubeShape {
    private final Map<Measure, Map<String, Set<List<Dimension>>>> breakdowns = new HashMap<>();
    private final Map<Integer, Set<String>> yearsOfRelease = new HashMap<>();

    void printed(int release, Cell cell) {
        List<Dimension> b = breakdownOf(cell);
        breakdowns.computeIfAbsent(cell.measure(), m -> new HashMap<>())
                .computeIfAbsent(cell.fy(), y -> new LinkedHashSet<>(List.<List<Dimension>>of(List.of()))).add(b);
        yearsOfRelease.computeIfAbsent(release, r -> new TreeSet<>()).add(cell.fy());
    }

    /** The years a release shows anything of, oldest first. */
    Set<String> years(int release) {
        return yearsOfRelease.getOrDefault(release, Set.of());
    }

    Set<Measure> measures() {
        return breakdowns.keySet();
    }

    /** The breakdowns carried for the measure in the year (total first), empty if no release prints it. */
    List<List<Dimension>> of(Measure m, String fy) {
        Set<List<Dimension>> b = breakdowns.getOrDefault(m, Map.of()).get(fy);
        if (b == null) {
            return List.of();
        }
        List<List<Dimension>> out = new ArrayList<>();
        for (List<Dimension> canonical : m.breakdowns()) {
            if (b.contains(canonical)) {
                out.add(canonical);
            }
        }
        return out;
    }

    boolean carries(Measure m, String fy, List<Dimension> breakdown) {
        return of(m, fy).contains(breakdown);
    }

    static List<Dimension> breakdownOf(Cell cell) {
        Set<Dimension> dims = new LinkedHashSet<>();
        for (String id : CellKey.parse(cell.key()).keySet()) {
            dims.add(Dimension.byId(id));
        }
        return Breakdowns.of(cell.measure(), dims);
    }
}
