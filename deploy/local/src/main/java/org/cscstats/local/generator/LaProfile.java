package org.cscstats.local.generator;

import java.util.List;

/**
 * One generated LA: its DfE code, the case system it "runs", its expected referrals in each financial year
 * (index 0 = the config's first year) and its social workers.
 */
public record LaProfile(String code, String source, List<Double> referralsPerYear, List<String> workers) {

    public LaProfile {
        referralsPerYear = List.copyOf(referralsPerYear);
        workers = List.copyOf(workers);
    }

    /** Expected referrals per year in the FY starting {@code startYear}; before the first year, the first's. */
    double referralsIn(int firstYear, int startYear) {
        int i = Math.max(0, Math.min(referralsPerYear.size() - 1, startYear - firstYear));
        return referralsPerYear.get(i);
    }
}
