package org.cscstats.attack.solve;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.attack.model.Constraint;
import org.cscstats.attack.model.Target;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * One connected component of unknowns, in ojAlgo: each target's integer minimum and maximum. The LP relaxation
 * is solved first; where its optimal solution is integral it is the integer optimum, else the MIP is solved.
 * Beliefs the displays contradict are found with an elastic LP (least total violation) and dropped.
 */
final class ComponentSolver {
    private static final double EPS = 1e-6;
    /** A MIP that runs longer is reported by its LP bounds, flagged (still an enclosure of the integer interval). */
    private static final long MIP_TIME_LIMIT_MS = 30_000;
    /** Random-objective LPs tried for witnesses before figures are solved one by one. */
    private static final int WITNESS_ROUNDS = 16;
    /** Components larger than this try a figure's neighbourhood before the whole component. */
    private static final int LOCAL_FIRST = 150;
    private static final int LOCAL_HOPS = 3;
    private static final int LOCAL_SIZE = 120;
    /** The elastic LP that finds contradicted beliefs; past it every belief of the component is dropped. */
    private static final long ELASTIC_TIME_LIMIT_MS = 20_000;
    private final List<Integer> vars;
    private final Map<Integer, Integer> local = new HashMap<>();
    private final long[] lower;
    private final long[] upper;
    private final long cap;
    private final List<Constraint> hard = new ArrayList<>();
    private final List<Constraint> beliefs = new ArrayList<>();
    private final Presolve fixedValues;
    int beliefsDropped;
    int integerSolves;
    int lpFallbacks;

    ComponentSolver(List<Integer> vars, List<Constraint> constraints, Presolve presolve, long cap) {
        this.vars = vars;
        this.fixedValues = presolve;
        this.cap = cap;
        this.lower = new long[vars.size()];
        this.upper = new long[vars.size()];
        for (int i = 0; i < vars.size(); i++) {
            local.put(vars.get(i), i);
            lower[i] = presolve.lower[vars.get(i)];
            upper[i] = presolve.upper[vars.get(i)];
        }
        for (Constraint c : constraints) {
            (c.kind().belief() ? beliefs : hard).add(c);
        }
    }

    /**
     * The targets' intervals (null for each where the hard constraints alone are infeasible). {@code protection[i]}
     * is target i's p: once integer solutions met on the way show it at least p wide, it is not solved further.
     */
    List<Interval> solve(List<Target> targets, int[] protection) {
        ExpressionsBasedModel relaxed = model(false, beliefs);
        long t0 = System.nanoTime();
        boolean ok = feasible(relaxed);
        if (Boolean.getBoolean("attack.verbose") && vars.size() > 100) {
            System.err.printf("  feasibility LP of %d unknowns: %s in %d ms%n", vars.size(), ok, (System.nanoTime() - t0) / 1_000_000);
        }
        if (!beliefs.isEmpty() && !ok && !Boolean.getBoolean("attack.noElastic")) {
            List<Constraint> kept = consistentBeliefs();
            beliefsDropped += beliefs.size() - kept.size();
            beliefs.retainAll(kept);
            relaxed = model(false, beliefs);
        }
        if (!feasible(relaxed)) {
            beliefsDropped += beliefs.size();
            beliefs.clear();
            relaxed = model(false, beliefs);
            if (!feasible(relaxed)) {
                return targets.stream().map(t -> (Interval) null).toList();
            }
        }
        List<List<Integer>> terms = new ArrayList<>();
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
            terms.add(own);
        }
        Witnesses seen = new Witnesses(terms, shift);
        List<Integer> all = terms.stream().flatMap(List::stream).distinct().toList();
        seen.offer(optimise(relaxed, all, false));
        seen.offer(optimise(relaxed, all, true));
        // push every undecided figure up together, then down together, while that shows more of them p wide
        for (int round = 0; round < WITNESS_ROUNDS; round++) {
            int before = seen.undecided(protection);
            if (before == 0) {
                break;
            }
            List<Integer> undecided = new ArrayList<>();
            for (int t = 0; t < terms.size(); t++) {
                if (seen.width(t) < protection[t]) {
                    undecided.addAll(terms.get(t));
                }
            }
            seen.offer(optimise(relaxed, undecided, round % 2 == 0));
            if (round % 2 == 1 && seen.undecided(protection) == before) {
                break;
            }
        }
        if (Boolean.getBoolean("attack.verbose") && vars.size() > 100) {
            System.err.printf("  after witnesses: %d of %d targets undecided; beliefs kept %d%n", seen.undecided(protection), targets.size(), beliefs.size());
        }
        ExpressionsBasedModel integer = null;
        Neighbourhoods near = new Neighbourhoods();
        List<Interval> out = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            if (seen.width(t) >= protection[t]) {
                out.add(new Interval(seen.low(t), seen.high(t), Interval.Kind.WITNESSED));
                continue;
            }
            if (vars.size() > LOCAL_FIRST) {
                // the constraints near the figure alone already pin it narrower than p: an enclosure, no more needed
                Interval local = near.enclose(terms.get(t), shift[t]);
                if (local != null && local.width() < protection[t]) {
                    out.add(local);
                    continue;
                }
                if (Boolean.getBoolean("attack.verbose")) {
                    System.err.printf("  local %s, witnessed [%d, %d], p %d: joint solve%n", local, seen.low(t), seen.high(t), protection[t]);
                }
            }
            Optimisation.Result lowResult = optimise(relaxed, terms.get(t), false);
            Optimisation.Result highResult = optimise(relaxed, terms.get(t), true);
            seen.offer(lowResult);
            seen.offer(highResult);
            Bound lo = bound(lowResult, terms.get(t), false);
            Bound hi = bound(highResult, terms.get(t), true);
            boolean exactInteger = true;
            if (!lo.integral || !hi.integral) {
                if (integer == null) {
                    integer = model(true, beliefs);
                }
                if (!lo.integral) {
                    Bound b = bound(optimise(integer, terms.get(t), false), terms.get(t), false);
                    integerSolves++;
                    lo = b.integral ? b : new Bound(Math.ceil(lo.value - EPS), true);
                    exactInteger &= b.integral;
                }
                if (!hi.integral) {
                    Bound b = bound(optimise(integer, terms.get(t), true), terms.get(t), true);
                    integerSolves++;
                    hi = b.integral ? b : new Bound(Math.floor(hi.value + EPS), true);
                    exactInteger &= b.integral;
                }
                if (!exactInteger) {
                    lpFallbacks++;
                }
            }
            long min = Math.round(lo.value) + shift[t];
            long max = hi.value >= cap * 0.5 ? Interval.UNBOUNDED : Math.round(hi.value) + shift[t];
            out.add(new Interval(min, max, exactInteger ? Interval.Kind.INTEGER : Interval.Kind.LP));
        }
        return out;
    }

    /**
     * Small sub-models around a figure: its variables and those within a few constraints of them, with only the
     * constraints wholly inside. Fewer constraints can only widen an interval, so theirs encloses the true one.
     */
    private final class Neighbourhoods {
        private final List<Constraint> active = new ArrayList<>();
        private final List<List<Integer>> touching = new ArrayList<>();

        Neighbourhoods() {
            active.addAll(hard);
            active.addAll(beliefs);
            for (int i = 0; i < vars.size(); i++) {
                touching.add(new ArrayList<>());
            }
            for (int c = 0; c < active.size(); c++) {
                for (int v : active.get(c).variables()) {
                    Integer j = local.get(v);
                    if (j != null) {
                        touching.get(j).add(c);
                    }
                }
            }
        }

        Interval enclose(List<Integer> target, long shift) {
            java.util.LinkedHashSet<Integer> inside = new java.util.LinkedHashSet<>(target);
            List<Integer> frontier = new ArrayList<>(target);
            for (int hop = 0; hop < LOCAL_HOPS && inside.size() < LOCAL_SIZE; hop++) {
                List<Integer> next = new ArrayList<>();
                for (int j : frontier) {
                    for (int c : touching.get(j)) {
                        for (int v : active.get(c).variables()) {
                            Integer k = local.get(v);
                            if (k != null && inside.add(k)) {
                                next.add(k);
                            }
                        }
                    }
                }
                frontier = next;
            }
            List<Integer> members = new ArrayList<>(inside);
            Map<Integer, Integer> position = new HashMap<>();
            ExpressionsBasedModel m = new ExpressionsBasedModel();
            m.options.time_abort = MIP_TIME_LIMIT_MS;
            Variable[] x = new Variable[members.size()];
            for (int i = 0; i < x.length; i++) {
                position.put(members.get(i), i);
                x[i] = m.addVariable("x" + members.get(i)).lower(lower[members.get(i)]).upper(upper[members.get(i)]).integer(true);
            }
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (int j : members) {
                for (int c : touching.get(j)) {
                    if (!used.add(c)) {
                        continue;
                    }
                    Constraint con = active.get(c);
                    boolean whole = true;
                    for (int v : con.variables()) {
                        Integer k = local.get(v);
                        whole &= k == null || position.containsKey(k);
                    }
                    if (whole) {
                        addLocal(m, x, con, position, c);
                    }
                }
            }
            for (int i : target) {
                x[position.get(i)].weight(1);
            }
            Optimisation.Result lo = m.minimise();
            Optimisation.Result hi = m.maximise();
            if (!lo.getState().isOptimal() || !hi.getState().isOptimal()) {
                return null;
            }
            long min = Math.round(lo.getValue()) + shift;
            long max = hi.getValue() >= cap * 0.5 ? Interval.UNBOUNDED : Math.round(hi.getValue()) + shift;
            return new Interval(min, max, Interval.Kind.ENCLOSED);
        }

        private void addLocal(ExpressionsBasedModel m, Variable[] x, Constraint c, Map<Integer, Integer> position, int n) {
            Expression e = m.addExpression("c" + n);
            long shift = 0;
            for (int i = 0; i < c.variables().length; i++) {
                Integer j = local.get(c.variables()[i]);
                if (j == null) {
                    shift += c.coefficients()[i] * fixedValues.lower[c.variables()[i]];
                } else {
                    Variable xv = x[position.get(j)];
                    e.add(xv, BigDecimal.valueOf(c.coefficients()[i]).add(e.get(xv)));
                }
            }
            if (c.lower() != Constraint.OPEN_BELOW) {
                e.lower(c.lower() - shift);
            }
            if (c.upper() != Constraint.OPEN_ABOVE) {
                e.upper(c.upper() - shift);
            }
        }
    }

    /** The lowest and highest value each target takes over the integral solutions seen so far. */
    private final class Witnesses {
        private final List<List<Integer>> terms;
        private final long[] shift;
        private final long[] low;
        private final long[] high;

        Witnesses(List<List<Integer>> terms, long[] shift) {
            this.terms = terms;
            this.shift = shift;
            this.low = new long[terms.size()];
            this.high = new long[terms.size()];
            java.util.Arrays.fill(low, Long.MAX_VALUE);
            java.util.Arrays.fill(high, Long.MIN_VALUE);
        }

        void offer(Optimisation.Result r) {
            if (!r.getState().isFeasible() && !r.getState().isOptimal()) {
                return;
            }
            for (int i = 0; i < vars.size(); i++) {
                double x = r.doubleValue(i);
                if (Math.abs(x - Math.rint(x)) >= EPS) {
                    return;
                }
            }
            for (int t = 0; t < terms.size(); t++) {
                long value = shift[t];
                for (int i : terms.get(t)) {
                    value += Math.round(r.doubleValue(i));
                }
                low[t] = Math.min(low[t], value);
                high[t] = Math.max(high[t], value);
            }
        }

        int undecided(int[] protection) {
            int n = 0;
            for (int t = 0; t < terms.size(); t++) {
                n += width(t) >= protection[t] ? 0 : 1;
            }
            return n;
        }

        long width(int t) {
            return high[t] < low[t] ? -1 : high[t] - low[t];
        }

        long low(int t) {
            return low[t];
        }

        long high(int t) {
            return high[t];
        }
    }

    private record Bound(double value, boolean integral) {
    }

    /** Minimises Σ ±target with a random sign per target: a cheap way to meet diverse integer solutions. */
    private Optimisation.Result optimiseSigned(ExpressionsBasedModel model, List<List<Integer>> terms,
            java.util.SplittableRandom random) {
        List<Variable> vs = model.getVariables();
        double[] w = new double[vs.size()];
        for (List<Integer> t : terms) {
            double sign = random.nextBoolean() ? 1 : -1;
            for (int i : t) {
                w[i] = sign;
            }
        }
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                vs.get(i).weight(w[i]);
            }
        }
        Optimisation.Result r = model.minimise();
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                vs.get(i).weight(0);
            }
        }
        return r;
    }

    private Optimisation.Result optimise(ExpressionsBasedModel model, List<Integer> terms, boolean maximise) {
        List<Variable> vs = model.getVariables();
        for (int i : terms) {
            vs.get(i).weight(1);
        }
        long t0 = System.nanoTime();
        Optimisation.Result r = maximise ? model.maximise() : model.minimise();
        for (int i : terms) {
            vs.get(i).weight(0);
        }
        if (Boolean.getBoolean("attack.verbose") && vars.size() > 100) {
            System.err.printf("  LP of %d unknowns, %d terms: %s in %d ms%n", vars.size(), terms.size(), r.getState(), (System.nanoTime() - t0) / 1_000_000);
        }
        return r;
    }

    /** The optimum's value over the target's terms, and whether the whole solution is integral. */
    private Bound bound(Optimisation.Result r, List<Integer> terms, boolean maximise) {
        if (!r.getState().isOptimal() && !r.getState().isFeasible()) {
            if (r.getState() == Optimisation.State.UNBOUNDED && maximise) {
                return new Bound(cap, true);
            }
            return new Bound(maximise ? cap : 0, false);
        }
        double value = 0;
        for (int i : terms) {
            value += r.doubleValue(i);
        }
        boolean integral = r.getState().isOptimal();
        for (int i = 0; i < vars.size() && integral; i++) {
            double x = r.doubleValue(i);
            integral = Math.abs(x - Math.rint(x)) < EPS;
        }
        return new Bound(value, integral);
    }

    private static boolean feasible(ExpressionsBasedModel model) {
        Optimisation.Result r = model.minimise();
        return r.getState().isFeasible() || r.getState().isOptimal();
    }

    private ExpressionsBasedModel model(boolean integer, List<Constraint> withBeliefs) {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        if (integer) {
            m.options.time_abort = MIP_TIME_LIMIT_MS;
        }
        Variable[] x = new Variable[vars.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = m.addVariable("x" + vars.get(i)).lower(lower[i]).upper(upper[i]).integer(integer);
        }
        int n = 0;
        for (Constraint c : hard) {
            add(m, x, c, n++);
        }
        for (Constraint c : withBeliefs) {
            add(m, x, c, n++);
        }
        return m;
    }

    private void add(ExpressionsBasedModel m, Variable[] x, Constraint c, int n) {
        Expression e = m.addExpression("c" + n);
        long shift = 0;
        for (int i = 0; i < c.variables().length; i++) {
            Integer j = local.get(c.variables()[i]);
            if (j == null) {
                shift += c.coefficients()[i] * fixedValues.lower[c.variables()[i]];
            } else {
                e.add(x[j], BigDecimal.valueOf(c.coefficients()[i]).add(e.get(x[j])));
            }
        }
        if (c.lower() != Constraint.OPEN_BELOW) {
            e.lower(c.lower() - shift);
        }
        if (c.upper() != Constraint.OPEN_ABOVE) {
            e.upper(c.upper() - shift);
        }
    }

    /** Beliefs kept after an elastic LP: each may be violated at a cost; those it has to violate are dropped. */
    private List<Constraint> consistentBeliefs() {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        Variable[] x = new Variable[vars.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = m.addVariable("x" + vars.get(i)).lower(lower[i]).upper(upper[i]);
        }
        int n = 0;
        for (Constraint c : hard) {
            add(m, x, c, n++);
        }
        for (Constraint c : beliefs) {
            Expression e = m.addExpression("b" + n++);
            long shift = 0;
            for (int i = 0; i < c.variables().length; i++) {
                Integer j = local.get(c.variables()[i]);
                if (j == null) {
                    shift += c.coefficients()[i] * fixedValues.lower[c.variables()[i]];
                } else {
                    e.add(x[j], BigDecimal.valueOf(c.coefficients()[i]).add(e.get(x[j])));
                }
            }
            // slack only on the sides the belief bounds: x_later − x_earlier + s ≥ 0 for growth
            Variable below = m.addVariable("sb" + n).lower(0).upper(c.lower() == Constraint.OPEN_BELOW ? 0 : cap).weight(1);
            Variable above = m.addVariable("sa" + n).lower(0).upper(c.upper() == Constraint.OPEN_ABOVE ? 0 : cap).weight(1);
            e.add(below, 1);
            e.add(above, -1);
            if (c.lower() != Constraint.OPEN_BELOW) {
                e.lower(c.lower() - shift);
            }
            if (c.upper() != Constraint.OPEN_ABOVE) {
                e.upper(c.upper() - shift);
            }
        }
        m.options.time_abort = ELASTIC_TIME_LIMIT_MS;
        Optimisation.Result r = m.minimise();
        List<Constraint> kept = new ArrayList<>();
        if (!r.getState().isFeasible() && !r.getState().isOptimal()) {
            return kept;
        }
        for (int b = 0; b < beliefs.size(); b++) {
            // slack variables follow the component's own, a pair per belief
            double violation = r.doubleValue(x.length + 2 * b) + r.doubleValue(x.length + 2 * b + 1);
            if (violation < EPS) {
                kept.add(beliefs.get(b));
            }
        }
        return kept;
    }
}
