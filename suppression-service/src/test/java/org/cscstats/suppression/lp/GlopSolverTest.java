package org.cscstats.suppression.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Small programs solved by hand, shaped as the protection builds them: bounded variables, equality and inequality rows. */
class GlopSolverTest {
    /** GLOP's answers are floating point; these programs have exact vertices. */
    private static final double SOLVED = 1e-9;

    @Test
    void smallKnownProgram() {
        // min -x - y, x + y <= 4, x - y = 1, 0 <= x <= 3, y >= 0: along x - y = 1 the objective falls until
        // x + y = 4, so x = 2.5, y = 1.5, objective -4 (x's bound 3 is not reached).
        LinearProgram lp = new LinearProgram();
        int x = lp.addVariable(0, 3, -1);
        int y = lp.addVariable(0, Double.POSITIVE_INFINITY, -1);
        lp.addRow(new int[] {x, y}, new double[] {1, 1}, LinearProgram.Sense.LE, 4);
        lp.addRow(new int[] {x, y}, new double[] {1, -1}, LinearProgram.Sense.EQ, 1);
        LpSolution s = GlopSolver.solve(lp);
        assertTrue(s.optimal());
        assertEquals(-4, s.objective(), SOLVED);
        assertEquals(2.5, s.x()[x], SOLVED);
        assertEquals(1.5, s.x()[y], SOLVED);
    }

    @Test
    void aWitnessMovesTheCheaperCellFirst() {
        // A cell moved up by 2 (d = 2) is balanced in its row a + b = d by the two others; a costs 1 a unit and may
        // move at most 1.5, b costs 3: a = 1.5, b = 0.5, cost 1.5 + 1.5 = 3.
        LinearProgram lp = new LinearProgram();
        int d = lp.addVariable(2, 2, 0);
        int a = lp.addVariable(0, 1.5, 1);
        int b = lp.addVariable(0, 10, 3);
        lp.addRow(new int[] {a, b, d}, new double[] {1, 1, -1}, LinearProgram.Sense.EQ, 0);
        LpSolution s = GlopSolver.solve(lp);
        assertTrue(s.optimal());
        assertEquals(1.5, s.x()[a], SOLVED);
        assertEquals(0.5, s.x()[b], SOLVED);
        assertEquals(3, s.objective(), SOLVED);
    }

    @Test
    void aGreaterOrEqualRowBindsFromBelow() {
        // min x + y with x + 2y >= 4, x, y in [0, 10]: y reaches the row at half the cost, y = 2, objective 2.
        LinearProgram lp = new LinearProgram();
        int x = lp.addVariable(0, 10, 1);
        int y = lp.addVariable(0, 10, 1);
        lp.addRow(new int[] {x, y}, new double[] {1, 2}, LinearProgram.Sense.GE, 4);
        LpSolution s = GlopSolver.solve(lp);
        assertTrue(s.optimal());
        assertEquals(0, s.x()[x], SOLVED);
        assertEquals(2, s.x()[y], SOLVED);
        assertEquals(2, s.objective(), SOLVED);
    }

    @Test
    void infeasibleIsReported() {
        // x >= 1 and y = 0 cannot add up to 0.
        LinearProgram lp = new LinearProgram();
        int x = lp.addVariable(1, 4, 0);
        int y = lp.addVariable(0, 0, 0);
        lp.addRow(new int[] {x, y}, new double[] {1, 1}, LinearProgram.Sense.EQ, 0);
        assertEquals(LpSolution.Status.INFEASIBLE, GlopSolver.solve(lp).status());
    }
}
