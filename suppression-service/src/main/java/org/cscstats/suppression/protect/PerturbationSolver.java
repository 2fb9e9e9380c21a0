package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cscstats.contract.Relation;
import org.cscstats.suppression.protect.lp.BoundedSimplex;
import org.cscstats.suppression.protect.lp.LinearProgram;
import org.cscstats.suppression.protect.lp.LpSolution;

/**
 * Solves "move the target by exactly {@code tau}, keeping every relation, at least cost" over a scope of unknowns
 * (all others held at their true values, which is a restriction, so any answer is a valid witness). Each scope
 * unknown may deviate within an inner range at cost 1 per unit (what the attacker already cannot rule out) and,
 * for candidates, further within an outer range at a higher cost (what withholding it would allow).
 */
final class PerturbationSolver {

    /** One scope unknown: inner deviation range (free), outer range (if withheld) and the outer cost per unit. */
    record Var(int unknown, double innerLo, double innerHi, double outerLo, double outerHi, double outerCost) {
    }

    private final LinkedSystem sys;
    private final int[] rowMark;
    private final int[] colOf;
    private int stamp;
    int solves;
    static String phase = "";
    static long totalNanos, totalRows, totalCols, totalIters;
    static java.util.Map<String, long[]> stats = new java.util.TreeMap<>();

    PerturbationSolver(LinkedSystem sys) {
        this.sys = sys;
        this.rowMark = new int[sys.constraints().size()];
        this.colOf = new int[sys.size()];
        Arrays.fill(colOf, -1);
    }

    /** The cheapest deviation with dev(target) = tau, or null if none exists within the scope. */
    Witness solve(int target, double tau, List<Var> scope) {
        solves++;
        stamp++;
        List<Integer> rows = new ArrayList<>();
        markRows(target, rows);
        for (Var v : scope) {
            markRows(v.unknown(), rows);
        }
        rows.sort(null);
        LinearProgram lp = new LinearProgram();
        // columns per scope var: inner up, inner down, outer up, outer down (absent where the range is empty)
        int[][] cols = new int[scope.size()][4];
        for (int s = 0; s < scope.size(); s++) {
            Var v = scope.get(s);
            colOf[v.unknown()] = s;
            cols[s][0] = v.innerHi() > 0 ? lp.addVariable(0, v.innerHi(), 1) : -1;
            cols[s][1] = v.innerLo() < 0 ? lp.addVariable(0, -v.innerLo(), 1) : -1;
            cols[s][2] = v.outerHi() > v.innerHi() ? lp.addVariable(0, v.outerHi() - v.innerHi(), v.outerCost()) : -1;
            cols[s][3] = v.outerLo() < v.innerLo() ? lp.addVariable(0, v.innerLo() - v.outerLo(), v.outerCost()) : -1;
        }
        try {
            for (int k : rows) {
                Constraint c = sys.constraints().get(k);
                double rhs = sys.trueSlack(k);
                int[] idx = new int[4 * c.vars().length];
                double[] cf = new double[idx.length];
                int nnz = 0;
                for (int z = 0; z < c.vars().length; z++) {
                    int u = c.vars()[z];
                    int a = c.coefs()[z];
                    if (u == target) {
                        rhs -= a * tau;
                        continue;
                    }
                    int s = colOf[u];
                    if (s < 0) {
                        continue;
                    }
                    for (int w = 0; w < 4; w++) {
                        if (cols[s][w] >= 0) {
                            idx[nnz] = cols[s][w];
                            cf[nnz++] = (w % 2 == 0) ? a : -a;
                        }
                    }
                }
                LinearProgram.Sense sense = switch (c.sense()) {
                    case EQ -> LinearProgram.Sense.EQ;
                    case LE -> LinearProgram.Sense.LE;
                    case GE -> LinearProgram.Sense.GE;
                };
                if (nnz == 0) {
                    if (!constantHolds(c.sense(), rhs)) {
                        return null;
                    }
                    continue;
                }
                lp.addRow(Arrays.copyOf(idx, nnz), Arrays.copyOf(cf, nnz), sense, rhs);
            }
            long t0 = System.nanoTime();
            LpSolution sol = BoundedSimplex.solve(lp);
            long dt = System.nanoTime() - t0;
            totalNanos += dt; totalRows += lp.rowCount(); totalCols += lp.variables(); totalIters += sol.iterations();
            String bucket = phase + (lp.variables() < 50 ? " a<50" : lp.variables() < 200 ? " b<200" : lp.variables() < 800 ? " c<800" : " d>=800");
            long[] st = stats.computeIfAbsent(bucket, k -> new long[4]);
            st[0]++; st[1] += dt; st[2] += lp.rowCount(); st[3] += sol.iterations();
            if (!sol.optimal()) {
                return null;
            }
            int count = 1;
            double[] devs = new double[scope.size()];
            for (int s = 0; s < scope.size(); s++) {
                double dv = 0;
                for (int w = 0; w < 4; w++) {
                    if (cols[s][w] >= 0) {
                        dv += (w % 2 == 0 ? 1 : -1) * sol.x()[cols[s][w]];
                    }
                }
                devs[s] = Math.abs(dv) < 1e-9 ? 0 : dv;
                if (devs[s] != 0) {
                    count++;
                }
            }
            int[] vars = new int[count];
            double[] dev = new double[count];
            int k = 0;
            vars[k] = target;
            dev[k++] = tau;
            for (int s = 0; s < scope.size(); s++) {
                if (devs[s] != 0) {
                    vars[k] = scope.get(s).unknown();
                    dev[k++] = devs[s];
                }
            }
            sortTogether(vars, dev);
            return new Witness(target, vars, dev);
        } finally {
            for (Var v : scope) {
                colOf[v.unknown()] = -1;
            }
        }
    }

    private void markRows(int u, List<Integer> rows) {
        for (int k : sys.constraintsOf(u)) {
            if (rowMark[k] != stamp) {
                rowMark[k] = stamp;
                rows.add(k);
            }
        }
    }

    private static boolean constantHolds(Relation.Sense sense, double rhs) {
        return switch (sense) {
            case EQ -> Math.abs(rhs) < 1e-9;
            case LE -> rhs >= -1e-9;
            case GE -> rhs <= 1e-9;
        };
    }

    private static void sortTogether(int[] vars, double[] dev) {
        Integer[] order = new Integer[vars.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(vars[a], vars[b]));
        int[] v2 = new int[vars.length];
        double[] d2 = new double[vars.length];
        for (int i = 0; i < order.length; i++) {
            v2[i] = vars[order[i]];
            d2[i] = dev[order[i]];
        }
        System.arraycopy(v2, 0, vars, 0, vars.length);
        System.arraycopy(d2, 0, dev, 0, dev.length);
    }
}
