package org.cscstats.contract;

import static org.cscstats.contract.Dimension.AGE_BAND;
import static org.cscstats.contract.Dimension.ETHNIC_GROUP;
import static org.cscstats.contract.Dimension.ETHNICITY;
import static org.cscstats.contract.Dimension.REFERRAL_SOURCE;

import java.util.List;

/**
 * A relation between measures that a reader knows ({@code docs/measures.md} › Relations a reader knows, 2 and 3),
 * kept once, as data, for both the suppression and the audit code. For one LA and FY, and for the total and
 * every code of each of {@link #over()}, {@code Σ coefficient × cell} {@link #sense()} 0.
 * Relation 1 (breakdowns add up to totals, ethnicity to ethnic group, years to multi-year totals) follows from
 * the shape of each {@link Measure} and table; relation 4 (non-negative, bounds of symbols) from the policy.
 */
public record Relation(String id, String description, List<Term> terms, Sense sense, List<Dimension> over) {

    public enum Sense { EQ, LE, GE }

    /**
     * One measure's cell in the relation. {@code outcome} is null for a measure without an outcome dimension,
     * {@link #ALL_OUTCOMES} for the sum over every outcome, or one outcome code.
     */
    public record Term(int coefficient, Measure measure, String outcome) {
    }

    public static final String ALL_OUTCOMES = "*";

    public static final List<Relation> ALL = List.of(
            new Relation("outcomes-sum-to-referrals",
                    "referral-outcomes summed over outcomes equals referrals for the same breakdown",
                    List.of(new Term(1, Measure.REFERRALS, null),
                            new Term(-1, Measure.REFERRAL_OUTCOMES, ALL_OUTCOMES)),
                    Sense.EQ, List.of(ETHNICITY, ETHNIC_GROUP, AGE_BAND, REFERRAL_SOURCE)),
            new Relation("assessed-at-most-referrals-less-no-assessment",
                    "referrals-assessed <= referrals - referral-outcomes[no-assessment]",
                    List.of(new Term(1, Measure.REFERRALS_ASSESSED, null),
                            new Term(-1, Measure.REFERRALS, null),
                            new Term(1, Measure.REFERRAL_OUTCOMES, "no-assessment")),
                    Sense.LE, List.of(ETHNICITY, ETHNIC_GROUP, AGE_BAND)),
            new Relation("assessed-at-least-nfa-plus-other",
                    "referrals-assessed >= referral-outcomes[nfa] + referral-outcomes[other]",
                    List.of(new Term(1, Measure.REFERRALS_ASSESSED, null),
                            new Term(-1, Measure.REFERRAL_OUTCOMES, "nfa"),
                            new Term(-1, Measure.REFERRAL_OUTCOMES, "other")),
                    Sense.GE, List.of(ETHNICITY, ETHNIC_GROUP, AGE_BAND)));
}
