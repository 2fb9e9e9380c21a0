package org.cscstats.attack.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.attack.api.PolicyView;
import org.cscstats.attack.api.ShownCell;
import org.cscstats.attack.api.ShownTable;

/**
 * What one release's printed positions state (docs/disclosure.md › The attacker, 3): a printed number is exact (or its
 * rounding range); the primary symbol, where it differs from the secondary one, is 1..t−1 (0..t−1 with zeros
 * withheld); any other symbol only ≥ 0. Notes add their claims as beliefs. Every withheld position is a target.
 */
final class Displays {
    private final VariableSpace vars;
    private final List<Constraint> constraints = new ArrayList<>();
    private final Map<String, TargetBuilder> targets = new LinkedHashMap<>();

    private record TargetBuilder(int release, int[] variables, List<Position> positions, String display) {
    }

    Displays(VariableSpace vars) {
        this.vars = vars;
    }

    void read(int release, ShownTable table, PolicyView policy, List<NoteBound> notes) {
        int nr = table.rows().size();
        int nc = table.columns().size();
        for (int r = 0; r <= nr; r++) {
            for (int c = 0; c <= nc; c++) {
                ShownCell shown = table.at(r, c);
                if (shown == null) {
                    continue;
                }
                int[] v = TableCells.at(table, r, c).stream().mapToInt(cell -> vars.of(release, cell)).toArray();
                int[] ones = new int[v.length];
                Arrays.fill(ones, 1);
                Position where = TableCells.position(table, r, c);
                if (!shown.suppressed()) {
                    constraints.add(printed(v, ones, shown.value(), policy, where));
                    continue;
                }
                if (policy.primaryStatesRange() && shown.display().equals(policy.primarySymbol())) {
                    constraints.add(Constraint.between(v, ones, policy.primaryMin(), policy.primaryMax(),
                            Constraint.Kind.DISPLAY, "shown " + shown.display() + ": " + where));
                }
                for (NoteBound n : notes) {
                    if (n.beyondSpec() && (n.symbol().equals("*") || n.symbol().equals(shown.display()))) {
                        constraints.add(Constraint.between(v, ones, n.lower(), n.upper(), Constraint.Kind.NOTE,
                                "note on " + n.symbol() + ": " + where));
                    }
                }
                int[] sorted = v.clone();
                Arrays.sort(sorted);
                targets.computeIfAbsent(release + ":" + Arrays.toString(sorted),
                        k -> new TargetBuilder(release, sorted, new ArrayList<>(), shown.display())).positions().add(where);
            }
        }
    }

    private static Constraint printed(int[] v, int[] ones, BigDecimal value, PolicyView policy, Position where) {
        long n = value.setScale(0, RoundingMode.HALF_UP).longValueExact();
        long lo = n;
        long hi = n;
        if (policy.rounding() != null) {
            lo = Math.max(0, n - policy.rounding() / 2);
            hi = n + (policy.rounding() + 1) / 2 - 1;
        }
        return Constraint.between(v, ones, lo, hi, Constraint.Kind.DISPLAY, "printed " + value + ": " + where);
    }

    List<Constraint> constraints() {
        return constraints;
    }

    List<Target> targets() {
        return targets.values().stream().map(t -> new Target(t.release(), t.variables(), t.positions(), t.display()))
                .toList();
    }
}
