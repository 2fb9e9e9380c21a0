package org.cscstats.suppression.protect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cscstats.contract.Relation;
import org.cscstats.suppression.lp.GlopSolver;
import org.cscstats.suppression.lp.LinearProgram;
import org.cscstats.suppression.lp.LpSolution;

/**
 * Solves "move the target by exactly {@code tau}, keeping every relation, at least cost" over a scope of unknowns
 * (all others held at their true values, which is a restriction, so any answer is a valid witness). Each scope
 * unknown may deviate freely within an inner range (what the attacker already cannot rule out) and, for
 * candidates, further within an outer range at a cost per unit (what withholding it would allow). Deviations are
 * measured from the true point, which satisfies every row but the target's; an optimal vertex moves few figures, so
 * the witnesses come out sparse. A presolve first fixes whatever single-unknown equalities determine.
 */
final class PerturbationSolver {

    /** A deviation smaller than this is the solver's floating point, not a move: the figure stays where it is. */
    private static final double NO_DEVIATION = 1e-7;
    /** A row or range holds within this much: the presolve's own arithmetic, not a real violation. */
    private static final double FEASIBILITY = 1e-9;
    /** A deviation the presolve fixes this close to 0 is 0 (what cancelling terms leave behind). */
    private static final double PRESOLVE_ZERO = 1e-12;

    /** One scope unknown: inner deviation range (free), outer range (if withheld) and the outer cost per unit. */
    record Var(int unknown, double innerLo, double innerHi, double outerLo, double outerHi, double outerCost) {
    }

    private final LinkedSystem sys;
    private final int[] rowMark;
    private final int[] colOf;
    private int stamp;
    int solves;

    PerturbationSolver(LinkedSystem sys) {
        this.sys = sys;
        this.rowMark = new int[sys.constraints().size()];
        this.colOf = new int[sys.size()];
        Arrays.fill(colOf, -1);
    }

    /** The cheapest deviation with dev(target) = tau, or null if none exists within the scope. */
    Witness solve(int target, double tau, List<Var> scope) {
        double[] out = new double[1];
        return run(target, tau, 0, 0, scope, false, out);
    }

    /**
     * How far (up to {@code cap}) the target can move in direction {@code sign} if every candidate in scope were
     * withheld: the most protection any pattern near it can give.
     */
    double reach(int target, int sign, double cap, List<Var> scope) {
        double[] out = new double[1];
        Witness w = run(target, 0, sign, cap, scope, true, out);
        return w == null ? 0 : out[0];
    }

    private Witness run(int target, double tau, int sign, double cap, List<Var> scope, boolean reach,
            double[] reached) {
        solves++;
        stamp++;
        IntList rowIds = new IntList();
        markRows(target, rowIds);
        for (Var v : scope) {
            markRows(v.unknown(), rowIds);
        }
        rowIds.sort();
        int nv = scope.size();
        for (int s = 0; s < nv; s++) {
            colOf[scope.get(s).unknown()] = s;
        }
        try {
            // Rows over scope positions; the target's part is moved to the right-hand side (or, when finding the
            // reach, kept as the extra position nv).
            int nr = rowIds.size;
            int[][] pos = new int[nr][];
            int[][] coef = new int[nr][];
            double[] rhs = new double[nr];
            Relation.Sense[] sense = new Relation.Sense[nr];
            IntList[] rowsOf = new IntList[nv + 1];
            for (int r = 0; r < nr; r++) {
                Constraint c = sys.constraints().get(rowIds.at(r));
                rhs[r] = sys.trueSlack(rowIds.at(r));
                sense[r] = c.sense();
                int[] p = new int[c.vars().length];
                int[] a = new int[c.vars().length];
                int n = 0;
                for (int z = 0; z < c.vars().length; z++) {
                    int u = c.vars()[z];
                    int s = u == target ? (reach ? nv : -2) : colOf[u];
                    if (s == -2) {
                        rhs[r] -= c.coefs()[z] * tau;
                    } else if (s >= 0) {
                        p[n] = s;
                        a[n++] = c.coefs()[z] * (s == nv ? sign : 1);
                        if (rowsOf[s] == null) {
                            rowsOf[s] = new IntList();
                        }
                        rowsOf[s].add(r);
                    }
                }
                pos[r] = Arrays.copyOf(p, n);
                coef[r] = Arrays.copyOf(a, n);
            }
            // Presolve: an equality left with one free position fixes it; repeat until nothing changes.
            boolean[] fixed = new boolean[nv + 1];
            double[] fixedDev = new double[nv + 1];
            int[] open = new int[nr];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int r = 0; r < nr; r++) {
                open[r] = pos[r].length;
                if (open[r] == 1 && sense[r] == Relation.Sense.EQ) {
                    queue.add(r);
                }
            }
            while (!queue.isEmpty()) {
                int r = queue.poll();
                if (open[r] != 1) {
                    continue;
                }
                int s = -1;
                int a = 0;
                double rest = rhs[r];
                for (int z = 0; z < pos[r].length; z++) {
                    if (fixed[pos[r][z]]) {
                        rest -= coef[r][z] * fixedDev[pos[r][z]];
                    } else {
                        s = pos[r][z];
                        a = coef[r][z];
                    }
                }
                double dev = rest / a;
                double lo = s == nv ? 0 : scope.get(s).outerLo();
                double hi = s == nv ? cap : scope.get(s).outerHi();
                if (dev < lo - FEASIBILITY || dev > hi + FEASIBILITY) {
                    return null;
                }
                fixed[s] = true;
                fixedDev[s] = Math.abs(dev) < PRESOLVE_ZERO ? 0 : dev;
                for (int z = 0; rowsOf[s] != null && z < rowsOf[s].size; z++) {
                    int r2 = rowsOf[s].at(z);
                    if (--open[r2] == 1 && sense[r2] == Relation.Sense.EQ) {
                        queue.add(r2);
                    }
                }
            }
            LinearProgram lp = new LinearProgram();
            // Columns per free position: the inner deviation (free, 0 at the true value) and, for candidates, outer
            // parts up and down (at their cost): the cheapest vertex moves only what the target's rows force.
            int[][] cols = new int[nv][3];
            for (int s = 0; s < nv; s++) {
                Arrays.fill(cols[s], -1);
                if (fixed[s]) {
                    continue;
                }
                Var v = scope.get(s);
                double outer = reach ? 0 : v.outerCost();
                if (v.innerLo() < v.innerHi()) {
                    cols[s][0] = lp.addVariable(v.innerLo(), v.innerHi(), 0);
                }
                if (v.outerHi() > v.innerHi()) {
                    cols[s][1] = lp.addVariable(0, v.outerHi() - v.innerHi(), outer);
                }
                if (v.outerLo() < v.innerLo()) {
                    cols[s][2] = lp.addVariable(0, v.innerLo() - v.outerLo(), outer);
                }
            }
            int moveCol = reach && !fixed[nv] ? lp.addVariable(0, cap, -1) : -1;
            for (int r = 0; r < nr; r++) {
                double b = rhs[r];
                int[] idx = new int[3 * pos[r].length];
                double[] cf = new double[idx.length];
                int nnz = 0;
                for (int z = 0; z < pos[r].length; z++) {
                    int s = pos[r][z];
                    int a = coef[r][z];
                    if (fixed[s]) {
                        b -= a * fixedDev[s];
                    } else if (s == nv) {
                        idx[nnz] = moveCol;
                        cf[nnz++] = a;
                    } else {
                        for (int w = 0; w < 3; w++) {
                            if (cols[s][w] >= 0) {
                                idx[nnz] = cols[s][w];
                                cf[nnz++] = w == 2 ? -a : a;
                            }
                        }
                    }
                }
                if (nnz == 0) {
                    if (!constantHolds(sense[r], b)) {
                        return null;
                    }
                    continue;
                }
                LinearProgram.Sense ls = switch (sense[r]) {
                    case EQ -> LinearProgram.Sense.EQ;
                    case LE -> LinearProgram.Sense.LE;
                    case GE -> LinearProgram.Sense.GE;
                };
                lp.addRow(Arrays.copyOf(idx, nnz), Arrays.copyOf(cf, nnz), ls, b);
            }
            double[] x;
            if (lp.rowCount() == 0) {
                x = new double[lp.variables()];
                if (moveCol >= 0) {
                    x[moveCol] = cap;
                }
            } else {
                LpSolution sol = GlopSolver.solve(lp);
                if (!sol.optimal()) {
                    return null;
                }
                x = sol.x();
            }
            double move = !reach ? 0 : fixed[nv] ? fixedDev[nv] : x[moveCol];
            reached[0] = move;
            double[] devs = new double[nv];
            for (int s = 0; s < nv; s++) {
                if (fixed[s]) {
                    devs[s] = fixedDev[s];
                    continue;
                }
                double dv = 0;
                for (int w = 0; w < 3; w++) {
                    if (cols[s][w] >= 0) {
                        dv += (w == 2 ? -1 : 1) * x[cols[s][w]];
                    }
                }
                devs[s] = Math.abs(dv) < NO_DEVIATION ? 0 : dv;
            }
            return witness(target, reach ? sign * move : tau, scope, devs);
        } finally {
            for (Var v : scope) {
                colOf[v.unknown()] = -1;
            }
        }
    }

    private static Witness witness(int target, double tau, List<Var> scope, double[] devs) {
        List<int[]> order = new ArrayList<>();
        for (int s = 0; s < scope.size(); s++) {
            if (devs[s] != 0) {
                order.add(new int[] {scope.get(s).unknown(), s});
            }
        }
        order.add(new int[] {target, -1});
        order.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] vars = new int[order.size()];
        double[] dev = new double[order.size()];
        for (int k = 0; k < order.size(); k++) {
            vars[k] = order.get(k)[0];
            dev[k] = order.get(k)[1] < 0 ? tau : devs[order.get(k)[1]];
        }
        return new Witness(target, vars, dev);
    }

    /** A growable list of ints, to keep boxing out of the hot path. */
    static final class IntList {
        int[] a = new int[16];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, 2 * size);
            }
            a[size++] = v;
        }

        int at(int i) {
            return a[i];
        }

        void sort() {
            Arrays.sort(a, 0, size);
        }
    }

    private void markRows(int u, IntList rows) {
        for (int k : sys.constraintsOf(u)) {
            if (rowMark[k] != stamp) {
                rowMark[k] = stamp;
                rows.add(k);
            }
        }
    }

    private static boolean constantHolds(Relation.Sense sense, double rhs) {
        return switch (sense) {
            case EQ -> Math.abs(rhs) < FEASIBILITY;
            case LE -> rhs >= -FEASIBILITY;
            case GE -> rhs <= FEASIBILITY;
        };
    }
}
