package org.cscstats.stats.counting;

import java.time.LocalDate;

/** A referral's closure: its latest {@code closure} event (same date: the greater reason code). */
record Closure(LocalDate date, String reason) {

    static final String NFA = "RC8";
    static final String EARLY_HELP = "RC9";

    /** Whichever of this and {@code other} (possibly null) is the referral's closure. */
    Closure orLater(Closure other) {
        if (other == null) {
            return this;
        }
        int c = date.compareTo(other.date);
        return c > 0 || (c == 0 && reason.compareTo(other.reason) > 0) ? this : other;
    }

    /** RC8 or RC9: the reasons {@code closures-after-assessment} and {@code rereferrals-after-closure} count. */
    boolean afterAssessment() {
        return NFA.equals(reason) || EARLY_HELP.equals(reason);
    }
}
