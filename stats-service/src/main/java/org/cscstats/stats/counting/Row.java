package org.cscstats.stats.counting;

import org.cscstats.contract.Dimension;

/**
 * The event-level codes of one counted thing (null where its measure has no such dimension); ethnicity and sex
 * are the child's and come from {@link Characteristics}.
 */
record Row(String ageBand, String referralSource, String outcome, String reason, String category) {

    static Row age(String ageBand) {
        return new Row(ageBand, null, null, null, null);
    }

    String code(Dimension d, Characteristics child) {
        return switch (d) {
            case ETHNICITY -> child.ethnicity();
            case ETHNIC_GROUP -> child.ethnicGroup();
            case SEX -> child.sex();
            case AGE_BAND -> ageBand;
            case REFERRAL_SOURCE -> referralSource;
            case OUTCOME -> outcome;
            case REASON -> reason;
            case CATEGORY -> category;
            case FY, STATISTIC -> throw new IllegalArgumentException(d.id() + " is not an event-level dimension");
        };
    }
}
