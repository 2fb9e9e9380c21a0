package org.cscstats.local.generator;

import java.time.LocalDate;
import org.cscstats.contract.CaseEvent;

/**
 * A child's characteristics and what the case system showed for them on each day: an unborn child's expected
 * birth date until the birth is recorded, and "NOBT" until a late-recorded ethnicity is corrected.
 *
 * @param birth              the (actual) birth date, epoch day
 * @param expectedBirth      for a child referred before birth, the expected date (epoch day); else {@link #NONE}
 * @param birthRecorded      the day the actual birth was recorded (a {@code child-details}); else {@link #NONE}
 * @param sex                M, F or U (absent until an unborn child's birth is recorded)
 * @param ethnicity          code list B, or {@link Calibration#NOT_STATED}
 * @param ethnicityRecorded  the day a NOBT first entry was corrected; else {@link #NONE} (right from the start)
 */
record ChildRecord(long birth, long expectedBirth, long birthRecorded, String sex, String ethnicity,
                   long ethnicityRecorded) {

    static final long NONE = Long.MIN_VALUE;

    boolean referredUnborn() {
        return expectedBirth != NONE;
    }

    /** About the day the child turns 18 (no new referral from then on; a day either way does not matter). */
    long eighteenth() {
        return birth + 6574;
    }

    /** Whole years of age on a day (negative before birth). */
    int ageOn(long day) {
        if (day < birth) {
            return -1;
        }
        return LocalDate.ofEpochDay(birth).until(LocalDate.ofEpochDay(day)).getYears();
    }

    /** The child object an event dated {@code day} carries: the recorded values as they stood that day. */
    CaseEvent.Child on(long day) {
        boolean bornOnRecord = !referredUnborn() || (birthRecorded != NONE && day >= birthRecorded);
        String eth = ethnicityRecorded != NONE && day < ethnicityRecorded ? "NOBT" : ethnicity;
        return new CaseEvent.Child(
                bornOnRecord ? LocalDate.ofEpochDay(birth) : null,
                bornOnRecord ? null : LocalDate.ofEpochDay(expectedBirth),
                bornOnRecord ? sex : null,
                Calibration.NOT_STATED.equals(eth) ? null : eth);
    }
}
