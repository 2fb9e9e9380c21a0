package org.cscstats.suppression.protect;

import java.util.Arrays;

/**
 * A feasible point the attacker cannot rule out, as deviations from the true values ({@code vars} ascending, the
 * rest 0): proof that {@code target} can be {@code value + dev(target)}. It stays a proof as long as every unknown
 * it moves may still move that far, so adding suppressions never invalidates it.
 */
record Witness(int target, int[] vars, double[] dev) {
    static final double EPS = 1e-7;

    double dev(int u) {
        int k = Arrays.binarySearch(vars, u);
        return k < 0 ? 0 : dev[k];
    }
}
