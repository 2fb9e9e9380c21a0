package org.cscstats.attack.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.function.Predicate;
import org.cscstats.attack.model.Constraint;
import org.cscstats.attack.model.Target;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * One connected component of unknowns: each withheld figure's integer interval, as far as it matters against p.
 *
 * <p>Every integer solution met is kept as a <em>point</em>, but only after it is checked here, in whole numbers,
 * against every row of the component (ojAlgo's answers are floating point and not always right). A figure whose
 * values over the kept points already span p or more is proven wide: the attacker cannot rule out any kept point,
 * so no optimum is needed for it. Points come cheaply from aggregated objectives first (the sum of every figure not
 * yet shown wide, up and down, then random-signed sums), each solve showing many figures wide at once; only the
 * figures left get their own minimum and maximum. The ojAlgo model is built once and copied per objective.
 *
 * <p>An optimum is accepted as the integer optimum only where the solution is whole and checks out (the LP's, or
 * else the MIP's). Where neither is, the LP bound still encloses the integer one: if that enclosure is narrower
 * than p the figure is narrow for certain; otherwise it is {@link Interval.Kind#UNDECIDED} (counted apart, never a
 * pass).
 *
 * <p>Beliefs (counts do not shrink; notes) can be false: where the component is infeasible with them, its growth
 * beliefs are dropped (a count shrank, e.g. a retraction), then its note beliefs, and the report says so.
 */
final class ComponentSolver {
    private static final double EPS = 1e-6;
    /** A MIP that runs longer is abandoned; its LP bound stands (an enclosure) or the figure is undecided. */
    private static final long MIP_TIME_LIMIT_MS = Long.getLong("attack.mipMillis", 10_000);
    /** Aggregated-objective rounds (up and down); they stop early once a round shows no figure newly wide. */
    private static final int AGGREGATE_ROUNDS = 6;
    /** Random-signed sums after the aggregated ones: diverse points where up/down together stall. */
    private static final int RANDOM_ROUNDS = 6;

    private record Row(int[] idx, long[] coef, long lo, long hi, Constraint.Kind kind) {
    }

    private final List<Integer> vars;
    private final Map<Integer, Integer> local = new HashMap<>();
    private final long[] lower;
    private final long[] upper;
    private final long cap;
    private final Presolve fixedValues;
    private final List<Constraint> constraints;
    private List<Row> rows;
    private ExpressionsBasedModel base;
    private final SplittableRandom random = new SplittableRandom(20_260_101L);
    int beliefsDropped;
    /** Beliefs an elastic LP had to violate, dropped one by one (the component keeps the others). */
    int beliefsDroppedByElastic;
    /** Growth beliefs given up because the component was infeasible with them (a count shrank). */
    boolean growthDropped;
    /** Note beliefs given up because the component was still infeasible without growth. */
    boolean notesDropped;
    int integerSolves;
    int lpFallbacks;
    int solves;
    int points;

    ComponentSolver(List<Integer> vars, List<Constraint> constraints, Presolve presolve, long cap) {
        this.vars = vars;
        this.fixedValues = presolve;
        this.cap = cap;
        this.constraints = constraints;
        this.lower = new long[vars.size()];
        this.upper = new long[vars.size()];
        for (int i = 0; i < vars.size(); i++) {
            local.put(vars.get(i), i);
            lower[i] = presolve.lower[vars.get(i)];
            upper[i] = presolve.upper[vars.get(i)];
        }
    }

    /**
     * The targets' intervals (null for each where the hard constraints alone are infeasible). {@code protection[i]}
     * is target i's p.
     */
    List<Interval> solve(List<Target> targets, int[] protection) {
        rows = rows(k -> true);
        base = model(rows);
        boolean ok = feasible();
        if (!ok) {
            // first give up only the beliefs an elastic LP has to violate (least total violation): the rest of the
            // component keeps "counts do not shrink"; only where that fails do all its beliefs of a kind go
            List<Row> kept = consistentRows();
            if (kept != null && kept.size() == rows.size()) {
                // the elastic LP met every row without slack: the feasibility LP was wrong to refuse, nothing goes
                ok = true;
            } else if (kept != null) {
                beliefsDropped += rows.size() - kept.size();
                beliefsDroppedByElastic += rows.size() - kept.size();
                rows = kept;
                base = model(rows);
                ok = feasible();
            }
        }
        if (!ok) {
            int before = rows.size();
            rows = rows.stream().filter(r -> r.kind() != Constraint.Kind.GROWTH).toList();
            growthDropped = rows.size() < before;
            beliefsDropped += before - rows.size();
            base = model(rows);
            if (!feasible()) {
                int without = rows.size();
                rows = rows.stream().filter(r -> !r.kind().belief()).toList();
                notesDropped = rows.size() < without;
                beliefsDropped += without - rows.size();
                base = model(rows);
                if (!feasible()) {
                    return targets.stream().map(t -> (Interval) null).toList();
                }
            }
        }
        List<int[]> terms = new ArrayList<>();
        long[] shift = new long[targets.size()];
        for (int t = 0; t < targets.size(); t++) {
            List<Integer> own = new ArrayList<>();
            for (int v : targets.get(t).variables()) {
                Integer i = local.get(v);
                if (i == null) {
                    shift[t] += fixedValues.lower[v];
                } else {
                    own.add(i);
                }
            }
            terms.add(own.stream().mapToInt(Integer::intValue).toArray());
        }
        Points seen = new Points(vars.size(), terms, shift, protection);
        for (int round = 0; round < AGGREGATE_ROUNDS && seen.open() > 0; round++) {
            int before = seen.open();
            double[] w = seen.openWeights(t -> 1.0);
            seen.offer(point(w, true));
            seen.offer(point(w, false));
            if (seen.open() == before) {
                break;
            }
        }
        for (int round = 0; round < RANDOM_ROUNDS && seen.open() > 0; round++) {
            int before = seen.open();
            seen.offer(point(seen.openWeights(t -> random.nextBoolean() ? 1.0 : -1.0), true));
            if (seen.open() == before && round >= 1) {
                break;
            }
        }
        List<Interval> out = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            out.add(null);
        }
        for (int t = 0; t < targets.size(); t++) {
            if (seen.wide(t)) {
                continue;
            }
            double[] w = new double[vars.size()];
            for (int i : terms.get(t)) {
                w[i] += 1;
            }
            Optimum lo = optimum(w, false, seen);
            long min = lo.bound(false) + shift[t];
            if (seen.wide(t)) {
                continue;
            }
            Optimum hi = optimum(w, true, seen);
            if (seen.wide(t)) {
                continue;
            }
            long max = hi.unbounded(cap) ? Interval.UNBOUNDED : hi.bound(true) + shift[t];
            boolean exact = lo.exact && hi.exact;
            if (!exact) {
                lpFallbacks++;
            }
            Interval.Kind kind;
            if (exact) {
                kind = Interval.Kind.INTEGER;
            } else if (lo.known && hi.known && max != Interval.UNBOUNDED && max - min < protection[t]) {
                // the LP enclosure alone is narrower than p: the integer interval, inside it, is narrower still
                kind = Interval.Kind.LP;
            } else {
                kind = Interval.Kind.UNDECIDED;
            }
            out.set(t, new Interval(min, max, kind));
        }
        for (int t = 0; t < targets.size(); t++) {
            if (seen.wide(t)) {
                out.set(t, new Interval(seen.low[t], seen.high[t] >= cap / 2 ? Interval.UNBOUNDED : seen.high[t],
                        Interval.Kind.WITNESSED));
            }
        }
        return out;
    }

    /** One optimisation direction of one objective: its bound, and whether it is the proven integer optimum. */
    private record Optimum(double value, boolean exact, boolean known) {
        long bound(boolean maximise) {
            if (!known) {
                return maximise ? Long.MAX_VALUE / 4 : 0;
            }
            return exact ? Math.round(value) : maximise ? (long) Math.floor(value + EPS) : (long) Math.ceil(value - EPS);
        }

        boolean unbounded(long cap) {
            return !known || value >= cap * 0.5;
        }
    }

    /**
     * The optimum of the objective: the LP's where its solution is whole and checks out (then it is the integer
     * optimum too), else the MIP's where that is optimal and checks out, else the LP bound as an enclosure.
     */
    private Optimum optimum(double[] w, boolean maximise, Points seen) {
        Optimisation.Result lp = run(w, maximise, false);
        long[] x = checked(lp);
        if (lp.getState().isOptimal() && x != null) {
            seen.offer(x);
            return new Optimum(value(w, x), true, true);
        }
        integerSolves++;
        Optimisation.Result mip = run(w, maximise, true);
        long[] y = checked(mip);
        if (y != null) {
            seen.offer(y);
            if (mip.getState().isOptimal()) {
                return new Optimum(value(w, y), true, true);
            }
        }
        if (lp.getState().isOptimal()) {
            return new Optimum(value(w, lp), false, true);
        }
        if (lp.getState() == Optimisation.State.UNBOUNDED && maximise) {
            return new Optimum(cap, false, true);
        }
        return new Optimum(0, false, false);
    }

    /** A point from the objective: the LP's solution if whole and checked, else the MIP's best (optimal or not). */
    private long[] point(double[] w, boolean maximise) {
        long[] x = checked(run(w, maximise, false));
        if (x != null) {
            return x;
        }
        integerSolves++;
        return checked(run(w, maximise, true));
    }

    private Optimisation.Result run(double[] w, boolean maximise, boolean integer) {
        solves++;
        ExpressionsBasedModel m = base.copy();
        if (integer) {
            m.options.time_abort = MIP_TIME_LIMIT_MS;
        } else {
            m.relax();
        }
        List<Variable> vs = m.getVariables();
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                vs.get(i).weight(w[i]);
            }
        }
        return maximise ? m.maximise() : m.minimise();
    }

    private boolean feasible() {
        Optimisation.Result r = run(new double[vars.size()], false, false);
        return r.getState().isFeasible() || r.getState().isOptimal();
    }

    /** The solution in whole numbers if every value is whole and it satisfies every bound and row exactly; else null. */
    private long[] checked(Optimisation.Result r) {
        if (!r.getState().isFeasible() && !r.getState().isOptimal()) {
            return null;
        }
        long[] x = new long[vars.size()];
        for (int i = 0; i < x.length; i++) {
            double d = r.doubleValue(i);
            if (Double.isNaN(d) || Math.abs(d - Math.rint(d)) >= EPS) {
                return null;
            }
            x[i] = Math.round(d);
            if (x[i] < lower[i] || x[i] > upper[i]) {
                return null;
            }
        }
        for (Row row : rows) {
            long sum = 0;
            for (int j = 0; j < row.idx().length; j++) {
                sum += row.coef()[j] * x[row.idx()[j]];
            }
            if ((row.lo() != Constraint.OPEN_BELOW && sum < row.lo()) || (row.hi() != Constraint.OPEN_ABOVE && sum > row.hi())) {
                return null;
            }
        }
        points++;
        return x;
    }

    private static double value(double[] w, long[] x) {
        double v = 0;
        for (int i = 0; i < w.length; i++) {
            v += w[i] * x[i];
        }
        return v;
    }

    private static double value(double[] w, Optimisation.Result r) {
        double v = 0;
        for (int i = 0; i < w.length; i++) {
            v += w[i] * r.doubleValue(i);
        }
        return v;
    }

    /**
     * The rows without the beliefs an elastic LP has to violate: each belief gets slack on the sides it bounds, at
     * unit cost, and those with slack in the LP optimum are left out. Null where the elastic LP itself fails.
     */
    private List<Row> consistentRows() {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        Variable[] x = new Variable[vars.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = m.addVariable("x" + i).lower(lower[i]).upper(upper[i]);
        }
        List<Variable[]> slack = new ArrayList<>();
        int n = 0;
        for (Row r : rows) {
            Expression e = m.addExpression("c" + n++);
            for (int j = 0; j < r.idx().length; j++) {
                e.set(x[r.idx()[j]], r.coef()[j]);
            }
            if (r.kind().belief()) {
                Variable below = m.addVariable("sb" + n).lower(0).upper(r.lo() == Constraint.OPEN_BELOW ? 0 : cap).weight(1);
                Variable above = m.addVariable("sa" + n).lower(0).upper(r.hi() == Constraint.OPEN_ABOVE ? 0 : cap).weight(1);
                e.set(below, 1);
                e.set(above, -1);
                slack.add(new Variable[] {below, above});
            } else {
                slack.add(null);
            }
            if (r.lo() != Constraint.OPEN_BELOW) {
                e.lower(r.lo());
            }
            if (r.hi() != Constraint.OPEN_ABOVE) {
                e.upper(r.hi());
            }
        }
        solves++;
        Optimisation.Result res = m.minimise();
        if (!res.getState().isOptimal() && !res.getState().isFeasible()) {
            return null;
        }
        List<Row> kept = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            Variable[] s = slack.get(k);
            if (s == null || s[0].getValue().doubleValue() + s[1].getValue().doubleValue() < EPS) {
                kept.add(rows.get(k));
            }
        }
        return kept;
    }

    /** The component's constraints of the kinds kept, with the fixed variables moved into the bounds. */
    private List<Row> rows(Predicate<Constraint.Kind> keep) {
        List<Row> out = new ArrayList<>();
        for (Constraint c : constraints) {
            if (!keep.test(c.kind())) {
                continue;
            }
            Map<Integer, Long> merged = new LinkedHashMap<>();
            long shift = 0;
            for (int i = 0; i < c.variables().length; i++) {
                Integer j = local.get(c.variables()[i]);
                if (j == null) {
                    shift += (long) c.coefficients()[i] * fixedValues.lower[c.variables()[i]];
                } else {
                    merged.merge(j, (long) c.coefficients()[i], Long::sum);
                }
            }
            merged.values().removeIf(a -> a == 0);
            int[] idx = merged.keySet().stream().mapToInt(Integer::intValue).toArray();
            long[] coef = merged.values().stream().mapToLong(Long::longValue).toArray();
            out.add(new Row(idx, coef, c.lower() == Constraint.OPEN_BELOW ? Constraint.OPEN_BELOW : c.lower() - shift,
                    c.upper() == Constraint.OPEN_ABOVE ? Constraint.OPEN_ABOVE : c.upper() - shift, c.kind()));
        }
        return out;
    }

    private ExpressionsBasedModel model(List<Row> rows) {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        Variable[] x = new Variable[vars.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = m.addVariable("x" + vars.get(i)).lower(lower[i]).upper(upper[i]).integer(true);
        }
        int n = 0;
        for (Row r : rows) {
            Expression e = m.addExpression("c" + n++);
            for (int j = 0; j < r.idx().length; j++) {
                e.set(x[r.idx()[j]], r.coef()[j]);
            }
            if (r.lo() != Constraint.OPEN_BELOW) {
                e.lower(r.lo());
            }
            if (r.hi() != Constraint.OPEN_ABOVE) {
                e.upper(r.hi());
            }
        }
        return m;
    }

    /** The lowest and highest value each target takes over the checked points kept so far. */
    private static final class Points {
        private final int size;
        private final List<int[]> terms;
        private final long[] shift;
        private final int[] protection;
        final long[] low;
        final long[] high;

        Points(int size, List<int[]> terms, long[] shift, int[] protection) {
            this.size = size;
            this.terms = terms;
            this.shift = shift;
            this.protection = protection;
            this.low = new long[terms.size()];
            this.high = new long[terms.size()];
            Arrays.fill(low, Long.MAX_VALUE);
            Arrays.fill(high, Long.MIN_VALUE);
        }

        void offer(long[] x) {
            if (x == null) {
                return;
            }
            for (int t = 0; t < terms.size(); t++) {
                long value = shift[t];
                for (int i : terms.get(t)) {
                    value += x[i];
                }
                low[t] = Math.min(low[t], value);
                high[t] = Math.max(high[t], value);
            }
        }

        boolean wide(int t) {
            return high[t] >= low[t] && high[t] - low[t] >= protection[t];
        }

        int open() {
            int n = 0;
            for (int t = 0; t < terms.size(); t++) {
                n += wide(t) ? 0 : 1;
            }
            return n;
        }

        /** Objective weights over the variables of the targets not yet shown wide, a weight per target. */
        double[] openWeights(IntToDoubleFunction weight) {
            double[] w = new double[size];
            for (int t = 0; t < terms.size(); t++) {
                if (!wide(t)) {
                    double a = weight.applyAsDouble(t);
                    for (int i : terms.get(t)) {
                        w[i] += a;
                    }
                }
            }
            return w;
        }
    }
}
