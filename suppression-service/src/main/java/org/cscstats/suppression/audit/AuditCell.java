package org.cscstats.suppression.audit;

/**
 * A withheld cell and the interval [min, max] an attacker can derive for it by linear programming ({@code max}
 * null: no upper bound). Row and column are codes; {@code total} for a totals position.
 */
public record AuditCell(String table, String row, String column, String display, double min, Double max) {

    /** Interval widths below this are exact recoveries (the LP's own tolerance is far smaller). */
    public static final double EXACT = 1e-6;

    public double width() {
        return max == null ? Double.POSITIVE_INFINITY : max - min;
    }

    public boolean exact() {
        return width() < EXACT;
    }

    /** Narrower than the protection width p (exact recoveries included). */
    public boolean narrowerThan(double p) {
        return width() < p - EXACT;
    }
}
