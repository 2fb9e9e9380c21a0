package org.cscstats.attack.solve;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.attack.model.Constraint;

/**
 * Fixes what the hard constraints pin by propagation (a printed figure; a sum with all parts but one known) and
 * keeps the rest with the known values moved to the bounds, so that the solver sees small components of unknowns.
 * A belief (growth, a note) that the known values already contradict is dropped: the attacker sees it fail.
 */
final class Presolve {
    final long[] lower;
    final long[] upper;
    final List<Constraint> remaining = new ArrayList<>();
    final List<Constraint> contradictions = new ArrayList<>();
    int beliefsDropped;

    Presolve(int n, List<Constraint> constraints, long cap) {
        lower = new long[n];
        upper = new long[n];
        java.util.Arrays.fill(upper, cap);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Constraint c : constraints) {
                if (!c.kind().belief() && tighten(c)) {
                    changed = true;
                }
            }
        }
        for (Constraint c : constraints) {
            long shift = 0;
            int free = 0;
            for (int i = 0; i < c.variables().length; i++) {
                int v = c.variables()[i];
                if (fixed(v)) {
                    shift += c.coefficients()[i] * lower[v];
                } else {
                    free++;
                }
            }
            if (free == 0) {
                if (shift < c.lower() || shift > c.upper()) {
                    if (c.kind().belief()) {
                        beliefsDropped++;
                    } else {
                        contradictions.add(c);
                    }
                }
            } else if (c.kind().belief() || free > 1) {
                remaining.add(c);
            }
        }
    }

    boolean fixed(int v) {
        return lower[v] == upper[v];
    }

    /** Bounds one unknown of a hard constraint whose other variables are all fixed; true if a bound moved. */
    private boolean tighten(Constraint c) {
        long shift = 0;
        int only = -1;
        int coef = 0;
        for (int i = 0; i < c.variables().length; i++) {
            int v = c.variables()[i];
            if (fixed(v)) {
                shift += c.coefficients()[i] * lower[v];
            } else if (only >= 0 && only != v) {
                return false;
            } else {
                only = v;
                coef += c.coefficients()[i];
            }
        }
        if (only < 0 || coef == 0) {
            return false;
        }
        long lo = c.lower() == Constraint.OPEN_BELOW ? Long.MIN_VALUE : c.lower() - shift;
        long hi = c.upper() == Constraint.OPEN_ABOVE ? Long.MAX_VALUE : c.upper() - shift;
        if (coef < 0) {
            long t = lo == Long.MIN_VALUE ? Long.MAX_VALUE : -lo;
            lo = hi == Long.MAX_VALUE ? Long.MIN_VALUE : -hi;
            hi = t;
            coef = -coef;
        }
        long newLo = lo == Long.MIN_VALUE ? lower[only] : Math.max(lower[only], Math.floorDiv(lo + coef - 1, coef));
        long newHi = hi == Long.MAX_VALUE ? upper[only] : Math.min(upper[only], Math.floorDiv(hi, coef));
        if (newLo > newHi) {
            contradictions.add(c);
            return false;
        }
        boolean moved = newLo != lower[only] || newHi != upper[only];
        lower[only] = newLo;
        upper[only] = newHi;
        return moved;
    }
}
