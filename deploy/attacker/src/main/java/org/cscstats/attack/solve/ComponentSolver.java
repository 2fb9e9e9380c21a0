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

    /** The targets' intervals, or null for each where the hard constraints alone are infeasible. */
    List<Interval> solve(List<Target> targets) {
        ExpressionsBasedModel relaxed = model(false, beliefs);
        if (!feasible(relaxed)) {
            List<Constraint> kept = consistentBeliefs();
            beliefsDropped += beliefs.size() - kept.size();
            relaxed = model(false, kept);
            if (!feasible(relaxed)) {
                beliefsDropped += kept.size();
                kept = List.of();
                relaxed = model(false, kept);
                if (!feasible(relaxed)) {
                    return targets.stream().map(t -> (Interval) null).toList();
                }
            }
            beliefs.retainAll(kept);
        }
        ExpressionsBasedModel integer = null;
        List<Interval> out = new ArrayList<>();
        for (Target t : targets) {
            long shift = 0;
            List<Integer> terms = new ArrayList<>();
            for (int v : t.variables()) {
                Integer i = local.get(v);
                if (i == null) {
                    shift += fixedValues.lower[v];
                } else {
                    terms.add(i);
                }
            }
            Bound lo = optimum(relaxed, terms, false);
            Bound hi = optimum(relaxed, terms, true);
            boolean exactInteger = true;
            if (!lo.integral || !hi.integral) {
                if (integer == null) {
                    integer = model(true, beliefs);
                }
                if (!lo.integral) {
                    Bound b = optimum(integer, terms, false);
                    integerSolves++;
                    lo = b.integral ? b : new Bound(Math.ceil(lo.value - EPS), true);
                    exactInteger &= b.integral;
                }
                if (!hi.integral) {
                    Bound b = optimum(integer, terms, true);
                    integerSolves++;
                    hi = b.integral ? b : new Bound(Math.floor(hi.value + EPS), true);
                    exactInteger &= b.integral;
                }
                if (!exactInteger) {
                    lpFallbacks++;
                }
            }
            long min = Math.round(lo.value) + shift;
            long max = hi.value >= cap * 0.5 ? Interval.UNBOUNDED : Math.round(hi.value) + shift;
            out.add(new Interval(min, max, exactInteger));
        }
        return out;
    }

    private record Bound(double value, boolean integral) {
    }

    private Bound optimum(ExpressionsBasedModel model, List<Integer> terms, boolean maximise) {
        List<Variable> vs = model.getVariables();
        for (int i : terms) {
            vs.get(i).weight(1);
        }
        Optimisation.Result r = maximise ? model.maximise() : model.minimise();
        for (int i : terms) {
            vs.get(i).weight(0);
        }
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
        for (int i = 0; i < vs.size() && integral; i++) {
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
            Variable below = m.addVariable("sb" + n).lower(0).weight(1);
            Variable above = m.addVariable("sa" + n).lower(0).weight(1);
            e.add(below, 1);
            e.add(above, -1);
            if (c.lower() != Constraint.OPEN_BELOW) {
                e.lower(c.lower() - shift);
            }
            if (c.upper() != Constraint.OPEN_ABOVE) {
                e.upper(c.upper() - shift);
            }
        }
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
