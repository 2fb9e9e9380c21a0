package org.cscstats.suppression.lp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A linear program to minimise: variables with a finite lower bound, an upper bound (possibly infinite) and a
 * cost; sparse rows {@code Σ coef·x (≤ | = | ≥) rhs}. Built once and solved by {@link GlopSolver}.
 */
public final class LinearProgram {

    public enum Sense { LE, EQ, GE }

    record Row(int[] index, double[] coef, Sense sense, double rhs) {
    }

    private double[] lower = new double[16];
    private double[] upper = new double[16];
    private double[] cost = new double[16];
    private int n;
    private final List<Row> rows = new ArrayList<>();

    public int addVariable(double lo, double hi, double c) {
        if (Double.isInfinite(lo) || Double.isNaN(lo)) {
            throw new IllegalArgumentException("lower bounds must be finite");
        }
        if (hi < lo) {
            throw new IllegalArgumentException("upper bound below lower bound");
        }
        if (n == lower.length) {
            lower = Arrays.copyOf(lower, 2 * n);
            upper = Arrays.copyOf(upper, 2 * n);
            cost = Arrays.copyOf(cost, 2 * n);
        }
        lower[n] = lo;
        upper[n] = hi;
        cost[n] = c;
        return n++;
    }

    public void addRow(int[] index, double[] coef, Sense sense, double rhs) {
        if (index.length != coef.length) {
            throw new IllegalArgumentException("index and coefficients differ in length");
        }
        for (int j : index) {
            if (j < 0 || j >= n) {
                throw new IllegalArgumentException("no variable " + j);
            }
        }
        rows.add(new Row(index.clone(), coef.clone(), sense, rhs));
    }

    public int variables() {
        return n;
    }

    public int rowCount() {
        return rows.size();
    }

    double lower(int j) {
        return lower[j];
    }

    double upper(int j) {
        return upper[j];
    }

    double cost(int j) {
        return cost[j];
    }

    List<Row> rows() {
        return rows;
    }
}
