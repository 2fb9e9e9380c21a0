package org.cscstats.attack.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cscstats.attack.model.Constraint;

/**
 * Fixes what the hard constraints pin by propagation (a printed figure; a sum with all parts but one known) and
 * keeps the rest with the known values moved to the bounds, so that the solver sees small components of unknowns.
 * A belief (growth, a note) that the known values already contradict is dropped: the attacker sees it fail.
 */
final class Presolve {
    /** Propagation passes; each is linear in the constraints, and bounds settle in a few. */
    private static final int MAX_PASSES = 60;
    final long[] lower;
    final long[] upper;
    final List<Constraint> remaining = new ArrayList<>();
    final List<Constraint> contradictions = new ArrayList<>();
    int beliefsDropped;

    Presolve(int n, List<Constraint> constraints, long cap) {
        lower = new long[n];
        upper = new long[n];
        Arrays.fill(upper, cap);
        boolean changed = true;
        for (int pass = 0; changed && pass < MAX_PASSES; pass++) {
            changed = false;
            for (Constraint c : constraints) {
                if (!c.kind().belief() && propagate(c)) {
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
            } else if (c.kind().belief() && conflictsWithBounds(c)) {
                beliefsDropped++;
            } else {
                remaining.add(c);
            }
        }
    }

    /** A belief the hard bounds already rule out (e.g. printed 6, later shown 1..4). */
    private boolean conflictsWithBounds(Constraint c) {
        long min = 0;
        long max = 0;
        for (int i = 0; i < c.variables().length; i++) {
            long a = c.coefficients()[i];
            int v = c.variables()[i];
            min += Math.min(a * lower[v], a * upper[v]);
            max += Math.max(a * lower[v], a * upper[v]);
        }
        return max < c.lower() || min > c.upper();
    }

    boolean fixed(int v) {
        return lower[v] == upper[v];
    }

    /**
     * Interval propagation: each variable of {@code lower ≤ Σ a·x ≤ upper} is bounded by what the others' bounds
     * leave. Only implied bounds, so nothing an attacker could not derive; true if a bound moved.
     */
    private boolean propagate(Constraint c) {
        long min = 0;
        long max = 0;
        int[] v = c.variables();
        int[] a = c.coefficients();
        for (int i = 0; i < v.length; i++) {
            min += Math.min(a[i] * lower[v[i]], a[i] * upper[v[i]]);
            max += Math.max(a[i] * lower[v[i]], a[i] * upper[v[i]]);
        }
        if ((c.upper() != Constraint.OPEN_ABOVE && min > c.upper()) || (c.lower() != Constraint.OPEN_BELOW && max < c.lower())) {
            if (!contradictions.contains(c)) {
                contradictions.add(c);
            }
            return false;
        }
        boolean moved = false;
        for (int i = 0; i < v.length; i++) {
            if (fixed(v[i])) {
                continue;
            }
            long own = a[i];
            long othersMin = min - Math.min(own * lower[v[i]], own * upper[v[i]]);
            long othersMax = max - Math.max(own * lower[v[i]], own * upper[v[i]]);
            // own·x ≥ lower − othersMax and own·x ≤ upper − othersMin
            long lo = lower[v[i]];
            long hi = upper[v[i]];
            if (own > 0) {
                if (c.lower() != Constraint.OPEN_BELOW) {
                    lo = Math.max(lo, Math.floorDiv(c.lower() - othersMax + own - 1, own));
                }
                if (c.upper() != Constraint.OPEN_ABOVE) {
                    hi = Math.min(hi, Math.floorDiv(c.upper() - othersMin, own));
                }
            } else {
                long n = -own;
                if (c.lower() != Constraint.OPEN_BELOW) {
                    hi = Math.min(hi, Math.floorDiv(othersMax - c.lower(), n));
                }
                if (c.upper() != Constraint.OPEN_ABOVE) {
                    lo = Math.max(lo, Math.floorDiv(othersMin - c.upper() + n - 1, n));
                }
            }
            if (lo > hi) {
                if (!contradictions.contains(c)) {
                    contradictions.add(c);
                }
                return moved;
            }
            if (lo != lower[v[i]] || hi != upper[v[i]]) {
                moved = true;
                // keep min and max in step with the new bounds
                min += Math.min(own * lo, own * hi) - Math.min(own * lower[v[i]], own * upper[v[i]]);
                max += Math.max(own * lo, own * hi) - Math.max(own * lower[v[i]], own * upper[v[i]]);
                lower[v[i]] = lo;
                upper[v[i]] = hi;
            }
        }
        return moved;
    }
}
