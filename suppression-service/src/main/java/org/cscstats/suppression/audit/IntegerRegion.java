package org.cscstats.suppression.audit;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connected part of the attacker's system as an integer program: its free figures as integer variables, fixed
 * ones folded into the row bounds. Every solution kept is first checked against every row and bound here, in whole
 * numbers: a kept solution is a point the attacker cannot rule out, whichever solver proposed it, so the span of
 * the kept points lies inside every figure's interval and a bug in a solver can never make a narrow cell look wide.
 *
 * <p>Both solvers are Google OR-Tools: GLOP (a sparse revised simplex) gives the linear relaxation's optima, which
 * propose points and bound the integer optima from outside; CP-SAT proves integer optima, which a narrow verdict
 * rests on where the relaxation is wide. A pass never rests on either solver's word, only on points checked here.
 */
final class IntegerRegion implements AutoCloseable {
    static {
        Loader.loadNativeLibraries(); // once per JVM: OR-Tools is native code shipped in its jars
    }

    /**
     * Upper bound given to figures with none: no count of one LA comes near it, so a solution at it means the
     * figure has no upper bound (and the integer solver needs a bounded region).
     */
    static final long NO_UPPER_BOUND = 10_000_000;
    /** A solution value this close to a whole number is that number (the relaxation is solved in floating point). */
    private static final double INTEGRALITY = 1e-6;
    /** Beyond this many fractional coordinates a vertex is not worth rounding: the full integer program decides. */
    private static final int MAX_FRACTIONAL = 200;
    /**
     * Wall time one integer optimum may take before the audit gives up on it (the cell then fails: fail closed).
     * Optima of these models take milliseconds; the limit is there so a pathological model cannot hang a release.
     */
    private static final double INTEGER_SECONDS = 60;
    private static final double INF = Double.POSITIVE_INFINITY;

    private final List<ReaderModel.Row> rows;
    private final Map<Integer, Integer> column = new HashMap<>();
    private final List<Integer> variableOf = new ArrayList<>();
    private final List<double[]> points = new ArrayList<>();
    private final double[] lo;
    private final double[] hi;
    /** Each row over the region's columns, with fixed figures folded into its bounds. */
    private final List<int[]> rowColumns = new ArrayList<>();
    private final List<long[]> rowCoefs = new ArrayList<>();
    private final List<double[]> rowBounds = new ArrayList<>();
    private MPSolver relaxation;
    private MPVariable[] relaxed;
    private CpModel integer;
    private IntVar[] whole;

    IntegerRegion(List<ReaderModel.Row> rows, double[] lo, double[] hi) {
        this.rows = rows;
        this.lo = lo;
        this.hi = hi;
        for (ReaderModel.Row r : rows) {
            int[] cols = new int[r.vars().length];
            long[] coefs = new long[r.vars().length];
            int n = 0;
            double constant = 0;
            for (int k = 0; k < r.vars().length; k++) {
                int v = r.vars()[k];
                if (free(v)) {
                    cols[n] = columnOf(v);
                    coefs[n++] = Math.round(r.coefs()[k]); // the relations' coefficients are whole numbers
                } else {
                    constant += r.coefs()[k] * lo[v];
                }
            }
            rowColumns.add(Arrays.copyOf(cols, n));
            rowCoefs.add(Arrays.copyOf(coefs, n));
            rowBounds.add(new double[] {r.lo() - constant, r.hi() - constant});
        }
    }

    private boolean free(int v) {
        return hi[v] - lo[v] > Audit.TOL;
    }

    private int columnOf(int v) {
        return column.computeIfAbsent(v, x -> {
            variableOf.add(x);
            return variableOf.size() - 1;
        });
    }

    private double upper(int v) {
        return Math.min(hi[v], NO_UPPER_BOUND);
    }

    boolean feasible() {
        propose(List.of(), false);
        if (!points.isEmpty()) {
            return true; // a checked whole-number point: feasible, whoever found it
        }
        CpModel m = integerModel().getClone();
        return keep(solveInteger(m, null)) != null;
    }

    /** The integer minimum (or maximum) of Σ vars, proven by CP-SAT; +∞ for a maximum with no bound. */
    double optimum(List<Integer> vars, boolean max) {
        CpModel m = integerModel().getClone();
        // A maximum is asked as the minimum of the negated sum: one code path through the solver.
        m.minimize(objective(vars, max ? -1 : 1));
        hintLastPoint(m);
        CpSolver solver = new CpSolver();
        double[] x = solveInteger(m, solver);
        if (x == null || keep(x) == null) {
            throw new Audit.SolverFailure("the audit's integer program (" + (max ? "max" : "min") + ", "
                    + variableOf.size() + " figures, " + rows.size() + " relations) ended " + solver.response()
                    .getStatus());
        }
        double value = sum(x, vars);
        return max || value != INF ? value : sumIgnoringBound(x, vars);
    }

    /**
     * The integer minimum (or maximum) of Σ vars given the relaxation's optimum {@code p} of the same sum: no whole
     * point lies beyond the relaxation's optimum rounded to a whole number, so a checked point at that number is the
     * integer optimum, and CP-SAT is asked only where none is found (kept already, or rounded near the vertex).
     */
    double optimum(List<Integer> vars, boolean max, Proposal p) {
        if (Double.isNaN(p.objective()) || p.objective() >= NO_UPPER_BOUND - 0.5) {
            return optimum(vars, max);
        }
        // The relaxation's floating point may sit a hair beyond a whole optimum: the margin keeps it from
        // rounding past it.
        double limit = max ? Math.floor(p.objective() + WHOLE_OPTIMUM_MARGIN)
                : Math.ceil(p.objective() - WHOLE_OPTIMUM_MARGIN) + 0.0; // + 0.0: never -0
        if (attained(vars, limit)) {
            return limit;
        }
        round(p);
        return attained(vars, limit) ? limit : optimum(vars, max);
    }

    /** Tolerance between the relaxation's optimum and the whole number it rounds to. */
    private static final double WHOLE_OPTIMUM_MARGIN = 1e-6;

    /** True if a kept point has Σ vars exactly {@code value}. */
    private boolean attained(List<Integer> vars, double value) {
        for (double[] x : points) {
            if (sum(x, vars) == value) {
                return true;
            }
        }
        return false;
    }

    /** A whole-number solution of the model (OPTIMAL, or FEASIBLE where it has no objective); null otherwise. */
    private double[] solveInteger(CpModel m, CpSolver given) {
        CpSolver solver = given != null ? given : new CpSolver();
        // One worker: the same model gives the same solution on every run, so releases are reproducible.
        solver.getParameters().setNumWorkers(1).setMaxTimeInSeconds(INTEGER_SECONDS);
        CpSolverStatus status = solver.solve(m);
        boolean done = status == CpSolverStatus.OPTIMAL || (status == CpSolverStatus.FEASIBLE && !m.getBuilder()
                .hasObjective());
        if (!done) {
            return null;
        }
        double[] x = new double[whole.length];
        for (int c = 0; c < x.length; c++) {
            x[c] = solver.value(whole[c]); // a copy keeps the variables' indices
        }
        return x;
    }

    private LinearExpr objective(List<Integer> vars, int sign) {
        Map<Integer, Long> weight = weights(vars, sign);
        IntVar[] vs = new IntVar[weight.size()];
        long[] ws = new long[weight.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> e : weight.entrySet()) {
            vs[i] = whole[e.getKey()];
            ws[i++] = e.getValue();
        }
        return LinearExpr.weightedSum(vs, ws);
    }

    private Map<Integer, Long> weights(List<Integer> vars, long sign) {
        Map<Integer, Long> weight = new HashMap<>();
        for (int v : vars) {
            weight.merge(column.get(v), sign, Long::sum);
        }
        return weight;
    }

    /** The last point kept as a starting solution: CP-SAT then only has to improve on it. */
    private void hintLastPoint(CpModel m) {
        if (!points.isEmpty()) {
            double[] x = points.get(points.size() - 1);
            for (int c = 0; c < x.length; c++) {
                m.addHint(whole[c], (long) x[c]);
            }
        }
    }

    /** The region as a CP-SAT model without objective, built once (copies are solved). */
    private CpModel integerModel() {
        if (integer == null) {
            integer = new CpModel();
            whole = new IntVar[variableOf.size()];
            for (int c = 0; c < whole.length; c++) {
                int v = variableOf.get(c);
                whole[c] = integer.newIntVar((long) Math.ceil(lo[v] - INTEGRALITY),
                        (long) Math.floor(upper(v) + INTEGRALITY), "x" + v);
            }
            for (int i = 0; i < rowColumns.size(); i++) {
                int[] cols = rowColumns.get(i);
                IntVar[] vs = new IntVar[cols.length];
                for (int k = 0; k < cols.length; k++) {
                    vs[k] = whole[cols[k]];
                }
                LinearExpr e = LinearExpr.weightedSum(vs, rowCoefs.get(i));
                double[] b = rowBounds.get(i);
                // Whole-number coefficients and variables: a row's sum is whole, so its bounds round inwards.
                if (b[0] != -INF) {
                    integer.addGreaterOrEqual(e, (long) Math.ceil(b[0] - INTEGRALITY));
                }
                if (b[1] != INF) {
                    integer.addLessOrEqual(e, (long) Math.floor(b[1] + INTEGRALITY));
                }
            }
        }
        return integer;
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
     * The linear relaxation's optimum of Σ vars one way (NaN where GLOP did not end optimal), which bounds the
     * integer optimum from outside, and its vertex where that is not whole (null where it was kept as a point).
     */
    record Proposal(double objective, double[] fractional, int[] columns, long[] coefs) {
        static final Proposal NONE = new Proposal(Double.NaN, null, null, null);
    }

    /**
     * The relaxation's optimum pushing Σ vars down (or up); its vertex is kept as a point if it is whole and checks
     * out. The optimum bounds the integer one from outside; the point only shows a value the attacker cannot rule
     * out.
     */
    Proposal propose(List<Integer> vars, boolean up) {
        MPSolver lp = relaxation();
        MPObjective objective = lp.objective();
        objective.clear();
        Map<Integer, Long> weight = weights(vars, up ? -1 : 1);
        int[] cols = new int[weight.size()];
        long[] coefs = new long[weight.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> e : weight.entrySet()) {
            objective.setCoefficient(relaxed[e.getKey()], e.getValue());
            cols[i] = e.getKey();
            coefs[i++] = e.getValue();
        }
        objective.setMinimization();
        if (lp.solve() != MPSolver.ResultStatus.OPTIMAL) {
            return Proposal.NONE; // no optimum: the integer optimum is asked of CP-SAT instead
        }
        double[] x = new double[relaxed.length];
        for (int c = 0; c < x.length; c++) {
            x[c] = relaxed[c].solutionValue();
        }
        double value = objective.value();
        return new Proposal(up ? -value : value, keep(x) == null ? x : null, cols, coefs);
    }

    /** The region as a GLOP model, built once; each proposal only changes its objective, so GLOP warm-starts. */
    private MPSolver relaxation() {
        if (relaxation == null) {
            relaxation = MPSolver.createSolver("GLOP");
            relaxed = new MPVariable[variableOf.size()];
            for (int c = 0; c < relaxed.length; c++) {
                int v = variableOf.get(c);
                relaxed[c] = relaxation.makeNumVar(lo[v], upper(v), "x" + v);
            }
            double inf = MPSolver.infinity();
            for (int i = 0; i < rowColumns.size(); i++) {
                double[] b = rowBounds.get(i);
                MPConstraint row = relaxation.makeConstraint(b[0] == -INF ? -inf : b[0], b[1] == INF ? inf : b[1]);
                int[] cols = rowColumns.get(i);
                for (int k = 0; k < cols.length; k++) {
                    row.setCoefficient(relaxed[cols[k]], rowCoefs.get(i)[k]);
                }
            }
        }
        return relaxation;
    }

    /** Keeps a whole-number point near a proposal's fractional vertex, if there is one. */
    void round(Proposal p) {
        if (p.fractional() != null) {
            keep(roundedNear(p.fractional(), p.columns(), p.coefs()));
        }
    }

    /**
     * A whole-number point near a fractional vertex: its whole coordinates held, the fractional ones (usually a
     * handful) solved as an integer program pushing the same way. Only a proposal, checked like any other: where
     * holding the whole coordinates leaves no solution, there is none (null).
     */
    private double[] roundedNear(double[] x, int[] objectiveColumns, long[] objectiveCoefs) {
        CpModel m = integerModel().getClone();
        int fractional = 0;
        for (int c = 0; c < x.length; c++) {
            if (Math.abs(x[c] - Math.rint(x[c])) > INTEGRALITY) {
                fractional++;
            } else {
                m.addEquality(whole[c], (long) Math.rint(x[c]));
            }
        }
        if (fractional == 0 || fractional > MAX_FRACTIONAL) {
            return null;
        }
        IntVar[] vs = new IntVar[objectiveColumns.length];
        for (int k = 0; k < vs.length; k++) {
            vs[k] = whole[objectiveColumns[k]];
        }
        m.minimize(LinearExpr.weightedSum(vs, objectiveCoefs));
        return solveInteger(m, null);
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

    /** Frees the native GLOP model (CP-SAT models are plain Java until solved). */
    @Override
    public void close() {
        if (relaxation != null) {
            relaxation.delete();
            relaxation = null;
        }
    }
}
