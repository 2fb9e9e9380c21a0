package org.cscstats.suppression.lp;

import java.util.List;

/**
 * A dense-tableau primal simplex with bounded variables (two phases, artificial variables), written for the small,
 * highly degenerate, integer-coefficient programs of secondary suppression. Deterministic: Dantzig pricing with a
 * switch to Bland's rule after a run of degenerate pivots (which also rules out cycling), ties broken by index.
 * Row updates skip zeros, which keeps pivots cheap on these network-like tableaux.
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
    private final double[] d;
    private final int[] basis;
    private final int[] basisPos;
    private final boolean[] atUpper;
    private final int firstArtificial;
    private final int[] nz;
    /** Artificial columns that have left the basis: fixed at 0 for good, so no longer updated. */
    private final boolean[] dead;
    private int iterations;
    private final int iterationLimit;

    private BoundedSimplex(LinearProgram lp) {
        List<LinearProgram.Row> rows = lp.rows();
        m = rows.size();
        nStruct = lp.variables();
        int slacks = 0;
        int arts = 0;
        double[] rhs = new double[m];
        LinearProgram.Sense[] sense = new LinearProgram.Sense[m];
        boolean[] negate = new boolean[m];
        for (int i = 0; i < m; i++) {
            LinearProgram.Row row = rows.get(i);
            double r = row.rhs();
            for (int k = 0; k < row.index().length; k++) {
                r -= row.coef()[k] * lp.lower(row.index()[k]);
            }
            LinearProgram.Sense s = row.sense();
            // Normalise to rhs >= 0; a >= row with rhs 0 becomes a <= row so its slack can start basic.
            if (r < 0 || (r == 0 && s == LinearProgram.Sense.GE)) {
                negate[i] = true;
                r = -r;
                s = s == LinearProgram.Sense.LE ? LinearProgram.Sense.GE
                        : s == LinearProgram.Sense.GE ? LinearProgram.Sense.LE : s;
            }
            rhs[i] = r;
            sense[i] = s;
            if (s != LinearProgram.Sense.EQ) {
                slacks++;
            }
            if (s != LinearProgram.Sense.LE) {
                arts++;
            }
        }
        nCols = nStruct + slacks + arts;
        firstArtificial = nStruct + slacks;
        t = new double[m][nCols];
        beta = new double[m];
        ub = new double[nCols];
        d = new double[nCols];
        basis = new int[m];
        basisPos = new int[nCols];
        atUpper = new boolean[nCols];
        nz = new int[nCols];
        dead = new boolean[nCols];
        java.util.Arrays.fill(basisPos, -1);
        for (int j = 0; j < nStruct; j++) {
            ub[j] = lp.upper(j) - lp.lower(j);
        }
        int slack = nStruct;
        int art = firstArtificial;
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
                    setBasic(i, slack++);
                }
                case GE -> {
                    t[i][slack] = -1;
                    ub[slack++] = INF;
                    t[i][art] = 1;
                    ub[art] = INF;
                    setBasic(i, art++);
                }
                case EQ -> {
                    // An equality already satisfied at the start needs no phase-1 work: its artificial is fixed
                    // at 0 and simply leaves the basis when a pivot reaches its row.
                    t[i][art] = 1;
                    ub[art] = rhs[i] == 0 ? 0 : INF;
                    setBasic(i, art++);
                }
            }
        }
        iterationLimit = 50 * (m + nCols) + 1000;
    }

    private void setBasic(int row, int col) {
        basis[row] = col;
        basisPos[col] = row;
    }

    /** Minimises the program; the result's {@code x} holds every variable's value when optimal. */
    public static LpSolution solve(LinearProgram lp) {
        return new BoundedSimplex(lp).run(lp);
    }

    /**
     * Finds a feasible basis once, for minimising many objectives over the same region one after another, each
     * starting from the previous optimum. Null if the region is empty.
     */
    public static BoundedSimplex feasible(LinearProgram lp) {
        BoundedSimplex s = new BoundedSimplex(lp);
        LpSolution.Status st = s.phase1();
        if (st != LpSolution.Status.OPTIMAL) {
            if (st == LpSolution.Status.ITERATION_LIMIT) {
                throw new IllegalStateException("simplex iteration limit in phase 1");
            }
            return null;
        }
        s.lower = new double[s.nStruct];
        for (int j = 0; j < s.nStruct; j++) {
            s.lower[j] = lp.lower(j);
        }
        return s;
    }

    private double[] lower;

    /**
     * Minimises the sparse objective Σ coef·x over the region, from the current basis. Returns the minimum, or
     * negative infinity if unbounded below (the basis stays feasible either way).
     */
    public double minimise(int[] index, double[] coef) {
        java.util.Arrays.fill(d, 0);
        double[] c = new double[nStruct];
        for (int k = 0; k < index.length; k++) {
            c[index[k]] += coef[k];
        }
        for (int j = 0; j < nStruct; j++) {
            d[j] = c[j];
        }
        for (int i = 0; i < m; i++) {
            int b = basis[i];
            double cb = b < nStruct ? c[b] : 0;
            if (cb != 0) {
                double[] row = t[i];
                for (int j = 0; j < nCols; j++) {
                    if (row[j] != 0) {
                        d[j] -= cb * row[j];
                    }
                }
            }
        }
        LpSolution.Status s = iterate();
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
        double v = basisPos[j] >= 0 ? beta[basisPos[j]] : atUpper[j] ? ub[j] : 0;
        return v + lower[j];
    }

    /** Phase 1: minimise the sum of the artificials that start positive; then fix every artificial at 0. */
    private LpSolution.Status phase1() {
        boolean phase1 = false;
        for (int j = firstArtificial; j < nCols; j++) {
            phase1 |= ub[j] == INF;
        }
        if (phase1) {
            for (int j = 0; j < nCols; j++) {
                d[j] = j >= firstArtificial && ub[j] == INF ? 1 : 0;
            }
            for (int i = 0; i < m; i++) {
                if (basis[i] >= firstArtificial && ub[basis[i]] == INF) {
                    for (int j = 0; j < nCols; j++) {
                        d[j] -= t[i][j];
                    }
                }
            }
            LpSolution.Status s = iterate();
            if (s == LpSolution.Status.ITERATION_LIMIT) {
                return s;
            }
            double infeasibility = 0;
            for (int i = 0; i < m; i++) {
                if (basis[i] >= firstArtificial) {
                    infeasibility += beta[i];
                }
            }
            if (infeasibility > FEAS_TOL) {
                return LpSolution.Status.INFEASIBLE;
            }
        }
        for (int j = firstArtificial; j < nCols; j++) {
            ub[j] = 0;
            atUpper[j] = false;
            if (basisPos[j] >= 0) {
                beta[basisPos[j]] = 0;
            } else {
                dead[j] = true;
            }
        }
        return LpSolution.Status.OPTIMAL;
    }

    private LpSolution run(LinearProgram lp) {
        LpSolution.Status p1 = phase1();
        if (p1 != LpSolution.Status.OPTIMAL) {
            return new LpSolution(p1, Double.NaN, null, iterations);
        }
        // Phase 2: the true costs, reduced against the current basis.
        for (int j = 0; j < nCols; j++) {
            d[j] = j < nStruct ? lp.cost(j) : 0;
        }
        for (int i = 0; i < m; i++) {
            double cb = basis[i] < nStruct ? lp.cost(basis[i]) : 0;
            if (cb != 0) {
                double[] row = t[i];
                for (int j = 0; j < nCols; j++) {
                    if (row[j] != 0) {
                        d[j] -= cb * row[j];
                    }
                }
            }
        }
        LpSolution.Status s = iterate();
        if (s != LpSolution.Status.OPTIMAL) {
            return new LpSolution(s, Double.NaN, null, iterations);
        }
        double[] x = new double[nStruct];
        double obj = 0;
        for (int j = 0; j < nStruct; j++) {
            double v = basisPos[j] >= 0 ? beta[basisPos[j]] : atUpper[j] ? ub[j] : 0;
            x[j] = v + lp.lower(j);
            obj += lp.cost(j) * x[j];
        }
        return new LpSolution(LpSolution.Status.OPTIMAL, obj, x, iterations);
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
            double best = 0;
            for (int j = 0; j < nCols; j++) {
                if (basisPos[j] >= 0 || ub[j] == 0 || dead[j]) {
                    continue;
                }
                double score = atUpper[j] ? d[j] : -d[j];
                if (score > TOL) {
                    if (bland) {
                        q = j;
                        break;
                    }
                    if (score > best) {
                        best = score;
                        q = j;
                    }
                }
            }
            if (q < 0) {
                return LpSolution.Status.OPTIMAL;
            }
            int dir = atUpper[q] ? -1 : 1;
            double theta = ub[q];
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
                    double u = ub[basis[i]];
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
                        better = false; // a bound flip of the entering variable is as good and cheaper
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
                atUpper[q] = !atUpper[q];
                continue;
            }
            int leaving = basis[leave];
            boolean leavingUp = -dir * t[leave][q] > 0;
            double enteringValue = (atUpper[q] ? ub[q] : 0) + dir * theta;
            pivot(leave, q);
            basisPos[leaving] = -1;
            if (leaving >= firstArtificial) {
                dead[leaving] = true;
            }
            atUpper[leaving] = leavingUp && ub[leaving] != INF;
            setBasic(leave, q);
            atUpper[q] = false;
            beta[leave] = enteringValue;
        }
    }

    private void pivot(int r, int q) {
        double[] pr = t[r];
        double piv = pr[q];
        int count = 0;
        for (int k = 0; k < nCols; k++) {
            if (pr[k] != 0 && !dead[k]) {
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
