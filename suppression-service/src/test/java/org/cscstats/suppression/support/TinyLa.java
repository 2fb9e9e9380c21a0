package org.cscstats.suppression.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Cube;

/**
 * Hand-sized LAs for worked examples: per year, referrals by ethnicity (every one aged 5-9, female, from source 2A,
 * ending without an assessment), as consistent referral and referral-outcome cubes. Codes not given are 0.
 */
public final class TinyLa {
    private TinyLa() {
    }

    public static List<Cube> year(String la, String fy, boolean partial, Map<String, Long> byEthnicity) {
        long total = byEthnicity.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> referrals = new HashMap<>();
        Map<String, Long> outcomes = new HashMap<>();
        for (Map<String, Long> m : List.of(referrals, outcomes)) {
            m.put("", total);
            m.put("age-band=5-9", total);
            m.put("referral-source=2A", total);
        }
        referrals.put("sex=F", total);
        outcomes.put("outcome=no-assessment", total);
        outcomes.put("outcome=no-assessment|age-band=5-9", total);
        outcomes.put("outcome=no-assessment|referral-source=2A", total);
        byEthnicity.forEach((e, n) -> {
            String g = "ethnic-group=" + CodeLists.ethnicGroup(e);
            for (Map<String, Long> m : List.of(referrals, outcomes)) {
                m.put("ethnicity=" + e, n);
                m.merge(g, n, Long::sum);
            }
            outcomes.put("outcome=no-assessment|ethnicity=" + e, n);
            outcomes.merge("outcome=no-assessment|" + g, n, Long::sum);
        });
        List<Cube> out = new ArrayList<>();
        out.add(new Cube(la, "referrals", fy, partial, 1, referrals));
        out.add(new Cube(la, "referral-outcomes", fy, partial, 1, outcomes));
        out.add(new Cube(la, "referrals-assessed", fy, partial, 1, Map.of()));
        return out;
    }

    public static List<Cube> years(List<List<Cube>> years) {
        List<Cube> out = new ArrayList<>();
        years.forEach(out::addAll);
        return out;
    }
}
