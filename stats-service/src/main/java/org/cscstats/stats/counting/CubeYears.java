package org.cscstats.stats.counting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;

/**
 * Which cubes an LA has ({@code docs/measures.md} › Years): every FY from its first with a referral up to the year
 * in progress (partial), and for snapshot measures only the completed ones. Cells children contribute to other
 * years exist in the aggregates but are not published.
 */
public final class CubeYears {

    /** One cube that exists for the LA. */
    public record CubeYear(Measure measure, FinancialYear fy, boolean partial) {
        public CubeId id() {
            return new CubeId(measure.id(), FyLabels.of(fy));
        }
    }

    private CubeYears() {
    }

    /**
     * @param referralYears the FYs in which the LA has at least one referral (any order; later than
     *                      {@code currentYear} ignored)
     * @return oldest year first, measures in {@link Measure} order within a year
     */
    public static List<CubeYear> existing(Collection<FinancialYear> referralYears, FinancialYear currentYear) {
        FinancialYear first = referralYears.stream().filter(fy -> fy.compareTo(currentYear) <= 0)
                .min(FinancialYear::compareTo).orElse(null);
        List<CubeYear> out = new ArrayList<>();
        if (first == null) {
            return out;
        }
        for (FinancialYear fy = first; fy.compareTo(currentYear) <= 0; fy = fy.next()) {
            boolean partial = fy.equals(currentYear);
            for (Measure m : Measure.values()) {
                if (!(partial && m.snapshot())) {
                    out.add(new CubeYear(m, fy, partial));
                }
            }
        }
        return out;
    }

    /** Whether one cube exists; the same rule as {@link #existing}, for a single lookup. */
    public static boolean exists(Measure measure, FinancialYear fy, FinancialYear firstReferralYear,
                                 FinancialYear currentYear) {
        int limit = measure.snapshot() ? -1 : 0;
        return fy.compareTo(firstReferralYear) >= 0 && fy.compareTo(currentYear) <= limit;
    }
}
