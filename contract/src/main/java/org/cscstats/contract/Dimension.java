package org.cscstats.contract;

import java.util.List;
import java.util.Optional;

/**
 * The dimensions of {@code docs/measures.md} › Dimensions, their codes in publication order and their labels.
 * {@code fy} has no fixed code list: its codes are the years an LA has.
 */
public enum Dimension {
    FY("fy", "Financial year", List.of()),
    ETHNICITY("ethnicity", "Ethnicity", CodeLists.ETHNICITIES),
    ETHNIC_GROUP("ethnic-group", "Ethnic group", CodeLists.ETHNIC_GROUPS),
    AGE_BAND("age-band", "Age band", CodeLists.AGE_BANDS),
    SEX("sex", "Sex", CodeLists.SEXES),
    REFERRAL_SOURCE("referral-source", "Referral source", CodeLists.REFERRAL_SOURCES),
    OUTCOME("outcome", "Outcome", CodeLists.OUTCOMES),
    REASON("reason", "Reason for closure", CodeLists.CLOSURE_REASONS_COUNTED),
    CATEGORY("category", "Category of abuse", CodeLists.CATEGORIES),
    STATISTIC("statistic", "Statistic", CodeLists.STATISTICS);

    private final String id;
    private final String label;
    private final List<Code> codes;

    Dimension(String id, String label, List<Code> codes) {
        this.id = id;
        this.label = label;
        this.codes = codes;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public List<Code> codes() {
        return codes;
    }

    public Optional<Code> code(String code) {
        return codes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public static Dimension byId(String id) {
        for (Dimension d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dimension '" + id + "'");
    }
}
