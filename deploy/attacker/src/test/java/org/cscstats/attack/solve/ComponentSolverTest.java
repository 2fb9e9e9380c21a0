package org.cscstats.attack.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.attack.model.Constraint;
import org.cscstats.attack.model.Target;
import org.junit.jupiter.api.Test;

/** The component solver on models small enough to know every answer by hand. */
class ComponentSolverTest {

    private static Constraint sum(long value, Constraint.Kind kind, int... vars) {
        int[] ones = new int[vars.length];
        java.util.Arrays.fill(ones, 1);
        return Constraint.equal(vars, ones, value, kind, "sum");
    }

    private static Constraint grows(int later, int earlier) {
        return Constraint.between(new int[] {later, earlier}, new int[] {1, -1}, 0, Constraint.OPEN_ABOVE,
                Constraint.Kind.GROWTH, "grows");
    }

    private static List<Interval> solve(int n, List<Constraint> cs, int p, int... targetVars) {
        Presolve pre = new Presolve(n, cs, Attack.CAP);
        List<Integer> vars = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (!pre.fixed(v)) {
                vars.add(v);
            }
        }
        List<Target> targets = new ArrayList<>();
        for (int v : targetVars) {
            targets.add(new Target(0, new int[] {v}, List.of(), "[c]"));
        }
        int[] protection = new int[targets.size()];
        java.util.Arrays.fill(protection, p);
        return new ComponentSolver(vars, pre.remaining, pre, Attack.CAP).solve(targets, protection);
    }

    @Test
    void twoWithheldPartsOfASmallTotalAreNarrowAndExact() {
        // x0 + x1 = 2: each is 0..2, narrower than p = 3
        List<Interval> out = solve(2, List.of(sum(2, Constraint.Kind.DISPLAY, 0, 1)), 3, 0, 1);
        for (Interval i : out) {
            assertEquals(new Interval(0, 2, Interval.Kind.INTEGER), i);
            assertTrue(i.narrowerThan(3));
        }
    }

    @Test
    void partsOfALargerTotalAreWitnessedWide() {
        // x0 + x1 = 5: each is 0..5; checked points alone show it, no per-cell optimum needed
        List<Interval> out = solve(2, List.of(sum(5, Constraint.Kind.DISPLAY, 0, 1)), 3, 0, 1);
        for (Interval i : out) {
            assertEquals(Interval.Kind.WITNESSED, i.kind());
            assertFalse(i.narrowerThan(3));
            assertTrue(i.width() >= 3);
        }
    }

    @Test
    void integralityNarrowsWhatTheLpWouldNot() {
        // 2·x0 + 2·x1 + x2 = 3 with x2 ≤ 1 (so x2 = 1 in whole numbers): x0 + x1 = 1, x0 in 0..1;
        // the LP alone allows x0 up to 1.5 with x2 = 0
        List<Constraint> cs = List.of(
                Constraint.equal(new int[] {0, 1, 2}, new int[] {2, 2, 1}, 3, Constraint.Kind.DISPLAY, "odd"),
                Constraint.between(new int[] {2}, new int[] {1}, 0, 1, Constraint.Kind.DISPLAY, "small"));
        Interval i = solve(3, cs, 3, 0).get(0);
        assertEquals(0, i.min());
        assertEquals(1, i.max());
        assertTrue(i.narrowerThan(3));
    }

    @Test
    void aCountThatShrankDropsOnlyTheBeliefsItContradicts() {
        // release 0: x0 + x1 = 4; release 1: x2 + x3 = 1; growth x2 ≥ x0, x3 ≥ x1 cannot both hold.
        // In the same component: x4 = 2 printed, x5 + x6 = 5, x7 = 2 printed, growth x5 ≥ x4, x6 ≥ x7 holds and
        // pins x5 to 2..3; it must survive the shrunk count.
        List<Constraint> cs = List.of(sum(4, Constraint.Kind.DISPLAY, 0, 1), sum(1, Constraint.Kind.DISPLAY, 2, 3),
                grows(2, 0), grows(3, 1), sum(2, Constraint.Kind.DISPLAY, 4), sum(5, Constraint.Kind.DISPLAY, 5, 6),
                sum(2, Constraint.Kind.DISPLAY, 7), grows(5, 4), grows(6, 7));
        Presolve pre = new Presolve(8, cs, Attack.CAP);
        List<Integer> vars = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            if (!pre.fixed(v)) {
                vars.add(v);
            }
        }
        ComponentSolver solver = new ComponentSolver(vars, pre.remaining, pre, Attack.CAP);
        List<Interval> out = solver.solve(List.of(new Target(1, new int[] {2}, List.of(), "[c]"),
                new Target(1, new int[] {5}, List.of(), "[c]")), new int[] {3, 3});
        assertFalse(solver.growthDropped);
        assertTrue(solver.beliefsDroppedByElastic >= 1 && solver.beliefsDroppedByElastic <= 2);
        assertEquals(new Interval(0, 1, Interval.Kind.INTEGER), out.get(0));
        assertEquals(new Interval(2, 3, Interval.Kind.INTEGER), out.get(1));
    }

    @Test
    void growthNarrowsALaterReleaseWhenItHolds() {
        // release 0: x0 + x1 = 4 with x0 = 2 printed; release 1: x2 + x3 = 5. Alone x2 is 0..5 (wide); with
        // x2 ≥ x0 = 2 and x3 ≥ x1 = 2 it is 2..3, narrower than 3 only through growth
        List<Constraint> cs = List.of(sum(4, Constraint.Kind.DISPLAY, 0, 1), sum(5, Constraint.Kind.DISPLAY, 2, 3),
                grows(2, 0), grows(3, 1), sum(2, Constraint.Kind.DISPLAY, 0));
        Interval i = solve(4, cs, 3, 2).get(0);
        assertEquals(new Interval(2, 3, Interval.Kind.INTEGER), i);
    }
}
