package org.cscstats.suppression.lp;

/** The outcome of a solve: status, objective and (if optimal) the values of the variables. */
public record LpSolution(Status status, double objective, double[] x, int iterations) {

    public enum Status { OPTIMAL, INFEASIBLE, UNBOUNDED, ITERATION_LIMIT }

    public boolean optimal() {
        return status == Status.OPTIMAL;
    }
}
