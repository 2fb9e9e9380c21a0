package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.cscstats.suppression.policy.Policy;

/**
 * Chooses secondary suppressions for a whole {@link LinkedSystem} so that, for every primary cell, the interval
 * an LP attacker can derive (all printed figures, all relations, all symbol and rounding bounds, what an earlier
 * release said; integrality relaxed) is at least {@code p} wide, or as wide as any pattern could make it.
 *
 * <p>Each primary cell x needs the interval [v − D, v + U], D = min(v − lo, p), U = p − D (lo the symbol's lower
 * bound): under the default p the whole range of its symbol. Bound propagation with every figure withheld first
 * caps this at what any pattern could give (a total of two withheld cells, each at least 1, is at least 2); such
 * cells are reported as limited. Each direction then needs a witness, a feasible point with x moved that far: an
 * existing witness if one moves x enough; else a small LP over what is already withheld; else a repair LP that may
 * also move printed cells near x, at a cost (interior before margins before grand totals; fewer cells, then
 * smaller values), withholding those it moves. Withholding more never breaks a witness, so one pass protects
 * every cell. A last pass re-publishes each secondary cell, costliest first, wherever every witness can be
 * re-found without it: the pattern is locally minimal. Everything runs in index order: the same system always
 * gives the same pattern.
 */
public final class Protector {

    /** The pattern chosen: a status per unknown, and the primary cells that could not be protected (fully). */
    public record Result(Status[] status, List<Integer> unprotectable, List<Integer> limited, int lpSolves,
            int secondaryAdded, int secondaryRemoved) {
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final int NEEDED = -1;
    private static final int NOT_NEEDED = -2;

    private final LinkedSystem sys;
    private final Policy policy;
    private final AttackerBounds bounds;
    private final PerturbationSolver solver;
    private final Neighbourhoods near;
    private final Status[] status;
    /** The attacker's bounds on each unknown under the current pattern. */
    private final long[] lo;
    private final long[] hi;
    /** Known exactly to the attacker: printed, or pinned by an equality whose other terms are all known. */
    private boolean[] pinned;
    private final List<Witness> witnesses = new ArrayList<>();
    /** Per primary cell and direction (down, up): index of its witness, or NEEDED / NOT_NEEDED. */
    private final int[][] witnessOf;
    private final double[][] need;
    private final List<Integer> unprotectable = new ArrayList<>();
    private final TreeSet<Integer> limited = new TreeSet<>();
    private final List<Integer> secondaries = new ArrayList<>();
    private final double baseCost;

    private Protector(LinkedSystem sys, Policy policy, Escalation escalation) {
        this.sys = sys;
        this.policy = policy;
        this.bounds = new AttackerBounds(policy, sys);
        this.solver = new PerturbationSolver(sys);
        this.near = new Neighbourhoods(sys);
        int n = sys.size();
        status = new Status[n];
        lo = new long[n];
        hi = new long[n];
        witnessOf = new int[n][];
        need = new double[n][];
        long maxV = 0;
        boolean[] dominant = GroupDisclosure.dominant(sys, policy.groupDisclosure(), policy.threshold());
        for (Unknown u : sys.unknowns()) {
            int i = u.index();
            if (!u.published()) {
                // Not printed now; a small count an earlier release withheld must still be protected.
                status[i] = sys.protectedBefore(i) ? Status.PROTECTED_BEFORE : Status.UNPUBLISHED;
            } else if (policy.isPrimary(u.value())) {
                status[i] = escalation.hidden().contains(u.key()) ? Status.PRIMARY_HIDDEN : Status.PRIMARY;
            } else if (dominant[i]) {
                // Not small, but it tells its row or column of each child in it: protected as a small count, as [c].
                status[i] = Status.PRIMARY_HIDDEN;
            } else {
                // Forced by an escalation (the audit found a pattern too narrow): never re-published by minimise.
                status[i] = escalation.withheld().contains(u.key()) ? Status.SECONDARY : Status.PUBLISHED;
                maxV = Math.max(maxV, u.value());
            }
            refresh(i);
        }
        // Ten times the largest value: a cell more always costs more than any difference in values.
        baseCost = 10.0 * maxV + 10;
        pinned = BoundPropagation.pinned(sys, lo, hi);
    }

    /**
     * Cells an escalation forces (by unknown key): primary cells to show as the secondary symbol, printed cells to
     * withhold. {@link #NONE} for a first attempt.
     */
    public record Escalation(java.util.Set<String> hidden, java.util.Set<String> withheld) {
        public static final Escalation NONE = new Escalation(java.util.Set.of(), java.util.Set.of());

        public Escalation {
            hidden = java.util.Set.copyOf(hidden);
            withheld = java.util.Set.copyOf(withheld);
        }
    }

    public static Result run(LinkedSystem sys, Policy policy) {
        return run(sys, policy, Escalation.NONE);
    }

    public static Result run(LinkedSystem sys, Policy policy, Escalation escalation) {
        return new Protector(sys, policy, escalation).protect();
    }

    private Result protect() {
        double[][] attain = hideWhereTheSymbolGivesItAway();
        for (int x = 0; x < sys.size(); x++) {
            if (status[x].needsProtection()) {
                requirement(x, attain[0], attain[1]);
            }
        }
        for (int x = 0; x < sys.size(); x++) {
            if (status[x].needsProtection() && need[x] != null) {
                for (int dir = 0; dir < 2; dir++) {
                    if (witnessOf[x][dir] == NEEDED && !ensure(x, dir) && witnessOf[x][dir] != NOT_NEEDED) {
                        unprotectable.add(x);
                        break;
                    }
                }
            }
        }
        int added = secondaries.size();
        int removed = minimise();
        return new Result(status.clone(), List.copyOf(unprotectable), List.copyOf(limited), solver.solves, added,
                removed);
    }

    /**
     * A primary cell whose symbol's own range cannot give it p, even with every other figure withheld (a {@code <5}
     * whose only room is 1..3, say), is shown as the secondary symbol instead, which states no bound. Necessary,
     * so the pattern stays locally minimal. Returns the attainable bounds under the final symbols.
     */
    private double[][] hideWhereTheSymbolGivesItAway() {
        double[][] attain = attainable();
        if (!policy.symbolsDistinct()) {
            return attain;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int x = 0; x < sys.size(); x++) {
                if (status[x] == Status.PRIMARY && attainableWidth(x, attain) < policy.protection() - WIDTH_TOLERANCE) {
                    status[x] = Status.PRIMARY_HIDDEN;
                    refresh(x);
                    changed = true;
                }
            }
            if (changed) {
                repin();
                attain = attainable();
            }
        }
        return attain;
    }

    private double attainableWidth(int x, double[][] attain) {
        long v = sys.unknown(x).value();
        double down = Math.max(0, Math.min(v - Math.max(lo[x], attain[0][x]), policy.protection()));
        double up = Math.max(0, Math.min(policy.protection() - down, Math.min(attain[1][x], hiOf(x)) - v));
        return down + up;
    }

    /** Widths this much short of p are still p: the LP's own rounding. */
    private static final double WIDTH_TOLERANCE = 1e-9;
    /** A reach below this is none: the cell cannot be moved that way at all. */
    private static final double NO_REACH = 1e-6;
    /** How far short of its reach a limited cell is protected, so LP rounding cannot make the repair infeasible. */
    private static final double REACH_SHORTFALL = 1e-7;

    private void refresh(int u) {
        lo[u] = bounds.lo(u, status[u]);
        hi[u] = bounds.hi(u, status[u]);
    }

    private void repin() {
        pinned = BoundPropagation.pinned(sys, lo, hi);
    }

    private double hiOf(int u) {
        return hi[u] == AttackerBounds.NONE ? INF : hi[u];
    }

    // ---- what each primary cell needs ----

    /**
     * The deviations x needs downwards (need[x][0] ≤ 0) and upwards (need[x][1] ≥ 0): p in all, downwards first,
     * within what any pattern could give. A cell that cannot get p even then is limited: it gets as much as
     * propagation allows, less if an LP later shows less is possible.
     */
    private void requirement(int x, double[] attainLo, double[] attainHi) {
        long v = sys.unknown(x).value();
        if (hi[x] != AttackerBounds.NONE
                && v + policy.protection() - Math.min(v - lo[x], policy.protection()) > hi[x]) {
            // An earlier release already narrowed this cell below p: nothing withheld now can widen it.
            unprotectable.add(x);
            return;
        }
        double down = Math.max(0, Math.min(v - Math.max(lo[x], attainLo[x]), policy.protection()));
        double up = Math.max(0, Math.min(policy.protection() - down, attainHi[x] - v));
        if (down + up < policy.protection() - WIDTH_TOLERANCE) {
            limited.add(x);
        }
        need[x] = new double[] {-down, up};
        witnessOf[x] = new int[] {down < WIDTH_TOLERANCE ? NOT_NEEDED : NEEDED,
            up < WIDTH_TOLERANCE ? NOT_NEEDED : NEEDED};
    }

    /** Bounds implied if every non-zero printed figure were withheld: they contain any pattern's intervals. */
    private double[][] attainable() {
        int n = sys.size();
        double[] l = new double[n];
        double[] h = new double[n];
        for (int u = 0; u < n; u++) {
            Status s = candidate(u) ? Status.SECONDARY : status[u];
            l[u] = bounds.lo(u, s);
            long hb = bounds.hi(u, s);
            h[u] = hb == AttackerBounds.NONE ? INF : hb;
        }
        BoundPropagation.toFixedPoint(sys.constraints(), l, h, 30);
        return new double[][] {l, h};
    }

    // ---- witnesses ----

    private boolean ensure(int x, int dir) {
        int reuse = findWitness(x, dir);
        if (reuse >= 0) {
            witnessOf[x][dir] = reuse;
            return true;
        }
        Witness w = attack(x, need[x][dir]);
        if (w == null) {
            w = repair(x, need[x][dir]);
        }
        if (w == null) {
            w = limit(x, dir);
        }
        if (w == null) {
            return false;
        }
        witnesses.add(w);
        witnessOf[x][dir] = witnesses.size() - 1;
        return true;
    }

    private boolean satisfies(Witness w, int x, int dir) {
        double d = w.dev(x);
        return dir == 0 ? d <= need[x][0] + Witness.EPS : d >= need[x][1] - Witness.EPS;
    }

    private int findWitness(int x, int dir) {
        for (int i = 0; i < witnesses.size(); i++) {
            Witness w = witnesses.get(i);
            if (satisfies(w, x, dir) && valid(w)) {
                return i;
            }
        }
        return -1;
    }

    /** A witness stays valid while every unknown it moves may still move that far. */
    private boolean valid(Witness w) {
        for (int k = 0; k < w.vars().length; k++) {
            if (!within(w.vars()[k], w.dev()[k])) {
                return false;
            }
        }
        return true;
    }

    private boolean within(int u, double dev) {
        long v = sys.unknown(u).value();
        return dev >= lo[u] - v - Witness.EPS && dev <= hiOf(u) - v + Witness.EPS;
    }

    /**
     * A witness among what the attacker already cannot rule out: first within the tables printing x (most
     * witnesses are local, and that LP is small), then over everything linked to x through withheld cells (with
     * rounding every printed figure is free, so a wider neighbourhood stands in for that).
     */
    private Witness attack(int x, double tau) {
        if (pinned[x]) {
            return null;
        }
        int[] local = near.scope(x, 1, this::open, null);
        int[] all = policy.rounding() == null ? near.component(x, this::open)
                : near.scope(x, 2, this::open, null);
        if (local != null && (all == null || local.length < all.length)) {
            Witness w = solver.solve(x, tau, asIs(local));
            if (w != null) {
                return w;
            }
        }
        return all == null ? null : solver.solve(x, tau, asIs(all));
    }

    /** A witness that may also move printed cells, which are then withheld; neighbourhoods widen in turn. */
    private Witness repair(int x, double tau) {
        for (int level = 1; level <= Neighbourhoods.LEVELS; level++) {
            int[] scope = repairScope(x, level);
            if (scope == null) {
                return null;
            }
            Witness w = repairWith(x, tau, repairVars(scope));
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    private int[] repairScope(int x, int level) {
        return near.scope(x, level, u -> free(u) || candidate(u), policy.rounding() == null ? this::open : null);
    }

    /**
     * No pattern moves x as far as asked, though propagation allowed it. Settle for the farthest x can be moved
     * with everything nearby withheld, record the cell as limited, and protect that far.
     */
    private Witness limit(int x, int dir) {
        int[] scope = null;
        for (int level = Neighbourhoods.LEVELS; level >= 1 && scope == null; level--) {
            scope = repairScope(x, level);
        }
        if (scope == null) {
            return null;
        }
        List<PerturbationSolver.Var> vars = repairVars(scope);
        double reach = solver.reach(x, dir == 0 ? -1 : 1, Math.abs(need[x][dir]), vars);
        limited.add(x);
        if (reach < NO_REACH) {
            need[x][dir] = 0;
            witnessOf[x][dir] = NOT_NEEDED;
            return null;
        }
        // A hair short of the reach, so rounding in the LP cannot make the repair infeasible.
        double tau = (dir == 0 ? -1 : 1) * (reach - REACH_SHORTFALL);
        need[x][dir] = tau;
        return repairWith(x, tau, vars);
    }

    private Witness repairWith(int x, double tau, List<PerturbationSolver.Var> vars) {
        Witness w = solver.solve(x, tau, vars);
        if (w == null) {
            return null;
        }
        for (int k = 0; k < w.vars().length; k++) {
            int u = w.vars()[k];
            if (u != x && !within(u, w.dev()[k])) {
                status[u] = Status.SECONDARY;
                refresh(u);
                secondaries.add(u);
            }
        }
        repin();
        return w;
    }

    private List<PerturbationSolver.Var> repairVars(int[] scope) {
        List<PerturbationSolver.Var> vars = new ArrayList<>(scope.length);
        for (int u : scope) {
            if (candidate(u)) {
                long v = sys.unknown(u).value();
                long sHi = bounds.hi(u, Status.SECONDARY);
                vars.add(var(u, bounds.lo(u, Status.SECONDARY) - v, sHi == AttackerBounds.NONE ? INF : sHi - v,
                        cost(u)));
            } else {
                vars.add(asIs(u));
            }
        }
        return vars;
    }

    private List<PerturbationSolver.Var> asIs(int[] scope) {
        List<PerturbationSolver.Var> vars = new ArrayList<>(scope.length);
        for (int u : scope) {
            vars.add(asIs(u));
        }
        return vars;
    }

    /** An unknown that may move only as far as the attacker already cannot rule out. */
    private PerturbationSolver.Var asIs(int u) {
        return var(u, 0, 0, 0);
    }

    /**
     * An unknown's deviation ranges: inner (what the attacker already cannot rule out) and, wider, outer (what
     * withholding it would allow, at {@code outerCost} per unit).
     */
    private PerturbationSolver.Var var(int u, double outerLo, double outerHi, double outerCost) {
        long v = sys.unknown(u).value();
        double iLo = lo[u] - v;
        double iHi = hiOf(u) - v;
        return new PerturbationSolver.Var(u, iLo, iHi, Math.min(iLo, outerLo), Math.max(iHi, outerHi), outerCost);
    }

    private boolean free(int u) {
        return lo[u] < hi[u];
    }

    /** Free and not pinned: an unknown a witness may move. */
    private boolean open(int u) {
        return free(u) && !pinned[u];
    }

    /** A printed cell that withholding would loosen; a printed zero too, since [c] states no bound. */
    private boolean candidate(int u) {
        if (status[u] != Status.PUBLISHED) {
            return false;
        }
        return bounds.lo(u, Status.SECONDARY) < lo[u] || bounds.hi(u, Status.SECONDARY) > hi[u];
    }

    private double cost(int u) {
        Unknown k = sys.unknown(u);
        double tier = switch (k.tier()) {
            case INTERIOR -> 1;
            case MARGIN -> 3;
            case GRAND -> 1000;
        };
        return tier * (baseCost + k.value());
    }

    // ---- local minimality ----

    /** Bounds propagated to a fixed point under the current pattern, during the minimise pass. */
    private double[] propLo;
    private double[] propHi;

    /** Re-publishes every secondary cell that is not needed, costliest first. */
    private int minimise() {
        List<Integer> order = new ArrayList<>(secondaries);
        order.sort(Comparator.comparingInt((Integer u) -> sys.unknown(u).tier().ordinal()).reversed()
                .thenComparing(Comparator.comparingLong((Integer u) -> sys.unknown(u).value()).reversed())
                .thenComparingInt(u -> u));
        int n = sys.size();
        propLo = new double[n];
        propHi = new double[n];
        for (int u = 0; u < n; u++) {
            propLo[u] = lo[u];
            propHi[u] = hiOf(u);
        }
        BoundPropagation.toFixedPoint(sys.constraints(), propLo, propHi, 30);
        int removed = 0;
        for (int s : order) {
            status[s] = Status.PUBLISHED;
            refresh(s);
            repin();
            double[][] after = pinsPrimary() ? null : propagatedWithout(s);
            if (after != null && rewitness()) {
                propLo = after[0];
                propHi = after[1];
                removed++;
            } else {
                status[s] = Status.SECONDARY;
                refresh(s);
                repin();
            }
        }
        return removed;
    }

    /**
     * The propagated bounds once s is printed again, or null if they already leave some primary cell less room
     * than it needs: a necessary condition, checked before any LP.
     */
    private double[][] propagatedWithout(int s) {
        double[] l = propLo.clone();
        double[] h = propHi.clone();
        l[s] = Math.max(l[s], lo[s]);
        h[s] = Math.min(h[s], hiOf(s));
        BoundPropagation.fromChange(sys, s, l, h);
        for (int x = 0; x < sys.size(); x++) {
            if (need[x] != null && status[x].needsProtection()) {
                long v = sys.unknown(x).value();
                if (l[x] > v + need[x][0] + Witness.EPS || h[x] < v + need[x][1] - Witness.EPS) {
                    return null;
                }
            }
        }
        return new double[][] {l, h};
    }

    /** True if some primary cell with a need is now known exactly: no LP can then find it a witness. */
    private boolean pinsPrimary() {
        for (int x = 0; x < sys.size(); x++) {
            if (pinned[x] && need[x] != null && status[x].needsProtection()
                    && !(need[x][0] == 0 && need[x][1] == 0)) {
                return true;
            }
        }
        return false;
    }

    /** Re-finds every witness the last change broke; false if one cannot be found. */
    private boolean rewitness() {
        boolean[] broken = new boolean[witnesses.size()];
        for (int i = 0; i < witnesses.size(); i++) {
            broken[i] = !valid(witnesses.get(i));
        }
        for (int x = 0; x < sys.size(); x++) {
            if (witnessOf[x] == null) {
                continue;
            }
            for (int dir = 0; dir < 2; dir++) {
                int wi = witnessOf[x][dir];
                if (wi < 0 || !broken[wi]) {
                    continue;
                }
                int reuse = findWitness(x, dir);
                if (reuse >= 0) {
                    witnessOf[x][dir] = reuse;
                    continue;
                }
                Witness w = attack(x, need[x][dir]);
                if (w == null) {
                    return false;
                }
                witnesses.add(w);
                witnessOf[x][dir] = witnesses.size() - 1;
                broken = Arrays.copyOf(broken, witnesses.size());
            }
        }
        return true;
    }
}
