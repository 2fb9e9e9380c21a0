package org.cscstats.contract;

import static org.cscstats.contract.Dimension.AGE_BAND;
import static org.cscstats.contract.Dimension.CATEGORY;
import static org.cscstats.contract.Dimension.ETHNIC_GROUP;
import static org.cscstats.contract.Dimension.ETHNICITY;
import static org.cscstats.contract.Dimension.OUTCOME;
import static org.cscstats.contract.Dimension.REASON;
import static org.cscstats.contract.Dimension.REFERRAL_SOURCE;
import static org.cscstats.contract.Dimension.SEX;
import static org.cscstats.contract.Dimension.STATISTIC;

import java.util.ArrayList;
import java.util.List;

/**
 * The measures of {@code docs/measures.md} › The measures. Each has a list of breakdowns: the empty breakdown is the total, the
 * others are one or two dimensions (for {@code referral-outcomes}, outcome crossed with each of its other
 * dimensions). Wherever ethnicity is a breakdown, ethnic group is one too. A cube holds one cell per code of
 * every breakdown (absent cells are 0).
 */
public enum Measure {
    REFERRALS("referrals", "Referrals", Kind.REFERRAL_COUNT, oneWay(ETHNICITY, AGE_BAND, SEX, REFERRAL_SOURCE)),
    REFERRALS_ASSESSED("referrals-assessed", "Referrals resulting in an assessment", Kind.REFERRAL_COUNT,
            oneWay(ETHNICITY, AGE_BAND)),
    REFERRAL_OUTCOMES("referral-outcomes", "Referral outcomes", Kind.REFERRAL_COUNT,
            crossed(OUTCOME, ETHNICITY, AGE_BAND, REFERRAL_SOURCE)),
    REREFERRALS("rereferrals", "Re-referrals within 12 months", Kind.REFERRAL_COUNT, oneWay(ETHNICITY, AGE_BAND)),
    ASSESSMENTS("assessments", "Children assessed (Children & Families assessments)", Kind.DISTINCT_CHILDREN,
            oneWay(AGE_BAND, ETHNICITY)),
    EARLY_HELP_ASSESSMENTS("early-help-assessments", "Children with an early help assessment", Kind.DISTINCT_CHILDREN,
            oneWay(AGE_BAND, ETHNICITY)),
    CLOSURES_AFTER_ASSESSMENT("closures-after-assessment", "Children whose case closed after assessment",
            Kind.DISTINCT_CHILDREN, oneWay(AGE_BAND, REASON)),
    REREFERRALS_AFTER_CLOSURE("rereferrals-after-closure",
            "Children re-referred within 12 months of a closure after assessment", Kind.DISTINCT_CHILDREN,
            oneWay(AGE_BAND)),
    STEP_DOWNS("step-downs", "Children stepped down to early help", Kind.DISTINCT_CHILDREN, oneWay(AGE_BAND)),
    SECTION47_ENQUIRIES("section47-enquiries", "Section 47 enquiries", Kind.ENTITY_COUNT, oneWay(ETHNICITY, AGE_BAND)),
    CP_PLANS_STARTED("cp-plans-started", "Child protection plans started", Kind.ENTITY_COUNT,
            oneWay(CATEGORY, ETHNICITY, AGE_BAND)),
    CP_PLANS_ENDED("cp-plans-ended", "Child protection plans ended", Kind.ENTITY_COUNT,
            oneWay(CATEGORY, ETHNICITY, AGE_BAND)),
    CP_PLANS_OPEN("cp-plans-open", "Children with a child protection plan on 31 March", Kind.SNAPSHOT,
            oneWay(CATEGORY, ETHNICITY, AGE_BAND)),
    CHILDREN_IN_NEED("children-in-need", "Children in need", Kind.DISTINCT_CHILDREN, oneWay(ETHNICITY, AGE_BAND)),
    CHILDREN_IN_NEED_STARTED("children-in-need-started", "Children in need episodes started", Kind.DISTINCT_CHILDREN,
            oneWay(ETHNICITY, AGE_BAND)),
    CHILDREN_IN_NEED_ENDED("children-in-need-ended", "Children in need episodes ended", Kind.DISTINCT_CHILDREN,
            oneWay(ETHNICITY, AGE_BAND)),
    /**
     * Caseload on 31 March. Its cube cells are {@code statistic=workers}, {@code statistic=highest},
     * {@code statistic=unallocated} and {@code statistic=allocations} (child-worker pairs, from which the
     * mean is {@code allocations / workers}); it is published outside the linked system.
     */
    CASELOAD("caseload", "Social worker caseload on 31 March", Kind.SNAPSHOT, List.of(List.of(STATISTIC)));

    /** How a measure counts; snapshot measures exist for completed years only. */
    public enum Kind { REFERRAL_COUNT, DISTINCT_CHILDREN, ENTITY_COUNT, SNAPSHOT }

    private final String id;
    private final String title;
    private final Kind kind;
    private final List<List<Dimension>> breakdowns;

    Measure(String id, String title, Kind kind, List<List<Dimension>> breakdowns) {
        this.id = id;
        this.title = title;
        this.kind = kind;
        this.breakdowns = breakdowns;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Kind kind() {
        return kind;
    }

    /** Every breakdown, the total ({@code []}) first. */
    public List<List<Dimension>> breakdowns() {
        return breakdowns;
    }

    public boolean snapshot() {
        return kind == Kind.SNAPSHOT;
    }

    public static Measure byId(String id) {
        for (Measure m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown measure '" + id + "'");
    }

    private static List<List<Dimension>> oneWay(Dimension... dims) {
        List<List<Dimension>> out = new ArrayList<>();
        out.add(List.of());
        for (Dimension d : dims) {
            out.add(List.of(d));
            if (d == ETHNICITY) {
                out.add(List.of(ETHNIC_GROUP));
            }
        }
        return List.copyOf(out);
    }

    private static List<List<Dimension>> crossed(Dimension first, Dimension... others) {
        List<List<Dimension>> out = new ArrayList<>(oneWay(others));
        out.add(1, List.of(first));
        for (Dimension d : others) {
            out.add(List.of(first, d));
            if (d == ETHNICITY) {
                out.add(List.of(first, ETHNIC_GROUP));
            }
        }
        return List.copyOf(out);
    }
}
