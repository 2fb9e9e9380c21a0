package org.cscstats.local.generator;

/**
 * How untidy the delivered feed is. The messiness never changes what happened to a child, only how it is
 * recorded and sent: it draws from its own random stream, so a clean and a messy run of one seed describe
 * the same case histories (and, once deduplicated and retractions applied, the same figures).
 *
 * @param duplicateRate           share of events sent a second time (identical content, a few days later)
 * @param lateRate                share of events delivered 30–730 days after their date
 * @param outOfOrderRate          share of events delivered 1..{@code outOfOrderWindowDays} days late, so they
 *                                arrive after events dated later
 * @param outOfOrderWindowDays    the window of that local shuffle, in days (≥ 1)
 * @param ethnicityCorrectionRate share of referred children first recorded as NOBT ("not yet obtained") and
 *                                corrected by a later {@code child-details}
 * @param retractionRate          share of referrals that get one event recorded in error and later retracted
 */
public record Messiness(double duplicateRate, double lateRate, double outOfOrderRate, int outOfOrderWindowDays,
                        double ethnicityCorrectionRate, double retractionRate) {

    public static final Messiness NONE = new Messiness(0, 0, 0, 1, 0, 0);
    public static final Messiness DEFAULT = new Messiness(0.01, 0.005, 0.05, 7, 0.05, 0.005);

    public Messiness {
        rate("duplicateRate", duplicateRate);
        rate("lateRate", lateRate);
        rate("outOfOrderRate", outOfOrderRate);
        rate("ethnicityCorrectionRate", ethnicityCorrectionRate);
        rate("retractionRate", retractionRate);
        if (lateRate + outOfOrderRate > 1) {
            throw new IllegalArgumentException("lateRate + outOfOrderRate must be at most 1");
        }
        if (outOfOrderWindowDays < 1) {
            throw new IllegalArgumentException("outOfOrderWindowDays must be at least 1");
        }
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
        }
    }
}
