package org.cscstats.suppression.support;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Code;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;

/**
 * The records both synthetic generators ({@link LaHistory}, {@code bench.SyntheticLa}) are made of: one referral or
 * one count of another measure, its codes drawn with skewed frequencies (as in real returns), and how a record counts
 * in every breakdown of a measure. Draws come from the generator's own {@link Random} in a fixed order: tests and
 * benchmarks pin figures that depend on it, so a change here changes them.
 */
public final class SyntheticRecords {
    private static final double[] ETHNICITY_W = {54, 0.6, 0.5, 6.5, 2.0, 4.3, 1.4, 2.2, 3.9, 2.7, 3.7, 0.8, 4.7,
        0.8, 9.5, 1.8, 0.15, 2.4, 0.06, 1.2, 0.05};
    private static final double[] AGE_W = {2.5, 27, 25, 33, 11, 1.5};
    private static final double[] SEX_W = {50, 48, 1, 1};
    private static final double[] SOURCE_W = {4, 1, 1.5, 2, 18, 2, 3, 2.5, 0.4, 2, 1.5, 4, 2, 5, 2, 2, 3, 30, 2,
        3, 0.8, 0.3};
    private static final double[] OUTCOME_W = {15, 50, 5, 22, 2, 6};
    private static final double[] REASON_W = {70, 30};
    private static final double[] CATEGORY_W = {45, 8, 4, 38, 5};

    /** A referral's codes and whether it was assessed. */
    public record Referral(Map<Dimension, String> dims, boolean assessed) {
        /** The measures it counts in: referrals and outcomes, and referrals assessed if it was. */
        public List<Measure> measures() {
            return assessed ? List.of(Measure.REFERRALS, Measure.REFERRAL_OUTCOMES, Measure.REFERRALS_ASSESSED)
                    : List.of(Measure.REFERRALS, Measure.REFERRAL_OUTCOMES);
        }
    }

    private final Random rnd;
    private final double skew;

    /** @param skew 1 realistic frequencies, larger makes rare codes rarer */
    public SyntheticRecords(Random rnd, double skew) {
        this.rnd = rnd;
        this.skew = skew;
    }

    public Referral referral() {
        Map<Dimension, String> d = new EnumMap<>(Dimension.class);
        d.put(Dimension.ETHNICITY, ethnicity());
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
        return new Referral(d, assessed);
    }

    /** The codes of one count of {@code m}, a measure other than the referral ones, in every dimension it has. */
    public Map<Dimension, String> other(Measure m) {
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
        return d;
    }

    /** An ethnicity code (a record's, or its correction). */
    public String ethnicity() {
        return pick(Dimension.ETHNICITY.codes(), ETHNICITY_W);
    }

    /** Counts one record in every breakdown of {@code m} (ethnic group derived from ethnicity). */
    public static void count(Map<String, Long> cube, Measure m, Map<Dimension, String> record) {
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
