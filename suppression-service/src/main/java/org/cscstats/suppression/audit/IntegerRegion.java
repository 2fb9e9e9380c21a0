package org.cscstats.suppression.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.suppression.lp.BoundedSimplex;
import org.cscstats.suppression.lp.LinearProgram;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * One connected part of the attacker's system as an integer program: its free figures as integer variables, fixed
 * ones folded into the row bounds. Every solution kept is first checked against every row and bound here, in whole
 * numbers: a kept solution is a point the attacker cannot rule out, whichever solver proposed it, so the span of
 * the kept points lies inside every figure's interval and a bug in a solver can never make a narrow cell look wide.
 * Points are proposed cheaply by a warm-started simplex (kept only where its vertex is integral); optima, which
 * a narrow verdict rests on, come from ojAlgo's integer solver.
 */
final class IntegerRegion {
    /**
     * Upper bound given to figures with none: no count of one LA comes near it, so a solution at it means the
     * figure has no upper bound (and branch and bound needs a bounded region).
     */
    static final double NO_UPPER_BOUND = 1e7;
    /** A solution value this close to a whole number is that number (solvers work in floating point). */
    private static final double INTEGRALITY = 1e-6;
    private static final double INF = Double.POSITIVE_INFINITY;
    /** Beyond this many fractional coordinates a vertex is not worth rounding: the full integer program decides. */
    private static final int MAX_FRACTIONAL = 200;

    private final List<ReaderModel.Row> rows;
    private final ExpressionsBasedModel model = new ExpressionsBasedModel();
    private final Map<Integer, Integer> column = new HashMap<>();
    private final List<Integer> variableOf = new ArrayList<>();
    private final List<double[]> points = new ArrayList<>();
    private final double[] lo;
    private final double[] hi;
    private BoundedSimplex simplex;
    private String lastState;
    private boolean simplexTried;

    IntegerRegion(List<ReaderModel.Row> rows, double[] lo, double[] hi) {
        this.rows = rows;
        this.lo = lo;
        this.hi = hi;
        int i = 0;
        for (ReaderModel.Row r : rows) {
            Expression e = model.addExpression("r" + i++);
            double constant = 0;
            for (int k = 0; k < r.vars().length; k++) {
                int v = r.vars()[k];
                if (free(v)) {
                    e.set(variable(v), r.coefs()[k]);
                } else {
                    constant += r.coefs()[k] * lo[v];
                }
            }
            if (r.lo() != -INF) {
                e.lower(r.lo() - constant);
            }
            if (r.hi() != INF) {
                e.upper(r.hi() - constant);
            }
        }
    }

    private boolean free(int v) {
        return hi[v] - lo[v] > Audit.TOL;
    }

    private Variable variable(int v) {
        Integer c = column.get(v);
        if (c != null) {
            return model.getVariable(c);
        }
        column.put(v, variableOf.size());
        variableOf.add(v);
        return model.addVariable("x" + v).lower(lo[v]).upper(upper(v)).integer(true);
    }

    private double upper(int v) {
        return Math.min(hi[v], NO_UPPER_BOUND);
    }

    boolean feasible() {
        propose(List.of(), false);
        if (!points.isEmpty()) {
            return true; // a checked whole-number point: feasible, whoever found it
        }
        Optimisation.Result r = model.copy().minimise();
        if (r.getState().isFeasible()) {
            keep(values(r));
            return true;
        }
        return false;
    }

    /** The integer minimum (or maximum) of Σ vars, proven by ojAlgo; +∞ for a maximum with no bound. */
    double optimum(List<Integer> vars, boolean max) {
        // A maximum is asked as the minimum of the negated sum: one code path through the solver.
        double[] x = optimal(vars, max ? -1 : 1, false);
        if (x == null) {
            // ojAlgo's branch and bound occasionally ends early on these models; where the relaxation's optimum is
            // whole (and checks out), it is the integer optimum too.
            x = optimal(vars, max ? -1 : 1, true);
        }
        if (x == null) {
            throw new Audit.SolverFailure("the audit's integer program (" + (max ? "max" : "min")
                    + ", " + variableOf.size() + " figures, " + rows.size() + " relations) ended " + lastState);
        }
        double value = sum(x, vars);
        return max || value != INF ? value : sumIgnoringBound(x, vars);
    }

    /** Σ vars at a point; +∞ if one of them sits at the stand-in upper bound (it has none). */
    private double sum(double[] x, List<Integer> vars) {
        double s = 0;
        for (int v : vars) {
            double xv = x[column.get(v)];
            if (xv >= NO_UPPER_BOUND - 0.5) {
                return INF;
            }
            s += xv;
        }
        return s;
    }

    private double sumIgnoringBound(double[] x, List<Integer> vars) {
        double s = 0;
        for (int v : vars) {
            s += x[column.get(v)];
        }
        return s;
    }

    /**
     * The linear relaxation's optimum of Σ vars from ojAlgo (NaN if it did not end optimal): what a verdict rests on
     * when the simplex's proposal says a cell is narrow, so that the verdict never rests on the protection's solver.
     */
    double relaxedOptimum(List<Integer> vars, boolean max) {
        Optimisation.Result r = solve(vars, max ? -1 : 1, true);
        return r.getState().isOptimal() ? sumIgnoringBound(values(r), vars) : Double.NaN;
    }

    /** An optimal solution of Σ sign·vars, checked and kept; null if the solver did not end optimal. */
    private double[] optimal(List<Integer> vars, int sign, boolean relaxed) {
        Optimisation.Result r = solve(vars, sign, relaxed);
        lastState = (lastState == null ? "" : lastState + "; ") + r.getState() + (relaxed ? " (relaxed)" : "");
        return r.getState().isOptimal() ? keep(values(r)) : null;
    }

    /** ojAlgo's minimum of Σ sign·vars over a copy of the region, integer or relaxed. */
    private Optimisation.Result solve(List<Integer> vars, int sign, boolean relaxed) {
        ExpressionsBasedModel m = model.copy();
        if (relaxed) {
            m.relax(true);
        }
        Expression objective = m.addExpression("objective").weight(1);
        Map<Integer, Integer> weight = new HashMap<>();
        for (int v : vars) {
            weight.merge(column.get(v), sign, Integer::sum);
        }
        weight.forEach((c, w) -> objective.set(m.getVariable(c), w));
        return m.minimise();
    }

    /**
     * The relaxation's optimum of Σ vars one way (NaN where the simplex gave none), which bounds the integer optimum
     * from outside, and its vertex where that is not whole (null where it was kept as a point).
     */
    record Proposal(double objective, double[] fractional, int[] columns, double[] coefs) {
        static final Proposal NONE = new Proposal(Double.NaN, null, null, null);
    }

    /**
     * Proposes a point pushing Σ vars down (or up) with the simplex; kept if it is whole and checks out. A proposal
     * proves nothing about integer optima: it adds a point the attacker cannot rule out.
     */
    Proposal propose(List<Integer> vars, boolean up) {
        if (!simplexTried) {
            simplexTried = true;
            simplex = buildSimplex();
        }
        if (simplex == null) {
            return Proposal.NONE;
        }
        int[] idx = new int[vars.size()];
        double[] coef = new double[vars.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = column.get(vars.get(k));
            coef[k] = up ? -1 : 1;
        }
        double objective;
        try {
            objective = simplex.minimise(idx, coef);
        } catch (IllegalStateException e) {
            return Proposal.NONE; // an iteration limit: no proposal, the optimum is asked of ojAlgo instead
        }
        double[] x = new double[variableOf.size()];
        for (int c = 0; c < x.length; c++) {
            x[c] = simplex.value(c);
        }
        return new Proposal(up ? -objective : objective, keep(x) == null ? x : null, idx, coef);
    }

    /** Keeps a whole-number point near a proposal's fractional vertex, if there is one. */
    void round(Proposal p) {
        if (p.fractional() != null) {
            keep(roundedNear(p.fractional(), p.columns(), p.coefs()));
        }
    }

    /**
     * A whole-number point near a fractional vertex: its whole coordinates held, the fractional ones (usually a
     * handful) solved as a small integer program pushing the same way. Only a proposal, checked like any other:
     * where holding the whole coordinates leaves no solution, there is none (null).
     */
    private double[] roundedNear(double[] x, int[] objectiveColumns, double[] objectiveCoefs) {
        Map<Integer, Variable> fractional = new HashMap<>();
        ExpressionsBasedModel near = new ExpressionsBasedModel();
        for (int c = 0; c < x.length; c++) {
            if (Math.abs(x[c] - Math.rint(x[c])) > INTEGRALITY) {
                int v = variableOf.get(c);
                fractional.put(c, near.addVariable("x" + v).lower(lo[v]).upper(upper(v)).integer(true));
            }
        }
        if (fractional.isEmpty() || fractional.size() > MAX_FRACTIONAL) {
            return null;
        }
        int i = 0;
        for (ReaderModel.Row r : rows) {
            Expression e = null;
            double constant = 0;
            for (int k = 0; k < r.vars().length; k++) {
                int v = r.vars()[k];
                Integer c = free(v) ? column.get(v) : null;
                Variable f = c == null ? null : fractional.get(c);
                if (f != null) {
                    e = e == null ? near.addExpression("r" + i++) : e;
                    e.set(f, r.coefs()[k]);
                } else {
                    constant += r.coefs()[k] * (c == null ? lo[v] : Math.rint(x[c]));
                }
            }
            if (e != null) {
                if (r.lo() != -INF) {
                    e.lower(r.lo() - constant);
                }
                if (r.hi() != INF) {
                    e.upper(r.hi() - constant);
                }
            }
        }
        Expression objective = near.addExpression("objective").weight(1);
        for (int k = 0; k < objectiveColumns.length; k++) {
            Variable f = fractional.get(objectiveColumns[k]);
            if (f != null) {
                objective.set(f, objectiveCoefs[k]);
            }
        }
        Optimisation.Result r = near.minimise();
        if (!r.getState().isFeasible()) {
            return null;
        }
        double[] whole = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            Variable f = fractional.get(c);
            whole[c] = f == null ? Math.rint(x[c]) : r.get(near.indexOf(f)).doubleValue();
        }
        return whole;
    }

    private BoundedSimplex buildSimplex() {
        LinearProgram lp = new LinearProgram();
        for (int v : variableOf) {
            lp.addVariable(lo[v], upper(v), 0, lo[v]);
        }
        for (ReaderModel.Row r : rows) {
            int[] idx = new int[r.vars().length];
            double[] cf = new double[r.vars().length];
            int n = 0;
            double constant = 0;
            for (int k = 0; k < r.vars().length; k++) {
                int v = r.vars()[k];
                if (free(v)) {
                    idx[n] = column.get(v);
                    cf[n++] = r.coefs()[k];
                } else {
                    constant += r.coefs()[k] * lo[v];
                }
            }
            idx = java.util.Arrays.copyOf(idx, n);
            cf = java.util.Arrays.copyOf(cf, n);
            if (r.lo() == r.hi()) {
                lp.addRow(idx, cf, LinearProgram.Sense.EQ, r.lo() - constant);
                continue;
            }
            if (r.lo() != -INF) {
                lp.addRow(idx, cf, LinearProgram.Sense.GE, r.lo() - constant);
            }
            if (r.hi() != INF) {
                lp.addRow(idx, cf, LinearProgram.Sense.LE, r.hi() - constant);
            }
        }
        try {
            return BoundedSimplex.feasible(lp);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** [min, max] of Σ vars over the points kept (solving once for a first one if none is). */
    double[] span(List<Integer> vars) {
        if (points.isEmpty() && !feasible()) {
            throw new Audit.SolverFailure("the published figures admit no whole-number solution");
        }
        double min = INF;
        double max = -INF;
        for (double[] x : points) {
            double s = sum(x, vars);
            min = Math.min(min, s == INF ? sumIgnoringBound(x, vars) : s);
            max = Math.max(max, s);
        }
        return new double[] {min, max};
    }

    private double[] values(Optimisation.Result r) {
        double[] x = new double[variableOf.size()];
        for (int c = 0; c < x.length; c++) {
            x[c] = r.get(c).doubleValue();
        }
        return x;
    }

    /** Rounds a solution to whole numbers and keeps it if every bound and row holds exactly; null otherwise. */
    private double[] keep(double[] raw) {
        if (raw == null) {
            return null;
        }
        double[] x = new double[raw.length];
        for (int c = 0; c < x.length; c++) {
            double w = Math.rint(raw[c]);
            if (Math.abs(raw[c] - w) > INTEGRALITY) {
                return null;
            }
            int v = variableOf.get(c);
            if (w < lo[v] || w > upper(v)) {
                return null;
            }
            x[c] = w;
        }
        for (ReaderModel.Row r : rows) {
            double s = 0;
            for (int k = 0; k < r.vars().length; k++) {
                int v = r.vars()[k];
                s += r.coefs()[k] * (free(v) ? x[column.get(v)] : lo[v]);
            }
            // Whole numbers throughout, so the comparison is exact.
            if (s < r.lo() || s > r.hi()) {
                return null;
            }
        }
        points.add(x);
        return x;
    }
}
