package org.cscstats.suppression.protect;

import java.util.List;
import java.util.Map;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;

/**
 * The whole release as one system: the distinct unknowns behind every printed figure, the linear relations
 * between them a reader knows, the bounds an earlier release gave away, and which unknown each table position
 * prints. Built by {@link LinkedSystemBuilder}; holds true values, so it never leaves the service.
 */
public final class LinkedSystem {

    /** A table and, for each of its printed positions, the unknown it shows. */
    public record Binding(TableSpec spec, List<TableLayout.Slot> slots, int[] unknowns) {
    }

    private final List<Unknown> unknowns;
    private final List<Constraint> constraints;
    private final List<Binding> bindings;
    private final long[] priorLo;
    private final long[] priorHi;
    private final int[][] constraintsOf;
    private final long[] trueSlack;
    private final Map<String, Integer> byKey;
    private final boolean[] protectedBefore;

    LinkedSystem(List<Unknown> unknowns, List<Constraint> constraints, List<Binding> bindings, long[] priorLo,
            long[] priorHi, Map<String, Integer> byKey, boolean[] protectedBefore) {
        this.protectedBefore = protectedBefore;
        this.unknowns = List.copyOf(unknowns);
        this.constraints = List.copyOf(constraints);
        this.bindings = List.copyOf(bindings);
        this.priorLo = priorLo;
        this.priorHi = priorHi;
        this.byKey = Map.copyOf(byKey);
        int n = unknowns.size();
        int[] count = new int[n];
        for (Constraint c : constraints) {
            for (int v : c.vars()) {
                count[v]++;
            }
        }
        constraintsOf = new int[n][];
        for (int i = 0; i < n; i++) {
            constraintsOf[i] = new int[count[i]];
            count[i] = 0;
        }
        trueSlack = new long[constraints.size()];
        for (int k = 0; k < constraints.size(); k++) {
            Constraint c = constraints.get(k);
            long lhs = 0;
            for (int z = 0; z < c.vars().length; z++) {
                int v = c.vars()[z];
                constraintsOf[v][count[v]++] = k;
                lhs += (long) c.coefs()[z] * unknowns.get(v).value();
            }
            trueSlack[k] = c.rhs() - lhs;
        }
    }

    public List<Unknown> unknowns() {
        return unknowns;
    }

    public Unknown unknown(int i) {
        return unknowns.get(i);
    }

    public int size() {
        return unknowns.size();
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    public List<Binding> bindings() {
        return bindings;
    }

    /** Indices of the constraints in which unknown {@code i} appears, ascending. */
    public int[] constraintsOf(int i) {
        return constraintsOf[i];
    }

    /** rhs − lhs at the true values: 0 for equalities, ≥ 0 for ≤, ≤ 0 for ≥. */
    public long trueSlack(int k) {
        return trueSlack[k];
    }

    /** The bounds an earlier release already gives on unknown i ([0, MAX] if none). */
    public long priorLo(int i) {
        return priorLo[i];
    }

    public long priorHi(int i) {
        return priorHi[i];
    }

    /** A small count an earlier release withheld: it must stay protected even if this release does not print it. */
    public boolean protectedBefore(int i) {
        return protectedBefore[i];
    }

    public Integer indexOf(String key) {
        return byKey.get(key);
    }
}
