package org.cscstats.suppression.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Integer optima against their relaxation, on regions small enough to solve by hand. */
class IntegerRegionTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static ReaderModel.Row row(int[] vars, double[] coefs, double lo, double hi) {
        return new ReaderModel.Row("hand-worked", vars, coefs, lo, hi, false);
    }

    /**
     * x, y in 0..10 with 2y − 2x ≤ 1 and 2x + 2y ≤ 7, that is y ≤ x + ½ and y ≤ 3½ − x: the relaxation's highest y
     * is 2 at x = 1½, but no whole x reaches it (x = 1 or 2 both leave y ≤ 1½), so the integer maximum is 1.
     */
    @Test
    void aRoundedRelaxationNoWholePointReachesIsNotTakenForTheOptimum() {
        try (IntegerRegion region = new IntegerRegion(List.of(
                row(new int[] {0, 1}, new double[] {-2, 2}, -INF, 1),
                row(new int[] {0, 1}, new double[] {2, 2}, -INF, 7)), new double[] {0, 0}, new double[] {10, 10})) {
            IntegerRegion.Proposal p = region.propose(List.of(1), true);
            assertEquals(2.0, p.objective(), 1e-9);
            assertEquals(1.0, region.optimum(List.of(1), true, p));
            assertEquals(1.0, region.optimum(List.of(1), true)); // CP-SAT alone agrees
        }
    }

    /**
     * x in 0..10 with 2x ≤ 5: the relaxation's maximum is 2½, its whole part 2 is reached by x = 2 (rounded near the
     * vertex), so that is the integer maximum without the integer program; the minimum 0 is a whole vertex.
     */
    @Test
    void aWholePointAtTheRoundedRelaxationIsTheOptimum() {
        try (IntegerRegion region = new IntegerRegion(List.of(row(new int[] {0}, new double[] {2}, -INF, 5)),
                new double[] {0}, new double[] {10})) {
            IntegerRegion.Proposal up = region.propose(List.of(0), true);
            assertEquals(2.5, up.objective(), 1e-9);
            assertEquals(2.0, region.optimum(List.of(0), true, up));
            IntegerRegion.Proposal down = region.propose(List.of(0), false);
            assertEquals(0.0, region.optimum(List.of(0), false, down));
        }
    }

    /** x + y = 3 in whole numbers, x at most 2 and y at most 2: x spans 1..2. */
    @Test
    void aTotalOverTwoBoundedCellsLeavesEachOneTheRestOfTheTotal() {
        try (IntegerRegion region = new IntegerRegion(List.of(row(new int[] {0, 1}, new double[] {1, 1}, 3, 3)),
                new double[] {0, 0}, new double[] {2, 2})) {
            assertEquals(1.0, region.optimum(List.of(0), false, region.propose(List.of(0), false)));
            assertEquals(2.0, region.optimum(List.of(0), true, region.propose(List.of(0), true)));
        }
    }
}
