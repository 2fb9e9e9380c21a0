package org.cscstats.suppression.protect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.cscstats.suppression.policy.Policy;

/**
 * Chooses secondary suppressions for a whole {@link LinkedSystem} so that, for every primary cell, the interval
 * an LP attacker can derive (all printed figures, all relations, all symbol and rounding bounds, what an earlier
 * release said; integrality relaxed) is at least {@code p} wide.
 *
 * <p>For each primary cell x (in system order) the required interval is [v − D, v + U] with D = min(v − lo, p),
 * U = p − D (lo the symbol's lower bound): the whole range of the primary symbol under the default p. Each of the
 * two directions needs a witness, a feasible point with x moved that far. An existing witness is reused if it
 * already moves x enough; else a small LP looks for one among what is already withheld; else a repair LP lets
 * printed cells near x move too, at a cost (interior before margins before grand totals; fewer cells, then
 * smaller values), and the printed cells it moves beyond what the reader already cannot rule out are withheld.
 * Withholding more never breaks a witness, so one pass protects every cell. A last pass re-publishes each
 * secondary cell, costliest first, wherever every witness can be re-found without it: the result is locally
 * minimal. Everything iterates in index order, so the same system always gives the same pattern.
 */
public final class Protector {

    /** The pattern chosen: a status per unknown, and the primary cells that could not be protected. */
    public record Result(Status[] status, List<Integer> unprotectable, List<Integer> limited, int lpSolves,
            int secondaryAdded, int secondaryRemoved) {
    }

    /** Scopes larger than this are not tried: the dense tableau would get too big. */
    static int MAX_SCOPE = 3000;
    /**
     * Neighbourhoods tried: the tables printing x, then also the tables linked to those by a relation (sharing a
     * figure, or a figure in one constraint with one of theirs), and so on.
     */
    private static final int LEVELS = 3;

    private final LinkedSystem sys;
    private final Policy policy;
    private final AttackerBounds bounds;
    private final PerturbationSolver solver;
    private final Status[] status;
    private final long[] lo;
    private final long[] hi;
    private final List<Witness> witnesses = new ArrayList<>();
    private final int[][] witnessOf;
    private final double[][] need;
    private final List<Integer> unprotectable = new ArrayList<>();
    private final java.util.TreeSet<Integer> limited = new java.util.TreeSet<>();
    private final List<Integer> secondaries = new ArrayList<>();
    private final double baseCost;
    private final int[][] tablesOf;
    private final int[][] tableUnknowns;
    private final int[][] linkedTables;
    /** Known exactly to the attacker: printed, or pinned by an equality whose other terms are all known. */
    private final boolean[] pinned;
    private final int[] seen;
    private int stamp;

    private Protector(LinkedSystem sys, Policy policy) {
        this.sys = sys;
        this.policy = policy;
        this.bounds = new AttackerBounds(policy, sys);
        this.solver = new PerturbationSolver(sys);
        int n = sys.size();
        status = new Status[n];
        lo = new long[n];
        hi = new long[n];
        witnessOf = new int[n][];
        need = new double[n][];
        List<LinkedSystem.Binding> bs = sys.bindings();
        tableUnknowns = new int[bs.size()][];
        List<List<Integer>> tl = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            tl.add(new ArrayList<>());
        }
        for (int b = 0; b < bs.size(); b++) {
            tableUnknowns[b] = Arrays.stream(bs.get(b).unknowns()).distinct().sorted().toArray();
            for (int u : tableUnknowns[b]) {
                tl.get(u).add(b);
            }
        }
        tablesOf = new int[n][];
        for (int u = 0; u < n; u++) {
            tablesOf[u] = tl.get(u).stream().mapToInt(Integer::intValue).toArray();
        }
        List<java.util.TreeSet<Integer>> links = new ArrayList<>();
        for (int b = 0; b < bs.size(); b++) {
            links.add(new java.util.TreeSet<>());
        }
        for (Constraint c : sys.constraints()) {
            java.util.TreeSet<Integer> ts = new java.util.TreeSet<>();
            for (int u : c.vars()) {
                for (int b : tablesOf[u]) {
                    ts.add(b);
                }
            }
            for (int b : ts) {
                links.get(b).addAll(ts);
            }
        }
        linkedTables = new int[bs.size()][];
        for (int b = 0; b < bs.size(); b++) {
            linkedTables[b] = links.get(b).stream().mapToInt(Integer::intValue).toArray();
        }
        pinned = new boolean[n];
        seen = new int[n];
        long maxV = 0;
        for (Unknown u : sys.unknowns()) {
            if (!u.published()) {
                status[u.index()] = Status.UNPUBLISHED;
            } else {
                status[u.index()] = policy.isPrimary(u.value()) ? Status.PRIMARY : Status.PUBLISHED;
                maxV = Math.max(maxV, u.value());
            }
            refresh(u.index());
        }
        // Ten times the largest value: a cell more always costs more than any difference in values.
        baseCost = 10.0 * maxV + 10;
        propagate();
    }

    /** Recomputes {@link #pinned}: unit propagation over the equalities. */
    private void propagate() {
        PROF[9]++;
        int n = sys.size();
        for (int u = 0; u < n; u++) {
            pinned[u] = lo[u] == hi[u];
        }
        List<Constraint> cs = sys.constraints();
        int[] open = new int[cs.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < cs.size(); k++) {
            if (cs.get(k).sense() == org.cscstats.contract.Relation.Sense.EQ) {
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
                        if (cs.get(k2).sense() == org.cscstats.contract.Relation.Sense.EQ && --open[k2] == 1) {
                            queue.add(k2);
                        }
                    }
                }
            }
        }
    }

    /** For tests: a witness moving x by tau under the given pattern, searched over x's whole free component. */
    static Witness witnessFor(LinkedSystem sys, Policy policy, Status[] pattern, int x, double tau) {
        Protector p = new Protector(sys, policy);
        System.arraycopy(pattern, 0, p.status, 0, pattern.length);
        for (int u = 0; u < sys.size(); u++) {
            p.refresh(u);
        }
        p.propagate();
        if (p.pinned[x]) {
            return null;
        }
        int[] all = p.component(x);
        return all == null ? null : p.solver.solve(x, tau, p.asIs(all));
    }

    /** For tests: scope sizes by level. */
    static String scopeSizes(LinkedSystem sys, Policy policy, Status[] pattern, int x) {
        Protector p = new Protector(sys, policy);
        System.arraycopy(pattern, 0, p.status, 0, pattern.length);
        for (int u = 0; u < sys.size(); u++) {
            p.refresh(u);
        }
        p.propagate();
        StringBuilder sb = new StringBuilder();
        for (int l = 1; l <= 3; l++) {
            int[] sc = p.scope(x, l, true);
            sb.append(" L").append(l).append("=").append(sc == null ? "null" : sc.length);
        }
        int[] c = p.component(x);
        sb.append(" comp=").append(c == null ? "null" : c.length);
        return sb.toString();
    }

    public static Result run(LinkedSystem sys, Policy policy) {
        return new Protector(sys, policy).protect();
    }

    private Result protect() {
        double[][] attain = attainable();
        for (int x = 0; x < sys.size(); x++) {
            if (status[x] == Status.PRIMARY) {
                requirement(x, attain[0], attain[1]);
            }
        }
        for (int x = 0; x < sys.size(); x++) {
            if (status[x] == Status.PRIMARY && need[x] != null) {
                for (int dir = 0; dir < 2; dir++) {
                    if (witnessOf[x][dir] == -1 && !ensure(x, dir) && witnessOf[x][dir] != -2) {
                        unprotectable.add(x);
                        break;
                    }
                }
            }
        }
        int added = secondaries.size();
        long t0 = System.nanoTime();
        inMinimise = true;
        int removed = minimise();
        PROF[8] += System.nanoTime() - t0;
        return new Result(status.clone(), List.copyOf(unprotectable), List.copyOf(limited), solver.solves, added,
                removed);
    }

    /**
     * The deviations x needs downwards (need[x][0] ≤ 0) and upwards (need[x][1] ≥ 0): p in all, downwards first,
     * within what any pattern could give (bounds propagated with every figure withheld). A cell that cannot get
     * p even then is limited: it gets as much as propagation allows, less if an LP later shows less is possible.
     */
    private void requirement(int x, double[] attainLo, double[] attainHi) {
        long v = sys.unknown(x).value();
        if (hi[x] != AttackerBounds.NONE && v + policy.protection() - Math.min(v - lo[x], policy.protection())
                > hi[x]) {
            // An earlier release already narrowed this cell below p: nothing withheld now can widen it.
            unprotectable.add(x);
            return;
        }
        double down = Math.min(v - Math.max(lo[x], attainLo[x]), policy.protection());
        double up = Math.min(policy.protection() - down, attainHi[x] - v);
        down = Math.max(down, 0);
        up = Math.max(up, 0);
        if (down + up < policy.protection() - 1e-9) {
            limited.add(x);
        }
        need[x] = new double[] {-down, up};
        witnessOf[x] = new int[] {down < 1e-9 ? -2 : -1, up < 1e-9 ? -2 : -1};
    }

    /**
     * Bounds implied for every unknown if every non-zero printed figure were withheld (the loosest any pattern can
     * leave the attacker), by propagating bounds through the constraints. They contain the attainable interval.
     */
    private double[][] attainable() {
        int n = sys.size();
        double[] l = new double[n];
        double[] h = new double[n];
        for (int u = 0; u < n; u++) {
            Status s = status[u];
            long v = sys.unknown(u).value();
            if (s == Status.PUBLISHED && !(policy.zerosShown() && v == 0) && candidate(u)) {
                s = Status.SECONDARY;
            }
            l[u] = bounds.lo(u, s);
            long hb = bounds.hi(u, s);
            h[u] = hb == AttackerBounds.NONE ? Double.POSITIVE_INFINITY : hb;
        }
        List<Constraint> cs = sys.constraints();
        for (int sweep = 0; sweep < 30; sweep++) {
            boolean changed = false;
            for (Constraint c : cs) {
                changed |= tighten(c, l, h);
            }
            if (!changed) {
                break;
            }
        }
        return new double[][] {l, h};
    }

    /** One propagation step over a constraint; true if some bound moved. */
    private static boolean tighten(Constraint c, double[] l, double[] h) {
        double inf = Double.POSITIVE_INFINITY;
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
        boolean upper = c.sense() != org.cscstats.contract.Relation.Sense.GE; // Σ ≤ rhs holds
        boolean lower = c.sense() != org.cscstats.contract.Relation.Sense.LE; // Σ ≥ rhs holds
        for (int k = 0; k < vs.length; k++) {
            double a = as[k];
            int u = vs[k];
            double myLo = a > 0 ? a * l[u] : a * h[u];
            double myHi = a > 0 ? a * h[u] : a * l[u];
            // a·x ≤ rhs − (min of the others), a·x ≥ rhs − (max of the others)
            double othersMin = Double.isInfinite(myLo) ? (minInf == 1 ? minSum : -inf) : (minInf == 0 ? minSum - myLo : -inf);
            double othersMax = Double.isInfinite(myHi) ? (maxInf == 1 ? maxSum : inf) : (maxInf == 0 ? maxSum - myHi : inf);
            double axHi = upper && othersMin != -inf ? c.rhs() - othersMin : inf;
            double axLo = lower && othersMax != inf ? c.rhs() - othersMax : -inf;
            double newLo = a > 0 ? axLo / a : axHi / a;
            double newHi = a > 0 ? axHi / a : axLo / a;
            if (newLo > l[u] + 1e-9) {
                l[u] = newLo;
                changed = true;
            }
            if (newHi < h[u] - 1e-9) {
                h[u] = newHi;
                changed = true;
            }
        }
        return changed;
    }

    private boolean ensure(int x, int dir) {
        double tau = need[x][dir];
        int reuse = findWitness(x, dir);
        if (reuse >= 0) {
            witnessOf[x][dir] = reuse;
            return true;
        }
        Witness w = attack(x, tau);
        if (w == null) {
            w = repair(x, tau);
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

    /**
     * No pattern moves x as far as p asks (e.g. a total of two primary cells, each known to be at least 1, is
     * known to be at least 2). Settle for the farthest x can be moved with everything nearby withheld, record
     * the cell as limited, and protect that far.
     */
    private Witness limit(int x, int dir) {
        long t0 = System.nanoTime();
        try {
            return limit0(x, dir);
        } finally {
            PROF[6] += System.nanoTime() - t0;
            PROF[7]++;
        }
    }

    private Witness limit0(int x, int dir) {
        int[] scope = null;
        for (int level = LEVELS; level >= 1 && scope == null; level--) {
            scope = scope(x, level, true);
        }
        if (scope == null) {
            return null;
        }
        List<PerturbationSolver.Var> vars = repairVars(scope);
        double reach = solver.reach(x, dir == 0 ? -1 : 1, Math.abs(need[x][dir]), vars);
        limited.add(x);
        if (reach < 1e-6) {
            need[x][dir] = 0;
            witnessOf[x][dir] = -2;
            return null;
        }
        // A hair short of the reach, so rounding in the LP cannot make the repair infeasible.
        double tau = (dir == 0 ? -1 : 1) * (reach - 1e-7);
        need[x][dir] = tau;
        return repairWith(x, tau, vars);
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
        return dev >= lo[u] - v - Witness.EPS && (hi[u] == AttackerBounds.NONE || dev <= hi[u] - v + Witness.EPS);
    }

    /**
     * A witness among what the attacker already cannot rule out: first within the tables printing x (most
     * witnesses are local and this LP is small), then over everything linked to x through withheld cells.
     */
    public static final long[] PROF = new long[12];

    private Witness attack(int x, double tau) {
        long t0 = System.nanoTime();
        try {
            return attack0(x, tau);
        } finally {
            PROF[inMinimise ? 2 : 0] += System.nanoTime() - t0;
            PROF[inMinimise ? 3 : 1]++;
        }
    }

    private boolean inMinimise;

    private Witness attack0(int x, double tau) {
        if (pinned[x]) {
            return null;
        }
        int[] local = scope(x, 1, false);
        int[] all = policy.rounding() == null ? component(x) : scope(x, 2, false);
        if (local != null && (all == null || local.length < all.length)) {
            Witness w = solver.solve(x, tau, asIs(local));
            if (w != null) {
                return w;
            }
        }
        return all == null ? null : solver.solve(x, tau, asIs(all));
    }

    private List<PerturbationSolver.Var> asIs(int[] scope) {
        List<PerturbationSolver.Var> vars = new ArrayList<>(scope.length);
        for (int u : scope) {
            vars.add(asIs(u));
        }
        return vars;
    }

    /** A witness that may also move printed cells, which are then withheld. */
    private Witness repair(int x, double tau) {
        long t0 = System.nanoTime();
        try {
            return repair0(x, tau);
        } finally {
            PROF[4] += System.nanoTime() - t0;
            PROF[5]++;
        }
    }

    public static final long[][] LEVEL = new long[4][3];

    private Witness repair0(int x, double tau) {
        for (int level = 1; level <= LEVELS; level++) {
            int[] scope = scope(x, level, true);
            if (scope == null) {
                return null;
            }
            long t0 = System.nanoTime();
            Witness w = repairWith(x, tau, repairVars(scope));
            LEVEL[level][0]++;
            LEVEL[level][1] += scope.length;
            LEVEL[level][2] += System.nanoTime() - t0;
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    private List<PerturbationSolver.Var> repairVars(int[] scope) {
        List<PerturbationSolver.Var> vars = new ArrayList<>(scope.length);
        for (int u : scope) {
            if (candidate(u)) {
                long v = sys.unknown(u).value();
                long sLo = bounds.lo(u, Status.SECONDARY);
                long sHi = bounds.hi(u, Status.SECONDARY);
                vars.add(inner(u, sLo - v, sHi == AttackerBounds.NONE ? Double.POSITIVE_INFINITY : sHi - v, cost(u)));
            } else {
                vars.add(asIs(u));
            }
        }
        return vars;
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
        propagate();
        return w;
    }

    /**
     * An unknown's deviation ranges: inner (what the attacker already cannot rule out) and, wider, outer (what
     * withholding it would allow, at {@code outerCost} per unit).
     */
    private PerturbationSolver.Var inner(int u, double outerLo, double outerHi, double outerCost) {
        long v = sys.unknown(u).value();
        double iLo = lo[u] - v;
        double iHi = hi[u] == AttackerBounds.NONE ? Double.POSITIVE_INFINITY : hi[u] - v;
        return new PerturbationSolver.Var(u, iLo, iHi, Math.min(iLo, outerLo), Math.max(iHi, outerHi), outerCost);
    }

    /** An unknown that may move only as far as the attacker already cannot rule out. */
    private PerturbationSolver.Var asIs(int u) {
        return inner(u, 0, 0, 0);
    }

    private boolean free(int u) {
        return lo[u] < hi[u];
    }

    /** A printed cell that withholding would loosen (never a printed zero where zeros are shown). */
    private boolean candidate(int u) {
        if (status[u] != Status.PUBLISHED) {
            return false;
        }
        if (policy.zerosShown() && sys.unknown(u).value() == 0) {
            return false;
        }
        long sLo = bounds.lo(u, Status.SECONDARY);
        long sHi = bounds.hi(u, Status.SECONDARY);
        return sLo < lo[u] || sHi > hi[u];
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

    /**
     * The unknowns of the tables within {@code level} steps of x (a step: to every table sharing a figure), that
     * the attacker cannot pin (and, for repairs, the printed cells that could be withheld), with x's component of
     * withheld cells; ascending, without x; null if too big to solve.
     */
    private int[] scope(int x, int level, boolean candidates) {
        stamp++;
        List<Integer> out = new ArrayList<>();
        seen[x] = stamp;
        java.util.TreeSet<Integer> tables = new java.util.TreeSet<>();
        for (int b : tablesOf[x]) {
            tables.add(b);
        }
        for (int l = 1; l < level; l++) {
            for (int b : new ArrayList<>(tables)) {
                for (int b2 : linkedTables[b]) {
                    tables.add(b2);
                }
            }
        }
        for (int b : tables) {
            for (int u : tableUnknowns[b]) {
                boolean eligible = candidates ? free(u) || candidate(u) : free(u) && !pinned[u];
                if (seen[u] != stamp && eligible) {
                    seen[u] = stamp;
                    out.add(u);
                }
            }
        }
        if (policy.rounding() == null) {
            // With rounding every printed figure is free and the component is the whole release.
            componentInto(x, out);
        }
        if (out.size() > MAX_SCOPE) {
            return null;
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The unknowns linked to x through constraints over free, unpinned unknowns; null if too big. */
    private int[] component(int x) {
        stamp++;
        seen[x] = stamp;
        List<Integer> out = new ArrayList<>();
        componentInto(x, out);
        if (out.size() > MAX_SCOPE) {
            return null;
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Adds x's component of free, unpinned unknowns (not yet seen in this stamp) to {@code out}. */
    private void componentInto(int x, List<Integer> out) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(x);
        for (int u : out) {
            queue.add(u);
        }
        while (!queue.isEmpty() && out.size() <= MAX_SCOPE) {
            int u = queue.poll();
            if (u != x && !(free(u) && !pinned[u])) {
                continue;
            }
            for (int k : sys.constraintsOf(u)) {
                for (int w : sys.constraints().get(k).vars()) {
                    if (seen[w] != stamp && free(w) && !pinned[w]) {
                        seen[w] = stamp;
                        queue.add(w);
                        out.add(w);
                    }
                }
            }
        }
    }

    private void refresh(int u) {
        lo[u] = bounds.lo(u, status[u]);
        hi[u] = bounds.hi(u, status[u]);
    }

    /** Re-publishes every secondary cell that is not needed, costliest first. */
    private int minimise() {
        List<Integer> order = new ArrayList<>(secondaries);
        order.sort(Comparator.comparingInt((Integer u) -> sys.unknown(u).tier().ordinal()).reversed()
                .thenComparing(Comparator.comparingLong((Integer u) -> sys.unknown(u).value()).reversed())
                .thenComparingInt(u -> u));
        int removed = 0;
        for (int s : order) {
            status[s] = Status.PUBLISHED;
            refresh(s);
            propagate();
            if (!pinsPrimary() && rewitness()) {
                removed++;
            } else {
                status[s] = Status.SECONDARY;
                refresh(s);
                propagate();
            }
        }
        return removed;
    }

    /** True if some primary cell with a need is now known exactly: no LP can then find it a witness. */
    private boolean pinsPrimary() {
        for (int x = 0; x < sys.size(); x++) {
            if (pinned[x] && need[x] != null && status[x] == Status.PRIMARY && !limitedPinned(x)) {
                return true;
            }
        }
        return false;
    }

    private boolean limitedPinned(int x) {
        return need[x][0] == 0 && need[x][1] == 0;
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
