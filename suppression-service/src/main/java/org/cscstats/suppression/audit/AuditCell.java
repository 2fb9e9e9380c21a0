package org.cscstats.suppression.audit;

/**
 * A withheld cell of one release and the integer interval [min, max] an attacker can derive for it ({@code max}
 * null: no upper bound). Row and column are codes; {@code total} for a totals position. {@code exact}: min and max
 * are the attacker's integer optima; otherwise they are values integer solutions were found at, so the attacker's
 * interval contains [min, max] (enough to show a width of at least p). {@code checked}: the caller asked for this
 * cell to keep width p (a small count).
 */
public record AuditCell(String release, String table, String row, String column, String display, double min,
        Double max, boolean exact, boolean checked) {

    /** Interval widths below this are exact recoveries (solutions are integers; this absorbs solver rounding). */
    public static final double EXACT = 1e-6;

    public double width() {
        return max == null ? Double.POSITIVE_INFINITY : max - min;
    }

    public boolean recovered() {
        return exact && width() < EXACT;
    }

    /** Narrower than the protection width p (exact recoveries included); only meaningful where {@code exact}. */
    public boolean narrowerThan(double p) {
        return width() < p - EXACT;
    }
}
