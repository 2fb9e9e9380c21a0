package org.cscstats.suppression.bench;

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
 * Random but consistent cubes for one LA: per-referral (and per-child) records are drawn, then aggregated into
 * every breakdown of every measure, so breakdowns add up and relations 2 and 3 hold by construction. Skewed
 * code frequencies (as in real returns) give many small cells. Deterministic for a seed.
 */
public final class SyntheticLa {

    /**
     * @param referralsPerYear referrals in a completed year (the year in progress gets a fraction of it)
     * @param years how many years, the last one in progress
     * @param skew 1 = realistic frequencies; larger makes rare codes rarer (sparser tables)
     */
    public record Spec(String la, long seed, int years, int referralsPerYear, double skew, int lastStartYear) {
        public Spec(String la, long seed, int years, int referralsPerYear, double skew) {
            this(la, seed, years, referralsPerYear, skew, 2024);
        }
    }

    private static final double[] ETHNICITY_W = {54, 0.6, 0.5, 6.5, 2.0, 4.3, 1.4, 2.2, 3.9, 2.7, 3.7, 0.8, 4.7,
        0.8, 9.5, 1.8, 0.15, 2.4, 0.06, 1.2, 0.05};
    private static final double[] AGE_W = {2.5, 27, 25, 33, 11, 1.5};
    private static final double[] SEX_W = {50, 48, 1, 1};
    private static final double[] SOURCE_W = {4, 1, 1.5, 2, 18, 2, 3, 2.5, 0.4, 2, 1.5, 4, 2, 5, 2, 2, 3, 30, 2,
        3, 0.8, 0.3};
    private static final double[] OUTCOME_W = {15, 50, 5, 22, 2, 6};
    private static final double[] REASON_W = {70, 30};
    private static final double[] CATEGORY_W = {45, 8, 4, 38, 5};

    private final Random rnd;
    private final Spec spec;
    private final Map<String, Map<String, Long>> cells = new TreeMap<>();

    private SyntheticLa(Spec spec) {
        this.spec = spec;
        this.rnd = new Random(spec.seed());
    }

    public static List<Cube> generate(Spec spec) {
        return new SyntheticLa(spec).run();
    }

    public static List<String> years(Spec spec) {
        List<String> ys = new ArrayList<>();
        for (int i = spec.years() - 1; i >= 0; i--) {
            ys.add(new FinancialYear(spec.lastStartYear() - i).label());
        }
        return ys;
    }

    private List<Cube> run() {
        List<String> ys = years(spec);
        String partialYear = ys.get(ys.size() - 1);
        for (String fy : ys) {
            boolean partial = fy.equals(partialYear);
            double scale = (partial ? 0.4 : 1.0) * (0.85 + 0.3 * rnd.nextDouble());
            int n = Math.max(1, (int) Math.round(spec.referralsPerYear() * scale));
            for (int i = 0; i < n; i++) {
                referral(fy);
            }
            other(Measure.ASSESSMENTS, fy, (int) (n * 0.8));
            other(Measure.EARLY_HELP_ASSESSMENTS, fy, (int) (n * 0.3));
            other(Measure.CLOSURES_AFTER_ASSESSMENT, fy, (int) (n * 0.5));
            other(Measure.REREFERRALS_AFTER_CLOSURE, fy, (int) (n * 0.05));
            other(Measure.STEP_DOWNS, fy, (int) (n * 0.04));
            other(Measure.REREFERRALS, fy, (int) (n * 0.2));
            other(Measure.SECTION47_ENQUIRIES, fy, (int) (n * 0.15));
            other(Measure.CP_PLANS_STARTED, fy, (int) (n * 0.06));
            other(Measure.CP_PLANS_ENDED, fy, (int) (n * 0.055));
            other(Measure.CHILDREN_IN_NEED, fy, (int) (n * 0.9));
            other(Measure.CHILDREN_IN_NEED_STARTED, fy, (int) (n * 0.6));
            other(Measure.CHILDREN_IN_NEED_ENDED, fy, (int) (n * 0.55));
            if (!partial) {
                other(Measure.CP_PLANS_OPEN, fy, (int) (n * 0.07));
                caseload(fy, n);
            }
        }
        List<Cube> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : cells.entrySet()) {
            String[] mf = e.getKey().split("\\|");
            out.add(new Cube(spec.la(), mf[0], mf[1], mf[1].equals(partialYear), 1, e.getValue()));
        }
        return out;
    }

    private void referral(String fy) {
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
        add(Measure.REFERRALS, fy, d);
        add(Measure.REFERRAL_OUTCOMES, fy, d);
        if (assessed) {
            add(Measure.REFERRALS_ASSESSED, fy, d);
        }
    }

    private void other(Measure m, String fy, int n) {
        Set<Dimension> dims = new LinkedHashSet<>();
        m.breakdowns().forEach(dims::addAll);
        for (int i = 0; i < n; i++) {
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
            add(m, fy, d);
        }
        cells.computeIfAbsent(m.id() + "|" + fy, k -> new HashMap<>());
    }

    private void caseload(String fy, int referrals) {
        long workers = Math.max(0, Math.round(referrals / 40.0 * (0.5 + rnd.nextDouble())));
        long children = workers == 0 ? 0 : workers * (10 + rnd.nextInt(10));
        long highest = workers == 0 ? 0 : children / workers + rnd.nextInt(8);
        Map<String, Long> c = new HashMap<>();
        c.put("statistic=workers", workers);
        c.put("statistic=highest", highest);
        c.put("statistic=allocations", children);
        c.put("statistic=unallocated", (long) rnd.nextInt(Math.max(1, referrals / 200 + 1)));
        cells.put(Measure.CASELOAD.id() + "|" + fy, c);
    }

    private void add(Measure m, String fy, Map<Dimension, String> record) {
        Map<String, Long> cube = cells.computeIfAbsent(m.id() + "|" + fy, k -> new HashMap<>());
        for (List<Dimension> b : m.breakdowns()) {
            List<String> codes = new ArrayList<>(b.size());
            for (Dimension dim : b) {
                codes.add(dim == Dimension.ETHNIC_GROUP ? CodeLists.ethnicGroup(record.get(Dimension.ETHNICITY))
                        : record.get(dim));
            }
            cube.merge(CellKey.of(b, codes), 1L, Long::sum);
        }
    }

    private String pick(List<Code> codes, double[] weights) {
        double total = 0;
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.pow(weights[i], spec.skew());
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
