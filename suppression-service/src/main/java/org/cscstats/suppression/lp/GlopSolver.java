package org.cscstats.suppression.lp;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * Solves a {@link LinearProgram} with Google OR-Tools' GLOP, a sparse revised simplex: the protection's linear
 * programs span thousands of figures once earlier releases join them, where a dense tableau spends its time on
 * zeros. Deterministic: the same program gives the same vertex on every run.
 */
public final class GlopSolver {
    static {
        Loader.loadNativeLibraries(); // once per JVM: OR-Tools is native code shipped in its jars
    }

    private GlopSolver() {
    }

    public static LpSolution solve(LinearProgram lp) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        try {
            double inf = MPSolver.infinity();
            MPVariable[] x = new MPVariable[lp.variables()];
            MPObjective objective = solver.objective();
            for (int j = 0; j < x.length; j++) {
                double hi = lp.upper(j);
                x[j] = solver.makeNumVar(lp.lower(j), Double.isInfinite(hi) ? inf : hi, "");
                if (lp.cost(j) != 0) {
                    objective.setCoefficient(x[j], lp.cost(j));
                }
            }
            objective.setMinimization();
            for (LinearProgram.Row row : lp.rows()) {
                double lo = row.sense() == LinearProgram.Sense.LE ? -inf : row.rhs();
                double hi = row.sense() == LinearProgram.Sense.GE ? inf : row.rhs();
                MPConstraint c = solver.makeConstraint(lo, hi);
                for (int k = 0; k < row.index().length; k++) {
                    c.setCoefficient(x[row.index()[k]], row.coef()[k]);
                }
            }
            MPSolver.ResultStatus status = solver.solve();
            LpSolution.Status s = switch (status) {
                case OPTIMAL -> LpSolution.Status.OPTIMAL;
                case INFEASIBLE -> LpSolution.Status.INFEASIBLE;
                case UNBOUNDED -> LpSolution.Status.UNBOUNDED;
                default -> LpSolution.Status.ITERATION_LIMIT;
            };
            if (s != LpSolution.Status.OPTIMAL) {
                return new LpSolution(s, Double.NaN, null, 0);
            }
            double[] values = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                values[j] = x[j].solutionValue();
            }
            return new LpSolution(s, objective.value(), values, (int) solver.iterations());
        } finally {
            solver.delete();
        }
    }
}
