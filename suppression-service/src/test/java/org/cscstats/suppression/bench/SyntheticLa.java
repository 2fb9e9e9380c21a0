package org.cscstats.suppression.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;
import org.cscstats.suppression.support.SyntheticRecords;

/**
 * Random but consistent cubes for one LA: per-referral (and per-child) records are drawn, then aggregated into
 * every breakdown of every measure, so breakdowns add up and relations 2 and 3 hold by construction. Skewed
 * code frequencies (as in real returns) give many small cells. Deterministic for a seed. The records are
 * {@link SyntheticRecords}', as {@code LaHistory}'s are.
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

    private final Random rnd;
    private final Spec spec;
    private final SyntheticRecords draw;
    private final Map<String, Map<String, Long>> cells = new TreeMap<>();

    private SyntheticLa(Spec spec) {
        this.spec = spec;
        this.rnd = new Random(spec.seed());
        this.draw = new SyntheticRecords(rnd, spec.skew());
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
        SyntheticRecords.Referral r = draw.referral();
        for (Measure m : r.measures()) {
            add(m, fy, r.dims());
        }
    }

    private void other(Measure m, String fy, int n) {
        for (int i = 0; i < n; i++) {
            add(m, fy, draw.other(m));
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
        SyntheticRecords.count(cells.computeIfAbsent(m.id() + "|" + fy, k -> new HashMap<>()), m, record);
    }
}
