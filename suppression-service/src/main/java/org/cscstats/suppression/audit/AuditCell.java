package org.cscstats.suppression.audit;

/**
 * A withheld cell of one release and the integer interval [min, max] an attacker can derive for it ({@code max}
 * null: no upper bound). Row and column are codes; {@code total} for a totals position. {@code bound} says how
 * [min, max] relates to the attacker's interval. {@code checked}: the caller asked for this cell to keep width p (a
 * small count).
 */
public record AuditCell(String release, String table, String row, String column, String display, double min,
        Double max, Bound bound, boolean checked) {

    /** How [min, max] was found, and so which way it can differ from the attacker's interval. */
    public enum Bound {
        /** The attacker's integer optima: [min, max] is their interval. */
        EXACT,
        /** Values integer solutions were found at: the attacker's interval contains it (enough to show width p). */
        INNER,
        /** The linear relaxation's optima: the attacker's interval lies inside it (enough to show it narrower). */
        OUTER
    }

    public boolean exact() {
        return bound == Bound.EXACT;
    }

    /** Interval widths below this are exact recoveries (solutions are integers; this absorbs solver rounding). */
    public static final double EXACT = 1e-6;

    public double width() {
        return max == null ? Double.POSITIVE_INFINITY : max - min;
    }

    public boolean recovered() {
        return exact() && width() < EXACT;
    }

    /**
     * Narrower than the protection width p (exact recoveries included): certain where {@code EXACT} or
     * {@code OUTER}; an {@code INNER} span is narrower only where the solver gave no optimum (counted as failing).
     */
    public boolean narrowerThan(double p) {
        return width() < p - EXACT;
    }
}
