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
    public record Result(Status[] status, List<Integer> unprotectable, int lpSolves, int secondaryAdded,
            int secondaryRemoved) {
    }

    private static final int UNLIMITED = Integer.MAX_VALUE;
    private static final int[] ATTACK_DEPTHS = {UNLIMITED};
    private static final int[] ATTACK_DEPTHS_ROUNDED = {3, 6};
    private static final int[] REPAIR_DEPTHS = {2, 4, 8};
    /** Scopes larger than this are not tried: the dense tableau would get too big. */
    private static final int MAX_SCOPE = 900;

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
    private final List<Integer> secondaries = new ArrayList<>();
    private final double baseCost;
    private final int[] depth;
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
        depth = new int[n];
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

    public static Result run(LinkedSystem sys, Policy policy) {
        return new Protector(sys, policy).protect();
    }

    private Result protect() {
        for (int x = 0; x < sys.size(); x++) {
            if (status[x] == Status.PRIMARY) {
                requirement(x);
            }
        }
        for (int x = 0; x < sys.size(); x++) {
            if (status[x] == Status.PRIMARY && need[x] != null) {
                for (int dir = 0; dir < 2; dir++) {
                    if (witnessOf[x][dir] == -1 && !ensure(x, dir)) {
                        unprotectable.add(x);
                        break;
                    }
                }
            }
        }
        int added = secondaries.size();
        int removed = minimise();
        return new Result(status.clone(), List.copyOf(unprotectable), solver.solves, added, removed);
    }

    /** The deviations x needs downwards (need[x][0] ≤ 0) and upwards (need[x][1] ≥ 0). */
    private void requirement(int x) {
        long v = sys.unknown(x).value();
        long down = Math.min(v - lo[x], policy.protection());
        long up = policy.protection() - down;
        if (hi[x] != AttackerBounds.NONE && v + up > hi[x]) {
            // An earlier release already narrowed this cell below p: nothing withheld now can widen it.
            unprotectable.add(x);
            return;
        }
        need[x] = new double[] {-down, up};
        witnessOf[x] = new int[] {down == 0 ? -2 : -1, up == 0 ? -2 : -1};
    }

    private boolean ensure(int x, int dir) {
        double tau = need[x][dir];
        int reuse = findWitness(x, dir);
        if (reuse >= 0) {
            witnessOf[x][dir] = reuse;
            return true;
        }
        PerturbationSolver.phase = "attack";
        Witness w = attack(x, tau);
        if (w == null) {
            PerturbationSolver.phase = "repair";
            w = repair(x, tau);
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

    /** A witness among what the attacker already cannot rule out. */
    private Witness attack(int x, double tau) {
        if (pinned[x]) {
            return null;
        }
        for (int d : policy.rounding() == null ? ATTACK_DEPTHS : ATTACK_DEPTHS_ROUNDED) {
            int[] scope = scope(x, d, false);
            if (scope == null) {
                break;
            }
            List<PerturbationSolver.Var> vars = new ArrayList<>(scope.length);
            for (int u : scope) {
                vars.add(asIs(u));
            }
            Witness w = solver.solve(x, tau, vars);
            if (w != null || scope.length == 0 || d == UNLIMITED) {
                return w;
            }
        }
        return null;
    }

    /** A witness that may also move printed cells, which are then withheld. */
    private Witness repair(int x, double tau) {
        for (int d : REPAIR_DEPTHS) {
            int[] scope = scope(x, d, true);
            if (scope == null) {
                return null;
            }
            List<PerturbationSolver.Var> vars = new ArrayList<>(scope.length);
            for (int u : scope) {
                if (candidate(u)) {
                    long v = sys.unknown(u).value();
                    long sLo = bounds.lo(u, Status.SECONDARY);
                    long sHi = bounds.hi(u, Status.SECONDARY);
                    vars.add(inner(u, sLo - v, sHi == AttackerBounds.NONE ? Double.POSITIVE_INFINITY : sHi - v,
                            cost(u)));
                } else {
                    vars.add(asIs(u));
                }
            }
            Witness w = solver.solve(x, tau, vars);
            if (w != null) {
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
        }
        return null;
    }

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
     * Unknowns reachable from x through constraints within {@code maxDepth} steps, passing only through free
     * unknowns (and candidates if asked), ascending; null if the scope would be too big to solve.
     */
    private int[] scope(int x, int maxDepth, boolean candidates) {
        stamp++;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        List<Integer> out = new ArrayList<>();
        seen[x] = stamp;
        depth[x] = 0;
        queue.add(x);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if (depth[u] >= maxDepth) {
                continue;
            }
            for (int k : sys.constraintsOf(u)) {
                for (int w : sys.constraints().get(k).vars()) {
                    boolean eligible = candidates ? free(w) || candidate(w) : free(w) && !pinned[w];
                    if (seen[w] != stamp && eligible) {
                        seen[w] = stamp;
                        depth[w] = depth[u] + 1;
                        queue.add(w);
                        out.add(w);
                        if (out.size() > MAX_SCOPE) {
                            return null;
                        }
                    }
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
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
        PerturbationSolver.phase = "minimise";
        for (int s : order) {
            status[s] = Status.PUBLISHED;
            refresh(s);
            propagate();
            if (rewitness()) {
                removed++;
            } else {
                status[s] = Status.SECONDARY;
                refresh(s);
                propagate();
            }
        }
        return removed;
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
