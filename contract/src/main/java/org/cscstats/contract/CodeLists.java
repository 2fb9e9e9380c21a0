package org.cscstats.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The code lists of {@code docs/events.md} › Code lists (from the DfE CIN census) and the dimension codes of
 * {@code docs/measures.md} › Dimensions.
 */
public final class CodeLists {
    private CodeLists() {
    }

    public static final List<Code> REFERRAL_SOURCES = List.of(
            new Code("1A", "Family member/relative/carer"), new Code("1B", "Acquaintance"), new Code("1C", "Self"),
            new Code("1D", "Other individual"), new Code("2A", "Schools"), new Code("2B", "Education services"),
            new Code("3A", "GP"), new Code("3B", "Health visitor"), new Code("3C", "School nurse"),
            new Code("3D", "Other primary health services"), new Code("3E", "A&E"), new Code("3F", "Other health services"),
            new Code("4", "Housing"), new Code("5A", "LA social care"), new Code("5B", "Other internal LA services"),
            new Code("5C", "External (e.g. another LA)"), new Code("5D", "LA early help"), new Code("6", "Police"),
            new Code("7", "Other legal agency"), new Code("8", "Other"), new Code("9", "Anonymous"), new Code("10", "Unknown"));

    /** Code list B plus {@code not-stated} (no ethnicity recorded), in publication order. */
    public static final List<Code> ETHNICITIES = List.of(
            new Code("WBRI", "White British"), new Code("WIRI", "White Irish"),
            new Code("WIRT", "Traveller of Irish Heritage"), new Code("WOTH", "Any other White background"),
            new Code("WROM", "Gypsy/Roma"),
            new Code("MWBC", "White and Black Caribbean"), new Code("MWBA", "White and Black African"),
            new Code("MWAS", "White and Asian"), new Code("MOTH", "Any other mixed background"),
            new Code("AIND", "Indian"), new Code("APKN", "Pakistani"), new Code("ABAN", "Bangladeshi"),
            new Code("AOTH", "Any other Asian background"),
            new Code("BCRB", "Caribbean"), new Code("BAFR", "African"), new Code("BOTH", "Any other Black background"),
            new Code("CHNE", "Chinese"), new Code("OOTH", "Any other ethnic group"),
            new Code("REFU", "Refused"), new Code("NOBT", "Information not yet obtained"),
            new Code("not-stated", "Not stated"));

    public static final List<Code> ETHNIC_GROUPS = List.of(
            new Code("white", "White"), new Code("mixed", "Mixed or Multiple ethnic groups"),
            new Code("asian", "Asian or Asian British"), new Code("black", "Black, African, Caribbean or Black British"),
            new Code("other", "Other ethnic group"), new Code("not-known", "Not known"));

    private static final Map<String, String> GROUP_OF_ETHNICITY = Map.ofEntries(
            Map.entry("WBRI", "white"), Map.entry("WIRI", "white"), Map.entry("WIRT", "white"),
            Map.entry("WOTH", "white"), Map.entry("WROM", "white"),
            Map.entry("MWBC", "mixed"), Map.entry("MWBA", "mixed"), Map.entry("MWAS", "mixed"), Map.entry("MOTH", "mixed"),
            Map.entry("AIND", "asian"), Map.entry("APKN", "asian"), Map.entry("ABAN", "asian"), Map.entry("AOTH", "asian"),
            Map.entry("BCRB", "black"), Map.entry("BAFR", "black"), Map.entry("BOTH", "black"),
            Map.entry("CHNE", "other"), Map.entry("OOTH", "other"),
            Map.entry("REFU", "not-known"), Map.entry("NOBT", "not-known"), Map.entry("not-stated", "not-known"));

    public static final List<Code> AGE_BANDS = List.of(
            new Code("unborn", "Unborn"), new Code("0-4", "0-4 years"), new Code("5-9", "5-9 years"),
            new Code("10-15", "10-15 years"), new Code("16+", "16 years and over"), new Code("unknown", "Unknown"));

    public static final List<Code> SEXES = List.of(
            new Code("M", "Male"), new Code("F", "Female"), new Code("U", "Not known / indeterminate"),
            new Code("unknown", "Not recorded"));

    public static final List<Code> OUTCOMES = List.of(
            new Code("no-assessment", "No Assessment"), new Code("nfa", "No Further Action"),
            new Code("step-down", "Step down to Early Help / Other Agency"), new Code("cin-plan", "Child in Need Plan"),
            new Code("strategy-discussion", "Strategy Discussion"), new Code("other", "Other"));

    /** Code list C, every reason an event may carry. */
    public static final List<Code> CLOSURE_REASONS = List.of(
            new Code("RC1", "Adopted"), new Code("RC2", "Died"), new Code("RC3", "Child arrangements order"),
            new Code("RC4", "Special guardianship order"), new Code("RC5", "Transferred to another LA"),
            new Code("RC6", "Transferred to adult social care"), new Code("RC7", "Services ceased for any other reason"),
            new Code("RC8", "Case closed after assessment, no further action"),
            new Code("RC9", "Case closed after assessment, referred to early help"));

    /** The reasons the {@code reason} dimension counts (closures after assessment). */
    public static final List<Code> CLOSURE_REASONS_COUNTED = CLOSURE_REASONS.subList(7, 9);

    public static final List<Code> CATEGORIES = List.of(
            new Code("NEG", "Neglect"), new Code("PHY", "Physical abuse"), new Code("SAB", "Sexual abuse"),
            new Code("EMO", "Emotional abuse"), new Code("MUL", "Multiple"));

    public static final List<Code> STATISTICS = List.of(
            new Code("workers", "Workers with cases"), new Code("highest", "Highest caseload"),
            new Code("mean", "Average caseload"), new Code("unallocated", "Children with no allocated worker"));

    /** Code list D: assessment factors. */
    public static final Set<String> ASSESSMENT_FACTORS = Set.of(
            "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C",
            "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A", "18B",
            "18C", "19B", "19C", "20", "21", "22A", "23A", "24A");

    public static final Set<String> SEX_CODES = Set.of("M", "F", "U");

    /** The ethnicity codes an event may carry (code list B, without the derived {@code not-stated}). */
    public static final Set<String> ETHNICITY_CODES = ETHNICITIES.stream().map(Code::code)
            .filter(c -> !c.equals("not-stated")).collect(Collectors.toUnmodifiableSet());

    public static final Set<String> REFERRAL_SOURCE_CODES = codes(REFERRAL_SOURCES);
    public static final Set<String> CLOSURE_REASON_CODES = codes(CLOSURE_REASONS);
    public static final Set<String> CATEGORY_CODES = codes(CATEGORIES);

    /** The major group of an ethnicity code ({@code not-stated} included). */
    public static String ethnicGroup(String ethnicity) {
        String group = GROUP_OF_ETHNICITY.get(ethnicity);
        if (group == null) {
            throw new IllegalArgumentException("unknown ethnicity '" + ethnicity + "'");
        }
        return group;
    }

    private static Set<String> codes(List<Code> list) {
        return list.stream().map(Code::code).collect(Collectors.toUnmodifiableSet());
    }
}
