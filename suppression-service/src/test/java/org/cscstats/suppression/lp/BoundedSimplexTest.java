package org.cscstats.suppression.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/** Cross-checks the simplex against ojAlgo on random bounded programs shaped like suppression problems. */
class BoundedSimplexTest {

    @Test
    void smallKnownProgram() {
        // min -x - y, x + y <= 4, x - y = 1, 0 <= x <= 3, y >= 0  → x = 2.5, y = 1.5
        LinearProgram lp = new LinearProgram();
        int x = lp.addVariable(0, 3, -1);
        int y = lp.addVariable(0, Double.POSITIVE_INFINITY, -1);
        lp.addRow(new int[] {x, y}, new double[] {1, 1}, LinearProgram.Sense.LE, 4);
        lp.addRow(new int[] {x, y}, new double[] {1, -1}, LinearProgram.Sense.EQ, 1);
        LpSolution s = BoundedSimplex.solve(lp);
        assertTrue(s.optimal());
        assertEquals(-4, s.objective(), 1e-9);
        assertEquals(2.5, s.x()[x], 1e-9);
    }

    @Test
    void infeasibleIsReported() {
        LinearProgram lp = new LinearProgram();
        int x = lp.addVariable(1, 4, 0);
        int y = lp.addVariable(0, 0, 0);
        lp.addRow(new int[] {x, y}, new double[] {1, 1}, LinearProgram.Sense.EQ, 0);
        assertEquals(LpSolution.Status.INFEASIBLE, BoundedSimplex.solve(lp).status());
    }

    @Test
    void agreesWithOjAlgoOnRandomPrograms() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + rnd.nextInt(25);
            int m = 1 + rnd.nextInt(20);
            double[] lo = new double[n];
            double[] hi = new double[n];
            double[] c = new double[n];
            double[] point = new double[n];
            for (int j = 0; j < n; j++) {
                lo[j] = rnd.nextInt(3) - 1;
                hi[j] = rnd.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : lo[j] + rnd.nextInt(6);
                c[j] = rnd.nextInt(7) - 2;
                double span = Double.isInfinite(hi[j]) ? 5 : hi[j] - lo[j];
                point[j] = lo[j] + Math.floor(rnd.nextDouble() * (span + 1));
                if (point[j] > hi[j]) {
                    point[j] = hi[j];
                }
            }
            List<int[]> idx = new ArrayList<>();
            List<double[]> coef = new ArrayList<>();
            List<LinearProgram.Sense> sense = new ArrayList<>();
            List<Double> rhs = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                int k = 1 + rnd.nextInt(Math.min(n, 6));
                int[] ix = rnd.ints(0, n).distinct().limit(k).toArray();
                double[] cf = new double[ix.length];
                double val = 0;
                for (int z = 0; z < ix.length; z++) {
                    cf[z] = rnd.nextBoolean() ? 1 : -1;
                    val += cf[z] * point[ix[z]];
                }
                LinearProgram.Sense s = LinearProgram.Sense.values()[rnd.nextInt(3)];
                double r = s == LinearProgram.Sense.EQ ? val : s == LinearProgram.Sense.LE ? val + rnd.nextInt(3)
                        : val - rnd.nextInt(3);
                if (rnd.nextInt(10) == 0) {
                    r += 7; // sometimes infeasible
                }
                idx.add(ix);
                coef.add(cf);
                sense.add(s);
                rhs.add(r);
            }
            LinearProgram lp = new LinearProgram();
            ExpressionsBasedModel model = new ExpressionsBasedModel();
            Variable[] v = new Variable[n];
            for (int j = 0; j < n; j++) {
                double span = Double.isInfinite(hi[j]) ? 3 : hi[j] - lo[j];
                lp.addVariable(lo[j], hi[j], c[j], rnd.nextBoolean() ? lo[j] : lo[j] + Math.floor(rnd.nextDouble() * span));
                v[j] = model.addVariable("x" + j).lower(lo[j]).weight(c[j]);
                if (!Double.isInfinite(hi[j])) {
                    v[j].upper(hi[j]);
                }
            }
            for (int i = 0; i < m; i++) {
                lp.addRow(idx.get(i), coef.get(i), sense.get(i), rhs.get(i));
                Expression e = model.addExpression("r" + i);
                for (int z = 0; z < idx.get(i).length; z++) {
                    e.set(v[idx.get(i)[z]], coef.get(i)[z]);
                }
                switch (sense.get(i)) {
                    case LE -> e.upper(rhs.get(i));
                    case GE -> e.lower(rhs.get(i));
                    case EQ -> e.level(rhs.get(i));
                }
            }
            LpSolution mine = BoundedSimplex.solve(lp);
            Optimisation.Result theirs = model.minimise();
            if (theirs.getState().isOptimal()) {
                assertEquals(LpSolution.Status.OPTIMAL, mine.status(), "trial " + trial);
                assertEquals(theirs.getValue(), mine.objective(), 1e-6, "trial " + trial);
                assertFeasible(lp, mine.x(), idx, coef, sense, rhs, lo, hi);
            } else if (theirs.getState() == Optimisation.State.INFEASIBLE) {
                assertEquals(LpSolution.Status.INFEASIBLE, mine.status(), "trial " + trial);
            } else if (theirs.getState() == Optimisation.State.UNBOUNDED) {
                assertEquals(LpSolution.Status.UNBOUNDED, mine.status(), "trial " + trial);
            }
        }
    }

    @Test
    void warmStartedObjectivesMatchFreshSolves() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int n = 3 + rnd.nextInt(30);
            LinearProgram lp = new LinearProgram();
            double[] point = new double[n];
            for (int j = 0; j < n; j++) {
                point[j] = rnd.nextInt(6);
                lp.addVariable(0, rnd.nextBoolean() ? Double.POSITIVE_INFINITY : point[j] + rnd.nextInt(4), 0);
            }
            for (int i = 0; i < 1 + rnd.nextInt(15); i++) {
                int[] ix = rnd.ints(0, n).distinct().limit(1 + rnd.nextInt(Math.min(n, 5))).toArray();
                double[] cf = new double[ix.length];
                double val = 0;
                for (int z = 0; z < ix.length; z++) {
                    cf[z] = rnd.nextBoolean() ? 1 : -1;
                    val += cf[z] * point[ix[z]];
                }
                lp.addRow(ix, cf, rnd.nextBoolean() ? LinearProgram.Sense.EQ : LinearProgram.Sense.GE, val);
            }
            BoundedSimplex warm = BoundedSimplex.feasible(lp);
            for (int k = 0; k < 10; k++) {
                int j = rnd.nextInt(n);
                double sign = rnd.nextBoolean() ? 1 : -1;
                double got = warm.minimise(new int[] {j}, new double[] {sign});
                LinearProgram fresh = copyWithCost(lp, n, j, sign, rnd);
                LpSolution s = BoundedSimplex.solve(fresh);
                if (s.status() == LpSolution.Status.UNBOUNDED) {
                    assertEquals(Double.NEGATIVE_INFINITY, got);
                } else {
                    assertEquals(s.objective(), got, 1e-7, "trial " + trial);
                }
            }
        }
    }

    private static LinearProgram copyWithCost(LinearProgram lp, int n, int j, double sign, Random unused) {
        LinearProgram out = new LinearProgram();
        for (int v = 0; v < n; v++) {
            out.addVariable(lp.lower(v), lp.upper(v), v == j ? sign : 0);
        }
        for (LinearProgram.Row r : lp.rows()) {
            out.addRow(r.index(), r.coef(), r.sense(), r.rhs());
        }
        return out;
    }

    private static void assertFeasible(LinearProgram lp, double[] x, List<int[]> idx, List<double[]> coef,
            List<LinearProgram.Sense> sense, List<Double> rhs, double[] lo, double[] hi) {
        for (int j = 0; j < x.length; j++) {
            assertTrue(x[j] >= lo[j] - 1e-7 && x[j] <= hi[j] + 1e-7);
        }
        for (int i = 0; i < idx.size(); i++) {
            double s = 0;
            for (int z = 0; z < idx.get(i).length; z++) {
                s += coef.get(i)[z] * x[idx.get(i)[z]];
            }
            switch (sense.get(i)) {
                case LE -> assertTrue(s <= rhs.get(i) + 1e-7);
                case GE -> assertTrue(s >= rhs.get(i) - 1e-7);
                case EQ -> assertEquals(rhs.get(i), s, 1e-7);
            }
        }
    }
}
