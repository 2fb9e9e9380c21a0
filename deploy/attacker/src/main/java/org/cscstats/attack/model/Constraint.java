package org.cscstats.attack.model;

import java.util.Arrays;

/**
 * {@code lower ≤ Σ coefficients[i] × x[variables[i]] ≤ upper} over the attacker's integer variables; an open side
 * is {@link #OPEN_BELOW} / {@link #OPEN_ABOVE}. A belief ({@link Kind#belief()}) is what the attacker assumes but
 * may find contradicted (counts do not shrink; a note's claim); the rest holds by construction.
 */
public record Constraint(int[] variables, int[] coefficients, long lower, long upper, Kind kind, String why) {
    public static final long OPEN_BELOW = Long.MIN_VALUE;
    public static final long OPEN_ABOVE = Long.MAX_VALUE;

    public enum Kind {
        /** a printed figure or a symbol's stated range (docs/disclosure.md › Symbols) */
        DISPLAY,
        /** a breakdown sums to its total, ethnicities to their group (docs/measures.md › Relations a reader knows, 1) */
        BREAKDOWN,
        /** docs/measures.md › Relations a reader knows, 2 and 3 */
        RELATION,
        /** a table note's claim about a symbol */
        NOTE,
        /** across releases: a count in a later release is at least the same count in an earlier one */
        GROWTH;

        public boolean belief() {
            return this == NOTE || this == GROWTH;
        }
    }

    public static Constraint between(int[] vars, int[] coefs, long lower, long upper, Kind kind, String why) {
        return new Constraint(vars, coefs, lower, upper, kind, why);
    }

    public static Constraint equal(int[] vars, int[] coefs, long value, Kind kind, String why) {
        return new Constraint(vars, coefs, value, value, kind, why);
    }

    /** Whether the assignment satisfies it. */
    public boolean holds(long[] x) {
        long sum = 0;
        for (int i = 0; i < variables.length; i++) {
            sum += coefficients[i] * x[variables[i]];
        }
        return sum >= lower && sum <= upper;
    }

    @Override
    public String toString() {
        return why + " " + Arrays.toString(variables) + " in [" + (lower == OPEN_BELOW ? "-inf" : lower) + ", "
                + (upper == OPEN_ABOVE ? "inf" : upper) + "]";
    }
}
