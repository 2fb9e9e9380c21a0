package org.cscstats.suppression.protect;

import java.util.ArrayDeque;
import java.util.List;
import org.cscstats.contract.Relation;

/**
 * Bound propagation through linear constraints: each constraint bounds each of its variables by the others'
 * bounds. Cheap, and what it derives the attacker derives too (it is a relaxation of the LP, so LP intervals lie
 * within propagated bounds). Used to cap what any pattern can give a cell and to reject unneeded work early.
 */
final class BoundPropagation {
    private static final double INF = Double.POSITIVE_INFINITY;
    /** A bound moves only by more than this: floating point alone must not keep propagation going. */
    private static final double TIGHTER = 1e-9;

    private BoundPropagation() {
    }

    /** Sweeps every constraint until no bound moves (or {@code maxSweeps}). */
    static void toFixedPoint(List<Constraint> cs, double[] l, double[] h, int maxSweeps) {
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            boolean changed = false;
            for (Constraint c : cs) {
                changed |= tighten(c, l, h);
            }
            if (!changed) {
                return;
            }
        }
    }

    /** Propagates from a change to unknown {@code u}'s bounds, constraint by constraint (bounded work). */
    static void fromChange(LinkedSystem sys, int u, double[] l, double[] h) {
        List<Constraint> cs = sys.constraints();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        boolean[] queued = new boolean[cs.size()];
        for (int k : sys.constraintsOf(u)) {
            queue.add(k);
            queued[k] = true;
        }
        int budget = 20 * cs.size();
        while (!queue.isEmpty() && budget-- > 0) {
            int k = queue.poll();
            queued[k] = false;
            Constraint c = cs.get(k);
            if (tighten(c, l, h)) {
                for (int v : c.vars()) {
                    for (int k2 : sys.constraintsOf(v)) {
                        if (!queued[k2]) {
                            queued[k2] = true;
                            queue.add(k2);
                        }
                    }
                }
            }
        }
    }

    /**
     * Which unknowns the attacker knows exactly: those with a single-point range, and, repeatedly, the last
     * unknown left in an equality whose other terms are all known.
     */
    static boolean[] pinned(LinkedSystem sys, long[] lo, long[] hi) {
        int n = sys.size();
        boolean[] pinned = new boolean[n];
        for (int u = 0; u < n; u++) {
            pinned[u] = lo[u] == hi[u];
        }
        List<Constraint> cs = sys.constraints();
        int[] open = new int[cs.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < cs.size(); k++) {
            if (cs.get(k).sense() == Relation.Sense.EQ) {
                for (int u : cs.get(k).vars()) {
                    open[k] += pinned[u] ? 0 : 1;
                }
                if (open[k] == 1) {
                    queue.add(k);
                }
            }
        }
        while (!queue.isEmpty()) {
            int k = queue.poll();
            if (open[k] != 1) {
                continue;
            }
            for (int u : cs.get(k).vars()) {
                if (!pinned[u]) {
                    pinned[u] = true;
                    for (int k2 : sys.constraintsOf(u)) {
                        if (cs.get(k2).sense() == Relation.Sense.EQ && --open[k2] == 1) {
                            queue.add(k2);
                        }
                    }
                }
            }
        }
        return pinned;
    }

    /** One propagation step over a constraint; true if some bound moved. */
    static boolean tighten(Constraint c, double[] l, double[] h) {
        double minSum = 0;
        double maxSum = 0;
        int minInf = 0;
        int maxInf = 0;
        int[] vs = c.vars();
        int[] as = c.coefs();
        for (int k = 0; k < vs.length; k++) {
            double a = as[k];
            double lo = a > 0 ? a * l[vs[k]] : a * h[vs[k]];
            double hi = a > 0 ? a * h[vs[k]] : a * l[vs[k]];
            if (Double.isInfinite(lo)) {
                minInf++;
            } else {
                minSum += lo;
            }
            if (Double.isInfinite(hi)) {
                maxInf++;
            } else {
                maxSum += hi;
            }
        }
        boolean changed = false;
        boolean upper = c.sense() != Relation.Sense.GE; // Σ ≤ rhs holds
        boolean lower = c.sense() != Relation.Sense.LE; // Σ ≥ rhs holds
        for (int k = 0; k < vs.length; k++) {
            double a = as[k];
            int u = vs[k];
            double myLo = a > 0 ? a * l[u] : a * h[u];
            double myHi = a > 0 ? a * h[u] : a * l[u];
            // a·x ≤ rhs − (least the others can be); a·x ≥ rhs − (most the others can be)
            double othersMin = Double.isInfinite(myLo) ? (minInf == 1 ? minSum : -INF)
                    : (minInf == 0 ? minSum - myLo : -INF);
            double othersMax = Double.isInfinite(myHi) ? (maxInf == 1 ? maxSum : INF)
                    : (maxInf == 0 ? maxSum - myHi : INF);
            double axHi = upper && othersMin != -INF ? c.rhs() - othersMin : INF;
            double axLo = lower && othersMax != INF ? c.rhs() - othersMax : -INF;
            double newLo = a > 0 ? axLo / a : axHi / a;
            double newHi = a > 0 ? axHi / a : axLo / a;
            if (newLo > l[u] + TIGHTER) {
                l[u] = newLo;
                changed = true;
            }
            if (newHi < h[u] - TIGHTER) {
                h[u] = newHi;
                changed = true;
            }
        }
        return changed;
    }
}
