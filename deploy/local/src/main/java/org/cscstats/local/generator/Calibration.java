package org.cscstats.local.generator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cscstats.contract.Code;
import org.cscstats.contract.CodeLists;

/**
 * The distributions the generator draws from. Ethnicity and outcome mixes are Coventry's published FOI tables,
 * pasted below as printed and pooled over their three years; the rest are noted where they come from.
 */
final class Calibration {
    private Calibration() {
    }

    /** Ethnicity code for a child with no ethnicity recorded (the child object then omits it). */
    static final String NOT_STATED = "not-stated";

    /** What a suppressed "<5" cell stands for: its midpoint. */
    private static final int SUPPRESSED = 2;

    /** FOI633495667 q2: referrals by ethnicity, 2021/22, 2022/23, 2023/24. */
    private static final String REFERRALS_BY_ETHNICITY = """
            African	402	473	462
            Any other Asian background	196	235	233
            Any other Black background	77	101	86
            Any other ethnic group	127	125	100
            Any other mixed background	205	189	166
            Any other White background	337	315	254
            Bangladeshi	34	55	27
            Caribbean	38	45	22
            Chinese	8	6	7
            Gypsy/Roma	123	70	81
            Indian	132	128	121
            Not stated	<5	<5	<5
            Not yet obtained	36	63	106
            Pakistani	178	184	166
            Refused	<5	<5	<5
            Traveller of Irish Heritage	7	29	21
            White and Asian	124	84	105
            White and Black African	54	69	82
            White and Black Caribbean	212	200	159
            White British	2691	2531	2289
            White Irish	6	5	17
            """;

    /**
     * FOI633495667 q5: referral outcomes by ethnicity (No Assessment, No Further Action, Step down, Child in Need
     * Plan, Strategy Discussion, Other), the three years' tables added cell by cell.
     */
    private static final String OUTCOMES_BY_ETHNICITY = """
            African	44	219	33	77	<5	26	28	253	17	132	11	32	18	251	17	117	16	43
            Any other Asian background	32	88	6	40	<5	27	19	120	<5	39	<5	51	10	119	10	50	7	37
            Any other Black background	7	34	<5	29	<5	<5	8	55	7	13	<5	15	<5	46	<5	28	<5	<5
            Any other ethnic group	28	61	<5	22	0	12	14	61	5	24	5	16	8	47	11	28	0	6
            Any other mixed background	36	80	13	50	<5	24	6	97	<5	67	5	12	<5	94	<5	48	<5	14
            Any other White background	75	159	14	47	<5	38	20	165	21	89	<5	18	5	146	9	70	<5	20
            Bangladeshi	<5	15	0	9	0	6	0	24	5	17	<5	7	0	23	<5	<5	0	0
            Caribbean	<5	20	0	11	<5	<5	<5	24	<5	8	<5	6	0	11	0	7	<5	<5
            Chinese	<5	<5	<5	<5	0	0	0	<5	<5	<5	0	0	0	5	0	<5	0	0
            Gypsy/Roma	30	68	<5	10	<5	13	5	51	<5	7	<5	<5	6	65	0	7	<5	<5
            Indian	20	63	6	34	0	9	8	70	<5	34	0	13	<5	70	<5	40	<5	<5
            Not stated	0	0	0	0	0	0	0	<5	0	0	0	<5	0	<5	0	<5	0	0
            Not yet obtained	23	12	0	0	0	<5	12	38	0	6	<5	6	13	56	<5	20	5	10
            Pakistani	31	97	6	39	<5	<5	5	126	5	30	5	13	13	101	6	31	<5	11
            Refused	0	<5	0	0	0	0	0	<5	0	0	0	<5	0	<5	0	0	0	0
            Traveller of Irish Heritage	<5	<5	0	<5	0	0	<5	17	0	9	0	0	<5	15	0	<5	0	<5
            White and Asian	24	61	5	22	<5	11	<5	46	<5	22	<5	8	<5	50	5	39	<5	6
            White and Black African	8	18	7	18	0	<5	<5	46	<5	16	<5	<5	<5	39	<5	24	0	14
            White and Black Caribbean	33	101	6	49	6	17	13	118	10	43	<5	15	10	73	<5	56	6	12
            White British	367	1241	125	722	38	198	106	1384	103	692	52	194	55	1287	83	650	42	172
            White Irish	<5	<5	0	<5	0	0	<5	<5	0	0	0	0	0	15	0	0	0	<5
            """;

    /** Referrals by recorded ethnicity, pooled over the FOI's three years ("not-stated" for Not stated). */
    static final Weighted<String> ETHNICITY = Weighted.of(referralsByEthnicity());

    /** Each ethnicity's outcome mix (same keys as {@link #ETHNICITY}). */
    static final Map<String, Weighted<Outcome>> OUTCOME_BY_ETHNICITY = outcomesByEthnicity();

    /**
     * Age band at referral: children assessed by age, FOI733624266 q3 (FY22–FY25 added up: 4,791, 4,600, 6,130,
     * 2,065), with ~2% of all referrals made before birth (pre-birth referrals, counted as 0-4 by Coventry).
     */
    static final Weighted<String> REFERRAL_AGE_BAND = Weighted.of(
            "unborn", 350, "0-4", 4441, "5-9", 4600, "10-15", 6130, "16+", 2065);

    /** Age band of early help assessments, FOI733624266 q2 (FY22–FY25 added up). */
    static final Weighted<String> EARLY_HELP_AGE_BAND = Weighted.of(
            "0-4", 1429, "5-9", 1888, "10-15", 2746, "16+", 615);

    /** Recorded sex: close to the census (boys slightly more often referred); "U" rare. */
    static final Weighted<String> SEX = Weighted.of("M", 510, "F", 485, "U", 5);

    /**
     * Referral source, code list A: roughly the national CIN census shares (police ~29%, schools ~20%, health
     * ~14%, LA services ~14%, individuals ~8%).
     */
    static final Weighted<String> REFERRAL_SOURCE = Weighted.of(
            "1A", 55, "1B", 5, "1C", 12, "1D", 8, "2A", 195, "2B", 15, "3A", 25, "3B", 20, "3C", 4, "3D", 10,
            "3E", 25, "3F", 60, "4", 20, "5A", 60, "5B", 30, "5C", 20, "5D", 25, "6", 290, "7", 40, "8", 30,
            "9", 10, "10", 15);

    /** Initial category of abuse, roughly the national mix of CP plans started. */
    static final Weighted<String> CP_CATEGORY = Weighted.of("NEG", 48, "EMO", 37, "PHY", 6, "SAB", 4, "MUL", 5);

    /**
     * Assessment factors, code list D, weighted towards the census's most frequent (domestic abuse, parental
     * mental health, emotional abuse, neglect); "21" (no factors) is drawn separately as it stands alone.
     */
    static final Weighted<String> FACTOR = Weighted.of(
            "3B", 30, "4B", 28, "3A", 14, "4A", 12, "18B", 15, "18C", 10, "2B", 10, "1B", 8, "19B", 8, "19C", 4,
            "5A", 5, "6A", 3, "7A", 2, "9A", 3, "10A", 2, "12A", 1, "13A", 3, "14A", 2, "22A", 2, "1A", 1, "1C", 1,
            "2A", 2, "2C", 1, "3C", 2, "4C", 1, "5B", 1, "5C", 1, "6B", 1, "6C", 1, "8B", 1, "8C", 1, "8D", 1,
            "8E", 1, "8F", 1, "11A", 1, "15A", 1, "16A", 1, "17A", 1, "20", 1, "23A", 1, "24A", 1);

    private static Map<String, Integer> referralsByEthnicity() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String line : REFERRALS_BY_ETHNICITY.strip().split("\n")) {
            String[] cells = line.split("\t");
            int sum = 0;
            for (int i = 1; i < cells.length; i++) {
                sum += count(cells[i]);
            }
            m.put(ethnicityCode(cells[0]), sum);
        }
        return m;
    }

    private static Map<String, Weighted<Outcome>> outcomesByEthnicity() {
        Map<String, Weighted<Outcome>> out = new LinkedHashMap<>();
        Outcome[] outcomes = Outcome.values();
        for (String line : OUTCOMES_BY_ETHNICITY.strip().split("\n")) {
            String[] cells = line.split("\t");
            if (cells.length != 1 + 3 * outcomes.length) {
                throw new IllegalStateException("bad outcome row: " + line);
            }
            Map<Outcome, Integer> m = new LinkedHashMap<>();
            for (int o = 0; o < outcomes.length; o++) {
                int sum = 0;
                for (int year = 0; year < 3; year++) {
                    sum += count(cells[1 + year * outcomes.length + o]);
                }
                m.put(outcomes[o], sum);
            }
            out.put(ethnicityCode(cells[0]), Weighted.of(m));
        }
        return Map.copyOf(out);
    }

    private static int count(String cell) {
        return cell.equals("<5") ? SUPPRESSED : Integer.parseInt(cell);
    }

    /** The FOI's labels are code list B's, except "Not yet obtained". */
    private static String ethnicityCode(String label) {
        if (label.equals("Not yet obtained")) {
            return "NOBT";
        }
        for (Code c : CodeLists.ETHNICITIES) {
            if (c.label().equals(label)) {
                return c.code();
            }
        }
        throw new IllegalStateException("no ethnicity code for '" + label + "'");
    }
}
