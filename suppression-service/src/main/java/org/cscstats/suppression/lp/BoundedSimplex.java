package org.cscstats.suppression.lp;

import java.util.Arrays;
import java.util.List;

/**
 * A dense-tableau primal simplex with bounded variables, written for the small, highly degenerate,
 * integer-coefficient programs of secondary suppression and auditing. Two phases; artificial variables have no
 * tableau columns (once one leaves the basis it never returns), and a non-basic variable may sit anywhere within
 * its bounds, so a program can start from a known point (e.g. the true values) and phase 1 only repairs the rows
 * that point violates. Deterministic: Dantzig pricing with a switch to Bland's rule after a run of degenerate
 * pivots (which also rules out cycling), ties broken by index. Row updates skip zeros.
 */
public final class BoundedSimplex {

    /** Reduced costs and pivots smaller than this count as zero. */
    static final double TOL = 1e-9;
    /** Phase 1 ends feasible only if the artificials sum to less than this. */
    static final double FEAS_TOL = 1e-7;
    private static final double INF = Double.POSITIVE_INFINITY;

    private final int m;
    private final int nStruct;
    private final int nCols;
    private final double[][] t;
    private final double[] beta;
    private final double[] ub;
    /** Value (above the lower bound) of each non-basic column. */
    private final double[] nbv;
    private final double[] d;
    /** Column basic in each row; nCols + i for row i's artificial. */
    private final int[] basis;
    private final int[] basisPos;
    /** Upper bound of each row's artificial: infinite while phase 1 must drive it out, else 0. */
    private final double[] artUb;
    private final double[] lower;
    private final int[] nz;
    private int iterations;
    private final int iterationLimit;

    private BoundedSimplex(LinearProgram lp) {
        List<LinearProgram.Row> rows = lp.rows();
        m = rows.size();
        nStruct = lp.variables();
        lower = new double[nStruct];
        int slacks = 0;
        double[] rhs = new double[m];
        LinearProgram.Sense[] sense = new LinearProgram.Sense[m];
        boolean[] negate = new boolean[m];
        for (int i = 0; i < m; i++) {
            LinearProgram.Row row = rows.get(i);
            double r = row.rhs();
            for (int k = 0; k < row.index().length; k++) {
                r -= row.coef()[k] * lp.start(row.index()[k]);
            }
            LinearProgram.Sense s = row.sense();
            // Normalise to a residual >= 0; a >= row with residual 0 becomes a <= row so its slack starts basic.
            if (r < 0 || (r == 0 && s == LinearProgram.Sense.GE)) {
                negate[i] = true;
                r = -r;
                s = s == LinearProgram.Sense.LE ? LinearProgram.Sense.GE
                        : s == LinearProgram.Sense.GE ? LinearProgram.Sense.LE : s;
            }
            rhs[i] = Math.abs(r) < 1e-12 ? 0 : r;
            sense[i] = s;
            if (s != LinearProgram.Sense.EQ) {
                slacks++;
            }
        }
        nCols = nStruct + slacks;
        t = new double[m][nCols];
        beta = new double[m];
        ub = new double[nCols];
        nbv = new double[nCols];
        d = new double[nCols];
        basis = new int[m];
        basisPos = new int[nCols];
        artUb = new double[m];
        nz = new int[nCols];
        Arrays.fill(basisPos, -1);
        for (int j = 0; j < nStruct; j++) {
            lower[j] = lp.lower(j);
            ub[j] = lp.upper(j) - lp.lower(j);
            nbv[j] = lp.start(j) - lp.lower(j);
        }
        int slack = nStruct;
        for (int i = 0; i < m; i++) {
            LinearProgram.Row row = rows.get(i);
            double sign = negate[i] ? -1 : 1;
            for (int k = 0; k < row.index().length; k++) {
                t[i][row.index()[k]] += sign * row.coef()[k];
            }
            beta[i] = rhs[i];
            switch (sense[i]) {
                case LE -> {
                    t[i][slack] = 1;
                    ub[slack] = INF;
                    basis[i] = slack;
                    basisPos[slack++] = i;
                }
                case GE -> {
                    t[i][slack] = -1;
                    ub[slack++] = INF;
                    basis[i] = nCols + i;
                    artUb[i] = rhs[i] > 0 ? INF : 0;
                }
                case EQ -> {
                    // An equality the start already satisfies needs no phase-1 work: its artificial is fixed at 0
                    // and leaves the basis when a pivot reaches its row.
                    basis[i] = nCols + i;
                    artUb[i] = rhs[i] > 0 ? INF : 0;
                }
            }
        }
        iterationLimit = 50 * (m + nCols) + 1000;
    }

    /** Minimises the program; the result's {@code x} holds every variable's value when optimal. */
    public static LpSolution solve(LinearProgram lp) {
        BoundedSimplex s = new BoundedSimplex(lp);
        LpSolution.Status p1 = s.phase1();
        if (p1 != LpSolution.Status.OPTIMAL) {
            return new LpSolution(p1, Double.NaN, null, s.iterations);
        }
        int[] idx = new int[s.nStruct];
        double[] c = new double[s.nStruct];
        int n = 0;
        for (int j = 0; j < s.nStruct; j++) {
            if (lp.cost(j) != 0) {
                idx[n] = j;
                c[n++] = lp.cost(j);
            }
        }
        LpSolution.Status p2 = s.phase2(Arrays.copyOf(idx, n), Arrays.copyOf(c, n));
        if (p2 != LpSolution.Status.OPTIMAL) {
            return new LpSolution(p2, Double.NaN, null, s.iterations);
        }
        double[] x = new double[s.nStruct];
        double obj = 0;
        for (int j = 0; j < s.nStruct; j++) {
            x[j] = s.value(j);
            obj += lp.cost(j) * x[j];
        }
        return new LpSolution(LpSolution.Status.OPTIMAL, obj, x, s.iterations);
    }

    /**
     * Finds a feasible basis once, for minimising many objectives over the same region one after another, each
     * starting from the previous optimum. Null if the region is empty.
     */
    public static BoundedSimplex feasible(LinearProgram lp) {
        BoundedSimplex s = new BoundedSimplex(lp);
        LpSolution.Status st = s.phase1();
        if (st == LpSolution.Status.ITERATION_LIMIT) {
            throw new IllegalStateException("simplex iteration limit in phase 1");
        }
        return st == LpSolution.Status.OPTIMAL ? s : null;
    }

    /**
     * Minimises the sparse objective Σ coef·x over the region, from the current basis. Returns the minimum, or
     * negative infinity if unbounded below (the basis stays feasible either way).
     */
    public double minimise(int[] index, double[] coef) {
        LpSolution.Status s = phase2(index, coef);
        if (s == LpSolution.Status.UNBOUNDED) {
            return Double.NEGATIVE_INFINITY;
        }
        if (s != LpSolution.Status.OPTIMAL) {
            throw new IllegalStateException("simplex iteration limit");
        }
        double obj = 0;
        for (int k = 0; k < index.length; k++) {
            obj += coef[k] * value(index[k]);
        }
        return obj;
    }

    /** The current value of structural variable j. */
    public double value(int j) {
        double v = basisPos[j] >= 0 ? beta[basisPos[j]] : nbv[j];
        return v + lower[j];
    }

    private double basicUb(int i) {
        int b = basis[i];
        return b < nCols ? ub[b] : artUb[i];
    }

    /** Phase 1: minimise the sum of the artificials that start positive; then fix every artificial at 0. */
    private LpSolution.Status phase1() {
        boolean needed = false;
        Arrays.fill(d, 0);
        for (int i = 0; i < m; i++) {
            if (basis[i] >= nCols && artUb[i] == INF) {
                needed = true;
                double[] row = t[i];
                for (int j = 0; j < nCols; j++) {
                    if (row[j] != 0) {
                        d[j] -= row[j];
                    }
                }
            }
        }
        if (needed) {
            LpSolution.Status s = iterate();
            if (s == LpSolution.Status.ITERATION_LIMIT) {
                return s;
            }
            double infeasibility = 0;
            for (int i = 0; i < m; i++) {
                if (basis[i] >= nCols) {
                    infeasibility += beta[i];
                }
            }
            if (infeasibility > FEAS_TOL) {
                return LpSolution.Status.INFEASIBLE;
            }
        }
        for (int i = 0; i < m; i++) {
            artUb[i] = 0;
            if (basis[i] >= nCols) {
                beta[i] = 0;
            }
        }
        return LpSolution.Status.OPTIMAL;
    }

    /** Phase 2 for a sparse objective: reduced costs against the current basis, then iterate. */
    private LpSolution.Status phase2(int[] index, double[] coef) {
        Arrays.fill(d, 0);
        double[] cb = new double[m];
        boolean any = false;
        for (int k = 0; k < index.length; k++) {
            int j = index[k];
            if (basisPos[j] >= 0) {
                cb[basisPos[j]] += coef[k];
                any = true;
            } else {
                d[j] += coef[k];
            }
        }
        if (any) {
            for (int i = 0; i < m; i++) {
                if (cb[i] != 0) {
                    double[] row = t[i];
                    for (int j = 0; j < nCols; j++) {
                        if (row[j] != 0 && basisPos[j] < 0) {
                            d[j] -= cb[i] * row[j];
                        }
                    }
                }
            }
        }
        return iterate();
    }

    private LpSolution.Status iterate() {
        int degenerateRun = 0;
        boolean bland = false;
        int start = iterations;
        while (true) {
            if (++iterations - start > iterationLimit) {
                return LpSolution.Status.ITERATION_LIMIT;
            }
            int q = -1;
            int dir = 0;
            double best = 0;
            for (int j = 0; j < nCols; j++) {
                if (basisPos[j] >= 0 || ub[j] == 0) {
                    continue;
                }
                double dj = d[j];
                int dj0;
                if (dj < -TOL && nbv[j] < ub[j]) {
                    dj0 = 1;
                } else if (dj > TOL && nbv[j] > 0) {
                    dj0 = -1;
                } else {
                    continue;
                }
                double score = Math.abs(dj);
                if (bland) {
                    q = j;
                    dir = dj0;
                    break;
                }
                if (score > best) {
                    best = score;
                    q = j;
                    dir = dj0;
                }
            }
            if (q < 0) {
                return LpSolution.Status.OPTIMAL;
            }
            double theta = dir > 0 ? ub[q] - nbv[q] : nbv[q];
            int leave = -1;
            double leavePivot = 0;
            for (int i = 0; i < m; i++) {
                double a = t[i][q];
                if (Math.abs(a) < TOL) {
                    continue;
                }
                double delta = -dir * a;
                double lim;
                if (delta < 0) {
                    lim = beta[i] / -delta;
                } else {
                    double u = basicUb(i);
                    if (u == INF) {
                        continue;
                    }
                    lim = (u - beta[i]) / delta;
                }
                if (lim < 0) {
                    lim = 0;
                }
                boolean better;
                if (leave < 0 && theta == INF) {
                    better = true;
                } else if (lim < theta - 1e-12) {
                    better = true;
                } else if (lim <= theta + 1e-12) {
                    if (leave < 0) {
                        better = false; // moving the entering variable to its bound is as good and cheaper
                    } else if (bland) {
                        better = basis[i] < basis[leave];
                    } else {
                        better = Math.abs(a) > Math.abs(leavePivot) + 1e-12
                                || (Math.abs(a) >= Math.abs(leavePivot) - 1e-12 && basis[i] < basis[leave]);
                    }
                } else {
                    better = false;
                }
                if (better) {
                    theta = lim;
                    leave = i;
                    leavePivot = a;
                }
            }
            if (theta == INF) {
                return LpSolution.Status.UNBOUNDED;
            }
            if (theta > 0) {
                for (int i = 0; i < m; i++) {
                    double a = t[i][q];
                    if (a != 0) {
                        beta[i] -= dir * a * theta;
                    }
                }
            }
            degenerateRun = theta < 1e-11 ? degenerateRun + 1 : 0;
            if (degenerateRun > 30) {
                bland = true;
            }
            if (leave < 0) {
                nbv[q] = dir > 0 ? ub[q] : 0;
                continue;
            }
            int leaving = basis[leave];
            boolean leavingUp = -dir * t[leave][q] > 0;
            double enteringValue = nbv[q] + dir * theta;
            pivot(leave, q);
            if (leaving < nCols) {
                basisPos[leaving] = -1;
                nbv[leaving] = leavingUp && ub[leaving] != INF ? ub[leaving] : 0;
            }
            basis[leave] = q;
            basisPos[q] = leave;
            beta[leave] = enteringValue;
        }
    }

    private void pivot(int r, int q) {
        double[] pr = t[r];
        double piv = pr[q];
        int count = 0;
        for (int k = 0; k < nCols; k++) {
            if (pr[k] != 0) {
                pr[k] /= piv;
                nz[count++] = k;
            }
        }
        pr[q] = 1;
        for (int i = 0; i < m; i++) {
            if (i == r) {
                continue;
            }
            double[] row = t[i];
            double f = row[q];
            if (f == 0) {
                continue;
            }
            for (int z = 0; z < count; z++) {
                int k = nz[z];
                double v = row[k] - f * pr[k];
                row[k] = Math.abs(v) < 1e-13 ? 0 : v;
            }
            row[q] = 0;
        }
        double f = d[q];
        if (f != 0) {
            for (int z = 0; z < count; z++) {
                int k = nz[z];
                double v = d[k] - f * pr[k];
                d[k] = Math.abs(v) < 1e-13 ? 0 : v;
            }
            d[q] = 0;
        }
    }
}
