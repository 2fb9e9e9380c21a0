package org.cscstats.suppression.support;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Code;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;

/**
 * One LA's figures as they stand at a sequence of releases: records (a referral with its outcome, or one count of
 * another measure) are drawn with skewed code frequencies, aggregated into every breakdown so relations hold, and
 * changed between releases as case systems change them — new records in the year in progress, late ones in
 * completed years, ethnicity corrections and retractions. Deterministic for a seed.
 */
public final class LaHistory {
    private static final double[] ETHNICITY_W = {54, 0.6, 0.5, 6.5, 2.0, 4.3, 1.4, 2.2, 3.9, 2.7, 3.7, 0.8, 4.7,
        0.8, 9.5, 1.8, 0.15, 2.4, 0.06, 1.2, 0.05};
    private static final double[] AGE_W = {2.5, 27, 25, 33, 11, 1.5};
    private static final double[] SEX_W = {50, 48, 1, 1};
    private static final double[] SOURCE_W = {4, 1, 1.5, 2, 18, 2, 3, 2.5, 0.4, 2, 1.5, 4, 2, 5, 2, 2, 3, 30, 2,
        3, 0.8, 0.3};
    private static final double[] OUTCOME_W = {15, 50, 5, 22, 2, 6};
    private static final double[] REASON_W = {70, 30};
    private static final double[] CATEGORY_W = {45, 8, 4, 38, 5};
    private static final Measure[] OTHERS = {Measure.ASSESSMENTS, Measure.EARLY_HELP_ASSESSMENTS,
        Measure.CLOSURES_AFTER_ASSESSMENT, Measure.STEP_DOWNS, Measure.SECTION47_ENQUIRIES, Measure.CP_PLANS_STARTED,
        Measure.CHILDREN_IN_NEED};
    private static final double[] OTHER_RATE = {0.8, 0.3, 0.5, 0.04, 0.15, 0.06, 0.9};

    /** One counted thing: the measures it counts in (a referral: referrals, outcomes, maybe assessed) and codes. */
    private record Rec(String fy, List<Measure> measures, Map<Dimension, String> dims) {
    }

    private final String la;
    private final Random rnd;
    private final double skew;
    private final List<String> years;
    private final List<Rec> records = new ArrayList<>();

    /**
     * @param referralsPerYear referrals in a completed year; the year in progress starts at a tenth of it
     * @param skew 1 realistic frequencies, larger makes rare codes rarer
     */
    public LaHistory(String la, long seed, int years, int referralsPerYear, double skew) {
        this.la = la;
        this.rnd = new Random(seed);
        this.skew = skew;
        this.years = new ArrayList<>();
        for (int i = years - 1; i >= 0; i--) {
            this.years.add(new FinancialYear(2024 - i).label());
        }
        for (String fy : this.years) {
            boolean partial = fy.equals(partialYear());
            int n = Math.max(1, (int) Math.round(referralsPerYear * (partial ? 0.1 : 0.85 + 0.3 * rnd.nextDouble())));
            add(fy, n);
        }
    }

    public String partialYear() {
        return years.get(years.size() - 1);
    }

    private void add(String fy, int referrals) {
        for (int i = 0; i < referrals; i++) {
            records.add(referral(fy));
        }
        for (int k = 0; k < OTHERS.length; k++) {
            int n = (int) Math.round(referrals * OTHER_RATE[k] * (0.8 + 0.4 * rnd.nextDouble()));
            for (int i = 0; i < n; i++) {
                records.add(other(OTHERS[k], fy));
            }
        }
    }

    /**
     * What happens between two releases: {@code grow} (a fraction of a year's referrals) more in the year in
     * progress, a few late records in completed years, a few ethnicity corrections and retractions.
     */
    public void advance(double grow) {
        int referrals = (int) records.stream().filter(r -> r.fy().equals(years.get(0))
                && r.measures().get(0) == Measure.REFERRALS).count();
        add(partialYear(), Math.max(1, (int) Math.round(referrals * grow)));
        int changes = Math.max(1, records.size() / 400);
        for (int i = 0; i < changes; i++) {
            String late = years.get(rnd.nextInt(years.size() - 1));
            records.add(rnd.nextBoolean() ? referral(late) : other(OTHERS[rnd.nextInt(OTHERS.length)], late));
            int c = rnd.nextInt(records.size());
            Rec r = records.get(c);
            if (r.dims().containsKey(Dimension.ETHNICITY)) {
                Map<Dimension, String> d = new EnumMap<>(r.dims());
                d.put(Dimension.ETHNICITY, pick(Dimension.ETHNICITY.codes(), ETHNICITY_W));
                records.set(c, new Rec(r.fy(), r.measures(), d));
            }
            records.remove(rnd.nextInt(records.size()));
        }
    }

    /** The cubes as they stand now (version numbers as a stats service would give them are not needed here). */
    public List<Cube> cubes() {
        Map<String, Map<String, Long>> cells = new TreeMap<>();
        for (String fy : years) {
            cells.put(Measure.REFERRALS.id() + "|" + fy, new HashMap<>());
            cells.put(Measure.REFERRAL_OUTCOMES.id() + "|" + fy, new HashMap<>());
            cells.put(Measure.REFERRALS_ASSESSED.id() + "|" + fy, new HashMap<>());
            for (Measure m : OTHERS) {
                cells.put(m.id() + "|" + fy, new HashMap<>());
            }
        }
        for (Rec r : records) {
            for (Measure m : r.measures()) {
                Map<String, Long> cube = cells.get(m.id() + "|" + r.fy());
                for (List<Dimension> b : m.breakdowns()) {
                    List<String> codes = new ArrayList<>(b.size());
                    for (Dimension dim : b) {
                        codes.add(dim == Dimension.ETHNIC_GROUP
                                ? CodeLists.ethnicGroup(r.dims().get(Dimension.ETHNICITY)) : r.dims().get(dim));
                    }
                    cube.merge(CellKey.of(b, codes), 1L, Long::sum);
                }
            }
        }
        List<Cube> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : cells.entrySet()) {
            String[] mf = e.getKey().split("\\|");
            out.add(new Cube(la, mf[0], mf[1], mf[1].equals(partialYear()), 1, e.getValue()));
        }
        return out;
    }

    private Rec referral(String fy) {
        Map<Dimension, String> d = new EnumMap<>(Dimension.class);
        d.put(Dimension.ETHNICITY, pick(Dimension.ETHNICITY.codes(), ETHNICITY_W));
        d.put(Dimension.AGE_BAND, pick(Dimension.AGE_BAND.codes(), AGE_W));
        d.put(Dimension.SEX, pick(Dimension.SEX.codes(), SEX_W));
        d.put(Dimension.REFERRAL_SOURCE, pick(Dimension.REFERRAL_SOURCE.codes(), SOURCE_W));
        String outcome = pick(Dimension.OUTCOME.codes(), OUTCOME_W);
        d.put(Dimension.OUTCOME, outcome);
        // Relation 3 holds by construction: no-assessment is never assessed; nfa and other always are.
        boolean assessed = switch (outcome) {
            case "no-assessment" -> false;
            case "nfa", "other" -> true;
            default -> rnd.nextDouble() < 0.85;
        };
        return new Rec(fy, assessed ? List.of(Measure.REFERRALS, Measure.REFERRAL_OUTCOMES, Measure.REFERRALS_ASSESSED)
                : List.of(Measure.REFERRALS, Measure.REFERRAL_OUTCOMES), d);
    }

    private Rec other(Measure m, String fy) {
        Set<Dimension> dims = new LinkedHashSet<>();
        m.breakdowns().forEach(dims::addAll);
        Map<Dimension, String> d = new EnumMap<>(Dimension.class);
        for (Dimension dim : dims) {
            switch (dim) {
                case ETHNICITY -> d.put(dim, pick(dim.codes(), ETHNICITY_W));
                case AGE_BAND -> d.put(dim, pick(dim.codes(), AGE_W));
                case REASON -> d.put(dim, pick(dim.codes(), REASON_W));
                case CATEGORY -> d.put(dim, pick(dim.codes(), CATEGORY_W));
                default -> { }
            }
        }
        return new Rec(fy, List.of(m), d);
    }

    private String pick(List<Code> codes, double[] weights) {
        double total = 0;
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.pow(weights[i], skew);
            total += w[i];
        }
        double r = rnd.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            r -= w[i];
            if (r < 0) {
                return codes.get(i).code();
            }
        }
        return codes.get(w.length - 1).code();
    }
}
