package org.cscstats.suppression.support;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
    private static final Measure[] OTHERS = {Measure.ASSESSMENTS, Measure.EARLY_HELP_ASSESSMENTS,
        Measure.CLOSURES_AFTER_ASSESSMENT, Measure.STEP_DOWNS, Measure.SECTION47_ENQUIRIES, Measure.CP_PLANS_STARTED,
        Measure.CHILDREN_IN_NEED};
    private static final double[] OTHER_RATE = {0.8, 0.3, 0.5, 0.04, 0.15, 0.06, 0.9};

    /** One counted thing: the measures it counts in (a referral: referrals, outcomes, maybe assessed) and codes. */
    private record Rec(String fy, List<Measure> measures, Map<Dimension, String> dims) {
    }

    private final String la;
    private final Random rnd;
    private final SyntheticRecords draw;
    private final List<String> years;
    private final List<Rec> records = new ArrayList<>();

    /**
     * @param referralsPerYear referrals in a completed year; the year in progress starts at a tenth of it
     * @param skew 1 realistic frequencies, larger makes rare codes rarer
     */
    public LaHistory(String la, long seed, int years, int referralsPerYear, double skew) {
        this.la = la;
        this.rnd = new Random(seed);
        this.draw = new SyntheticRecords(rnd, skew);
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
                d.put(Dimension.ETHNICITY, draw.ethnicity());
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
                SyntheticRecords.count(cells.get(m.id() + "|" + r.fy()), m, r.dims());
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
        SyntheticRecords.Referral r = draw.referral();
        return new Rec(fy, r.measures(), r.dims());
    }

    private Rec other(Measure m, String fy) {
        return new Rec(fy, List.of(m), draw.other(m));
    }
}
